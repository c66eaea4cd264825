"""The price of a fixed capability per million tokens, 2021-2026, and the claims about how fast it falls.

Claims (notebook 13): the AI Index 2025's "280-fold" fall at GPT-3.5 level, Sam Altman's "about 10x
every 12 months" and "about 150x" from GPT-4 to 4o, a16z's "LLMflation" (10x a year, 1,000x in 3
years at MMLU 42, about 62x at MMLU 83) and Epoch AI's "40x per year" at GPT-4's GPQA Diamond score
and "9x to 900x per year" across milestones.

The series is the one every claimant used: the **cheapest price at or above a capability level**.

- Prices to 2025-02 (the fit): Epoch AI's dated prices of non-reasoning models with a benchmark score
  (``since.epoch_dated_prices``: Artificial Analysis and Epoch's own collection; 3:1 input:output blend,
  the developer's API, else the median across hosts). Independent of OpenAI, a16z (which collected
  its own prices from the Internet Archive) and the AI Index's arithmetic; it *is* Epoch's own data
  and the AI Index's source, so for those two claims it is a reproduction only.
- Prices after (what happened next): LiteLLM's list-price snapshots 2024-12 to 2026-11
  (``since.cheapest_at_level``), for the models with a score; no model released after 2025-02 has
  one, so after early 2025 the series is an upper bound on the cheapest price at a level.
- Fits: :func:`level_trend` = log-linear fit of the record frontier (cheapest so far), percentile
  bootstrap over the underlying entries with the frontier re-selected in each resample
  (:func:`aicost.trends.bootstrap_trend`), only prices dated up to the end of the window (no
  look-ahead). :func:`rates` reports annual factor, halving time and fold change with 95% intervals.
- Two-point fold changes (:func:`two_point`): the cheapest price at or above the level dated up to
  the start against the cheapest dated up to the end.

Hardware side (:func:`hardware_cost`): MLPerf Inference v5.1 (2025-09) tokens/s per accelerator,
best Offline result per accelerator family, x the median on-demand price per accelerator-hour dated
in the year up to the costing date (``aicost.costs.price_range``, none after it) = a rental cost per
million generated tokens at full use, set beside the API price of the same model (LiteLLM snapshot
dated on or before the same date). :func:`fixed_model_costs` follows one model on one chip through
the years: its rental cost moves only with the chip's price, its API price with everything else.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from aicost import cache
from aicost.claims import Estimate
from aicost.costs import price_range
from aicost.data import load
from aicost.scorecard import assesses
from aicost.trends import Interval, Trend, bootstrap_trend, decimal_year, fit_trend

MMLU, GPQA = "mmlu_pct", "gpqa_diamond_pct"
SECONDS_PER_HOUR = 3600.0
# capability levels: (label, score column, threshold, what the threshold is)
LEVELS = (
    ("MMLU 42 (a16z)", MMLU, 42.0, "a16z's level: the cheapest model scoring at least 42 on MMLU"),
    ("GPT-3.5 (MMLU 64.8)", MMLU, 64.8, "the AI Index's GPT-3.5 level: GPT-3.5's MMLU in Epoch's data"),
    ("MMLU 83 (a16z)", MMLU, 83.0, "a16z's higher level"),
    ("GPT-4 (MMLU 86)", MMLU, 86.0, "GPT-4 (0314)'s MMLU in Epoch's data"),
    ("GPT-4 on GPQA (33)", GPQA, 33.0,
     "GPT-4 (0314)'s GPQA Diamond score in Epoch's data (Epoch's milestone)"),
)
# MLPerf benchmark -> the model of llm_api_price_history whose API price sits beside it
API_MODEL = {"llama3.1-8b": "Llama-3.1-Instruct-8B", "llama3.1-405b": "Llama-3.1-Instruct-405B",
             "llama2-70b-99": "Llama-3.1-Instruct-70B"}
HW_FAMILIES = ("H100", "H200", "B200")
N_BOOT = 40000  # few prices per level: 2,000 resamples leave the percentiles seed-dependent
HW_PRICE_KINDS = ("list price", "advertised from-price")  # on-demand prices a customer is quoted


# -- the series ----------------------------------------------------------------------------------
def level(label: str) -> tuple[str, float]:
    """(score column, threshold) of a level in :data:`LEVELS`."""
    for name, col, thr, _ in LEVELS:
        if name == label:
            return col, thr
    raise KeyError(label)


def prices_at_level(score: str, threshold: float, end=None, start=None) -> pd.DataFrame:
    """Epoch's dated prices of models at or above ``threshold`` (of ``score``), dated within
    [``start``, ``end``], in date order, with ``record`` = cheapest so far."""
    from aicost.analyses import since

    e = since.epoch_dated_prices(score)
    e = e[e[score] >= threshold]
    if end is not None:
        e = e[e["date"] <= pd.Timestamp(end)]
    if start is not None:
        e = e[e["date"] >= pd.Timestamp(start)]
    e = e.sort_values(["date", "price_blended_usd_per_mtok", "model"]).reset_index(drop=True)
    prev = e["price_blended_usd_per_mtok"].cummin().shift(fill_value=np.inf)
    e["record"] = e["price_blended_usd_per_mtok"] < prev
    return e


@cache.memo(maxsize=32)
def level_trend(score: str, threshold: float, end: str | None = None,
                start: str | None = None) -> Trend:
    """Record-frontier bootstrap fit of the prices at or above the level, dated in the window."""
    e = prices_at_level(score, threshold, end, start)
    return bootstrap_trend(e["x"].to_numpy(), e["price_blended_usd_per_mtok"].to_numpy(),
                           frontier_kind="min", n_boot=N_BOOT)


def two_point(score: str, threshold: float, start, end) -> dict:
    """The cheapest price at or above the level dated up to ``start`` and up to ``end`` (each the
    record so far, no later price), and their ratio (fold decrease)."""
    e = prices_at_level(score, threshold, end)
    first = e[e["date"] <= pd.Timestamp(start)]
    if first.empty:
        raise LookupError(f"no price at {score} >= {threshold} dated by {start}")
    a = first.loc[first["price_blended_usd_per_mtok"].idxmin()]
    b = e.loc[e["price_blended_usd_per_mtok"].idxmin()]
    pa, pb = float(a["price_blended_usd_per_mtok"]), float(b["price_blended_usd_per_mtok"])
    return {"start_model": a["model"], "start_date": a["date"], "start_price": pa,
            "end_model": b["model"], "end_date": b["date"], "end_price": pb,
            "fold": float(a["price_blended_usd_per_mtok"] / b["price_blended_usd_per_mtok"])}


def rates(trend: Trend, start, end) -> dict[str, Interval]:
    """Annual decline factor, halving time (months) and fold decrease between ``start`` and
    ``end`` of a fitted trend, each with the trend's interval."""
    return {"annual_factor": trend.annual_decline_factor(), "halving_months": trend.halving_months(),
            "fold": trend.fold_decrease(start, end)}


def rates_table(windows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """One row per (level label, window start, window end, what): the fit's points and records,
    annual decline factor, halving time and fold decrease over the window, with 95% bootstrap
    intervals."""
    rows = []
    for label, start, end, what in windows:
        score, thr = level(label)
        t = level_trend(score, thr, end)
        r = rates(t, start, end)
        n = len(prices_at_level(score, thr, end))
        rows.append({"level": label, "window": what, "prices": n, "records": t.n,
                     "factor/yr": r["annual_factor"].value, "f low": r["annual_factor"].low,
                     "f high": r["annual_factor"].high, "halving (months)": r["halving_months"].value,
                     "h low": r["halving_months"].low, "h high": r["halving_months"].high,
                     "fold over window": r["fold"].value, "fold low": r["fold"].low,
                     "fold high": r["fold"].high})
    return pd.DataFrame(rows)


# -- what happened next -------------------------------------------------------------------------
def snapshot_series(score: str, threshold: float) -> pd.DataFrame:
    """The cheapest LiteLLM snapshot price at or above the level at each snapshot (2024-12 to
    2026-11)."""
    from aicost.analyses import since

    return since.cheapest_at_level(threshold, score)


def snapshot_trend(score: str, threshold: float) -> Trend:
    """OLS fit (95% CI) of the cheapest snapshot price at the level over the LiteLLM snapshots."""
    s = snapshot_series(score, threshold)
    return fit_trend(s["x"].to_numpy(), s["price"].to_numpy())


def what_happened_next() -> pd.DataFrame:
    """Per level: the rate to early 2025 (Epoch's prices, bootstrap) beside the rate over the
    LiteLLM snapshots 2024-12 to 2026-11 (OLS), the newest cheapest model and its price."""
    rows = []
    for label, score, thr, _ in LEVELS:
        before = level_trend(score, thr).annual_decline_factor()
        s = snapshot_series(score, thr)
        after = snapshot_trend(score, thr).annual_decline_factor()
        new = s.iloc[-1]
        rows.append({"level": label, "to 2025-02 factor/yr": before.value, "b low": before.low,
                     "b high": before.high, "2024-12 to 2026-11 factor/yr": after.value,
                     "a low": after.low, "a high": after.high,
                     "first snapshot USD/Mtok": float(s["price"].iloc[0]),
                     "newest USD/Mtok": float(new["price"]), "newest model": new["model"]})
    return pd.DataFrame(rows)


# -- the hardware side -------------------------------------------------------------------------
def best_throughput(model: str, scenario: str = "Offline") -> pd.DataFrame:
    """The highest tokens/s per accelerator per accelerator family (available systems, one MLPerf
    Inference v5.1 benchmark and scenario)."""
    m = load("mlperf_inference_llm")
    m = m[(m["model"] == model) & (m["scenario"] == scenario) & (m["availability"] == "available")
          & m["accelerator_family"].notna() & (m["accelerator_family"] != "")]
    m = m.sort_values(["accelerator_family", "tokens_per_s_per_accelerator", "result_id"],
                      ascending=[True, False, True])
    return m.groupby("accelerator_family", as_index=False).head(1).reset_index(drop=True)


def cost_per_mtok(price_per_hour, tokens_per_s):
    """Rental cost per million generated tokens at full use: price / (tokens/s x 3600) x 1e6."""
    return np.asarray(price_per_hour, dtype=float) / (np.asarray(tokens_per_s, dtype=float)
                                                      * SECONDS_PER_HOUR) * 1e6


def api_price(model: str, date) -> pd.Series | None:
    """The API price (median across hosts; input, output and 3:1 blend) of ``model`` in the newest
    LiteLLM snapshot dated on or before ``date``; None if none."""
    from aicost.analyses import since

    s = since.snapshot_prices()
    s = s[(s["model"] == model) & (s["snapshot_date"] <= pd.Timestamp(date))]
    return None if s.empty else s.sort_values("snapshot_date").iloc[-1]


def hardware_cost(date, models=tuple(API_MODEL), families=HW_FAMILIES,
                  scenario: str = "Offline") -> pd.DataFrame:
    """Per (MLPerf model, accelerator family): best tokens/s per accelerator, the median and lowest
    on-demand price dated in the 365 days up to ``date`` (none after it), the rental cost per
    million generated tokens at full use at each, and the API price of the same model in the newest
    snapshot up to ``date`` (output and blended). Families without a price in the window are kept
    with the reason."""
    prices = load("cloud_prices")
    rows = []
    for model in models:
        best = best_throughput(model, scenario)
        api = api_price(API_MODEL[model], date)
        for fam in families:
            b = best[best["accelerator_family"] == fam]
            row = {"benchmark": model, "family": fam, "tokens/s per accelerator": math.nan,
                   "system": "", "price median": math.nan, "price low": math.nan, "prices": 0,
                   "cost median": math.nan, "cost low": math.nan,
                   "api model": API_MODEL[model],
                   "api output": math.nan if api is None else float(api["price_output"]),
                   "api blended": math.nan if api is None else float(api["price"]),
                   "api snapshot": None if api is None else api["snapshot_date"], "note": ""}
            if b.empty:
                row["note"] = "no MLPerf result"
                rows.append(row)
                continue
            tps = float(b["tokens_per_s_per_accelerator"].iloc[0])
            row.update({"tokens/s per accelerator": tps, "system": b["system"].iloc[0]})
            try:
                pr = price_range(prices, fam, date, 365, kinds=HW_PRICE_KINDS, not_after=date)
            except LookupError:
                row["note"] = "no on-demand price in the year up to the date"
                rows.append(row)
                continue
            row.update({"price median": pr.median, "price low": pr.low, "prices": pr.n,
                        "cost median": float(cost_per_mtok(pr.median, tps)),
                        "cost low": float(cost_per_mtok(pr.low, tps))})
            rows.append(row)
    return pd.DataFrame(rows)


def fixed_model_costs(model: str = "llama3.1-8b", family: str = "H100") -> pd.DataFrame:
    """One model on one chip through the LiteLLM snapshot dates: the rental cost per million tokens
    at the chip's median on-demand price dated in the year up to each date (MLPerf v5.1 throughput
    held fixed: only the rental price moves) beside the model's API price in that snapshot."""
    from aicost.analyses import since

    prices = load("cloud_prices")
    tps = float(best_throughput(model).set_index("accelerator_family").loc[
        family, "tokens_per_s_per_accelerator"])
    rows = []
    for d in sorted(since.snapshot_prices()["snapshot_date"].unique()):
        api = api_price(API_MODEL[model], d)
        try:
            pr = price_range(prices, family, d, 365, kinds=HW_PRICE_KINDS, not_after=d)
            cost = float(cost_per_mtok(pr.median, tps))
            n = pr.n
        except LookupError:
            cost, n = math.nan, 0
        rows.append({"date": pd.Timestamp(d), "rental cost": cost, "prices": n,
                     "api output": math.nan if api is None else float(api["price_output"]),
                     "api blended": math.nan if api is None else float(api["price"])})
    out = pd.DataFrame(rows)
    out["x"] = decimal_year(out["date"])
    return out


def fixed_model_trends(model: str = "llama3.1-8b", family: str = "H100") -> dict[str, Trend]:
    """OLS fits (95% CI) over the snapshot dates of the rental cost and the API blended price of
    one model (:func:`fixed_model_costs`)."""
    f = fixed_model_costs(model, family)
    out = {}
    for col in ("rental cost", "api blended"):
        ok = f[col].notna()
        out[col] = fit_trend(f.loc[ok, "x"].to_numpy(), f.loc[ok, col].to_numpy())
    return out


# -- Epoch's own results (the claimant's numbers) ------------------------------------------------
def epoch_rates() -> pd.DataFrame:
    """Epoch's published fitted declines per milestone (``epoch_inference_rates``)."""
    return load("epoch_inference_rates").sort_values("price_decline_factor_per_year").reset_index(drop=True)


# -- the claims --------------------------------------------------------------------------------
STATEMENT = {"altman": "2025-02-09", "a16z": "2024-11-12", "epoch": "2025-03-12"}
GPT4_RELEASE = "2023-03-14"
GPT3_PUBLIC = "2021-11-20"       # GPT-3's API opened to all (a16z's start; Epoch's first price)
AI_INDEX_START, AI_INDEX_END = "2022-11-30", "2024-10-31"   # November 2022 .. October 2024
MID_2024 = "2024-06-30"


def _fit_estimate(score: str, threshold: float, end: str, note: str) -> Estimate:
    t = level_trend(score, threshold, end)
    return Estimate.from_interval(t.annual_decline_factor(), note, kind="95% bootstrap CI")


def _two_point_estimate(score: str, threshold: float, start, end, what: str) -> Estimate:
    tp = two_point(score, threshold, start, end)
    note = (f"{what}: {tp['start_model']} USD {tp['start_price']:.3g} ({tp['start_date']:%Y-%m}) to "
            f"{tp['end_model']} USD {tp['end_price']:.3g} ({tp['end_date']:%Y-%m}) per million tokens")
    v = tp["fold"]
    return Estimate(v, v, v, note, interval="measurement range")


def _fold_fit_estimate(score: str, threshold: float, start, end, note: str) -> Estimate:
    t = level_trend(score, threshold, end)
    return Estimate.from_interval(t.fold_decrease(start, end), note, kind="95% bootstrap CI")


@assesses("altman-10x-per-year")
def assess_altman_rate() -> dict[str, Estimate]:
    """Primary: the annual decline factor of the cheapest price at or above GPT-3.5's MMLU (64.8),
    record-frontier bootstrap of Epoch's dated prices from GPT-3.5 (2022-11) to the statement.
    Alternatives: GPT-4's level (MMLU 86, his example's level; 11 prices, whose bootstrap bounds
    move with the seed) and MMLU 42."""
    end = STATEMENT["altman"]
    est = _fit_estimate(MMLU, 64.8, end, "cheapest price at or above GPT-3.5's MMLU, 2022-11 to "
                        "2025-02, fold decrease per year (record frontier, bootstrap)")
    alts = [("GPT-4 level (MMLU 86), 2023-03 to 2025-02", _fit_estimate(MMLU, 86.0, end, "")),
            ("MMLU 42, 2021-11 to 2025-02", _fit_estimate(MMLU, 42.0, end, ""))]
    return {"altman-10x-per-year": est.with_alternatives(alts)}


@assesses("altman-150x")
def assess_altman_150x() -> dict[str, Estimate]:
    """Primary: the cheapest price at or above GPT-4's MMLU at GPT-4's release against the cheapest
    dated by mid-2024 (two list prices). Alternatives: the named models (GPT-4 to GPT-4o of 2024-05
    and 2024-08; to GPT-4o mini, which scores below GPT-4) and the frontier fit's fold change."""
    est = _two_point_estimate(MMLU, 86.0, GPT4_RELEASE, MID_2024, "cheapest at GPT-4's MMLU or above")
    p = load("llm_api_prices")
    price = {m: float(p.loc[p["model"] == m, "price_blended_usd_per_mtok"].iloc[0])
             for m in ("GPT-4-0314", "GPT-4o-2024-05", "GPT-4o-2024-08", "GPT-4o-mini")}
    alts = []
    for m in ("GPT-4o-2024-05", "GPT-4o-2024-08", "GPT-4o-mini"):
        v = price["GPT-4-0314"] / price[m]
        alts.append((f"GPT-4 (0314) to {m}, list prices", Estimate(v, v, v, interval="measurement range")))
    alts.append(("frontier fit at GPT-4's MMLU to mid-2024, fold change 2023-03 to 2024-06",
                 _fold_fit_estimate(MMLU, 86.0, GPT4_RELEASE, MID_2024, "")))
    return {"altman-150x": est.with_alternatives(alts)}


@assesses("llmflation-10x")
def assess_llmflation_rate() -> dict[str, Estimate]:
    """Primary: annual decline factor at MMLU >= 42, Epoch's dated prices 2021-11 to the article
    (2024-11-12), record-frontier bootstrap. Alternative: MMLU >= 83 from GPT-4's release."""
    end = STATEMENT["a16z"]
    est = _fit_estimate(MMLU, 42.0, end, "cheapest price at MMLU 42 or above, 2021-11 to 2024-11, "
                        "fold decrease per year (record frontier, bootstrap)")
    alts = [("MMLU 83, 2023-03 to 2024-11", _fit_estimate(MMLU, 83.0, end, ""))]
    return {"llmflation-10x": est.with_alternatives(alts)}


@assesses("llmflation-1000x")
def assess_llmflation_1000x() -> dict[str, Estimate]:
    """Primary: cheapest price at MMLU >= 42 dated by GPT-3's public launch against the cheapest
    dated by the article (Epoch's records). Alternative: the fit's fold change over the window.
    Reproduction: a16z's own $60 / $0.06."""
    est = _two_point_estimate(MMLU, 42.0, GPT3_PUBLIC, STATEMENT["a16z"], "cheapest at MMLU 42 or above")
    alts = [("frontier fit, fold change 2021-11 to 2024-11",
             _fold_fit_estimate(MMLU, 42.0, GPT3_PUBLIC, STATEMENT["a16z"], ""))]
    rep = Estimate.exact(60.0 / 0.06, "a16z's stated USD 60 (GPT-3, 2021-11) / USD 0.06 (Llama 3.2 3B)")
    return {"llmflation-1000x": est.with_alternatives(alts).with_reproduction(rep)}


@assesses("llmflation-62x")
def assess_llmflation_62x() -> dict[str, Estimate]:
    """Primary: cheapest price at MMLU >= 83 at GPT-4's release against the cheapest dated by the
    article. Alternative: the fit's fold change over the window."""
    est = _two_point_estimate(MMLU, 83.0, GPT4_RELEASE, STATEMENT["a16z"], "cheapest at MMLU 83 or above")
    alts = [("frontier fit, fold change 2023-03 to 2024-11",
             _fold_fit_estimate(MMLU, 83.0, GPT4_RELEASE, STATEMENT["a16z"], ""))]
    return {"llmflation-62x": est.with_alternatives(alts)}


NO_INDEPENDENT_AI_INDEX = (
    "the AI Index's two prices are Epoch AI's price records (GPT-3.5 USD 20 on 2022-11-30; "
    "Gemini-1.5-Flash-8B USD 0.07 on 2024-10-03), the same rows our table copies; our only other "
    "price source (LiteLLM) starts 2024-12, after the window, and may not cost it")
NO_INDEPENDENT_EPOCH = (
    "Epoch's rates are fitted to Epoch's own price and benchmark data (to 2025-02); no other "
    "dated price record with GPQA or per-benchmark scores covers 2023-2024. LiteLLM's later "
    "snapshots are shown as what happened next, not as a test of the past rate")


@assesses("ai-index-280x", "ai-index-280x-18-months")
def assess_ai_index() -> dict[str, Estimate]:
    """No independent test (the AI Index re-states Epoch's data). Reproductions: the two-point fold
    decrease at MMLU >= 64.8 from Epoch's rows; the months between the two dates it names."""
    tp = two_point(MMLU, 64.8, AI_INDEX_START, AI_INDEX_END)
    rep = Estimate(tp["fold"], tp["fold"], tp["fold"],
                   f"Epoch's rows: {tp['start_model']} USD {tp['start_price']:.3g} to "
                   f"{tp['end_model']} USD {tp['end_price']:.3g}", interval="measurement range")
    # the stated prices' rounding: 0.07 stands for 0.065-0.075
    stated = Estimate(20 / 0.07, 20 / 0.075, 20 / 0.065, "USD 20 / USD 0.07 with 0.07's rounding",
                      interval="rounding range")
    d0, d1 = pd.Timestamp(AI_INDEX_START), pd.Timestamp(AI_INDEX_END)
    months = (d1.year - d0.year) * 12 + (d1.month - d0.month)
    rep_m = Estimate.exact(months, "November 2022 to October 2024, whole months")
    return {"ai-index-280x": Estimate.reproduction_only(NO_INDEPENDENT_AI_INDEX, rep,
                                                        alternatives=[("the stated prices' ratio", stated)]),
            "ai-index-280x-18-months": Estimate.reproduction_only(
                "arithmetic on the claim's own two dates; nothing independent to test", rep_m)}


@assesses("epoch-40x-gpqa", "epoch-9-900x-low", "epoch-9-900x-high")
def assess_epoch() -> dict[str, Estimate]:
    """No independent test. Reproductions: our record-frontier bootstrap of Epoch's prices at
    GPT-4's GPQA score to Epoch's data end; the slowest and fastest of Epoch's published milestone
    rates (``epoch_inference_rates``)."""
    t = level_trend(GPQA, 33.0, STATEMENT["epoch"])
    rep40 = Estimate.exact(t.annual_decline_factor().value,
                           "our refit of Epoch's data at GPQA >= 33: OLS on the record frontier "
                           "(Epoch's method)")
    r = epoch_rates()
    lo, hi = r.iloc[0], r.iloc[-1]
    rep_lo = Estimate.exact(float(lo["price_decline_factor_per_year"]),
                            f"slowest published milestone: {lo['benchmark']} at {lo['milestone_model']}")
    rep_hi = Estimate.exact(float(hi["price_decline_factor_per_year"]),
                            f"fastest published milestone: {hi['benchmark']} at {hi['milestone_model']}")
    pub = r[(r["benchmark"] == "GPQA Diamond") & (r["milestone_model"] == "GPT-4-0314")].iloc[0]
    published = float(pub["price_decline_factor_per_year"])
    alts40 = [("Epoch's published point estimate", Estimate.exact(published)),
              ("our refit with its bootstrap interval",
               Estimate.from_interval(t.annual_decline_factor(), kind="95% bootstrap CI"))]
    return {"epoch-40x-gpqa": Estimate.reproduction_only(NO_INDEPENDENT_EPOCH, rep40, alternatives=alts40),
            "epoch-9-900x-low": Estimate.reproduction_only(NO_INDEPENDENT_EPOCH, rep_lo),
            "epoch-9-900x-high": Estimate.reproduction_only(NO_INDEPENDENT_EPOCH, rep_hi)}
