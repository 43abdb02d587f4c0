"""Checks of parsed tables against the framework, each other and the people already stored.

All checks are vectorised over whole columns; Python loops run only over the
rows that have a problem (and over management-chain cycles, which are few).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from latticework.errors import Location, Problem
from latticework.framework.model import Framework
from latticework.ingest.findings import Findings, show
from latticework.ingest.mapping import DEFAULT_PAY_FLOOR
from latticework.org.columns import PAY_PERIODS, TABLES

if TYPE_CHECKING:
    import pandas as pd

    from latticework.ingest.parsing import ParsedTable

# Pay further than this from the band is taken for a typing or unit error
# (monthly pay in a yearly column, a missing zero), not a real salary.
FAR_BELOW_BAND = 0.1
FAR_ABOVE_BAND = 10.0
# More contractual hours than this in a week is a typing error (a month's hours, a missing point).
MAX_HOURS_PER_WEEK = 80.0


@dataclass(frozen=True)
class KnownPeople:
    """Everyone an import may refer to: the people in the files and those already stored."""

    ids: pd.Index
    hire_date: pd.Series
    """Hire date by employee id (files win over the database)."""


def known_people(tables: dict[str, ParsedTable], stored: pd.DataFrame) -> KnownPeople:
    """Merge people in the files with `stored` (employee_id, manager_id, hire_date)."""
    import pandas as pd

    frames = [stored[["employee_id", "hire_date"]]]
    if "people" in tables and tables["people"].usable:
        frames.insert(0, tables["people"].frame[["employee_id", "hire_date"]])
    merged = pd.concat(frames, ignore_index=True).dropna(subset=["employee_id"])
    merged = merged.drop_duplicates("employee_id", keep="first")
    hire = merged.set_index("employee_id")["hire_date"]
    return KnownPeople(pd.Index(hire.index), hire)


def validate_tables(
    tables: dict[str, ParsedTable],
    framework: Framework,
    stored_people: pd.DataFrame,
    findings: Findings,
    pay_floor: dict[str, float] | None = None,
) -> None:
    """Run every cross-table and framework check on the usable parsed tables.

    `pay_floor` is the mapping's: annual full-time base pay below it, per currency, is
    implausible (default 1,000 in any currency)."""
    people = known_people(tables, stored_people)
    for name, parsed in tables.items():
        if not parsed.usable:
            continue
        _duplicates(parsed, findings)
        if name != "people" and "employee_id" in TABLES[name].names:
            _employee_exists(parsed, people, findings)
    if "people" in tables and tables["people"].usable:
        p = tables["people"]
        _people_framework(p, framework, findings)
        below_floor = _pay_floor(p, framework, pay_floor or {}, findings)
        _people_pay(p, framework, findings, below_floor)
        _people_dates(p, findings)
        _managers(p, people, findings)
        _cycles(p, stored_people, findings)
    if "events" in tables and tables["events"].usable:
        _events(tables["events"], framework, people, findings)
    if "participation" in tables and tables["participation"].usable:
        t = tables["participation"]
        _known_ids(t, "forum", {f.id for f in framework.forums}, "forum", findings)
    if "impact" in tables and tables["impact"].usable:
        t = tables["impact"]
        _known_ids(t, "competency", {c.id for c in framework.competencies}, "competency", findings)
    if "assessments" in tables and tables["assessments"].usable:
        t = tables["assessments"]
        _known_ids(t, "competency", {c.id for c in framework.competencies}, "competency", findings)
        scale = sorted(framework.promotion.rating_scale)
        findings.rows(
            source=t.source,
            frame=t.frame,
            mask=t.frame["rating"].notna() & ~t.frame["rating"].isin(scale),
            column="rating",
            message=f"Rating {{value}} is outside the framework's scale ({scale[0]}–{scale[-1]}).",
            fix="Use a rating of the framework's promotion.rating_scale.",
            code="bad-rating",
        )
    if "roles" in tables and tables["roles"].usable:
        t = tables["roles"]
        roles = {r.id for r in framework.leadership_roles}
        _known_ids(t, "role", roles, "leadership role", findings)
        f = t.frame
        findings.rows(
            source=t.source,
            frame=f,
            mask=f["end_date"] < f["start_date"],
            column="end_date",
            message=lambda v, start: f"The role ends ({show(v)}) before it starts ({show(start)}).",
            fix="Swap or correct the dates.",
            code="end-before-start",
            detail=f["start_date"],
        )


def _duplicates(parsed: ParsedTable, findings: Findings) -> None:
    key = list(TABLES[parsed.table].key)
    frame = parsed.frame
    complete = frame[key].notna().all(axis=1)
    repeated = frame[key].duplicated(keep="first") & complete
    if not repeated.any():
        return
    rows = frame.index.to_series()
    first = rows.groupby([frame[k] for k in key], dropna=True).transform("min")
    label = " + ".join(key)
    findings.rows(
        source=parsed.source,
        frame=frame,
        mask=repeated,
        column=key[0] if len(key) == 1 else key[-1],
        message=lambda _v, first_row: f"Duplicate {label}: the same key is on row {first_row}.",
        fix="Keep one row per key; remove or merge the repeated row.",
        code="duplicate-key",
        detail=first,
    )


def _employee_exists(parsed: ParsedTable, people: KnownPeople, findings: Findings) -> None:
    frame = parsed.frame
    findings.rows(
        source=parsed.source,
        frame=frame,
        mask=frame["employee_id"].notna() & ~frame["employee_id"].isin(people.ids),
        column="employee_id",
        message="No person with employee_id '{value}' in people.csv or the database.",
        fix="Add the person to people.csv, or correct the id.",
        code="unknown-employee",
    )


def _known_ids(
    parsed: ParsedTable, column: str, known: set[str], what: str, findings: Findings
) -> None:
    frame = parsed.frame
    choices = ", ".join(sorted(known)[:12]) + ("…" if len(known) > 12 else "")
    findings.rows(
        source=parsed.source,
        frame=frame,
        mask=frame[column].notna() & ~frame[column].isin(known),
        column=column,
        message=f"Unknown {what} '{{value}}'.",
        fix=f"Use a {what} id of the framework: {choices}." if known else None,
        code=f"unknown-{what.replace(' ', '-')}",
    )


def _people_framework(parsed: ParsedTable, fw: Framework, findings: Findings) -> None:
    p, source = parsed.frame, parsed.source
    disciplines = {d.id for d in fw.disciplines}
    _known_ids(parsed, "discipline", disciplines, "discipline", findings)
    tracks = {f"{d.id}/{t.id}" for d in fw.disciplines for t in d.tracks}
    disc_ok = p["discipline"].isin(disciplines)
    pair = p["discipline"] + "/" + p["track"]
    findings.rows(
        source=source,
        frame=p,
        mask=disc_ok & p["track"].notna() & ~pair.isin(tracks),
        column="track",
        message=lambda v, d: f"Unknown track '{v}' in discipline '{d}'.",
        fix="Use a track id of that discipline in the framework (e.g. ic, management).",
        code="unknown-track",
        detail=p["discipline"],
    )
    placements = {pl.level.id: f"{pl.discipline.id}/{pl.track.id}" for pl in fw.placements()}
    level_known = p["level"].isin(placements)
    findings.rows(
        source=source,
        frame=p,
        mask=p["level"].notna() & ~level_known,
        column="level",
        message="Unknown level '{value}'.",
        fix="Use a level id of the framework (e.g. E5), or map job titles in the mapping file.",
        code="unknown-level",
    )
    where = p["level"].map(placements)
    findings.rows(
        source=source,
        frame=p,
        mask=level_known & pair.isin(tracks) & where.ne(pair),
        column="level",
        message=lambda v, at: f"Level {v} is on {at}, not on this row's discipline/track.",
        fix="Correct the level, or the discipline and track.",
        code="level-track",
        detail=where,
    )
    findings.rows(
        source=source,
        frame=p,
        mask=p["path"].notna() & ~p["path"].isin({x.id for x in fw.paths}),
        column="path",
        message="Unknown path '{value}'.",
        fix="Use a path id of the framework (e.g. technical-depth), or leave it empty.",
        code="unknown-path",
    )
    open_pairs = {
        f"{pl.level.id}|{path.id}"
        for pl in fw.placements()
        for path in fw.paths_for_level(pl.level.id)
    }
    level_path = p["level"] + "|" + p["path"]
    known_path = p["path"].isin({x.id for x in fw.paths})
    findings.rows(
        source=source,
        frame=p,
        mask=level_known & where.eq(pair) & known_path & ~level_path.isin(open_pairs),
        column="path",
        message=lambda v, level: f"Path '{v}' is not open at level {level}.",
        fix="Choose a path the framework opens on this level's track and grade.",
        code="path-not-open",
        detail=p["level"],
    )
    zones = {z.id: z.currency for z in fw.zones}
    _known_ids(parsed, "zone", set(zones), "zone", findings)
    zone_currency = p["zone"].map(zones)
    findings.rows(
        source=source,
        frame=p,
        mask=zone_currency.notna() & p["currency"].notna() & zone_currency.ne(p["currency"]),
        column="currency",
        message=lambda v, expected: f"Currency {v} differs from the zone's currency {expected}.",
        fix="Convert pay to the zone's currency, or correct the zone.",
        code="currency-zone",
        detail=zone_currency,
    )


def _pay_floor(
    parsed: ParsedTable, fw: Framework, floors: dict[str, float], findings: Findings
) -> pd.Index:
    """Placeholder pay (1.00, 0.01) is implausible with or without pay bands, and whether
    or not the row has a level: only the amount, period and FTE are needed. Returns the
    rows flagged (the band check does not flag them again)."""
    import pandas as pd

    from latticework.org.dataset import add_derived_pay

    p = parsed.frame
    usable = (p["base_salary"] > 0) & (p["fte"] > 0) & (p["fte"] <= 1)
    if not usable.any():
        return pd.Index([])
    rows = p.loc[usable]
    pay = add_derived_pay(rows, fw)["base_annual_fte"]
    currency = rows["currency"].fillna("")
    default = floors.get("default", DEFAULT_PAY_FLOOR)
    floor = currency.map(floors).astype("float64").fillna(default)
    below = pay < floor
    detail = pd.Series(
        pay.map("{:,.2f}".format)
        + " "
        + currency
        + "|"
        + floor.map("{:,.0f}".format)
        + " "
        + currency,
        index=rows.index,
    )
    findings.rows(
        source=parsed.source,
        frame=rows,
        mask=below,
        column="base_salary",
        message=lambda _v, d: (
            f"Annual full-time base pay {str(d).split('|')[0]} is below the floor of "
            f"{str(d).split('|')[1]}: a placeholder salary, or the wrong pay_period?"
        ),
        fix=f"Check the amount, pay_period ({', '.join(PAY_PERIODS)}) and fte; if the pay "
        "is real, lower `pay_floor:` for its currency in the mapping file.",
        code="pay-below-floor",
        detail=detail,
    )
    return rows.index[below.to_numpy()]


def _people_pay(
    parsed: ParsedTable, fw: Framework, findings: Findings, below_floor: pd.Index
) -> None:
    import pandas as pd

    from latticework.org.dataset import add_derived_pay

    p, source = parsed.frame, parsed.source
    for column in ("base_salary", "fte"):
        findings.rows(
            source=source,
            frame=p,
            mask=p[column] <= 0,
            column=column,
            message=f"{column} must be positive; it is {{value}}.",
            fix="Correct the value; people without pay do not belong in an HRIS pay export.",
            code="non-positive-pay" if column == "base_salary" else "bad-fte",
        )
    findings.rows(
        source=source,
        frame=p,
        mask=p["fte"] > 1,
        column="fte",
        message="fte {value} is above 1 (full time).",
        fix="Write FTE as a fraction of full time: 1.0, 0.8, 0.5.",
        code="bad-fte",
    )
    for column in ("variable_pay", "equity_annual", "allowances", "benefits_in_kind"):
        findings.rows(
            source=source,
            frame=p,
            mask=p[column] < 0,
            column=column,
            message=f"{column} cannot be negative; it is {{value}}.",
            fix="Correct the value or leave it empty.",
            code="negative-pay",
        )
    findings.rows(
        source=source,
        frame=p,
        mask=(p["hours_per_week"] <= 0) | (p["hours_per_week"] > MAX_HOURS_PER_WEEK),
        column="hours_per_week",
        message="hours_per_week {value} is not a working week.",
        fix=f"Write the contractual hours per week, above 0 and at most {MAX_HOURS_PER_WEEK}.",
        code="bad-hours",
    )
    placements = {pl.level.id for pl in fw.placements()}
    usable = (
        p["level"].isin(placements)
        & p["zone"].notna()
        & (p["base_salary"] > 0)
        & (p["fte"] > 0)
        & (p["fte"] <= 1)
    )
    if not usable.any():
        return
    rows = p.loc[usable]
    derived = add_derived_pay(rows, fw)
    key = rows["level"] + "|" + rows["zone"]
    bands = {}
    for level_zone in key.unique():
        band = fw.band_for(*str(level_zone).split("|"))
        if band is not None:
            bands[level_zone] = band
    if not bands:
        return
    merged = pd.DataFrame(
        {
            "level": rows["level"],
            "zone": rows["zone"],
            "currency": rows["currency"],
            "band_min": key.map({k: b.min for k, b in bands.items()}),
            "band_max": key.map({k: b.max for k, b in bands.items()}),
            "band_currency": key.map({k: b.currency for k, b in bands.items()}),
        },
        index=rows.index,
    )
    pay = derived["base_annual_fte"]
    # Pay already flagged as below the floor is not reported against the band as well.
    same_currency = merged["band_currency"].eq(merged["currency"]) & ~merged.index.isin(below_floor)
    far = same_currency & (
        (pay < FAR_BELOW_BAND * merged["band_min"]) | (pay > FAR_ABOVE_BAND * merged["band_max"])
    )
    outside = same_currency & ~far & ((pay < merged["band_min"]) | (pay > merged["band_max"]))
    band_text = (
        merged["level"]
        + " in "
        + merged["zone"]
        + " ("
        + merged["band_min"].map("{:,.0f}".format)
        + "–"
        + merged["band_max"].map("{:,.0f}".format)
        + " "
        + merged["band_currency"]
        + ")"
    )
    detail = pay.map("{:,.0f}".format) + "|" + band_text
    findings.rows(
        source=source,
        frame=rows,
        mask=far,
        column="base_salary",
        message=lambda _v, d: (
            f"Annual full-time base pay {str(d).split('|')[0]} is implausibly far from the band "
            f"for {str(d).split('|')[1]}: below 0.1× its minimum or above 10× its maximum."
        ),
        fix=f"Check the amount, pay_period ({', '.join(PAY_PERIODS)}) and fte.",
        code="pay-implausible",
        detail=detail,
    )
    findings.rows(
        source=source,
        frame=rows,
        mask=outside,
        column="base_salary",
        message=lambda _v, d: (
            f"Annual full-time base pay {str(d).split('|')[0]} is outside the band "
            f"for {str(d).split('|')[1]}."
        ),
        fix="Nothing to fix if this is true; the pay audit will show it.",
        code="pay-outside-band",
        warning=True,
        detail=detail,
    )


def _people_dates(parsed: ParsedTable, findings: Findings) -> None:
    p, source = parsed.frame, parsed.source
    findings.rows(
        source=source,
        frame=p,
        mask=p["exit_date"] < p["hire_date"],
        column="exit_date",
        message=lambda v, hire: f"Exit date {show(v)} is before the hire date {show(hire)}.",
        fix="Correct one of the dates.",
        code="exit-before-hire",
        detail=p["hire_date"],
    )
    findings.rows(
        source=source,
        frame=p,
        mask=p["level_start_date"] < p["hire_date"],
        column="level_start_date",
        message=lambda v, hire: f"Level start {show(v)} is before the hire date {show(hire)}.",
        fix="Use the date the person reached this level here (the hire date at the latest).",
        code="level-before-hire",
        warning=True,
        detail=p["hire_date"],
    )
    findings.rows(
        source=source,
        frame=p,
        mask=p["status"].eq("exited") & p["exit_date"].isna(),
        column="exit_date",
        message="The person has exited but has no exit date.",
        fix="Add the exit date; tenure and attrition need it.",
        code="exit-without-date",
        warning=True,
    )


def _managers(parsed: ParsedTable, people: KnownPeople, findings: Findings) -> None:
    p = parsed.frame
    findings.rows(
        source=parsed.source,
        frame=p,
        mask=p["manager_id"].notna() & ~p["manager_id"].isin(people.ids),
        column="manager_id",
        message="Manager '{value}' is not a person in people.csv or the database.",
        fix="Add the manager to people.csv, or correct the id.",
        code="unknown-manager",
    )


def _cycles(parsed: ParsedTable, stored: pd.DataFrame, findings: Findings) -> None:
    """Report each loop in the management chain once, at the first of its rows in the file."""
    import numpy as np
    import pandas as pd

    p = parsed.frame
    graph = pd.concat(
        [p[["employee_id", "manager_id"]], stored[["employee_id", "manager_id"]]],
        ignore_index=True,
    ).dropna(subset=["employee_id"])
    graph = graph.drop_duplicates("employee_id", keep="first").reset_index(drop=True)
    position = pd.Series(np.arange(len(graph)), index=graph["employee_id"])
    manager = graph["manager_id"].map(position).fillna(-1).to_numpy(dtype=np.int64)
    # Pointer doubling: after 2^k ≥ n jumps a chain has either ended (-1) or is inside a loop.
    jump = manager.copy()
    for _ in range(max(1, int(np.ceil(np.log2(max(len(graph), 2))))) + 1):
        jump = np.where(jump >= 0, jump[np.maximum(jump, 0)], -1)
    on_loop = np.unique(jump[jump >= 0])
    if len(on_loop) == 0:
        return
    ids = graph["employee_id"].to_numpy()
    rows = pd.Series(p.index, index=p["employee_id"]).groupby(level=0).min()
    seen: set[int] = set()
    for start in on_loop:
        if int(start) in seen:
            continue
        loop = [int(start)]
        node = int(manager[start])
        while node != start:
            loop.append(node)
            node = int(manager[node])
        seen.update(loop)
        members = [str(ids[i]) for i in loop]
        in_file = [m for m in members if m in rows.index]
        first = min(in_file, key=lambda m: rows[m]) if in_file else members[0]
        chain = " → ".join([*members, members[0]])
        findings.error(
            Problem(
                f"The management chain loops: {chain}.",
                Location(
                    parsed.source, row=int(rows[first]) if in_file else None, field="manager_id"
                ),
                "Someone in the loop must report outside it; correct a manager_id.",
                "management-cycle",
            )
        )


def _events(parsed: ParsedTable, fw: Framework, people: KnownPeople, findings: Findings) -> None:
    import pandas as pd

    e, source = parsed.frame, parsed.source
    levels = {
        pl.level.id: fw.grade_rank(pl.level.grade)
        for pl in fw.placements()
        if pl.level.grade in {g.id for g in fw.grades}
    }
    for column in ("from_level", "to_level"):
        findings.rows(
            source=source,
            frame=e,
            mask=e[column].notna() & ~e[column].isin(levels),
            column=column,
            message="Unknown level '{value}'.",
            fix="Use a level id of the framework (e.g. E5).",
            code="unknown-level",
        )
    path_ids = {x.id for x in fw.paths}
    for column in ("from_path", "to_path"):
        findings.rows(
            source=source,
            frame=e,
            mask=e[column].notna() & ~e[column].isin(path_ids),
            column=column,
            message="Unknown path '{value}'.",
            fix="Use a path id of the framework, or leave it empty.",
            code="unknown-path",
        )
    track_ids = {t.id for d in fw.disciplines for t in d.tracks}
    for column in ("from_track", "to_track"):
        findings.rows(
            source=source,
            frame=e,
            mask=e[column].notna() & ~e[column].isin(track_ids),
            column=column,
            message="Unknown track '{value}'.",
            fix=f"Use a track id of the framework: {', '.join(sorted(track_ids))}.",
            code="unknown-track",
        )
    rank_from = e["from_level"].map(levels)
    rank_to = e["to_level"].map(levels)
    promotion = e["type"].eq("promotion")
    findings.rows(
        source=source,
        frame=e,
        mask=promotion & (rank_to < rank_from),
        column="to_level",
        message=lambda v, frm: f"A promotion from {frm} to {v} lowers the grade.",
        fix="Record a move to a lower grade as type level_change, or correct the levels.",
        code="promotion-lowers-grade",
        detail=e["from_level"],
    )
    findings.rows(
        source=source,
        frame=e,
        mask=promotion & (rank_to == rank_from),
        column="to_level",
        message=lambda v, frm: f"A promotion from {frm} to {v} keeps the same grade.",
        fix="Record a move at the same grade as level_change, track_change or path_change.",
        code="promotion-same-grade",
        warning=True,
        detail=e["from_level"],
    )
    # reindex, not map: pandas cannot map through an empty datetime Series.
    hired = pd.Series(people.hire_date.reindex(e["employee_id"]).to_numpy(), index=e.index)
    findings.rows(
        source=source,
        frame=e,
        mask=e["type"].eq("exit") & (e["date"] < hired),
        column="date",
        message=lambda v, hire: f"Exit on {show(v)} is before the hire date {show(hire)}.",
        fix="Correct the exit date or the person's hire_date.",
        code="exit-before-hire",
        detail=hired,
    )
    findings.rows(
        source=source,
        frame=e,
        mask=~e["type"].isin(["exit", "hire"]) & (e["date"] < hired),
        column="date",
        message=lambda v, hire: f"This event on {show(v)} is before the hire date {show(hire)}.",
        fix="Check the date; for a rehire, the history before it belongs to the earlier hire.",
        code="event-before-hire",
        warning=True,
        detail=hired,
    )
    for column in ("old_base", "new_base"):
        findings.rows(
            source=source,
            frame=e,
            mask=e[column] <= 0,
            column=column,
            message=f"{column} must be positive; it is {{value}}.",
            fix="Correct the amount or leave it empty.",
            code="non-positive-pay",
        )
    findings.rows(
        source=source,
        frame=e,
        mask=e["end_date"] < e["date"],
        column="end_date",
        message=lambda v, start: f"The leave ends ({show(v)}) before it starts ({show(start)}).",
        fix="Swap or correct the dates.",
        code="end-before-start",
        detail=e["date"],
    )


def validate_stored_people(
    stored: pd.DataFrame, framework: Framework, replaced: pd.Index, findings: Findings
) -> None:
    """People already stored (and not replaced by the files) must fit a new framework too.

    One problem per level or path the new framework lacks, with a count and
    example ids, rather than one per person.
    """
    people = stored.loc[~stored["employee_id"].isin(replaced)]
    placements = {pl.level.id: f"{pl.discipline.id}/{pl.track.id}" for pl in framework.placements()}
    where = people["discipline"] + "/" + people["track"]
    checks = [
        ("level", ~people["level"].isin(placements) | people["level"].map(placements).ne(where)),
        ("path", people["path"].notna() & ~people["path"].isin({p.id for p in framework.paths})),
    ]
    for column, bad in checks:
        for value, group in people.loc[bad].groupby(column):
            examples = ", ".join(group["employee_id"].head(3))
            findings.error(
                Problem(
                    f"{len(group):,} stored people have {column} '{value}', which this framework "
                    f"does not define there (e.g. {examples}).",
                    Location("the database", field=column),
                    f"Keep {column} '{value}' in the framework, or import these people with "
                    "new values in the same import.",
                    f"stored-{column}-unknown",
                )
            )
