"""The level page and the packet state and apply one "met" rule for the next level's
expectations (`framework.promotion_terms.next_level_met_rating`)."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from tests.web.conftest import Org, log_in


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_the_level_page_and_the_packet_say_the_same_rule(client: TestClient, org: Org) -> None:
    from latticework.framework.promotion_terms import next_level_met_rating, next_level_met_words
    from latticework.services.frameworks import current_framework
    from latticework.storage import UnitOfWork

    with UnitOfWork(org.url) as uow:
        rule = current_framework(uow).promotion
    words = next_level_met_words(rule)
    assert f"rating of {next_level_met_rating(rule)}" in words
    log_in(client, "chen")
    level = _text(client.get("/framework/levels/E6").text)
    packet = _text(client.get("/people/eng_a1/packet").text)
    assert words in level
    assert words[1:] in packet  # the packet starts it as a sentence
    # The level page no longer says the current level's "Meets" is enough for promotion.
    assert f"rating {rule.meets_rating}+ counts as met" not in level


def test_the_packet_applies_the_rating_the_pages_state(org: Org) -> None:
    from latticework.framework.promotion_terms import next_level_met_rating
    from latticework.services import accounts, person_growth
    from latticework.services.frameworks import current_framework
    from latticework.storage import UnitOfWork

    with UnitOfWork(org.url) as uow:
        fw = current_framework(uow)
        chen = accounts.get_user_by_name(uow, "chen")
        assert chen is not None
        packet = person_growth.promotion_packet(uow, fw, chen, "eng_a1", None)
    target = packet.readiness.next
    assert target is not None
    needed = next_level_met_rating(fw.promotion)
    plain = [i for i in target.items if i.proficiency is None]
    assert plain
    assert {i.required for i in plain} == {needed}
    rated = [i for i in plain if i.judged is not None]
    assert rated
    assert all(i.met == (i.judged is not None and i.judged >= needed) for i in rated)
