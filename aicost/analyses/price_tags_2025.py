"""The price tags of 2023-2025 and the frontier-cost forecasts made since 2024 (notebook 14).

Extends :mod:`aicost.analyses.price_tags` (same helpers: peak FLOP/s, dated price look-up with no
price after the run, chip-hour and FLOP costings) and :mod:`aicost.analyses.frontier` (the same
bootstrap cost trend) to the claims of 2023-2026:

- **DeepSeek-V3 "$5.576M"** and **DeepSeek-R1 "$294,000"**: the claimant's own arithmetic
  (GPU-hours x an assumed $2 per H800-hour) re-done as a *reproduction*; independently, the
  utilisation the reported GPU-hours imply for Epoch's training-compute estimate (a check that
  the hours fit the model), and the same hours at the H100 rental prices dated in the year up to
  the report (the H800 is an H100 with cut interconnect: same die, same dense peak; no H800 price
  is in ``cloud_prices``).
- **AI Index 2024: GPT-4 "$78 million", Gemini Ultra "$191 million"**: Epoch AI's three costings
  side by side (cloud rental, amortised hardware + energy, up-front hardware acquisition; the
  AI Index figures are Epoch's cloud costing, so matching them is a reproduction), and our own
  cloud costing from training compute at dated on-demand prices.
- **Cottier et al. 2.4x per year** and the forecast "more than a billion dollars by 2027": our
  cloud costing of the top-10-at-release models (:mod:`frontier`) over the paper's window, and a
  refit of Epoch's amortised costs in the 2026-01 notable-models snapshot (a reproduction on the
  claimant's own data); the largest amortised cost observed so far for the forecast.
- **Amodei**: "$10-100 billion" runs in 2025-2027 (the largest 2025 runs under each cost method)
  and "~4x per year" (the fixed-capability GPT-3-level series of notebook 04).
- **ARK 2024, 75% per year through 2030**: the GPT-3-level series so far against the pace.

All money is nominal US dollars of the year stated unless a column says "2023 USD" (Epoch's
estimates, deflated by Epoch with PPI 518210).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from aicost import cache
from aicost.analyses import frontier, llm
from aicost.analyses import price_tags as pt
from aicost.costs import cost_from_hours, price_range
from aicost.data import load
from aicost.trends import Interval, Trend, decimal_year

# -- DeepSeek ------------------------------------------------------------------------------------
V3, R1 = "DeepSeek-V3", "DeepSeek-R1"
V3_DATE = "2024-12-26"          # technical report (arXiv 2412.19437 v1)
R1_DATE = "2025-01-20"          # R1 release; the RL runs ended by then
RENT_AS = "H100"                # the rentable chip priced for the H800 (same die and peak)
SXM = ("H100 SXM5 80GB", "H100 SXM 80GB")   # the form factor DeepSeek trained on (H800 SXM5)
PRICE_KINDS = ("list price",)   # dated on-demand list prices; no 2024 contract price is in the data
V3_CHIP = "H800 SXM5"           # accelerators row for the peak


def inputs() -> dict[tuple[str, str], float]:
    return pt.inputs()


def rental_price(date: str, variants: tuple[str, ...] | None = SXM,
                 window_days: int = pt.PRICE_WINDOW_DAYS) -> Interval:
    """Median (low-high) on-demand list price of an H100 per GPU-hour in the ``window_days`` up
    to ``date`` and none after it; ``variants`` None takes every H100 form (PCIe, NVL too)."""
    return price_range(pt.prices(), RENT_AS, date, window_days, kinds=PRICE_KINDS,
                       not_after=date, variants=variants).interval()


def v3_gpu_hours() -> float:
    return inputs()[(V3, "h800_gpu_hours_total")]


def v3_arithmetic() -> float:
    """The report's own product: its GPU-hours x its assumed $2 per GPU-hour (a reproduction)."""
    return cost_from_hours(v3_gpu_hours(), 1, inputs()[(V3, "assumed_price_per_gpu_hour_usd")])


def implied_utilisation(flop: float, gpu_hours: float, accelerator: str = V3_CHIP) -> float:
    """Share of the chip's dense BF16 peak that ``flop`` in ``gpu_hours`` implies."""
    return flop / (gpu_hours * 3600.0 * pt.peak_flops(accelerator))


def v3_flop() -> float:
    """Epoch's training-compute estimate for DeepSeek-V3 (2026-01 snapshot)."""
    t = load("notable_models_2026").set_index("system")
    return float(t.at[V3, "training_compute_flop"])


def v3_check() -> dict:
    """The independent checks on the V3 figure: implied utilisation of the reported hours for
    Epoch's compute, and the hours at dated rental prices (SXM form; every form; and the
    GPU-hours the compute would need at the 20-50% utilisation range instead of the report's)."""
    hours, flop = v3_gpu_hours(), v3_flop()
    sxm, every = rental_price(V3_DATE), rental_price(V3_DATE, variants=None)
    util_range = pt.UTILISATION
    return {
        "gpu_hours": hours, "flop": flop,
        "implied_utilisation": implied_utilisation(flop, hours),
        "pretraining_share": inputs()[(V3, "h800_gpu_hours_pretraining")] / hours,
        "price_sxm": sxm, "price_every_form": every,
        "cost_sxm": pt.chip_hour_cost(hours, sxm),
        "cost_every_form": pt.chip_hour_cost(hours, every),
        "cost_from_flop": pt.flop_cost(flop, pt.peak_flops(V3_CHIP), util_range, sxm),
        "claimant_price_vs_lowest": inputs()[(V3, "assumed_price_per_gpu_hour_usd")] / every.low,
    }


def r1_gpu_hours() -> float:
    """The supplement's hours: 512 GPUs x (198 h R1-Zero + 80 h R1) + 5,000 GPU-hours of SFT data."""
    i = inputs()
    return i[(R1, "rl_gpus")] * (i[(R1, "r1_zero_hours")] + i[(R1, "r1_hours")]) + i[
        (R1, "sft_data_gpu_hours")]


def r1_arithmetic(with_sft_data: bool = True) -> float:
    i = inputs()
    hours = r1_gpu_hours() if with_sft_data else r1_gpu_hours() - i[(R1, "sft_data_gpu_hours")]
    return cost_from_hours(hours, 1, i[(R1, "assumed_price_per_gpu_hour_usd")])


def r1_check() -> dict:
    hours = r1_gpu_hours()
    price = rental_price(R1_DATE)
    return {"gpu_hours": hours, "price_sxm": price, "cost_sxm": pt.chip_hour_cost(hours, price),
            "share_of_v3_hours": hours / v3_gpu_hours(),
            "v3_plus_r1_at_2_usd": v3_arithmetic() + r1_arithmetic()}


def deepseek_table() -> pd.DataFrame:
    """One row per costing of the two DeepSeek figures (nominal USD)."""
    v, r = v3_check(), r1_check()
    rows = [
        ("DeepSeek-V3", "the report's arithmetic: 2.788M GPU-hours x $2 (reproduction)",
         v3_arithmetic(), v3_arithmetic(), v3_arithmetic()),
        ("DeepSeek-V3", "same hours x H100 SXM on-demand list prices, year to the report",
         *v["cost_sxm"]),
        ("DeepSeek-V3", "same hours x every H100 form's list price, year to the report",
         *v["cost_every_form"]),
        ("DeepSeek-V3", "Epoch's FLOP at 20-50% of peak x H100 SXM prices (no reported hours)",
         *v["cost_from_flop"]),
        ("DeepSeek-R1", "the supplement's arithmetic: 512 x 278 h + 5,000 h, x $2 (reproduction)",
         r1_arithmetic(), r1_arithmetic(), r1_arithmetic()),
        ("DeepSeek-R1", "same hours x H100 SXM on-demand list prices, year to the release",
         *r["cost_sxm"]),
    ]
    return pd.DataFrame(rows, columns=["model", "costing", "usd", "low", "high"])


# -- GPT-4 and Gemini Ultra: three methods --------------------------------------------------------
AI_INDEX_MODELS = {  # register claim -> (Epoch system, ml/notable name, accelerator, date)
    "ai-index-gpt4-78m": ("GPT-4", "GPT-4 (Mar 2023)", "A100", "2023-03-15"),
    "ai-index-gemini-ultra-191m": ("Gemini 1.0 Ultra", "Gemini 1.0 Ultra", "TPU v4", "2023-12-06"),
}
METHODS = {"cloud": "cloud rental", "amortized_hardware_energy": "amortised hardware + energy",
           "hardware_acquisition": "up-front hardware"}


def epoch_method_costs(system: str, version: str = "2025-03") -> dict[str, float]:
    """Epoch's estimate under each method (2023 USD), from the training-cost-trends results."""
    e = load("epoch_training_costs")
    e = e[(e["system"] == system) & (e["results_version"] == version)]
    return {METHODS[m]: float(e.loc[e["method"] == m, "cost_usd"].iloc[0])
            for m in METHODS if (e["method"] == m).any()}


def our_cloud_cost(claim_id: str) -> dict:
    """Our cloud costing: Epoch's training compute at 20-50% of the chip's peak x the on-demand
    list prices dated in the year up to the release (none after); nominal USD."""
    _, name, acc, date = AI_INDEX_MODELS[claim_id]
    t = load("notable_models_2026").set_index("system")
    flop = float(t.at[name, "training_compute_flop"])
    price = pt.price_at(acc, date, kinds=PRICE_KINDS)
    chips, hours = float(t.at[name, "hardware_quantity"]), float(t.at[name, "training_time_hours"])
    return {"flop": flop, "price": price, "accelerator": acc, "date": date,
            "from_flop": pt.flop_cost(flop, pt.peak_flops(acc), pt.UTILISATION, price),
            "chip_hours": chips * hours,
            "from_chip_hours": pt.chip_hour_cost(chips * hours, price),
            "implied_utilisation": flop / (chips * hours * 3600.0 * pt.peak_flops(acc))}


def three_methods_table() -> pd.DataFrame:
    """Per model: the AI Index figure, Epoch's three costings (2023 USD) and ours (nominal)."""
    rows = []
    claims = {"ai-index-gpt4-78m": 78e6, "ai-index-gemini-ultra-191m": 191e6}
    for cid, (system, _, acc, _) in AI_INDEX_MODELS.items():
        ep = epoch_method_costs(system)
        ours = our_cloud_cost(cid)["from_flop"]
        rows.append({"model": system, "AI Index 2024": claims[cid], **{
            f"Epoch {k}": v for k, v in ep.items()},
            "ours (cloud, on-demand)": ours.value, "ours low": ours.low, "ours high": ours.high})
    return pd.DataFrame(rows)


# -- frontier costs: Cottier et al. and the forecasts ---------------------------------------------
COTTIER_DATE = "2024-05-31"     # arXiv 2405.21015 v1
COTTIER_START = 2016.0
FORECAST_DEADLINE = "2027-12-31"
OBSERVED_TO = "2025-12-31"      # the newest Epoch snapshot's last publication date


@cache.memo(maxsize=1)
def epoch_2026() -> pd.DataFrame:
    """Epoch's frontier-flagged notable models (2026-01 snapshot) with a cost estimate (2023 USD,
    amortised hardware + energy: Epoch's headline method), published from 2016 on."""
    t = load("notable_models_2026")
    t = t[(t["frontier_model"].astype(str).str.lower() == "true")
          & t["epoch_cost_estimate_usd_2023"].notna()].copy()
    t["x"] = decimal_year(t["date"])
    t = t[t["x"] >= COTTIER_START]
    return t.sort_values(["x", "system"]).reset_index(drop=True)


def cottier_trends() -> dict[str, Trend]:
    """Growth-rate readings (bootstrap over models): ours to the paper's date (primary), ours to
    the newest model, Epoch 2026-01 to the paper's date and to 2025-12 (reproductions)."""
    end = float(decimal_year([COTTIER_DATE])[0])
    ours = frontier.our_costs()
    e = epoch_2026()
    return {
        "ours: top-10 models at dated on-demand prices, 2016 to the paper (primary)":
            frontier.cost_trend(ours, "cost", end),
        "ours: same, 2016 to the newest model": frontier.cost_trend(ours, "cost"),
        "Epoch 2026-01 amortised (2023 USD), 2016 to the paper (reproduction)":
            frontier.cost_trend(e, "epoch_cost_estimate_usd_2023", end),
        "Epoch 2026-01 amortised (2023 USD), 2016 to 2025-12":
            frontier.cost_trend(e, "epoch_cost_estimate_usd_2023"),
    }


def cottier_table() -> pd.DataFrame:
    rows = []
    for label, t in cottier_trends().items():
        f = t.annual_factor()
        rows.append({"reading": label, "models": t.n, "x per year": f.value, "low": f.low,
                     "high": f.high})
    return pd.DataFrame(rows)


def largest_runs(year: int = 2025, top: int = 8) -> pd.DataFrame:
    """The notable models of ``year`` with the most training compute (Epoch 2026-01), with Epoch's
    amortised cost (2023 USD) and, where Epoch published them, the cloud and up-front costings."""
    t = load("notable_models_2026")
    t = t[pd.to_datetime(t["date"]).dt.year == year]
    t = t.sort_values("training_compute_flop", ascending=False).head(top)
    out = t[["system", "date", "organization", "training_compute_flop", "hardware_quantity",
             "epoch_cost_estimate_usd_2023"]].copy()
    e = load("epoch_training_costs")
    e = e[e["results_version"] == "2025-03"]
    for m, label in (("cloud", "epoch_cloud_usd_2023"),
                     ("hardware_acquisition", "epoch_hardware_usd_2023")):
        vals = e[e["method"] == m].set_index("system")["cost_usd"]
        alias = out["system"].str.replace(" ", "-", regex=False)   # "Grok 3" is "Grok-3" there
        out[label] = [vals.get(s, vals.get(a, math.nan)) for s, a in zip(out["system"], alias,
                                                                          strict=True)]
    return out.reset_index(drop=True)


def hardware_upfront(system: str) -> float:
    """Up-front price of the chips alone for models whose chip count Epoch gives but not the chip:
    count x the H100 DGX-card price of ``accelerators`` (a lower bound on cluster capex)."""
    t = load("notable_models_2026").set_index("system")
    acc = pt.accelerators().loc[RENT_AS]
    return float(t.at[system, "hardware_quantity"]) * float(acc["release_price_usd"])


def largest_so_far(until: str = OBSERVED_TO) -> pd.Series:
    """The frontier model with the largest Epoch amortised cost published by ``until``."""
    e = epoch_2026()
    e = e[pd.to_datetime(e["date"]) <= pd.Timestamp(until)]
    return e.loc[e["epoch_cost_estimate_usd_2023"].idxmax()]


def cottier_projection(deadline: str = FORECAST_DEADLINE) -> Interval:
    """Epoch's amortised frontier trend (2026-01 data, 2016 to 2025-12) at the deadline: the fitted
    *typical* frontier cost then, with its 95% bootstrap band (not the largest run)."""
    t = cottier_trends()["Epoch 2026-01 amortised (2023 USD), 2016 to 2025-12"]
    p = t.predict([deadline]).iloc[0]
    return Interval(float(p["fit"]), float(p["low"]), float(p["high"]))


def growth_needed(target: float = 1e9, deadline: str = FORECAST_DEADLINE,
                  until: str = OBSERVED_TO) -> float:
    """Annual factor the largest amortised cost so far must grow by to reach ``target`` by the
    deadline."""
    big = largest_so_far(until)
    years = float(decimal_year([deadline])[0] - decimal_year([until])[0])
    return (target / float(big["epoch_cost_estimate_usd_2023"])) ** (1.0 / years)


# -- fixed-capability cost: Amodei ~4x, ARK 75% ---------------------------------------------------
ARK_2024_DATE = "2024-01-31"
ARK_2024_END = "2030-12-31"


def gpt3_level_trend() -> Trend:
    """The record-frontier fit of the GPT-3-level training cost (notebook 04's headline)."""
    return llm.headline()[0]


def gpt3_level_so_far(start: str = ARK_2024_DATE) -> dict:
    """Cheapest GPT-3-level cost at release known by ``start`` and by the newest model of the
    series, and the average percent decline per year between (llm's two-point decline)."""
    trend, frame = llm.headline()
    used = llm.used(frame)
    x0 = float(decimal_year([start])[0])
    x1 = float(used["x"].max())
    c0, c1 = llm.frontier_at(frame, x0), llm.frontier_at(frame, x1)
    return {"cost_start": c0, "cost_end": c1, "x_start": x0, "x_end": x1, "years": x1 - x0,
            "pct_per_year": llm.two_point_decline(c0, c1, x1 - x0),
            "needed_by_now": c0 * 0.25 ** (x1 - x0)}
