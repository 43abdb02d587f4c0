"""The published ladder: every link resolves, axe finds nothing in Chromium, no pay or names."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from latticework.cli import app
from latticework.framework import load_default_framework, load_framework_text
from latticework.framework.model import Framework
from latticework.services.publish import publish_site
from tests.framework.ladder_shapes import POINTS, PROFICIENCY_BY_TRACK, SHARED_MANAGER_LADDER

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for key in ("href", "src"):
            if values.get(key):
                self.links.append(str(values[key]))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _broken_links(site: Path) -> list[str]:
    broken = []
    for page in sorted(site.rglob("*.html")):
        for link in _parse(page).links:
            if link.startswith(("http://", "https://")):
                continue
            target, _, fragment = link.partition("#")
            file = (page.parent / target).resolve() if target else page
            if not file.exists():
                broken.append(f"{page.relative_to(site)} → {link}")
            elif fragment and fragment not in _parse(file).ids:
                broken.append(f"{page.relative_to(site)} → {link} (no such anchor)")
    return broken


@pytest.mark.parametrize(
    "text",
    [None, PROFICIENCY_BY_TRACK, SHARED_MANAGER_LADDER, POINTS],
    ids=["default", "a", "b", "c"],
)
def test_every_link_of_the_site_resolves(text: str | None, tmp_path: Path) -> None:
    fw = load_default_framework().framework if text is None else load_framework_text(text).framework
    site = publish_site(fw, tmp_path / "site", with_bands=True)
    assert "index.html" in site.files
    assert _broken_links(tmp_path / "site") == []


def _band_figures(fw: Framework) -> set[str]:
    return {f"{v:,.0f}" for b in fw.bands for v in (b.min, b.mid, b.max)} | {
        f"{v:.0f}" for b in fw.bands for v in (b.min, b.mid, b.max)
    }


def _all_text(site: Path) -> str:
    texts = [
        p.read_text(encoding="utf-8") for p in site.rglob("*") if p.suffix in (".html", ".json")
    ]
    for tracker in site.rglob("*.xlsx"):
        book = load_workbook(tracker, read_only=True)
        texts += [str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row]
        book.close()
    return "\n".join(texts)


def test_no_pay_appears_without_bands_and_bands_appear_with_them(tmp_path: Path) -> None:
    fw = load_default_framework().framework
    publish_site(fw, tmp_path / "plain")
    text = _all_text(tmp_path / "plain")
    assert not [
        f for f in _band_figures(fw) if re.search(rf"(?<![\d,.]){re.escape(f)}(?![\d,])", text)
    ]
    assert "Pay band" not in text
    publish_site(fw, tmp_path / "bands", with_bands=True)
    assert "Pay bands" in (tmp_path / "bands" / "index.html").read_text(encoding="utf-8")
    assert f"{fw.bands[0].min:,.0f}" in _all_text(tmp_path / "bands")


def test_no_persons_name_appears(tmp_path: Path) -> None:
    from datetime import date

    from latticework.demo.generator import generate_organisation

    fw = load_default_framework().framework
    people = generate_organisation(fw, people=300, seed=3, as_of=date(2026, 6, 30)).people
    publish_site(fw, tmp_path / "site", with_bands=True)
    text = _all_text(tmp_path / "site")
    names = {str(n) for n in people["name"]} if "name" in people else set()
    ids = {str(i) for i in people["employee_id"]}
    assert names or ids
    assert [n for n in names if n in text] == []
    assert [i for i in ids if re.search(rf"\b{re.escape(i)}\b", text)] == []


def test_json_is_versioned_and_a_tracker_lists_the_levels_expectations(tmp_path: Path) -> None:
    fw = load_framework_text(SHARED_MANAGER_LADDER).framework
    publish_site(fw, tmp_path / "site")
    data = json.loads((tmp_path / "site" / "framework-1.json").read_text(encoding="utf-8"))
    assert data["site_schema_version"] == 1
    assert data["framework"]["version"] == "1"
    assert "bands" not in data["framework"]
    book = load_workbook(tmp_path / "site" / "trackers" / "SE4.xlsx", read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert rows[1] == (
        "Theme",
        "Competency",
        "Expectation",
        "Proficiency",
        "Evidence",
        "Self rating",
    )
    assert [r[2] for r in rows[2:]] == [
        "Chooses work with outcomes beyond the team.",
        "Sees cross-team work to the end.",
    ]


def test_level_pages_show_proficiency_and_the_promotion_terms(tmp_path: Path) -> None:
    publish_site(load_framework_text(POINTS).framework, tmp_path / "site")
    page = (tmp_path / "site" / "levels" / "P2.html").read_text(encoding="utf-8")
    assert "Milestone 2" in page
    assert "Staff Engineer is reached with 15 points" in page
    assert "after at least 6 months" in page


def test_publish_refuses_a_folder_with_files_in_it(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["publish", str(tmp_path / "site")])
    assert result.exit_code == 2
    assert "not empty" in result.output
    fresh = CliRunner().invoke(app, ["publish", str(tmp_path / "new"), "--with-bands"])
    assert fresh.exit_code == 0, fresh.output


@pytest.mark.browser
def test_axe_finds_no_violations_and_pages_request_nothing_remote(
    chromium_path: str, tmp_path: Path
) -> None:
    from importlib.resources import files

    from playwright.sync_api import sync_playwright

    axe_script = str(files("axe_playwright_python") / "axe.min.js")
    fw = load_framework_text(SHARED_MANAGER_LADDER).framework
    publish_site(fw, tmp_path / "site", with_bands=True)
    default = publish_site(
        load_default_framework().framework, tmp_path / "default", with_bands=True
    )
    pages = (
        sorted((tmp_path / "site").rglob("*.html"))
        + [
            tmp_path / "default" / name
            for name in default.files
            if name.endswith(".html") and not name.startswith("levels/")
        ]
        + [tmp_path / "default" / "levels" / "E8.html"]
    )
    violations: dict[str, list[str]] = {}
    remote: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on(
                "request",
                lambda r: remote.append(r.url) if not r.url.startswith("file://") else None,
            )
            for file in pages:
                page.goto(file.as_uri())
                page.add_script_tag(path=axe_script)
                result = page.evaluate("async () => await axe.run(document)")
                found = [f"{v['id']}: {v['help']}" for v in result["violations"]]
                if found:
                    violations[file.name] = found
            # The same harness on a page with a known fault must report it.
            bad = tmp_path / "bad.html"
            bad.write_text("<html><body><img src='x.png'></body></html>", encoding="utf-8")
            page.goto(bad.as_uri())
            page.add_script_tag(path=axe_script)
            caught = page.evaluate("async () => await axe.run(document)")["violations"]
        finally:
            browser.close()
    assert violations == {}
    assert remote == []
    assert {"image-alt", "html-has-lang"} <= {v["id"] for v in caught}
