"""MLPerf results in dollars: the price bases and the one-pass pricing of accelerator-hours.

Shared by :mod:`aicost.analyses.imagenet_trend` (ResNet-50's MLPerf rounds, ARK's $1 forecast on
the newest data) and :mod:`aicost.analyses.mlperf` (the tasks after ResNet-50), so that data flows
one way: this module, then ``imagenet_trend``, then ``mlperf``. A result is priced at the
on-demand prices of its accelerator dated within the year before its date and never after it
(``aicost.costs.price_ranges`` with ``not_after`` = the date), under two price bases: every
on-demand row of ``cloud_prices`` ("all sources") and only the primary ones ("primary only").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aicost import cache
from aicost.costs import cost_from_hours, price_ranges
from aicost.data import load
from aicost.trends import decimal_year

WINDOW_DAYS = 365
ON_DEMAND_KINDS = ("list price", "published by benchmark entry", "advertised from-price",
                   "index median")
EXCLUDED_AVAILABILITY = ("preview", "research")
RESNET = "ResNet-50"
BASES = {"all sources": None, "primary only": ("primary",)}


@cache.memo(maxsize=1)
def prices() -> pd.DataFrame:
    return load("cloud_prices")


def resnet_results() -> pd.DataFrame:
    """MLPerf ResNet-50 results (v0.5-v4.0) from ``imagenet_training_runs``, in the columns of
    ``mlperf_training_runs`` (task ``ResNet-50``)."""
    t = load("imagenet_training_runs")
    m = t[(t["benchmark"] == "MLPerf") & t["accelerator_count"].notna()].copy()
    return pd.DataFrame({
        "result_id": m["run_id"], "round": m["round"], "date": m["date"], "task": RESNET,
        "availability": m["availability"], "accelerator_family": m["accelerator"],
        "price_accelerator": m["accelerator"],
        "accelerator_count": m["accelerator_count"].astype("Int64"),
        "accelerator_hours": m["hours_to_target"] * m["accelerator_count"].astype(float),
        "x": decimal_year(m["date"]),
    }).reset_index(drop=True)


def available(frame: pd.DataFrame,
              drop_availability: tuple[str, ...] = EXCLUDED_AVAILABILITY) -> pd.DataFrame:
    """The rows with accelerator-hours from systems declared available (by default)."""
    keep = frame["accelerator_hours"].notna() & ~frame["availability"].isin(drop_availability)
    return frame[keep].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# dollars: prices dated no later than the round
# ---------------------------------------------------------------------------------------------
def price_table(basis: str = "all sources", price_frame: pd.DataFrame | None = None
                ) -> pd.DataFrame:
    """On-demand rows of ``cloud_prices`` for a price basis (``BASES``)."""
    p = prices() if price_frame is None else price_frame
    p = p[p["price_kind"].isin(ON_DEMAND_KINDS)]
    strengths = BASES[basis]
    if strengths is not None:
        p = p[p["source_strength"].isin(strengths)]
    return p


def priced(frame: pd.DataFrame, price_frame: pd.DataFrame, window_days: int = WINDOW_DAYS,
           lookahead: bool = False) -> pd.DataFrame:
    """``frame`` with ``price_low/median/high``, ``price_n`` and ``cost_low/cost/cost_high``:
    accelerator-hours x the on-demand price of ``price_accelerator`` within ``window_days``
    before the result's date and never after it (``lookahead=True``, a sensitivity only:
    within +-``window_days``, later prices allowed). Unpriceable rows keep NaN costs and a
    ``price_note`` saying why."""
    out = frame.copy()
    acc = out["price_accelerator"].to_numpy(dtype=object)
    keyed = np.array([isinstance(a, str) and bool(a) for a in acc], dtype=bool)
    pr = price_ranges(price_frame, acc[keyed], out["date"][keyed], window_days,
                      not_after=None if lookahead else out["date"][keyed])
    found = np.zeros(len(out), dtype=bool)
    found[np.flatnonzero(keyed)[pr["n"].to_numpy() > 0]] = True
    n = np.zeros(len(out), dtype=int)
    n[keyed] = pr["n"].to_numpy()
    hours = out["accelerator_hours"].to_numpy(dtype=float)
    for name, col in (("low", "price_low"), ("median", "price_median"), ("high", "price_high")):
        value = np.full(len(out), np.nan)
        value[keyed] = pr[name].to_numpy()
        out[col] = value
    for price, col in (("price_low", "cost_low"), ("price_median", "cost"),
                       ("price_high", "cost_high")):
        cost = np.full(len(out), np.nan)
        if found.any():
            cost[found] = cost_from_hours(hours[found], 1, out[price].to_numpy()[found])
        out[col] = cost
    out["price_n"] = n
    out["price_note"] = ["" if ok else "no accelerator key to price" if not k
                         else f"no price for {a} in the price window"
                         for ok, k, a in zip(found, keyed, acc, strict=True)]
    return out
