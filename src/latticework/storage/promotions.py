"""The promotion-process tables: cycles, and the calibrations, nominations and decisions in them."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from latticework.promotion.cycle_records import (
    Calibration,
    Cycle,
    CycleRecords,
    Decision,
    Nomination,
    Participant,
)
from latticework.promotion.stored_keys import StoredPromotions
from latticework.storage.impact_ratings import upsert_row
from latticework.storage.people import Visibility, reporting_chain_query
from latticework.storage.tables import (
    calibrations,
    nominations,
    people,
    promotion_cycles,
    promotion_decisions,
)


def _cycle(row: Any) -> Cycle:
    return Cycle(
        cycle_id=str(row.cycle_id),
        name=str(row.name),
        opens_on=row.opens_on,
        closes_on=row.closes_on,
        min_months_in_level=row.min_months_in_level,
    )


class PromotionRepository:
    def __init__(self, connection: sa.Connection) -> None:
        self._conn = connection

    def stored(self) -> StoredPromotions:
        """Which cycles and nominations exist, so an import may refer to them."""
        cycles = self._conn.execute(sa.select(promotion_cycles.c.cycle_id)).scalars()
        nominated = self._conn.execute(sa.select(nominations.c.cycle_id, nominations.c.employee_id))
        return StoredPromotions(
            cycles=frozenset(str(c) for c in cycles),
            nominations=frozenset((str(r.cycle_id), str(r.employee_id)) for r in nominated),
        )

    def cycles(self) -> list[Cycle]:
        """Every cycle, the newest first."""
        statement = sa.select(promotion_cycles).order_by(
            promotion_cycles.c.opens_on.desc(), promotion_cycles.c.cycle_id
        )
        return [_cycle(r) for r in self._conn.execute(statement)]

    def cycle(self, cycle_id: str) -> Cycle | None:
        statement = sa.select(promotion_cycles).where(promotion_cycles.c.cycle_id == cycle_id)
        row = self._conn.execute(statement).first()
        return _cycle(row) if row is not None else None

    def records(self, cycle: Cycle, visibility: Visibility) -> CycleRecords:
        """The cycle's calibrations, nominations and decisions of the people `visibility` allows
        (a manager: their reporting chain, not themselves), with those people's facts."""
        scope = _scope(visibility)
        cals = {
            c.employee_id: c
            for c in (
                Calibration(
                    str(r.employee_id), r.level, float(r.pre_rating), float(r.post_rating),
                    r.potential, r.note,
                )
                for r in self._rows(calibrations, cycle.cycle_id, scope)
            )
        }  # fmt: skip
        noms = {
            n.employee_id: n
            for n in (
                Nomination(
                    str(r.employee_id), r.nominator_id, str(r.move), r.from_level,
                    str(r.to_level), r.to_path, r.nominated_on, r.packet,
                )
                for r in self._rows(nominations, cycle.cycle_id, scope)
            )
        }  # fmt: skip
        decided = {
            d.employee_id: d
            for d in (
                Decision(
                    str(r.employee_id), str(r.outcome), str(r.reason), r.decided_on, r.decided_by
                )
                for r in self._rows(promotion_decisions, cycle.cycle_id, scope)
            )
        }
        return CycleRecords(
            cycle=cycle,
            people=self._participants(cycle.cycle_id, scope),
            calibrations=cals,
            nominations=noms,
            decisions=decided,
        )

    def _rows(
        self, table: sa.Table, cycle_id: str, scope: sa.Select[tuple[str]] | None
    ) -> sa.CursorResult[Any]:
        statement = sa.select(table).where(table.c.cycle_id == cycle_id)
        if scope is not None:
            statement = statement.where(table.c.employee_id.in_(scope))
        return self._conn.execute(statement)

    def _participants(
        self, cycle_id: str, scope: sa.Select[tuple[str]] | None
    ) -> dict[str, Participant]:
        # Everyone with any record in the cycle: a union of three small key queries.
        ids = sa.union(
            *(
                sa.select(t.c.employee_id).where(t.c.cycle_id == cycle_id)
                for t in (calibrations, nominations, promotion_decisions)
            )
        ).subquery()
        statement = sa.select(
            people.c.employee_id, people.c.name, people.c.discipline, people.c.track,
            people.c.level, people.c.path, people.c.team, people.c.gender, people.c.ethnicity,
        ).where(people.c.employee_id.in_(sa.select(ids.c[0])))  # fmt: skip
        if scope is not None:
            statement = statement.where(people.c.employee_id.in_(scope))
        return {
            str(r.employee_id): Participant(**r._asdict())
            for r in self._conn.execute(statement.order_by(people.c.name, people.c.employee_id))
        }

    def nominations_of(self, employee_id: str) -> list[tuple[Cycle, Nomination, Decision | None]]:
        """Every nomination of the person, the newest cycle first, with its decision (one
        query: the profile page shows them)."""
        d = promotion_decisions
        statement = (
            sa.select(
                nominations,
                promotion_cycles.c.name.label("cycle_name"),
                promotion_cycles.c.opens_on,
                promotion_cycles.c.closes_on,
                promotion_cycles.c.min_months_in_level,
                d.c.outcome,
                d.c.reason,
                d.c.decided_on,
                d.c.decided_by,
            )
            .join(promotion_cycles, promotion_cycles.c.cycle_id == nominations.c.cycle_id)
            .join(
                d,
                sa.and_(
                    d.c.cycle_id == nominations.c.cycle_id,
                    d.c.employee_id == nominations.c.employee_id,
                ),
                isouter=True,
            )
            .where(nominations.c.employee_id == employee_id)
            .order_by(promotion_cycles.c.opens_on.desc(), nominations.c.cycle_id)
        )
        found = []
        for r in self._conn.execute(statement):
            cycle = Cycle(
                str(r.cycle_id), str(r.cycle_name), r.opens_on, r.closes_on, r.min_months_in_level
            )
            nomination = Nomination(
                str(r.employee_id), r.nominator_id, str(r.move), r.from_level, str(r.to_level),
                r.to_path, r.nominated_on, r.packet,
            )  # fmt: skip
            decision = (
                Decision(str(r.employee_id), str(r.outcome), str(r.reason), r.decided_on,
                         r.decided_by)
                if r.outcome is not None
                else None
            )  # fmt: skip
            found.append((cycle, nomination, decision))
        return found

    def save_nomination(self, cycle_id: str, nomination: Nomination) -> None:
        """Add or replace the person's nomination in the cycle (one per person and cycle)."""
        upsert_row(self._conn, nominations, {"cycle_id": cycle_id, **_values(nomination)})

    def save_calibration(self, cycle_id: str, calibration: Calibration) -> None:
        upsert_row(self._conn, calibrations, {"cycle_id": cycle_id, **_values(calibration)})

    def save_decision(self, cycle_id: str, decision: Decision) -> None:
        upsert_row(self._conn, promotion_decisions, {"cycle_id": cycle_id, **_values(decision)})


def _values(record: Calibration | Nomination | Decision) -> dict[str, object]:
    return {name: getattr(record, name) for name in record.__slots__}


def _scope(visibility: Visibility) -> sa.Select[tuple[str]] | None:
    if visibility.everyone:
        return None
    if visibility.manager_id is not None:
        return reporting_chain_query(visibility.manager_id)
    # One person: their own records only (not used by the committee, kept total).
    return sa.select(sa.literal(visibility.self_id or ""))
