"""Which parts of the framework its authors wrote, and which the lint rules may assume.

Development opportunities, leadership roles, forums and team targets are
latticework's own sections: published career frameworks rarely have them.
A rule about such a section runs only when the framework declares it (an
absent section is said once, by `section-absent`), and never judges defaults
nobody wrote. Open `todo:` items (left by `ladder import`) hold those rules
back too, until the draft is filled in.
"""

from __future__ import annotations

from latticework.framework.model import Framework

OPTIONAL_SECTIONS: tuple[str, ...] = ("development", "leadership_roles", "forums", "team_targets")
"""Latticework-only sections whose rules wait until the framework declares them."""


def checks_section(fw: Framework, section: str) -> bool:
    """True when rules about this section may run: it is written, and no `todo:` is open."""
    return section in fw.model_fields_set and not fw.todo


def absent_sections(fw: Framework) -> list[str]:
    return [s for s in OPTIONAL_SECTIONS if s not in fw.model_fields_set]
