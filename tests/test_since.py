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
