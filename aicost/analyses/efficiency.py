"""Algorithmic efficiency: OpenAI's 16-month halving, 44x, the Transformer's 61x and AlphaZero's 8x.

Data: ``algorithmic_efficiency`` (OpenAI's "AI and Efficiency" table, compute in teraflop/s-days,
four dates corrected to the papers' arXiv months), ``ml_systems`` (full-training compute of
AlphaGo Zero, AlphaZero, Seq2Seq and the Transformer from OpenAI and Epoch), and the Moore's-law
fit of :mod:`aicost.analyses.moore` for the hardware comparator.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from aicost import cache
from aicost.analyses.moore import moore_trend
from aicost.claims import Estimate
from aicost.data import load
from aicost.scorecard import assesses
from aicost.trends import LOG10_2, Interval, Trend, decimal_year, fit_trend

TFS_DAY_FLOP = 1e12 * 86400


@cache.memo(maxsize=1)
def efficiency_table() -> pd.DataFrame:
    """The efficiency table with ``x`` = decimal year of the (corrected) date."""
    t = load("algorithmic_efficiency").copy()
    t["x"] = decimal_year(t["date"])
    return t


@cache.memo(maxsize=1)
def ml_systems() -> pd.DataFrame:
    """``ml_systems`` indexed by system name (cached)."""
    return load("ml_systems").set_index("system")


def level(task_level: str) -> pd.DataFrame:
    """Rows of one performance level, in date order."""
    t = efficiency_table()
    return t[t["task_level"] == task_level].sort_values("x")


@cache.memo(maxsize=4)
def alexnet_trend(drop: str | None = None) -> Trend:
    """OLS (t interval) of log10 compute to reach AlexNet-level accuracy on the year; ``drop`` a
    model to leave it out."""
    rows = level("AlexNet")
    if drop is not None:
        rows = rows[rows["model"] != drop]
    return fit_trend(rows["x"].to_numpy(), rows["compute_tfs_days"].to_numpy())


def alexnet_span() -> tuple[float, float]:
    """Dates (decimal years) of the first and last AlexNet-level rows (AlexNet, EfficientNet-b0)."""
    rows = level("AlexNet")
    return float(rows["x"].iloc[0]), float(rows["x"].iloc[-1])


def leave_one_out() -> pd.DataFrame:
    """Halving time (months) with each AlexNet-level row left out in turn."""
    out = []
    for model in level("AlexNet")["model"]:
        h = alexnet_trend(model).halving_months()
        out.append({"left out": model, "halving months": h.value, "CI low": h.low,
                    "CI high": h.high})
    return pd.DataFrame(out)


def halving_months_two_points(x0: float, y0: float, x1: float, y1: float) -> float:
    """Halving time (months) implied by going from ``y0`` at ``x0`` to ``y1`` at ``x1``."""
    return 12.0 * (x1 - x0) * LOG10_2 / math.log10(y0 / y1)


def endpoint_ratios() -> pd.DataFrame:
    """For each level with compute: baseline vs most efficient row (ratio and implied halving)."""
    rows = []
    for lev, grp in efficiency_table().groupby("task_level", sort=False):
        grp = grp[grp["compute_tfs_days"].notna()].sort_values("x")
        if len(grp) < 2:
            continue
        first, best = grp.iloc[0], grp.loc[grp["compute_tfs_days"].idxmin()]
        rows.append({
            "level": lev, "baseline": first["model"], "best": best["model"],
            "years": best["x"] - first["x"],
            "fold decrease": first["compute_tfs_days"] / best["compute_tfs_days"],
            "published": best["reduction_factor"],
            "halving months": halving_months_two_points(first["x"], first["compute_tfs_days"],
                                                        best["x"], best["compute_tfs_days"]),
        })
    return pd.DataFrame(rows)


@cache.memo(maxsize=4)
def moore_comparator(records_only: bool = True) -> Trend:
    """Transistor-count trend over 2012-2019 (the years of the AlexNet-level series); records
    only with a bootstrap interval, or all chips with OLS."""
    return moore_trend(2012, 2019, records_only=records_only, bootstrap=records_only)


def moore_fold(records_only: bool = True) -> Interval:
    """Moore's-law gain over the AlexNet -> EfficientNet-b0 span."""
    a, b = alexnet_span()
    return moore_comparator(records_only).fold_change(a, b)


def two_year_doubling_fold() -> float:
    """Gain from a 2-year doubling over the same span (OpenAI's '11x' reading of Moore's law)."""
    a, b = alexnet_span()
    return 2.0 ** ((b - a) / 2.0)


def last_digit_step(x: float) -> float:
    """The unit of the last digit of a published number as stored (3.1 -> 0.1, 0.069 -> 0.001,
    465 -> 1)."""
    text = f"{float(x):.10g}"
    if "e" in text:
        raise ValueError(f"cannot read the precision of {x!r}")
    return 10.0 ** -len(text.split(".")[1]) if "." in text else 1.0


def ratio_rounding_range(a: float, b: float) -> Interval:
    """``a / b`` with the range the two published roundings allow (each +-half its last digit)."""
    da, db = last_digit_step(a) / 2, last_digit_step(b) / 2
    return Interval(a / b, (a - da) / (b + db), (a + da) / (b - db))


def alexnet_ratio() -> Interval:
    """AlexNet compute / EfficientNet-b0 compute in OpenAI's table, with their rounding range."""
    rows = level("AlexNet").set_index("model")
    return ratio_rounding_range(float(rows["compute_tfs_days"].iloc[0]),
                                float(rows["compute_tfs_days"].min()))


def transformer_ratio() -> Interval:
    """Seq2Seq (ensemble) compute / Transformer (base) compute from the table, with the range the
    published roundings allow (each value +-0.5 in its last digit: 465 and 8 teraflop/s-days)."""
    rows = level("Seq2Seq").set_index("model")
    base = float(rows.loc["Seq2Seq (Ensemble)", "compute_tfs_days"])
    new = float(rows.loc["Transformer (Base)", "compute_tfs_days"])
    return Interval(base / new, (base - 0.5) / (new + 0.5), (base + 0.5) / (new - 0.5))


def transformer_alternatives() -> pd.DataFrame:
    """The same ratio with other compute figures for the two systems (full training runs)."""
    s = ml_systems()
    rows = level("Seq2Seq").set_index("model")
    ens = float(rows.loc["Seq2Seq (Ensemble)", "compute_flop"])
    tr = float(rows.loc["Transformer (Base)", "compute_flop"])
    single_oa = float(s.loc["Seq2Seq LSTM", "openai_flop"])
    return pd.DataFrame([
        {"Seq2Seq figure": "ensemble, efficiency table", "Transformer figure":
         "base, to reach the level (table)", "ratio": ens / tr},
        {"Seq2Seq figure": "single model, AI and Compute", "Transformer figure":
         "base, to reach the level (table)", "ratio": single_oa / tr},
        {"Seq2Seq figure": "single model, AI and Compute", "Transformer figure":
         "full run, AI and Compute appendix", "ratio": single_oa / float(s.loc["Transformer",
                                                                               "openai_flop"])},
        {"Seq2Seq figure": "Epoch (Seq2Seq LSTM)", "Transformer figure": "Epoch (Transformer)",
         "ratio": float(s.loc["Seq2Seq LSTM", "training_compute_flop"])
         / float(s.loc["Transformer", "training_compute_flop"])},
    ])


def alphazero_figures() -> pd.DataFrame:
    """Every compute figure for AlphaGo Zero and AlphaZero in our data, and the ratio each gives."""
    s = ml_systems()
    cols = {"OpenAI, AI and Compute": "openai_flop",
            "Epoch base snapshot (2025-06)": "training_compute_flop",
            "Epoch notable snapshot (2025-11)": "epoch_notable_training_compute_flop"}
    rows = []
    for name, col in cols.items():
        z, a = float(s.loc["AlphaGo Zero", col]), float(s.loc["AlphaZero", col])
        rows.append({"source": name, "AlphaGo Zero FLOP": z, "AlphaZero FLOP": a,
                     "AlphaGo Zero / AlphaZero": z / a})
    eff = level("AlphaGo Zero")
    rows.append({"source": "efficiency table (statement row)",
                 "AlphaGo Zero FLOP": np.nan,
                 "AlphaZero FLOP": float(eff["compute_flop"].iloc[0]),
                 "AlphaGo Zero / AlphaZero": float(eff["reduction_factor"].iloc[0])})
    return pd.DataFrame(rows)


def alphazero_reason() -> str:
    """Why alphazero-8x cannot be recomputed from our data (with the ratios the data do give)."""
    f = alphazero_figures()
    full = f[f["AlphaGo Zero FLOP"].notna()]
    ratios = ", ".join(f"{r['AlphaGo Zero / AlphaZero']:.1f} ({r['source']})"
                       for _, r in full.iterrows())
    return ("our data hold only full-training compute for AlphaGo Zero and AlphaZero (ratios "
            f"{ratios}), not the compute each needed to reach AlphaGo Zero-level play; the "
            "efficiency table's row has no compute figures, so 8x cannot be recomputed")


@assesses("efficiency-16mo", "efficiency-44x", "transformer-61x", "alphazero-8x")
def assess_efficiency() -> dict[str, Estimate]:
    """Primary readings (register): the log-linear fit through OpenAI's own AlexNet-level table
    for the 16 months; the direct ratio of the table's AlexNet and EfficientNet-b0 compute for
    the 44x; Seq2Seq / Transformer from the table for the 61x. Each reproduces OpenAI's own data."""
    t = alexnet_trend()
    a, b = alexnet_span()
    ends = endpoint_ratios().set_index("level")
    alex = ends.loc["AlexNet"]
    loo = leave_one_out()
    alt_16 = [("two points: AlexNet to EfficientNet-b0", Estimate.exact(alex["halving months"]))]
    alt_16 += [(f"fit without {r['left out']}", Estimate(r["halving months"], r["CI low"],
                                                         r["CI high"]))
               for _, r in loo.iterrows()]
    alt_61 = [(f"{r['Seq2Seq figure']} / {r['Transformer figure']}", Estimate.exact(r["ratio"]))
              for _, r in transformer_alternatives().iloc[1:].iterrows()]
    return {
        "efficiency-16mo": Estimate.from_interval(
            t.halving_months(), "AlexNet-level rows of OpenAI's table (6), OLS t interval",
            alternatives=alt_16),
        "efficiency-44x": Estimate.from_interval(
            alexnet_ratio(), "AlexNet compute / EfficientNet-b0 compute in OpenAI's table; "
                             "interval = range allowed by the table's rounding",
            kind="rounding range",
            alternatives=(("fitted fold decrease AlexNet to EfficientNet-b0 (OLS t interval)",
                           Estimate.from_interval(t.fold_decrease(a, b))),)),
        "transformer-61x": Estimate.from_interval(
            transformer_ratio(), "465/8 teraflop/s-days; interval = range allowed by rounding",
            kind="rounding range", alternatives=alt_61),
        "alphazero-8x": Estimate.untestable(alphazero_reason()),
    }
