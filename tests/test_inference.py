"""The inference-price statistics (aicost.analyses.inference) on synthetic data with known truth, and
the assessors of the 2023-2026 inference-price claims on the shipped data."""

import math

import numpy as np
import pandas as pd
import pytest

from aicost.trends import bootstrap_trend, decimal_year, fit_trend


def _prices(rows):
    """A frame shaped like since.epoch_dated_prices(): (date, model, price, mmlu)."""
    df = pd.DataFrame(rows, columns=["date", "model", "price_blended_usd_per_mtok", "mmlu_pct"])
    df["date"] = pd.to_datetime(df["date"])
    df["gpqa_diamond_pct"] = np.nan
    df["x"] = decimal_year(df["date"])
    return df


@pytest.fixture
def synthetic(monkeypatch):
    from aicost.analyses import since

    rows = [("2021-01-01", "a", 100.0, 50), ("2021-06-01", "b", 200.0, 60),  # b: dearer, not a record
            ("2022-01-01", "c", 10.0, 55), ("2022-03-01", "d", 1.0, 40),    # d: below the level
            ("2023-01-01", "e", 1.0, 70), ("2024-01-01", "f", 0.01, 90)]    # f: after the window
    frame = _prices(rows)
    monkeypatch.setattr(since, "epoch_dated_prices", lambda score="mmlu_pct": frame)
    return frame


def test_two_point_is_the_record_ratio_and_never_looks_ahead(synthetic):
    from aicost.analyses import inference

    tp = inference.two_point("mmlu_pct", 50.0, "2021-03-01", "2023-06-30")
    assert (tp["start_model"], tp["end_model"]) == ("a", "e")
    assert tp["fold"] == pytest.approx(100.0)  # f (2024) is after the end; d is below the level


def test_two_point_needs_a_price_by_the_start(synthetic):
    from aicost.analyses import inference

    with pytest.raises(LookupError):
        inference.two_point("mmlu_pct", 50.0, "2020-01-01", "2023-06-30")


def test_records_are_strictly_cheaper_than_everything_before(synthetic):
    from aicost.analyses import inference

    e = inference.prices_at_level("mmlu_pct", 50.0)
    assert e.loc[e["record"], "model"].tolist() == ["a", "c", "e", "f"]
    assert (e["mmlu_pct"] >= 50).all()


def test_rates_of_an_exact_tenfold_fall_a_year():
    from aicost.analyses import inference

    x = np.linspace(2021, 2024, 7)
    t = fit_trend(x, 60.0 * 10.0 ** (-(x - 2021)))
    r = inference.rates(t, 2021.0, 2024.0)
    assert r["annual_factor"].value == pytest.approx(10.0)
    assert r["halving_months"].value == pytest.approx(12 * math.log10(2))
    assert r["fold"].value == pytest.approx(1000.0)


def test_bootstrap_recovers_a_known_rate_from_noisy_records():
    from aicost.analyses import inference

    rng = np.random.default_rng(5)
    x = np.sort(rng.uniform(2021, 2025, 60))
    y = 10 ** (2 - 1.0 * (x - 2021) + rng.normal(0, 0.15, 60) + rng.exponential(0.6, 60))
    t = bootstrap_trend(x, y, frontier_kind="min", n_boot=inference.N_BOOT // 10, seed=3)
    f = t.annual_decline_factor()
    assert f.low <= 10.0 <= f.high and f.high / f.low < 10


def test_rental_cost_per_million_tokens():
    from aicost.analyses import inference

    # USD 3.60 an hour at 1,000 tokens/s: 3.6 million tokens an hour, USD 1 per million
    assert float(inference.cost_per_mtok(3.6, 1000.0)) == pytest.approx(1.0)
    assert float(inference.cost_per_mtok(7.2, 1000.0)) == pytest.approx(2.0)


def test_hardware_cost_uses_no_price_dated_after_the_costing_date():
    from aicost import load
    from aicost.analyses import inference

    h = inference.hardware_cost("2025-09-09")
    b200 = h[h["family"] == "B200"]
    first_b200 = load("cloud_prices").query("accelerator == 'B200'")["date"].min()
    assert first_b200 > pd.Timestamp("2025-09-09") and b200["cost median"].isna().all()
    ok = h["cost median"].notna()
    assert (h.loc[ok, "cost low"] <= h.loc[ok, "cost median"]).all()
    assert (h["api snapshot"].dropna() <= pd.Timestamp("2025-09-09")).all()


CLAIMS = ("ai-index-280x", "ai-index-280x-18-months", "altman-10x-per-year", "altman-150x",
          "llmflation-10x", "llmflation-1000x", "llmflation-62x", "epoch-40x-gpqa",
          "epoch-9-900x-low", "epoch-9-900x-high")


@pytest.mark.parametrize("cid", CLAIMS)
def test_every_claim_gets_a_verdict_or_a_reason(cid):
    from aicost.claims import VERDICTS
    from aicost.scorecard import assess

    claim, est, verdict = assess(cid)
    assert verdict in VERDICTS
    assert est.decided or est.reason
    if claim.evidence == "claimant only":
        assert not est.decided and est.reproduction is not None


def test_windows_end_at_the_statements():
    from aicost.analyses import inference

    t = inference.level_trend("mmlu_pct", 42.0, inference.STATEMENT["a16z"])
    assert t.x.max() <= decimal_year([inference.STATEMENT["a16z"]])[0]
