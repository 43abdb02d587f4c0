"""The access log in words: a page says what was read or changed, not the action's id."""

from __future__ import annotations

ACTION_WORDS = {
    "person.profile": "opened the profile",
    "person.export": "exported the personal data",
    "audit.view": "read the audit",
    "audit.people": "listed who a finding is about",
    "audit.small-cells": "read the residuals of a small group",
    "remediation.plan": "read a remediation plan",
    "account.create": "created an account",
    "account.role": "changed an account's role",
    "account.link": "linked an account to a person",
    "account.unlink": "unlinked an account",
    "account.enable": "enabled an account",
    "account.disable": "disabled an account",
    "account.password": "set a password",
    "account.sessions": "ended sessions",
    "account.token": "revoked an API token",
}
PREFIX_WORDS = {
    "eu-report": "read the EU pay report",
    "eu-assess": "read the joint pay assessment",
}


def action_words(action: str) -> str:
    """`person.profile` → "opened the profile"; `eu-report:E:2026` → "read the EU pay report
    (E, 2026)"; an action this list does not know yet reads as its words."""
    if action in ACTION_WORDS:
        return ACTION_WORDS[action]
    head, _, rest = action.partition(":")
    if head in PREFIX_WORDS:
        return f"{PREFIX_WORDS[head]} ({rest.replace(':', ', ')})" if rest else PREFIX_WORDS[head]
    return action.replace(".", " ").replace("-", " ").replace("_", " ")
