"""After ResNet-50: did training a fixed task keep getting cheaper in MLPerf, 2020-2026?

ResNet-50 left MLPerf Training after v4.0 (2024). Seven fixed tasks continue the measurement
(``mlperf_training_runs``): BERT-large, RetinaNet, DLRM-DCNv2, Llama 2 70B LoRA, the GPT-3 175B
and Llama 3.1 405B pretraining slices, and Llama 3.1 8B. For each task and round:

- **accelerator-hours** of the result with the fewest (accelerators x minutes / 60): no prices
  involved, the strong measure;
- **dollars**: accelerator-hours x the median on-demand cloud price per accelerator-hour of that
  accelerator dated within the year BEFORE the round (``aicost.costs.price_range`` with
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
from aicost.claims import Estimate
from aicost.costs import cost_from_hours, price_ranges
from aicost.data import load
from aicost.trends import Interval, PooledTrend, Trend, decimal_year, fit_pooled_trend, fit_trend

WINDOW_DAYS = 365
ON_DEMAND_KINDS = ("list price", "published by benchmark entry", "advertised from-price",
                   "index median")
EXCLUDED_AVAILABILITY = ("preview", "research")
TASKS = ("BERT-large", "RetinaNet", "DLRM-DCNv2", "Llama 2 70B LoRA", "GPT-3 175B slice",
         "Llama 3.1 405B slice", "Llama 3.1 8B")
RESNET = "ResNet-50"
BASES = {"all sources": None, "primary only": ("primary",)}
AFTER = pd.Timestamp("2022-01-01")  # "after 2021"
END_PRICED = pd.Timestamp("2024-12-31")  # last year in which every round's best accelerator had a price
RESNET_WINDOW = (2017, 2021)  # the decline of notebooks 01/03
ONE_DOLLAR = 1.0
ARK_DEADLINE = pd.Timestamp("2020-12-31")


# ---------------------------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------------------------
@cache.memo(maxsize=1)
def table() -> pd.DataFrame:
    """``mlperf_training_runs`` with the decimal date ``x``."""
    t = load("mlperf_training_runs").copy()
    t["x"] = decimal_year(t["date"])
    return t


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


def results(frame: pd.DataFrame | None = None, *, with_resnet: bool = False,
            drop_availability: tuple[str, ...] = EXCLUDED_AVAILABILITY) -> pd.DataFrame:
    """Results with accelerator-hours from systems declared available (by default)."""
    t = table() if frame is None else frame
    if with_resnet:
        t = pd.concat([t, resnet_results()], ignore_index=True)
    keep = t["accelerator_hours"].notna() & ~t["availability"].isin(drop_availability)
    return t[keep].reset_index(drop=True)


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
    from aicost.analyses import imagenet_trend as it

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
    rows = []
    for r in h.itertuples():
        row = {"task": r.task, "round": r.round, "date": r.date,
               "fewest_accelerator_hours": r.accelerator_hours,
               "fewest_on": f"{r.accelerator_count} x {r.accelerator_family}"}
        for basis in BASES:
            for look in (False, True):
                key = basis + (", look-ahead" if look else "")
                p = priced_results(basis, lookahead=look)
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


# ---------------------------------------------------------------------------------------------
# ARK's "$1 ResNet-50 by the end of 2020", on the newest data
# ---------------------------------------------------------------------------------------------
def resnet_costs() -> pd.DataFrame:
    """Every ResNet-50 result with a cost: DAWNBench entries at their published price, and
    MLPerf results (available systems) at the low / median / high on-demand price of the year
    before the round, under each price basis (and, as a sensitivity, with look-ahead prices
    within +-365 days)."""
    t = load("imagenet_training_runs")
    d = t[(t["benchmark"] == "DAWNBench") & t["cost_usd"].notna()
          & (t["model"] == RESNET)]
    rows = [pd.DataFrame({"result_id": d["run_id"], "date": d["date"],
                          "basis": "DAWNBench published price", "usd": d["cost_usd"]})]
    m = results(resnet_results())
    for basis in BASES:
        for look in (False, True):
            p = priced(m, price_table(basis), lookahead=look)
            for price, label in (("cost_low", "low"), ("cost", "median"), ("cost_high", "high")):
                name = f"MLPerf, {label} price, {basis}" + (", look-ahead" if look else "")
                rows.append(pd.DataFrame({"result_id": p["result_id"], "date": p["date"],
                                          "basis": name, "usd": p[price]}))
    out = pd.concat(rows, ignore_index=True)
    return out[out["usd"].notna()].reset_index(drop=True)


def first_below(threshold: float = ONE_DOLLAR, costs: pd.DataFrame | None = None
                ) -> pd.DataFrame:
    """Per price basis: the first result that cost at most ``threshold`` dollars (date, year,
    result, cost), whether that was by ARK's deadline, and the cheapest ever; 'never' rows
    have NaT/NaN. ``costs`` (columns result_id, date, basis, usd) defaults to
    :func:`resnet_costs`."""
    c = resnet_costs() if costs is None else costs
    rows = []
    for basis, g in c.groupby("basis", sort=True):
        g = g.sort_values(["date", "usd", "result_id"])
        hit = g[g["usd"] <= threshold]
        cheapest = g.sort_values(["usd", "date"]).iloc[0]
        rows.append({"basis": basis,
                     "first_date": hit["date"].iloc[0] if len(hit) else pd.NaT,
                     "first_year": int(hit["date"].iloc[0].year) if len(hit) else None,
                     "first_result": hit["result_id"].iloc[0] if len(hit) else "never",
                     "first_usd": float(hit["usd"].iloc[0]) if len(hit) else np.nan,
                     "by_deadline": bool(len(hit) and hit["date"].iloc[0] <= ARK_DEADLINE),
                     "cheapest_usd": float(cheapest["usd"]),
                     "cheapest_result": cheapest["result_id"], "cheapest_date": cheapest["date"]})
    return pd.DataFrame(rows)


def one_dollar_newest() -> tuple[Estimate, list[tuple[str, Estimate]]]:
    """ARK's "$1 ResNet-50" scored on the newest data (ResNet-50's last MLPerf round, v4.0,
    2024): the primary reading is the cheapest ResNet-50 cost ever observed, MLPerf at the
    median on-demand price of the year before the round (all sources) or DAWNBench at its
    published price; the alternatives are the other price bases. Every value is an observed
    cost (interval "exact"); the notes name the first year it reached $1 ("never")."""
    fb = first_below(ONE_DOLLAR).set_index("basis")

    def est(basis: str) -> Estimate:
        r = fb.loc[basis]
        first = "never" if r["first_result"] == "never" else str(r["first_year"])
        return Estimate(float(r["cheapest_usd"]), float(r["cheapest_usd"]),
                        float(r["cheapest_usd"]),
                        f"cheapest ResNet-50 cost observed to 2024 ({r['cheapest_result']}, "
                        f"{r['cheapest_date'].date()}), {basis}; first year at or below $1: {first}",
                        interval="exact")

    median = "MLPerf, median price, all sources"
    dawn = "DAWNBench published price"
    primary_basis = median if fb.loc[median, "cheapest_usd"] <= fb.loc[dawn, "cheapest_usd"] else dawn
    alternatives = [(b, est(b)) for b in fb.index if b != primary_basis]
    return est(primary_basis), alternatives
