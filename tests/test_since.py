"""The out-of-sample check (aicost.trends.out_of_sample) on synthetic data with known truth, and
the "what happened next" analyses (aicost.analyses.since) on the shipped data."""

import numpy as np
import pytest

from aicost.trends import fit_trend, out_of_sample, prediction_band


def _synthetic(n, x0, x1, slope, sd, seed, intercept=3.0):
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(x0, x1, n))
    return x, 10 ** (intercept + slope * x + rng.normal(0, sd, n))


def test_band_matches_statsmodels_prediction_interval():
    import statsmodels.api as sm

    x, y = _synthetic(30, 0, 10, -0.5, 0.2, 1)
    tr = fit_trend(x, y)
    xs = np.array([2.0, 12.0, 15.0])
    band = prediction_band(tr, xs)
    model = sm.OLS(np.log10(y), sm.add_constant(x)).fit()
    obs = model.get_prediction(sm.add_constant(xs, has_constant="add")).summary_frame(alpha=0.05)
    np.testing.assert_allclose(np.log10(band["low"]), obs["obs_ci_lower"], rtol=1e-9)
    np.testing.assert_allclose(np.log10(band["high"]), obs["obs_ci_upper"], rtol=1e-9)


def test_same_process_after_the_fit_lands_inside_about_95_percent():
    x, y = _synthetic(40, 0, 10, -0.5, 0.2, 2)
    tr = fit_trend(x, y)
    shares = []
    for seed in range(20):  # new points from the same line, 0-5 years after the fit
        xn, yn = _synthetic(200, 10, 15, -0.5, 0.2, 100 + seed)
        shares.append(out_of_sample(tr, xn, yn).share)
    assert 0.88 < np.mean(shares) < 0.99


def test_a_trend_that_stopped_is_caught_on_one_side():
    x, y = _synthetic(40, 0, 10, -0.5, 0.1, 3)
    tr = fit_trend(x, y)
    xn = np.linspace(12, 16, 10)
    yn = np.full(10, 10 ** (3.0 - 0.5 * 10))  # flat from year 10 on: far above the falling line
    res = out_of_sample(tr, xn, yn)
    assert res.share == 0 and res.above == 10 and res.below == 0
    assert res.inside + res.below + res.above == res.n == 10


def test_faster_decline_counts_below():
    x, y = _synthetic(40, 0, 10, -0.5, 0.1, 4)
    res = out_of_sample(fit_trend(x, y), [14.0, 15.0], [10 ** (3 - 0.5 * 14 - 2), 10 ** (3 - 0.5 * 15 - 2)])
    assert res.below == 2 and res.share == 0


def test_bad_input_is_refused():
    x, y = _synthetic(10, 0, 10, -0.5, 0.1, 5)
    tr = fit_trend(x, y)
    with pytest.raises(ValueError):
        out_of_sample(tr, [11.0], [-1.0])
    with pytest.raises(ValueError):
        out_of_sample(tr, [11.0, 12.0], [1.0])
    with pytest.raises(ValueError):
        out_of_sample(tr, [], [])


# -- the analyses on the shipped data ------------------------------------------------------------
def test_headline_uses_only_comparable_mmlu_scores():
    from aicost import load
    from aicost.analyses import since

    t = load("llm_gpt3_level")
    frame = since.gpt3_frame()
    used = set(frame.loc[frame["status"] == "used", "model"])
    comparable = set(t.loc[t["mmlu_comparable"].fillna(False).astype(bool), "model"])
    assert used <= comparable
    other = set(t.loc[t["mmlu_other_setting_pct"].notna(), "model"])
    assert other and not (other & used)
    # a non-comparable score never sits in the 5-shot column
    assert t.loc[t["mmlu_other_setting_pct"].notna(), "mmlu_5shot_pct"].isna().all()


def test_out_of_sample_counts_add_up_for_every_series():
    from aicost.analyses import since

    checks = [since.imagenet_next("01")["oos"], since.imagenet_next("03")["oos"],
              since.gpt3_next()["oos"], since.compute_next()["oos"]]
    for o in checks:
        assert o.n > 0 and o.inside + o.below + o.above == o.n
        assert 0 <= o.share <= 1
    inf = since.inference_next()
    assert ((inf["inside"] + inf["above"] + inf["below"]) == inf["after"]).all()


def test_points_after_a_claim_are_dated_after_it():
    from aicost.analyses import since

    assert (since.imagenet_next("01")["after"]["year"] > 2019).all()
    assert (since.gpt3_next()["after"]["x"] >= since.ARK_CLAIM_DATE).all()
    assert (since.compute_next()["after"]["x"] >= since.OPENAI_END).all()


def test_capability_levels_rise_and_each_newest_price_meets_its_level():
    from aicost.analyses import since

    lv = since.capability_levels()
    assert lv["mmlu_pct"].is_monotonic_increasing
    for m in lv["mmlu_pct"]:
        c = since.cheapest_at_level(m)
        assert (c["mmlu_pct"] >= m).all() and c["snapshot_date"].is_unique


def test_compute_numbers_come_from_the_2026_snapshot_only():
    from aicost import load

    t = load("notable_models_2026")
    assert (t["epoch_snapshot"] == "notable_ai_models_2026_01").all()
    assert t["training_compute_flop"].notna().all()


def test_forecast_assessor_and_readme_lines():
    from aicost.analyses import since
    from aicost.claims import register

    est = since.assess_continuation()[since.FORECAST]
    assert est.low <= est.value <= est.high
    assert since.FORECAST in register()
    lines = since.readme_lines()
    assert len(lines) == 8 and all(any(ch.isdigit() for ch in line) for line in lines)
