"""Open items of a draft framework: values its source did not contain, to be filled in."""

from __future__ import annotations

from latticework.framework.base import FrameworkModel, Text


class Todo(FrameworkModel):
    """One value a person must still supply (`ladder import` writes these)."""

    at: Text
    """Where the value goes, as a document path (`competencies[3].category`)."""
    note: Text
    """What is missing and how to decide it."""
