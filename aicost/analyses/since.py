"""What happened next: every claim's trend carried to the newest data, and asked whether it held.

For each claim notebook (01-08) where newer data exist, three things:

- **the trend through the newest data**, its rate with a 95% interval;
- **the out-of-sample check**: the claim's own trend (the fit on the claim's period, as the claim
  notebook makes it) extrapolated with its 95% prediction band
  (:func:`aicost.trends.out_of_sample`), and the share of the points dated after the claim that
  fall inside it (with how many fall below / above);
- **the newest point** of the series and its date (:func:`readme_lines` gives one line per series
  for the README).

Series and the snapshot each uses:

- ResNet-50 / ImageNet training cost (notebooks 01, 03): the cheapest priced result per calendar
  year, DAWNBench then MLPerf (``imagenet_trend.yearly_series``); MLPerf dropped ResNet-50 after
  v4.0 (2024), its successors are in notebook 09.
- GPT-3-level training cost (04): ``llm.models()`` on ``llm_gpt3_level``; the headline uses only
  MMLU scores comparable with the threshold's 5-shot protocol (``mmlu_comparable``); scores in
  another setting (``mmlu_other_setting_pct``) enter only :func:`gpt3_with_noncomparable`.
- Compute of notable models (05): the Epoch notable-models snapshot of 2026-01
  (``notable_models_2026``), not the 2025-06/2025-11 snapshots of ``ml_systems`` that notebook 05
  uses; every number from it says so (:data:`SNAPSHOT`).
- Inference price per capability level (04): Epoch's dated prices (``llm_api_prices``, to
  2025-02) for the fit, LiteLLM list-price snapshots (``llm_api_price_history``, 2024-12 to
  2026-11) for what came after.
- Hardware price per FLOP (07): the best-value training accelerator's median on-demand price per
  peak FLOP per year (``llm.best_value_by_year``).

The forecast ``gpt3-level-70pct-continues`` (the 70%-a-year decline "is expected to continue") is
assessed here on the newest GPT-3-level data.
"""

from __future__ import annotations

import math

import pandas as pd

from aicost import cache
from aicost.claims import Estimate
from aicost.costs import cost_from_flop
from aicost.data import load
from aicost.scorecard import assesses
from aicost.trends import (
    Interval,
    Trend,
    bootstrap_trend,
    decimal_year,
    fit_trend,
    frontier,
    out_of_sample,
)

SNAPSHOT = "Epoch notable models, snapshot of 2026-01-26"
FORECAST = "gpt3-level-70pct-continues"
ARK_CLAIM_DATE = 2023.0   # Big Ideas 2023: the 2020-2022 decline, published at the start of 2023
OPENAI_END = 2018.0        # OpenAI's fitted points run to the end of 2017
COMPUTE_START = 2012.0     # OpenAI's modern era
IMAGENET_CLAIMS = {"01": 2019, "03": 2021}  # last calendar year of each claim's own window
NAN = float("nan")


def _pct_decline(iv: Interval) -> Interval:
    """A log10 slope as percent decrease per year (positive = falling): ``llm.pct``."""
    from aicost.analyses import llm

    return llm.pct(iv)


def _oos_row(series: str, fit: Trend, fit_label: str, x, y, new_label: str) -> dict:
    r = out_of_sample(fit, x, y)
    return {"series": series, "claim's own fit": fit_label, "points after": new_label, "n": r.n,
            "inside 95% band": r.inside, "below": r.below, "above": r.above, "share inside": r.share}


# -- ResNet-50 / ImageNet (01, 03) ---------------------------------------------------------------
def imagenet_yearly() -> pd.DataFrame:
    """Cheapest priced ImageNet training result per year (DAWNBench 2017-2020, MLPerf 2021-2024)."""
    from aicost.analyses import imagenet_trend

    s = imagenet_trend.yearly_series()
    return s[["year", "date", "x", "benchmark", "run_id", "value"]].reset_index(drop=True)


def imagenet_next(notebook: str) -> dict:
    """The claim's own fit, the out-of-sample check on the yearly cheapest results after the claim's
    window, and the trend through 2024. ``notebook`` "01": ARK's 2017-2019 record frontier
    (``resnet.frontier_trend``); "03": the AI Index's 2017-2021 cheapest-per-year fit."""
    from aicost.analyses import imagenet_trend, resnet

    last = IMAGENET_CLAIMS[notebook]
    s = imagenet_yearly()
    if notebook == "01":
        fit, label = resnet.frontier_trend(), "DAWNBench record frontier 2017-2019"
    else:
        fit, label = imagenet_trend.series_trend(2017, last), "cheapest per year 2017-2021, OLS"
    after = s[s["year"] > last]
    newest = s.iloc[-1]
    through = imagenet_trend.series_trend(2017, int(newest["year"]))
    since = imagenet_trend.series_trend(last, int(newest["year"]))
    return {"fit": fit, "fit_label": label, "after": after,
            "oos": out_of_sample(fit, after["x"].to_numpy(), after["value"].to_numpy()),
            "through": through, "since": since, "since_label": f"{last}-{int(newest['year'])}",
            "newest": newest}


def imagenet_table(notebook: str) -> pd.DataFrame:
    """Each later year's cheapest result against the claim's extrapolated prediction band."""
    from aicost.trends import prediction_band

    r = imagenet_next(notebook)
    a = r["after"]
    band = prediction_band(r["fit"], a["x"].to_numpy())
    return pd.DataFrame({"year": a["year"].astype(str).to_numpy(), "benchmark": a["benchmark"].to_numpy(),
                         "cheapest USD": a["value"].to_numpy(), "trend predicts": band["fit"].to_numpy(),
                         "band low": band["low"].to_numpy(), "band high": band["high"].to_numpy()})


# -- GPT-3-level training cost (04) --------------------------------------------------------------
@cache.memo(maxsize=1)
def gpt3_frame() -> pd.DataFrame:
    """``llm.models()`` (headline definition: comparable 5-shot MMLU only)."""
    from aicost.analyses import llm

    return llm.models()


def gpt3_horizon() -> float:
    """Decimal year of the newest model in ``llm_gpt3_level`` with a comparable MMLU score at or above
    GPT-3's: how far the search for cheaper GPT-3-level models reaches (not only the used models)."""
    from aicost.analyses import llm

    t = load("llm_gpt3_level")
    ok = t["mmlu_comparable"].fillna(False).astype(bool) & (t["mmlu_5shot_pct"] >= llm.mmlu_threshold(t))
    return float(decimal_year(t.loc[ok, "date"]).max())


def gpt3_records(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The cheapest-so-far GPT-3-level models (headline definition)."""
    from aicost.analyses import llm

    u = llm.used(gpt3_frame() if frame is None else frame)
    return u[u["record"]][["model", "date", "x", "cost", "best_accelerator"]].reset_index(drop=True)


def gpt3_next() -> dict:
    """ARK's window fit (every used model released 2020-2022, OLS: the window has only two records),
    the out-of-sample check on every used model released after, and the frontier since 2023."""
    from aicost.analyses import llm

    f = gpt3_frame()
    u = llm.used(f)
    claim = llm.cost_trends(f, None, ARK_CLAIM_DATE - 1e-9)["ols_all"]
    after = u[u["x"] >= ARK_CLAIM_DATE]
    since = llm.cost_trends(f, ARK_CLAIM_DATE, None)
    rec = gpt3_records(f)
    return {"claim_fit": claim, "after": after,
            "oos": out_of_sample(claim, after["x"].to_numpy(), after["cost"].to_numpy()),
            "since_frontier": since["bootstrap"], "since_all": since["ols_all"],
            "through": llm.headline()[0], "newest_record": rec.iloc[-1], "horizon": gpt3_horizon(),
            "n_records_since": int((rec["x"] >= ARK_CLAIM_DATE).sum())}


def gpt3_two_point(start: float = ARK_CLAIM_DATE, end: float | None = None,
                   frame: pd.DataFrame | None = None) -> float:
    """Percent decline per year of the cheapest-so-far cost from ``start`` to ``end`` (default: the
    search horizon), as ARK computed its own 70%: two levels of the frontier, annualised. Unlike a
    fit to records, it counts the time since the last record."""
    from aicost.analyses import llm

    f = gpt3_frame() if frame is None else frame
    end = gpt3_horizon() if end is None else end
    return llm.two_point_decline(llm.frontier_at(f, start - 1e-9), llm.frontier_at(f, end), end - start)


def noncomparable_rows() -> pd.DataFrame:
    """Models whose only MMLU score at or above GPT-3's is in a non-comparable setting, costed as the
    headline costs a model (table compute, the best-value accelerator with prices dated in the year
    up to release, ``llm.best_value_at``; median price, 40% MFU)."""
    from aicost.analyses import llm

    t = load("llm_gpt3_level")
    thr = llm.mmlu_threshold(t)
    sel = t[(t["mmlu_other_setting_pct"] >= thr) & t["training_compute_flop"].notna()].copy()
    sel["x"] = decimal_year(sel["date"])
    best = {d: llm.best_value_at(d) for d in sorted(set(sel["date"]))}
    sel = sel[[best[d] is not None for d in sel["date"]]]
    b = pd.DataFrame([best[d] for d in sel["date"]], index=sel.index)
    cols = ["model", "date", "x", "mmlu_other_setting_pct", "mmlu_setting", "training_compute_flop",
            "best_accelerator", "cost"]
    if sel.empty:
        return sel.assign(best_accelerator=[], cost=[])[cols].reset_index(drop=True)
    sel["best_accelerator"] = b["accelerator"].to_numpy()
    sel["cost"] = cost_from_flop(sel["training_compute_flop"].to_numpy(), b["peak_flops"].to_numpy(),
                                 llm.MFU_CENTRAL, b["price_median"].to_numpy())
    return sel[cols].reset_index(drop=True)


def gpt3_with_noncomparable() -> dict:
    """Sensitivity: the headline models plus the non-comparable-MMLU ones (frontier bootstrap over all
    data and since 2023, and the two-point rate since 2023)."""
    from aicost.analyses import llm

    u = llm.used(gpt3_frame())[["model", "x", "cost"]]
    extra = noncomparable_rows()[["model", "x", "cost"]]
    allm = pd.concat([u, extra], ignore_index=True).sort_values(["x", "cost"]).reset_index(drop=True)
    x, y = allm["x"].to_numpy(), allm["cost"].to_numpy()
    since = allm[allm["x"] >= ARK_CLAIM_DATE]
    rec = allm[frontier(x, y, "min")]
    horizon = max(gpt3_horizon(), float(extra["x"].max()) if len(extra) else -math.inf)
    lvl0 = float(allm.loc[allm["x"] < ARK_CLAIM_DATE, "cost"].min())
    lvl1 = float(allm.loc[allm["x"] <= horizon, "cost"].min())
    return {"through": bootstrap_trend(x, y, frontier_kind="min"),
            "since": bootstrap_trend(since["x"].to_numpy(), since["cost"].to_numpy(), frontier_kind="min"),
            "two_point": llm.two_point_decline(lvl0, lvl1, horizon - ARK_CLAIM_DATE),
            "newest_record": rec.iloc[-1], "extra": extra}


def gpt3_readings() -> pd.DataFrame:
    """Every reading of "did the decline continue after 2022?", percent decline per year."""
    r = gpt3_next()
    s = gpt3_with_noncomparable()
    rows = [
        ("records since 2023, frontier bootstrap", _pct_decline(r["since_frontier"].slope),
         r["since_frontier"].n),
        ("frontier level end-2022 to search horizon, two points (the forecast's primary reading)",
         gpt3_two_point(), 2),
        ("frontier level at the last record to search horizon, two points",
         gpt3_two_point(float(r["newest_record"]["x"]) + 1e-6), 2),
        ("every used model since 2023, OLS", _pct_decline(r["since_all"].slope), r["since_all"].n),
        ("all data 2020-newest, frontier bootstrap (the claim notebook's headline)",
         _pct_decline(r["through"].slope), r["through"].n),
        ("sensitivity: + non-comparable MMLU scores, records since 2023", _pct_decline(s["since"].slope),
         s["since"].n),
        ("sensitivity: + non-comparable MMLU scores, two points", s["two_point"], 2),
    ]
    out = []
    for label, v, n in rows:
        iv = v if isinstance(v, Interval) else Interval(v, NAN, NAN)
        out.append({"reading": label, "points": n, "decline %/yr": iv.value, "ci low": iv.low,
                    "ci high": iv.high})
    return pd.DataFrame(out)


@assesses(FORECAST)
def assess_continuation() -> dict[str, Estimate]:
    """Forecast: the ~70%-a-year decline continues after 2022. Observed (primary): the average
    decline per year of the cheapest-so-far GPT-3-level cost from the end of 2022 to the newest
    data (comparable MMLU only), an exact comparison of two costs; the record-frontier fit since
    2023 rests on a handful of records, so its bootstrap bounds move with the seed: it is an
    alternative, like the rate since the last record."""
    r = gpt3_next()
    two = gpt3_two_point()
    since_last = gpt3_two_point(float(r["newest_record"]["x"]) + 1e-6)
    alts = [("two points, frontier at the last record to the newest data",
             Estimate.exact(since_last)),
            ("every used model since 2023, OLS",
             Estimate.from_interval(_pct_decline(r["since_all"].slope)))]
    t = r["since_frontier"]
    if t is not None:
        alts.insert(0, (f"record-frontier fit since 2023 ({t.n} records, bootstrap)",
                        Estimate.from_interval(_pct_decline(t.slope), kind="95% bootstrap CI")))
    s = gpt3_with_noncomparable()
    alts.append(("with non-comparable MMLU scores, frontier fit",
                 Estimate.from_interval(_pct_decline(s["since"].slope), kind="95% bootstrap CI")))
    note = (f"cheapest GPT-3-level cost at release by the end of 2022 against the cheapest by "
            f"{year_month(r['horizon'])}, per year; comparable MMLU only")
    return {FORECAST: Estimate.exact(two, note, alternatives=alts)}


def year_month(x: float) -> str:
    from aicost.trends import to_date

    return to_date(x).strftime("%Y-%m")


# -- inference prices per capability level (04) -------------------------------------------------
def capability_levels() -> pd.DataFrame:
    """MMLU levels, each the score of a named model in the data: GPT-3 175B (the training
    threshold), GPT-3.5 Turbo and GPT-4 (0314) (their scores in ``llm_api_prices``)."""
    from aicost.analyses import llm

    p = load("llm_api_prices")
    score = p.groupby("model")["mmlu_pct"].max()
    return pd.DataFrame({"level": ["GPT-3", "GPT-3.5", "GPT-4"],
                         "model": [llm.THRESHOLD_MODEL, "GPT-3.5 Turbo", "GPT-4-0314"],
                         "mmlu_pct": [llm.mmlu_threshold(), float(score["GPT-3.5 Turbo"]),
                                      float(score["GPT-4-0314"])]})


def epoch_dated_prices(score: str = "mmlu_pct") -> pd.DataFrame:
    """Epoch's dated prices of non-reasoning models with a ``score`` (``mmlu_pct`` or
    ``gpqa_diamond_pct``; the fit's data)."""
    p = load("llm_api_prices")
    ok = (p[score].notna() & p["date_basis"].str.startswith("dated")
          & ~p["is_reasoning_model"].fillna(False).astype(bool) & p["price_blended_usd_per_mtok"].notna())
    p = p[ok].copy()
    p["x"] = decimal_year(p["date"])
    return p


def snapshot_prices() -> pd.DataFrame:
    """One price per (snapshot, model) from ``llm_api_price_history``: the developer's price, or the
    median across the hosts of an open-weight model (blended 3:1 as Epoch's, and input and output
    separately); ``gpqa_diamond_pct`` is the model's score in ``llm_api_prices``."""
    h = load("llm_api_price_history")
    g = h.groupby(["snapshot_date", "model"], as_index=False).agg(
        price=("price_blended_usd_per_mtok", "median"), mmlu_pct=("mmlu_pct", "first"),
        price_input=("price_input_usd_per_mtok", "median"),
        price_output=("price_output_usd_per_mtok", "median"), hosts=("model_key", "count"))
    gpqa = load("llm_api_prices").groupby("model")["gpqa_diamond_pct"].max()
    g["gpqa_diamond_pct"] = g["model"].map(gpqa)
    g["x"] = decimal_year(g["snapshot_date"])
    return g


def cheapest_at_level(level_mmlu: float, score: str = "mmlu_pct") -> pd.DataFrame:
    """Cheapest snapshot price at or above ``level_mmlu`` (of ``score``) at each LiteLLM
    snapshot date."""
    s = snapshot_prices()
    s = s[s[score] >= level_mmlu].sort_values(["snapshot_date", "price", "model"])
    return s.groupby("snapshot_date", as_index=False).head(1).reset_index(drop=True)


@cache.memo(maxsize=8)
def level_fit(level_mmlu: float) -> Trend:
    """Record-frontier bootstrap of Epoch's dated prices at or above ``level_mmlu``."""
    e = epoch_dated_prices()
    sel = e[e["mmlu_pct"] >= level_mmlu]
    return bootstrap_trend(sel["x"].to_numpy(), sel["price_blended_usd_per_mtok"].to_numpy(),
                           frontier_kind="min")


@cache.memo(maxsize=1)
def inference_next() -> pd.DataFrame:
    """Per level: Epoch-era frontier fit (bootstrap), out-of-sample check of the snapshot minima
    dated after Epoch's last price, the trend of the snapshot minima 2024-12 to 2026-11 (OLS) and
    the newest point."""
    e = epoch_dated_prices()
    last_epoch = float(e["x"].max())
    rows = []
    for _, lv in capability_levels().iterrows():
        fit = level_fit(float(lv["mmlu_pct"]))
        cm = cheapest_at_level(lv["mmlu_pct"])
        after = cm[cm["x"] > last_epoch]
        oos = out_of_sample(fit, after["x"].to_numpy(), after["price"].to_numpy())
        snap = fit_trend(cm["x"].to_numpy(), cm["price"].to_numpy())
        fd, sd = _pct_decline(fit.slope), _pct_decline(snap.slope)
        newest = cm.iloc[-1]
        rows.append({"level": f"{lv['level']} (MMLU >= {lv['mmlu_pct']:g})",
                     "Epoch-era decline %/yr": fd.value, "low": fd.low, "high": fd.high,
                     "snapshot decline %/yr": sd.value, "s low": sd.low, "s high": sd.high,
                     "after": oos.n, "inside": oos.inside, "below": oos.below, "above": oos.above,
                     "share inside": oos.share, "newest USD/Mtok": float(newest["price"]),
                     "newest model": newest["model"], "newest date": newest["snapshot_date"]})
    return pd.DataFrame(rows)


# -- compute growth, 2026-01 snapshot (05) -------------------------------------------------------
@cache.memo(maxsize=1)
def notable_2026() -> pd.DataFrame:
    t = load("notable_models_2026").copy()
    t["x"] = decimal_year(t["date"])
    return t.sort_values(["x", "system"]).reset_index(drop=True)


def compute_records(start: float = COMPUTE_START) -> pd.DataFrame:
    """Largest-so-far notable models from ``start`` on (2026-01 snapshot)."""
    t = notable_2026()
    t = t[t["x"] >= start]
    return t[frontier(t["x"].to_numpy(), t["training_compute_flop"].to_numpy(), "max")]


@cache.memo(maxsize=1)
def compute_next() -> dict:
    """OpenAI's own fit (its 15 main-chart systems, OLS, ``compute.openai_set_trend``) extrapolated
    against the largest-so-far models after 2017 in the 2026-01 snapshot; doubling times since 2018
    on that snapshot (records and all notable models, bootstrap)."""
    from aicost.analyses import compute

    t = notable_2026()
    claim = compute.openai_set_trend("openai")
    rec = compute_records()
    after = rec[rec["x"] >= OPENAI_END]
    recent = t[t["x"] >= OPENAI_END]
    rx, ry = recent["x"].to_numpy(), recent["training_compute_flop"].to_numpy()
    return {"claim_fit": claim, "after": after,
            "oos": out_of_sample(claim, after["x"].to_numpy(), after["training_compute_flop"].to_numpy()),
            "records_since": bootstrap_trend(rx, ry, frontier_kind="max"),
            "all_since": bootstrap_trend(rx, ry),
            "n_since": len(recent), "largest": t.loc[t["training_compute_flop"].idxmax()],
            "newest": t.iloc[-1], "new_vs_ml_systems": int((~t["in_ml_systems"].astype(bool)).sum())}


# -- hardware price per FLOP (07) ----------------------------------------------------------------
def hardware_next() -> dict:
    """Best-value accelerator's median USD per peak exaFLOP by year (``llm.best_value_by_year``):
    trend through the newest year (OLS, one point per year dated mid-year) and the newest point.
    No out-of-sample check: no claim in notebook 07 is a trend in this series."""
    from aicost.analyses import llm

    b = llm.best_value_by_year()
    x, y = b["year"].to_numpy(dtype=float) + 0.5, b["usd_per_eflop_at_peak"].to_numpy()
    return {"table": b, "through": fit_trend(x, y), "newest": b.iloc[-1]}


# -- price tags (08) -----------------------------------------------------------------------------
def priciest_runs(n: int = 5) -> pd.DataFrame:
    """The ``n`` largest Epoch training-cost estimates in the 2026-01 snapshot (2023 USD)."""
    t = notable_2026()
    t = t[t["epoch_cost_estimate_usd_2023"].notna()]
    return t.nlargest(n, "epoch_cost_estimate_usd_2023")[
        ["system", "date", "organization", "training_compute_flop", "epoch_cost_estimate_usd_2023"]
    ].reset_index(drop=True)


# -- one line per series (README) ----------------------------------------------------------------
def _money(v: float) -> str:
    from aicost.display import sig

    return f"${sig(v, 2)}"


def readme_lines() -> list[str]:
    """One line per series with its newest point and date (for the README's findings)."""
    from aicost.display import sig

    lines = []
    im = imagenet_next("03")
    nw = im["newest"]
    lines.append(f"ResNet-50 on ImageNet, cheapest priced training run of the series' last year: "
                 f"{_money(nw['value'])} "
                 f"({nw['benchmark']}, {nw['date']:%Y-%m}; MLPerf dropped ResNet-50 after v4.0, "
                 f"successors in notebook 09).")
    g = gpt3_next()
    rec = g["newest_record"]
    lines.append(f"GPT-3-level training cost, cheapest so far (comparable MMLU only): {_money(rec['cost'])} "
                 f"({rec['model']}, {rec['date']:%Y-%m}); no cheaper model found through "
                 f"{year_month(g['horizon'])}.")
    c = compute_next()
    lg = c["largest"]
    lines.append(f"Largest training run ({SNAPSHOT}): {sig(lg['training_compute_flop'], 2)} FLOP "
                 f"({lg['system']}, {lg['date']:%Y-%m}); newest model with a compute estimate "
                 f"{c['newest']['system']} ({c['newest']['date']:%Y-%m}).")
    inf = inference_next()
    for _, r in inf.iterrows():
        lines.append(f"API price at {r['level']}, cheapest of the models with an MMLU score (released by "
                     f"early 2025): {_money(r['newest USD/Mtok'])} per million tokens "
                     f"({r['newest model']}, LiteLLM snapshot {r['newest date']:%Y-%m}).")
    h = hardware_next()
    nh = h["newest"]
    lines.append(f"Cloud price per peak FLOP, best-value training accelerator: "
                 f"{_money(nh['usd_per_eflop_at_peak'])} per exaFLOP at peak "
                 f"({nh['accelerator']}, {int(nh['year'])}).")
    pr = priciest_runs(1).iloc[0]
    lines.append(f"Priciest training run in Epoch's estimates ({SNAPSHOT}): "
                 f"{_money(pr['epoch_cost_estimate_usd_2023'])} in 2023 dollars "
                 f"({pr['system']}, {pr['date']:%Y-%m}).")
    return lines
