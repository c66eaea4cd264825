"""Famous training price tags re-estimated: GPT-3, BERT, Grover, GPT-2, M6-10T, MT-NLG, AlphaGo.

Notebook 08. For each model, our estimate of the cloud cost of the final training run:

- from compute: ``training FLOP / (peak x utilisation) x price per accelerator-hour`` near the
  training date (``aicost.costs.cost_from_flop``), the range spanning the utilisation range
  (``UTILISATION``, an assumption unless the paper reports achieved throughput) and the low-high
  on-demand prices dated in the year up to the date, none later (``aicost.costs.price_range``
  with ``not_after``);
- from chip-hours where hardware count and run length are reported: ``chips x hours x price``.

Arithmetic claims are recomputed from their own inputs; their interval is the exact value, or the
range the claim's own rounding implies. Every price tag is also given in constant dollars of
``BASE_YEAR`` (CPI-U), the year Epoch AI uses for its cost estimates.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from aicost import cache
from aicost.claims import Estimate, register
from aicost.costs import (
    cost_from_flop,
    cost_from_hours,
    first_price,
    latest_price,
    price_range,
    to_constant_dollars,
)
from aicost.data import load
from aicost.scorecard import assesses
from aicost.trends import Interval, stated_range

# Model FLOP utilisation assumed where a paper reports none: low, central, high. An assumption
# spanning what large training runs of 2018-2022 report (the MT-NLG paper's own figures are
# used for MT-NLG); it is not a measurement.
UTILISATION = (0.2, 0.3, 0.5)
PRICE_WINDOW_DAYS = 365
BASE_YEAR = 2023


@cache.memo(maxsize=1)
def systems() -> pd.DataFrame:
    return load("ml_systems").set_index("system")


@cache.memo(maxsize=1)
def prices() -> pd.DataFrame:
    return load("cloud_prices")


@cache.memo(maxsize=1)
def accelerators() -> pd.DataFrame:
    return load("accelerators").set_index("accelerator")


@cache.memo(maxsize=1)
def cpi() -> pd.DataFrame:
    return load("price_index")


@cache.memo(maxsize=1)
def inputs() -> dict[tuple[str, str], float]:
    """data/price_tag_inputs.csv as ``{(system, fact): value}``."""
    t = load("price_tag_inputs")
    return {(r.system, r.fact): float(r.value) for r in t.itertuples()}


@dataclass(frozen=True)
class PriceTag:
    """One price-tag claim and how we re-estimate it."""

    claim_id: str
    model: str              # as shown
    system: str | None      # ml_systems row (None: not in Epoch)
    accelerator: str        # chip we price (the one trained on, or the nearest rentable one)
    date: str               # near the training date (publication date unless stated)
    scope: str              # what the claimed figure covers
    price_note: str = ""


TAGS = (
    PriceTag("gpt3-12m", "GPT-3 175B", "GPT-3 175B (davinci)", "V100", "2020-05-28",
             "final training run (reported estimate; its basis is not given)"),
    PriceTag("bert-6912", "BERT-Large", "BERT-Large", "TPU v2", "2018-10-11",
             "final run: 16 Cloud TPU v2 devices for four days at list price"),
    PriceTag("grover-25k", "Grover-Mega", None, "TPU v3", "2019-05-29",
             "final run at the authors' price per TPU v3 core-hour (two weeks)"),
    PriceTag("gpt2-256-per-hour", "GPT-2 1.5B", "GPT-2 (1.5B)", "TPU v3", "2019-02-14",
             "hourly rate of the final run's hardware (32 Cloud TPU v3 devices), not a total"),
    PriceTag("m6-10t-300k", "M6-10T", None, "V100", "2021-10-08",
             "final run priced by the article: 512 GPUs x 10 days x a GCP V100 price"),
    PriceTag("mt-nlg-millions", "MT-NLG 530B", "Megatron-Turing NLG 530B", "A100", "2021-10-11",
             "'experts' on the final run (unnamed; basis not given)"),
    PriceTag("alphago-35m", "AlphaGo Zero", "AlphaGo Zero", "TPU v2", "2017-10-18",
             "all experiments of the paper at cloud TPU prices (the estimate's author says so)",
             "TPU v1 was never rented; priced as the first rentable TPU (v2)"),
)
TAG = {t.claim_id: t for t in TAGS}


# -- general helpers ----------------------------------------------------------------------------
def peak_flops(accelerator: str) -> float:
    """Peak dense FLOP/s of one chip at the precision large models train at (tensor FP16/BF16
    where the chip has it, else FP16, else FP32)."""
    row = accelerators().loc[accelerator]
    for col in ("tensor_fp16_bf16_flops", "fp16_flops", "fp32_flops"):
        if pd.notna(row[col]):
            return float(row[col])
    raise LookupError(f"no peak FLOP/s for {accelerator}")


def flop_cost(flop: float, peak: float, utilisation: tuple[float, float, float],
              price: Interval) -> Interval:
    """Cost of ``flop`` at ``peak`` FLOP/s per chip: central = central utilisation x median
    price; low = highest utilisation x lowest price; high = lowest utilisation x highest price."""
    u_lo, u_mid, u_hi = utilisation
    return Interval(cost_from_flop(flop, peak, u_mid, price.value),
                    cost_from_flop(flop, peak, u_hi, price.low),
                    cost_from_flop(flop, peak, u_lo, price.high))


def chip_hour_cost(chip_hours: float, price: Interval) -> Interval:
    """``chip_hours`` x the median / low / high price per chip-hour."""
    return Interval(cost_from_hours(chip_hours, 1, price.value),
                    cost_from_hours(chip_hours, 1, price.low),
                    cost_from_hours(chip_hours, 1, price.high))


def price_near(accelerator: str, date: str, window_days: int = PRICE_WINDOW_DAYS) -> Interval:
    """Median (low-high) on-demand price per chip-hour within +-window of ``date``."""
    pr = price_range(prices(), accelerator, date, window_days)
    return pr.interval()


def price_at(accelerator: str, date: str, window_days: int = PRICE_WINDOW_DAYS,
             kinds: tuple[str, ...] | None = None) -> Interval:
    """Median (low-high) on-demand price per chip-hour in the ``window_days`` up to ``date`` and
    none after it (no look-ahead); if no price existed by then (a chip first rented later), the
    earliest prices within the window after it, and the caller says so."""
    try:
        return price_range(prices(), accelerator, date, window_days, not_after=date,
                           kinds=kinds).interval()
    except LookupError:
        return price_near(accelerator, date, window_days)


def constant(usd: float, year: int, base_year: int = BASE_YEAR) -> float:
    """Nominal ``usd`` of ``year`` in ``base_year`` dollars (CPI-U)."""
    return to_constant_dollars(usd, year, base_year, cpi())


# -- per-model estimates ------------------------------------------------------------------------
def utilisation_for(tag: PriceTag) -> tuple[tuple[float, float, float], str]:
    """The utilisation range used for a model and where it comes from."""
    if tag.claim_id == "mt-nlg-millions":
        inp = inputs()
        peak = peak_flops(tag.accelerator)
        lo = inp[(tag.system, "achieved_tflops_per_gpu_low")] * 1e12 / peak
        hi = inp[(tag.system, "achieved_tflops_per_gpu_high")] * 1e12 / peak
        return (lo, (lo + hi) / 2, hi), "paper's achieved TFLOP/s per GPU"
    return UTILISATION, "assumed"


def chip_hours_reported(tag: PriceTag) -> tuple[float, str] | None:
    """(chip-hours, basis) where hardware count and time are reported, else None."""
    inp = inputs()
    if tag.claim_id == "grover-25k":
        cores = inp[("Grover-Mega", "tpu_v3_cores")]
        return cores / 2 * inp[("Grover-Mega", "training_time_hours")], "paper (cores unverified)"
    if tag.claim_id == "gpt2-256-per-hour":
        chips = inp[("GPT-2 (1.5B)", "tpu_v3_devices")] * 4
        return chips * inp[("GPT-2 (1.5B)", "training_time_hours")], "third party (unverified)"
    if tag.claim_id == "m6-10t-300k":
        return inp[("M6-10T", "gpus")] * inp[("M6-10T", "training_time_hours")], "paper abstract"
    if tag.system is None:
        return None
    row = systems().loc[tag.system]
    if pd.notna(row["training_chip_hours"]):
        return float(row["training_chip_hours"]), "Epoch"
    if pd.notna(row["hardware_quantity"]) and pd.notna(row["training_time_hours"]):
        return float(row["hardware_quantity"] * row["training_time_hours"]), "Epoch"
    return None


def estimate_tag(tag: PriceTag) -> dict:
    """Our estimates for one model: compute-based and chip-hour-based total cost (nominal USD
    of the training year, with ranges), Epoch's estimate (2023 USD) and the inputs used."""
    price = price_at(tag.accelerator, tag.date)  # no price dated after the run
    util, util_basis = utilisation_for(tag)
    out = {"claim_id": tag.claim_id, "model": tag.model, "accelerator": tag.accelerator,
           "year": pd.Timestamp(tag.date).year, "price": price, "utilisation": util,
           "utilisation_basis": util_basis, "flop": float("nan"), "from_compute": None,
           "from_chip_hours": None, "chip_hours": float("nan"), "chip_hours_basis": "",
           "epoch_2023usd": float("nan"), "scope": tag.scope}
    if tag.system is not None:
        row = systems().loc[tag.system]
        out["flop"] = float(row["training_compute_flop"])
        out["from_compute"] = flop_cost(out["flop"], peak_flops(tag.accelerator), util, price)
        if pd.notna(row["epoch_cost_estimate_usd_2023"]):
            out["epoch_2023usd"] = float(row["epoch_cost_estimate_usd_2023"])
    ch = chip_hours_reported(tag)
    if ch is not None:
        out["chip_hours"], out["chip_hours_basis"] = ch
        out["from_chip_hours"] = chip_hour_cost(ch[0], price)
    return out


def primary(est: dict) -> Interval:
    """The estimate a verdict uses: from compute where Epoch has the compute, else chip-hours."""
    return est["from_compute"] if est["from_compute"] is not None else est["from_chip_hours"]


@cache.memo(maxsize=1)
def all_estimates() -> dict[str, dict]:
    return {t.claim_id: estimate_tag(t) for t in TAGS}


def gpt2_rate() -> Interval:
    """GPT-2's hardware rate: chips x on-demand price per chip-hour in the year up to the run
    (USD per hour)."""
    tag = TAG["gpt2-256-per-hour"]
    chips = inputs()[("GPT-2 (1.5B)", "tpu_v3_devices")] * 4
    return all_estimates()[tag.claim_id]["price"].map(lambda p: chips * p)


def grover_at_paper_price() -> float:
    """Grover-Mega's chip-hours at the paper's own price per core-hour (reproduces the claim)."""
    inp = inputs()
    return (inp[("Grover-Mega", "tpu_v3_cores")] * inp[("Grover-Mega", "training_time_hours")]
            * inp[("Grover-Mega", "price_per_core_hour_usd")])


# -- arithmetic claims --------------------------------------------------------------------------
def m6_claim_price() -> float:
    """The article's own input, USD per GPU-hour ("the cheapest V100 plan available through
    Google Cloud Platform"): the registered claim ``v100-gcp-2.28``."""
    return register()["v100-gcp-2.28"].claimed_value


def m6_arithmetic() -> float:
    """The article's own product: 512 GPUs x 10 days x 24 h x its price per GPU-hour."""
    inp = inputs()
    return cost_from_hours(inp[("M6-10T", "training_time_hours")], inp[("M6-10T", "gpus")],
                           m6_claim_price())


def m6_ratio() -> float:
    """M6-10T parameters / GPT-3 175B parameters (Epoch's GPT-3 count)."""
    return inputs()[("M6-10T", "parameters")] / float(systems().loc["GPT-3 175B (davinci)",
                                                                      "parameters"])


def rounding_interval(value: float, claimed: float) -> Interval:
    """``value`` with the half-unit of the claim's last stated digit either side (a claim of
    '57' is stated to the unit, so +-0.5)."""
    text = f"{claimed:g}"
    step = 10.0 ** -(len(text.split(".")[1])) if "." in text else 1.0
    if "." not in text:
        stripped = text.rstrip("0")
        step = 10.0 ** (len(text) - len(stripped)) if stripped else 1.0
    return Interval(value, value - step / 2, value + step / 2)


# -- table for the notebook ---------------------------------------------------------------------
def summary() -> pd.DataFrame:
    """One row per price-tag claim: claim, our estimate(s) and Epoch's, nominal and 2023 USD."""
    claims = register()
    rows = []
    for tag in TAGS:
        est = all_estimates()[tag.claim_id]
        c = claims[tag.claim_id]
        pe = primary(est)
        claimed_total = c.claimed_value
        if tag.claim_id == "gpt2-256-per-hour":
            claimed_total = c.claimed_value * inputs()[("GPT-2 (1.5B)", "training_time_hours")]
        rows.append({
            "model": tag.model, "year": est["year"], "claimed_usd": claimed_total,
            "ours_usd": pe.value, "ours_low": pe.low, "ours_high": pe.high,
            "basis": "compute" if est["from_compute"] is not None else "chip-hours",
            "claimed_2023usd": constant(claimed_total, est["year"]),
            "ours_2023usd": constant(pe.value, est["year"]),
            "ours_low_2023usd": constant(pe.low, est["year"]),
            "ours_high_2023usd": constant(pe.high, est["year"]),
            "epoch_2023usd": est["epoch_2023usd"],
        })
    return pd.DataFrame(rows)


# -- assessor -----------------------------------------------------------------------------------
IMAGENET_UNTESTABLE = (
    "the $100B figure extrapolates ImageNet error against training compute across published "
    "models (Thompson et al. 2020) and prices the compute; our data have training compute but no "
    "ImageNet error rates for those models, so the error-vs-compute fit cannot be re-derived")


def scope_word(claim_id: str) -> str:
    """What run our compute-based figure prices."""
    if claim_id == "alphago-35m":
        return "the 40-day run incl. self-play (Epoch's base-snapshot compute)"
    return "final run"


def priced_before(accelerator: str, date: str, window_days: int = PRICE_WINDOW_DAYS) -> bool:
    """Whether ``accelerator`` had an on-demand price in the window up to ``date``."""
    try:
        price_range(prices(), accelerator, date, window_days, not_after=date)
        return True
    except LookupError:
        return False


def latest_list_price(accelerator: str, date: str) -> float:
    """The most recent list price per chip-hour dated on or before ``date``
    (:func:`aicost.costs.latest_price`; the US region where regions differ)."""
    return latest_price(prices(), accelerator, date)


def cent_range(chip_hours: float, price: float) -> Interval:
    """``chip_hours`` x ``price`` with the range of a price published to the cent (+-0.5 cent):
    the measurement range of a product of stated hardware, time and list price."""
    return stated_range([(chip_hours, 0), (price, 0.01)])


def _alts_from_compute(e: dict, price: Interval) -> list:
    """Compute-based costs at each end of the utilisation range and of the price window."""
    flop, peak = e["flop"], peak_flops(e["accelerator"])
    u_lo, u_mid, u_hi = e["utilisation"]
    out = []
    for label, u, p in ((f"utilisation {u_lo:.2f}", u_lo, price.value),
                        (f"utilisation {u_hi:.2f}", u_hi, price.value),
                        ("lowest price in the window", u_mid, price.low),
                        ("highest price in the window", u_mid, price.high)):
        out.append((label, Estimate.exact(cost_from_flop(flop, peak, u, p))))
    return out


def alphago_device_hours() -> float:
    """AlphaGo Zero's self-play in TPU-hours from the game counts in Epoch's notes: games x moves
    per game x seconds per move x TPUs per player / 3600 (each TPU priced as one Cloud TPU)."""
    inp = inputs()
    g = "AlphaGo Zero"
    return (inp[(g, "self_play_games")] * inp[(g, "moves_per_game")]
            * inp[(g, "seconds_per_move")] * inp[(g, "tpus_per_player")] / 3600.0)


def assess_alphago(e: dict) -> Estimate:
    """alphago-35m on the estimate's own basis: self-play TPU-hours x the first published Cloud
    TPU price per device (4 TPU v2 chips); AlphaGo Zero ran on TPU v1, never rented, and no
    Cloud TPU price existed in 2017."""
    hours = alphago_device_hours()
    when, per_chip = first_price(prices(), "TPU v2")
    device = 4 * per_chip
    inp, g = inputs(), "AlphaGo Zero"
    # the game count (29 million), the average moves (211) and the seconds per move (0.8) are
    # rounded figures; the TPU count and the published price are taken as stated
    rng = stated_range([(inp[(g, "self_play_games")], 1e6), (inp[(g, "moves_per_game")], 1),
                        (inp[(g, "seconds_per_move")], 0.1), (inp[(g, "tpus_per_player")], 0),
                        (device / 3600.0, 0)])
    blist = latest_list_price("TPU v2", "2018-12-31")
    price = price_at("TPU v2", TAG["alphago-35m"].date)
    flop, peak = e["flop"], peak_flops("TPU v2")
    alts = (("TPU-hours x the late-2018 list price per device", Estimate.exact(hours * 4 * blist)),
            ("TPU-hours x the first price per chip (one chip per TPU)",
             Estimate.exact(hours * per_chip)),
            (f"training compute at utilisation {e['utilisation'][1]:.2f}, median chip price",
             Estimate.exact(cost_from_flop(flop, peak, e["utilisation"][1], price.value))))
    return Estimate.from_interval(
        rng, f"{hours / 1e6:.2f} million TPU-hours of self-play (Epoch's notes) x the first "
             f"published Cloud TPU price, {when.date()}, USD {device:.2f} per device (4 chips; "
             "after the run: no rental price existed in 2017); range = rounding of the game "
             "count, moves per game and seconds per move", kind="measurement range",
        alternatives=alts)


@assesses("gpt3-12m", "bert-6912", "grover-25k", "gpt2-256-per-hour", "m6-10t-300k",
          "m6-10t-57x-gpt3", "mt-nlg-millions", "alphago-35m", "imagenet-5pct-100b")
def assess_price_tags() -> dict[str, Estimate]:
    """Primary readings (register): each tag on the claimant's stated basis where one exists
    (BERT: 64 TPU v2 chips x 96 h at the list price; Grover: the paper's price per core-hour;
    GPT-2: the hardware's hourly rate; M6-10T: the article's own inputs); otherwise from training
    compute at the central utilisation and the median on-demand price dated up to the run.
    Utilisation and price choices are alternatives, never the interval."""
    est = all_estimates()
    inp = inputs()
    out = {}
    for cid in ("gpt3-12m",):
        e = est[cid]
        price = price_at(e["accelerator"], TAG[cid].date)
        flop, peak = e["flop"], peak_flops(e["accelerator"])
        central = cost_from_flop(flop, peak, e["utilisation"][1], price.value)
        alts = _alts_from_compute(e, price)
        if e["from_chip_hours"] is not None:
            alts.append((f"{e['chip_hours_basis']} chip-hours x median price",
                         Estimate.exact(e["chip_hours"] * price.value)))
        late = "" if priced_before(e["accelerator"], TAG[cid].date) else (
            "; no rental price existed by the run's date: priced at the first published one")
        out[cid] = Estimate.exact(
            central, f"{scope_word(cid)} from compute on {e['accelerator']} at assumed "
                     f"utilisation {e['utilisation'][1]:.2f} and the median on-demand price "
                     f"(USD {price.value:.2f} per chip-hour){late}; nominal USD",
            alternatives=alts)
    out["alphago-35m"] = assess_alphago(est["alphago-35m"])
    e = est["mt-nlg-millions"]
    price = price_at("A100", TAG["mt-nlg-millions"].date)
    flop, peak = e["flop"], peak_flops("A100")
    u_lo, u_mid, u_hi = e["utilisation"]
    out["mt-nlg-millions"] = Estimate(
        cost_from_flop(flop, peak, u_mid, price.value), cost_from_flop(flop, peak, u_hi, price.value),
        cost_from_flop(flop, peak, u_lo, price.value),
        "final run from compute on A100 at the paper's achieved throughput (its range is the "
        "interval) and the median on-demand price; nominal USD", interval="measurement range",
        alternatives=tuple(_alts_from_compute(e, price)[2:])
        + ((f"{e['chip_hours_basis']} chip-hours x median price",
            Estimate.exact(e["chip_hours"] * price.value)),) if e["chip_hours"] == e["chip_hours"]
        else tuple(_alts_from_compute(e, price)[2:]))
    b = est["bert-6912"]
    bp = price_at("TPU v2", TAG["bert-6912"].date)
    blist = latest_list_price("TPU v2", TAG["bert-6912"].date)
    out["bert-6912"] = Estimate.from_interval(
        cent_range(b["chip_hours"], blist),
        f"{b['chip_hours']:,.0f} TPU v2 chip-hours (64 chips x 96 h) x the latest list price "
        f"dated up to the run (USD {blist:.2f} per chip-hour, published to the cent)",
        kind="measurement range",
        alternatives=[("from compute at assumed utilisation, median price",
                       Estimate.exact(b["from_compute"].value))] + _alts_from_compute(b, bp))
    g = est["grover-25k"]
    gp = price_at("TPU v3", TAG["grover-25k"].date)
    out["grover-25k"] = Estimate.from_interval(
        stated_range([(inp[("Grover-Mega", "tpu_v3_cores")], 0),
                      (inp[("Grover-Mega", "training_time_hours")], 0),
                      (inp[("Grover-Mega", "price_per_core_hour_usd")], 0.01)]),
        "the paper's price basis: TPU v3 cores x 336 h x USD 0.30 per core-hour (the core "
        "count is our reading of the paper); range = the price's rounding to the cent",
        kind="measurement range",
        alternatives=(("reported chip-hours at the on-demand TPU v3 price",
                       Estimate.exact(g["chip_hours"] * gp.value)),))
    rate = gpt2_rate()
    chips = inp[("GPT-2 (1.5B)", "tpu_v3_devices")] * 4
    g2p = price_at("TPU v3", TAG["gpt2-256-per-hour"].date)
    g2list = latest_list_price("TPU v3", TAG["gpt2-256-per-hour"].date)
    out["gpt2-256-per-hour"] = Estimate.from_interval(
        cent_range(chips, g2list), f"{chips:.0f} TPU v3 chips (third-party count) x the latest "
                                   f"list price per chip-hour dated up to the run (USD "
                                   f"{g2list:.2f}, published to the cent)",
        kind="measurement range",
        alternatives=(("median on-demand price in the year up to the run",
                       Estimate.exact(chips * g2p.value)),
                      ("highest price in the year up to the run", Estimate.exact(rate.high))))
    m6p = price_at("V100", TAG["m6-10t-300k"].date)
    out["m6-10t-300k"] = Estimate.from_interval(
        stated_range([(inp[("M6-10T", "gpus")], 0), (inp[("M6-10T", "training_time_hours")], 0),
                      (m6_claim_price(), 0.01)]),
        "the article's own inputs 512 x 240 h x 2.28 USD; range = the price's rounding to the "
        "cent", kind="measurement range",
        alternatives=(("512 x 240 h at our median V100 price dated up to the run",
                       Estimate.exact(cost_from_hours(240, 512, m6p.value))),))
    claimed57 = register()["m6-10t-57x-gpt3"].claimed_value
    out["m6-10t-57x-gpt3"] = Estimate.from_interval(
        rounding_interval(m6_ratio(), claimed57),
        "10e12 / 175e9; interval = the rounding of the claim's own 'roughly 57'",
        kind="rounding range")
    out["imagenet-5pct-100b"] = Estimate.untestable(IMAGENET_UNTESTABLE)
    return out
