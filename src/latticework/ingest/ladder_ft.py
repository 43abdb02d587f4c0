"""Read a ladder in the FT engineering-progression layout: a folder of YAML files.

    levels.yml         [{id, name, track?, description?}, …] lowest first; a level
                       split by track (principal-ic, principal-em) lists one entry per
                       track, next to each other
    competencies.yml   [{id, level, theme, summary, domain?, proficiency?}, …]
    domains.yml        optional [{id, name, description?}, …]
    proficiency.yml    optional [step name, …] lowest first
    job-families/*.yml optional {id, name, levels: [level id, …]} per family

Each theme becomes a competency; each text one expectation (several texts of a
theme at a level become bullets rated separately).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from latticework.errors import LatticeworkError, Location, Problem
from latticework.framework.yaml_core import CoreSchemaLoader
from latticework.ingest.ladder_draft import LadderSource, SourceExpectation, SourceLevel

MAX_ITEMS = 20_000
"""Most levels or competency texts read from one file; a ladder has a few hundred."""


def read_ft_layout(folder: Path, organisation: str | None = None) -> LadderSource:
    """The ladder in `folder`; every problem in its files is reported at once."""
    if not folder.is_dir():
        raise LatticeworkError(
            Problem(
                "An FT-layout ladder is a folder (levels.yml, competencies.yml, …).",
                Location(str(folder)),
                "Name the folder that holds levels.yml.",
            )
        )
    problems: list[Problem] = []
    levels_data = _read_list(folder / "levels.yml", problems, required=True)
    items_data = _read_list(folder / "competencies.yml", problems, required=True)
    domains_data = _read_list(folder / "domains.yml", problems, required=False)
    steps_data = _read_list(folder / "proficiency.yml", problems, required=False)
    families: dict[str, tuple[str, list[str]]] = {}
    for file in sorted((folder / "job-families").glob("*.yml")):
        family = _read(file, problems)
        if isinstance(family, dict) and {"id", "name", "levels"} <= family.keys():
            families[str(family["id"])] = (str(family["name"]), [str(x) for x in family["levels"]])
        elif family is not None:
            problems.append(
                Problem(
                    "A job family needs `id`, `name` and `levels`.",
                    Location(str(file), 1, 1),
                    "Write `id: backend`, `name: Backend engineering`, `levels: [engineer, …]`.",
                )
            )
    levels = [
        level
        for i, item in enumerate(levels_data)
        if (level := _level(item, folder / "levels.yml", i, problems)) is not None
    ]
    known = {lv.key for lv in levels}
    items = [
        e
        for i, item in enumerate(items_data)
        if (e := _expectation(item, folder / "competencies.yml", i, known, problems)) is not None
    ]
    if problems:
        raise LatticeworkError(problems)
    domain_names = {str(d.get("id")): str(d.get("name", d.get("id"))) for d in domains_data}
    domain_of = {
        e.competency: str(item.get("domain"))
        for e, item in zip(items, items_data, strict=False)
        if isinstance(item, dict) and item.get("domain")
    }
    descriptions = {
        theme: f"Domain: {domain_names.get(domain, domain)}." for theme, domain in domain_of.items()
    }
    if families:
        levels = [
            SourceLevel(f"{fid}/{lv.key}", lv.title, lv.track, fid, description=lv.description)
            for fid, (_, members) in families.items()
            for lv in levels
            if lv.key in members
        ]
        items = [
            SourceExpectation(
                f"{fid}/{e.level}", e.competency, e.text, e.id, e.theme, e.proficiency
            )
            for fid, (_, members) in families.items()
            for e in items
            if e.level in members
        ]
    return LadderSource(
        organisation=organisation or folder.name,
        origin=f"the FT-layout ladder {folder.name}",
        levels=levels,
        expectations=items,
        disciplines={fid: name for fid, (name, _) in families.items()},
        descriptions=descriptions,
        proficiency_order=[str(s) for s in steps_data],
    )


def _read(file: Path, problems: list[Problem]) -> Any:
    try:
        return yaml.load(file.read_text(encoding="utf-8"), Loader=CoreSchemaLoader)
    except FileNotFoundError:
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = Location(str(file), mark.line + 1, mark.column + 1) if mark else Location(str(file))
        problems.append(Problem(f"Not valid YAML: {exc.problem}.", where, "Check the quoting."))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(Problem(f"Cannot read the file: {exc}.", Location(str(file))))
    return None


def _read_list(file: Path, problems: list[Problem], *, required: bool) -> list[Any]:
    if not file.exists():
        if required:
            problems.append(
                Problem("File not found.", Location(str(file)), f"The layout needs {file.name}.")
            )
        return []
    data = _read(file, problems)
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(
            Problem(
                "Expected a list of items.", Location(str(file), 1, 1), "Write `- id: …` items."
            )
        )
        return []
    if len(data) > MAX_ITEMS:
        problems.append(
            Problem(
                f"{len(data)} items is more than the {MAX_ITEMS} a ladder file may hold.",
                Location(str(file)),
                "Split the ladder, or check that the file is the right one.",
            )
        )
        return []
    return data


def _text(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    return str(value).strip() if value is not None and str(value).strip() else None


def _level(item: Any, file: Path, i: int, problems: list[Problem]) -> SourceLevel | None:
    if not isinstance(item, dict) or not _text(item, "id") or not _text(item, "name"):
        problems.append(
            Problem(
                f"Level #{i + 1} needs an `id` and a `name`.",
                Location(str(file), row=i + 1),
                "Write `- {id: senior-engineer, name: Senior Engineer}`.",
            )
        )
        return None
    return SourceLevel(
        str(_text(item, "id")),
        str(_text(item, "name")),
        _text(item, "track"),
        description=_text(item, "description") or "",
    )


def _expectation(
    item: Any, file: Path, i: int, levels: set[str], problems: list[Problem]
) -> SourceExpectation | None:
    if not isinstance(item, dict) or not all(_text(item, k) for k in ("level", "theme", "summary")):
        problems.append(
            Problem(
                f"Competency #{i + 1} needs `level`, `theme` and `summary`.",
                Location(str(file), row=i + 1),
                "Write `- {id: c1, level: engineer, theme: Code quality, summary: …}`.",
            )
        )
        return None
    level = str(_text(item, "level"))
    if level not in levels:
        problems.append(
            Problem(
                f"Competency #{i + 1} is at level '{level}', which levels.yml does not list.",
                Location(str(file), row=i + 1, field="level"),
                "Use a level id from levels.yml.",
            )
        )
        return None
    theme = str(_text(item, "theme"))
    return SourceExpectation(
        level=level,
        competency=theme,
        text=str(_text(item, "summary")),
        id=_text(item, "id"),
        theme=theme,
        proficiency=_text(item, "proficiency"),
    )
