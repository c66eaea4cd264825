"""The 2023-2025 price tags and frontier forecasts (notebook 14), on numbers worked by hand."""

import math

import pandas as pd
import pytest

from aicost.analyses import price_tags_2025 as m
from aicost.claims import Estimate, register, reproduction, verdict
from aicost.costs import price_range
from aicost.trends import Interval

PRICES = pd.DataFrame({
    "accelerator": ["H100"] * 4,
    "accelerator_variant": ["H100 SXM5 80GB", "H100 PCIe", "H100 SXM5 80GB", "H100 SXM5 80GB"],
    "price_per_accelerator_hour_usd": [3.0, 2.0, 4.0, 1.0],
    "price_kind": ["list price"] * 4,
    "date": pd.to_datetime(["2024-03-01", "2024-06-01", "2024-09-01", "2025-02-01"]),
})


def test_price_range_keeps_only_the_named_variants_and_never_looks_ahead():
    every = price_range(PRICES, "H100", "2024-12-26", 365, not_after="2024-12-26")
    sxm = price_range(PRICES, "H100", "2024-12-26", 365, not_after="2024-12-26",
                      variants=("H100 SXM5 80GB",))
    assert (every.low, every.high, every.n) == (2.0, 4.0, 3)   # the 2025 price is after the date
    assert (sxm.low, sxm.median, sxm.high, sxm.n) == (3.0, 3.5, 4.0, 2)
    with pytest.raises(LookupError):
        price_range(PRICES, "H100", "2024-12-26", 365, variants=("H100 NVL",))


def test_implied_utilisation_inverts_the_flop_arithmetic():
    peak = m.pt.peak_flops(m.V3_CHIP)
    flop = 1000.0 * 3600.0 * peak * 0.4          # 1,000 GPU-hours at 40% of peak
    assert m.implied_utilisation(flop, 1000.0) == pytest.approx(0.4)


def test_the_claimants_own_products():
    # 2.788M GPU-hours x $2 = $5.576M; (512 x (198 + 80) + 5,000) x $2 = $294,672
    assert m.v3_arithmetic() == pytest.approx(5_576_000)
    assert m.r1_gpu_hours() == 512 * 278 + 5000
    assert m.r1_arithmetic() == pytest.approx(294_672)
    assert m.r1_arithmetic(with_sft_data=False) == pytest.approx(284_672)


def test_deepseek_prices_are_dated_no_later_than_the_report():
    p = m.pt.prices()
    used = p[(p["accelerator"] == "H100") & p["accelerator_variant"].isin(m.SXM)
             & (p["price_kind"] == "list price") & (p["date"] <= pd.Timestamp(m.V3_DATE))
             & (p["date"] >= pd.Timestamp(m.V3_DATE) - pd.Timedelta(days=365))]
    iv = m.rental_price(m.V3_DATE)
    assert iv.low == used["price_per_accelerator_hour_usd"].min()
    assert iv.high == used["price_per_accelerator_hour_usd"].max()


def test_commitment_scaling_is_the_shared_ratio():
    ratio = m.frontier.commitment_ratio()[0]
    assert 0 < ratio < 1
    iv = m.commitment_scaled(Interval(10.0, 5.0, 20.0))
    assert (iv.value, iv.low, iv.high) == pytest.approx((10 * ratio, 5 * ratio, 20 * ratio))


def test_growth_needed_reaches_the_target_at_the_deadline():
    big = float(m.largest_so_far()["epoch_cost_estimate_usd_2023"])
    f = m.growth_needed(target=big * 4, deadline="2027-12-31", until="2025-12-31")
    years = float(m.decimal_year(["2027-12-31"])[0] - m.decimal_year(["2025-12-31"])[0])
    assert f ** years == pytest.approx(4.0)


def test_forecasts_not_yet_due_are_pending_and_claims_reproduce_as_registered():
    claims = register()
    for cid in ("cottier-1b-2027", "amodei-10-100b", "ark-2024-75pct"):
        fn = {"cottier-1b-2027": m.assess_cottier_forecast, "amodei-10-100b":
              m.assess_amodei_runs, "ark-2024-75pct": m.assess_ark_2024}[cid]
        assert verdict(claims[cid], fn()[cid]) == "pending"
    est = m.assess_deepseek()
    for cid in ("deepseek-v3-5.6m", "deepseek-r1-294k"):
        assert reproduction(claims[cid], est[cid]) == "reproduces"
        assert est[cid].interval == "measurement range"
    # a reproduction is never the verdict's evidence: the same claim with only the reproduction
    assert verdict(claims["deepseek-v3-5.6m"], Estimate.reproduction_only(
        "claimant only", reproduction=est["deepseek-v3-5.6m"].reproduction)) == (
        "no independent test")


def test_largest_2025_runs_are_sorted_by_compute():
    t = m.largest_runs(2025)
    assert t["training_compute_flop"].is_monotonic_decreasing
    assert not math.isnan(t["epoch_cost_estimate_usd_2023"].max())
