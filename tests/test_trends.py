"""The trend fit on synthetic data with known truth."""

import math

import numpy as np
import pandas as pd
import pytest

from aicost.trends import Interval, bootstrap_trend, decimal_year, fit_trend, frontier


def series(slope, n=20, sigma=0.2, seed=0, start=2010.0, span=8.0):
    rng = np.random.default_rng(seed)
    x = np.sort(start + span * rng.random(n))
    y = 10 ** (3.0 + slope * (x - start) + sigma * rng.standard_normal(n))
    return x, y


def test_decimal_year():
    got = decimal_year(pd.to_datetime(["2019-01-01", "2019-07-02", "2020-12-31"]))
    assert got[0] == 2019.0
    assert abs(got[1] - 2019.5) < 0.002
    assert 2020.99 < got[2] < 2021.0


def test_recovers_known_rate():
    # A tenfold fall a year, little noise: the fit must find it and its interval must cover it.
    x, y = series(-1.0, n=40, sigma=0.05, seed=1)
    t = fit_trend(x, y)
    assert t.slope.contains(-1.0)
    assert abs(t.annual_decline_factor().value - 10) < 0.5
    assert t.percent_per_year().value == pytest.approx(-90, abs=1.0)
    assert t.halving_months().value == pytest.approx(12 * math.log10(2), rel=0.05)
    assert t.doubling_months().value == math.inf
    assert t.fold_decrease(2012, 2014).value == pytest.approx(100, rel=0.1)


def test_doubling_time_and_fold_change_are_consistent():
    x, y = series(math.log10(2) / (3.4 / 12), n=30, sigma=0.1, seed=2)  # doubles every 3.4 months
    t = fit_trend(x, y)
    d = t.doubling_months()
    assert d.low < 3.4 < d.high
    assert t.fold_change(2012, 2013).value == pytest.approx(t.annual_factor().value)
    # transforms of one slope interval stay ordered
    for iv in (t.annual_factor(), d, t.fold_change(2012, 2019), t.percent_per_year()):
        assert iv.low <= iv.value <= iv.high


def test_interval_coverage_is_nominal():
    """The 95% OLS interval covers the true slope in 93-97% of 1,000 simulated series."""
    truth = -0.5
    covered = sum(fit_trend(*series(truth, n=12, sigma=0.3, seed=s)).slope.contains(truth)
                  for s in range(1000))
    print(f"coverage of the 95% interval over 1,000 series: {covered / 10:.1f}%")
    assert 930 <= covered <= 970


def test_prediction_band_contains_fit_and_widens_away_from_data():
    x, y = series(-0.3, n=15, seed=3)
    t = fit_trend(x, y)
    p = t.predict([2014.0, 2030.0])
    assert (p.low <= p.fit).all() and (p.fit <= p.high).all()
    width = np.log10(p.high / p.low)
    assert width[1] > width[0]


def test_year_reaching():
    x, y = series(-1.0, n=30, sigma=0.05, seed=4)  # 1000 at 2010, falls 10x a year
    t = fit_trend(x, y)
    r = t.year_reaching(1.0)
    assert r.value == pytest.approx(2013.0, abs=0.1)
    assert r.low <= r.value <= r.high


def test_rejects_nonpositive_values_and_too_few_points():
    with pytest.raises(ValueError, match="positive"):
        fit_trend([2010, 2011, 2012], [1.0, 0.0, 2.0])
    with pytest.raises(ValueError, match="at least 3"):
        fit_trend([2010, 2011], [1.0, 2.0])


def test_frontier_min_and_max():
    dates = [2017.0, 2017.5, 2017.5, 2018.0, 2018.5, 2019.0]
    cost = [100.0, 120.0, 50.0, 50.0, 10.0, 20.0]
    assert frontier(dates, cost, "min").tolist() == [True, False, True, False, True, False]
    assert frontier(dates, cost, "max").tolist() == [True, True, False, False, False, False]


def test_frontier_is_order_independent():
    dates = np.array([2019.0, 2017.0, 2018.5, 2017.5])
    cost = np.array([20.0, 100.0, 10.0, 50.0])
    assert frontier(dates, cost).tolist() == [False, True, True, True]


def test_bootstrap_is_seeded_and_covers_truth():
    x, y = series(-1.0, n=40, sigma=0.3, seed=5)
    a = bootstrap_trend(x, y, frontier_kind="min", n_boot=500, seed=7)
    b = bootstrap_trend(x, y, frontier_kind="min", n_boot=500, seed=7)
    assert a.slope == b.slope
    c = bootstrap_trend(x, y, n_boot=500, seed=7)
    assert c.slope.contains(-1.0)
    assert a.slope.low < a.slope.high
    assert a.n == int(frontier(x, y).sum())


def test_bootstrap_frontier_interval_wider_than_ols_on_frontier():
    x, y = series(-0.8, n=60, sigma=0.4, seed=6)
    mask = frontier(x, y)
    ols = fit_trend(x[mask], y[mask]).slope
    boot = bootstrap_trend(x, y, frontier_kind="min", n_boot=1000).slope
    assert (boot.high - boot.low) > 0
    assert isinstance(ols, Interval)


def test_halving_interval_unbounded_when_slope_may_be_zero():
    x, y = series(0.0, n=8, sigma=0.5, seed=8)
    h = fit_trend(x, y).halving_months()
    assert h.high == math.inf


def test_band_matches_statsmodels_prediction_interval_of_the_mean():
    import statsmodels.api as sm

    x, y = series(-0.4, n=15, seed=9)
    t = fit_trend(x, y)
    xs = np.array([2009.0, 2012.5, 2020.0])
    ours = np.log10(t.predict(xs)[["low", "high"]].to_numpy())
    x0 = x.mean()
    model = sm.OLS(np.log10(y), sm.add_constant(x - x0)).fit()
    ref = model.get_prediction(sm.add_constant(xs - x0, has_constant="add")).conf_int(alpha=0.05)
    assert np.allclose(ours, ref, rtol=0, atol=1e-10)


def test_year_reaching_is_unbounded_when_the_band_never_excludes_it():
    # no trend to speak of: the slope's interval contains zero, so the line may never reach 1
    t = fit_trend([2010, 2011, 2012, 2013, 2014, 2015], [1000, 2000, 500, 1500, 800, 1200])
    assert t.slope.low < 0 < t.slope.high
    r = t.year_reaching(1.0)
    assert r.low == -math.inf or r.high == math.inf


def test_stated_range_takes_each_rounding_to_its_end():
    from aicost.trends import stated_range

    iv = stated_range([(512, 0), (240, 0), (2.28, 0.01)])
    assert iv.value == pytest.approx(280166.4)
    assert iv.low == pytest.approx(512 * 240 * 2.275)
    assert iv.high == pytest.approx(512 * 240 * 2.285)
    r = stated_range([(3.1, 0.1)], divisors=[(0.069, 0.001)])
    assert r.low == pytest.approx(3.05 / 0.0695) and r.high == pytest.approx(3.15 / 0.0685)
    assert stated_range([(7.0, 0)]).low == stated_range([(7.0, 0)]).high == 7.0
    with pytest.raises(ValueError):
        stated_range([(1, 0)], divisors=[(0.4, 1.0)])
