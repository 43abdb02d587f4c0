"""The framework as the web shows it: tracks side by side with grades as rows (the grid of
`framework.overview.grade_rows`, which `show` draws too), and one level in detail
(paths, equivalent levels, expectations per path, band).

Bands are included only when the caller says the reader may see pay.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from latticework.framework.model import Framework
from latticework.framework.overview import grade_rows
from latticework.framework.promotion_terms import next_level_met_words
from latticework.services.access import not_found


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class LevelRef(_View):
    id: str
    title: str
    grade: str
    track: str
    track_name: str
    discipline: str


class BandView(_View):
    zone: str
    currency: str
    min: float
    mid: float
    max: float


class PathRef(_View):
    id: str
    name: str
    kind: str
    domain: str | None = None


class GridCell(_View):
    track: str
    levels: list[LevelRef]
    paths: list[PathRef] = []
    """The paths open at these levels: each track's paths in its own column."""


class GridRow(_View):
    grade: str
    grade_name: str
    cells: list[GridCell]
    paths: list[PathRef]
    bands: list[BandView] | None = None
    """None when the reader may not see pay."""


class TrackRef(_View):
    id: str
    name: str
    kind: str
    description: str = ""


class DisciplineGrid(_View):
    organisation: str
    version: str
    discipline: str
    discipline_name: str
    disciplines: list[TrackRef]
    """Every discipline (as id and name), to switch between them."""
    tracks: list[TrackRef]
    rows: list[GridRow]
    """Most senior grade first."""


class ExpectationView(_View):
    competency: str
    competency_name: str
    category: str
    text: str
    weight: float
    path_specific: bool


class EvaluationView(_View):
    """The level's job evaluation: why it sits at its grade, next to its equivalents."""

    method: str
    total: float
    out_of: int
    factors: list[tuple[str, float]]
    """(factor name, points), in the plan's order."""
    equivalents: list[tuple[LevelRef, float]]
    """The levels sharing its grade in other tracks and disciplines, with their points."""


class LevelDetail(_View):
    level: LevelRef
    description: str
    paths: list[PathRef]
    path: PathRef | None
    """The path whose expectations are shown (the first open path unless one is chosen)."""
    expectations: list[ExpectationView]
    equivalent_levels: list[LevelRef]
    next_level: LevelRef | None
    bands: list[BandView] | None = None
    promotion_rule: str
    evaluation: EvaluationView | None = None


def _ref(fw: Framework, level_id: str) -> LevelRef:
    p = fw.placement(level_id)
    return LevelRef(
        id=p.level.id,
        title=p.level.title,
        grade=p.level.grade,
        track=p.track.id,
        track_name=p.track.name,
        discipline=p.discipline.id,
    )


def _bands(fw: Framework, grade_id: str, level_ids: list[str]) -> list[BandView]:
    bands = [
        b for b in fw.bands if b.grade == grade_id or (b.level is not None and b.level in level_ids)
    ]
    return [
        BandView(zone=b.zone, currency=b.currency, min=b.min, mid=b.mid, max=b.max) for b in bands
    ]


def _path_ref(fw: Framework, path_id: str) -> PathRef:
    p = fw.path(path_id)
    return PathRef(id=p.id, name=p.name, kind=p.kind.value, domain=p.domain)


def _paths_at(fw: Framework, level_ids: list[str]) -> list[PathRef]:
    found: dict[str, PathRef] = {}
    for level_id in level_ids:
        for path in fw.paths_for_level(level_id):
            found.setdefault(path.id, _path_ref(fw, path.id))
    return list(found.values())


HERE_MARK = "<!--here:{level}-->"
"""Where the cached grid HTML marks a level, for `mark_here` to fill in per reader."""
HERE_BADGE = ' <strong class="here">You are here</strong>'


def mark_here(grid_html: str, level_id: str | None) -> str:
    """The grid with "You are here" at the reader's own level (the grid itself is rendered
    once for everyone; only this mark differs between readers)."""
    if not level_id:
        return grid_html
    return grid_html.replace(HERE_MARK.format(level=level_id), HERE_BADGE)


def discipline_grid(
    fw: Framework, discipline_id: str | None, *, with_bands: bool
) -> DisciplineGrid:
    """The picture of "equal" for one discipline (the first one when none is named)."""
    if not fw.disciplines:
        raise not_found("discipline", discipline_id or "")
    ids = [d.id for d in fw.disciplines]
    chosen = discipline_id or ids[0]
    if chosen not in ids:
        raise not_found("discipline", chosen)
    discipline = fw.discipline(chosen)
    rows: list[GridRow] = []
    for row in grade_rows(fw, chosen):
        grade = row.grade
        cells = [
            GridCell(
                track=t.id,
                levels=[_ref(fw, lv.id) for lv in levels],
                paths=_paths_at(fw, [lv.id for lv in levels]),
            )
            for t, levels in row.cells
        ]
        level_ids = [lv.id for lv in row.levels]
        paths: dict[str, PathRef] = {}
        for level_id in level_ids:
            for path in fw.paths_for_level(level_id):
                paths.setdefault(path.id, _path_ref(fw, path.id))
        rows.append(
            GridRow(
                grade=grade.id,
                grade_name=grade.name,
                cells=cells,
                paths=list(paths.values()),
                bands=_bands(fw, grade.id, level_ids) if with_bands else None,
            )
        )
    return DisciplineGrid(
        organisation=fw.organisation,
        version=fw.version,
        discipline=discipline.id,
        discipline_name=discipline.name,
        disciplines=[TrackRef(id=d.id, name=d.name, kind="discipline") for d in fw.disciplines],
        tracks=[
            TrackRef(id=t.id, name=t.name, kind=t.kind.value, description=t.description)
            for t in discipline.tracks
        ],
        rows=rows,
    )


def level_detail(
    fw: Framework, level_id: str, path_id: str | None, *, with_bands: bool
) -> LevelDetail:
    """One level: its paths, what each path expects, its equivalents and (maybe) its band."""
    if not fw.has_level(level_id):
        raise not_found("level", level_id)
    here = fw.placement(level_id)
    paths = fw.paths_for_level(level_id)
    if path_id is not None and path_id not in [p.id for p in paths]:
        raise not_found(f"path at level {level_id}", path_id)
    chosen = path_id or (paths[0].id if paths else None)
    expectations = [
        ExpectationView(
            competency=e.competency.id,
            competency_name=e.competency.name,
            category=e.competency.category.value,
            text=e.expectation.text,
            weight=e.weight,
            path_specific=e.expectation.path is not None,
        )
        for e in fw.expectations_for(level_id, chosen)
    ]
    nxt = fw.next_level(level_id)
    rule = fw.promotion
    rule_text = (
        "Every expectation of the next level met"
        if rule.rule == "all-expectations"
        else f"Weighted share of expectations met ≥ {rule.threshold:.0%}"
        if rule.threshold is not None
        else "Weighted threshold"
    )
    return LevelDetail(
        level=_ref(fw, level_id),
        description=here.level.description,
        paths=[_path_ref(fw, p.id) for p in paths],
        path=_path_ref(fw, chosen) if chosen else None,
        expectations=expectations,
        equivalent_levels=[
            _ref(fw, e.level.id) for e in fw.equivalent_levels(level_id, same_discipline=False)
        ],
        next_level=_ref(fw, nxt.id) if nxt else None,
        bands=_bands(fw, here.level.grade, [level_id]) if with_bands else None,
        promotion_rule=f"{rule_text}: {next_level_met_words(rule)}.",
        evaluation=_evaluation(fw, level_id),
    )


def _evaluation(fw: Framework, level_id: str) -> EvaluationView | None:
    from latticework.framework.evaluation_points import level_values

    plan = fw.evaluation
    values = {v.level: v for v in level_values(fw)}
    here = values.get(level_id)
    if plan is None or here is None:
        return None
    return EvaluationView(
        method=plan.method,
        total=here.total,
        out_of=plan.total_points,
        factors=[(f.name, here.factors.get(f.id, 0.0)) for f in plan.factors],
        equivalents=[
            (_ref(fw, v.level), v.total)
            for v in values.values()
            if v.grade == here.grade and v.level != level_id
        ],
    )
