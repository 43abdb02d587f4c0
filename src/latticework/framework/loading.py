"""Load a framework from one or more YAML files, remembering where every value came from.

Several files merge into one framework: lists (grades, disciplines, paths, …)
are concatenated in file order; single values (organisation, promotion, …) may
be given in one file only, or must agree. Every node keeps its file, line and
column so that validation errors and lint findings can point at it.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from latticework.errors import LatticeworkError, Location, Problem
from latticework.framework.model import Framework
from latticework.framework.yaml_core import CoreSchemaDumper, CoreSchemaLoader

DocPath = tuple[str | int, ...]

_Loader = CoreSchemaLoader


@dataclass
class SourceMap:
    """Maps paths in the merged document (e.g. `("grades", 3, "rank")`) to file locations."""

    locations: dict[DocPath, Location] = field(default_factory=dict)
    ids: dict[tuple[str, str], DocPath] = field(default_factory=dict)
    """(collection key, id) → path of the object, e.g. ("levels", "E8")."""

    def locate(self, path: Sequence[str | int]) -> Location:
        """The location of `path`, or of its nearest recorded ancestor."""
        p = tuple(path)
        while p:
            if p in self.locations:
                return self.locations[p]
            p = p[:-1]
        return self.locations.get((), Location())

    def locate_id(self, collection: str, object_id: str, *key: str | int) -> Location:
        """The location of an object by id (`locate_id("levels", "E8", "grade")`)."""
        path = self.ids.get((collection, object_id))
        if path is None:
            return self.locations.get((), Location())
        return self.locate((*path, *key))

    def path_of(self, collection: str, object_id: str) -> DocPath | None:
        return self.ids.get((collection, object_id))


@dataclass
class LoadedFramework:
    """A framework with the files it came from and the location of every value."""

    framework: Framework
    sources: SourceMap
    files: list[str]


def load_framework(paths: Iterable[str | Path]) -> LoadedFramework:
    """Read, merge and validate framework files. Raises LatticeworkError listing every problem.

    A folder stands for the YAML files in it, in name order (as `init` writes them).
    """
    files = expand_folders(Path(p) for p in paths)
    if not files:
        raise LatticeworkError(Problem("No framework file given.", fix="Name a YAML file."))
    documents: list[tuple[dict[str, Any], SourceMap, str]] = []
    problems: list[Problem] = []
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            problems.append(
                Problem(
                    "File not found.",
                    Location(str(file)),
                    "Check the path; `latticework init DIR` writes a starter framework.",
                )
            )
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(f"Cannot read the file: {exc}.", Location(str(file))))
            continue
        try:
            documents.append((*parse_yaml(text, str(file)), str(file)))
        except LatticeworkError as exc:
            problems.extend(exc.problems)
    if problems:
        raise LatticeworkError(problems)
    data, sources = merge_documents(documents)
    return LoadedFramework(validate(data, sources), sources, [str(f) for f in files])


def expand_folders(paths: Iterable[Path]) -> list[Path]:
    """Replace each folder by its .yaml/.yml files, sorted by name."""
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not found:
                raise LatticeworkError(
                    Problem(
                        "The folder has no .yaml files.",
                        Location(str(path)),
                        "Name the framework files, or run `latticework init DIR` to write one.",
                    )
                )
            result += found
        else:
            result.append(path)
    return result


def load_framework_text(text: str, name: str = "<string>") -> LoadedFramework:
    """Load a framework from YAML text (tests, uploads)."""
    data, sources = parse_yaml(text, name)
    data, sources = merge_documents([(data, sources, name)])
    return LoadedFramework(validate(data, sources), sources, [name])


def parse_yaml(text: str, file: str) -> tuple[dict[str, Any], SourceMap]:
    """Parse one YAML document into plain data and a source map."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise LatticeworkError(
            Problem(
                f"Not valid YAML: {exc.problem or exc.context}.",
                Location(file, mark.line + 1, mark.column + 1) if mark else Location(file),
                "Check indentation (spaces, not tabs) and quoting near this line; values "
                "containing ': ' or '#' need quotes.",
                code="yaml",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise LatticeworkError(Problem(f"Not valid YAML: {exc}.", Location(file))) from None
    finally:
        loader.dispose()
    sources = SourceMap()
    if node is None:
        raise LatticeworkError(
            Problem("The file is empty.", Location(file, 1, 1), "Start from `latticework init`.")
        )
    data = _to_python(loader, node, (), file, sources)
    if not isinstance(data, dict):
        raise LatticeworkError(
            Problem(
                "A framework file must be a mapping of keys (organisation, grades, …).",
                Location(file, node.start_mark.line + 1, node.start_mark.column + 1),
                "Start from `latticework init`, which writes a complete example.",
            )
        )
    return data, sources


def _to_python(loader: Any, node: yaml.Node, path: DocPath, file: str, sources: SourceMap) -> Any:
    sources.locations[path] = Location(file, node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        # Keys written in this mapping, as opposed to keys brought in by a merge (`<<: *base`):
        # a written key overrides a merged one, as YAML merge keys intend.
        written = {id(k) for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge"}
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        origin: dict[Any, bool] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int):
                raise LatticeworkError(
                    Problem(
                        "Keys must be plain words.",
                        Location(
                            file, key_node.start_mark.line + 1, key_node.start_mark.column + 1
                        ),
                    )
                )
            own = id(key_node) in written
            if key in result and (own and origin[key]):
                raise LatticeworkError(
                    Problem(
                        f"Key '{key}' appears twice in the same mapping.",
                        Location(
                            file, key_node.start_mark.line + 1, key_node.start_mark.column + 1
                        ),
                        "Remove one of them; YAML would silently keep only the last.",
                        code="yaml",
                    )
                )
            result[key] = _to_python(loader, value_node, (*path, key), file, sources)
            origin[key] = own
            # Point at the key, which is where an editor's cursor should go.
            sources.locations[(*path, key)] = Location(
                file, key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_python(loader, item, (*path, i), file, sources) for i, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)


def _mark(file: str, node: yaml.Node) -> Location:
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


# Top-level keys whose values are lists concatenated across files.
_LIST_KEYS = (
    "grades",
    "disciplines",
    "paths",
    "competencies",
    "zones",
    "bands",
    "development",
    "leadership_roles",
    "forums",
    "proficiency_scales",
    "todo",
)
# Nested collections whose items have ids worth indexing for locate_id().
_ID_COLLECTIONS = {
    "grades",
    "disciplines",
    "tracks",
    "levels",
    "paths",
    "competencies",
    "zones",
    "development",
    "leadership_roles",
    "forums",
    "proficiency_scales",
}


def merge_documents(
    documents: Sequence[tuple[dict[str, Any], SourceMap, str]],
) -> tuple[dict[str, Any], SourceMap]:
    """Merge parsed files into one document; list keys concatenate, scalars must agree."""
    merged: dict[str, Any] = {}
    sources = SourceMap()
    problems: list[Problem] = []
    offsets: dict[str, int] = {}
    for data, doc_sources, file in documents:
        if () not in sources.locations:
            sources.locations[()] = doc_sources.locations.get((), Location(file, 1, 1))
        for key, value in data.items():
            if key in _LIST_KEYS and isinstance(value, list):
                start = offsets.get(key, 0)
                merged.setdefault(key, []).extend(value)
                offsets[key] = start + len(value)
                _copy_locations(doc_sources, sources, (key,), (key,), start)
            elif key in merged and merged[key] != value:
                first = sources.locate((key,))
                problems.append(
                    Problem(
                        f"'{key}' is given differently in two files (first at {first}).",
                        doc_sources.locate((key,)),
                        "Give it in one file only.",
                        code="merge",
                    )
                )
            else:
                merged[key] = value
                _copy_locations(doc_sources, sources, (key,), (key,), 0)
    if problems:
        raise LatticeworkError(problems)
    _index_ids(merged, (), sources)
    return merged, sources


def _copy_locations(
    src: SourceMap, dst: SourceMap, src_prefix: DocPath, dst_prefix: DocPath, offset: int
) -> None:
    n = len(src_prefix)
    for path, location in src.locations.items():
        if path[:n] != src_prefix:
            continue
        rest = path[n:]
        if rest and isinstance(rest[0], int):
            rest = (rest[0] + offset, *rest[1:])
        dst.locations[(*dst_prefix, *rest)] = location


def _index_ids(value: Any, path: DocPath, sources: SourceMap) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            if key in _ID_COLLECTIONS and isinstance(child, list):
                for i, item in enumerate(child):
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        sources.ids.setdefault((key, item["id"]), (*path, key, i))
            _index_ids(child, (*path, key), sources)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            _index_ids(child, (*path, i), sources)


def validate(data: dict[str, Any], sources: SourceMap) -> Framework:
    """Build the typed framework; every type error becomes a located problem with a fix."""
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        raise LatticeworkError(
            [_problem_from_error(err, sources) for err in exc.errors()]
        ) from None


def _problem_from_error(err: Any, sources: SourceMap) -> Problem:
    loc: tuple[str | int, ...] = tuple(
        part for part in err["loc"] if not (isinstance(part, str) and part.startswith("function-"))
    )
    where = _dotted(loc) or "the top level"
    kind = err["type"]
    location = sources.locate(loc)
    if kind == "missing":
        parent = _dotted(loc[:-1]) or "the top level"
        return Problem(
            f"{parent}: required key '{loc[-1]}' is missing.",
            location,
            f"Add `{loc[-1]}:` here (see docs/framework-format.md).",
            code="schema",
        )
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        suggestion = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        fix = f"Did you mean '{suggestion[0]}'? " if suggestion else ""
        fix += f"Allowed keys here: {', '.join(sorted(allowed))}." if allowed else "Remove it."
        return Problem(f"{where}: unknown key '{loc[-1]}'.", location, fix, code="schema")
    value = err.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    # Pydantic says "a valid dictionary or instance of PromotionRule": the class name
    # means nothing to someone writing YAML.
    message = re.sub(r" or instance of \w+", "", err["msg"])
    return Problem(
        f"{where}: {message} (got {shown}).",
        location,
        _fix_for(kind, err),
        code="schema",
    )


def _fix_for(kind: str, err: Any) -> str:
    if kind.startswith("literal") or kind == "enum":
        return f"Use one of the allowed values: {err.get('ctx', {}).get('expected', '')}."
    if kind == "string_pattern_mismatch":
        return (
            "Ids use letters, digits and `_ . : / -` only; currencies are three capital letters "
            "(USD); countries two (DE)."
        )
    if kind in {"list_type", "dict_type", "model_type"}:
        return "Check the indentation: this value has the wrong shape (list vs mapping)."
    if kind.startswith(("int", "float", "greater", "less")):
        return "Give a number in the allowed range."
    return "See docs/framework-format.md for this key."


def _dotted(loc: Sequence[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _allowed_keys(loc: Sequence[str | int]) -> list[str]:
    """The keys allowed at a document path, found by walking the model's field types."""
    model: Any = Framework
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        field_info = model.model_fields.get(str(part))
        if field_info is None:
            return []
        model = _inner_model(field_info.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            inner = _inner_model(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
        return None
    return annotation


def dump_framework(framework: Framework) -> str:
    """The framework as YAML, in the canonical key order (defaults left out)."""
    data = framework.model_dump(mode="json", exclude_defaults=True)
    data["latticework"] = framework.latticework
    ordered = {"latticework": data.pop("latticework"), **data}
    return yaml.dump(
        ordered, Dumper=CoreSchemaDumper, sort_keys=False, allow_unicode=True, width=100
    )
