"""Quantities in impact: parse them out of free text and write them back out for people.

Money carries its currency and period ("$1.2M/year"), percentages and
multipliers their kind ("35%", "3x"), counts their noun ("12 incidents").
Formatting is compact in the way business writing is: $1M/year, €250k, 12
incidents a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

QuantityKind = Literal["money", "percent", "multiplier", "count", "duration"]

CURRENCY_SYMBOLS: dict[str, str] = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
_SYMBOL_CURRENCY = {v: k for k, v in CURRENCY_SYMBOLS.items()}
_CURRENCY_WORDS = {
    "usd": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "eur": "EUR",
    "euros": "EUR",
    "euro": "EUR",
    "gbp": "GBP",
    "pounds": "GBP",
    "pound": "GBP",
    "chf": "CHF",
    "cad": "CAD",
    "aud": "AUD",
    "jpy": "JPY",
    "sek": "SEK",
    "inr": "INR",
}
_SCALE = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
_PERIODS = {
    "year": "year",
    "yr": "year",
    "annum": "year",
    "annually": "year",
    "annual": "year",
    "month": "month",
    "mo": "month",
    "monthly": "month",
    "quarter": "quarter",
    "quarterly": "quarter",
    "week": "week",
    "wk": "week",
    "weekly": "week",
    "day": "day",
    "daily": "day",
    "hour": "hour",
    "hr": "hour",
}
_DURATION_UNITS = {
    "ms": "ms",
    "millisecond": "ms",
    "milliseconds": "ms",
    "s": "s",
    "sec": "s",
    "secs": "s",
    "second": "s",
    "seconds": "s",
    "min": "min",
    "mins": "min",
    "minute": "min",
    "minutes": "min",
    "h": "h",
    "hour": "h",
    "hours": "h",
    "hrs": "h",
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
}
# Words after a number that are not the thing counted.
_NOT_NOUNS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "to",
        "and",
        "or",
        "in",
        "on",
        "per",
        "by",
        "from",
        "for",
        "with",
        "at",
        "times",
        "percent",
        "x",
    }
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with what it counts: money (unit = currency), %, ×, a duration or a count noun."""

    kind: QuantityKind
    value: float
    unit: str
    period: str | None = None
    text: str = ""
    """The words it was read from, when extracted from text."""

    def __str__(self) -> str:
        return format_quantity(self)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "period": self.period,
            "text": self.text,
            "formatted": format_quantity(self),
        }


# -- formatting ------------------------------------------------------------------


def _trim(number: float, decimals: int) -> str:
    text = f"{number:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def compact_number(value: float) -> str:
    """1,000,000 → '1M', 2,500,000 → '2.5M', 250,000 → '250k', 9,500 → '9,500'."""
    magnitude = abs(value)
    if magnitude >= 1e9:
        return _trim(value / 1e9, 2) + "B"
    if magnitude >= 1e6:
        return _trim(value / 1e6, 2) + "M"
    if magnitude >= 1e4:
        return _trim(value / 1e3, 1) + "k"
    return _trim(value, 2)


def format_money(value: float, currency: str, period: str | None = None) -> str:
    """'$1M/year', '€250k', 'CHF 40k/month'."""
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    number = compact_number(value)
    text = f"{symbol}{number}" if symbol else f"{currency.upper()} {number}"
    return f"{text}/{period}" if period else text


def format_quantity(q: Quantity) -> str:
    """A quantity the way a statement says it."""
    if q.kind == "money":
        return format_money(q.value, q.unit, q.period)
    if q.kind == "percent":
        return f"{_trim(q.value, 1)}%"
    if q.kind == "multiplier":
        return f"{_trim(q.value, 1)}×"
    if q.kind == "duration":
        return f"{_trim(q.value, 1)} {q.unit}"
    noun = q.unit
    if q.value == 1 and noun.endswith("s") and not noun.endswith("ss"):
        noun = noun[:-1]
    text = f"{compact_number(q.value)} {noun}".strip()
    return f"{text} a {q.period}" if q.period else text


def parse_unit(value: float, unit: str | None) -> Quantity:
    """A record's value and unit ('USD/year', '%', 'incidents/year', '3x') as a Quantity."""
    raw = (unit or "").strip()
    base, _, period_text = raw.partition("/")
    base = base.strip()
    period = _PERIODS.get(period_text.strip().lower()) if period_text else None
    lowered = base.lower()
    if base.upper() in CURRENCY_SYMBOLS or lowered in _CURRENCY_WORDS or base in _SYMBOL_CURRENCY:
        currency = _SYMBOL_CURRENCY.get(base) or _CURRENCY_WORDS.get(lowered, base.upper())
        return Quantity("money", value, currency, period)
    if re.fullmatch(r"[A-Z]{3}", base):
        return Quantity("money", value, base, period)
    if base in ("%", "percent", "pct"):
        return Quantity("percent", value, "%", period)
    if lowered in ("x", "×", "times"):
        return Quantity("multiplier", value, "×", period)
    if lowered in _DURATION_UNITS:
        return Quantity("duration", value, _DURATION_UNITS[lowered], period)
    return Quantity("count", value, base, period)


def unit_text(q: Quantity) -> str:
    """The unit as an impact record writes it ('USD/year', '%', 'x', 'incidents/year');
    `parse_unit(q.value, unit_text(q))` gives the quantity back."""
    base = {"percent": "%", "multiplier": "x"}.get(q.kind, q.unit)
    return f"{base}/{q.period}" if q.period else base


# -- extraction ------------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_RE = r"thousand|million|billion|bn|mn|mm|k|m|b"
_PERIOD_RE = (
    r"(?:\s*(?:/|per\s+|a\s+|an\s+|each\s+|every\s+)\s*"
    r"(?P<period>year|yr|annum|month|mo|quarter|week|wk|day|hour|hr)\b"
    r"|\s+(?P<adverb>annually|monthly|quarterly|weekly|daily)\b)?"
)
_MONEY_SYMBOL = re.compile(
    rf"(?P<sym>[$€£¥₹])\s?(?P<num>{_NUMBER})\s?(?P<scale>{_SCALE_RE})?\b{_PERIOD_RE}",
    re.IGNORECASE,
)
_MONEY_CODE = re.compile(
    rf"(?:(?P<pre>USD|EUR|GBP|CHF|CAD|AUD|JPY|SEK|INR)\s?(?P<num1>{_NUMBER})\s?(?P<scale1>{_SCALE_RE})?\b"
    rf"|(?P<num2>{_NUMBER})\s?(?P<scale2>{_SCALE_RE})?\s?"
    r"(?P<post>USD|EUR|GBP|CHF|CAD|AUD|JPY|SEK|INR|dollars|euros|pounds)\b)"
    rf"{_PERIOD_RE}",
    re.IGNORECASE,
)
_PERCENT = re.compile(rf"(?P<num>{_NUMBER})\s?(?:%|percent\b|per\s?cent\b)", re.IGNORECASE)
_MULTIPLIER = re.compile(rf"\b(?P<num>{_NUMBER})\s?(?:x|×|times)(?![a-z])", re.IGNORECASE)
_DURATION = re.compile(
    rf"\b(?P<num>{_NUMBER})\s?(?P<unit>milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|hours?|hrs|h|days?|weeks?|months?)\b",
    re.IGNORECASE,
)
_COUNT = re.compile(
    rf"(?<![\w$€£¥₹.,])(?P<num>{_NUMBER})\s?(?P<scale>k|thousand|million|m)?\+?\s+"
    r"(?P<noun>[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*)?)"
)
_YEAR = re.compile(r"^(19|20)\d\d$")
_COUNT_PERIOD = re.compile(
    r"\s*(?:/|per\s+|a\s+|an\s+|each\s+|every\s+)\s*"
    r"(?P<period>year|yr|annum|month|mo|quarter|week|wk|day|hour|hr)\b"
    r"|\s+(?P<adverb>annually|monthly|quarterly|weekly|daily)\b",
    re.IGNORECASE,
)


def _number(text: str, scale: str | None) -> float:
    value = float(text.replace(",", ""))
    if scale:
        value *= _SCALE[scale.lower()]
    return value


def _period(match: re.Match[str]) -> str | None:
    word = match.group("period") or match.group("adverb")
    return _PERIODS[word.lower()] if word else None


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity in a sentence, in reading order: money, %, ×, durations and counts."""
    found: list[tuple[int, int, Quantity]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(match: re.Match[str], quantity: Quantity) -> None:
        start, end = match.span()
        if free(start, end):
            taken.append((start, end))
            found.append((start, end, quantity))

    for m in _MONEY_SYMBOL.finditer(text):
        value = _number(m.group("num"), m.group("scale"))
        add(m, Quantity("money", value, _SYMBOL_CURRENCY[m.group("sym")], _period(m), m.group(0)))
    for m in _MONEY_CODE.finditer(text):
        code = m.group("pre") or m.group("post")
        num = m.group("num1") or m.group("num2")
        scale = m.group("scale1") or m.group("scale2")
        currency = _CURRENCY_WORDS.get(code.lower(), code.upper())
        add(m, Quantity("money", _number(num, scale), currency, _period(m), m.group(0)))
    for m in _PERCENT.finditer(text):
        add(m, Quantity("percent", _number(m.group("num"), None), "%", None, m.group(0)))
    for m in _MULTIPLIER.finditer(text):
        add(m, Quantity("multiplier", _number(m.group("num"), None), "×", None, m.group(0)))
    for m in _DURATION.finditer(text):
        unit = _DURATION_UNITS[m.group("unit").lower()]
        add(m, Quantity("duration", _number(m.group("num"), None), unit, None, m.group(0)))
    for m in _COUNT.finditer(text):
        number = m.group("num")
        if _YEAR.match(number) and not m.group("scale"):
            continue
        words = m.group("noun").split()
        if words[0].lower() in _NOT_NOUNS:
            continue
        # Keep "engineering teams" but not "incidents last": a second word that is
        # a plural noun joins the first, anything else is dropped.
        noun = words[0]
        if len(words) > 1 and words[1].lower().endswith("s") and not words[0].endswith("s"):
            noun = f"{words[0]} {words[1]}"
        count_span = (m.start(), m.start("noun") + len(noun))
        period_match = _COUNT_PERIOD.match(text, count_span[1])
        period = _period(period_match) if period_match else None
        if period_match:
            count_span = (count_span[0], period_match.end())
        if free(*count_span):
            taken.append(count_span)
            value = _number(number, m.group("scale"))
            quantity = Quantity("count", value, noun.lower(), period, text[slice(*count_span)])
            found.append((count_span[0], count_span[1], quantity))
    found.sort(key=lambda item: item[0])
    return [q for _, _, q in found]
