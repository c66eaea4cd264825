"""The reconciliation arithmetic (bootstrap_slopes, sum_slopes, the identities) on synthetic data."""

import math

import numpy as np

from aicost.analyses.article_claims import ratio_draws
from aicost.trends import Interval, bootstrap_slopes, bootstrap_trend, sum_slopes


def _series(rng, n=80, slope=0.5, noise=0.2):
    x = np.sort(rng.uniform(2016, 2024, n))
    return x, 10 ** (slope * (x - 2016) + rng.normal(0, noise, n))


def test_bootstrap_slopes_recovers_slopes_and_keeps_the_pairing():
    rng = np.random.default_rng(7)
    x, compute = _series(rng, slope=0.6)
    per_flop = 10 ** (-0.12 * (x - 2016))          # dollars per FLOP fall by a known rate
    cost = compute * per_flop
    out = bootstrap_slopes(x, {"cost": cost, "compute": compute}, n_boot=800, seed=1)
    (c, cd), (f, fd) = out["cost"], out["compute"]
    assert c.low < 0.48 < c.high and f.low < 0.6 < f.high
    # paired draws: cost - compute is exactly the known -0.12 in every replicate
    assert np.allclose(cd - fd, -0.12)


def test_frontier_identity_residual_is_zero_when_the_arithmetic_holds():
    rng = np.random.default_rng(11)
    x, compute = _series(rng, slope=0.6)
    pp_x = np.sort(rng.uniform(2016, 2024, 300))
    pp = 10 ** (0.12 * (pp_x - 2016) + rng.normal(0, 0.1, 300))   # FLOP/s per dollar
    cost = compute * 10 ** (-0.12 * (x - 2016))
    joint = bootstrap_slopes(x, {"cost": cost, "compute": compute}, n_boot=800, seed=2)
    ppt = bootstrap_trend(pp_x, pp, n_boot=800, seed=3)
    n = min(len(joint["cost"][1]), len(ppt.slope_draws))
    resid = joint["cost"][1][:n] - (joint["compute"][1][:n] - ppt.slope_draws[:n])
    lo, hi = np.percentile(resid, [2.5, 97.5])
    assert lo < 0 < hi
    assert hi - lo < 0.1


def test_sum_slopes_adds_values_and_variances():
    z = 1.959963984540054
    a = Interval(-0.2, -0.2 - z * 0.03, -0.2 + z * 0.03)
    b = Interval(0.1, 0.1 - z * 0.04, 0.1 + z * 0.04)
    s = sum_slopes([(1, a), (-1, b)])
    assert math.isclose(s.value, -0.3)
    assert math.isclose((s.high - s.low) / (2 * z), 0.05, rel_tol=1e-9)


def test_sum_slopes_rejects_unbounded_terms():
    import pytest

    with pytest.raises(ValueError):
        sum_slopes([(1, Interval(0.1, -math.inf, 0.2))])


def test_doubling_ratio_of_known_rates():
    rng = np.random.default_rng(5)
    x1 = np.sort(rng.uniform(1971, 1981, 40))
    x2 = np.sort(rng.uniform(1981, 2019, 200))
    y1 = 10 ** (np.log10(2) * (x1 - 1971) + rng.normal(0, 0.05, 40))        # doubling every year
    y2 = 10 ** (np.log10(2) / 2 * (x2 - 1981) + rng.normal(0, 0.05, 200))   # every two years
    a = bootstrap_trend(x1, y1, n_boot=500, seed=1)
    b = bootstrap_trend(x2, y2, n_boot=500, seed=2)
    point, draws = ratio_draws(a, b)
    lo, hi = np.percentile(draws, [2.5, 97.5])
    assert abs(point - 2.0) < 0.2 and lo < 2.0 < hi
