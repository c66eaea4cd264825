"""The articles' remaining checkable statements (printed in notebooks 10 and 11).

Facts about single runs and prices from VentureBeat's AI Weekly (2021-10-15), ARK's statements about
Moore's law and its "10 times to 100 times" (VentureBeat 2020-06-04), and the statements that no
table here can test (each with its reason). The analyses they need live in the modules of the
notebooks they would naturally belong to; this module only calls them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aicost import cache
from aicost.analyses import moore, resnet
from aicost.analyses.frontier import estimate, seed_spread, with_alternatives
from aicost.analyses.hardware import inference_endpoints
from aicost.claims import Estimate, register
from aicost.data import load
from aicost.scorecard import assesses
from aicost.trends import DEFAULT_SEED, Interval, bootstrap_trend, decimal_year

NB10 = ("v100-gcp-2.28", "imagenet-5pct-carbon-nyc", "seed-rl-80pct")
NB11 = ("moore-law-2y-performance", "moore-first-decade-12mo", "moore-first-decade-2x",
        "ark-10-100x")
# Moore's first decade (1965-1975) is about integrated circuits of 1959-1975; our transistor
# counts are microprocessors from 1971: a different population and a different period.
FIRST_DECADE_UNTESTABLE = (
    "not testable with these data: the claim is about Moore's first decade (1965-1975), the "
    "integrated circuits of his 1965 and 1975 papers; our transistor counts are microprocessors "
    "from 1971 (the 4004), a different population over a different period, and Moore's own "
    "data points are not transcribed here (his 1975 paper says complexity had doubled about "
    "every year). The microprocessor readings below are context, not a test")
SEED = DEFAULT_SEED + 13
FIRST_DECADE = (1971, 1980)   # the first decade the microprocessor counts cover (from the 4004)
THEREAFTER = (1981, 2019)


# -- prices and run facts (AI Weekly, 2021-10-15) ---------------------------------------------------
def gcp_v100_prices() -> pd.DataFrame:
    p = load("cloud_prices")
    sel = p[(p["accelerator"] == "V100") & (p["vendor"] == "Google Cloud")
            & p["price_per_accelerator_hour_usd"].notna()]
    cols = ["price_id", "date", "price_per_accelerator_hour_usd",
            "price_1yr_commitment_per_accelerator_hour_usd", "price_kind", "notes"]
    return sel[cols].sort_values(["date", "price_id"]).reset_index(drop=True)


def v100_reading() -> tuple[Estimate, list]:
    claim = register()["v100-gcp-2.28"]
    p = gcp_v100_prices()
    before = p[p["date"] <= pd.Timestamp(claim.date)]
    after = p[p["date"] > pd.Timestamp(claim.date)]
    cheapest = float(before["price_per_accelerator_hour_usd"].min())
    alts = [("dearest GCP V100 list price before the article",
             estimate(before["price_per_accelerator_hour_usd"].max(),
                      before["price_per_accelerator_hour_usd"].max(),
                      before["price_per_accelerator_hour_usd"].max(), interval="exact")),
            ("cheapest GCP V100 on-demand price dated after the article",
             estimate(*[after["price_per_accelerator_hour_usd"].min()] * 3, interval="exact"))]
    c1 = after["price_1yr_commitment_per_accelerator_hour_usd"].dropna()
    if len(c1):
        alts.append(("cheapest GCP V100 1-year-commitment price dated after the article",
                     estimate(*[c1.min()] * 3, interval="exact")))
    note = (f"cheapest Google Cloud V100 on-demand list price per GPU-hour dated before the "
            f"article ({len(before)} price(s))")
    return estimate(cheapest, cheapest, cheapest, note, "exact"), alts


UNTESTABLE = {
    "imagenet-5pct-carbon-nyc": (
        "no emissions data: the sources hold neither the energy or carbon intensity of the "
        "extrapolated run nor New York City's monthly emissions"),
    "seed-rl-80pct": (
        "the SEED RL paper's cost tables (IMPALA vs SEED per billion frames) are not in the "
        "sources, and no table here has reinforcement-learning training costs"),
}


@assesses(*NB10)
def assess_nb10() -> dict[str, Estimate]:
    out = {"v100-gcp-2.28": with_alternatives(*v100_reading())}
    out.update({cid: Estimate.untestable(reason) for cid, reason in UNTESTABLE.items()})
    return out


# -- Moore's law as the articles use it (ARK, 2020) -------------------------------------------------
@cache.memo(maxsize=16)
def gpu_performance_trend(records: bool = True, seed: int | None = None):
    """Peak FP32 FLOP/s of GPUs by release date; ``records``: the fastest so far (re-selected in
    each bootstrap replicate)."""
    a = load("accelerators")
    g = a[(a["kind"] == "GPU") & a["release_date"].notna() & a["fp32_flops"].notna()]
    g = g.drop_duplicates(["release_date", "fp32_flops"])
    x = decimal_year(g["release_date"])
    return bootstrap_trend(x, g["fp32_flops"].to_numpy(dtype=float),
                           frontier_kind="max" if records else None,
                           seed=SEED if seed is None else seed)


@cache.memo(maxsize=32)
def transistor_trend(start, end, records: bool = False, seed: int | None = None):
    return moore.moore_trend(start, end, records_only=records, bootstrap=True,
                             seed=SEED if seed is None else seed)


def doubling(t) -> Estimate:
    d = t.doubling_months()
    return estimate(d.value, d.low, d.high, f"{t.n} points; bootstrap", "95% bootstrap CI")


def moore_2y_reading() -> tuple[Estimate, list]:
    t = gpu_performance_trend(True)
    d = t.doubling_months()
    alts = [("all GPUs' peak FP32 FLOP/s", doubling(gpu_performance_trend(False))),
            ("transistor counts, all microprocessors 1971-2019",
             doubling(transistor_trend(None, None))),
             ("transistor counts, record chips 1971-2019",
             doubling(transistor_trend(None, None, True)))]
    note = (f"peak FP32 FLOP/s of the fastest GPU released so far, {t.n} records "
            f"{int(t.x.min())}-{int(t.x.max())}; bootstrap")
    spread = seed_spread(lambda s: gpu_performance_trend(True, s).doubling_months(), SEED)
    return estimate(d.value, d.low, d.high, note, "95% bootstrap CI", (), spread), alts


def first_decade_reading() -> tuple[Estimate, list]:
    t = transistor_trend(*FIRST_DECADE)
    d = t.doubling_months()
    alts = [("record chips 1971-1980", doubling(transistor_trend(*FIRST_DECADE, True))),
            ("all chips 1971-1975 (Moore's decade from 1965 ends 1975)",
             doubling(transistor_trend(1971, 1975)))]
    note = (f"transistor counts of all microprocessors {FIRST_DECADE[0]}-{FIRST_DECADE[1]} "
            f"({t.n} chips; Moore's 1965-1970 integrated circuits are not in the data); bootstrap")
    spread = seed_spread(lambda s: transistor_trend(*FIRST_DECADE, False, s).doubling_months(), SEED)
    return estimate(d.value, d.low, d.high, note, "95% bootstrap CI", (), spread), alts


def ratio_draws(first, later) -> tuple[float, np.ndarray]:
    """Doubling-time ratio later / first (= slope ratio first / later), independent draws."""
    n = min(len(first.slope_draws), len(later.slope_draws))
    point = first.slope.value / later.slope.value
    return point, first.slope_draws[:n] / later.slope_draws[:n]


def first_decade_ratio(records: bool = False, seed: int | None = None) -> Interval:
    a = transistor_trend(*FIRST_DECADE, records, seed)
    b = transistor_trend(*THEREAFTER, records, seed)
    point, draws = ratio_draws(a, b)
    lo, hi = np.percentile(draws, [2.5, 97.5])
    return Interval(point, float(lo), float(hi))


def first_decade_2x_reading() -> tuple[Estimate, list]:
    iv = first_decade_ratio()
    rec = first_decade_ratio(True)
    alts = [("record chips in both periods", estimate(*rec, interval="95% bootstrap CI"))]
    note = (f"doubling time {THEREAFTER[0]}-{THEREAFTER[1]} / doubling time "
            f"{FIRST_DECADE[0]}-{FIRST_DECADE[1]}, all microprocessors; independent bootstraps")
    spread = seed_spread(lambda s: first_decade_ratio(False, s), SEED)
    return estimate(*iv, note, "95% bootstrap CI", (), spread), alts


def ark_range_reading() -> tuple[Estimate, list]:
    """Training: the ResNet-50 fold 2017-2019 exactly as notebook 01 scores ``resnet50-100x`` (its
    primary reading), so the two verdicts rest on one measurement; inference as an alternative."""
    train = resnet.assess_resnet()["resnet50-100x"]
    inf = inference_endpoints()
    alts = [("DAWNBench inference cost per billion images, best 2017 entry to best by the "
             "article (published costs)",
             estimate(*[inf["fold_published"]] * 3, interval="exact"))]
    note = f"the ResNet-50 training-cost fold as notebook 01 scores resnet50-100x: {train.note}"
    return estimate(train.value, train.low, train.high, note, train.interval), alts


READINGS = {"moore-law-2y-performance": moore_2y_reading,
            "moore-first-decade-12mo": first_decade_reading,
            "moore-first-decade-2x": first_decade_2x_reading,
            "ark-10-100x": ark_range_reading}


def _first_decade(est: Estimate, alternatives: list) -> Estimate:
    """Not testable on these data; the microprocessor readings stay visible as context."""
    context = [("microprocessors " + ("1971-1980 (primary of release 0.1.0)" if i == 0 else label),
                alt) for i, (label, alt) in enumerate([("", est), *alternatives])]
    return Estimate(not_testable=FIRST_DECADE_UNTESTABLE, alternatives=tuple(context))


@assesses(*NB11)
def assess_nb11() -> dict[str, Estimate]:
    out = {cid: with_alternatives(*reading()) for cid, reading in READINGS.items()}
    for cid in ("moore-first-decade-12mo", "moore-first-decade-2x"):
        est = out[cid]
        out[cid] = _first_decade(est.with_alternatives(()), list(est.alternatives))
    return out
