"""The same decimal text gives the same float on every reading path and pandas version."""

from __future__ import annotations

import random
from datetime import date

import pandas as pd

from latticework.ingest.findings import Findings
from latticework.ingest.parsing import parse_table
from latticework.org.numbers import exact_floats
from latticework.storage.frames import typed_frame


def _decimals() -> list[str]:
    """Shortest round-trip reprs, as PostgreSQL writes floats: computed pay has 17 digits."""
    rng = random.Random(1)
    return ["231037.59999999998", *(repr(rng.uniform(0, 300_000)) for _ in range(5_000))]


def test_exact_floats_agree_with_python_float_digit_for_digit() -> None:
    texts = _decimals()
    floats = exact_floats(pd.Series([*texts, None, "x"], dtype="str"))
    assert floats.iloc[: len(texts)].tolist() == [float(t) for t in texts]
    assert floats.iloc[len(texts) :].isna().all()


def test_postgresql_text_rows_read_as_the_floats_sqlite_returns() -> None:
    # PostgreSQL rows come as CSV text (COPY), SQLite rows as floats: the same numbers.
    texts = _decimals()
    frame = typed_frame("events", pd.DataFrame({"old_base": pd.Series(texts, dtype="str")}))
    assert frame["old_base"].tolist() == [float(t) for t in texts]


def test_imported_pay_is_the_exact_float_of_its_text() -> None:
    texts = _decimals()
    rows = pd.RangeIndex(2, len(texts) + 2)
    cells = pd.DataFrame({"old_base": pd.Series(texts, dtype="str", index=rows)})
    parsed = parse_table("events", "events.csv", cells, Findings(), today=date(2026, 1, 1))
    assert parsed.frame["old_base"].tolist() == [float(t) for t in texts]
