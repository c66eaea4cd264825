"""GPT-3-level training cost (aicost.analyses.llm): its pieces on synthetic data, known truth."""

import math

import numpy as np
import pandas as pd
import pytest

from aicost.analyses import llm
from aicost.costs import accelerator_hours_from_flop, cost_from_flop
from aicost.scorecard import assessors
from aicost.trends import bootstrap_trend


def test_cost_from_flop_known_value_and_vectorised_utilisation():
    # GPT-3: 3.14e23 FLOP on a 125 TFLOP/s peak at 40% -> 1.744e6 accelerator-hours.
    hours = accelerator_hours_from_flop(3.14e23, 1.25e14, 0.4)
    assert hours == pytest.approx(3.14e23 / (1.25e14 * 0.4) / 3600)
    assert cost_from_flop(3.14e23, 1.25e14, 0.4, 2.0) == pytest.approx(2.0 * hours)
    # per-model utilisation and price arrays (as used for the MFU ramp) match the scalar calls
    flop, peak = np.array([1e22, 2e22]), np.array([1e14, 3e14])
    mfu, price = np.array([0.3, 0.5]), np.array([2.0, 4.0])
    got = cost_from_flop(flop, peak, mfu, price)
    want = [cost_from_flop(f, p, u, c) for f, p, u, c in zip(flop, peak, mfu, price, strict=True)]
    assert got == pytest.approx(want)
    with pytest.raises(ValueError):
        cost_from_flop(1e22, 1e14, np.array([0.4, 1.2]), 2.0)


def test_two_point_decline():
    assert llm.two_point_decline(4.6e6, 4.5e5, 2) == pytest.approx(
        100 * (1 - math.sqrt(4.5e5 / 4.6e6)))
    assert llm.two_point_decline(100, 10, 1) == pytest.approx(90)
    with pytest.raises(ValueError):
        llm.two_point_decline(100, 10, 0)


@pytest.mark.parametrize(("text", "want"), [
    ("base", "base"),
    ("base (synthetic textbook data)", "base"),
    ("base + SFT (decay stage mixes SFT data)", "instruction-tuned"),
    ("instruction-tuned (released model)", "instruction-tuned"),
    ("pruned + distilled from Llama 3.1 8B/70B logits", "distilled"),
    (None, "instruction-tuned"),
])
def test_model_category(text, want):
    assert llm.model_category(text) == want


def test_mmlu_threshold_comes_from_the_gpt3_row():
    t = pd.DataFrame({"model": [llm.THRESHOLD_MODEL, "other"], "mmlu_5shot_pct": [41.0, 50.0],
                      "mmlu_shots": [5, 5]})
    assert llm.mmlu_threshold(t) == 41.0
    with pytest.raises(LookupError):
        llm.mmlu_threshold(t.iloc[1:])


def test_mfu_ramp():
    got = llm.mfu_for(np.array([2019.0, 2020.0, 2022.0, 2024.0, 2030.0]), 0.3, 0.5, 2020, 2024)
    assert got == pytest.approx([0.3, 0.3, 0.4, 0.5, 0.5])
    assert llm.mfu_for(np.array([2021.0]), 0.4, 0.4, 2020, 2020) == pytest.approx([0.4])


def _synthetic_prices():
    prices = pd.DataFrame({
        "accelerator": ["A", "A", "A", "B", "B", "C", "A"],
        "date": pd.to_datetime(["2021-01-01", "2021-06-01", "2021-09-01", "2021-03-01",
                                "2022-03-01", "2021-01-01", "2022-05-01"]),
        "price_per_accelerator_hour_usd": [1.0, 2.0, 3.0, 2.0, 1.0, 0.01, 0.01],
        "price_kind": ["list price"] * 6 + ["assumption"],
    })
    accs = pd.DataFrame({"accelerator": ["A", "B", "C"],
                         "tensor_fp16_bf16_flops": [1e14, 4e14, np.nan]})
    return prices, accs


def test_best_value_picks_lowest_median_price_per_peak_flop():
    prices, accs = _synthetic_prices()
    table = llm.price_per_flop_table(prices, accs, ["A", "B", "C"])
    # C has no peak; the A 'assumption' row of 2022 is not a price
    assert set(table["accelerator"]) == {"A", "B"}
    assert not ((table["year"] == 2022) & (table["accelerator"] == "A")).any()
    a21 = table[(table["year"] == 2021) & (table["accelerator"] == "A")].iloc[0]
    assert (a21["n"], a21["price_low"], a21["price_median"]) == (3, 1.0, 2.0)
    assert a21["usd_per_eflop_at_peak"] == pytest.approx(2.0 / (1e14 * 3600) * 1e18)
    best = llm.best_value_by_year(prices, accs, ["A", "B", "C"]).set_index("year")
    # 2021: A 2.0/1e14 vs B 2.0/4e14 -> B; 2022: only B
    assert best.loc[2021, "accelerator"] == "B"
    assert best.loc[2022, "accelerator"] == "B"


def _group_by_table(prices, accelerators, candidates):
    """price_per_flop_table as a pandas group-by (the definition the array code must meet)."""
    peaks = accelerators.set_index("accelerator")["tensor_fp16_bf16_flops"]
    sel = prices[prices["accelerator"].isin(candidates)
                 & prices["price_per_accelerator_hour_usd"].notna()
                 & prices["price_kind"].isin(llm.PRICE_KINDS)].copy()
    sel["year"] = sel["date"].dt.year.astype(int)
    g = sel.groupby(["year", "accelerator"])["price_per_accelerator_hour_usd"]
    out = g.agg(n="count", price_low="min", price_median="median").reset_index()
    out["peak_flops"] = out["accelerator"].map(peaks).astype(float)
    out = out[out["peak_flops"].notna() & (out["peak_flops"] > 0)].copy()
    out["usd_per_eflop_at_peak"] = out["price_median"] / (out["peak_flops"] * 3600.0) * 1e18
    return out.sort_values(["year", "usd_per_eflop_at_peak", "accelerator"]).reset_index(drop=True)


def _windows():
    models = llm._table("llm_gpt3_level")
    return sorted(set(models["date"].dropna())) + list(pd.date_range("2014-01-01", "2026-06-01",
                                                                       freq="40D"))


def test_price_per_flop_table_is_the_group_by():
    """On every window of a year up to each model's date and to a date every 40 days (none,
    one or several candidates), and on all prices: the same table as a pandas group-by, values
    and types alike."""
    prices, accs = llm._table("cloud_prices"), llm._table("accelerators")
    cands = llm.training_class()
    windows = [prices] + [prices[(prices["date"] > d - pd.Timedelta(days=365))
                                 & (prices["date"] <= d)] for d in _windows()]
    several = 0
    for w in windows:
        expected = _group_by_table(w, accs, cands)
        several += len(expected) > 1
        pd.testing.assert_frame_equal(llm.price_per_flop_table(w, accs, cands), expected,
                                      check_exact=True)
    assert several > 50


@pytest.mark.parametrize("window_days", [365, 120])
def test_best_value_at_is_the_row_of_the_table(window_days):
    """The default path of best_value_at (the candidate prices as arrays, taken once) gives the
    row the table path gives, value, type and label alike, on every model's date and on a date
    every 40 days."""
    tables = llm._candidate_prices()
    found = 0
    for date in _windows():
        fast = llm.best_value_at(date, window_days=window_days)
        slow = llm._best_value_from(pd.Timestamp(date), *tables, window_days)
        assert (fast is None) == (slow is None), date
        if fast is None:
            continue
        found += 1
        assert fast.name == slow.name and list(fast.index) == list(slow.index), date
        assert [(type(a), a) for a in fast] == [(type(b), b) for b in slow], date
    assert found > 50


def test_frontier_component_slopes_add_up_and_cover_truth():
    rng = np.random.default_rng(3)
    n = 40
    x = np.sort(2020 + 5 * rng.random(n))
    compute = 10 ** (23 - 0.3 * (x - 2020) + 0.3 * rng.standard_normal(n))
    hardware = 10 ** (-14 - 0.15 * (x - 2020) + 0.02 * rng.standard_normal(n))
    cost = 7.0 * compute * hardware
    got = llm.frontier_component_slopes(x, cost, {"compute": compute, "hardware": hardware})
    assert got["total"].value == pytest.approx(got["compute"].value + got["hardware"].value)
    assert got["hardware"].contains(-0.15)
    assert got["total"].value < 0
    # the total's interval is the one bootstrap_trend gives on the same resamples
    ref = bootstrap_trend(x, cost, frontier_kind="min")
    assert got["total"].low == pytest.approx(ref.slope.low)
    assert got["total"].high == pytest.approx(ref.slope.high)
    assert got["total"].value == pytest.approx(ref.slope.value)


def test_models_never_drop_a_row_and_costs_are_ordered():
    frame = llm.models()
    assert len(frame) == len(llm._table("llm_gpt3_level"))
    assert frame["status"].notna().all()
    u = llm.used(frame)
    assert (u["cost_low"] <= u["cost"]).all() and (u["cost"] <= u["cost_high"]).all()
    assert (u["category"] == "base").all()
    assert (u["mmlu_5shot_pct"] >= llm.mmlu_threshold()).all()


def test_assessor_returns_exactly_its_claim():
    fn = assessors()[llm.CLAIM]
    out = fn()
    assert set(out) == {llm.CLAIM}
    est = out[llm.CLAIM]
    assert est.low <= est.value <= est.high
    assert not est.not_testable
