"""Hardware and inference claims: V100 vs K80, V100 software gains, chip progress, inference cost.

Notebook 07. Four claims from ARK Invest's 2020 analysis (as reported by VentureBeat):

- ``v100-vs-k80``: "the V100 is about 1,800% faster than the K80" (= 19x). Read from the peak
  specifications (FP32, FP16, tensor; per board and per die, because a K80 board carries two GPU
  dies and clouds rent one die as "a K80") and from measured DAWNBench training throughput.
- ``v100-software-8x``: "~800% improvement on the V100 from software, 2018-2019" (= 9x). Time to
  train on the same hardware class (one machine with 8 V100) across DAWNBench and MLPerf.
- ``hardware-16x-3y``: "chip and system design raised performance 16x in three years".
- ``inference-billion-images``: "$0.03 to classify a billion images, $10,000 two years ago".

General helpers (usable by other notebooks): :func:`best_training_peak` (a chip's peak at the
precision it trains at), :func:`training_throughput` (images per second per accelerator from a
benchmark's epochs and hours), :func:`cost_per_billion_images`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aicost import cache
from aicost.claims import Estimate, register
from aicost.data import load
from aicost.scorecard import assesses
from aicost.trends import Interval, decimal_year, fit_trend

IMAGENET_TRAIN_IMAGES = 1_281_167  # ILSVRC-2012 training set (definition of an epoch)
BILLION = 1e9
SECONDS_PER_HOUR = 3600.0

# Forward-pass cost per 224x224 image, in GFLOPs (multiply-adds) as published in He et al. 2016,
# "Deep Residual Learning for Image Recognition", Table 1 (arXiv 1512.03385). Used only as a
# ratio, to put ResNet-152 and ResNet-50 images on one scale.
RESNET_GFLOPS = {"ResNet-50": 3.8, "ResNet-152": 11.3}
REFERENCE_MODEL = "ResNet-50"

# Precisions in the order a chip is used for training when it has them (best first).
PRECISIONS = (("tensor_fp16_bf16_flops", "tensor FP16/BF16"), ("fp16_flops", "FP16"),
              ("fp32_flops", "FP32"))


# -- tables -------------------------------------------------------------------------------------
@cache.memo(maxsize=1)
def accelerators() -> pd.DataFrame:
    return load("accelerators").set_index("accelerator")


@cache.memo(maxsize=1)
def training_runs() -> pd.DataFrame:
    return load("imagenet_training_runs")


@cache.memo(maxsize=1)
def inference_runs() -> pd.DataFrame:
    return load("imagenet_inference_runs")


# -- peak specifications ------------------------------------------------------------------------
def best_training_peak(row: pd.Series, fp32_only: bool = False) -> tuple[float, str]:
    """(peak FLOP/s, precision) of one accelerator row: the fastest precision it has among tensor
    FP16/BF16, FP16 and FP32 (a chip without FP16 figures trains at its FP32 rate). With
    ``fp32_only`` the FP32 figure. Raises ``LookupError`` if the needed figure is missing."""
    choices = PRECISIONS[-1:] if fp32_only else PRECISIONS
    for col, label in choices:
        v = row.get(col)
        if v is not None and pd.notna(v) and float(v) > 0:
            return float(v), label
    raise LookupError(f"no peak FLOP/s figure for {row.name!r}")


def per_die(row: pd.Series, flops: float) -> float:
    """A board figure divided by its dies (K80, M60 boards carry two; others one)."""
    n = row.get("chips_per_board")
    return flops / (int(n) if n is not None and pd.notna(n) else 1)


def spec_readings(new: str = "V100", old: str = "K80") -> pd.DataFrame:
    """Peak-throughput ratio ``new / old`` under each reading: FP32 vs FP32, FP16 vs the old
    chip's best 16-bit rate (its FP32 rate if it has no FP16), tensor peak vs the old chip's best;
    per board (the product) and per die (the unit clouds rent)."""
    acc = accelerators()
    a, b = acc.loc[new], acc.loc[old]
    rows = []
    for label, col in (("FP32", "fp32_flops"), ("FP16 (non-tensor)", "fp16_flops"),
                       ("tensor FP16", "tensor_fp16_bf16_flops")):
        v_new = float(a[col])
        if label == "FP32":
            v_old, old_prec = best_training_peak(b, fp32_only=True)
        else:
            v_old, old_prec = best_training_peak(b)
        for basis, denom in (("per board", v_old), ("per die", per_die(b, v_old))):
            rows.append({"reading": f"{label} vs {old} {old_prec}", "basis": basis,
                         f"{new}_tflops": v_new / 1e12, f"{old}_tflops": denom / 1e12,
                         "ratio": v_new / denom})
    return pd.DataFrame(rows)


# -- measured training throughput ---------------------------------------------------------------
def training_throughput(runs: pd.DataFrame) -> pd.DataFrame:
    """Images per second per accelerator for benchmark entries that report the epochs at the
    target: ``epochs x ImageNet training images / (hours x 3600 x accelerators)``, and the same
    scaled to ResNet-50 images by the models' published FLOPs per image
    (``r50_images_per_s``; NaN for models without a figure in ``RESNET_GFLOPS``)."""
    need = runs["epoch_at_target"].notna() & runs["accelerator_count"].notna()
    out = runs[need].copy()
    count = out["accelerator_count"].astype(float)
    out["images_per_s"] = (out["epoch_at_target"] * IMAGENET_TRAIN_IMAGES
                           / (out["hours_to_target"] * SECONDS_PER_HOUR * count))
    scale = out["model"].map(RESNET_GFLOPS) / RESNET_GFLOPS[REFERENCE_MODEL]
    out["r50_images_per_s"] = out["images_per_s"] * scale
    return out


def measured_ratios(new: str = "V100", old: str = "K80", count: int = 8,
                    until: str | None = None) -> pd.DataFrame:
    """ResNet-50-equivalent training throughput per accelerator of every DAWNBench entry on
    ``count`` x ``new`` (up to ``until``) divided by that of the ``old`` entry, per die and per
    board. The old entry is the only DAWNBench entry on ``old`` (raises if there are several)."""
    tp = training_throughput(training_runs())
    tp = tp[tp["benchmark"] == "DAWNBench"]
    base = tp[tp["accelerator"] == old]
    if len(base) != 1:
        raise LookupError(f"expected one DAWNBench entry on {old}, found {len(base)}")
    b = base.iloc[0]
    dies = int(accelerators().loc[old, "chips_per_board"])
    sel = tp[(tp["accelerator"] == new) & (tp["accelerator_count"] == count)]
    if until is not None:
        sel = sel[sel["date"] <= pd.Timestamp(until)]
    out = sel[["run_id", "date", "model", "framework", "epoch_at_target", "hours_to_target",
               "r50_images_per_s"]].copy()
    out["ratio_per_die"] = out["r50_images_per_s"] / b["r50_images_per_s"]
    out["ratio_per_board"] = out["ratio_per_die"] / dies
    return out.reset_index(drop=True)


def k80_reference() -> pd.Series:
    """The K80 DAWNBench entry with its throughput (the base of :func:`measured_ratios`)."""
    tp = training_throughput(training_runs())
    return tp[(tp["benchmark"] == "DAWNBench") & (tp["accelerator"] == "K80")].iloc[0]


# -- software gains on a fixed hardware class ---------------------------------------------------
def same_hardware_runs(accelerator: str = "V100", count: int = 8, start: int = 2018,
                       end: int = 2019) -> pd.DataFrame:
    """Single-machine entries on ``count`` x ``accelerator`` dated in [start, end]."""
    t = training_runs()
    sel = t[(t["accelerator"] == accelerator) & (t["accelerator_count"] == count)
            & (t["date"].dt.year >= start) & (t["date"].dt.year <= end)
            & (t["host_count"].fillna(1) == 1)]
    cols = ["run_id", "benchmark", "round", "date", "accuracy_target", "framework",
            "hours_to_target"]
    return sel[cols].sort_values(["date", "run_id"]).reset_index(drop=True)


def software_gains(accelerator: str = "V100", count: int = 8, start: int = 2018,
                   end: int = 2019) -> pd.DataFrame:
    """Fold speed-up of time to train on a fixed hardware class between ``start`` and ``end``
    under each endpoint choice: per benchmark, first entry of the start year -> best of the end
    year, and best of the start year -> best of the end year (record to record)."""
    runs = same_hardware_runs(accelerator, count, start, end)
    rows = []
    for bench, g in runs.groupby("benchmark", sort=True):
        first_year = g[g["date"].dt.year == start]
        last_year = g[g["date"].dt.year == end]
        if first_year.empty or last_year.empty:
            continue
        best_end = last_year.loc[last_year["hours_to_target"].idxmin()]
        first = first_year.iloc[0]
        best_start = first_year.loc[first_year["hours_to_target"].idxmin()]
        for label, s in ((f"first {start} entry -> best {end}", first),
                         (f"best {start} -> best {end}", best_start)):
            rows.append({"benchmark": bench, "endpoints": label, "from": s["run_id"],
                         "to": best_end["run_id"], "hours_from": s["hours_to_target"],
                         "hours_to": best_end["hours_to_target"],
                         "fold": s["hours_to_target"] / best_end["hours_to_target"]})
    return pd.DataFrame(rows).drop_duplicates(subset=["benchmark", "from", "to"])


def software_split(benchmark: str = "DAWNBench") -> dict:
    """The primary software gain (first entry of 2018 -> best of 2019 on 8 V100s) split into fewer
    epochs and faster epochs: ``fold = epoch_fold x per_epoch_fold``, with ``epoch_fold`` = epochs
    to target of the first entry / of the last (from each entry's log, ``epoch_at_target``)."""
    g = software_gains()
    row = g[(g["benchmark"] == benchmark) & g["endpoints"].str.startswith("first")].iloc[0]
    runs = load("imagenet_training_runs").set_index("run_id")
    e0 = float(runs.loc[row["from"], "epoch_at_target"])
    e1 = float(runs.loc[row["to"], "epoch_at_target"])
    epoch_fold = e0 / e1
    return {"fold": float(row["fold"]), "epochs_from": e0, "epochs_to": e1,
            "epoch_fold": epoch_fold, "per_epoch_fold": float(row["fold"]) / epoch_fold}


def software_trend(accelerator: str = "V100", count: int = 8, start: int = 2018,
                   end: int = 2019, benchmark: str = "DAWNBench"):
    """OLS log-linear trend of hours to target on the fixed hardware class (one benchmark)."""
    runs = same_hardware_runs(accelerator, count, start, end)
    runs = runs[runs["benchmark"] == benchmark]
    return fit_trend(decimal_year(runs["date"]), runs["hours_to_target"])


# -- chip progress over a period ----------------------------------------------------------------
TRAINING_CHIPS = ("K80", "P100", "V100", "TPU v2", "TPU v3", "A100")


def best_chip(by: str, chips=TRAINING_CHIPS, fp32_only: bool = False) -> tuple[str, float, str]:
    """(chip, peak FLOP/s, precision) of the fastest chip among ``chips`` released by ``by``,
    per package (board), at its best training precision (or FP32)."""
    acc = accelerators()
    best = None
    for chip in chips:
        row = acc.loc[chip]
        released = row["family_first_release_date"]
        if pd.isna(released) or released > pd.Timestamp(by):
            continue
        try:
            v, prec = best_training_peak(row, fp32_only=fp32_only)
        except LookupError:
            continue
        if best is None or v > best[1]:
            best = (chip, v, prec)
    if best is None:
        raise LookupError(f"no chip released by {by}")
    return best


def chip_progress(start: str = "2017-01-01", end: str = "2019-12-31") -> pd.DataFrame:
    """Peak-throughput ratio between the best chips available at ``start`` and at ``end``, and
    from the K80 (the common cloud GPU of the start) as a sensitivity."""
    acc = accelerators()
    rows = []
    for fp32_only, label in ((False, "best training precision"), (True, "FP32 only")):
        s_chip, s_v, s_p = best_chip(start, fp32_only=fp32_only)
        e_chip, e_v, e_p = best_chip(end, fp32_only=fp32_only)
        rows.append({"start_chip": f"{s_chip} ({s_p})", "end_chip": f"{e_chip} ({e_p})",
                     "reading": f"best vs best, {label}", "ratio": e_v / s_v})
        k80 = acc.loc["K80"]
        k_v, k_p = best_training_peak(k80, fp32_only=True)
        for basis, denom in (("per board", k_v), ("per die", per_die(k80, k_v))):
            rows.append({"start_chip": f"K80 {basis} ({k_p})", "end_chip": f"{e_chip} ({e_p})",
                         "reading": f"from the K80 {basis}, {label}", "ratio": e_v / denom})
    return pd.DataFrame(rows)


# -- inference ----------------------------------------------------------------------------------
def cost_per_billion_images(latency_ms, price_per_hour_usd):
    """USD to classify a billion images one at a time at ``latency_ms`` on hardware rented at
    ``price_per_hour_usd`` (the DAWNBench definition: cost per image = price x latency)."""
    lat = np.asarray(latency_ms, dtype=float)
    price = np.asarray(price_per_hour_usd, dtype=float)
    out = lat / 1000.0 / SECONDS_PER_HOUR * price * BILLION
    return float(out) if out.ndim == 0 else out


def inference_costs() -> pd.DataFrame:
    """Every DAWNBench inference entry with its cost per billion images: ``published`` (published
    cost per image x 1e9) and ``latency_x_price`` (latency x the hourly price of the same cloud
    instance as implied by a published entry on that instance), whichever exist."""
    inf = inference_runs().copy()
    inf["published"] = inf["cost_per_image_usd"] * BILLION
    implied = (inf.dropna(subset=["implied_price_per_hour_usd", "cloud_instance"])
               .sort_values("date").groupby("cloud_instance")["implied_price_per_hour_usd"].last())
    price = inf["cloud_instance"].map(implied)
    inf["instance_price_per_hour"] = price
    inf["latency_x_price"] = np.where(price.notna(),
                                      cost_per_billion_images(inf["latency_ms"], price.fillna(1)),
                                      np.nan)
    inf["best"] = inf[["published", "latency_x_price"]].min(axis=1)
    cols = ["run_id", "date", "model", "accelerator", "cloud_instance", "latency_ms",
            "instance_price_per_hour", "published", "latency_x_price", "best"]
    return inf[cols].reset_index(drop=True)


def inference_endpoints(start_year: int = 2017, until: str = "2020-06-04") -> dict:
    """Cost per billion images at the start (``start_year`` entries with a published cost) and
    the end (cheapest entry up to ``until``), with the fold change."""
    ic = inference_costs()
    start = ic[(ic["date"].dt.year == start_year) & ic["published"].notna()]
    upto = ic[ic["date"] <= pd.Timestamp(until)]
    pub = upto.dropna(subset=["published"])
    end_pub = pub.loc[pub["published"].idxmin()]
    lxp = upto.dropna(subset=["latency_x_price"])
    end_lxp = lxp.loc[lxp["latency_x_price"].idxmin()]
    return {
        "start_low": float(start["published"].min()),
        "start_high": float(start["published"].max()),
        "start_best_run": start.loc[start["published"].idxmin(), "run_id"],
        "end_published": float(end_pub["published"]),
        "end_published_run": end_pub["run_id"],
        "end_published_date": end_pub["date"],
        "end_latency_x_price": float(end_lxp["latency_x_price"]),
        "end_latency_x_price_run": end_lxp["run_id"],
        "fold_published": float(start["published"].min() / end_pub["published"]),
        "fold_any": float(start["published"].min() / min(end_pub["published"],
                                                          end_lxp["latency_x_price"])),
    }


def images_bought(usd: float, cost_per_billion: float) -> float:
    """How many images ``usd`` classifies at ``cost_per_billion`` USD per billion images."""
    return usd / cost_per_billion * BILLION


# -- assessors ----------------------------------------------------------------------------------
@assesses("v100-vs-k80")
def assess_v100_vs_k80() -> dict[str, Estimate]:
    """Primary reading (register): peak per card at each chip's training precision (V100 tensor
    FP16 vs K80 FP32; the K80 is one card of two dies). Per die, same-precision and measured
    readings are alternatives."""
    spec = spec_readings()
    board = spec[(spec["reading"].str.startswith("tensor")) & (spec["basis"] == "per board")]
    alts = [(f"{r.reading}, {r.basis}", Estimate.exact(r.ratio)) for r in spec.itertuples()
            if not (r.reading.startswith("tensor") and r.basis == "per board")]
    claim = register()["v100-vs-k80"]
    for r in measured_ratios(until=claim.date).itertuples():
        alts.append((f"measured DAWNBench {r.date.date()}, per board",
                     Estimate.exact(r.ratio_per_board)))
    note = "peak per card at each chip's training precision (V100 tensor FP16 vs K80 FP32)"
    return {"v100-vs-k80": Estimate.exact(float(board["ratio"].iloc[0]), note,
                                          alternatives=alts)}


@assesses("v100-software-8x")
def assess_v100_software() -> dict[str, Estimate]:
    """Primary reading (register): on one 8xV100 machine, the first 2018 DAWNBench entry to the
    best 2019 entry (the span ARK's figure describes). Other endpoints and MLPerf are
    alternatives."""
    g = software_gains()
    is_primary = (g["benchmark"] == "DAWNBench") & g["endpoints"].str.startswith("first")
    main = g[is_primary].iloc[0]
    alts = [(f"{r.benchmark}: {r.endpoints}", Estimate.exact(r.fold))
            for r in g[~is_primary].itertuples()]
    note = (f"DAWNBench 8xV100 hours to 93%: first 2018 entry ({main['hours_from']:.1f} h) to "
            f"best 2019 entry ({main['hours_to']:.2f} h)")
    return {"v100-software-8x": Estimate.exact(float(main["fold"]), note, alternatives=alts)}


@assesses("hardware-16x-3y")
def assess_hardware_16x() -> dict[str, Estimate]:
    """Primary reading (register): the sentence's own example, the K80 (2014) to the V100
    (2017), peak per card at each chip's training precision. Per die, FP32 only and the best
    chips of 2017 and 2019 are alternatives."""
    cp = chip_progress()
    main_mask = cp["reading"] == "from the K80 per board, best training precision"
    main = cp[main_mask].iloc[0]
    alts = [(f"{r.start_chip} to {r.end_chip} ({r.reading})", Estimate.exact(r.ratio))
            for r in cp[~main_mask].itertuples()]
    note = "K80 card (FP32) to V100 (tensor FP16) peak, the sentence's own example"
    return {"hardware-16x-3y": Estimate.exact(float(main["ratio"]), note, alternatives=alts)}


INFERENCE_DEADLINE = "2020-12-31"  # "settling this year at around $0.03" (2020)


@assesses("inference-billion-images")
def assess_inference() -> dict[str, Estimate]:
    """A forecast for 2020 (the English original: ARK 'anticipates' the price 'will drop ...
    settling this year'): the cheapest DAWNBench inference cost per billion images observed by
    the end of 2020, at the entry's published cost; latency x hourly price is the alternative."""
    e = inference_endpoints(until=INFERENCE_DEADLINE)
    note = ("cheapest DAWNBench inference cost per billion images by the end of 2020 "
            "(published cost; DAWNBench inference entries end in 2020)")
    return {"inference-billion-images": Estimate.exact(
        e["end_published"], note,
        alternatives=(("latency x same-instance hourly price",
                       Estimate.exact(e["end_latency_x_price"])),))}


def readings_table() -> pd.DataFrame:
    """Every V100/K80 reading for the figure: spec (per board, per die) and measured entries."""
    spec = spec_readings()
    rows = [{"kind": "spec", "label": f"{r.reading}, {r.basis}", "ratio": r.ratio}
            for r in spec.itertuples()]
    claim = register()["v100-vs-k80"]
    for r in measured_ratios(until=claim.date).itertuples():
        for basis in ("per board", "per die"):
            rows.append({"kind": "measured",
                         "label": f"DAWNBench {r.date.date()} 8xV100, {basis}",
                         "ratio": r.ratio_per_board if basis == "per board" else r.ratio_per_die})
    return pd.DataFrame(rows)


def interval(value: float, low: float, high: float) -> Interval:
    """A stated range as an :class:`Interval` (for printing with aicost.display)."""
    return Interval(value, low, high)
