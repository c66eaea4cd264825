"""Plausibility rules shipped with the data: values that pass every type and range check but
cannot all be right (a unit slip, a digit too many, a row entered twice).

Each rule reads one table (and, where it needs them, the tables it refers to) and yields
findings, each an **error** or a **warning**:

- errors stop the loader: ``load(table)`` raises :class:`aicost.data.DataError` with the one
  message (file, row, column, value, rule), exactly like a type error, so no notebook, test or
  CLI run computes anything from such a table;
- warnings are printed, never silent: ``python -m aicost claims`` prints them on stderr, and
  :func:`report` (for a notebook or a shell) prints them all. They mark values worth a second
  look that the shipped data can legitimately hold.

The rules (``RULES``; thresholds next to each):

=========================  =================  ==================================================
rule                       table              what
=========================  =================  ==================================================
price-outlier              cloud_prices       a price per accelerator-hour far from the median
                                              of that accelerator's other prices of the same kind
                                              in the same year (>= 8x warning, >= 30x error)
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
flop-vs-openai             ml_systems         Epoch's training compute and OpenAI's for the same
                                              system apart by >= 10x (warning) or >= 1000x (error)
=========================  =================  ==================================================
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    level: str        # "error" or "warning"
    table: str
    row: int          # as the loader counts: header = row 1
    column: str
    value: object
    rule: str
    note: str

    def message(self) -> str:
        return (f"data/{self.table}.csv, row {self.row}, column {self.column!r}, value "
                f"{_shown(self.value)!r}: {self.note} [rule: plausibility {self.rule}, {self.level}]")


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
    col = "price_per_accelerator_hour_usd"
    t = frame.assign(_year=frame["date"].dt.year)
    for idx, value, median, n, factor, level in _ratio_outliers(
            t, col, ["accelerator", "price_kind", "_year"], warn=8, error=30):
        side = "above" if value > median else "below"
        yield Finding(level, "cloud_prices", idx + 2, col, value, "price-outlier",
                      f"{factor:.3g}x {side} the median ({median:.3g}) of the {n} other "
                      f"{t.at[idx, 'accelerator']} {t.at[idx, 'price_kind']} prices of "
                      f"{t.at[idx, '_year']} (a unit or digit slip? warning at 8x, error at 30x)")


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


def _peak(accelerators, name) -> float:
    if name not in accelerators.index:
        return math.nan
    row = accelerators.loc[name]
    for col in PEAK_COLUMNS:
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


def flop_vs_openai(frame, load):
    t = frame.dropna(subset=["training_compute_flop", "openai_flop"])
    t = t[(t["training_compute_flop"] > 0) & (t["openai_flop"] > 0)]
    factor = 10 ** (np.log10(t["training_compute_flop"]) - np.log10(t["openai_flop"])).abs()
    for idx in t.index[factor >= 10]:
        f = float(factor[idx])
        yield Finding(ERROR if f >= 1000 else WARNING, "ml_systems", idx + 2,
                      "training_compute_flop", float(t.at[idx, "training_compute_flop"]),
                      "flop-vs-openai",
                      f"{t.at[idx, 'system']}: {f:.3g}x from OpenAI's "
                      f"{float(t.at[idx, 'openai_flop']):.3g} FLOP for the same system "
                      "(warning at 10x, error at 1000x)")


RULES = {
    "cloud_prices": (price_outlier, instance_price),
    "imagenet_training_runs": (same_run_two_keys("imagenet_training_runs"), accelerator_hours),
    "imagenet_inference_runs": (same_run_two_keys("imagenet_inference_runs"),),
    "price_tag_inputs": (price_tag_utilisation, achieved_above_peak),
    "ml_systems": (flop_vs_openai,),
}


def findings(table: str, frame: pd.DataFrame, load) -> list[Finding]:
    """Every finding of the rules on ``table`` (``frame`` is its validated content)."""
    out = []
    for rule in RULES.get(table, ()):
        out.extend(rule(frame, load))
    return sorted(out, key=lambda f: (f.level != ERROR, f.row, f.rule))


def check(table: str, frame: pd.DataFrame, load) -> list[Finding]:
    """Raise :class:`DataError` with the first error's message (and a count of the others);
    return the warnings."""
    from aicost.data import DataError

    found = findings(table, frame, load)
    errors = [f for f in found if f.level == ERROR]
    if errors:
        more = (f"\n({len(errors)} plausibility errors in data/{table}.csv; the others:)\n  "
                + "\n  ".join(e.message() for e in errors[1:5])) if len(errors) > 1 else ""
        raise DataError(errors[0].message() + more)
    return found


def warnings_all() -> list[Finding]:
    """The warnings of every rule on the whole dataset (loads every table, so any error raises
    first)."""
    from aicost.data import _warnings, tables

    out = []
    for name in tables():
        out.extend(_warnings(name))
    return out


def report() -> list[str]:
    """Print (and return) every plausibility warning, one line each."""
    lines = [f"warning: {w.message()}" for w in warnings_all()]
    print("\n".join(lines) if lines else "plausibility: no warnings")
    return lines
