"""Plausibility rules shipped with the data: values that pass every type and range check but
cannot all be right (a unit slip, a digit too many, a row entered twice).

Each rule reads one table (and, where it needs them, the tables it refers to) and yields
findings, each an **error** or a **warning**:

- errors stop the loader: ``load(table)`` raises :class:`aicost.data.DataError` with the one
  message (file, row, column, value, rule), exactly like a type error, so no notebook, test or
  CLI run computes anything from such a table;
- warnings are printed, never silent: ``python -m aicost claims`` prints them on stderr, and
  :func:`aicost.data.plausibility_report` (for a notebook or a shell) prints them all. They
  mark values worth a second look that the shipped data can legitimately hold.

The rules (``RULES``; thresholds next to each):

=========================  =================  ==================================================
rule                       table              what
=========================  =================  ==================================================
price-outlier              cloud_prices       a price per accelerator-hour far from the median
                                              of that accelerator's other prices of the same kind
                                              in the same year (>= 5x warning, >= 10x error);
                                              with fewer than 2 such peers, of its prices of any
                                              kind within two years (5x / 10x); with fewer still,
                                              per peak FP32 FLOP/s against other accelerators'
                                              prices within a year (10x / 30x)
instance-price             cloud_prices       instance price != accelerators x price per
                                              accelerator (more than 2% off: error)
same-run-two-keys          imagenet_*_runs    two rows identical in every field but the key,
                                              source and notes (error)
accelerator-hours          imagenet_training  hours x accelerators far from the median of the
                           _runs              other runs of the same benchmark, model,
                                              accelerator and year (>= 8x warning, >= 20x error:
                                              minutes entered as hours, a count x10)
price-tag-utilisation      price_tag_inputs   FLOP / (chips x peak FLOP/s x hours) for a price tag
                                              whose system has Epoch's compute: outside
                                              [0.01, 1] error, outside [0.05, 0.75] warning
achieved-above-peak        price_tag_inputs   an achieved TFLOP/s per GPU above the GPU's peak
                                              (error)
price-tag-price            price_tag_inputs   a TPU price per device or core, per chip, below half
                                              the lowest or above twice the highest published
                                              cloud price of that TPU (error)
flop-vs-openai             ml_systems         Epoch's training compute and OpenAI's for the same
                                              system apart by >= 10x (warning) or >= 1000x (error)
transistor-trend           transistor_counts  a count off a local straight line (log) through the
                                              other counts of its dataset within three years
                                              (Rupp: 4x / 6x; Wikipedia: 8x / 30x)
transistor-envelope        transistor_counts  a count >= 3x the largest other chip within two
                                              years (error)
compute-vs-ml-systems      notable_models     training compute against ml_systems' for the same
                           _2026              system (>= 2x warning, >= 5x error)
frontier-cost-per-flop     notable_models     a frontier model's cost / compute against the other
                           _2026              frontier models within two years (5x / 10x)
band-order                 claims             band_low above band_high (error)
mlperf-hours               mlperf_training    accelerator_hours != count x minutes / 60 (error);
                           _runs              far from the same task, family and round (8x/20x)
efficiency-units           algorithmic_       compute in FLOP, PF/s-days and TF/s-days disagree
                           efficiency         (more than 1%: error)
price-index-step           price_index        a year-on-year change outside -20%..+25% (error)
compute-vs-6nd             llm_gpt3_level     compute outside 0.4x..2.5x of 6 x params x tokens
llm-price-shape            llm_api_prices,    output price outside 0.95x..9.5x the input price;
                           llm_api_price_     a computed blend != (3 x input + output) / 4
                           history            (error)
=========================  =================  ==================================================

A finding checked and found right as published is listed in ``data/plausibility_accepted.csv``
(table, the row's primary key, rule, reason, source): it is returned with level ``accepted`` and
its reason, never raised or printed as an alarm; an acceptance that matches no finding any more
is an error (``stale-acceptance``). This module imports nothing of the package but
:mod:`aicost.errors`: the loader calls it and hands it ``load`` (data flow one way).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from aicost.errors import DataError

ERROR, WARNING, ACCEPTED = "error", "warning", "accepted"
ACCEPTED_TABLE = "plausibility_accepted"


@dataclass(frozen=True)
class Finding:
    level: str        # "error", "warning" or "accepted"
    table: str
    row: int          # as the loader counts: header = row 1
    column: str
    value: object
    rule: str
    note: str
    key: str = ""     # the row's primary key (what data/plausibility_accepted.csv names)
    reason: str = ""  # for an accepted finding: the reason recorded in the data

    def message(self) -> str:
        accepted = f"; accepted: {self.reason}" if self.level == ACCEPTED else ""
        return (f"data/{self.table}.csv, row {self.row}, column {self.column!r}, value "
                f"{_shown(self.value)!r}: {self.note}{accepted} "
                f"[rule: plausibility {self.rule}, {self.level}]")


def _shown(value) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def _median_of_others(values: np.ndarray) -> np.ndarray:
    """For each value, the median of all the other values (vectorised: sort once; removing the
    k-th smallest shifts the middle of the rest by at most one place)."""
    n = len(values)
    order = np.argsort(values, kind="stable")
    s = values[order]
    k = np.arange(n)

    def rest(j):  # the j-th smallest of the others, for every removed position k
        j = np.broadcast_to(j, k.shape)
        return np.where(j < k, s[np.minimum(j, n - 1)], s[np.minimum(j + 1, n - 1)])

    m = (n - 1) // 2
    med = rest(m) if (n - 1) % 2 else (rest(m - 1) + rest(m)) / 2
    out = np.empty(n)
    out[order] = med
    return out


def _ratio_outliers(frame, value_col, group_cols, warn: float, error: float, min_others: int = 2):
    """(index, value, median of the others, count of others, factor, level) for each value at
    least ``warn`` times above or below the median of the other values of its group."""
    out = []
    frame = frame.dropna(subset=[value_col, *group_cols])
    frame = frame[frame[value_col] > 0]
    for _, group in frame.groupby(group_cols, sort=True):
        if len(group) < min_others + 1:
            continue
        logs = np.log10(group[value_col].to_numpy(dtype=float))
        others = _median_of_others(logs)
        factors = 10 ** np.abs(logs - others)
        for k in np.flatnonzero(factors >= warn):
            out.append((group.index[k], float(group[value_col].iloc[k]), 10 ** float(others[k]),
                        len(group) - 1, float(factors[k]),
                        ERROR if factors[k] >= error else WARNING))
    return out


# ------------------------------------------------------------------------------------------
# The rules: each takes (frame, load) and yields Findings. ``load`` is the validated loader.
# ------------------------------------------------------------------------------------------
def price_outlier(frame, load):
    """A price per accelerator-hour against its peers, the narrowest group with at least two
    other prices: (1) the same accelerator, price kind and year (warning at 5x, error at 10x);
    (2) the same accelerator, any kind, within two years (5x / 10x); (3) the price per peak
    FP32 FLOP/s against every other accelerator's within a year (a published bound: chips of
    one year rent within a few-fold per FP32 FLOP/s; warning at 10x, error at 30x)."""
    col = "price_per_accelerator_hour_usd"
    t = frame.assign(_year=frame["date"].dt.year)
    for idx, value, median, n, factor, level in _ratio_outliers(
            t, col, ["accelerator", "price_kind", "_year"], warn=5, error=10):
        side = "above" if value > median else "below"
        yield Finding(level, "cloud_prices", idx + 2, col, value, "price-outlier",
                      f"{factor:.3g}x {side} the median ({median:.3g}) of the {n} other "
                      f"{t.at[idx, 'accelerator']} {t.at[idx, 'price_kind']} prices of "
                      f"{t.at[idx, '_year']} (a unit or digit slip? warning at 5x, error at 10x)")
    sizes = t.groupby(["accelerator", "price_kind", "_year"])[col].transform("count")
    small = t[(sizes < 3) & t[col].notna()]
    accelerators = load("accelerators").set_index("accelerator")
    peaks = {a: _peak(accelerators, a, ("fp32_flops",)) for a in t["accelerator"].dropna().unique()}
    peak = t["accelerator"].map(peaks).astype(float)
    per_flop = t[col] / peak
    # the row's peers, found with numpy on the columns (the same comparisons as pandas' on the
    # Series, in row order, without building a frame per row)
    accs = t["accelerator"].to_numpy(dtype=object)
    dates = t["date"].to_numpy()
    prices = t[col].to_numpy(dtype=float)
    priced = t[col].notna().to_numpy()
    flops = per_flop.to_numpy(dtype=float)
    rows = np.arange(len(t))
    two_years, one_year = pd.Timedelta(days=731).to_numpy(), pd.Timedelta(days=366).to_numpy()
    for idx in small.index:  # a group too small for the first pass: never flagged twice
        i = t.index.get_loc(idx)
        acc, gap = accs[i], np.abs(dates - dates[i])
        near = prices[(accs == acc) & (rows != i) & priced & (gap <= two_years)]
        if len(near) >= 2:
            hit = _against_median(prices[i], near, warn=5, error=10)
            if hit:
                level, factor, side, median = hit
                yield Finding(level, "cloud_prices", idx + 2, col, float(prices[i]),
                              "price-outlier",
                              f"{factor:.3g}x {side} the median ({median:.3g}) of the "
                              f"{len(near)} other {acc} prices of any kind within "
                              "two years (fewer than 2 of its own kind and year to compare "
                              "with; a unit or digit slip? warning at 5x, error at 10x)")
            continue
        if not (flops[i] > 0):
            continue
        peers = flops[(accs != acc) & (flops > 0) & (gap <= one_year)]
        hit = _against_median(flops[i], peers, warn=10, error=30) if len(peers) >= 3 else None
        if hit:
            level, factor, side, _median = hit
            yield Finding(level, "cloud_prices", idx + 2, col, float(prices[i]), "price-outlier",
                          f"{acc} has fewer than 2 other prices within two years; "
                          f"per peak FP32 FLOP/s ({peak[idx]:.3g}) it is {factor:.3g}x {side} the "
                          f"median of the {len(peers)} prices of other accelerators within a "
                          "year (a unit or digit slip? warning at 10x, error at 30x)")


def _against_median(value: float, peers, *, warn: float, error: float):
    """(level, factor, side, median) when ``value`` is at least ``warn`` times from the median
    of ``peers`` (an error from ``error`` times), else None."""
    median = float(np.median(peers))
    factor, side = _fold(value, median)
    if factor < warn:
        return None
    return (ERROR if factor >= error else WARNING), factor, side, median


def _fold(value: float, median: float) -> tuple[float, str]:
    """How many times ``value`` is from ``median`` (at least 1), and on which side."""
    return max(value / median, median / value), ("above" if value > median else "below")


def instance_price(frame, load):
    t = frame.dropna(subset=["instance_price_usd_per_hour", "accelerators_in_instance",
                             "price_per_accelerator_hour_usd"])
    implied = t["accelerators_in_instance"] * t["price_per_accelerator_hour_usd"]
    off = (t["instance_price_usd_per_hour"] / implied - 1).abs()
    for idx in t.index[off > 0.02]:
        yield Finding(ERROR, "cloud_prices", idx + 2, "instance_price_usd_per_hour",
                      float(t.at[idx, "instance_price_usd_per_hour"]), "instance-price",
                      f"not accelerators_in_instance x price_per_accelerator_hour_usd "
                      f"({float(implied[idx]):.6g}); rule: they agree within 2%")


def same_run_two_keys(table: str):
    def rule(frame, load):
        ignore = {"run_id", "source", "notes"}
        cols = [c for c in frame.columns if c not in ignore]
        dup = frame.duplicated(subset=cols, keep=False)
        if not dup.any():
            return
        first: dict = {}
        for idx in frame.index[dup]:
            key = tuple(frame.loc[idx, cols].astype(str))
            if key in first:
                yield Finding(ERROR, table, idx + 2, "run_id", frame.at[idx, "run_id"],
                              "same-run-two-keys",
                              f"the same run as row {first[key] + 2} "
                              f"({frame.at[first[key], 'run_id']}) under another key: every "
                              "field but run_id, source and notes is identical")
            else:
                first[key] = idx
    rule.__name__ = "same_run_two_keys"
    return rule


def accelerator_hours(frame, load):
    t = frame.assign(_year=frame["date"].dt.year,
                     _ah=frame["hours_to_target"] * frame["accelerator_count"].astype(float))
    for idx, value, median, n, factor, level in _ratio_outliers(
            t, "_ah", ["benchmark", "model", "accelerator", "_year"], warn=8, error=20):
        side = "more" if value > median else "fewer"
        yield Finding(level, "imagenet_training_runs", idx + 2, "hours_to_target",
                      float(t.at[idx, "hours_to_target"]), "accelerator-hours",
                      f"hours_to_target x accelerator_count = {value:.4g} accelerator-hours, "
                      f"{factor:.3g}x {side} than the median ({median:.4g}) of the {n} other "
                      f"{t.at[idx, 'benchmark']} {t.at[idx, 'model']} runs on "
                      f"{t.at[idx, 'accelerator']} in {t.at[idx, '_year']} (minutes entered as "
                      "hours? a wrong accelerator count? warning at 8x, error at 20x)")


# price_tag_inputs facts that give a chip count: fact -> (accelerator or None = ml_systems',
# chips per unit)
CHIP_FACTS = {"tpu_v3_devices": ("TPU v3", 4.0), "tpu_v3_cores": ("TPU v3", 0.5),
              "gpus": (None, 1.0)}
PEAK_COLUMNS = ("tensor_fp16_bf16_flops", "fp16_flops", "fp32_flops")


def _peak(accelerators, name, columns=PEAK_COLUMNS) -> float:
    if name not in accelerators.index:
        return math.nan
    row = accelerators.loc[name]
    for col in columns:
        if pd.notna(row[col]):
            return float(row[col])
    return math.nan


def price_tag_utilisation(frame, load):
    systems = load("ml_systems").set_index("system")
    accelerators = load("accelerators").set_index("accelerator")
    facts = {(r.system, r.fact): (i, r.value) for i, r in zip(frame.index, frame.itertuples(),
                                                                strict=True)}
    for (system, fact), (idx, count) in sorted(facts.items()):
        if fact not in CHIP_FACTS or (system, "training_time_hours") not in facts:
            continue
        if system not in systems.index or pd.isna(systems.at[system, "training_compute_flop"]):
            continue
        accel, per_unit = CHIP_FACTS[fact]
        accel = accel or systems.at[system, "accelerator"]
        peak = _peak(accelerators, accel) if isinstance(accel, str) else math.nan
        hours = facts[(system, "training_time_hours")][1]
        if not (peak > 0 and hours > 0 and count > 0):
            continue
        flop = float(systems.at[system, "training_compute_flop"])
        util = flop / (count * per_unit * peak * hours * 3600)
        if 0.05 <= util <= 0.75:
            continue
        level = ERROR if not (0.01 <= util <= 1.0) else WARNING
        yield Finding(level, "price_tag_inputs", idx + 2, "value", count,
                      "price-tag-utilisation",
                      f"{system}: {fact} = {count:g} with training_time_hours = {hours:g} and "
                      f"Epoch's {flop:.3g} FLOP implies a utilisation of {util:.3g} of the "
                      f"{accel} peak ({peak:.3g} FLOP/s per chip); physically 0.01..1 "
                      "(error outside), typically 0.05..0.75 (warning outside)")


def achieved_above_peak(frame, load):
    systems = load("ml_systems").set_index("system")
    accelerators = load("accelerators").set_index("accelerator")
    for idx, r in zip(frame.index, frame.itertuples(), strict=True):
        if not r.fact.startswith("achieved_tflops_per_gpu") or r.system not in systems.index:
            continue
        accel = systems.at[r.system, "accelerator"]
        peak = _peak(accelerators, accel) if isinstance(accel, str) else math.nan
        if peak > 0 and r.value * 1e12 > peak:
            yield Finding(ERROR, "price_tag_inputs", idx + 2, "value", r.value,
                          "achieved-above-peak",
                          f"{r.system}: {r.value:g} TFLOP/s per GPU is above the {accel} peak "
                          f"({peak / 1e12:g} TFLOP/s)")


# price_tag_inputs price facts: fact -> (accelerator, chips per priced unit)
PRICE_FACTS = {"price_per_device_hour_usd": ("TPU v3", 4.0),
               "price_per_core_hour_usd": ("TPU v3", 0.5)}


def price_tag_price(frame, load):
    """A price a price tag is computed from, per chip, against every published cloud price of
    that accelerator (on-demand, 1- and 3-year commitment, any year): below half the lowest or
    above twice the highest is an error (a x10 slip, a device price taken for a core price)."""
    prices = load("cloud_prices")
    cols = ["price_per_accelerator_hour_usd", "price_1yr_commitment_per_accelerator_hour_usd",
            "price_3yr_commitment_per_accelerator_hour_usd"]
    for idx, r in zip(frame.index, frame.itertuples(), strict=True):
        if r.fact not in PRICE_FACTS:
            continue
        accel, chips = PRICE_FACTS[r.fact]
        known = prices.loc[prices["accelerator"] == accel, cols].to_numpy(dtype=float).ravel()
        known = known[np.isfinite(known) & (known > 0)]
        if len(known) < 2:
            continue
        per_chip = float(r.value) / chips
        low, high = float(known.min()), float(known.max())
        if per_chip < low / 2 or per_chip > 2 * high:
            yield Finding(ERROR, "price_tag_inputs", idx + 2, "value", r.value,
                          "price-tag-price",
                          f"{r.system}: {r.fact} = {r.value:g} is {per_chip:.3g} USD per {accel} "
                          f"chip-hour, outside the published cloud prices of {accel} "
                          f"({low:.3g} to {high:.3g}, {len(known)} prices in cloud_prices) by "
                          "more than 2x (a x10 slip? a device price taken for a core price?)")


def _two_sources(frame, table: str, column: str, other: str, other_label: str, rule: str,
                 warn: float, error: float, shown: str = "({:.3g})"):
    """Findings where ``column`` and ``other`` (the same quantity from two sources) differ by a
    factor of ``warn`` or more (an error from ``error``): one rule for every such pair."""
    t = frame.dropna(subset=[column, other])
    t = t[(t[column] > 0) & (t[other] > 0)]
    factor = 10 ** (np.log10(t[column]) - np.log10(t[other])).abs()
    for idx in t.index[factor >= warn]:
        f = float(factor[idx])
        yield Finding(ERROR if f >= error else WARNING, table, idx + 2, column,
                      float(t.at[idx, column]), rule,
                      f"{t.at[idx, 'system']}: {f:.3g}x from {other_label} "
                      + shown.format(float(t.at[idx, other]))
                      + f" for the same system (warning at {warn:g}x, error at {error:g}x)")


def flop_vs_openai(frame, load):
    return _two_sources(frame, "ml_systems", "training_compute_flop", "openai_flop", "OpenAI's",
                        "flop-vs-openai", 10, 1000, shown="{:.3g} FLOP")


def _local_fit_factor(x: np.ndarray, logs: np.ndarray, half_width: float, min_others: int = 3):
    """For each point, 10 ** |log - (a local straight-line fit of the *other* points within
    ``half_width`` of x, evaluated at x)|, and the number of those points (NaN where fewer than
    ``min_others``)."""
    out, counts = np.full(len(x), np.nan), np.zeros(len(x), dtype=int)
    if len(x) > EXACT_LIMIT:  # a large table: the line through yearly medians (linear time)
        return _binned_fit_factor(x, logs, half_width, min_others)
    for i in range(len(x)):
        near = np.abs(x - x[i]) <= half_width
        near[i] = False
        counts[i] = int(near.sum())
        if counts[i] < min_others:
            continue
        design = np.column_stack([np.ones(counts[i]), x[near] - x[i]])
        level = np.linalg.lstsq(design, logs[near], rcond=None)[0][0]
        out[i] = 10 ** abs(logs[i] - level)
    return out, counts


EXACT_LIMIT = 5000  # above this many points, the local line goes through yearly medians


def _binned_fit_factor(x: np.ndarray, logs: np.ndarray, half_width: float, min_others: int):
    """:func:`_local_fit_factor` for large tables: the local line is fitted to the median log
    of each calendar year within ``half_width`` (the point itself is one of thousands, so
    leaving it out changes nothing)."""
    years = np.floor(x).astype(int)
    frame = pd.DataFrame({"year": years, "log": logs})
    med = frame.groupby("year")["log"].median()
    n = frame.groupby("year")["log"].size()
    level = {}
    for y in med.index:
        near = (np.abs(med.index.to_numpy() - y) <= half_width)
        if n[near].sum() - 1 < min_others or near.sum() < 2:
            continue
        xs = med.index.to_numpy()[near].astype(float) + 0.5 - (y + 0.5)
        coef = np.polyfit(xs, med.to_numpy()[near], 1)
        level[y] = (coef[1], coef[0], int(n[near].sum()) - 1)
    out = np.full(len(x), np.nan)
    counts = np.zeros(len(x), dtype=int)
    for y, (b, a, k) in level.items():
        sel = years == y
        out[sel] = 10 ** np.abs(logs[sel] - (b + a * (x[sel] - (y + 0.5))))
        counts[sel] = k
    return out, counts


# dataset -> (warning, error): Rupp's points follow the trend within 5x (the two above 4x are
# accepted in the data); the Wikipedia table
# mixes record chips with small embedded ones (up to ~250x below the trend of their years)
TRANSISTOR_LIMITS = {"rupp_50yrs": (4.0, 6.0), "wikipedia": (8.0, 30.0)}


def transistor_trend(frame, load):
    """A transistor count against a straight line (in log) through the other counts of its
    dataset within three years: a digit or unit slip (x10, thousands) stands out."""
    for dataset, g in frame.dropna(subset=["transistor_count"]).groupby("dataset", sort=True):
        warn, error = TRANSISTOR_LIMITS.get(dataset, (8.0, 30.0))
        g = g[g["transistor_count"] > 0]
        x = g["year_decimal"].fillna(g["year"].astype(float)).to_numpy(dtype=float)
        factors, counts = _local_fit_factor(x, np.log10(g["transistor_count"].to_numpy(float)), 3.0)
        for k in np.flatnonzero(factors >= warn):
            idx = g.index[k]
            yield Finding(ERROR if factors[k] >= error else WARNING, "transistor_counts",
                          idx + 2, "transistor_count", float(g.at[idx, "transistor_count"]),
                          "transistor-trend",
                          f"{factors[k]:.3g}x off the trend of the {counts[k]} other {dataset} "
                          f"counts within three years (a digit or unit slip? warning at "
                          f"{warn:g}x, error at {error:g}x)")


def transistor_envelope(frame, load):
    """No chip has 3x the transistors of the largest other chip (either dataset) dated within
    two years: the frontier moves about 2x in two years, so a count far above it is a slip."""
    t = frame.dropna(subset=["transistor_count"])
    x = t["year_decimal"].fillna(t["year"].astype(float)).to_numpy(dtype=float)
    counts = t["transistor_count"].to_numpy(dtype=float)
    tops = _largest_other_nearby(x, counts, 2.0, 3)
    for k in np.flatnonzero(counts >= 3 * tops):
        idx, top = t.index[k], tops[k]
        yield Finding(ERROR, "transistor_counts", idx + 2, "transistor_count", counts[k],
                      "transistor-envelope",
                      f"{counts[k] / top:.3g}x the largest other chip within two years "
                      f"({top:.4g}); the frontier grows about 2x in two years (error at 3x)")


def _largest_other_nearby(x: np.ndarray, values: np.ndarray, half_width: float,
                          min_others: int) -> np.ndarray:
    """For each point, the largest value among the *other* points within ``half_width`` of x
    (inf where fewer than ``min_others``). Exact for small tables; for large ones by calendar
    year (the two largest of each year, so a point is never its own peer)."""
    n = len(x)
    out = np.full(n, np.inf)
    if n <= EXACT_LIMIT:
        for k in range(n):
            near = np.abs(x - x[k]) <= half_width
            near[k] = False
            if near.sum() >= min_others:
                out[k] = values[near].max()
        return out
    years = np.floor(x).astype(int)
    frame = pd.DataFrame({"year": years, "v": values, "i": np.arange(n)})
    top2 = frame.sort_values("v", ascending=False).groupby("year").head(2)
    for y in np.unique(years):
        cand = top2[(top2["year"] - y).abs() <= half_width]
        total = int((np.abs(years - y) <= half_width).sum()) - 1
        if total < min_others or cand.empty:
            continue
        best = cand.sort_values("v", ascending=False)
        sel = np.flatnonzero(years == y)
        first_i, first_v = int(best["i"].iloc[0]), float(best["v"].iloc[0])
        second_v = float(best["v"].iloc[1]) if len(best) > 1 else -np.inf
        out[sel] = first_v
        out[sel[sel == first_i]] = second_v
    return out


def notable_compute_vs_ml_systems(frame, load):
    """The newest-models table's training compute against the ml_systems table's for the same
    system (two Epoch snapshots; they agree to within 1.6x for 99% of systems)."""
    return _two_sources(frame, "notable_models_2026", "training_compute_flop",
                        "ml_systems_compute_flop", "ml_systems_compute_flop", "compute-vs-ml-systems",
                        2, 5)


def frontier_cost_per_flop(frame, load):
    """A frontier model's cost per FLOP (epoch_cost_estimate_usd_2023 / training_compute_flop)
    against the median of the other frontier models within two years: a x10 slip in either
    number moves it 10x, while frontier runs of one period cost within a few-fold per FLOP
    (warning at 5x, error at 10x)."""
    t = frame.dropna(subset=["training_compute_flop", "epoch_cost_estimate_usd_2023", "date"])
    t = t[(t["frontier_model"] == True) & (t["training_compute_flop"] > 0)  # noqa: E712
          & (t["epoch_cost_estimate_usd_2023"] > 0)]
    logs = np.log10(t["epoch_cost_estimate_usd_2023"] / t["training_compute_flop"]).to_numpy()
    x = (t["date"].dt.year + (t["date"].dt.day_of_year - 1) / 366).to_numpy(dtype=float)
    meds, counts = _median_of_others_nearby(x, logs, 2.0, 3)
    factors = 10 ** np.abs(logs - meds)
    for k in np.flatnonzero(factors >= 5):
        idx, med, f = t.index[k], meds[k], float(factors[k])
        side = "above" if logs[k] > med else "below"
        yield Finding(ERROR if f >= 10 else WARNING, "notable_models_2026", idx + 2,
                      "epoch_cost_estimate_usd_2023",
                      float(t.at[idx, "epoch_cost_estimate_usd_2023"]), "frontier-cost-per-flop",
                      f"{t.at[idx, 'system']}: cost per FLOP {10 ** logs[k]:.3g} USD is {f:.3g}x "
                      f"{side} the median ({10 ** med:.3g}) of the {counts[k]} other "
                      "frontier models within two years (a x10 slip in the cost or the compute? "
                      "warning at 5x, error at 10x)")


def _median_of_others_nearby(x: np.ndarray, values: np.ndarray, half_width: float,
                             min_others: int):
    """For each point, the median of the *other* values within ``half_width`` of x and their
    count (NaN / 0 where fewer than ``min_others``). Exact for small tables; for large ones by
    calendar year (one point among thousands does not move a median)."""
    n = len(x)
    meds, counts = np.full(n, np.nan), np.zeros(n, dtype=int)
    if n <= EXACT_LIMIT:
        for k in range(n):
            near = np.abs(x - x[k]) <= half_width
            near[k] = False
            counts[k] = int(near.sum())
            if counts[k] >= min_others:
                meds[k] = float(np.median(values[near]))
        return meds, counts
    years = np.floor(x).astype(int)
    for y in np.unique(years):
        near = np.abs(years - y) <= half_width
        sel = years == y
        counts[sel] = int(near.sum()) - 1
        if counts[sel][0] >= min_others:
            meds[sel] = float(np.median(values[near]))
    return meds, counts


def mlperf_hours(frame, load):
    """MLPerf accelerator-hours: equal to accelerator_count x time_to_train_min / 60 (within
    2%: error otherwise), and not far from the other results of the same task, accelerator
    family and round (>= 8x warning, >= 20x error: minutes as hours, a count x10)."""
    t = frame.dropna(subset=["accelerator_hours", "accelerator_count", "time_to_train_min"])
    implied = t["accelerator_count"].astype(float) * t["time_to_train_min"] / 60
    off = (t["accelerator_hours"] / implied - 1).abs()
    for idx in t.index[off > 0.02]:
        yield Finding(ERROR, "mlperf_training_runs", idx + 2, "accelerator_hours",
                      float(t.at[idx, "accelerator_hours"]), "mlperf-hours",
                      f"not accelerator_count x time_to_train_min / 60 ({float(implied[idx]):.6g});"
                      " rule: they agree within 2%")
    for idx, value, median, n, factor, level in _ratio_outliers(
            frame, "accelerator_hours", ["task", "accelerator_family", "round"], warn=8,
            error=20):
        side = "more" if value > median else "fewer"
        yield Finding(level, "mlperf_training_runs", idx + 2, "accelerator_hours", value,
                      "mlperf-hours",
                      f"{factor:.3g}x {side} accelerator-hours than the median ({median:.4g}) of "
                      f"the {n} other {frame.at[idx, 'task']} results on "
                      f"{frame.at[idx, 'accelerator_family']} in round {frame.at[idx, 'round']} "
                      "(warning at 8x, error at 20x)")


PF_DAY_FLOP = 1e15 * 86400


def efficiency_units(frame, load):
    """The three compute columns of the algorithmic-efficiency table are one number in three
    units: compute_flop = compute_pfs_days x 8.64e19 = compute_tfs_days x 8.64e16 (within 1%:
    error otherwise; a x10 slip in one of them breaks it)."""
    t = frame.dropna(subset=["compute_tfs_days", "compute_pfs_days", "compute_flop"])
    for col, scale in (("compute_pfs_days", PF_DAY_FLOP), ("compute_tfs_days", PF_DAY_FLOP / 1000)):
        off = (t[col] * scale / t["compute_flop"] - 1).abs()
        for idx in t.index[off > 0.01]:
            yield Finding(ERROR, "algorithmic_efficiency", idx + 2, col, float(t.at[idx, col]),
                          "efficiency-units",
                          f"{t.at[idx, 'model']}: {col} x {scale:.3g} = "
                          f"{float(t.at[idx, col]) * scale:.4g} FLOP, but compute_flop is "
                          f"{float(t.at[idx, 'compute_flop']):.4g}; rule: one number in three "
                          "units (within 1%)")


def price_index_step(frame, load):
    """A price index moves by at most -20% / +25% from one year to the next (US CPI-U since
    1914: -11% to +18%): a x10 slip or a rebased value stands out (error)."""
    t = frame.dropna(subset=["value", "year"]).sort_values(["index", "year"])
    for _, g in t.groupby("index", sort=True):
        years = g["year"].astype(int).to_numpy()
        values = g["value"].to_numpy(dtype=float)
        for k in range(1, len(g)):
            if years[k] != years[k - 1] + 1 or not values[k - 1] > 0:
                continue
            change = values[k] / values[k - 1] - 1
            if not -0.20 <= change <= 0.25:
                idx = g.index[k]
                yield Finding(ERROR, "price_index", idx + 2, "value", float(values[k]),
                              "price-index-step",
                              f"{g.at[idx, 'index']} {years[k]}: {change:+.1%} from "
                              f"{years[k - 1]} ({values[k - 1]:.6g}); rule: a price index moves "
                              "between -20% and +25% a year (a digit slip? a rebased value?)")


def compute_vs_6nd(frame, load):
    """A language model's training compute against 6 x parameters x training tokens (the
    standard dense-transformer estimate): outside 0.4x..2.5x is an error (a x10 slip in any of
    the three; the table's own figures lie within 0.49x..1.25x)."""
    t = frame.dropna(subset=["training_compute_flop", "parameters", "training_tokens"])
    t = t[(t["parameters"] > 0) & (t["training_tokens"] > 0)]
    ratio = t["training_compute_flop"] / (6 * t["parameters"].astype(float)
                                          * t["training_tokens"].astype(float))
    for idx in t.index[(ratio < 0.4) | (ratio > 2.5)]:
        yield Finding(ERROR, "llm_gpt3_level", idx + 2, "training_compute_flop",
                      float(t.at[idx, "training_compute_flop"]), "compute-vs-6nd",
                      f"{t.at[idx, 'model']}: {float(ratio[idx]):.3g}x of 6 x parameters x "
                      "training_tokens; rule: within 0.4x..2.5x (a x10 slip in the compute, the "
                      "parameters or the tokens?)")


def llm_price_shape(table: str):
    """An API price list: output tokens cost 1x to 9.5x input tokens (every shipped price:
    1x to 8.3x), so a x10 slip in either price breaks it (error); a blended price marked
    ``computed`` is (3 x input + output) / 4 (within 1%: error otherwise)."""
    def rule(frame, load):
        t = frame.dropna(subset=["price_input_usd_per_mtok", "price_output_usd_per_mtok"])
        t = t[t["price_input_usd_per_mtok"] > 0]
        ratio = t["price_output_usd_per_mtok"] / t["price_input_usd_per_mtok"]
        for idx in t.index[(ratio < 0.95) | (ratio > 9.5)]:
            yield Finding(ERROR, table, idx + 2, "price_output_usd_per_mtok",
                          float(t.at[idx, "price_output_usd_per_mtok"]), "llm-price-shape",
                          f"{t.at[idx, 'model']}: output price {float(ratio[idx]):.3g}x the input "
                          f"price ({float(t.at[idx, 'price_input_usd_per_mtok']):g}); rule: "
                          "output tokens cost 0.95x to 9.5x input tokens (a x10 slip?)")
        c = t[t["blend_basis"] == "computed"].dropna(subset=["price_blended_usd_per_mtok"])
        implied = (3 * c["price_input_usd_per_mtok"] + c["price_output_usd_per_mtok"]) / 4
        off = (c["price_blended_usd_per_mtok"] / implied - 1).abs()
        for idx in c.index[off > 0.01]:
            yield Finding(ERROR, table, idx + 2, "price_blended_usd_per_mtok",
                          float(c.at[idx, "price_blended_usd_per_mtok"]), "llm-price-shape",
                          f"{c.at[idx, 'model']}: blend_basis computed, but not (3 x input + "
                          f"output) / 4 ({float(implied[idx]):.6g}); rule: within 1%")
    rule.__name__ = "llm_price_shape"
    return rule


def band_order(frame, load):
    """A claim's tolerance band must be a band: band_low at most band_high."""
    t = frame.dropna(subset=["band_low", "band_high"])
    for idx in t.index[t["band_low"] > t["band_high"]]:
        yield Finding(ERROR, "claims", idx + 2, "band_low", float(t.at[idx, "band_low"]),
                      "band-order",
                      f"{t.at[idx, 'claim_id']}: band_low is above band_high "
                      f"({float(t.at[idx, 'band_high']):g}); a band runs from low to high "
                      "(swapped?)")


RULES = {
    "cloud_prices": (price_outlier, instance_price),
    "imagenet_training_runs": (same_run_two_keys("imagenet_training_runs"), accelerator_hours),
    "imagenet_inference_runs": (same_run_two_keys("imagenet_inference_runs"),),
    "price_tag_inputs": (price_tag_utilisation, achieved_above_peak, price_tag_price),
    "ml_systems": (flop_vs_openai,),
    "claims": (band_order,),
    "mlperf_training_runs": (mlperf_hours,),
    "algorithmic_efficiency": (efficiency_units,),
    "price_index": (price_index_step,),
    "llm_gpt3_level": (compute_vs_6nd,),
    "llm_api_prices": (llm_price_shape("llm_api_prices"),),
    "llm_api_price_history": (llm_price_shape("llm_api_price_history"),),
    "transistor_counts": (transistor_trend, transistor_envelope),
    "notable_models_2026": (notable_compute_vs_ml_systems, frontier_cost_per_flop),
}


def findings(table: str, frame: pd.DataFrame, load) -> list[Finding]:
    """Every finding of the rules on ``table`` (``frame`` is its validated content)."""
    out = []
    for rule in RULES.get(table, ()):
        out.extend(rule(frame, load))
    return sorted(out, key=lambda f: (f.level != ERROR, f.row, f.rule))


def _key_of(frame: pd.DataFrame, key_columns: list[str], row: int) -> str:
    if not key_columns:
        return str(row)
    values = frame.loc[row - 2, key_columns]
    return ",".join(str(v.date() if isinstance(v, pd.Timestamp) else v) for v in values)


def check(table: str, frame: pd.DataFrame, load, key_columns=()) -> list[Finding]:
    """Raise :class:`DataError` with the first error's message (and a count of the others);
    return the other findings: warnings, and findings accepted in
    ``data/plausibility_accepted.csv`` (table, key, rule and the reason), which are listed but
    are not alarms. An acceptance that no longer matches a finding is an error too (the data it
    excused changed: look again)."""
    if table == ACCEPTED_TABLE or table not in RULES:
        return []
    found = findings(table, frame, load)
    accepted = load(ACCEPTED_TABLE)
    mine = accepted[accepted["table"] == table]
    reasons = {(r.key, r.rule): (i, r.reason) for i, r in zip(mine.index, mine.itertuples(),
                                                                strict=True)}
    out, used = [], set()
    for f in found:
        key = _key_of(frame, list(key_columns), f.row)
        hit = reasons.get((key, f.rule))
        if hit is not None:
            used.add((key, f.rule))
            out.append(replace(f, level=ACCEPTED, key=key, reason=hit[1]))
        else:
            out.append(replace(f, key=key))
    errors = [f for f in out if f.level == ERROR]
    for (key, rule), (i, _) in sorted(reasons.items(), key=lambda kv: kv[1][0]):
        if (key, rule) not in used:
            errors.append(Finding(ERROR, ACCEPTED_TABLE, i + 2, "key", key, "stale-acceptance",
                                  f"accepts a {rule} finding on {table} row {key!r}, but that "
                                  "row raises no such finding (fixed, renamed or removed?); "
                                  "rule: every acceptance excuses a current finding (delete "
                                  "the row)"))
    if errors:
        more = (f"\n({len(errors)} plausibility errors in data/{table}.csv; the others:)\n  "
                + "\n  ".join(e.message() for e in errors[1:5])) if len(errors) > 1 else ""
        raise DataError(errors[0].message() + more)
    return out
