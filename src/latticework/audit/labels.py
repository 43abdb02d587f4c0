"""Names of groups in the users' words: "Principal Engineers", "managers at grade G8"."""

from __future__ import annotations

from latticework.audit.context import AuditContext
from latticework.framework.model import TrackKind

TRACK_NAMES = {"ic": "ICs", "management": "managers", "other": "other tracks"}


def plural(title: str) -> str:
    """Principal Engineer → Principal Engineers; Director of Design → Directors of Design."""
    if " of " in title:
        head, tail = title.split(" of ", 1)
        return f"{plural(head)} of {tail}"
    if title.endswith(("s", "sh", "ch")):
        return title + "es"
    if title.endswith("y") and not title.endswith(("ay", "ey", "oy")):
        return title[:-1] + "ies"
    return title + "s"


def track_group(ctx: AuditContext, grade_id: str, kind: TrackKind) -> str:
    """The plural title when the people compared hold one level ("Principal Engineers"), else "ICs".

    The levels are those held by active people, so an engineering-only organisation
    reads "Principal Engineers" even though design and product have G8 levels too.
    """
    held = ctx.shared("titles-held", lambda: _titles_held(ctx))
    titles = sorted(t for t in ctx.titles_at(grade_id, kind) if (grade_id, kind.value, t) in held)
    if len(titles) == 1:
        return plural(titles[0])
    return TRACK_NAMES[kind.value]


def _titles_held(ctx: AuditContext) -> set[tuple[str, str, str]]:
    people = ctx.population.active
    held = people[["grade", "track_kind", "level_title"]].drop_duplicates()
    return {(str(g), str(k), str(t)) for g, k, t in held.itertuples(index=False)}


CONTROL_WORDS = {
    "grade": "grade",
    "track_kind": "track",
    "zone": "zone",
    "level_discipline": "discipline",
    "tenure_years": "tenure",
    "performance_rating": "performance rating",
}


def control_words(columns: list[str]) -> list[str]:
    """The fitted model's control columns in words, in the order they are listed."""
    return [CONTROL_WORDS[c] for c in CONTROL_WORDS if c in columns]


def after_controlling_for(controls: list[str]) -> str:
    """ " after controlling for grade and tenure", or nothing when no control was fitted."""
    return f" after controlling for {controls_text(controls)}" if controls else ""


def controls_text(controls: list[str]) -> str:
    if not controls:
        return ""
    if len(controls) == 1:
        return controls[0]
    return ", ".join(controls[:-1]) + " and " + controls[-1]


GROUP_WORDS = {"female": "women", "male": "men"}


def group_words(value: str) -> str:
    """A group of a protected attribute in a sentence: "women", "people with 'x'"."""
    return GROUP_WORDS.get(value, f"people with '{value}'")
