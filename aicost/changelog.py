"""The verdict changelog: every verdict or headline number that changed since a past release.

Readers who cited an old verdict need to know that it moved, from what to what, and why. The old
values are data (``data/release_scorecards.csv``: the scorecard and README findings as a release
published them); the new ones are computed now (:func:`aicost.scorecard.scorecard`,
:func:`aicost.readme.headline_numbers`); the reasons are written by hand
(``data/verdict_changes.csv``) and a test fails if a change has none.

``python -m aicost.changelog`` prints the table.
"""

from __future__ import annotations

import math

VERSION = "0.2.0"
# (version, release date, what the release changed in a sentence)
RELEASES = [
    ("0.2.0", "2026-12-07",
     "A verdict answers one question (what independent data say); re-done claimant arithmetic is "
     "a separate reproduction column; one monotone rule with no label-dependent rescue; "
     "pending forecasts; restatements of a paper's own facts left the register; the most-quoted "
     "claims of 2023-2026 (inference prices, DeepSeek, frontier forecasts) audited."),
    ("0.1.0", "2026-12-01", "First release: 48 claims, one verdict rule, 13 notebooks."),
]
PREVIOUS = "0.1.0"
# a number counts as changed when it moved by more than this (relative), or its interval did
NUMBER_TOLERANCE = 0.005


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _moved(old, new) -> bool:
    old_nan = old is None or (isinstance(old, float) and math.isnan(old))
    new_nan = new is None or (isinstance(new, float) and math.isnan(new))
    if old_nan or new_nan:
        return old_nan != new_nan
    old, new = float(old), float(new)
    if old == new:
        return False
    return abs(new - old) > NUMBER_TOLERANCE * max(abs(old), abs(new))


def current_items() -> dict[str, dict]:
    """The current verdicts and headline numbers, keyed as in release_scorecards."""
    from aicost.readme import headline_numbers
    from aicost.scorecard import scorecard

    frame, _ = scorecard()
    out = {}
    for r in frame.to_dict("records"):
        rep = r["reproduction"] if isinstance(r["reproduction"], str) else None
        if _missing(r["estimate"]) and not _missing(r["reproduced_value"]):
            # no independent estimate: the number readers saw now stands as the reproduction
            v = r["reproduced_value"]
            out[r["id"]] = {"verdict": r["verdict"], "estimate": v, "ci_low": None,
                            "ci_high": None, "interval": None, "reproduction": rep,
                            "reproduced": True}
            continue
        out[r["id"]] = {"verdict": r["verdict"], "estimate": r["estimate"],
                        "ci_low": r["ci_low"], "ci_high": r["ci_high"],
                        "interval": r["interval"], "reproduction": rep}
    for item, (value, low, high) in headline_numbers().items():
        out[item] = {"verdict": None, "estimate": value, "ci_low": low, "ci_high": high,
                     "interval": "95% CI", "reproduction": None}
    return out


def _fmt(value) -> str:
    from aicost.display import sig

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "none"
    return sig(float(value), 2) if isinstance(value, (int, float)) else str(value)


def _interval_text(row) -> str:
    if row is None or row.get("estimate") is None or _fmt(row.get("estimate")) == "none":
        return "none"
    lo, hi = row.get("ci_low"), row.get("ci_high")
    if _fmt(lo) == _fmt(hi):
        return _fmt(row["estimate"])
    return f"{_fmt(row['estimate'])} ({_fmt(lo)} to {_fmt(hi)})"


def changes(since: str = PREVIOUS):
    """One row per change since release ``since``: ``claim_id`` (a claim id or finding:<name>),
    ``field`` (register, verdict, number), ``old``, ``new``, ``why`` (empty when the reason is
    missing: the test of this module fails then)."""
    import pandas as pd

    from aicost.data import load

    old = load("release_scorecards")
    old = old[old["version"] == since]
    reasons = load("verdict_changes")
    why = dict(zip(reasons["item"], reasons["why"], strict=True))
    now = current_items()
    rows = []

    def num(v):
        return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)

    for r in old.to_dict("records"):
        item = r["item"]
        before = {k: (num(r[k]) if k in ("estimate", "ci_low", "ci_high") else r[k])
                  for k in ("verdict", "estimate", "ci_low", "ci_high", "interval")}
        after = now.get(item)
        if after is None:
            rows.append((item, "register", "registered", "left the register", why.get(item, "")))
            continue
        if r["item_kind"] == "claim" and before["verdict"] != after["verdict"]:
            new = after["verdict"] + (f" ({after['reproduction']})" if after["reproduction"]
                                      else "")
            rows.append((item, "verdict", before["verdict"], new, why.get(item, "")))
        if r["item_kind"] == "finding":  # published to two significant figures
            moved = _interval_text(before) != _interval_text(after)
        elif after.get("reproduced"):
            moved = _moved(before["estimate"], after["estimate"])
        else:
            moved = any(_moved(before[k], after[k]) for k in ("estimate", "ci_low", "ci_high"))
        if moved:
            new = _interval_text(after) + (" (now the reproduction)" if after.get("reproduced")
                                           else "")
            rows.append((item, "number", _interval_text(before), new, why.get(item, "")))
    for item in now:
        if item not in set(old["item"]):
            rows.append((item, "register", "not registered", now[item]["verdict"] or "new",
                         why.get(item, "")))
    return pd.DataFrame(rows, columns=["claim_id", "field", "old", "new", "why"])


def main() -> int:
    frame = changes()
    print(frame.to_string(index=False) if len(frame) else "no changes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
