"""ImageNet cost series (notebook 03): price look-up in a window, cost from hours and prices,
the cheapest-per-year series builder, the price bootstrap and the two assessors."""

import math

import numpy as np
import pandas as pd
import pytest

from aicost.analyses import imagenet_trend as it
from aicost.costs import cost_from_hours, price_range


def _prices():
    rows = [
        ("2020-01-01", "A100", 2.0, "list price"),
        ("2020-06-01", "A100", 4.0, "list price"),
        ("2020-09-01", "A100", 3.0, "assumption"),
        ("2022-01-01", "A100", 1.0, "list price"),  # outside a 1-year window around mid-2020
        ("2020-03-01", "V100", 1.5, "list price"),
    ]
    return pd.DataFrame({
        "date": pd.to_datetime([r[0] for r in rows]),
        "accelerator": [r[1] for r in rows],
        "price_per_accelerator_hour_usd": [r[2] for r in rows],
        "price_kind": [r[3] for r in rows],
    })


def _runs():
    return pd.DataFrame({
        "run_id": ["a", "b", "c", "d"],
        "date": pd.to_datetime(["2020-06-15", "2020-06-15", "2020-06-15", "2020-06-15"]),
        "accelerator": ["A100", "V100", "TPU v9", "Xeon CPU"],
        "accelerator_count": pd.array([8, 4, 2, pd.NA], dtype="Int64"),
        "hours_to_target": [0.5, 2.0, 1.0, 10.0],
    })


def test_price_lookup_in_a_window_as_used():
    p = _prices()
    pr = price_range(p, "A100", "2020-06-15", 365, kinds=it.PRICE_KINDS)
    assert (pr.low, pr.median, pr.high, pr.n) == (2.0, 3.0, 4.0, 2)  # assumption row excluded
    assert it.window_prices(p, "A100", "2020-06-15", 365) == (2.0, 4.0)
    # no look-ahead: the assumption row of 2020-09 is after the result's date
    assert it.window_prices(p, "A100", "2020-06-15", 365, kinds=None) == (2.0, 4.0)
    assert it.window_prices(p, "A100", "2020-10-15", 365, kinds=None) == (2.0, 3.0, 4.0)
    assert it.window_prices(p, "A100", "2022-06-15", 200) == (1.0,)
    assert it.window_prices(p, "A100", "2021-12-31", 200) == ()  # the 2022 price came later
    assert it.window_prices(p, "A100", "2030-01-01", 365) == ()


def test_price_range_never_looks_ahead():
    p = _prices()
    assert price_range(p, "A100", "2020-06-15", 365).n == 3  # +-365 days, no cut-off
    pr = price_range(p, "A100", "2020-06-15", 365, not_after="2020-06-15")
    assert (pr.low, pr.high, pr.n) == (2.0, 4.0, 2)
    with pytest.raises(LookupError):
        price_range(p, "A100", "2021-12-31", 200, not_after="2021-12-31")


def test_cost_from_hours_and_prices_and_exclusions_are_reported():
    assert cost_from_hours(0.5, 8, 3.0) == pytest.approx(12.0)
    assert cost_from_hours(2.0, 1, 24.48) == pytest.approx(48.96)  # whole-instance price
    priced, excluded = it.price_entries(_runs(), _prices(), 365)
    assert list(priced["run_id"]) == ["a", "b"]
    a = priced.set_index("run_id").loc["a"]
    assert (a["cost_low"], a["cost"], a["cost_high"]) == pytest.approx((8.0, 12.0, 16.0))
    b = priced.set_index("run_id").loc["b"]
    assert b["cost"] == pytest.approx(2.0 * 4 * 1.5)
    reasons = dict(zip(excluded["run_id"], excluded["reason"], strict=True))
    assert set(reasons) == {"c", "d"}  # nothing dropped silently
    assert "TPU v9" in reasons["c"] and "365" in reasons["c"]
    assert "CPU-only" in reasons["d"]


def test_cheapest_per_year_picks_the_minimum_of_each_year_with_stable_ties():
    f = pd.DataFrame({
        "run_id": ["x1", "x2", "x3", "y1", "y2", "z1"],
        "year": [2017, 2017, 2017, 2018, 2018, 2019],
        "date": pd.to_datetime(["2017-01-01", "2017-05-01", "2017-03-01", "2018-02-01",
                                "2018-01-01", "2019-01-01"]),
        "value": [5.0, 1.0, 1.0, 3.0, np.nan, 7.0],
    })
    s = it.cheapest_per_year(f)
    assert list(s["year"]) == [2017, 2018, 2019]
    assert list(s["run_id"]) == ["x3", "y1", "z1"]  # tie in 2017 -> earlier date; NaN ignored


def test_batched_ols_recovers_known_lines():
    rng = np.random.default_rng(0)
    x = np.sort(rng.uniform(2017, 2024, size=(5, 12)), axis=1)
    slopes = np.array([-1.0, -0.5, 0.0, 0.3, 1.0])
    y = 2.0 + slopes[:, None] * (x - 2020.0)
    beta = it.batched_ols(it._design(x, None), y)
    assert beta[:, 1] == pytest.approx(slopes)
    assert beta[:, 0] == pytest.approx(np.full(5, 2.0))
    # hinge design: slope -1 before 2021, -1 + 0.8 after
    xs = np.linspace(2017, 2024, 15)[None, :]
    ys = np.where(xs < 2021, -(xs - 2020), -1.0 - 0.2 * (xs - 2021))
    b = it.batched_ols(it._design(xs, 2021.0), ys)[0]
    assert b[1:] == pytest.approx([-1.0, 0.8])


def test_price_draws_and_yearly_minima():
    f = pd.DataFrame({
        "run_id": ["p", "q", "r"], "year": [2020, 2021, 2021],
        "x": [2020.5, 2021.2, 2021.8], "accelerator": ["K80", "A100", "A100"],
        "accelerator_hours": [np.nan, 2.0, 4.0], "value": [100.0, 4.0, 8.0],
        "window_prices": [np.nan, (1.0, 2.0, 3.0), (1.0, 2.0)],
    })
    cost = it.price_quantile_draws(f, n_boot=500, seed=1)
    assert np.all(cost[:, 0] == 100.0)  # published price kept
    assert set(np.unique(cost[:, 1])) <= {2.0, 4.0, 6.0}
    assert set(np.unique(cost[:, 2])) <= {4.0, 8.0}
    X, Y = it.yearly_min_draws(f, cost)
    assert X.shape == Y.shape == (500, 2)
    assert np.all(X[:, 1] == 2021.2)  # q is always cheaper than r (same quantile, fewer hours)
    assert np.all(10 ** Y[:, 1] == pytest.approx(cost[:, 1]))


def test_ai_index_reproduction_and_arithmetic():
    rep = it.reproduce_ai_index()
    assert list(rep["match"]) == [True, True, True, True, False]
    fold = it.fold_arithmetic().set_index("endpoints")["fold_decrease"]
    assert fold.iloc[0] == pytest.approx(1112.64 / 4.59)


def test_assessors_return_exactly_their_claims_with_ordered_intervals():
    out = it.assess()
    assert set(out) == {"imagenet-223x", "resnet50-1usd-2020"}
    for est in out.values():
        assert not est.not_testable
        assert est.low <= est.value <= est.high
        assert all(math.isfinite(v) for v in (est.value, est.low, est.high))
    assert out["resnet50-1usd-2020"].value > 1.0  # forecast missed by 2020
