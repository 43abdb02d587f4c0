"""Lint rules, one theme per module; every module here is imported by `all_rules()`."""
