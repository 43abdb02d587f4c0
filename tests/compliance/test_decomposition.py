"""The explained share against an independent least-squares computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from latticework.compliance.decomposition import decompose


def _frame(seed: int, n: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    sex = np.where(rng.random(n) < 0.5, "women", "men")
    tenure = rng.uniform(0, 10, n) + (sex == "men") * 2.0
    country = np.where(rng.random(n) < 0.5 + 0.2 * (sex == "men"), "NL", "ES")
    pay = 60_000 + 1_500 * tenure + 5_000 * (country == "NL") + rng.normal(0, 3_000, n)
    return pd.DataFrame({"sex": sex, "tenure": tenure, "country": country, "total_annual": pay})


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.integers(20, 200))
def test_explained_part_matches_numpy_lstsq(seed: int, n: int) -> None:
    frame = _frame(seed, n)
    if frame["sex"].nunique() < 2 or frame["country"].nunique() < 2:
        return
    result = decompose(frame, ["tenure", "country"])
    men = (frame["sex"] == "men").to_numpy()
    nl = (frame["country"] == "NL").to_numpy().astype(float)
    x = np.column_stack([np.ones(n), frame["tenure"], nl, men.astype(float)])
    beta, *_ = np.linalg.lstsq(x, frame["total_annual"].to_numpy(), rcond=None)
    difference = np.array(
        [
            frame["tenure"][men].mean() - frame["tenure"][~men].mean(),
            nl[men].mean() - nl[~men].mean(),
        ]
    )
    assert np.isclose(result.explained, difference @ beta[1:3], rtol=1e-7, atol=1e-6)
    pay = frame["total_annual"]
    assert np.isclose(result.gap, pay[men].mean() - pay[~men].mean())


def test_a_factor_that_does_not_differ_explains_nothing() -> None:
    frame = _frame(1, 100).assign(tenure=3.0)
    assert decompose(frame, ["tenure"]).explained == 0.0
