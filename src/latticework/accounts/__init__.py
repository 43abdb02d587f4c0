"""Accounts of the web app: users and their roles, API tokens, the access log, passwords.

A domain package: the values and rules, no storage. Services keep accounts
through the unit of work's `accounts` and `access_log` repositories.
"""
