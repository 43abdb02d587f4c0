"""The committee's parity panel: numbers per group, and no numbers for a small group."""

from __future__ import annotations

from datetime import date

from latticework.framework.model import Framework
from latticework.promotion.committee import candidates, parity, read_packet
from latticework.promotion.cycle_records import (
    Calibration,
    Cycle,
    CycleRecords,
    Decision,
    Nomination,
    Participant,
)

CYCLE = Cycle("2026-H1", "Promotion cycle 2026-H1", date(2026, 1, 1), date(2026, 6, 30))


def _records(ics: int, managers: int) -> CycleRecords:
    people: dict[str, Participant] = {}
    cals: dict[str, Calibration] = {}
    for i in range(ics):
        e = f"ic{i}"
        people[e] = Participant(e, f"IC {i}", "engineering", "ic", "E6", "technical-depth",
                                "t", "woman" if i % 2 else "man", None)  # fmt: skip
        cals[e] = Calibration(e, "E6", 4.0, 3.0, "high" if i == 0 else "medium", "moved")
    for i in range(managers):
        e = f"m{i}"
        people[e] = Participant(e, f"M {i}", "engineering", "management", "M7",
                                "people-leadership", "t", "woman", None)  # fmt: skip
        cals[e] = Calibration(e, "M7", 3.0, 3.0, "high", None)
    noms = {"ic0": Nomination("ic0", None, "up", "E6", "E7", None, None, None)}
    decided = {"ic0": Decision("ic0", "approved", "Clear", None, None)}
    return CycleRecords(CYCLE, people, cals, noms, decided)


def test_groups_at_the_minimum_show_their_numbers(framework: Framework) -> None:
    tables = parity(framework, _records(5, 5), protected=False, min_group=5)
    assert [t.title for t in tables] == ["By track", "By path"]
    by_track = {r.label: r for r in tables[0].rows}
    ic = next(r for label, r in by_track.items() if "ndividual" in label)
    assert (ic.n, ic.mean_change, ic.high_potential_share) == (5, -1.0, 0.2)
    assert (ic.nominated, ic.approved) == (1, 1)
    management = next(r for label, r in by_track.items() if r is not ic)
    assert (management.n, management.mean_change, management.nominated) == (5, 0.0, 0)


def test_a_group_below_the_minimum_shows_no_number_at_all(framework: Framework) -> None:
    tables = parity(framework, _records(5, 4), protected=True, min_group=5)
    assert [t.title for t in tables] == ["By track", "By path", "By gender", "By ethnicity"]
    small = [r for r in tables[0].rows if r.suppressed]
    assert len(small) == 1
    row = small[0]
    assert (row.n, row.mean_change, row.high_potential_share, row.nominated, row.approved) == (
        None,
        None,
        None,
        None,
        None,
    )
    assert all(r.label != "ic" and r.label != "management" for r in tables[0].rows)


def test_candidates_read_the_packet_stored_with_the_nomination(framework: Framework) -> None:
    records = _records(1, 0)
    packet = '{"readiness": {"ready": false, "weighted_share_met": 0.5, "reasons": ["x"]}}'
    nomination = Nomination("ic0", None, "up", "E6", "E7", None, None, packet)
    found = candidates(
        framework, CycleRecords(CYCLE, records.people, nominations={"ic0": nomination})
    )
    assert found[0].packet is not None
    assert found[0].packet.share_met == 0.5
    assert found[0].move == "Promotion"
    assert "E7" not in found[0].target
    assert read_packet("a packet as plain text") is None
