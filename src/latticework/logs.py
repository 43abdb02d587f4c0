"""Logging: one configuration point for the CLI and the server.

Modules log through `logging.getLogger(__name__)` (all under `latticework`);
only `configure` attaches a handler, so a program embedding latticework keeps
its own logging. The CLI calls it from `-v/--verbose`, the server with its
LATTICEWORK_LOG_LEVEL; an operator then sees imports, audit runs, refused
log-ins and errors on standard error.
"""

from __future__ import annotations

import logging
import sys

ROOT = "latticework"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure(level: str | int) -> None:
    """Log `latticework.*` records at `level` and above to standard error (once)."""
    logger = logging.getLogger(ROOT)
    logger.setLevel(level.upper() if isinstance(level, str) else level)
    if not any(getattr(h, "_latticework", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler._latticework = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.propagate = False


def level_for_verbosity(verbose: int) -> int:
    """-v shows what the program does (INFO), -vv everything (DEBUG); default warnings."""
    return logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG
