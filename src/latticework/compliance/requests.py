"""The Article 7 request register's rules: when an answer is due, and when it is overdue.

The Directive gives employers "a reasonable period of time, but in any case
within two months" (Art. 7(4)); a member state may set a shorter period, so
the period is per country.
"""

from __future__ import annotations

import calendar
from datetime import date

DEFAULT_ANSWER_MONTHS = 2
MAX_ANSWER_MONTHS = 2
STATUSES = ("open", "answered")


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has fewer days."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def answer_months(country: str | None, overrides: dict[str, int]) -> int:
    return overrides.get(country or "", DEFAULT_ANSWER_MONTHS)


def due_date(received_on: date, country: str | None, overrides: dict[str, int]) -> date:
    return add_months(received_on, answer_months(country, overrides))


def is_overdue(status: str, due_on: date, today: date) -> bool:
    return status == "open" and today > due_on
