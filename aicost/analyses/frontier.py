"""Frontier training costs (notebook 10): are the most expensive training runs getting dearer?

The claim: VentureBeat's AI Weekly (2021-10-15), "AI model training costs on the rise". Read as: the
cost of the final training run of frontier models grows by more than 1x a year.

Frontier selection (Epoch AI's "top-N at release", N = 10): a model is a frontier model if, at its
publication date, fewer than N earlier-or-same-day models (Epoch's notable systems with training
compute) had more training compute. The cost trend is a log-linear fit of cost on publication date
over the frontier models from 2016 on (Cottier et al. 2024's start), with a percentile bootstrap over
the models (10,000 resamples; the selection is fixed by compute, so it is not re-done per resample).

Two costings, side by side:

- **ours**: training FLOP / (peak FLOP/s x utilisation) x the median on-demand cloud price of the
  model's accelerator, using only prices dated within two years before publication (no price dated
  after the model was trained); ``aicost.costs.cost_from_flop`` does the arithmetic. A constant
  utilisation moves every cost by the same factor, so it changes levels, not the growth rate.
- **Epoch's**: Epoch AI's own estimates (``epoch_training_costs``): amortised hardware CapEx plus
  energy (their headline), cloud rental at 3-year commitment prices, and hardware acquisition.
  Epoch's values are inflation-adjusted already (PPI 518210); nominal values are re-inflated with
  the same index.

Real dollars use CPI-U (``aicost.costs.to_constant_dollars``) to 2024; the index ends with 2024 (the
2025 year is incomplete in the source), so 2025 costs are converted at the 2024 level.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd

from aicost import cache
from aicost.claims import Estimate
from aicost.costs import cost_from_flop, deflator, price_ranges
from aicost.data import load
from aicost.scorecard import assesses
from aicost.trends import DEFAULT_SEED, Trend, bootstrap_trend, decimal_year

CLAIM = "frontier-costs-rising"
TOP_N = 10
START = 2016.0                 # Cottier et al. 2024 fit from 2016
CLAIM_DATE = "2021-10-15"      # the AI Weekly column
UTILISATION = 0.3              # central assumption (price_tags uses 0.2-0.5)
PRICE_WINDOW_DAYS = 730        # prices up to two years before publication, none after
PRICE_KINDS = ("list price", "published by benchmark entry")
BASE_YEAR = 2024
SEED = DEFAULT_SEED + 3
N_BOOT = 10_000                # resamples per cost trend (27-79 models: cheap)
PEER = {"label": "Cottier et al. 2024 (amortised hardware + energy, 2016-2024)",
        "factor": 2.4, "low": 2.0, "high": 3.1}


def estimate(value, low, high, note="", interval="95% CI", alternatives=(),
             seed_spread: float = math.nan) -> Estimate:
    """An Estimate with alternative readings and seed spread where the class supports them (the
    new verdict API); on older code they are left out (the notebooks print them anyway)."""
    fields = getattr(Estimate, "__dataclass_fields__", {})
    kw = {}
    if "alternatives" in fields:
        kw["alternatives"] = tuple(alternatives)
    if "seed_spread" in fields:
        kw["seed_spread"] = float(seed_spread)
    return Estimate(float(value), float(low), float(high), note, interval=interval, **kw)


def with_alternatives(primary: Estimate, alternatives) -> Estimate:
    """``primary`` carrying its alternative readings, where the Estimate class has the field."""
    if "alternatives" in getattr(Estimate, "__dataclass_fields__", {}):
        return dataclasses.replace(primary, alternatives=tuple(alternatives))
    return primary


SPREAD_SEEDS = (1, 2, 3, 4, 5)


def seed_spread(interval_at, ref_seed: int | None = None, seeds=SPREAD_SEEDS) -> float:
    """Largest relative move of a bound of ``interval_at(seed)`` (an Interval or a (value, low,
    high) triple) across ``seeds``, against the bounds at ``ref_seed`` (default: this module's)."""
    _, ref_lo, ref_hi = interval_at(SEED if ref_seed is None else ref_seed)
    moves = []
    for s in seeds:
        _, lo, hi = interval_at(s)
        moves += [abs(lo / ref_lo - 1), abs(hi / ref_hi - 1)]
    return float(max(moves))


# -- selection ----------------------------------------------------------------------------------
def top_n_at_release(x, compute, n: int = TOP_N) -> np.ndarray:
    """Boolean mask: entry i is among the ``n`` largest ``compute`` of all entries dated at or
    before ``x[i]`` (ties on the date count as earlier; equal compute counts as not larger)."""
    x = np.asarray(x, dtype=float)
    c = np.asarray(compute, dtype=float)
    if n < 1:
        raise ValueError("n must be at least 1")
    larger = (x[None, :] <= x[:, None]) & (c[None, :] > c[:, None])
    return larger.sum(axis=1) < n


@cache.memo(maxsize=1)
def systems() -> pd.DataFrame:
    t = load("ml_systems")
    t = t[t["epoch_notable"].fillna(False).astype(bool) & t["training_compute_flop"].notna()].copy()
    t["x"] = decimal_year(t["date"])
    return t.sort_values(["x", "system"]).reset_index(drop=True)


@cache.memo(maxsize=4)
def frontier_models(n: int = TOP_N, start: float = START) -> pd.DataFrame:
    """Notable systems that were top-``n`` by training compute at release, published from
    ``start`` on (the ranking uses every earlier notable system, also those before ``start``)."""
    s = systems()
    mask = top_n_at_release(s["x"], s["training_compute_flop"], n)
    return s[mask & (s["x"] >= start)].reset_index(drop=True)


# -- our costing --------------------------------------------------------------------------------
@cache.memo(maxsize=1)
def _prices() -> pd.DataFrame:
    p = load("cloud_prices")
    return p[p["price_per_accelerator_hour_usd"].notna() & p["price_kind"].isin(PRICE_KINDS)]


@cache.memo(maxsize=1)
def _accelerators() -> pd.DataFrame:
    return load("accelerators").set_index("accelerator")


def peak_flops(accelerator: str) -> float:
    """Dense peak FLOP/s at the precision large models train at (tensor FP16/BF16, else FP16,
    else FP32)."""
    row = _accelerators().loc[accelerator]
    for col in ("tensor_fp16_bf16_flops", "fp16_flops", "fp32_flops"):
        if pd.notna(row[col]):
            return float(row[col])
    raise LookupError(f"no peak FLOP/s for {accelerator}")


def prices_before(accelerators, dates, window_days: int = PRICE_WINDOW_DAYS) -> pd.DataFrame:
    """For each ``accelerators[i]`` and ``dates[i]``: the low / median / high on-demand price
    per accelerator-hour dated within ``window_days`` before the date (never after it) and their
    number ``n`` (0 where there is none): :func:`aicost.costs.price_ranges`, one row per query."""
    dates = list(dates)
    return price_ranges(_prices(), list(accelerators), dates, window_days, not_after=dates)


def cpi_factor(years, base_year: int = BASE_YEAR) -> np.ndarray:
    """CPI-U multipliers to ``base_year`` dollars; years after the last index year use the last."""
    f = deflator(load("price_index"), base_year)
    last = int(f.index.max())
    ys = np.minimum(np.asarray(years, dtype=int), last)
    return f.loc[ys].to_numpy(dtype=float)


@cache.memo(maxsize=4)
def our_costs(utilisation: float = UTILISATION, n: int = TOP_N) -> pd.DataFrame:
    """Every frontier model with its cost at dated cloud prices (nominal USD, and 2024 USD), or
    the reason it could not be priced (no accelerator, no peak, no price before release)."""
    rows = []
    models = frontier_models(n)
    known = [pd.notna(a) and a in _accelerators().index for a in models["accelerator"]]
    found = prices_before(models["accelerator"][known], models["date"][known])
    prices = dict(zip(np.flatnonzero(known).tolist(), found.itertuples(), strict=True))
    for i, r in enumerate(models.itertuples()):
        out = {"system": r.system, "date": r.date, "x": r.x, "organization": r.organization,
               "flop": float(r.training_compute_flop), "accelerator": r.accelerator,
               "cost": math.nan, "price": math.nan, "n_prices": 0, "status": "priced"}
        if pd.isna(r.accelerator):
            out["status"] = "no single accelerator in Epoch's record"
        elif r.accelerator not in _accelerators().index:
            out["status"] = "accelerator not in accelerators"
        else:
            try:
                peak = peak_flops(r.accelerator)
            except LookupError:
                peak = None
            pr = prices[i]
            if peak is None:
                out["status"] = "no peak FLOP/s"
            elif pr.n == 0:
                out["status"] = "no cloud price dated before release"
            else:
                out["price"], out["n_prices"] = float(pr.median), int(pr.n)
                out["cost"] = cost_from_flop(out["flop"], peak, utilisation, out["price"])
        rows.append(out)
    t = pd.DataFrame(rows)
    t["year"] = t["date"].dt.year.astype(int)
    t["cost_2024usd"] = t["cost"] * cpi_factor(t["year"])
    return t


def coverage() -> pd.DataFrame:
    """How many frontier models each costing covers, by reason."""
    t = our_costs()
    return t.groupby("status", as_index=False).agg(models=("system", "count"))


# -- Epoch's costing ----------------------------------------------------------------------------
@cache.memo(maxsize=4)
def epoch_costs(method: str = "amortized_hardware_energy", version: str = "2025-03",
                start: float = START) -> pd.DataFrame:
    """Epoch's estimates for one method and result file, with nominal and 2024-CPI dollars."""
    e = load("epoch_training_costs")
    e = e[(e["method"] == method) & (e["results_version"] == version)].copy()
    e["x"] = decimal_year(e["date"])
    e = e[e["x"] >= start]
    e["year"] = e["date"].dt.year.astype(int)
    ppi = load("price_index")
    ppi = ppi[ppi["index"] == "PPI-518210"].set_index("year")["value"].astype(float)
    last = int(ppi.index.max())
    yrs = np.minimum(e["year"].to_numpy(), last)
    base = e["dollar_year"].astype(int).to_numpy()
    e["cost_nominal"] = e["cost_usd"].to_numpy() * ppi.loc[yrs].to_numpy() / ppi.loc[base].to_numpy()
    e["cost_2024usd"] = e["cost_nominal"] * cpi_factor(e["year"])
    return e.sort_values(["x", "system"]).reset_index(drop=True)


# -- trends -------------------------------------------------------------------------------------
def cost_trend(frame: pd.DataFrame, column: str, end: float | None = None,
               seed: int = SEED) -> Trend:
    """Bootstrap log-linear trend of ``column`` over the rows (optionally up to ``end``);
    :data:`N_BOOT` resamples, as few models make the percentile bounds move with the seed."""
    f = frame[frame[column].notna()]
    if end is not None:
        f = f[f["x"] <= end]
    return bootstrap_trend(f["x"].to_numpy(), f[column].to_numpy(), seed=seed, n_boot=N_BOOT)


def claim_end() -> float:
    return float(decimal_year([CLAIM_DATE])[0])


@cache.memo(maxsize=1)
def trends() -> dict[str, Trend]:
    """Every growth-rate reading, by label (the first is the primary reading)."""
    ours, end = our_costs(), claim_end()
    amort, cloud = epoch_costs(), epoch_costs("cloud")
    upd = epoch_costs(version="updated")
    return {
        "ours, nominal, 2016 to the column (primary)":
            cost_trend(ours, "cost", end),
        "ours, 2024 USD, 2016 to the column": cost_trend(ours, "cost_2024usd", end),
        "ours, nominal, 2016 to newest": cost_trend(ours, "cost"),
        "ours, 2024 USD, 2016 to newest": cost_trend(ours, "cost_2024usd"),
        "Epoch amortised, nominal, 2016 to newest":
            cost_trend(amort, "cost_nominal"),
        "Epoch amortised, 2024 USD (CPI), 2016 to newest":
            cost_trend(amort, "cost_2024usd"),
        "Epoch amortised, as published (2023 USD, PPI), 2016 to newest":
            cost_trend(amort, "cost_usd"),
        "Epoch amortised, updated file (2024 USD, PPI), 2016 to newest":
            cost_trend(upd, "cost_usd"),
        "Epoch cloud (3-year commitment), nominal, 2016 to newest":
            cost_trend(cloud, "cost_nominal"),
        "Epoch amortised, nominal, 2016 to the column":
            cost_trend(amort, "cost_nominal", end),
    }


def rate_table() -> pd.DataFrame:
    """Annual factor and doubling time with 95% bootstrap intervals for every reading."""
    rows = []
    for label, t in trends().items():
        f, d = t.annual_factor(), t.doubling_months()
        rows.append({"reading": label, "n": t.n, "x per year": f.value, "low": f.low,
                     "high": f.high, "doubling months": d.value, "d low": d.low, "d high": d.high})
    return pd.DataFrame(rows)


def comparison() -> pd.DataFrame:
    """Models costed both ways: ours (nominal, on-demand) against Epoch's cloud and amortised
    estimates re-inflated to nominal dollars, with the ratios."""
    ours = our_costs()[["system", "date", "accelerator", "cost", "price"]].dropna(subset=["cost"])
    am = epoch_costs()[["system", "cost_nominal"]].rename(columns={"cost_nominal": "epoch_amortised"})
    cl = epoch_costs("cloud")[["system", "cost_nominal"]].rename(
        columns={"cost_nominal": "epoch_cloud"})
    t = ours.merge(am, on="system", how="inner").merge(cl, on="system", how="left")
    t["ours / Epoch amortised"] = t["cost"] / t["epoch_amortised"]
    t["ours / Epoch cloud"] = t["cost"] / t["epoch_cloud"]
    return t.sort_values("date").reset_index(drop=True)


def ratio_summary() -> pd.DataFrame:
    """Median and range of the two ratios (geometric: the costs span orders of magnitude)."""
    c = comparison()
    rows = []
    for col in ("ours / Epoch amortised", "ours / Epoch cloud"):
        v = c[col].dropna().to_numpy()
        rows.append({"ratio": col, "models": len(v), "median": float(np.median(v)),
                     "min": float(v.min()), "max": float(v.max())})
    return pd.DataFrame(rows)


def commitment_ratio() -> tuple[float, int]:
    """Median 3-year-commitment price / on-demand price over the cloud offers that list both,
    and how many offers that is."""
    p = load("cloud_prices")
    both = p.dropna(subset=["price_per_accelerator_hour_usd",
                            "price_3yr_commitment_per_accelerator_hour_usd"])
    r = (both["price_3yr_commitment_per_accelerator_hour_usd"].astype(float)
         / both["price_per_accelerator_hour_usd"].astype(float))
    return float(r.median()), len(r)


# -- the assessor -------------------------------------------------------------------------------
def frontier_reading() -> tuple[Estimate, list]:
    """(primary Estimate, [(label, Estimate), ...] for the alternative readings)."""
    ts = trends()
    items = list(ts.items())
    (_label, primary), rest = items[0], items[1:]
    f = primary.annual_factor()
    alts = [(lab, estimate(*t.annual_factor(), note=f"{t.n} models; bootstrap",
                           interval="95% bootstrap CI")) for lab, t in rest]
    note = (f"top-{TOP_N}-at-release notable models 2016 to the column's date, {primary.n} priced at "
            f"on-demand cloud prices dated before release; bootstrap over models")
    spread = seed_spread(lambda seed: primary_fit(seed).annual_factor())
    return estimate(f.value, f.low, f.high, note, "95% bootstrap CI", (), spread), alts


@assesses(CLAIM)
def assess_frontier() -> dict[str, Estimate]:
    return {CLAIM: with_alternatives(*frontier_reading())}


def primary_fit(seed: int = SEED) -> Trend:
    """The primary reading refitted with another bootstrap seed."""
    return cost_trend(our_costs(), "cost", claim_end(), seed=seed)
