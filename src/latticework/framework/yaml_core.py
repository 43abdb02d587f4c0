"""A YAML loader with the YAML 1.2 core schema's idea of plain scalars.

PyYAML follows YAML 1.1, where `NO` (Norway) and `off` are booleans,
`2026-01-01` is a date and `012` is octal. JSON Schema editors and every other
modern YAML tool read those as the 1.2 core schema does: text, text, text and
the number 12. The loader must agree with the editor's schema, so plain
scalars resolve here as in YAML 1.2: booleans are only true/false, numbers are
decimal (or 0o/0x), and nothing becomes a date.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

# libyaml's parser (when PyYAML was built with it) is several times faster and keeps
# the same line and column marks; check must start and finish in well under 0.5 s.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_CORE_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_CORE_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_CORE_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


class CoreSchemaLoader(_Base):  # type: ignore[misc]
    """A safe loader whose plain scalars follow the YAML 1.2 core schema."""


CoreSchemaLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT, _TIMESTAMP)]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
CoreSchemaLoader.add_implicit_resolver(_BOOL, _CORE_BOOL, list("tTfF"))
CoreSchemaLoader.add_implicit_resolver(_INT, _CORE_INT, list("-+0123456789"))
CoreSchemaLoader.add_implicit_resolver(_FLOAT, _CORE_FLOAT, list("-+0123456789."))


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if text.startswith(("0o", "0x")):
        return int(text, 0)
    return int(text, 10)  # "012" is twelve in YAML 1.2, not octal ten


def _construct_bool(loader: Any, node: yaml.ScalarNode) -> bool:
    return str(loader.construct_scalar(node)).lower() == "true"


CoreSchemaLoader.add_constructor(_INT, _construct_int)
CoreSchemaLoader.add_constructor(_BOOL, _construct_bool)


class CoreSchemaDumper(yaml.SafeDumper):
    """Quotes every string that YAML 1.1 *or* 1.2 would read as something else.

    Files written with it read back the same with this loader and with older
    YAML 1.1 tools alike (`"0o17"`, `"NO"` and `"2026-01-01"` stay text).
    """


CoreSchemaDumper.add_implicit_resolver(_BOOL, _CORE_BOOL, list("tTfF"))
CoreSchemaDumper.add_implicit_resolver(_INT, _CORE_INT, list("-+0123456789"))
CoreSchemaDumper.add_implicit_resolver(_FLOAT, _CORE_FLOAT, list("-+0123456789."))
