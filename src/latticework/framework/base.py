"""The building blocks every framework model shares: ids, text and the strict base model.

The newer parts of the format (proficiency scales, promotion details, richer
expectations) live in their own modules and build on these, so that the main
model stays a list of fields.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:/-]*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=80)]
"""An identifier: letters, digits and `_ . : / -`, starting with a letter or digit."""

Text = Annotated[str, StringConstraints(strip_whitespace=True)]


class FrameworkModel(BaseModel):
    """Immutable, and unknown keys are errors: a typo must not silently vanish."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _not_text_or_boolean(value: object) -> object:
    # JSON Schema's "integer" is any whole number (1 and 1.0 alike) but never text or a
    # boolean; pydantic's lax int would take "1" and True. Say so in the user's terms.
    if isinstance(value, bool | str):
        raise ValueError(f"Input should be a whole number, not {type(value).__name__}")
    return value


Whole = Annotated[int, BeforeValidator(_not_text_or_boolean)]
"""A whole number as JSON Schema means it: `3` or `3.0`, never `"3"` or `true`."""

FormatVersion = Annotated[Literal[1], BeforeValidator(_not_text_or_boolean)]
"""The format version: the number 1 (not the text "1", not `true`)."""


def _whole_key(value: object) -> object:
    # A mapping key: YAML writes `3:` as a number and `"3":` as text, JSON always as text;
    # both mean the rating 3. Anything else (`one:`, `true:`) is not a rating.
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value):
        return int(value)
    return _not_text_or_boolean(value)


WholeKey = Annotated[int, BeforeValidator(_whole_key)]
"""A whole number used as a mapping key: `3` or `"3"`."""
