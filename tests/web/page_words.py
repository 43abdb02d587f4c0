"""What a page's visible text may not hold: ids of the framework, internal action names,
server paths and command-line wording. Shared by the crawl test and its own tests."""

from __future__ import annotations

import html
import re

from latticework.framework.model import Framework

ACTION_NAMES = ("audit.view", "audit.people", "person.export", "person.profile")
"""Access-log action names: the log page says what was read in words."""
CLI_WORDING = (
    re.compile(r"(?<![\w-])--[a-z][a-z-]+"),  # a command-line option: --to, --format
    re.compile(r"mapping file's `"),
    re.compile(r"`[a-z_]+:`"),  # a YAML key in backticks: `files:`
    re.compile(r"\bpass --"),
)
SERVER_PATHS = re.compile(r"(/tmp/|/var/folders/|\\AppData\\Local\\Temp|/private/var/)")
TRACK_ID = re.compile(r"(?<![\w-])ic(?![\w-])")
"""The IC track's id, alone as a word (the name is "Individual contributor")."""


def visible_text(page: str) -> str:
    """The text a reader sees: no tags, scripts, styles, comments or attribute values."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    page = re.sub(r"<!--.*?-->", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(page))


def internal_ids(fw: Framework) -> set[str]:
    """Framework ids no page should show as text: those that are not plain words."""
    ids = {p.id for p in fw.paths} | {c.id for c in fw.competencies}
    ids |= {f.id for f in fw.forums} | {r.id for r in fw.leadership_roles}
    return {i for i in ids if "-" in i or ":" in i or "_" in i}


def leaks(fw: Framework, page: str) -> list[str]:
    """Each internal string found in the page's visible text, with a little context."""
    text = visible_text(page)
    found: list[str] = []

    def note(start: int, end: int) -> None:
        found.append(text[max(0, start - 40) : end + 40].strip())

    for needle in sorted(internal_ids(fw)) + list(ACTION_NAMES):
        for m in re.finditer(rf"(?<![\w/-]){re.escape(needle)}(?![\w-])", text):
            note(m.start(), m.end())
    for pattern in (*CLI_WORDING, SERVER_PATHS, TRACK_ID):
        for m in pattern.finditer(text):
            note(m.start(), m.end())
    return found
