"""One decomposition for both trends (notebook 11).

cost of a run = training FLOP x dollars per FLOP, and
dollars per FLOP = price per accelerator-hour / (peak FLOP/s x utilisation x 3600).

In log10 slopes per year (b): b(cost) = b(FLOP) - b(price-performance) - b(utilisation), where
price-performance is peak FLOP/s per dollar (per launch dollar, or per dollar-hour of rental).
Two identities are tested, with utilisation left in the residual (it has no series of its own):

- fixed capability: b(cost) = b(compute needed for the capability) - b(price-performance);
- frontier: b(cost) = b(compute of the frontier runs) - b(price-performance).

Each component is measured on its own data; the residual = direct cost slope - the components'
sum is what they do not explain (utilisation, price basis, selection, windows). Intervals of the
residual: for the frontier, cost and compute come from the same models and are resampled together
(:func:`aicost.trends.bootstrap_slopes`), and the independent price-performance draws are added
draw by draw; for the fixed-capability series, whose components come from different tables, the
log-rate variances are summed (:func:`aicost.trends.sum_slopes`, independence assumed).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from aicost import cache
from aicost.analyses import efficiency, frontier, hardware, imagenet_trend, llm, resnet
from aicost.data import load
from aicost.trends import (
    DEFAULT_SEED,
    Interval,
    Trend,
    bootstrap_slopes,
    bootstrap_trend,
    decimal_year,
    sum_slopes,
)

SEED = DEFAULT_SEED + 4
PRECISIONS = {"FP32": "fp32_flops", "FP16/BF16 tensor": "tensor_fp16_bf16_flops"}
PRICE_KINDS = ("list price", "published by benchmark entry")
PEER_PP = {"label": "Hobbhahn & Besiroglu 2022 (GPU FP32 FLOP/s per dollar)", "doubling_years": 2.5}
ARK = {"total": 100.0, "years": 2.0, "hardware": 16.0, "software": 8.0}


def factor(slope: Interval) -> Interval:
    """log10 slope -> multiplicative change per year."""
    return slope.map(lambda b: 10.0**b)


# -- price-performance --------------------------------------------------------------------------
@cache.memo(maxsize=1)
def _acc() -> pd.DataFrame:
    return load("accelerators")


def release_table(precision: str = "FP32") -> pd.DataFrame:
    """GPUs with a release date, a launch price and a peak at ``precision``; one row per distinct
    (date, price, peak); ``flops_per_usd`` = peak FLOP/s per launch dollar (nominal)."""
    col = PRECISIONS[precision]
    a = _acc()
    g = a[(a["kind"] == "GPU") & a["release_date"].notna() & a["release_price_usd"].notna()
          & a[col].notna()].copy()
    g = g.sort_values(["release_date", "accelerator"])
    g = g.drop_duplicates(["release_date", "release_price_usd", col], keep="first")
    g["peak"] = g[col].astype(float)
    g["flops_per_usd"] = g["peak"] / g["release_price_usd"].astype(float)
    g["x"] = decimal_year(g["release_date"])
    return g[["accelerator", "release_date", "x", "release_price_usd", "peak", "flops_per_usd"]]


def cloud_table(precision: str = "FP32") -> pd.DataFrame:
    """Every on-demand cloud offer with a peak at ``precision``: peak FLOP/s per dollar-hour."""
    col = PRECISIONS[precision]
    p = load("cloud_prices")
    p = p[p["price_per_accelerator_hour_usd"].notna() & p["price_kind"].isin(PRICE_KINDS)]
    peaks = _acc().set_index("accelerator")[col].astype(float)
    t = p.assign(peak=p["accelerator"].map(peaks))
    t = t[t["peak"].notna() & (t["peak"] > 0)].copy()
    t["flops_per_usd_hour"] = t["peak"] / t["price_per_accelerator_hour_usd"].astype(float)
    t["x"] = decimal_year(t["date"])
    return t[["price_id", "date", "x", "vendor", "accelerator", "price_per_accelerator_hour_usd",
              "peak", "flops_per_usd_hour"]].sort_values(["x", "price_id"]).reset_index(drop=True)


def _window(t: pd.DataFrame, start: float | None, end: float | None) -> pd.DataFrame:
    lo = -np.inf if start is None else start
    hi = np.inf if end is None else end
    return t[(t["x"] >= lo) & (t["x"] < hi)]


@cache.memo(maxsize=16)
def pp_trend(basis: str = "cloud", precision: str = "FP16/BF16 tensor",
             start: float | None = None, end: float | None = None) -> Trend:
    """Price-performance trend (FLOP/s per dollar, log10/yr), bootstrap over chips (release) or
    offers (cloud), all entries (not only records)."""
    if basis == "release":
        t, col = _window(release_table(precision), start, end), "flops_per_usd"
    else:
        t, col = _window(cloud_table(precision), start, end), "flops_per_usd_hour"
    return bootstrap_trend(t["x"].to_numpy(), t[col].to_numpy(), seed=SEED)


def pp_table() -> pd.DataFrame:
    """Doubling time and factor per year of price-performance, by basis and precision."""
    rows = []
    for basis in ("release", "cloud"):
        for prec in PRECISIONS:
            t = pp_trend(basis, prec)
            tb = release_table(prec) if basis == "release" else cloud_table(prec)
            f, d = t.annual_factor(), t.doubling_months()
            rows.append({"basis": "launch price" if basis == "release" else "cloud on-demand",
                         "precision": prec, "n": t.n,
                         "years": f"{int(tb['x'].min())}-{int(tb['x'].max())}",
                         "x per year": f.value, "low": f.low, "high": f.high,
                         "doubling years": d.value / 12, "d low": d.low / 12,
                         "d high": d.high / 12})
    return pd.DataFrame(rows)


# -- the other components -----------------------------------------------------------------------
def vision_efficiency() -> Trend:
    """Compute to reach AlexNet-level ImageNet accuracy, 2012-2019 (OpenAI; notebook 06)."""
    return efficiency.alexnet_trend()


def llm_efficiency() -> Trend:
    """Smallest compute reaching GPT-3-level MMLU so far (notebook 04)."""
    return llm.compute_trend(llm.headline()[1])


def frontier_compute() -> Trend:
    """Largest-so-far notable systems 2018 to newest (notebook 05's recent record trend)."""
    from aicost.analyses import compute

    return compute.window_trend(compute.RECENT_BREAK, compute.newest_year(), "notable", "max")


def component_table() -> pd.DataFrame:
    """Every component rate as a factor per year with its interval."""
    items = [
        ("price-performance, cloud on-demand, FP16/BF16 tensor (FLOP/s per $/h)",
         pp_trend("cloud", "FP16/BF16 tensor")),
        ("price-performance, cloud on-demand, FP32", pp_trend("cloud", "FP32")),
        ("price-performance, launch price, FP32 GPUs", pp_trend("release", "FP32")),
        ("price-performance, launch price, FP16/BF16 tensor GPUs",
         pp_trend("release", "FP16/BF16 tensor")),
        ("compute for AlexNet-level ImageNet, 2012-2019 (notebook 06)", vision_efficiency()),
        ("compute for GPT-3-level MMLU, record frontier (notebook 04)", llm_efficiency()),
        ("compute of the largest runs, records 2018-newest (notebook 05)", frontier_compute()),
    ]
    rows = []
    for label, t in items:
        f = t.annual_factor()
        rows.append({"component": label, "n": t.n, "x per year": f.value, "low": f.low,
                     "high": f.high, "interval": t.method.split(",")[0]})
    return pd.DataFrame(rows)


# -- identity 1: frontier ------------------------------------------------------------------------
@cache.memo(maxsize=2)
def frontier_identity(costing: str = "Epoch amortised") -> dict:
    """b(frontier cost) vs b(frontier compute) - b(cloud tensor price-performance), on the
    top-10-at-release models from 2016 that carry a cost under ``costing``."""
    if costing == "ours":
        t = frontier.our_costs().dropna(subset=["cost"])
        x, cost = t["x"].to_numpy(), t["cost"].to_numpy()
        flop = t["flop"].to_numpy()
    else:
        e = frontier.epoch_costs()
        sy = frontier.systems().drop_duplicates("system").set_index("system")
        e = e[e["system"].isin(sy.index)]
        x, cost = e["x"].to_numpy(), e["cost_nominal"].to_numpy()
        flop = sy.loc[e["system"], "training_compute_flop"].to_numpy(dtype=float)
    joint = bootstrap_slopes(x, {"cost": cost, "compute": flop}, seed=SEED)
    (c_iv, c_d), (f_iv, f_d) = joint["cost"], joint["compute"]
    pp = pp_trend("cloud", "FP16/BF16 tensor")
    n = min(len(c_d), len(f_d), len(pp.slope_draws))
    predicted_d = f_d[:n] - pp.slope_draws[:n]
    resid_d = c_d[:n] - predicted_d
    lo, hi = np.percentile(resid_d, [2.5, 97.5])
    plo, phi = np.percentile(predicted_d, [2.5, 97.5])
    predicted = Interval(f_iv.value - pp.slope.value, float(plo), float(phi))
    resid = Interval(c_iv.value - predicted.value, float(lo), float(hi))
    return {"costing": costing, "n": len(x), "cost": c_iv, "compute": f_iv, "pp": pp.slope,
            "predicted": predicted, "residual": resid,
            "interval": "bootstrap: cost and compute resampled together, price-performance "
                        "draws added independently"}


# -- identity 2: fixed capability -----------------------------------------------------------------
def imagenet_direct() -> Trend:
    """Cheapest ImageNet (ResNet-50-class) training cost per year 2017-2024 (notebook 03)."""
    return imagenet_trend.series_trend(2017, 2024)


def llm_direct() -> Trend:
    """GPT-3-level training-cost record frontier (notebook 04's headline)."""
    return llm.headline()[0]


def _span(t: Trend) -> tuple[float, float]:
    return float(np.min(t.x)), float(np.max(t.x))


def fixed_identity(which: str = "vision") -> dict:
    """b(direct cost) vs b(compute needed) - b(cloud tensor price-performance over the direct
    series' window); variance-sum interval."""
    if which == "vision":
        direct, eff = imagenet_direct(), vision_efficiency()
    else:
        direct, eff = llm_direct(), llm_efficiency()
    a, b = _span(direct)
    pp = pp_trend("cloud", "FP16/BF16 tensor", math.floor(a), b + 1e-6)
    predicted = sum_slopes([(1, eff.slope), (-1, pp.slope)])
    resid = sum_slopes([(1, direct.slope), (-1, eff.slope), (1, pp.slope)])
    return {"series": which, "cost": direct.slope, "compute": eff.slope, "pp": pp.slope,
            "predicted": predicted, "residual": resid, "window": (a, b),
            "interval": "normal, summed log-rate variances (components independent)"}


def identity_table() -> pd.DataFrame:
    """The identities as factors per year: direct cost trend, the components' product, residual."""
    rows = []
    specs = [("fixed capability: ImageNet cheapest run 2017-2024", fixed_identity("vision")),
             ("fixed capability: GPT-3-level record cost", fixed_identity("llm")),
             ("frontier: top-10 models with a compute figure, Epoch amortised cost",
              frontier_identity("Epoch amortised")),
             ("frontier: top-10 models, our cloud cost", frontier_identity("ours"))]
    for label, d in specs:
        c, p, r = factor(d["cost"]), factor(d["predicted"]), factor(d["residual"])
        rows.append({"identity": label, "compute x/yr": factor(d["compute"]).value,
                     "price-perf x/yr": factor(d["pp"]).value,
                     "predicted x/yr": p.value, "p low": p.low, "p high": p.high,
                     "direct x/yr": c.value, "c low": c.low, "c high": c.high,
                     "residual x/yr": r.value, "r low": r.low, "r high": r.high})
    return pd.DataFrame(rows)


# -- ARK's decomposition ------------------------------------------------------------------------
def v100_k80_price_ratio(start: str = "2017-01-01", end: str = "2019-12-31") -> float:
    """Median on-demand V100 price / median K80 price per GPU-hour over the window."""
    p = load("cloud_prices")
    p = p[p["price_kind"].isin(PRICE_KINDS) & p["price_per_accelerator_hour_usd"].notna()
          & (p["date"] >= start) & (p["date"] <= end)]
    v = p.loc[p["accelerator"] == "V100", "price_per_accelerator_hour_usd"].astype(float)
    k = p.loc[p["accelerator"] == "K80", "price_per_accelerator_hour_usd"].astype(float)
    return float(v.median() / k.median())


def ark_table() -> pd.DataFrame:
    """ARK's 100x in two years = ~16x hardware x ~8x software, and our readings of each factor."""
    spec = hardware.spec_readings()
    per_die = spec[spec["basis"] == "per die"].set_index("reading")["ratio"]
    tensor = float(per_die[[r for r in per_die.index if r.startswith("tensor")][0]])
    fp32 = float(per_die[[r for r in per_die.index if r.startswith("FP32")][0]])
    sw = hardware.software_gains()
    dawn = sw[sw["benchmark"] == "DAWNBench"]
    software = float(dawn.loc[dawn["endpoints"].str.startswith("best"), "fold"].iloc[0])
    measured, _ = resnet.headline_record_fold()
    price = v100_k80_price_ratio()
    rows = [
        {"reading": "ARK's own factors", "hardware": ARK["hardware"], "software": ARK["software"],
         "price per hour": 1.0, "product": ARK["hardware"] * ARK["software"]},
        {"reading": "V100/K80 tensor peak per die x DAWNBench software, at equal hourly price",
         "hardware": tensor, "software": software, "price per hour": 1.0,
         "product": tensor * software},
        {"reading": "same, divided by the V100/K80 hourly price ratio", "hardware": tensor,
         "software": software, "price per hour": price,
         "product": tensor * software / price},
        {"reading": "V100/K80 FP32 peak per die (no tensor cores) x software / price ratio",
         "hardware": fp32, "software": software, "price per hour": price,
         "product": fp32 * software / price},
    ]
    t = pd.DataFrame(rows)
    t["measured fold 2017-2019"] = measured.value
    t["measured / product"] = measured.value / t["product"]
    return t


def ark_measured() -> Interval:
    return resnet.headline_record_fold()[0]


# -- the figure's series --------------------------------------------------------------------------
def figure_series() -> dict[str, pd.DataFrame]:
    """Points for the two cost curves: fixed capability (ImageNet cheapest per year, GPT-3-level
    models) and the frontier (our cloud costs and Epoch's amortised costs)."""
    e = imagenet_trend.entries()
    img = imagenet_trend.cheapest_per_year(e)
    u = llm.used(llm.headline()[1])
    ours = frontier.our_costs().dropna(subset=["cost"])
    ep = frontier.epoch_costs()
    return {"imagenet": img, "gpt3": u, "ours": ours, "epoch": ep}
