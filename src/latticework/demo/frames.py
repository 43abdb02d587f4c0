"""Turn the simulation's arrays into the canonical tables of `latticework.org.columns`.

Codes become the framework's ids through lookup arrays (one fancy-index per
column, no Python loop per row); days become dates; every frame has exactly
the canonical columns, in their order.
"""

from __future__ import annotations

from collections.abc import Sequence, Sized
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from latticework.demo.activity import Records
from latticework.demo.catalogue import IntArray
from latticework.demo.hiring import ETHNICITIES
from latticework.demo.simulation import Simulation
from latticework.demo.structure import Structure
from latticework.demo.texts import (
    BENEFICIARIES,
    EVIDENCE_BY_RATING,
    FIRST_NAMES_FEMALE,
    FIRST_NAMES_MALE,
    FIRST_NAMES_NEUTRAL,
    HORIZONS,
    IMPACT_TEMPLATES,
    INITIATIVES,
    LAST_NAMES,
    PRODUCT_AREAS,
)
from latticework.demo.workforce import EVENT_CODES, FEMALE, MALE, STILL_EMPLOYED
from latticework.org.columns import (
    ASSESSMENTS,
    EVENTS,
    IMPACT,
    PARTICIPATION,
    PARTICIPATION_ROLES,
    PAY_PERIODS,
    PEOPLE,
    RATERS,
    ROLES,
    Table,
)

EPOCH_ORDINAL = 719_163
"""`date(1970, 1, 1).toordinal()`: turns ordinals into numpy dates."""
EVENT_NAMES = tuple(sorted(EVENT_CODES, key=EVENT_CODES.__getitem__))


def lookup(names: Sequence[str | None], codes: npt.NDArray[np.integer]) -> npt.NDArray[np.object_]:
    """Ids for codes; code -1 becomes None."""
    table = np.array([*names, None], dtype=object)
    return np.asarray(table[np.where(codes < 0, len(names), codes)], dtype=object)


def dates(
    days: npt.NDArray[np.integer], missing: npt.NDArray[np.bool_] | None = None
) -> npt.NDArray[np.datetime64]:
    values = (np.asarray(days, dtype=np.int64) - EPOCH_ORDINAL).astype("datetime64[D]")
    values = values.astype("datetime64[ns]")
    if missing is not None:
        values[missing] = np.datetime64("NaT")
    return values


def alphabetical(names: Sequence[str]) -> IntArray:
    """Each code's position when the names are sorted: sorting by it sorts by name."""
    ranks: IntArray = np.argsort(np.argsort(np.array(names, dtype=object), kind="stable"))
    return ranks


def frame(table: Table, columns: dict[str, Sized], order: IntArray | None = None) -> pd.DataFrame:
    """A frame with exactly the table's columns (absent ones all missing), rows in `order`.

    Generated tables come in primary-key order, the order storage reads them back in.
    """
    n = max((len(v) for v in columns.values()), default=0)
    data: dict[str, object] = {}
    for name in table.names:
        values = columns.get(name)
        if values is None:
            data[name] = np.full(n, None, dtype=object)
            continue
        if isinstance(values, pd.Series):
            values = values.to_numpy()
        # Reorder the arrays before pandas sees them: one take per column, no frame copy.
        data[name] = values[order] if order is not None else values  # type: ignore[index]
    return pd.DataFrame(data)


@dataclass(frozen=True)
class EmployeeIds:
    """Each person's id, numbered in hiring order as an HRIS numbers its people."""

    ids: npt.NDArray[np.object_]
    number: IntArray
    """Sorting by number sorts by id."""

    def __getitem__(self, people: IntArray) -> npt.NDArray[np.object_]:
        return np.asarray(self.ids[people], dtype=object)


def employee_ids(sim: Simulation) -> EmployeeIds:
    order = np.argsort(sim.people.hire_day, kind="stable")
    numbers = np.empty(order.size, dtype=np.int64)
    numbers[order] = np.arange(1, order.size + 1)
    return EmployeeIds(np.array([f"EMP{n:07d}" for n in numbers], dtype=object), numbers)


def people_frame(
    sim: Simulation,
    structure: Structure,
    ids: EmployeeIds,
    rng: np.random.Generator,
    *,
    protected_attributes: bool = True,
) -> pd.DataFrame:
    p, cat = sim.people, sim.cat
    n = p.size
    first = np.empty(n, dtype=object)
    for gender_code, names in ((FEMALE, FIRST_NAMES_FEMALE), (MALE, FIRST_NAMES_MALE)):
        rows = np.flatnonzero(p.gender == gender_code)
        first[rows] = np.array(names, dtype=object)[rng.integers(0, len(names), rows.size)]
    rows = np.flatnonzero((p.gender != FEMALE) & (p.gender != MALE))
    neutral = np.array(FIRST_NAMES_NEUTRAL, dtype=object)
    first[rows] = neutral[rng.integers(0, neutral.size, rows.size)]
    last = np.array(LAST_NAMES, dtype=object)[rng.integers(0, len(LAST_NAMES), n)]
    name = first + " " + last
    handle = pd.Series(first + "." + last).str.lower().str.replace("'", "", regex=False)
    email = handle + "." + pd.Series(ids.ids).str[3:] + "@example.com"
    country_choice = rng.random(n)
    countries = (
        np.array(
            [
                cat.countries[z][int(u * len(cat.countries[z]))] or None
                for z, u in zip(p.zone, country_choice, strict=True)
            ],
            dtype=object,
        )
        if n
        else np.zeros(0, dtype=object)
    )
    performance = np.clip(np.rint(3.1 + 0.8 * p.talent + rng.normal(0.0, 0.5, n)), 1, 5)
    pct = cat.variable_pct[p.grade, p.zone] / 100.0
    variable = np.round(
        p.annual * p.fte * pct * np.clip(1 + 0.25 * (performance - 3), 0.5, 1.5), -2
    )
    factor = sim.pay_factor(np.arange(n))
    equity = np.round(cat.equity_target[p.grade, p.zone] * factor * rng.lognormal(0.0, 0.25, n), -2)
    exited = p.exit_day < STILL_EMPLOYED

    def hidden(codes: IntArray) -> IntArray:
        return codes if protected_attributes else np.full_like(codes, -1)

    track_ids = cat.track_ids[p.discipline, p.track]
    return frame(
        PEOPLE,
        {
            "employee_id": ids.ids,
            "name": name,
            "email": email,
            "discipline": lookup(cat.disciplines, p.discipline),
            "track": track_ids,
            "level": lookup(cat.levels, p.level),
            "path": lookup(cat.paths, p.path),
            "team": lookup(structure.team_names, structure.team),
            "manager_id": lookup(list(ids.ids), structure.manager),
            "zone": lookup(cat.zones, p.zone),
            "country": countries,
            "hire_date": dates(p.hire_day),
            "level_start_date": dates(p.level_start),
            "base_salary": p.base,
            "currency": lookup(cat.currencies, p.zone),
            "pay_period": lookup(PAY_PERIODS, p.pay_period),
            "fte": p.fte,
            "variable_pay": variable,
            "equity_annual": equity,
            "performance_rating": performance,
            "gender": lookup(("male", "female", "non-binary"), hidden(p.gender)),
            "ethnicity": lookup(ETHNICITIES, hidden(p.ethnicity)),
            "status": np.where(exited, "exited", "active").astype(object),
            "exit_date": dates(np.where(exited, p.exit_day, 0), ~exited),
        },
        order=np.argsort(ids.number),
    )


def events_frame(sim: Simulation, ids: EmployeeIds) -> pd.DataFrame:
    cat, discipline = sim.cat, sim.people.discipline
    e = sim.events.arrays()
    person = e["person"].astype(np.int64)
    kind = e["type"].astype(np.int64)
    order = np.lexsort((alphabetical(EVENT_NAMES)[kind], e["day"], ids.number[person]))

    def track(codes: npt.NDArray[np.generic]) -> npt.NDArray[np.object_]:
        c = codes.astype(np.int64)
        out: npt.NDArray[np.object_] = cat.track_ids[discipline[person], np.maximum(c, 0)]
        out[c < 0] = None
        return out

    columns: dict[str, Sized] = {
        "employee_id": ids[person],
        "date": dates(e["day"].astype(np.int64)),
        "type": lookup(EVENT_NAMES, e["type"].astype(np.int64)),
        "from_level": lookup(cat.levels, e["from_level"].astype(np.int64)),
        "to_level": lookup(cat.levels, e["to_level"].astype(np.int64)),
        "from_path": lookup(cat.paths, e["from_path"].astype(np.int64)),
        "to_path": lookup(cat.paths, e["to_path"].astype(np.int64)),
        "from_track": track(e["from_track"]),
        "to_track": track(e["to_track"]),
        "old_base": e["old_base"],
        "new_base": e["new_base"],
    }
    return frame(EVENTS, columns, order)


def _joined(parts: list[dict[str, npt.NDArray[np.generic]]], key: str) -> IntArray:
    return (
        np.concatenate([part[key] for part in parts]).astype(np.int64)
        if parts
        else np.zeros(0, dtype=np.int64)
    )


def participation_frame(
    records: Records, forum_ids: Sequence[str], ids: EmployeeIds
) -> pd.DataFrame:
    parts = records.participation
    person, forum, day = _joined(parts, "person"), _joined(parts, "forum"), _joined(parts, "day")
    order = np.lexsort((ids.number[person], day, alphabetical(forum_ids)[forum]))
    return frame(
        PARTICIPATION,
        {
            "forum": lookup(forum_ids, forum),
            "date": dates(day),
            "employee_id": ids[person],
            "role": lookup(PARTICIPATION_ROLES, _joined(parts, "role")),
        },
        order,
    )


def impact_frame(records: Records, competency_ids: Sequence[str], ids: EmployeeIds) -> pd.DataFrame:
    parts = records.impact
    person, day = _joined(parts, "person"), _joined(parts, "day")
    order = np.lexsort((person, day))
    person, day = person[order], day[order]
    template = _joined(parts, "template")[order]
    value = (np.concatenate([p["value"] for p in parts]) if parts else np.zeros(0))[order]
    money = np.array([t.money for t in IMPACT_TEMPLATES])[template]
    percent = np.array([t.percent for t in IMPACT_TEMPLATES])[template]
    value = np.where(money, np.maximum(np.round(value, -3), 1000.0), value)
    value = np.where(percent, np.minimum(np.round(value, 1), 90.0), value)
    value = np.where(~money & ~percent, np.maximum(np.rint(value), 1.0), value)
    impact_ids = np.array([f"IMP-{i:07d}" for i in range(1, person.size + 1)], dtype=object)
    title = lookup([t.title for t in IMPACT_TEMPLATES], template)
    unit = lookup([t.unit for t in IMPACT_TEMPLATES], template)
    beneficiary = np.array(BENEFICIARIES, dtype=object)[
        _joined(parts, "beneficiary")[order] % len(BENEFICIARIES)
    ]
    horizon = np.array(HORIZONS, dtype=object)[_joined(parts, "horizon")[order] % len(HORIZONS)]
    shown = np.array(
        [f"{v:,.0f}" if v >= 100 or v == int(v) else f"{v:g}" for v in value], dtype=object
    )
    statement = title + ": " + shown + " " + unit + " for " + beneficiary + ", " + horizon + "."
    competency = [
        t.competency if t.competency in competency_ids else None for t in IMPACT_TEMPLATES
    ]
    return frame(
        IMPACT,
        {
            "impact_id": impact_ids,
            "employee_id": ids[person],
            "date": dates(day),
            "category": lookup([t.category for t in IMPACT_TEMPLATES], template),
            "title": title,
            "metric": lookup([t.metric for t in IMPACT_TEMPLATES], template),
            "value": value,
            "unit": unit,
            "beneficiary": beneficiary,
            "horizon": horizon,
            "evidence": "https://wiki.example.com/impact/" + impact_ids,
            "statement": statement,
            "competency": lookup(competency, template),
        },
    )


def assessments_frame(
    records: Records, competency_ids: Sequence[str], ids: EmployeeIds
) -> pd.DataFrame:
    parts = records.assessments
    person, rater, rating = (
        _joined(parts, "person"),
        _joined(parts, "rater"),
        _joined(parts, "rating"),
    )
    cycle, competency = _joined(parts, "cycle"), _joined(parts, "competency")
    # Cycles are numbered in time order, which is also their names' order (2025-H2, 2026-H1).
    order = np.lexsort(
        (
            alphabetical(RATERS)[rater],
            alphabetical(competency_ids)[competency],
            cycle,
            ids.number[person],
        )
    )
    evidence = lookup(
        EVIDENCE_BY_RATING, np.where(rater == RATERS.index("manager"), rating - 1, -1)
    )
    return frame(
        ASSESSMENTS,
        {
            "employee_id": ids[person],
            "cycle": lookup(records.cycle_names, cycle),
            "competency": lookup(competency_ids, competency),
            "rater": lookup(RATERS, rater),
            "rating": pd.array(rating, dtype="Int64"),
            "evidence": evidence,
            "date": dates(_joined(parts, "day")),
        },
        order,
    )


def roles_frame(
    records: Records, role_ids: Sequence[str], sim: Simulation, ids: EmployeeIds
) -> pd.DataFrame:
    parts = records.roles
    person, role, start = _joined(parts, "person"), _joined(parts, "role"), _joined(parts, "start")
    end = np.minimum(_joined(parts, "end"), sim.people.exit_day[person])
    scope_code = _joined(parts, "scope")
    scope = (
        np.array(PRODUCT_AREAS, dtype=object)[scope_code % len(PRODUCT_AREAS)]
        + " "
        + np.array(INITIATIVES, dtype=object)[scope_code % len(INITIATIVES)]
    )
    return frame(
        ROLES,
        {
            "employee_id": ids[person],
            "role": lookup(role_ids, role),
            "start_date": dates(start),
            "end_date": dates(end, end >= sim.as_of_day),
            "scope": scope,
        },
        np.lexsort((start, alphabetical(role_ids)[role], ids.number[person])),
    )
