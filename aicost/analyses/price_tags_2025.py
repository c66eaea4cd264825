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

import pandas as pd

from aicost import cache
from aicost.analyses import frontier, llm
from aicost.analyses import price_tags as pt
from aicost.claims import Estimate
from aicost.costs import cost_from_hours, price_range
from aicost.data import load
from aicost.scorecard import assesses
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
# register claim -> (Epoch system, notable-models name, accelerator, last date a price may carry):
# GPT-4's evaluations began in August 2022 (system card), so its run ended by then; Gemini Ultra's
# end of training is not public, so its release date.
AI_INDEX_MODELS = {
    "ai-index-gpt4-78m": ("GPT-4", "GPT-4 (Mar 2023)", "A100", "2022-08-31"),
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


CENTRAL_UTILISATION = (pt.UTILISATION[1],) * 3  # the interval spans the prices only
OTHER_UTILISATIONS = (pt.UTILISATION[0], pt.UTILISATION[2])  # analyst choices: alternatives


def utilisation_alternatives(flop: float, peak: float, price: Interval) -> list:
    """The same costing at the other assumed utilisations (20% and 50% of peak): alternative
    readings, since an assumed utilisation is a choice, not a spread of measured inputs."""
    return [(f"utilisation {u:.0%} of peak instead of {CENTRAL_UTILISATION[0]:.0%}",
             _range(pt.flop_cost(flop, peak, (u,) * 3, price))) for u in OTHER_UTILISATIONS]


def our_cloud_cost(claim_id: str) -> dict:
    """Our cloud costing: Epoch's training compute at 30% of the chip's peak x the on-demand
    list prices dated in the year up to the release (none after); nominal USD."""
    _, name, acc, date = AI_INDEX_MODELS[claim_id]
    t = load("notable_models_2026").set_index("system")
    flop = float(t.at[name, "training_compute_flop"])
    price = pt.price_at(acc, date, kinds=PRICE_KINDS)
    chips, hours = float(t.at[name, "hardware_quantity"]), float(t.at[name, "training_time_hours"])
    return {"flop": flop, "price": price, "accelerator": acc, "date": date,
            "from_flop": pt.flop_cost(flop, pt.peak_flops(acc), CENTRAL_UTILISATION, price),
            "chip_hours": chips * hours,
            "from_chip_hours": pt.chip_hour_cost(chips * hours, price),
            "implied_utilisation": flop / (chips * hours * 3600.0 * pt.peak_flops(acc))}


def three_methods_table() -> pd.DataFrame:
    """Per model: the AI Index figure, Epoch's three costings (2023 USD) and ours (nominal)."""
    rows = []
    claims = {"ai-index-gpt4-78m": 78e6, "ai-index-gemini-ultra-191m": 191e6}
    for cid, (system, _, _acc, _) in AI_INDEX_MODELS.items():
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


# -- assessors ------------------------------------------------------------------------------------
def _range(iv: Interval, note: str = "", kind: str = "measurement range") -> Estimate:
    return Estimate.from_interval(tuple(iv), note, kind=kind)


def commitment_scaled(iv: Interval) -> Interval:
    """``iv`` x the median 3-year-commitment / on-demand price ratio of the offers that list both
    (:func:`aicost.analyses.frontier.commitment_ratio`): what a long reservation would have cost,
    borrowed from other chips' offers (no dated H100 or 2023 commitment price is in the data)."""
    r = frontier.commitment_ratio()[0]
    return iv.map(lambda v: v * r)


@assesses("deepseek-v3-5.6m", "deepseek-r1-294k")
def assess_deepseek() -> dict[str, Estimate]:
    """Primary: the reported GPU-hours (checked against Epoch's compute: implied utilisation) at
    the H100 SXM on-demand list prices dated in the year up to the report, none after: a
    measurement range over the dated prices. Reproduction: the claimant's own product."""
    v, r = v3_check(), r1_check()
    v3 = _range(v["cost_sxm"], f"2.788M GPU-hours x H100 SXM list prices {v['price_sxm'].low:.2f}"
                f"-{v['price_sxm'].high:.2f} USD/h; the hours imply {v['implied_utilisation']:.0%} "
                "of the H800's dense BF16 peak for Epoch's 3.4e24 FLOP")
    v3 = v3.with_alternatives([
        ("every H100 form (PCIe and NVL too)", _range(v["cost_every_form"])),
        ("Epoch's FLOP at 20-50% of peak, no reported hours", _range(v["cost_from_flop"])),
        ("list prices x the median 3-year-commitment discount of other offers",
         _range(commitment_scaled(v["cost_sxm"]))),
    ]).with_reproduction(Estimate.exact(v3_arithmetic(), "2.788M GPU-hours x $2"))
    r1 = _range(r["cost_sxm"], "147,336 GPU-hours (512 x 278 h + 5,000 h) x H100 SXM list prices "
                "dated in the year up to R1's release")
    r1 = r1.with_alternatives([
        ("RL runs only (without the 5,000 SFT-data GPU-hours)",
         _range(pt.chip_hour_cost(r["gpu_hours"] - inputs()[(R1, "sft_data_gpu_hours")],
                                  r["price_sxm"]))),
        ("list prices x the median 3-year-commitment discount of other offers",
         _range(commitment_scaled(r["cost_sxm"]))),
    ]).with_reproduction(Estimate.exact(r1_arithmetic(), "512 x (198 + 80) h + 5,000 h, x $2"))
    return {"deepseek-v3-5.6m": v3, "deepseek-r1-294k": r1}


@assesses("ai-index-gpt4-78m", "ai-index-gemini-ultra-191m")
def assess_ai_index() -> dict[str, Estimate]:
    """Primary: cloud rental of the final run from Epoch's training compute at 30% of the chip's
    peak and the on-demand list prices dated in the year up to the release (the interval is the
    spread of those prices; 20% and 50% of peak are alternatives). Reproduction: Epoch's own
    cloud costing (the AI Index figures are Epoch's)."""
    out = {}
    for cid, (system, _, acc, date) in AI_INDEX_MODELS.items():
        o = our_cloud_cost(cid)
        ep = epoch_method_costs(system)
        est = _range(o["from_flop"], f"Epoch's {o['flop']:.2g} FLOP at 30% of the {acc} peak x "
                     f"{acc} list prices {o['price'].low:.2f}-{o['price'].high:.2f} USD/h dated in "
                     f"the year up to {date}")
        alts = [*utilisation_alternatives(o["flop"], pt.peak_flops(acc), o["price"]),
                ("Epoch's chip count x training time x the same prices",
                 _range(o["from_chip_hours"])),
                ("on-demand x the median 3-year-commitment discount (as Epoch's cloud costing)",
                 _range(commitment_scaled(o["from_flop"])))]
        out[cid] = est.with_alternatives(alts).with_reproduction(
            Estimate.exact(ep["cloud rental"], "Epoch's cloud costing, 2023 USD "
                           "(training-cost-trends 2025-03)"))
    return out


@assesses("cottier-2.4x")
def assess_cottier() -> dict[str, Estimate]:
    ts = list(cottier_trends().items())
    (_label, primary), rest = ts[0], ts[1:]
    f = primary.annual_factor()
    alts = [(lab, Estimate.from_interval(tuple(t.annual_factor()), f"{t.n} models",
                                         kind="95% bootstrap CI"))
            for lab, t in rest if "reproduction" not in lab]
    rep = next(t for lab, t in rest if "reproduction" in lab)
    return {"cottier-2.4x": Estimate.from_interval(
        tuple(f), f"{primary.n} top-10-at-release models 2016 to 2024-05 costed at on-demand "
        "prices dated before release; bootstrap over models", kind="95% bootstrap CI",
        alternatives=alts, reproduction=Estimate.from_interval(
            tuple(rep.annual_factor()), f"Epoch's amortised costs, {rep.n} frontier models",
            kind="95% bootstrap CI"))}


@assesses("cottier-1b-2027")
def assess_cottier_forecast() -> dict[str, Estimate]:
    big = largest_so_far()
    p = cottier_projection()
    return {"cottier-1b-2027": Estimate.pending(
        f"not due before the end of 2027; decided by the largest amortised hardware + energy cost "
        f"of a final run published by then (Epoch's costing), against 1 billion USD; so far the "
        f"largest is {big['system']} ({big['date']:%Y-%m}), and reaching 1 billion by the end of "
        f"2027 needs {growth_needed():.2f}x a year from it; Epoch's trend puts the typical frontier "
        f"run at {p.value / 1e6:,.0f}M USD then (95% band {p.low / 1e6:,.0f}M-{p.high / 1e6:,.0f}M)",
        value=float(big["epoch_cost_estimate_usd_2023"]), note="largest so far, 2023 USD",
        interval="exact")}


@assesses("amodei-10-100b")
def assess_amodei_runs() -> dict[str, Estimate]:
    runs = largest_runs(2025)
    amort = float(runs["epoch_cost_estimate_usd_2023"].max())
    cloud = float(runs["epoch_cloud_usd_2023"].max())
    hw = float(runs["epoch_hardware_usd_2023"].max())
    chips = hardware_upfront("Grok 4")
    return {"amodei-10-100b": Estimate.pending(
        "not due before the end of 2027 (the last year named); decided by the largest single "
        "training run of 2025-2027 reaching 10 billion USD on the cost basis the words mean "
        "(read as the final run's compute cost); no 2025 run reached it on any basis in Epoch's "
        f"data: largest amortised {amort / 1e6:,.0f}M, cloud rental {cloud / 1e9:.2f}B, up-front "
        f"hardware {hw / 1e9:.1f}B (2023 USD), Grok 4's 200,000 chips alone ~{chips / 1e9:.1f}B "
        "at the H100 card price", value=amort, note="largest 2025 amortised cost, 2023 USD",
        interval="exact")}


@assesses("amodei-4x")
def assess_amodei_rate() -> dict[str, Estimate]:
    t = gpt3_level_trend()
    return {"amodei-4x": Estimate.from_interval(
        tuple(t.annual_decline_factor()), f"GPT-3-level training cost (notebook 04): "
        f"{t.method}")}


SONNET = "Claude 3.5 Sonnet"
SONNET_DATE = "2024-04-29"   # training ended "9-12 months" before the essay (2025-01-29)


def sonnet_cost() -> dict:
    """Epoch's compute for Claude 3.5 Sonnet at 30% of the H100 peak x H100 SXM list prices
    dated in the year up to the latest end of training Amodei's essay allows (the training chips
    are not public), and Epoch's amortised
    estimate (2023 USD)."""
    t = load("notable_models_2026").set_index("system")
    flop = float(t.at[SONNET, "training_compute_flop"])
    price = rental_price(SONNET_DATE)
    return {"flop": flop, "price": price,
            "cloud": pt.flop_cost(flop, pt.peak_flops(RENT_AS), CENTRAL_UTILISATION, price),
            "epoch_amortised": float(t.at[SONNET, "epoch_cost_estimate_usd_2023"])}


@assesses("amodei-sonnet-tens-of-millions")
def assess_sonnet() -> dict[str, Estimate]:
    s = sonnet_cost()
    e = s["epoch_amortised"]
    return {"amodei-sonnet-tens-of-millions": _range(
        s["cloud"], f"Epoch's {s['flop']:.2g} FLOP (speculative) at 30% of the H100 peak x H100 "
        "SXM list prices dated in the year up to the end of training").with_alternatives([
            *utilisation_alternatives(s["flop"], pt.peak_flops(RENT_AS), s["price"]),
            ("Epoch's amortised hardware + energy estimate (2023 USD)", Estimate.exact(e)),
            ("on-demand x the median 3-year-commitment discount",
             _range(commitment_scaled(s["cloud"])))])}


@assesses("ark-2024-75pct")
def assess_ark_2024() -> dict[str, Estimate]:
    s = gpt3_level_so_far()
    return {"ark-2024-75pct": Estimate.pending(
        "not due before the end of 2030; decided by the average yearly fall of the cheapest "
        "GPT-3-level training cost from the claim (2024-01) to 2030 against 75% a year; so far the "
        f"record fell from {s['cost_start']:,.0f} to {s['cost_end']:,.0f} USD in "
        f"{s['years']:.1f} years of data (the 75% pace would be at {s['needed_by_now']:,.0f})",
        value=s["pct_per_year"], note="percent per year so far, two-point", interval="exact")}
