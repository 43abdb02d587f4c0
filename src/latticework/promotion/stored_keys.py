"""Promotion-process records as plain values: what storage returns and services hand on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StoredPromotions:
    """The cycle ids and nomination keys already in the database (for the importer's checks)."""

    cycles: frozenset[str] = frozenset()
    nominations: frozenset[tuple[str, str]] = frozenset()
