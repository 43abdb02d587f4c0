"""`latticework show`: the tracks side by side, grades as rows, in text and Markdown.

The text form is for a terminal 80-120 columns wide: per discipline, the grade
grid (a row holds equivalent levels), then the lattice (which paths are open at
each grade, on which track); then the bands of every grade per zone. The
Markdown form holds the whole framework, expectations included.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table

from latticework.framework.model import Band, Discipline, Framework
from latticework.framework.overview import grade_grid, lattice_grid, track_abbreviations
from latticework.framework.promotion_terms import promotion_summary


def short_money(value: float) -> str:
    """96000 → 96k, 1250000 → 1.25M: band figures that fit a terminal cell."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:.3g}M"
    if value >= 1_000:
        return f"{value / 1_000:.4g}k"
    return f"{value:.4g}"


def _band_cell(band: Band | None) -> str:
    if band is None:
        return "—"
    return f"{short_money(band.min)} · {short_money(band.mid)} · {short_money(band.max)}"


def _unique_disciplines(fw: Framework) -> list[Discipline]:
    """Disciplines as the model indexes them: a repeated id (a lint error) is shown once."""
    return [d for d in fw.disciplines if fw.discipline(d.id) is d]


def _grade_label(fw: Framework, grade_id: str) -> str:
    grade = fw.grade(grade_id)
    return f"{grade.id} {grade.name}".strip()


def framework_text(fw: Framework, width: int = 120) -> str:
    """The framework for a terminal of `width` columns."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=max(60, width), force_terminal=False, highlight=False, emoji=False
    )
    console.print(f"{fw.organisation} — framework {fw.version}", markup=False)
    console.print(f"Promotion: {promotion_summary(fw.promotion)}", markup=False)
    for d in _unique_disciplines(fw):
        _print_discipline(console, fw, d.id)
    if fw.bands:
        _print_bands(console, fw)
    if fw.forums or fw.leadership_roles:
        _print_influence(console, fw)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _print_discipline(console: Console, fw: Framework, discipline_id: str) -> None:
    discipline = fw.discipline(discipline_id)
    console.print()
    grid = Table(
        title=f"{discipline.name}: a row's levels are equivalent (same band, same standing)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    grid.add_column("Grade", no_wrap=True)
    for t in discipline.tracks:
        grid.add_column(t.name)
    for grade_id, cells in grade_grid(fw, discipline_id):
        grid.add_row(
            _grade_label(fw, grade_id),
            *["\n".join(cells[t.id]) or "—" for t in discipline.tracks],
        )
    console.print(grid)
    rows = lattice_grid(fw, discipline_id)
    if not rows:
        return
    labels = track_abbreviations(discipline.tracks)
    legend = " · ".join(f"{labels[t.id]} = {t.name}" for t in discipline.tracks)
    grades = [g for g, _ in reversed(grade_grid(fw, discipline_id))]
    lattice = Table(
        title=f"{discipline.name} lattice: the paths open at each grade",
        title_justify="left",
        caption=legend,
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    lattice.add_column("Path", ratio=1)
    for g in grades:
        lattice.add_column(g, justify="center", no_wrap=True)
    for path, open_on in rows:
        lattice.add_row(
            path.name,
            *[" ".join(labels[t.id] for t in open_on.get(g, [])) or "·" for g in grades],
        )
    console.print(lattice)


def _print_influence(console: Console, fw: Framework) -> None:
    console.print()
    table = Table(
        title="Influence: forums and project-based leadership roles",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("Forum or role", ratio=2)
    table.add_column("From", no_wrap=True)
    table.add_column("Open to", ratio=1)
    table.add_column("Terms", ratio=2)
    for f in fw.forums:
        power = "decision authority" if f.decision_authority else "advisory"
        table.add_row(
            f.name, f.min_grade, ", ".join(f.tracks) or "all tracks", f"{f.kind}, {power}"
        )
    for r in fw.leadership_roles:
        where = ", ".join(r.disciplines) or "all disciplines"
        manages = "manages people" if r.people_management else "no people management"
        table.add_row(
            r.name,
            r.min_grade or "any",
            f"{', '.join(r.open_to_tracks)} in {where}",
            f"{r.time_box_months} months, {manages}",
        )
    console.print(table)


def _print_bands(console: Console, fw: Framework) -> None:
    console.print()
    zones = [z for z in fw.zones if any(b.zone == z.id for b in fw.bands)]
    table = Table(
        title="Bands: annual base pay, min · mid · max, per grade and zone",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("Grade", no_wrap=True)
    for z in zones:
        table.add_column(f"{z.id} ({z.currency})", no_wrap=True)
    by_grade = {(b.grade, b.zone): b for b in reversed(fw.bands) if b.level is None}
    for grade in reversed(fw.grades_by_rank()):
        if any((grade.id, z.id) in by_grade for z in zones):
            table.add_row(grade.id, *[_band_cell(by_grade.get((grade.id, z.id))) for z in zones])
    by_level = {(b.level, b.zone): b for b in reversed(fw.bands) if b.level is not None}
    for level_id in dict.fromkeys(lv for lv, _ in by_level):
        table.add_row(
            f"{level_id} (level)", *[_band_cell(by_level.get((level_id, z.id))) for z in zones]
        )
    console.print(table)


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", "<br>") for c in cells) + " |"


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [_md_row(header), "|" + "---|" * len(header), *(_md_row(r) for r in rows), ""]


def _money(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def framework_markdown(fw: Framework) -> str:
    """The whole framework as a Markdown document: grids, lattice, expectations, bands."""
    out = [f"# {fw.organisation} — framework {fw.version}", ""]
    if fw.description:
        out += [fw.description, ""]
    out += [
        "## Promotion",
        "",
        f"Promotion rule `{fw.promotion.rule}`: {promotion_summary(fw.promotion)}",
        "",
    ]
    out += ["## Grades", ""]
    out += _md_table(
        ["Grade", "Rank", "Name", "Levels"],
        [
            [g.id, str(g.rank), g.name, ", ".join(p.level.id for p in fw.levels_at_grade(g.id))]
            for g in reversed(fw.grades_by_rank())
        ],
    )
    for d in _unique_disciplines(fw):
        out += [f"## {d.name}", ""]
        if d.description:
            out += [d.description, ""]
        out += ["Levels on one row are equivalent: same grade, same band, same standing.", ""]
        out += _md_table(
            ["Grade", *[t.name for t in d.tracks]],
            [
                [_grade_label(fw, g), *["<br>".join(cells[t.id]) or "—" for t in d.tracks]]
                for g, cells in grade_grid(fw, d.id)
            ],
        )
        out += _descriptions_markdown(d)
        rows = lattice_grid(fw, d.id)
        if rows:
            labels = track_abbreviations(d.tracks)
            grades = [g for g, _ in reversed(grade_grid(fw, d.id))]
            legend = ", ".join(f"{labels[t.id]} = {t.name}" for t in d.tracks)
            out += [f"### {d.name} lattice", "", f"Paths open at each grade ({legend}).", ""]
            out += _md_table(
                ["Path", *grades],
                [
                    [path.name, *[" ".join(labels[t.id] for t in c.get(g, [])) for g in grades]]
                    for path, c in rows
                ],
            )
    out += _paths_markdown(fw)
    out += _competencies_markdown(fw)
    out += _bands_markdown(fw)
    out += _growth_markdown(fw)
    return "\n".join(out)


def _descriptions_markdown(d: Discipline) -> list[str]:
    """What each track and level is, in the framework's own words (when it has them)."""
    out: list[str] = []
    for t in d.tracks:
        described = [lv for lv in t.levels if lv.description]
        if not t.description and not described:
            continue
        out += [f"### {d.name}: {t.name}", ""]
        if t.description:
            out += [t.description, ""]
        out += [f"- **{lv.id} {lv.title}** ({lv.grade}): {lv.description}" for lv in described]
        out += [""] if described else []
    return out


def _paths_markdown(fw: Framework) -> list[str]:
    if not fw.paths:
        return []
    out = ["## Paths", ""]
    rows = []
    for p in fw.paths:
        if p.min_grade and p.max_grade:
            grades = f"{p.min_grade}–{p.max_grade}"
        elif p.min_grade or p.max_grade:
            grades = f"{p.min_grade} and up" if p.min_grade else f"up to {p.max_grade}"
        else:
            grades = "all"
        weights = ", ".join(f"{c} ×{w:g}" for c, w in p.competency_weights.items())
        rows.append(
            [
                f"**{p.name}** (`{p.id}`)",
                p.kind.value + (f": {p.domain}" if p.domain else ""),
                ", ".join(p.tracks),
                ", ".join(p.disciplines) or "all",
                grades,
                weights or "all ×1",
                p.description,
            ]
        )
    return out + _md_table(
        ["Path", "Kind", "Tracks", "Disciplines", "Grades", "Weights", "Description"], rows
    )


def _competencies_markdown(fw: Framework) -> list[str]:
    if not fw.competencies:
        return []
    out = ["## Competencies", ""]
    ranks = {g.id: g.rank for g in fw.grades}
    for c in fw.competencies:
        scope = ", ".join(c.disciplines) or "all disciplines"
        out += [f"### {c.name} (`{c.id}`, {c.category.value}, {scope})", ""]
        if c.description:
            out += [c.description, ""]
        ordered = sorted(
            c.expectations,
            key=lambda e: (-ranks.get(e.grade, -1), e.path is not None, e.discipline or "", e.path),
        )
        out += _md_table(
            ["Grade", "Applies to", "Expectation"],
            [
                [
                    e.grade,
                    " · ".join(x for x in (e.discipline, e.path) if x) or "everyone",
                    e.text,
                ]
                for e in ordered
            ],
        )
    return out


def _bands_markdown(fw: Framework) -> list[str]:
    if not fw.bands:
        return []
    out = ["## Bands", "", "Annual full-time base pay per grade (or level) and zone.", ""]
    zone_names = {z.id: z.name for z in fw.zones}
    ranks = {g.id: g.rank for g in fw.grades}
    ordered = sorted(
        fw.bands, key=lambda b: (b.zone, b.level is not None, -ranks.get(b.grade or "", -1))
    )
    rows = [
        [
            f"{b.zone} ({zone_names.get(b.zone, '?')})",
            f"level {b.level}" if b.level else (b.grade or ""),
            b.currency,
            _money(b.min),
            _money(b.mid),
            _money(b.max),
            "" if b.variable_target_pct is None else f"{b.variable_target_pct:g} %",
            _money(b.equity_target),
        ]
        for b in ordered
    ]
    return out + _md_table(
        ["Zone", "For", "Currency", "Min", "Mid", "Max", "Variable target", "Equity / year"],
        rows,
    )


def _growth_markdown(fw: Framework) -> list[str]:
    out: list[str] = []
    if fw.development:
        out += ["## Development opportunities", ""]
        out += _md_table(
            ["Opportunity", "Kind", "Paths", "Develops", "Weeks"],
            [
                [
                    f"**{o.name}** — {o.description}" if o.description else f"**{o.name}**",
                    o.kind,
                    ", ".join(o.paths),
                    ", ".join(o.competencies),
                    "" if o.duration_weeks is None else str(o.duration_weeks),
                ]
                for o in fw.development
            ],
        )
    if fw.leadership_roles:
        out += ["## Leadership roles", ""]
        out += _md_table(
            ["Role", "Open to", "From grade", "Disciplines", "Months", "Manages people"],
            [
                [
                    f"**{r.name}** — {r.description}" if r.description else f"**{r.name}**",
                    ", ".join(r.open_to_tracks),
                    r.min_grade or "any",
                    ", ".join(r.disciplines) or "all",
                    str(r.time_box_months),
                    "yes" if r.people_management else "no",
                ]
                for r in fw.leadership_roles
            ],
        )
    if fw.forums:
        out += ["## Forums", ""]
        out += _md_table(
            ["Forum", "Kind", "From grade", "Tracks", "Decision authority"],
            [
                [
                    f"**{f.name}** — {f.description}" if f.description else f"**{f.name}**",
                    f.kind,
                    f.min_grade,
                    ", ".join(f.tracks) or "all",
                    "yes" if f.decision_authority else "no",
                ]
                for f in fw.forums
            ],
        )
    if "team_targets" not in fw.model_fields_set:
        return out  # no default targets for a framework that set none
    targets = fw.team_targets
    wanted = ", ".join(f"{n} {c.value}" for c, n in targets.min_people.items() if n)
    out += [
        "## Team targets",
        "",
        f"Every team of {targets.min_team_size} or more people should have at least: "
        f"{wanted or 'no minimum'}; no capability above {targets.max_share:.0%} of its people.",
        "",
    ]
    return out
