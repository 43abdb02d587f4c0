"""Impact records as business-framed statements, and a person's impact summary.

A deep specialist rarely says "I shaped strategy"; they say "I moved the event
pipeline to Arrow". This module says what that *did* in the four categories a
business counts: risk reduced, capability enabled, efficiency gained,
excellence raised — "This reduces our cloud cost by $1M/year, which the
product team needs for their Q2 roadmap."
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from latticework.growth.person_data import ImpactRecord
from latticework.growth.quantities import Quantity, format_quantity, parse_unit

CATEGORY_NAMES: dict[str, str] = {
    "risk_reduction": "Risk reduction",
    "enablement": "Capability enablement",
    "efficiency": "Efficiency",
    "excellence": "Excellence",
}
CATEGORIES = tuple(CATEGORY_NAMES)

# Metrics where a positive value (better) means the number went down.
_LOWER_IS_BETTER = (
    "cost",
    "spend",
    "latency",
    "time",
    "duration",
    "toil",
    "pages",
    "paging",
    "incident",
    "outage",
    "downtime",
    "error",
    "failure",
    "defect",
    "bug",
    "churn",
    "risk",
    "exposure",
    "vulnerabilit",
    "breach",
    "fine",
    "loss",
    "mttr",
    "backlog",
    "waste",
    "attrition",
)


@dataclass(frozen=True, slots=True)
class ImpactStatement:
    """One record as a sentence: the person's own words when they gave them, and our framing."""

    record: ImpactRecord
    quantity: Quantity | None
    framed: str
    """Generated from the structured fields."""
    own_words: str | None

    @property
    def text(self) -> str:
        """What to show: the person's words if given, else the framed statement."""
        return self.own_words or self.framed

    @property
    def category_name(self) -> str:
        return CATEGORY_NAMES.get(self.record.category, self.record.category)

    def to_dict(self) -> dict[str, object]:
        r = self.record
        return {
            "impact_id": r.impact_id,
            "date": r.date.isoformat(),
            "category": r.category,
            "title": r.title,
            "statement": self.text,
            "framed": self.framed,
            "own_words": self.own_words,
            "quantity": self.quantity.to_dict() if self.quantity else None,
            "metric": r.metric,
            "beneficiary": r.beneficiary,
            "horizon": r.horizon,
            "evidence": r.evidence,
            "competency": r.competency,
        }


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _lower_is_better(metric: str) -> bool:
    lowered = metric.lower()
    return any(word in lowered for word in _LOWER_IS_BETTER)


def _plural_subject(noun: str) -> bool:
    """'the product team' needs; 'the payments teams' need; 'our customers' need."""
    last = noun.strip().split()[-1].lower() if noun.strip() else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _names_the_unit(metric: str, unit: str) -> bool:
    words = metric.lower().split()
    return bool(words) and bool(unit) and words[-1].rstrip("s") == unit.lower().rstrip("s")


def _with_our(metric: str) -> str:
    lowered = metric.lower()
    if lowered.startswith(("our ", "the ", "a ", "an ", "their ", "its ")):
        return metric
    return f"our {metric}"


# Metrics named as an outcome ("cloud cost saved", "incidents prevented") end in a
# participle; the statement uses its present tense as the verb.
_PRESENT_TENSE = {
    "saved": "saves",
    "avoided": "avoids",
    "prevented": "prevents",
    "reduced": "reduces",
    "closed": "closes",
    "cut": "cuts",
    "removed": "removes",
    "eliminated": "eliminates",
    "fixed": "fixes",
    "enabled": "enables",
    "unblocked": "unblocks",
    "launched": "launches",
    "supported": "supports",
    "onboarded": "onboards",
    "automated": "automates",
    "mentored": "mentors",
    "trained": "trains",
    "hired": "hires",
    "attracted": "attracts",
    "led": "leads",
    "given": "gives",
    "published": "publishes",
    "won": "wins",
}


def _outcome_body(record: ImpactRecord, quantity: Quantity) -> str | None:
    """'This saves $78k/year in cloud cost', 'This prevents an estimated 6 incidents a year',
    'This raises the bar: 52 people trained' — for metrics named as an outcome."""
    words = (record.metric or "").split()
    if len(words) < 2 or words[-1].lower() not in _PRESENT_TENSE:
        return None
    participle = words[-1].lower()
    verb = _PRESENT_TENSE[participle]
    noun = " ".join(words[:-1])
    estimated = "an estimated " if record.category == "risk_reduction" else ""
    if quantity.kind == "count":
        counted = quantity
        if _names_the_unit(noun, quantity.unit):
            counted = Quantity("count", quantity.value, noun, quantity.period)
        amount = format_quantity(counted)
        if record.category == "excellence":
            return f"This raises the bar: {amount} {participle}"
        if counted is quantity:
            return f"This {verb} {estimated}{amount} ({noun})"
        return f"This {verb} {estimated}{amount}"
    amount = format_quantity(quantity)
    if quantity.kind == "money":
        return f"This {verb} {estimated}{amount} in {noun}"
    if record.category == "excellence":
        return f"This raises the bar: {noun} {participle} by {amount}"
    return f"This {verb} {noun} by {amount}"


_WITHOUT_METRIC = {
    # category: (clause with an amount, clause without one)
    "efficiency": ("This saves {amount}", "This makes us more efficient"),
    "risk_reduction": ("This prevents an estimated {amount} of loss", "This reduces our risk"),
    "enablement": ("This enables {amount}", "This makes new work possible"),
    "excellence": ("This raises the bar: {amount}", "This raises the bar"),
}


def _body_without_metric(record: ImpactRecord, quantity: Quantity | None) -> str:
    """When no metric was given, the title already says what was done: say what it gave."""
    with_amount, without = _WITHOUT_METRIC.get(record.category, _WITHOUT_METRIC["excellence"])
    if quantity is None:
        return without
    amount = format_quantity(quantity)
    if quantity.kind == "percent":
        noun = {"efficiency": "efficiency", "risk_reduction": "risk"}.get(record.category)
        verb = "reduces" if noun == "risk" else "improves"
        return f"This {verb} {noun} by {amount}" if noun else f"{with_amount.format(amount=amount)}"
    if quantity.kind == "count" and record.category == "risk_reduction":
        return f"This prevents an estimated {amount}"
    if quantity.kind == "multiplier":
        return f"This is a {amount} improvement"
    return with_amount.format(amount=amount)


def _body(record: ImpactRecord, quantity: Quantity | None) -> str:
    """The main clause, by category, with the quantity said correctly."""
    if not record.metric:
        return _body_without_metric(record, quantity)
    metric = record.metric
    if quantity is not None and (outcome := _outcome_body(record, quantity)) is not None:
        return outcome
    if quantity is not None and quantity.kind == "count" and _names_the_unit(metric, quantity.unit):
        # "5 hires" of metric "senior hires" reads better as "5 senior hires".
        quantity = Quantity("count", quantity.value, metric, quantity.period)
        counted = format_quantity(quantity)
        return {
            "risk_reduction": f"This prevents an estimated {counted}",
            "enablement": f"This enables {counted}",
            "efficiency": f"This saves {counted}",
        }.get(record.category, f"This raises the bar: {counted}")
    amount = format_quantity(quantity) if quantity else None
    category = record.category
    if category == "efficiency":
        if amount is None:
            return f"This improves {_with_our(metric)}"
        if quantity is not None and quantity.kind == "multiplier":
            verb = "cuts" if _lower_is_better(metric) else "multiplies"
            return f"This {verb} {_with_our(metric)} {amount}"
        verb = "reduces" if _lower_is_better(metric) else "improves"
        return f"This {verb} {_with_our(metric)} by {amount}"
    if category == "risk_reduction":
        if amount is None:
            return f"This reduces the risk of {metric}"
        if quantity is not None and quantity.kind == "money":
            return f"This avoids an estimated {amount} of {metric}"
        if quantity is not None and quantity.kind == "count":
            return f"This prevents an estimated {amount} ({metric})"
        return f"This reduces {_with_our(metric)} by {amount}"
    if category == "enablement":
        if amount is None:
            return f"This enables {metric}"
        if quantity is not None and quantity.kind == "count":
            return f"This enables {metric} for {amount}"
        return f"This enables {metric} ({amount})"
    # excellence
    if amount is None:
        return f"This raises the bar in {metric}"
    if quantity is not None and quantity.kind == "count":
        return f"This raises the bar: {amount} ({metric})"
    return f"This raises {_with_our(metric)} by {amount}"


_PURPOSE_WORDS = (
    "roadmap",
    "launch",
    "plan",
    "release",
    "goal",
    "okr",
    "migration",
    "deadline",
    "programme",
    "program",
    "initiative",
    "audit",
    "strategy",
)


def _when(horizon: str) -> str:
    """A time horizon as an adverbial: 'this year', 'over the next three years', 'in Q2'."""
    lowered = horizon.lower()
    if lowered.startswith(("the next", "next ")):
        return f"over {horizon}" if lowered.startswith("the") else f"over the {horizon}"
    if lowered.startswith(("this ", "by ", "within ", "in ", "over ", "until ", "before ")):
        return horizon
    return f"in {horizon}"


def _beneficiary_clause(record: ImpactRecord) -> str:
    """', which the product team needs for their Q2 roadmap' or ' for our customers this year'."""
    who, when = record.beneficiary, record.horizon
    purpose = bool(when) and any(w in (when or "").lower() for w in _PURPOSE_WORDS)
    if who and when and purpose:
        verb = "need" if _plural_subject(who) else "needs"
        return f", which {who} {verb} for {when}"
    if who and when:
        return f" for {who} {_when(when)}"
    if who:
        return f" for {who}"
    if when and purpose:
        return f", in time for {when}"
    if when:
        return f" {_when(when)}"
    return ""


def record_quantity(record: ImpactRecord) -> Quantity | None:
    if record.value is None:
        return None
    return parse_unit(record.value, record.unit)


def frame_statement(record: ImpactRecord) -> str:
    """The business-framed sentence for a structured record."""
    quantity = record_quantity(record)
    lead = _sentence(record.title) + " " if record.title else ""
    return lead + _sentence(_body(record, quantity) + _beneficiary_clause(record))


def impact_statement(record: ImpactRecord) -> ImpactStatement:
    own = _sentence(record.statement) if record.statement else None
    return ImpactStatement(record, record_quantity(record), frame_statement(record), own)


def impact_statements(records: Iterable[ImpactRecord]) -> list[ImpactStatement]:
    return [impact_statement(r) for r in records]
