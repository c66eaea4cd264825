"""GPT-3-level language models: what it cost to train one, and how fast that cost fell.

ARK Invest (Big Ideas 2023): the cost to train a language model to GPT-3-level performance fell
from $4.6M (2020) to $450K (2022), "a decline of 70% per year" (claim ``gpt3-level-70pct``).

The series the claim implies is built here:

- **GPT-3 level** = MMLU 5-shot at or above the score of GPT-3 175B's own row in
  ``llm_gpt3_level`` (:func:`mmlu_threshold`); the table's ``meets_gpt3_mmlu`` column is not used.
- **Cost at release** = training FLOP / (dense peak FLOP/s x MFU) x the on-demand price per
  accelerator-hour of the **best-value accelerator at release** (:func:`best_value_at`): among
  the *training-class* accelerators (those on which at least one model of ``llm_gpt3_level`` was
  trained), the one with the lowest median on-demand price per peak FLOP among the on-demand
  prices dated in the 365 days up to the release and none after it (``cloud_prices``; rows whose
  ``price_kind`` is ``assumption`` are not prices and are not used). :func:`best_value_by_year`
  is the same choice per calendar year, a price index only (it prices no run). Central value: median price
  at 40% MFU; range: low price at 50% MFU to median price at 30% MFU. Conversions go through
  :func:`aicost.costs.cost_from_flop`.
- The **record frontier** (cheapest GPT-3-level cost so far) is fitted with
  :func:`aicost.trends.bootstrap_trend` (records re-selected in each resample) and OLS.
- The **decomposition**: on the frontier, ``log10 cost = log10 FLOP + log10(price / peak) +
  const``, so the cost slope is exactly the compute slope plus the hardware price-per-FLOP slope;
  :func:`frontier_component_slopes` bootstraps all three on the same resamples.

``models(...)`` never drops a row: every model carries a ``status`` (``used`` or the reason it is
excluded), so a notebook can print counts per reason.

General helper that could be promoted to :mod:`aicost.trends`: :func:`frontier_component_slopes`
(bootstrap of additive components of a log-linear frontier fit, on the same resamples).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from aicost import cache
from aicost.claims import Estimate
from aicost.costs import (
    accelerator_hours_from_flop,
    cost_from_flop,
    cost_from_hours,
    price_ranges,
    price_window,
)
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
    records_trend,
)

CLAIM = "gpt3-level-70pct"
THRESHOLD_MODEL = "GPT-3 175B (davinci)"
MFU_LOW, MFU_CENTRAL, MFU_HIGH = 0.30, 0.40, 0.50
PRICE_KINDS = ("list price", "published by benchmark entry")  # 'assumption' rows are not prices
CATEGORIES = ("base", "instruction-tuned", "distilled")
HEADLINE = {"categories": ("base",), "qualities": ("primary", "secondary"), "compute": "table"}
SECONDS_PER_HOUR = 3600.0


# -- data ------------------------------------------------------------------------------------
@cache.memo(maxsize=16)
def _table(name: str) -> pd.DataFrame:
    return load(name)


def model_category(model_type: str | None) -> str:
    """``base``, ``instruction-tuned`` or ``distilled`` from the free-text ``model_type``.

    Anything mentioning distillation is ``distilled``; a type that starts with ``base`` and has no
    separate SFT stage is ``base`` (whatever the pretraining mix); everything else (instruction
    tuning, SFT) is ``instruction-tuned``.
    """
    t = (model_type or "").lower()
    if "distill" in t:
        return "distilled"
    if t.startswith("base") and "sft" not in t:
        return "base"
    return "instruction-tuned"


def mmlu_threshold(table: pd.DataFrame | None = None) -> float:
    """GPT-3 175B's own MMLU 5-shot score, read from its row of ``llm_gpt3_level``."""
    t = _table("llm_gpt3_level") if table is None else table
    row = t[t["model"] == THRESHOLD_MODEL]
    if len(row) != 1 or int(row["mmlu_shots"].iloc[0]) != 5:
        raise LookupError(f"need exactly one 5-shot row for {THRESHOLD_MODEL}")
    return float(row["mmlu_5shot_pct"].iloc[0])


def training_class(table: pd.DataFrame | None = None) -> list[str]:
    """Accelerators on which at least one model of ``llm_gpt3_level`` was trained (sorted)."""
    t = _table("llm_gpt3_level") if table is None else table
    return sorted(t["accelerator"].dropna().unique().tolist())


# -- hardware price per FLOP -------------------------------------------------------------------
def price_per_flop_table(prices: pd.DataFrame, accelerators: pd.DataFrame,
                         candidates: list[str], kinds: tuple[str, ...] = PRICE_KINDS
                         ) -> pd.DataFrame:
    """One row per (year, candidate accelerator) with on-demand prices in that calendar year:
    count, low and median price per accelerator-hour, dense peak, and median USD per exaFLOP at
    peak (``price / (peak x 3600) x 1e18``). Candidates without a dense peak are left out."""
    sel = prices[prices["accelerator"].isin(candidates)
                 & prices["price_per_accelerator_hour_usd"].notna()
                 & prices["price_kind"].isin(kinds)]
    years, acc, price, names, peaks = _price_arrays(sel, accelerators)
    g = _per_flop_groups(years, acc, price, peaks)
    return pd.DataFrame({"year": g["year"],
                         "accelerator": pd.array(names[g["acc"]], dtype=sel["accelerator"].dtype),
                         "n": g["n"],
                         "price_low": g["low"], "price_median": g["median"],
                         "peak_flops": peaks[g["acc"]], "usd_per_eflop_at_peak": g["usd"]})


def _price_arrays(prices: pd.DataFrame, accelerators: pd.DataFrame) -> tuple[np.ndarray, ...]:
    """Prices as arrays: each price's calendar year, accelerator (its place in ``names``, which
    are sorted) and USD per accelerator-hour; the names; each name's dense peak (NaN where
    ``accelerators`` has none)."""
    names, acc = np.unique(prices["accelerator"].to_numpy(dtype=object).astype(str),
                           return_inverse=True)
    peaks = accelerators.set_index("accelerator")["tensor_fp16_bf16_flops"]
    peak = pd.Series(names, dtype=object).map(peaks).astype(float).to_numpy()
    return (prices["date"].dt.year.to_numpy(dtype=np.int64), acc.astype(np.int64),
            prices["price_per_accelerator_hour_usd"].to_numpy(dtype=float),
            names.astype(object), peak)


def _per_flop_groups(years: np.ndarray, acc: np.ndarray, price: np.ndarray,
                     peaks: np.ndarray) -> dict[str, np.ndarray]:
    """The one computation behind :func:`price_per_flop_table` and :func:`best_value_at`: each
    (calendar year, accelerator) of the prices whose accelerator has a dense peak, with its count,
    lowest and median price (the middle one, or the mean of the two middle ones) and median USD
    per exaFLOP at peak, in the table's order (year, USD per FLOP, name; names are numbered in
    sorted order)."""
    ok = np.isfinite(peaks[acc]) & (peaks[acc] > 0)
    years, acc, price = years[ok], acc[ok], price[ok]
    if len(price) == 0:
        empty = np.array([], dtype=np.int64)
        return {"year": empty, "acc": empty, "n": empty, "low": np.array([]),
                "median": np.array([]), "usd": np.array([])}
    order = np.lexsort((price, acc, years))
    years, acc, price = years[order], acc[order], price[order]
    starts = np.flatnonzero(np.r_[True, (years[1:] != years[:-1]) | (acc[1:] != acc[:-1])])
    n = np.diff(np.r_[starts, len(price)])
    mid_lo, mid_hi = starts + (n - 1) // 2, starts + n // 2
    median = np.where(n % 2 == 1, price[mid_hi], (price[mid_lo] + price[mid_hi]) / 2)
    g_year, g_acc = years[starts], acc[starts]
    usd = median / (peaks[g_acc] * SECONDS_PER_HOUR) * 1e18
    table = np.lexsort((g_acc, usd, g_year))
    return {"year": g_year[table], "acc": g_acc[table], "n": n[table],
            "low": price[starts][table], "median": median[table], "usd": usd[table]}


def best_value_by_year(prices: pd.DataFrame | None = None,
                       accelerators: pd.DataFrame | None = None,
                       candidates: list[str] | None = None) -> pd.DataFrame:
    """The best-value accelerator of each year: lowest median on-demand USD per peak FLOP among
    the candidates priced in that calendar year (utilisation is the same for all candidates, so
    it does not change the choice). Columns as :func:`price_per_flop_table`, one row per year."""
    p = _table("cloud_prices") if prices is None else prices
    a = _table("accelerators") if accelerators is None else accelerators
    c = training_class() if candidates is None else candidates
    table = price_per_flop_table(p, a, c)
    return table.groupby("year", as_index=False).first().reset_index(drop=True)


def best_value_at(date, prices: pd.DataFrame | None = None,
                  accelerators: pd.DataFrame | None = None,
                  candidates: list[str] | None = None, window_days: int = 365) -> pd.Series | None:
    """The best-value accelerator for a run on ``date``: lowest median on-demand USD per peak
    FLOP among the candidates with prices dated in the ``window_days`` up to ``date`` and none
    after it (no look-ahead). Same columns as :func:`price_per_flop_table`; None if no price."""
    if prices is None and accelerators is None and candidates is None:
        return _best_value_at(pd.Timestamp(date), window_days)
    return _best_value_from(date, prices, accelerators, candidates, window_days)


@cache.memo(maxsize=256)
def _best_value_at(date: pd.Timestamp, window_days: int) -> pd.Series | None:
    """:func:`_best_value_from` on the default tables, with the arrays of the candidate prices
    taken once (:func:`_candidate_arrays`) instead of a table per date: the same row, to the bit
    (tests/test_llm.py compares the two on every model's date)."""
    dates, years, acc, price, names, peaks = _candidate_arrays()
    lo, hi = price_window(date, window_days, not_after=date)
    inside = (dates >= lo.to_datetime64()) & (dates <= hi.to_datetime64())
    g = _per_flop_groups(years[inside], acc[inside], price[inside], peaks)
    if len(g["usd"]) == 0:
        return None
    # the cheapest, as _best_value_from sorts the table: by USD per FLOP, then name, then the
    # table's own order; the row keeps its label, its place in the table
    best = int(np.lexsort((np.arange(len(g["usd"])), g["acc"], g["usd"]))[0])
    return pd.Series([g["year"][best], str(names[g["acc"][best]]), g["n"][best],
                      g["low"][best], g["median"][best], peaks[g["acc"][best]], g["usd"][best]],
                     index=["year", "accelerator", "n", "price_low", "price_median",
                            "peak_flops", "usd_per_eflop_at_peak"], dtype=object, name=best)


@cache.memo(maxsize=1)
def _candidate_prices() -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """What :func:`best_value_at` reads by default, taken once per state of the dataset: the
    rows of ``cloud_prices`` that :func:`price_per_flop_table` keeps (training-class candidates,
    priced, on-demand kinds), in their order, with the columns it reads; ``accelerators``; the
    candidates. The choice for a date is the same as from the whole tables."""
    c = training_class()
    p = _table("cloud_prices")
    p = p[p["accelerator"].isin(c) & p["price_per_accelerator_hour_usd"].notna()
          & p["price_kind"].isin(PRICE_KINDS)]
    return (p[["date", "accelerator", "price_kind", "price_per_accelerator_hour_usd"]],
            _table("accelerators"), c)


@cache.memo(maxsize=1)
def _candidate_arrays() -> tuple[np.ndarray, ...]:
    """:func:`_candidate_prices` as arrays: each price's date, then :func:`_price_arrays`."""
    p, a, _ = _candidate_prices()
    return (p["date"].to_numpy(dtype="datetime64[ns]"), *_price_arrays(p, a))


def _best_value_from(date, prices, accelerators, candidates, window_days) -> pd.Series | None:
    p = _table("cloud_prices") if prices is None else prices
    lo, hi = price_window(date, window_days, not_after=date)
    p = p[(p["date"] >= lo) & (p["date"] <= hi)]
    if p.empty:
        return None
    a = _table("accelerators") if accelerators is None else accelerators
    c = training_class() if candidates is None else candidates
    table = price_per_flop_table(p, a, c)
    if table.empty:
        return None
    return table.sort_values(["usd_per_eflop_at_peak", "accelerator"]).iloc[0]


def price_coverage(candidates: list[str] | None = None) -> pd.DataFrame:
    """Number of usable on-demand prices per training-class accelerator and year (0 = gap), plus
    the number of 'assumption' rows that are not used."""
    p = _table("cloud_prices")
    c = training_class() if candidates is None else candidates
    sel = p[p["accelerator"].isin(c) & p["price_per_accelerator_hour_usd"].notna()].copy()
    sel["year"] = sel["date"].dt.year.astype(int)
    sel["usable"] = sel["price_kind"].isin(PRICE_KINDS)
    years = range(int(sel["year"].min()), int(sel["year"].max()) + 1)
    rows = []
    for acc in c:
        row = {"accelerator": acc}
        for y in years:
            s = sel[(sel["accelerator"] == acc) & (sel["year"] == y)]
            n, na = int(s["usable"].sum()), int((~s["usable"]).sum())
            row[str(y)] = f"{n}" + (f" (+{na} not on-demand)" if na else "")
        rows.append(row)
    return pd.DataFrame(rows)


# -- model costs -------------------------------------------------------------------------------
def _flop(row, compute: str) -> float:
    if compute == "table":
        return float(row["training_compute_flop"])
    if compute == "6ND":
        n, d = row["parameters"], row["training_tokens"]
        return 6.0 * float(n) * float(d) if pd.notna(n) and pd.notna(d) else math.nan
    if compute == "reported":
        ok = row["compute_method"] == "reported"
        return float(row["training_compute_flop"]) if ok else math.nan
    raise ValueError(f"compute must be 'table', '6ND' or 'reported', got {compute!r}")


def mfu_for(year: np.ndarray, mfu_start: float, mfu_end: float, start: float, end: float
            ) -> np.ndarray:
    """Utilisation per (decimal) year: ``mfu_start`` at ``start`` moving linearly to ``mfu_end``
    at ``end`` (constant outside), so a constant MFU is ``mfu_start == mfu_end``."""
    y = np.clip(np.asarray(year, dtype=float), start, end)
    frac = (y - start) / (end - start) if end > start else np.zeros_like(y)
    return mfu_start + (mfu_end - mfu_start) * frac


def models(categories: tuple[str, ...] = HEADLINE["categories"],
           qualities: tuple[str, ...] = HEADLINE["qualities"],
           compute: str = HEADLINE["compute"], price: str = "median",
           mfu_start: float = MFU_CENTRAL, mfu_end: float = MFU_CENTRAL) -> pd.DataFrame:
    """Every row of ``llm_gpt3_level`` with a ``status``: ``used`` or why it is excluded.

    Used rows carry the best-value accelerator at release (prices dated up to it), its prices,
    and the cost at release: ``cost`` (``price`` = median or low, MFU from ``mfu_start`` in 2020
    to ``mfu_end``
    at the latest model), ``cost_low`` (low price, 50% MFU), ``cost_high`` (median price, 30%
    MFU); where chip-hours and the actual accelerator are known, ``cost_chip_hours`` = chip-hours
    x the median on-demand price of that accelerator dated in the year up to release.
    """
    if price not in ("median", "low"):
        raise ValueError("price must be 'median' or 'low'")
    t = _table("llm_gpt3_level").copy()
    threshold = mmlu_threshold(t)
    prices = _table("cloud_prices")
    best_at = {d: best_value_at(d) for d in sorted(set(t["date"].dropna()))}
    t["category"] = [model_category(m) for m in t["model_type"]]
    t["x"] = decimal_year(t["date"])
    t["year"] = t["date"].dt.year.astype(int)
    t["flop"] = [_flop(r, compute) for _, r in t.iterrows()]

    status = []
    for _, r in t.iterrows():
        if pd.isna(r["mmlu_5shot_pct"]):
            s = "no MMLU score"
        elif int(r["mmlu_shots"]) != 5:
            s = "MMLU not 5-shot"
        elif float(r["mmlu_5shot_pct"]) < threshold:
            s = "below GPT-3 MMLU"
        elif r["sourcing_quality"] not in qualities:
            s = f"sourcing {r['sourcing_quality']}"
        elif r["category"] not in categories:
            s = f"{r['category']} (not in this variant)"
        elif not (np.isfinite(r["flop"]) and r["flop"] > 0):
            s = "no training compute" if compute == "table" else f"no {compute} compute"
        elif best_at.get(r["date"]) is None:
            s = "no accelerator price in the year up to release"
        else:
            s = "used"
        status.append(s)
    t["status"] = status

    ok = t["status"] == "used"
    u = t[ok]
    b = pd.DataFrame([best_at[d] for d in u["date"]], index=u.index)
    t.loc[ok, "best_accelerator"] = b["accelerator"].to_numpy()
    for col in ("peak_flops", "price_low", "price_median"):
        t.loc[ok, col] = b[col].to_numpy()
    if ok.any():
        x_end = float(t.loc[ok, "x"].max())
        mfu = mfu_for(u["x"].to_numpy(), mfu_start, mfu_end, float(u["x"].min()), x_end)
        flop, peak = u["flop"].to_numpy(), b["peak_flops"].to_numpy()
        p = b["price_median" if price == "median" else "price_low"].to_numpy()
        t.loc[ok, "mfu"] = mfu
        t.loc[ok, "cost"] = cost_from_flop(flop, peak, mfu, p)
        t.loc[ok, "cost_low"] = cost_from_flop(flop, peak, MFU_HIGH, b["price_low"].to_numpy())
        t.loc[ok, "cost_high"] = cost_from_flop(flop, peak, MFU_LOW,
                                                  b["price_median"].to_numpy())
    t["cost_chip_hours"] = np.nan
    known = t[ok & t["chip_hours"].notna() & t["accelerator"].notna()]
    dates = list(known["date"])
    found = price_ranges(prices, list(known["accelerator"]), dates, 365, kinds=PRICE_KINDS,
                         not_after=dates)
    for i, hours, pr in zip(known.index, known["chip_hours"], found.itertuples(), strict=True):
        if pr.n > 0:
            t.loc[i, "cost_chip_hours"] = cost_from_hours(float(hours), 1, float(pr.median))
    return t


def used(frame: pd.DataFrame) -> pd.DataFrame:
    """The used rows, in date order, with a ``record`` column (cheapest cost so far)."""
    u = frame[frame["status"] == "used"].sort_values(["x", "cost"]).reset_index(drop=True)
    u["record"] = frontier(u["x"].to_numpy(), u["cost"].to_numpy(), "min")
    return u


def selection_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts of models per status (used first, then reasons alphabetically)."""
    c = frame["status"].value_counts()
    order = (["used"] if "used" in c.index else []) + sorted(s for s in c.index if s != "used")
    return pd.DataFrame({"status": order, "models": [int(c[s]) for s in order]})


# -- trends ------------------------------------------------------------------------------------
def cost_trends(frame: pd.DataFrame, start: float | None = None, end: float | None = None,
                column: str = "cost") -> dict[str, Trend | None]:
    """Fits of ``column`` over the used models within ``[start, end]`` (decimal years):
    ``bootstrap`` (frontier re-selected in each resample), ``ols_frontier`` and ``ols_all``
    (every used model); a fit with too few points is ``None``. Rows without a value of
    ``column`` are left out of that fit."""
    u = used(frame)
    lo = -np.inf if start is None else start
    hi = np.inf if end is None else end
    u = u[(u["x"] >= lo) & (u["x"] <= hi) & u[column].notna()]
    x, y = u["x"].to_numpy(), u[column].to_numpy(dtype=float)
    mask = frontier(x, y, "min")
    out: dict[str, Trend | None] = {"bootstrap": None, "ols_frontier": None, "ols_all": None}
    if mask.sum() >= 3:
        out["bootstrap"] = bootstrap_trend(x, y, frontier_kind="min")
        out["ols_frontier"] = fit_trend(x[mask], y[mask])
    if len(x) >= 3:
        out["ols_all"] = fit_trend(x, y)
    return out


def yearly_minimum(frame: pd.DataFrame, column: str = "cost") -> pd.DataFrame:
    """The cheapest used model released in each calendar year (dated mid-year), so that years
    without a new record still count."""
    u = used(frame)
    u = u[u[column].notna()]
    idx = u.groupby("year")[column].idxmin()
    out = u.loc[idx, ["year", "model", column]].reset_index(drop=True)
    out["x"] = out["year"].astype(float) + 0.5
    return out


def period_table(frame: pd.DataFrame, periods: list[tuple[str, float, float]]
                 ) -> pd.DataFrame:
    """Percent decline per year within each ``(label, start, end)`` window: frontier bootstrap
    (when the window has at least three records) and OLS on every used model."""
    rows = []
    for label, start, end in periods:
        tr = cost_trends(frame, start, end)
        u = used(frame)
        u = u[(u["x"] >= start) & (u["x"] <= end)]
        rec = int(frontier(u["x"].to_numpy(), u["cost"].to_numpy(), "min").sum())
        for method, key in (("frontier, bootstrap", "bootstrap"), ("all models, OLS", "ols_all")):
            t = tr[key]
            d = percent_decline(t) if t is not None else Interval(math.nan, math.nan, math.nan)
            rows.append({"period": label, "fit": method, "models": len(u), "records": rec,
                         "decline_pct_per_yr": d.value, "ci_low": d.low, "ci_high": d.high,
                         "note": "" if t is not None else "too few points to fit"})
    return pd.DataFrame(rows)


def sensitivity() -> pd.DataFrame:
    """The headline decline re-estimated under each alternative choice (one row each)."""
    h = dict(HEADLINE)
    allc = CATEGORIES
    variants = [
        ("headline: base, well-sourced, table compute, median price, 40% MFU", {}),
        ("incl. instruction-tuned and distilled (teacher compute not counted)",
         {"categories": allc}),
        ("primary-sourced rows only (base)", {"qualities": ("primary",)}),
        ("primary-sourced rows only, all model types",
         {"categories": allc, "qualities": ("primary",)}),
        ("compute = 6ND for every model", {"compute": "6ND"}),
        ("compute = developer-reported only", {"compute": "reported"}),
        ("low on-demand price instead of median", {"price": "low"}),
        ("MFU 30% throughout", {"mfu_start": MFU_LOW, "mfu_end": MFU_LOW}),
        ("MFU 50% throughout", {"mfu_start": MFU_HIGH, "mfu_end": MFU_HIGH}),
        ("MFU rising 30% to 50% (first to latest model)",
         {"mfu_start": MFU_LOW, "mfu_end": MFU_HIGH}),
        ("MFU falling 50% to 30% (first to latest model)",
         {"mfu_start": MFU_HIGH, "mfu_end": MFU_LOW}),
    ]
    rows = []
    for label, kw in variants:
        frame = models(**{**h, **kw})
        t = cost_trends(frame)["bootstrap"]
        rows.append(_row(label, frame, t, "frontier, bootstrap"))
    frame = models()
    t = cost_trends(frame, column="cost_chip_hours")["bootstrap"]
    n = int(used(frame)["cost_chip_hours"].notna().sum())
    rows.append(_row("actual chip-hours x price of the actual accelerator", frame, t,
                     "frontier, bootstrap", n))
    rows.append(_row("every used model, not just records", frame,
                     cost_trends(frame)["ols_all"], "all models, OLS"))
    ym = yearly_minimum(frame)
    rows.append(_row("cheapest model of each calendar year", frame,
                     fit_trend(ym["x"].to_numpy(), ym["cost"].to_numpy()),
                     "yearly minimum, OLS", len(ym)))
    return pd.DataFrame(rows)


def _row(label: str, frame: pd.DataFrame, t: Trend | None, method: str,
         n: int | None = None) -> dict:
    d = percent_decline(t) if t is not None else Interval(math.nan, math.nan, math.nan)
    return {"variant": label, "fit": method,
            "models": int((frame["status"] == "used").sum()) if n is None else n,
            "points_fitted": t.n if t is not None else 0,
            "decline_pct_per_yr": d.value, "ci_low": d.low, "ci_high": d.high}


def percent_decline(trend: Trend) -> Interval:
    """Percent decrease per year (positive = falling), ``100 (1 - 10**b)``, with its interval."""
    return pct(trend.slope)


def frontier_component_slopes(x, total, parts: dict[str, np.ndarray], *,
                              n_boot: int = DEFAULT_BOOT, seed: int = DEFAULT_SEED,
                              alpha: float = 0.05) -> dict[str, Interval]:
    """Log-linear slopes (log10 per year) of ``total`` and of its multiplicative ``parts`` on the
    record frontier of ``total`` (cheapest so far), with percentile bootstrap intervals.

    ``total`` must equal the product of the parts times a constant, so on every resample the
    slopes add up exactly. Resampling follows :func:`aicost.trends.bootstrap_trend` (same seed,
    same order, frontier re-selected in each resample), so the total's interval is the one that
    function gives. Point values are OLS on the frontier of the full data.
    """
    x = np.asarray(x, dtype=float)
    ly = np.log10(np.asarray(total, dtype=float))
    lp = {k: np.log10(np.asarray(v, dtype=float)) for k, v in parts.items()}
    order = np.lexsort((ly, x))
    x, ly = x[order], ly[order]
    lp = {k: v[order] for k, v in lp.items()}
    n = len(x)
    rng = np.random.default_rng(seed)
    idx = np.sort(rng.integers(0, n, size=(n_boot, n)), axis=1)
    X, Y = x[idx], ly[idx]
    best = np.minimum.accumulate(Y, axis=1)
    W = np.concatenate([np.ones((n_boot, 1)), (Y[:, 1:] < best[:, :-1])], axis=1)
    sw = W.sum(axis=1)
    xm = (W * X).sum(axis=1) / sw
    sxx = (W * (X - xm[:, None]) ** 2).sum(axis=1)
    ok = (sw >= 3) & (sxx > 1e-12)
    mask = frontier(x, 10.0**ly, "min")
    q = [100 * alpha / 2, 100 * (1 - alpha / 2)]
    out = {}
    for name, v in [("total", ly), *lp.items()]:
        V = v[idx]
        vm = (W * V).sum(axis=1) / sw
        s = ((W * (X - xm[:, None]) * (V - vm[:, None])).sum(axis=1) / np.where(ok, sxx, 1.0))[ok]
        b = float(np.polyfit(x[mask], v[mask], 1)[0])
        lo, hi = np.percentile(s, q)
        out[name] = Interval(b, float(lo), float(hi), 1 - alpha)
    return out


def decomposition(frame: pd.DataFrame) -> dict[str, Interval]:
    """Slopes (log10/yr) of cost, training FLOP and hardware cost per FLOP (price / (peak x
    MFU)) on the cost frontier of the used models, with bootstrap intervals."""
    u = used(frame)
    hw = u["price_median"] / (u["peak_flops"] * u["mfu"])
    scale = u["cost"] / (u["flop"] * hw)
    if not np.allclose(scale, scale.iloc[0]):
        raise ValueError("cost is not FLOP x hardware cost per FLOP here (use median prices)")
    return frontier_component_slopes(
        u["x"].to_numpy(), u["cost"].to_numpy(),
        {"compute": u["flop"].to_numpy(), "hardware": hw.to_numpy()})


def hardware_trend(start_year: int = 2020) -> Trend:
    """OLS trend of the best-value accelerator's median USD per peak FLOP, one point per year
    from ``start_year`` (dated mid-year): the hardware price decline measured from prices alone."""
    b = best_value_by_year()
    b = b[b["year"] >= start_year]
    return fit_trend(b["year"].to_numpy(dtype=float) + 0.5, b["usd_per_eflop_at_peak"].to_numpy())


def compute_trend(frame: pd.DataFrame) -> Trend:
    """Bootstrap trend of the smallest training compute that reached GPT-3-level MMLU so far
    (record frontier of FLOP): the compute-needed decline measured from compute alone."""
    u = used(frame)
    return bootstrap_trend(u["x"].to_numpy(), u["flop"].to_numpy(), frontier_kind="min")


def pct(slope: Interval) -> Interval:
    """A log10 slope as percent decrease per year."""
    return slope.map(lambda b: 100.0 * (1.0 - 10.0**b))


# -- ARK's two points --------------------------------------------------------------------------
def ark_points() -> pd.DataFrame:
    return _table("ark_points").sort_values("point").reset_index(drop=True)


def two_point_decline(cost_start: float, cost_end: float, years: float) -> float:
    """Percent decrease per year implied by two costs ``years`` apart."""
    if years <= 0:
        raise ValueError("the end must come after the start")
    return 100.0 * (1.0 - (cost_end / cost_start) ** (1.0 / years))


def ark_implied() -> dict[str, float]:
    """The decline ARK's two points imply: over the two calendar years ARK names, and over the
    dates of the underlying estimates (GPT-3 paper release to MosaicML's post)."""
    a = ark_points()
    c0, c1 = float(a["claimed_cost_usd"].iloc[0]), float(a["claimed_cost_usd"].iloc[1])
    y0, y1 = int(a["point"].iloc[0]), int(a["point"].iloc[1])
    t = _table("llm_gpt3_level")
    d0 = t.loc[t["model"] == THRESHOLD_MODEL, "date"].iloc[0]
    d1 = a["estimate_date"].iloc[1]
    years = float(decimal_year([d1])[0] - decimal_year([d0])[0])
    return {"cost_2020": c0, "cost_2022": c1, "fold": c0 / c1,
            "by_year_labels": two_point_decline(c0, c1, y1 - y0),
            "by_dates": two_point_decline(c0, c1, years), "years_by_dates": years}


def ark_2020_check() -> pd.DataFrame:
    """GPT-3 (ARK's 2020 point) on its own hardware at 2020 on-demand prices: cost at 30/40/50%
    MFU for the low and median price, and the price per accelerator-hour that $4.6M implies at
    each MFU."""
    a = ark_points().iloc[0]
    acc = a["accelerator"]
    peak = float(_table("accelerators").set_index("accelerator").loc[acc,
                                                                    "tensor_fp16_bf16_flops"])
    pr = price_per_flop_table(_table("cloud_prices"), _table("accelerators"), [acc])
    pr = pr[pr["year"] == int(a["point"])].iloc[0]
    flop = float(a["training_compute_flop"])
    rows = []
    for mfu in (MFU_LOW, MFU_CENTRAL, MFU_HIGH):
        hours = accelerator_hours_from_flop(flop, peak, mfu)
        rows.append({"accelerator": acc, "mfu": mfu, "accelerator_hours": hours,
                     "cost_low_price": cost_from_flop(flop, peak, mfu, pr["price_low"]),
                     "cost_median_price": cost_from_flop(flop, peak, mfu, pr["price_median"]),
                     "price_implied_by_ark": float(a["claimed_cost_usd"]) / hours})
    return pd.DataFrame(rows)


def ark_2022_check() -> pd.DataFrame:
    """What $450K (ARK's 2022 point) buys on each training-class accelerator priced in 2022:
    training FLOP from the dearest case (median price, 30% MFU) to the cheapest (low price, 50%
    MFU), ``usd / price x peak x MFU x 3600``."""
    a = ark_points().iloc[1]
    year = int(a["point"])
    usd = float(a["claimed_cost_usd"])
    t = price_per_flop_table(_table("cloud_prices"), _table("accelerators"), training_class())
    t = t[t["year"] == year]
    rows = []
    for _, b in t.iterrows():
        hours_hi = usd / b["price_low"]
        hours_lo = usd / b["price_median"]
        rows.append({"accelerator": b["accelerator"], "prices": int(b["n"]),
                     "price_low": b["price_low"], "price_median": b["price_median"],
                     "flop_low": hours_lo * b["peak_flops"] * MFU_LOW * SECONDS_PER_HOUR,
                     "flop_high": hours_hi * b["peak_flops"] * MFU_HIGH * SECONDS_PER_HOUR})
    return pd.DataFrame(rows)


def frontier_at(frame: pd.DataFrame, when: float) -> float:
    """The cheapest used-model cost released on or before decimal year ``when``."""
    u = used(frame)
    sel = u[u["x"] <= when]
    if sel.empty:
        raise LookupError(f"no used model on or before {when}")
    return float(sel["cost"].min())


# -- inference extension (not a seed claim) ----------------------------------------------------
def inference_prices() -> pd.DataFrame:
    """``llm_api_prices`` rows with a status: ``used`` = dated price of a non-reasoning model with
    MMLU at or above GPT-3's; otherwise the reason."""
    p = _table("llm_api_prices").copy()
    threshold = mmlu_threshold()
    status = []
    for _, r in p.iterrows():
        if pd.isna(r["mmlu_pct"]):
            s = "no MMLU score"
        elif not str(r["date_basis"]).startswith("dated"):
            s = "undated (current at snapshot / valid until)"
        elif bool(r["is_reasoning_model"]) if pd.notna(r["is_reasoning_model"]) else False:
            s = "reasoning model"
        elif float(r["mmlu_pct"]) < threshold:
            s = "below GPT-3 MMLU"
        elif pd.isna(r["price_blended_usd_per_mtok"]):
            s = "no blended price"
        else:
            s = "used"
        status.append(s)
    p["status"] = status
    p["x"] = decimal_year(p["date"])
    return p


def inference_trend() -> Trend:
    """Bootstrap trend of the cheapest blended price per million tokens at GPT-3-level MMLU."""
    u = inference_prices()
    u = u[u["status"] == "used"]
    return bootstrap_trend(u["x"].to_numpy(), u["price_blended_usd_per_mtok"].to_numpy(),
                           frontier_kind="min")


# -- the assessor ------------------------------------------------------------------------------
@cache.memo(maxsize=1)
def headline() -> tuple[Trend, pd.DataFrame]:
    """The headline fit (base models, well-sourced rows, table compute, median price, 40% MFU):
    OLS on the record lows from 2020 (:func:`aicost.trends.records_trend`; a handful of points,
    so not a bootstrap over entries, which mixes the 2020 and post-2022 regimes)."""
    frame = models()
    u = used(frame)
    return records_trend(u["x"].to_numpy(), u["cost"].to_numpy(), "min"), frame


CLAIM_START, CLAIM_END = "2020-12-31", "2022-12-31"  # ARK's two points: 2020 and 2022


def claim_window_decline(frame: pd.DataFrame | None = None, start: str = CLAIM_START,
                         end: str = CLAIM_END) -> dict:
    """The cheapest GPT-3-level cost at release by the end of ``start``'s year and by ``end``, and
    the average percent decline per year between them: ``100 x (1 - (end / start) ** (1 /
    years))``. The two costs are each model's own cost at release (prices dated up to release)."""
    frame = headline()[1] if frame is None else frame
    x0, x1 = (float(v) for v in decimal_year([start, end]))
    c0, c1 = frontier_at(frame, x0), frontier_at(frame, x1)
    years = round(x1 - x0)
    return {"cost_start": c0, "cost_end": c1, "years": years,
            "pct_per_year": two_point_decline(c0, c1, years)}


def ark_own_decline() -> float:
    """ARK's own two points multiplied out: percent decline per year from its 2020 cost to its
    2022 figure (the latter MosaicML's projection, not a trained model)."""
    a = ark_points().sort_values("point")
    c0, c1 = (float(v) for v in a["claimed_cost_usd"].iloc[:2])
    years = int(a["point"].iloc[1]) - int(a["point"].iloc[0])
    return two_point_decline(c0, c1, years)


@assesses(CLAIM)
def assess_gpt3_level() -> dict[str, Estimate]:
    """Primary reading: the claim's own window, 2020 to 2022 (ARK's two points): the cheapest
    GPT-3-level model released by the end of 2020 against the cheapest released by the end of
    2022, each costed at release with prices dated up to its release. Its interval is the
    measurement range of the prices themselves: each endpoint at the median or the lowest
    on-demand list price of its chip at the time (a two-point comparison has no sampling
    interval). The fit through the newest models, other MFU and compute readings and ARK's own
    arithmetic are alternatives."""
    trend, frame = headline()
    w = claim_window_decline(frame)
    low = claim_window_decline(models(price="low"))
    ends = [two_point_decline(a, b, w["years"]) for a in (w["cost_start"], low["cost_start"])
            for b in (w["cost_end"], low["cost_end"])]
    alts = [("OLS on the record lows, 2020 to the newest model",
             Estimate.from_interval(percent_decline(trend)))]
    for label, kwargs in (("MFU 30%", {"mfu_start": MFU_LOW, "mfu_end": MFU_LOW}),
                          ("MFU 50%", {"mfu_start": MFU_HIGH, "mfu_end": MFU_HIGH}),
                          ("compute as 6ND", {"compute": "6ND"})):
        try:
            alts.append((label, Estimate.exact(claim_window_decline(models(**kwargs))["pct_per_year"])))
        except LookupError:
            continue
    alts.append(("ARK's own figures multiplied out", Estimate.exact(ark_own_decline())))
    note = (f"cheapest GPT-3-level cost at release by end-2020 (USD {w['cost_start']:,.0f}) vs by "
            f"end-2022 (USD {w['cost_end']:,.0f}), per year over {w['years']} years; "
            + ("range: each end at the median or lowest list price of its chip" if max(ends) > min(ends)
               else "its chips had one list price each at the time, so the prices give no range"))
    return {CLAIM: Estimate(w["pct_per_year"], min(ends), max(ends), note,
                            interval="measurement range", alternatives=tuple(alts))}


def seventy_in_context() -> str:
    """One sentence: how ARK's 70% a year for 2020-2022 squares with the rate fitted from 2020 to
    the last new low and with the forecast that the decline would continue (all computed)."""
    from aicost.analyses import since
    from aicost.display import sig
    from aicost.trends import to_date

    trend, frame = headline()
    w = claim_window_decline(frame)
    fit = percent_decline(trend)
    cont = since.assess_continuation()[since.FORECAST]
    last = to_date(float(np.max(trend.x)))
    return (f"ARK's 70% a year for 2020-2022 is overstated because between its two dates the "
            f"cheapest GPT-3-level model got only {sig(w['pct_per_year'], 2)}% a year cheaper; the "
            f"fall came after 2022: fitted from 2020 to the last new low ({last:%b %Y}) the rate is "
            f"{sig(fit.value, 2)}% a year (95% CI {sig(fit.low, 2)} to {sig(fit.high, 2)}), and from "
            f"the end of 2022 to the newest data {sig(cont.value, 2)}% a year, so ARK's forecast "
            "that the decline would continue was met.")
