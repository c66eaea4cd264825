"""Every bootstrap interval behind a verdict is stable to the seed: with other seeds, no bound
moves by more than ``SEED_TOLERANCE`` (5%) of itself, and no verdict changes."""

import json

import pytest

from aicost import trends
from aicost.claims import SEED_TOLERANCE

SEEDS = ("1", "2")


@pytest.fixture(scope="module")
def runs(cold_scorecards):
    """The published seed's scorecard (in this process) and, for each other seed, the CLI's
    cold scorecard in a fresh process (tests/conftest.py: once per seed per session)."""
    from aicost.scorecard import render

    base = {r["id"]: r for r in json.loads(render("json"))}
    return {"20170101": base, **cold_scorecards(SEEDS)}


def test_default_seed_is_the_published_one():
    assert trends.DEFAULT_SEED == 20170101, "run the suite without AICOST_SEED set"


def test_bootstrap_bounds_do_not_depend_on_the_seed(runs):
    base = runs["20170101"]
    boot = [cid for cid, r in base.items() if r["interval"] == "95% bootstrap CI"]
    assert boot, "no bootstrap interval found: the test would prove nothing"
    moved = []
    for seed in SEEDS:
        for cid in boot:
            a, b = base[cid], runs[seed][cid]
            for bound in ("ci_low", "ci_high"):
                rel = abs(b[bound] - a[bound]) / abs(a[bound])
                if rel > SEED_TOLERANCE:
                    moved.append(f"{cid} {bound}: {a[bound]} -> {b[bound]} (seed {seed})")
    assert not moved, "bounds that move with the seed:\n" + "\n".join(moved)


def test_no_verdict_depends_on_the_seed(runs):
    base = {cid: r["verdict"] for cid, r in runs["20170101"].items()}
    for seed in SEEDS:
        assert {cid: r["verdict"] for cid, r in runs[seed].items()} == base
