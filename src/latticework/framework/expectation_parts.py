"""The parts of a rich expectation: links to examples and bullets rated separately."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from latticework.framework.base import FrameworkModel, Id, Text

Url = Annotated[str, StringConstraints(pattern=r"^(https?://|/|\./|\.\./|#)\S+$", max_length=2000)]


class Link(FrameworkModel):
    """A link from an expectation to an example, a guide or a longer text."""

    title: Text
    url: Url
    """An absolute http(s) address, or a path relative to the published site."""


class Bullet(FrameworkModel):
    """One line of an expectation that is assessed on its own (`<competency>#<id>` in ratings)."""

    id: Id
    text: Text
    examples: list[Text] = Field(default_factory=list)
