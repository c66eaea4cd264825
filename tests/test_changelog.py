"""The verdict changelog and one number per quantity: every change since the last release has
its reason, no reason is stale, and claims that share a quantity share its number and verdict."""

import pandas as pd
import pytest

from aicost.changelog import PREVIOUS, RELEASES, VERSION, changes
from aicost.data import load
from aicost.scorecard import scorecard


@pytest.fixture(scope="module")
def log():
    return changes()


def test_every_change_has_its_reason(log):
    missing = log[log["why"].str.strip() == ""]
    assert missing.empty, (
        f"changes without a reason in data/verdict_changes.csv: {missing.to_dict('records')}")


def test_no_reason_is_stale(log):
    reasons = load("verdict_changes")
    stale = set(reasons.loc[reasons["version"] == VERSION, "item"]) - set(log["claim_id"])
    assert not stale, f"reasons for items that did not change: {sorted(stale)}"


def test_the_log_knows_the_releases(log):
    assert RELEASES[0][0] == VERSION and PREVIOUS in [r[0] for r in RELEASES]
    assert set(log["field"]) <= {"verdict", "number", "register"}


def test_claims_on_one_quantity_get_one_number_and_one_verdict():
    frame, _ = scorecard()
    by = frame.set_index("id")
    # the same peak-FLOP/s ratio, K80 to V100, judges the "16x" and the "19x" claims
    a, b = by.loc["hardware-16x-3y"], by.loc["v100-vs-k80"]
    assert (a["estimate"], a["ci_low"], a["ci_high"]) == (b["estimate"], b["ci_low"], b["ci_high"])
    assert a["verdict"] == b["verdict"]
    # a duplicate carries the number and verdict of the claim it repeats
    for cid, row in by[by["duplicate_of"].notna()].iterrows():
        orig = by.loc[row["duplicate_of"]]
        assert row["verdict"] == orig["verdict"], cid
        for col in ("estimate", "reproduced_value"):
            assert pd.isna(row[col]) and pd.isna(orig[col]) or row[col] == orig[col], (cid, col)


def test_a_reproduction_is_never_counted_as_support():
    frame, _ = scorecard()
    claimant = frame[frame["evidence"] == "claimant only"]
    assert (claimant["verdict"].isin(["no independent test", "not testable"])).all()
    supported = frame[frame["verdict"] == "supported"]
    assert (supported["evidence"] == "independent").all()
