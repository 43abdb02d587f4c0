"""Promotion cycles for the committee: the candidates and parity of a cycle, and the forms that
nominate, calibrate and decide.

Access is `services.access.committee_access`: the people role sees and records everything;
a manager sees their reporting chain and nominates their reports. Every write checks the
domain rules first (a nomination is a legal move, a rating is on the framework's scale, a
decision has a reason), so a refused form says which field to fix and how.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from latticework.accounts.model import User
from latticework.audit.context import DEFAULT_MIN_GROUP
from latticework.errors import LatticeworkError, Location, Problem
from latticework.framework.model import Framework
from latticework.growth.targets import PacketTarget
from latticework.org.columns import DECISION_OUTCOMES, POTENTIAL_RATINGS
from latticework.promotion.committee import (
    OUTCOME_WORDS,
    POTENTIAL_WORDS,
    Candidate,
    ParityTable,
    candidates,
    parity,
)
from latticework.promotion.cycle_records import (
    Calibration,
    Cycle,
    CycleRecords,
    Decision,
    Nomination,
    Participant,
)
from latticework.promotion.moves import move_problem
from latticework.services import access, person_growth
from latticework.storage import UnitOfWork, Visibility

MOVE_OF_TARGET = {"promotion": "up", "path_change": "lateral", "track_change": "track_switch"}
"""The packet's names for the lattice moves, as the nominations table stores them."""
MAX_REASON_CHARS = 2000


@dataclass(frozen=True)
class CommitteeView:
    cycle: Cycle
    candidates: list[Candidate]
    parity: list[ParityTable]
    people_in_cycle: int
    min_group: int
    protected: bool
    may_decide: bool


@dataclass(frozen=True)
class CandidateView:
    cycle: Cycle
    person: Participant
    title: str
    candidate: Candidate | None
    calibration: Calibration | None
    rating_scale: list[int]
    may_decide: bool


def _problem(message: str, field: str, fix: str, code: str = "invalid-value") -> LatticeworkError:
    return LatticeworkError(Problem(message, Location(field=field), fix=fix, code=code))


def list_cycles(uow: UnitOfWork, user: User) -> list[Cycle]:
    access.committee_access(user)
    return uow.promotions.cycles()


def _cycle(uow: UnitOfWork, cycle_id: str) -> Cycle:
    cycle = uow.promotions.cycle(cycle_id)
    if cycle is None:
        raise access.not_found("promotion cycle", cycle_id)
    return cycle


def committee(
    uow: UnitOfWork,
    fw: Framework,
    user: User,
    cycle_id: str,
    min_group: int = DEFAULT_MIN_GROUP,
) -> CommitteeView:
    """The cycle as the user's committee seat shows it: candidates and the parity panel."""
    seat = access.committee_access(user)
    cycle = _cycle(uow, cycle_id)
    records = uow.promotions.records(cycle, seat.visibility)
    return CommitteeView(
        cycle=cycle,
        candidates=candidates(fw, records),
        parity=parity(fw, records, protected=seat.protected, min_group=min_group),
        people_in_cycle=len(records.people),
        min_group=min_group,
        protected=seat.protected,
        may_decide=seat.may_decide,
    )


def _one(uow: UnitOfWork, cycle: Cycle, employee_id: str) -> CycleRecords:
    return uow.promotions.records(cycle, Visibility(self_id=employee_id))


def candidate(
    uow: UnitOfWork, fw: Framework, user: User, cycle_id: str, employee_id: str
) -> CandidateView:
    """One person in the cycle: their nomination, calibration and decision, with the forms."""
    seat = access.committee_access(user)
    if user.employee_id == employee_id and not seat.may_decide:
        raise access.denied("see your own committee record")
    access.person_access(uow, user, employee_id)
    cycle = _cycle(uow, cycle_id)
    records = _one(uow, cycle, employee_id)
    person = records.people.get(employee_id) or _participant(uow, employee_id)
    found = candidates(fw, records)
    title = fw.level(person.level).title if fw.has_level(person.level) else person.level
    return CandidateView(
        cycle=cycle,
        person=person,
        title=title,
        candidate=found[0] if found else None,
        calibration=records.calibrations.get(employee_id),
        rating_scale=sorted(int(k) for k in fw.promotion.rating_scale),
        may_decide=seat.may_decide,
    )


def _participant(uow: UnitOfWork, employee_id: str) -> Participant:
    record = uow.people.get(employee_id)
    if record is None:
        raise access.not_found("person", employee_id)
    return Participant(
        record.employee_id, record.name, record.discipline, record.track, record.level,
        record.path, record.team, record.gender, record.ethnicity,
    )  # fmt: skip


def nomination_moves(
    uow: UnitOfWork, fw: Framework, user: User, cycle_id: str, employee_id: str
) -> tuple[Cycle, Participant, list[PacketTarget]]:
    """The moves the person may be nominated for: up, lateral, or a track switch."""
    if not employee_id.strip():
        raise _problem(
            "Say whom to nominate.",
            "employee_id",
            "Give the person's employee id (the People list shows it on each profile).",
        )
    access.require_nominator(uow, user, employee_id)
    cycle = _cycle(uow, cycle_id)
    person = _participant(uow, employee_id)
    return cycle, person, person_growth.packet_moves(uow, fw, user, employee_id)


@dataclass(frozen=True)
class Eligibility:
    """Months in level by the cycle's close against the cycle's (or framework's) minimum."""

    months: int | None
    minimum: int

    @property
    def short(self) -> bool:
        return self.months is not None and self.months < self.minimum


def eligibility(uow: UnitOfWork, fw: Framework, cycle: Cycle, employee_id: str) -> Eligibility:
    """Shown on the nomination form, not enforced: the committee may make an exception, and
    its decision says why."""
    from latticework.framework.promotion_terms import min_months_for
    from latticework.growth.readiness import months_between

    record = uow.people.get(employee_id)
    start = (record.level_start_date or record.hire_date) if record else None
    minimum = cycle.min_months_in_level
    if minimum is None:
        minimum = min_months_for(fw, record.level) if record and fw.has_level(record.level) else 0
    return Eligibility(months_between(start, cycle.closes_on), minimum)


def nominate(
    uow: UnitOfWork,
    fw: Framework,
    user: User,
    cycle_id: str,
    employee_id: str,
    target: str,
    today: date | None = None,
) -> Nomination:
    """Nominate the person for the move `target` names ('LEVEL' or 'LEVEL|PATH', one of the
    legal moves), with the packet for that move stored as the evidence."""
    cycle, person, moves = nomination_moves(uow, fw, user, cycle_id, employee_id)
    level, _, path = target.partition("|")
    chosen = next((m for m in moves if m.level == level and (m.path or "") == path), None)
    if chosen is None:
        raise _problem(
            "Choose the move to nominate for.",
            "target",
            "Pick one of the moves listed: a promotion, a lateral change of path or a track "
            "switch at the same grade.",
            code="not-a-move",
        )
    move = MOVE_OF_TARGET[chosen.kind]
    problem = move_problem(fw, move, person.level, chosen.level, chosen.path)
    if problem is not None:
        raise _problem(problem, "target", "Pick one of the moves listed.", code="not-a-move")
    packet = person_growth.promotion_packet(uow, fw, user, employee_id, chosen.level, chosen.path)
    nomination = Nomination(
        employee_id=employee_id,
        nominator_id=user.employee_id,
        move=move,
        from_level=person.level,
        to_level=chosen.level,
        to_path=chosen.path if move == "lateral" else None,
        nominated_on=today or date.today(),
        packet=json.dumps(packet.to_dict(), ensure_ascii=False),
    )
    uow.promotions.save_nomination(cycle.cycle_id, nomination)
    return nomination


def _rating(value: str, field: str, scale: list[int]) -> float:
    words = f"a whole number from {scale[0]} to {scale[-1]}"
    try:
        number = float(value)
    except ValueError:
        raise _problem(f"'{value}' is not a rating.", field, f"Give {words}.") from None
    if number not in scale:
        raise _problem(f"{value} is not on the rating scale.", field, f"Give {words}.")
    return number


def calibrate(
    uow: UnitOfWork,
    fw: Framework,
    user: User,
    cycle_id: str,
    employee_id: str,
    pre_rating: str,
    post_rating: str,
    potential: str,
    note: str = "",
) -> Calibration:
    """Record the person's rating before and after calibration, and their potential."""
    access.require_decider(user, "record calibrations")
    access.person_access(uow, user, employee_id)
    cycle = _cycle(uow, cycle_id)
    person = _participant(uow, employee_id)
    scale = sorted(int(k) for k in fw.promotion.rating_scale)
    pre = _rating(pre_rating, "pre_rating", scale)
    post = _rating(post_rating, "post_rating", scale)
    if potential and potential not in POTENTIAL_RATINGS:
        raise _problem(
            f"'{potential}' is not a potential rating.",
            "potential",
            "Choose " + ", ".join(POTENTIAL_WORDS[p] for p in POTENTIAL_RATINGS) + ".",
        )
    if post != pre and not note.strip():
        raise _problem(
            "A rating that moved in calibration needs a note saying why.",
            "note",
            "Say what the committee saw that the first rating did not.",
        )
    calibration = Calibration(
        employee_id, person.level, pre, post, potential or None, note.strip() or None
    )
    uow.promotions.save_calibration(cycle.cycle_id, calibration)
    return calibration


def decide(
    uow: UnitOfWork,
    user: User,
    cycle_id: str,
    employee_id: str,
    outcome: str,
    reason: str,
    today: date | None = None,
) -> Decision:
    """Record the committee's decision on a nomination, with its reason in words."""
    access.require_decider(user, "record committee decisions")
    access.person_access(uow, user, employee_id)
    cycle = _cycle(uow, cycle_id)
    if employee_id not in _one(uow, cycle, employee_id).nominations:
        raise _problem(
            "This person is not nominated in this cycle: there is nothing to decide.",
            "employee_id",
            "Nominate them first, then record the decision.",
            code="not-nominated",
        )
    if outcome not in DECISION_OUTCOMES:
        raise _problem(
            "Choose the decision.",
            "outcome",
            "Choose " + ", ".join(OUTCOME_WORDS[o] for o in DECISION_OUTCOMES) + ".",
        )
    text = reason.strip()
    if not text:
        raise _problem(
            "A decision needs its reason.",
            "reason",
            "Say in words why the committee decided so; the candidate will read it.",
        )
    if len(text) > MAX_REASON_CHARS:
        raise _problem(
            f"The reason is longer than {MAX_REASON_CHARS} characters.",
            "reason",
            "Shorten it; link to a longer document if there is one.",
        )
    decision = Decision(employee_id, outcome, text, today or date.today(), user.username)
    uow.promotions.save_decision(cycle.cycle_id, decision)
    return decision


@dataclass(frozen=True)
class PersonNomination:
    """One nomination as the person and their managers read it on the profile."""

    cycle_id: str
    cycle: str
    move: str
    target: str
    outcome: str
    reason: str | None


def nominations_of(
    uow: UnitOfWork, fw: Framework, user: User, employee_id: str
) -> list[PersonNomination]:
    """The person's nominations and the committee's decisions with their reasons, for anyone
    who may see the person (calibration ratings and potential stay with the committee)."""
    from latticework.promotion.committee import MOVE_WORDS, level_title, path_name

    access.person_access(uow, user, employee_id)
    found = []
    for cycle, nomination, decision in uow.promotions.nominations_of(employee_id):
        target = level_title(fw, nomination.to_level)
        to_path = path_name(fw, nomination.to_path)
        found.append(
            PersonNomination(
                cycle_id=cycle.cycle_id,
                cycle=cycle.name,
                move=MOVE_WORDS.get(nomination.move, "Another move"),
                target=f"{target}, {to_path} path" if to_path else target,
                outcome=OUTCOME_WORDS.get(decision.outcome, "Decided") if decision else "Pending",
                reason=decision.reason if decision else None,
            )
        )
    return found
