"""The MLPerf successor analysis on synthetic data with known truth: the pooled fit with a level
per group, prices dated no later than a run, the fewest per round, per-task rates, the first
result below a threshold."""

import math

import numpy as np
import pandas as pd
import pytest

from aicost.analyses import mlperf as mp
from aicost.costs import price_range
from aicost.trends import fit_pooled_trend, fit_trend


# -- aicost.trends.fit_pooled_trend -------------------------------------------------------------
def _three_series(noise=0.0, seed=3):
    rng = np.random.default_rng(seed)
    groups = np.repeat(["a", "b", "c"], [6, 4, 5])
    x = np.concatenate([np.arange(2018, 2024), np.arange(2021, 2025), np.arange(2020, 2025)]) + 0.5
    level = {"a": 2.0, "b": -1.0, "c": 4.0}  # log10 values at 2020.0
    y = np.array([level[g] for g in groups]) - 0.25 * (x - 2020.0) + rng.normal(0, noise, len(x))
    return groups, x.astype(float), 10.0 ** y, level


def test_pooled_trend_recovers_slope_and_levels_exactly():
    g, x, v, level = _three_series()
    t = fit_pooled_trend(g, x, v)
    assert t.slope.value == pytest.approx(-0.25, abs=1e-10)
    assert t.annual_decline_factor().value == pytest.approx(10 ** 0.25)
    assert t.n == len(x) and set(t.levels) == {"a", "b", "c"}
    for k, lv in level.items():  # levels are log10 values at year 0; shift back to 2020
        assert t.levels[k] + t.slope.value * 2020.0 == pytest.approx(lv, abs=1e-8)
    assert t.predict([2020.0], group="b")["fit"].iloc[0] == pytest.approx(0.1)


def test_pooled_trend_interval_covers_truth_and_absorbs_the_levels():
    g, x, v, _ = _three_series(noise=0.05)
    t = fit_pooled_trend(g, x, v)
    assert t.slope.contains(-0.25)
    assert t.slope.low < t.slope.value < t.slope.high
    # one line through all points (no level per group) mistakes the levels for scatter
    naive = fit_trend(x, v)
    assert (naive.slope.high - naive.slope.low) > 10 * (t.slope.high - t.slope.low)


def test_pooled_trend_interval_coverage_near_95_percent():
    hits = 0
    for seed in range(200):
        g, x, v, _ = _three_series(noise=0.1, seed=seed)
        hits += fit_pooled_trend(g, x, v).slope.contains(-0.25)
    assert 0.88 <= hits / 200 <= 0.99


def test_pooled_trend_refuses_without_residual_degrees_of_freedom():
    with pytest.raises(ValueError, match="no residual degree of freedom"):
        fit_pooled_trend(["a", "a", "b"], [2020.0, 2021.0, 2020.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="same length"):
        fit_pooled_trend(["a", "b"], [2020.0, 2021.0, 2022.0], [1.0, 2.0, 3.0])
    g, x, v, _ = _three_series()
    with pytest.raises(ValueError, match="per group"):
        fit_pooled_trend(g, x, v).predict([2020.0])


# -- prices dated no later than the run ---------------------------------------------------------
PRICES = pd.DataFrame({
    "accelerator": ["H100", "H100", "H100", "B200", "H100"],
    "date": pd.to_datetime(["2023-01-01", "2023-06-01", "2024-03-01", "2024-09-01", "2021-01-01"]),
    "price_per_accelerator_hour_usd": [6.0, 4.0, 2.0, 5.0, 9.0],
    "price_kind": ["list price", "list price", "advertised from-price", "list price", "list price"],
    "source_strength": ["primary", "primary", "secondary", "secondary", "primary"],
})


def test_price_range_not_after_drops_later_prices():
    r = price_range(PRICES, "H100", "2023-12-01", 365)
    assert (r.low, r.high, r.n) == (2.0, 6.0, 3)
    r = price_range(PRICES, "H100", "2023-12-01", 365, not_after="2023-12-01")
    assert (r.low, r.median, r.high, r.n) == (4.0, 5.0, 6.0, 2)
    with pytest.raises(LookupError, match="B200"):
        price_range(PRICES, "B200", "2024-06-01", 365, not_after="2024-06-01")


def test_price_table_bases():
    assert len(mp.price_table("all sources", PRICES)) == 5
    primary = mp.price_table("primary only", PRICES)
    assert set(primary["source_strength"]) == {"primary"} and len(primary) == 3
    odd = PRICES.assign(price_kind=["capacity reservation"] + ["list price"] * 4)
    assert len(mp.price_table("all sources", odd)) == 4  # not on-demand: left out


def _results():
    return pd.DataFrame({
        "result_id": ["r1", "r2", "r3", "r4", "r5"],
        "task": ["T", "T", "T", "U", "U"],
        "round": ["v1", "v1", "v2", "v1", "v2"],
        "date": pd.to_datetime(["2023-12-01", "2023-12-01", "2024-06-01", "2023-12-01",
                                "2024-06-01"]),
        "x": [2023.92, 2023.92, 2024.42, 2023.92, 2024.42],
        "availability": ["available cloud"] * 5,
        "price_accelerator": ["H100", "H100", "B200", "", "H100"],
        "accelerator_family": ["H100", "H100", "B200", "MI355X", "H100"],
        "accelerator_count": [8, 16, 8, 8, 8],
        "accelerator_hours": [10.0, 4.0, 2.0, 1.0, 3.0],
    })


def test_priced_uses_only_earlier_prices_and_says_why_not():
    p = mp.priced(_results(), PRICES)
    assert p.loc[0, "price_median"] == 5.0 and p.loc[0, "cost"] == pytest.approx(50.0)
    assert p.loc[1, "cost_low"] == pytest.approx(16.0) and p.loc[1, "cost_high"] == 24.0
    # B200's only price (2024-09) is after the round of 2024-06: not priced
    assert math.isnan(p.loc[2, "cost"]) and "B200" in p.loc[2, "price_note"]
    assert math.isnan(p.loc[3, "cost"]) and p.loc[3, "price_note"] == "no accelerator key to price"
    # the 2024-06-01 H100 window starts 2023-06-02 (365 days, a leap year): only 2024-03 (2.0)
    assert p.loc[4, "cost"] == pytest.approx(6.0) and p.loc[4, "price_n"] == 1
    look = mp.priced(_results(), PRICES, lookahead=True)
    assert look.loc[2, "cost"] == pytest.approx(10.0)


def test_fewest_per_round_and_task_trends():
    s = mp.fewest_per_round(_results())
    assert list(s["result_id"]) == ["r2", "r3", "r4", "r5"]
    # a task falling exactly 2x a year over 4 rounds: the fit returns 2 with a degenerate interval
    x = np.array([2020.5, 2021.5, 2022.5, 2023.5])
    exact = pd.DataFrame({"task": "BERT-large", "round": ["a", "b", "c", "d"],
                          "date": pd.to_datetime(["2020-07-02", "2021-07-02", "2022-07-02",
                                                  "2023-07-02"]),
                          "x": x, "accelerator_hours": 8.0 / 2.0 ** (x - 2020.5)})
    tt = mp.task_trends(exact)
    row = tt.iloc[0]
    assert row["rounds"] == 4 and row["decline_per_year"] == pytest.approx(2.0)
    assert row["fold_decrease"] == pytest.approx(8.0)
    two = exact.iloc[:2].assign(task="Llama 3.1 8B")
    r2 = mp.task_trends(two).iloc[0]
    assert r2["decline_per_year"] == pytest.approx(2.0) and math.isnan(r2["low"])


def test_slope_difference_contains_zero_for_equal_rates():
    g, x, v, _ = _three_series(noise=0.05)
    a = fit_pooled_trend(g, x, v)
    b = fit_pooled_trend(g, x, v * 1.0)
    d = mp.slope_difference(a, b)
    assert d.value == pytest.approx(0.0) and d.low < 0 < d.high


def test_first_below_threshold():
    costs = pd.DataFrame({
        "result_id": ["a", "b", "c", "d", "e"],
        "date": pd.to_datetime(["2019-01-01", "2020-06-01", "2021-06-01", "2018-01-01",
                                "2022-01-01"]),
        "basis": ["p", "p", "p", "q", "q"],
        "usd": [5.0, 0.9, 0.5, 3.0, 2.0],
    })
    fb = mp.first_below(1.0, costs).set_index("basis")
    assert fb.loc["p", "first_result"] == "b" and fb.loc["p", "first_year"] == 2020
    assert bool(fb.loc["p", "by_deadline"]) and fb.loc["p", "cheapest_result"] == "c"
    assert fb.loc["q", "first_result"] == "never" and not bool(fb.loc["q", "by_deadline"])
    assert fb.loc["q", "cheapest_usd"] == 2.0


def test_data_flows_one_way_between_the_resnet_and_mlperf_analyses():
    """mlperf_pricing -> imagenet_trend -> mlperf: neither lower module imports a higher one."""
    import ast

    from aicost.paths import ROOT

    def imports(name: str) -> set[str]:
        tree = ast.parse((ROOT / "aicost" / "analyses" / f"{name}.py").read_text(encoding="utf-8"))
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        return found

    assert "aicost.analyses.mlperf" not in imports("imagenet_trend")
    assert not {"aicost.analyses.mlperf", "aicost.analyses.imagenet_trend"} & imports("mlperf_pricing")
