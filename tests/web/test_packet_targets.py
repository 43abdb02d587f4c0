"""A packet for any legal move: up, a lateral path change or a track switch; never lower, and
at the top of a track the lateral and track moves are offered instead of an error."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import log_in


def _move_links(html: str) -> dict[str, str]:
    return {
        label: href.replace("&amp;", "&")
        for href, label in re.findall(
            r'<li><a href="(/people/[^"]+/packet\?[^"]+)">([^<]+)</a>', html
        )
    }


def test_the_packet_page_offers_every_legal_move_and_builds_a_lateral_one(
    client: TestClient,
) -> None:
    log_in(client, "chen")
    page = client.get("/people/eng_a1/packet")
    assert page.status_code == 200
    links = _move_links(page.text)
    assert any("(promotion)" in label for label in links)
    lateral = next(href for label, href in links.items() if "lateral move" in label)
    packet = client.get(lateral)
    assert packet.status_code == 200
    assert "Promotion packet" in packet.text
    path = lateral.split("path=")[1]
    assert path not in packet.text.split("<h1>")[1].split("</h1>")[0]  # a name, not the id


def test_a_lower_level_is_refused_with_the_moves_to_choose_from(client: TestClient) -> None:
    log_in(client, "chen")
    page = client.get("/people/eng_a1/packet?target=E5")
    assert page.status_code == 422
    assert "not to a lower level" in page.text
    assert _move_links(page.text)
    assert "--to" not in page.text


def test_at_the_top_of_a_track_the_lateral_and_track_moves_are_offered(
    client: TestClient,
) -> None:
    log_in(client, "hr")
    page = client.get("/people/vp/packet")
    assert page.status_code == 200
    assert "top of the" in page.text
    links = _move_links(page.text)
    assert links
    assert all("(promotion)" not in label for label in links)
    assert any("switch of track" in label for label in links)
    assert "--to" not in page.text
