"""After ResNet-50: did training a fixed task keep getting cheaper in MLPerf, 2020-2026?

ResNet-50 left MLPerf Training after v4.0 (2024). Seven fixed tasks continue the measurement
(``mlperf_training_runs``): BERT-large, RetinaNet, DLRM-DCNv2, Llama 2 70B LoRA, the GPT-3 175B
and Llama 3.1 405B pretraining slices, and Llama 3.1 8B. For each task and round:

- **accelerator-hours** of the result with the fewest (accelerators x minutes / 60): no prices
  involved, the strong measure;
- **dollars**: accelerator-hours x the median on-demand cloud price per accelerator-hour of that
  accelerator dated within the year BEFORE the round (``aicost.costs.price_ranges`` with
  ``not_after`` = the round's date: no price the submitter could not have seen). Two price bases:
  every on-demand price in ``cloud_prices`` ("all sources") and only the rows whose
  ``source_strength`` is primary ("primary only"); the 2024-26 price points are all secondary or
  mirror, so the second basis shows what the dollars are without them.

Only results of systems declared available (preview and research systems left out) count; CPU-only
systems have no accelerator-hours. Rates: per task, OLS of log10(fewest per round) on the round's
date (``aicost.trends.fit_trend``, t interval, at least 3 rounds); pooled across tasks, one
common slope with a level per task (``aicost.trends.fit_pooled_trend``). The intervals cover
scatter around the line, not the choice of tasks, the selection of the fewest result per round,
or what a result "costs" when it ran on-premise (pricing it at cloud rates is a counterfactual).

The comparison: the ResNet-50 decline of 2017-2021 (notebooks 01 and 03) in the same two units.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from aicost import cache
from aicost.analyses import imagenet_trend as it
from aicost.analyses.imagenet_trend import (  # noqa: F401 - the ARK $1 reading, used by notebook 09
    ARK_DEADLINE,
    ONE_DOLLAR,
    first_below,
    one_dollar_newest,
    resnet_costs,
)
from aicost.analyses.mlperf_pricing import (  # noqa: F401 - the price bases, used by notebook 09
    BASES,
    EXCLUDED_AVAILABILITY,
    ON_DEMAND_KINDS,
    RESNET,
    WINDOW_DAYS,
    available,
    price_table,
    priced,
    prices,
    resnet_results,
)
from aicost.data import load
from aicost.trends import Interval, PooledTrend, Trend, decimal_year, fit_pooled_trend, fit_trend

TASKS = ("BERT-large", "RetinaNet", "DLRM-DCNv2", "Llama 2 70B LoRA", "GPT-3 175B slice",
         "Llama 3.1 405B slice", "Llama 3.1 8B")
AFTER = pd.Timestamp("2022-01-01")  # "after 2021"
END_PRICED = pd.Timestamp("2024-12-31")  # last year in which every round's best accelerator had a price
RESNET_WINDOW = (2017, 2021)  # the decline of notebooks 01/03


# ---------------------------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------------------------
@cache.memo(maxsize=1)
def table() -> pd.DataFrame:
    """``mlperf_training_runs`` with the decimal date ``x``."""
    t = load("mlperf_training_runs").copy()
    t["x"] = decimal_year(t["date"])
    return t


def results(frame: pd.DataFrame | None = None, *, with_resnet: bool = False,
            drop_availability: tuple[str, ...] = EXCLUDED_AVAILABILITY) -> pd.DataFrame:
    """Results with accelerator-hours from systems declared available (by default)."""
    t = table() if frame is None else frame
    if with_resnet:
        t = pd.concat([t, resnet_results()], ignore_index=True)
    return available(t, drop_availability)


@cache.memo(maxsize=8)
def priced_results(basis: str = "all sources", with_resnet: bool = False,
                   lookahead: bool = False) -> pd.DataFrame:
    return priced(results(with_resnet=with_resnet), price_table(basis), lookahead=lookahead)


# ---------------------------------------------------------------------------------------------
# the series: fewest per task and round
# ---------------------------------------------------------------------------------------------
def fewest_per_round(frame: pd.DataFrame, value: str = "accelerator_hours") -> pd.DataFrame:
    """One row per task and round: the result with the smallest ``value`` (NaN ignored; ties
    broken by result id)."""
    f = frame[frame[value].notna()]
    f = f.sort_values(["task", "date", value, "result_id"], kind="mergesort")
    return f.groupby(["task", "round"], sort=False).head(1).reset_index(drop=True)


def task_trends(series: pd.DataFrame, value: str = "accelerator_hours",
                start=None) -> pd.DataFrame:
    """Per task: rounds, first and last point, and (3+ rounds) the OLS rate with its 95% CI."""
    s = series if start is None else series[series["date"] >= pd.Timestamp(start)]
    rows = []
    for task, g in s.groupby("task", sort=False):
        g = g.sort_values("date")
        row = {"task": task, "rounds": len(g), "first": g["round"].iloc[0],
               "last": g["round"].iloc[-1], "first_value": float(g[value].iloc[0]),
               "last_value": float(g[value].iloc[-1]),
               "fold_decrease": float(g[value].iloc[0] / g[value].iloc[-1]),
               "years": float(g["x"].iloc[-1] - g["x"].iloc[0])}
        if len(g) >= 3:
            t = fit_trend(g["x"].to_numpy(), g[value].to_numpy())
            f = t.annual_decline_factor()
            row.update(decline_per_year=f.value, low=f.low, high=f.high, trend=t)
        else:
            row.update(decline_per_year=(row["fold_decrease"] ** (1 / row["years"])
                                         if row["years"] > 0 else np.nan),
                       low=np.nan, high=np.nan, trend=None)
        rows.append(row)
    order = {t: i for i, t in enumerate((RESNET,) + TASKS)}
    out = pd.DataFrame(rows)
    return out.sort_values("task", key=lambda c: c.map(order)).reset_index(drop=True)


def pooled(series: pd.DataFrame, value: str = "accelerator_hours", start=None, end=None,
           tasks: tuple[str, ...] | None = None) -> PooledTrend:
    """One log-linear rate across tasks with a level per task (fixed effects), over rounds
    dated in [``start``, ``end``]."""
    s = series if start is None else series[series["date"] >= pd.Timestamp(start)]
    if end is not None:
        s = s[s["date"] <= pd.Timestamp(end)]
    if tasks is not None:
        s = s[s["task"].isin(tasks)]
    s = s[s[value].notna()]
    return fit_pooled_trend(s["task"].to_numpy(), s["x"].to_numpy(), s[value].to_numpy())


@cache.memo(maxsize=4)
def hours_series(with_resnet: bool = False) -> pd.DataFrame:
    return fewest_per_round(results(with_resnet=with_resnet))


@cache.memo(maxsize=16)
def cost_series(basis: str = "all sources", with_resnet: bool = False,
                price: str = "cost", lookahead: bool = False) -> pd.DataFrame:
    return fewest_per_round(priced_results(basis, with_resnet, lookahead), price)


# ---------------------------------------------------------------------------------------------
# the ResNet-50 reference (notebooks 01 and 03) and the comparison
# ---------------------------------------------------------------------------------------------
def resnet_reference() -> dict[str, Trend]:
    """The 2017-2021 ResNet-50 decline as notebook 03 measures it: cheapest cost per year
    (DAWNBench at published prices + MLPerf at cloud prices, OLS) and fewest accelerator-hours
    per year."""
    start, end = RESNET_WINDOW
    return {"dollars": it.series_trend(start, end),
            "accelerator-hours": it.accelerator_hours_trend(start, end)}


def slope_difference(a: Trend, b: Trend) -> Interval:
    """``b - a`` in log10 per year with an approximate 95% interval (normal, the two slopes'
    standard errors recovered from their t intervals and combined as independent)."""
    from scipy import stats

    def se(t: Trend) -> float:
        df = max(t.n - (len(t.levels) if isinstance(t, PooledTrend) else 1) - 1, 1)
        return (t.slope.high - t.slope.low) / (2 * float(stats.t.ppf(0.975, df)))

    d = b.slope.value - a.slope.value
    half = 1.959963984540054 * math.hypot(se(a), se(b))
    return Interval(d, d - half, d + half)


def continuation() -> pd.DataFrame:
    """The answer in one table: the ResNet-50 rate 2017-2021 next to the pooled rate of the
    successor tasks (all rounds; rounds after 2021), in accelerator-hours and dollars, as the
    fold decrease per year with its 95% interval."""
    ref = resnet_reference()
    rn = hours_series(with_resnet=True)
    rn = rn[(rn["task"] == RESNET) & (rn["date"] < AFTER)]
    rows = [
        ("ResNet-50 2017-2021 (notebook 03)", "accelerator-hours", ref["accelerator-hours"]),
        ("ResNet-50 2017-2021 (notebook 03)", "dollars", ref["dollars"]),
        ("ResNet-50 MLPerf rounds 2018-2021 (this method)", "accelerator-hours",
         fit_trend(rn["x"].to_numpy(), rn["accelerator_hours"].to_numpy())),
    ]
    for label, start, end in (("successor tasks, all rounds 2020-2026", None, None),
                              ("successor tasks, rounds 2022-2026", AFTER, None),
                              ("successor tasks, rounds 2022-2024", AFTER, END_PRICED)):
        rows.append((label, "accelerator-hours", pooled(hours_series(), start=start, end=end)))
        for basis in BASES:
            rows.append((label, f"dollars, {basis}",
                         pooled(cost_series(basis), "cost", start=start, end=end)))
    for basis in BASES:
        rows.append(("successor tasks, rounds 2022-2026", f"dollars, {basis}, look-ahead prices",
                     pooled(cost_series(basis, lookahead=True), "cost", start=AFTER)))
    out = []
    for label, unit, t in rows:
        f = t.annual_decline_factor()
        h = t.halving_months()
        out.append({"series": label, "unit": unit, "points": t.n,
                    "decline_per_year": f.value, "low": f.low, "high": f.high,
                    "halving_months": h.value, "trend": t})
    return pd.DataFrame(out)


# ---------------------------------------------------------------------------------------------
# dollars of 2025-26 with and without the weak price rows
# ---------------------------------------------------------------------------------------------
def recent_dollars(since="2025-01-01") -> pd.DataFrame:
    """For each task and round since ``since``: fewest accelerator-hours, and the cheapest
    cost under each price basis (NaN where no result of the round could be priced), with the
    accelerator that was priced and how many results could be priced."""
    h = hours_series()
    h = h[h["date"] >= pd.Timestamp(since)]
    every = {(basis, look): priced_results(basis, lookahead=look)
             for basis in BASES for look in (False, True)}
    rows = []
    for r in h.itertuples():
        row = {"task": r.task, "round": r.round, "date": r.date,
               "fewest_accelerator_hours": r.accelerator_hours,
               "fewest_on": f"{r.accelerator_count} x {r.accelerator_family}"}
        for basis in BASES:
            for look in (False, True):
                key = basis + (", look-ahead" if look else "")
                p = every[basis, look]
                p = p[(p["task"] == r.task) & (p["round"] == r.round)]
                ok = p[p["cost"].notna()]
                row[f"priced_{key}"] = f"{len(ok)} of {len(p)}"
                if len(ok):
                    best = ok.sort_values(["cost", "result_id"]).iloc[0]
                    row[f"usd_{key}"] = float(best["cost"])
                    row[f"on_{key}"] = f"{best['accelerator_count']} x {best['accelerator_family']}"
                else:
                    row[f"usd_{key}"] = np.nan
                    row[f"on_{key}"] = ""
        rows.append(row)
    return pd.DataFrame(rows)
