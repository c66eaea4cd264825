"""DAWNBench ImageNet 2017-2019: the cost of training to 93% top-5; ARK's "100-fold", "10x a year".

Notebook 01. The cost of a DAWNBench entry is its hours to 93% top-5 (from the entry's log) times
the hourly price it published (``costPerHour``, for the whole instance or cluster), i.e.
:func:`aicost.costs.cost_from_hours` with ``count=1``.

- :func:`dawnbench_costs`: every DAWNBench ImageNet entry, with its cost where it published a price.
- :func:`list_priced_reference`: the two 2017 reference entries re-priced at the AWS list price of
  their instance (their published prices look swapped; see the table's notes).
- :func:`endpoint_scenarios`: ARK's two-point fold change under the readings of "2017" and "2019".
- :func:`record_fold_bootstrap`: the fold change of the cheapest-so-far cost between two dates,
  with a bootstrap interval over the entries (general).
- :func:`pairwise_fold_changes`: every pair of entries a given number of years apart (general).
- :func:`frontier_trend` / :func:`typical_trend`: log-linear fits to the record frontier and to
  all priced entries.

Headline estimates (what the scorecard shows):

- ``resnet50-100x`` (fold decrease 2017 -> 2019): the cheapest-so-far cost at the end of 2017
  divided by the cheapest-so-far cost at the end of 2019, with a 95% bootstrap interval. The claim
  compares the cost in 2017 with the lowest cost in 2019; this measures exactly that and, unlike a
  line fitted to the record entries, does not extrapolate through 2019, a year with no new record.
- ``training-cost-10x-per-year`` (fold decrease per year): the annual decline factor of the
  log-linear fit to every priced entry dated 2017-2019 (bootstrap interval). A rate "over the past
  three years" needs entries spread over the three years; the record entries all fall between
  2017-10 and 2018-09, so a record-frontier rate describes that one year only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aicost import cache
from aicost.claims import Estimate
from aicost.costs import cost_from_hours, price_window
from aicost.data import load
from aicost.scorecard import assesses
from aicost.trends import (
    DEFAULT_BOOT,
    DEFAULT_SEED,
    Interval,
    Trend,
    bootstrap_trend,
    decimal_year,
    fit_trend,
    frontier,
)

BENCHMARK = "DAWNBench"
CLAIM_START = "2017-01-01"
CLAIM_END = "2019-12-31"
AWS = "Amazon Web Services"
# The two DAWNBench reference entries of 2017-10-27, whose published prices look swapped.
REFERENCE_RUNS = (
    "dawnbench:dawn_resnet152_b_8k80_ec2_mxnet",
    "dawnbench:dawn_resnet152_b_4M60_ec2_tensorflow",
)
PAIR_MIN_YEARS, PAIR_MAX_YEARS = 1.5, 2.5

COLUMNS = ["run_id", "date", "year", "submitter", "model", "accelerator", "accelerator_count",
           "cloud_instance", "hours_to_target", "price_per_hour_usd", "cost", "priced"]


@cache.memo(maxsize=1)
def dawnbench_costs() -> pd.DataFrame:
    """Every DAWNBench ImageNet training entry, sorted by date then cost; ``cost`` (USD) = hours
    to 93% top-5 x the published price per hour of the whole instance (NaN where none was
    published); ``year`` is the decimal year of the submission date."""
    t = load("imagenet_training_runs")
    d = t[t["benchmark"] == BENCHMARK].copy()
    d["priced"] = d["price_per_hour_usd"].notna()
    d["cost"] = np.nan
    p = d["priced"]
    d.loc[p, "cost"] = cost_from_hours(d.loc[p, "hours_to_target"].to_numpy(float), 1,
                                       d.loc[p, "price_per_hour_usd"].to_numpy(float))
    d["year"] = decimal_year(d["date"])
    d = d.sort_values(["date", "cost", "run_id"]).reset_index(drop=True)
    return d[COLUMNS]


def priced(end: str | None = CLAIM_END, model: str | None = None) -> pd.DataFrame:
    """The priced entries up to ``end`` (inclusive; None = all), optionally of one model family."""
    d = dawnbench_costs()
    d = d[d["priced"]]
    if end is not None:
        d = d[d["date"] <= pd.Timestamp(end)]
    if model is not None:
        d = d[d["model"] == model]
    return d.reset_index(drop=True)


def with_frontier(entries: pd.DataFrame) -> pd.DataFrame:
    """``entries`` with ``record`` (cheapest so far when submitted) and ``cheapest_so_far``."""
    out = entries.copy()
    out["record"] = frontier(out["year"].to_numpy(), out["cost"].to_numpy(), "min")
    out["cheapest_so_far"] = np.minimum.accumulate(out["cost"].to_numpy())
    return out


# -- the 2017 reference at list price -------------------------------------------------------------
def instance_list_price(prices: pd.DataFrame, accelerator: str, count: int, date, *,
                        vendor: str = AWS, window_days: int = 365,
                        exclude: tuple[str, ...] = (),
                        not_after=None) -> tuple[float, int]:
    """(hourly price of ``count`` accelerators at ``vendor``, number of price rows used).

    The median on-demand price per accelerator-hour of ``vendor`` within +-``window_days`` of
    ``date`` and never after ``not_after`` when given (list prices and prices published by
    benchmark entries; rows in ``exclude`` left out), times ``count``. Raises ``LookupError`` if
    no row qualifies, or if the rows disagree (a list price should be one number).
    """
    lo, hi = price_window(date, window_days, not_after=not_after)
    sel = prices[(prices["vendor"] == vendor) & (prices["accelerator"] == accelerator)
                 & prices["price_per_accelerator_hour_usd"].notna()
                 & prices["date"].between(lo, hi) & ~prices["price_id"].isin(exclude)]
    if sel.empty:
        raise LookupError(f"no {vendor} price for {accelerator} in {lo.date()} to {hi.date()}")
    v = sel["price_per_accelerator_hour_usd"].to_numpy(float)
    if v.max() > v.min() * 1.001:
        raise LookupError(f"{vendor} prices for {accelerator} disagree: {sorted(set(v.tolist()))}")
    return float(np.median(v)) * count, len(v)


@cache.memo(maxsize=1)
def list_priced_reference() -> pd.DataFrame:
    """The 2017 reference entries with published price and cost, and the same at the AWS list
    price of the instance (per-GPU price from ``cloud_prices`` x GPUs in the instance), dated up
    to the entry where our table has such a price; ``price_dated_after`` marks the one it has
    only from a later row (the M60's g3 list price appears in our table only in January 2018)."""
    prices = load("cloud_prices")
    own_rows = tuple("dawnbench-" + r.split(":", 1)[1] for r in REFERENCE_RUNS)
    d = dawnbench_costs()
    rows = []
    for run in REFERENCE_RUNS:
        e = d[d["run_id"] == run].iloc[0]
        args = (prices, e["accelerator"], int(e["accelerator_count"]), e["date"])
        try:
            price, n = instance_list_price(*args, exclude=own_rows, not_after=e["date"])
            later = False
        except LookupError:
            price, n = instance_list_price(*args, exclude=own_rows)
            later = True
        rows.append({"run_id": run, "date": e["date"], "model": e["model"],
                     "hardware": f"{int(e['accelerator_count'])} x {e['accelerator']}",
                     "instance": e["cloud_instance"], "hours": e["hours_to_target"],
                     "published_price": e["price_per_hour_usd"], "cost_published": e["cost"],
                     "list_price": price, "list_price_rows": n, "price_dated_after": later,
                     "cost_list": cost_from_hours(e["hours_to_target"], 1, price)})
    return pd.DataFrame(rows).sort_values("cost_published").reset_index(drop=True)


# -- ARK's two endpoints ------------------------------------------------------------------------
def endpoint_scenarios() -> pd.DataFrame:
    """ARK's fold change (cost in 2017 / cost in 2019) under each reading of the two endpoints.

    Start: the cheapest 2017 entry at its published price (the 2017 reference ARK and the AI Index
    use); the cheapest 2017 entry when both reference entries are re-priced at the AWS list price;
    the earliest priced ResNet-50 entry (there is no priced ResNet-50 entry in 2017).
    End: the cheapest entry submitted in 2019; the cheapest entry submitted up to the end of 2019.
    """
    d = priced(CLAIM_END)
    y2017 = d[d["date"].dt.year == 2017]
    ref = y2017.loc[y2017["cost"].idxmin()]
    lp = list_priced_reference()
    lp_best = lp.loc[lp["cost_list"].idxmin()]
    r50 = d[d["model"] == "ResNet-50"].iloc[0]
    starts = [
        ("2017 reference, published price", ref["run_id"], ref["date"], ref["model"], ref["cost"]),
        ("2017 entries at AWS list price", lp_best["run_id"], lp_best["date"], lp_best["model"],
         lp_best["cost_list"]),
        ("earliest priced ResNet-50 entry", r50["run_id"], r50["date"], r50["model"], r50["cost"]),
    ]
    in2019 = d[d["date"].dt.year == 2019]
    e19 = in2019.loc[in2019["cost"].idxmin()]
    eall = d.loc[d["cost"].idxmin()]
    ends = [("cheapest entry dated 2019", e19), ("cheapest entry up to end of 2019", eall)]
    rows = []
    for s_label, s_run, s_date, s_model, s_cost in starts:
        for e_label, e in ends:
            rows.append({"start": s_label, "start_entry": s_run.split(":", 1)[1],
                         "start_date": s_date, "start_model": s_model, "start_cost": s_cost,
                         "end": e_label, "end_entry": e["run_id"].split(":", 1)[1],
                         "end_date": e["date"], "end_cost": e["cost"],
                         "fold_decrease": s_cost / e["cost"]})
    return pd.DataFrame(rows)


def record_fold_bootstrap(x, values, start: float, end: float, *, n_boot: int = DEFAULT_BOOT,
                          seed: int = DEFAULT_SEED, alpha: float = 0.05) -> tuple[Interval, int]:
    """Fold decrease of the cheapest-so-far value between decimal years ``start`` and ``end``:
    ``min(values[x <= start]) / min(values[x <= end])``, with a percentile bootstrap interval
    from resampling the entries with replacement. Returns (interval, replicates dropped because
    they held no entry up to ``start``)."""
    x = np.asarray(x, dtype=float)
    v = np.asarray(values, dtype=float)
    if not (x <= start).any():
        raise ValueError(f"no entry up to {start}")

    def fold(xs, vs):
        a = np.where(xs <= start, vs, np.inf).min(axis=-1)
        b = np.where(xs <= end, vs, np.inf).min(axis=-1)
        return a / b

    point = float(fold(x, v))
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(x), size=(n_boot, len(x)))
    draws = fold(x[idx], v[idx])
    ok = np.isfinite(draws)
    lo, hi = np.percentile(draws[ok], [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return Interval(point, float(lo), float(hi), 1 - alpha), int((~ok).sum())


def pairwise_fold_changes(dates, values, min_years: float, max_years: float) -> pd.DataFrame:
    """Every ordered pair of entries (earlier i, later j) between ``min_years`` and ``max_years``
    apart (inclusive): columns ``i``, ``j`` (positions in the input), ``start``, ``end`` (decimal
    years), ``years`` and ``fold_change`` = ``values[j] / values[i]`` (below 1 = a decline)."""
    x = decimal_year(dates) if not np.issubdtype(np.asarray(dates).dtype, np.number) else (
        np.asarray(dates, dtype=float))
    v = np.asarray(values, dtype=float)
    if len(x) != len(v):
        raise ValueError("dates and values differ in length")
    if min_years < 0 or max_years < min_years:
        raise ValueError("need 0 <= min_years <= max_years")
    i, j = np.meshgrid(np.arange(len(x)), np.arange(len(x)), indexing="ij")
    gap = x[j] - x[i]
    keep = (gap >= min_years) & (gap <= max_years) & (gap > 0)
    i, j = i[keep], j[keep]
    out = pd.DataFrame({"i": i, "j": j, "start": x[i], "end": x[j], "years": x[j] - x[i],
                        "fold_change": v[j] / v[i]})
    return out.sort_values(["start", "end", "i", "j"]).reset_index(drop=True)


# -- trends ---------------------------------------------------------------------------------------
@cache.memo(maxsize=8)
def frontier_trend(end: str | None = CLAIM_END, bootstrap: bool = True) -> Trend:
    """Trend of the record frontier (cheapest so far) of the priced entries up to ``end``: OLS on
    the record entries, or bootstrap re-selecting the frontier in each replicate."""
    d = priced(end)
    x, y = d["year"].to_numpy(), d["cost"].to_numpy()
    if bootstrap:
        return bootstrap_trend(x, y, frontier_kind="min")
    m = frontier(x, y, "min")
    return fit_trend(x[m], y[m])


@cache.memo(maxsize=8)
def typical_trend(end: str | None = CLAIM_END, bootstrap: bool = True) -> Trend:
    """Trend of all priced entries up to ``end`` (typical rather than record cost)."""
    d = priced(end)
    x, y = d["year"].to_numpy(), d["cost"].to_numpy()
    return bootstrap_trend(x, y) if bootstrap else fit_trend(x, y)


def claim_window() -> tuple[float, float]:
    """(first priced entry, end of 2019) as decimal years: the span the fold changes refer to."""
    d = priced(CLAIM_END)
    return float(d["year"].iloc[0]), float(decimal_year([CLAIM_END])[0])


@cache.memo(maxsize=1)
def headline_record_fold() -> tuple[Interval, int]:
    """Cheapest-so-far at the end of 2017 / cheapest-so-far at the end of 2019, bootstrap CI."""
    d = priced(CLAIM_END)
    start, end = (float(v) for v in decimal_year(["2017-12-31", CLAIM_END]))
    return record_fold_bootstrap(d["year"].to_numpy(), d["cost"].to_numpy(), start, end)


def year_on_year_records(end: str = CLAIM_END) -> pd.DataFrame:
    """The cheapest-so-far cost at the end of each calendar year up to ``end`` and its fold
    decrease from the year before: where in the period the decline happened."""
    d = priced(end)
    rows = []
    for year in range(int(d["date"].dt.year.min()), pd.Timestamp(end).year + 1):
        upto = d[d["date"] <= pd.Timestamp(f"{year}-12-31")]
        best = upto.loc[upto["cost"].idxmin()]
        rows.append({"year": year, "cheapest_so_far": float(best["cost"]),
                     "entry": best["run_id"].split(":", 1)[1], "entry_date": best["date"]})
    out = pd.DataFrame(rows)
    out["fold_decrease"] = out["cheapest_so_far"].shift(1) / out["cheapest_so_far"]
    return out


PRIMARY_START, PRIMARY_END = "2017 reference, published price", "cheapest entry up to end of 2019"


@assesses("resnet50-100x", "training-cost-10x-per-year")
def assess_resnet() -> dict[str, Estimate]:
    """Primary readings (register): the cheapest DAWNBench cost in 2017 (the reference entry at
    its published price) over the cheapest cost available by the end of 2019, both as DAWNBench
    published them: an exact ratio of two published figures (no sampling variation). The rate is
    that fold change spread over the claim's two year-steps. Every other endpoint choice, the
    year-on-year steps and the fits are alternatives."""
    sc = endpoint_scenarios()
    primary = sc[(sc["start"] == PRIMARY_START) & (sc["end"] == PRIMARY_END)].iloc[0]
    fold = float(primary["fold_decrease"])
    alt_fold = tuple(
        (f"{r.start} -> {r.end}", Estimate.exact(r.fold_decrease))
        for r in sc.itertuples() if not (r.start == PRIMARY_START and r.end == PRIMARY_END))
    steps = 2.0  # 2017 -> 2019: two calendar-year steps, as the claim's own figures imply
    yoy = year_on_year_records(CLAIM_END).dropna(subset=["fold_decrease"])
    alt_rate = tuple((f"record change in {int(r.year)} alone", Estimate.exact(r.fold_decrease))
                     for r in yoy.itertuples())
    alt_rate += (
        ("log-linear fit to all priced entries 2017-2019", Estimate.from_interval(
            typical_trend(CLAIM_END, bootstrap=True).annual_decline_factor(),
            kind="95% bootstrap CI")),
        ("log-linear fit to the record entries 2017-2019", Estimate.from_interval(
            frontier_trend(CLAIM_END, bootstrap=True).annual_decline_factor(),
            kind="95% bootstrap CI")),
    )
    return {
        "resnet50-100x": Estimate.exact(
            fold, f"cheapest 2017 entry (published price) / cheapest entry by end-2019, "
                  f"{primary['start_model']} vs {primary['end_entry']}; DAWNBench's own figures",
            alternatives=alt_fold),
        "training-cost-10x-per-year": Estimate.exact(
            fold ** (1 / steps), "the 2017 -> 2019 record fold decrease per year "
                                 "(two year-steps); the whole fall came in 2018",
            alternatives=alt_rate),
    }
