"""Frontier selection and costing (aicost.analyses.frontier) on synthetic data with known truth."""

import numpy as np
import pytest

from aicost.analyses.frontier import estimate, top_n_at_release
from aicost.trends import bootstrap_trend


def test_top_n_at_release_known_ranks():
    # dates and compute: the third entry is the 3rd largest so far, the fourth the 4th
    x = np.array([2016.0, 2016.5, 2017.0, 2017.5, 2018.0])
    c = np.array([10.0, 100.0, 5.0, 1.0, 1000.0])
    assert top_n_at_release(x, c, 3).tolist() == [True, True, True, False, True]
    assert top_n_at_release(x, c, 1).tolist() == [True, True, False, False, True]


def test_top_n_counts_only_earlier_entries():
    # a later, larger model does not push an earlier one out of the frontier
    x = np.array([2016.0, 2020.0])
    c = np.array([1.0, 1e6])
    assert top_n_at_release(x, c, 1).tolist() == [True, True]


def test_top_n_rejects_bad_n():
    with pytest.raises(ValueError):
        top_n_at_release([2016.0], [1.0], 0)


def test_frontier_growth_recovers_known_rate():
    # costs of the top-1 model grow 3x a year with scatter; the fitted factor's interval covers 3
    rng = np.random.default_rng(1)
    x = np.sort(rng.uniform(2016, 2024, 200))
    compute = 10 ** (np.log10(3.0) * (x - 2016) + rng.normal(0, 0.3, x.size))
    mask = top_n_at_release(x, compute, 10)
    cost = compute[mask] * 1e-17  # constant dollars per FLOP: cost grows as compute
    t = bootstrap_trend(x[mask], cost, n_boot=500, seed=3)
    f = t.annual_factor()
    assert f.low < 3.0 * 1.3 and f.high > 3.0 / 1.3
    assert f.low > 1.0


def test_estimate_keeps_alternatives_where_supported():
    e = estimate(2.0, 1.5, 3.0, "n", "95% CI", [("alt", estimate(1.0, 1.0, 1.0))])
    assert (e.value, e.low, e.high) == (2.0, 1.5, 3.0)
    if hasattr(e, "alternatives"):
        assert e.alternatives[0][0] == "alt"


def test_register_names_the_alternative_readings_the_assessors_compute():
    from aicost.analyses import article_claims as ac
    from aicost.analyses import frontier as fr
    from aicost.claims import register
    from aicost.data import load

    claims = load("claims").set_index("claim_id")
    readings = {fr.CLAIM: fr.frontier_reading, "v100-gcp-2.28": ac.v100_reading, **ac.READINGS}
    reg = register()
    for cid, reading in readings.items():
        primary, alts = reading()
        listed = claims.loc[cid, "alternative_readings"]
        listed = [] if not isinstance(listed, str) or not listed else listed.split(";")
        assert [label for label, _ in alts] == listed, cid
        assert reg[cid].notebook in ("10-frontier-costs.ipynb", "11-reconciliation.ipynb")
        assert primary.low <= primary.value <= primary.high


def test_seed_spread_measures_the_largest_bound_move():
    from aicost.analyses.frontier import seed_spread

    def interval_at(seed):
        return (1.0, 2.0, 4.0) if seed == 0 else (1.0, 2.0 * (1 + 0.01 * seed), 4.0)

    assert abs(seed_spread(interval_at, ref_seed=0, seeds=(1, 2, 3)) - 0.03) < 1e-12
    assert seed_spread(lambda s: (1.0, 2.0, 4.0), ref_seed=0, seeds=(1, 2)) == 0.0
