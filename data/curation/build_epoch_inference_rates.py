"""Build data/epoch_inference_rates.csv: Epoch AI's own fitted LLM inference-price declines per milestone.

Reads  <sources>/llm_cost/epoch_inference_lowest_price_results.csv
           = epoch-research/llm-benchmark-efficiency@34b923314338360d1b1bbed6ec30d9299e54fdae:
             results/default/lowest_price_models_above_previous_frontier/lowest_price_models_results.csv
             (the results behind Epoch's data insight "LLM inference prices have fallen rapidly but unequally
             across tasks", 2025-03-12; data CC BY 4.0)

Decisions
- One row per (benchmark, milestone model) exactly as Epoch published it: the claimant's own results, kept to
  reproduce its "9x to 900x" and "40x" figures, never as independent evidence.
- performance_range "[low, high]" is split into threshold_score (low) and the upper bound (100, or inf for
  Elo, dropped); the 90% interval string into two numbers. Values are Epoch's, printed to 6 significant digits.
"""
from pathlib import Path

import pandas as pd
from _common import run

OUTPUTS = ("epoch_inference_rates.csv",)
FILE = "llm_cost/epoch_inference_lowest_price_results.csv"
UPSTREAM = ("epoch-research/llm-benchmark-efficiency@34b923314338360d1b1bbed6ec30d9299e54fdae:results/default/"
            "lowest_price_models_above_previous_frontier/lowest_price_models_results.csv")


def num(v) -> str:
    return "" if pd.isna(v) else format(float(v), ".6g")


def pair(text: str) -> tuple[float, float]:
    a, b = text.strip().strip("[]").split(",")
    return float(a), float(b)


def build(sources: Path, out: Path) -> None:
    raw = pd.read_csv(sources / FILE)
    lows = [pair(t)[0] for t in raw["performance_range"]]
    ci = [pair(t) for t in raw["price_reduction_factor_per_year_90_ci"]]
    df = pd.DataFrame({
        "benchmark": raw["bench"], "milestone_model": raw["threshold_model"],
        "threshold_score": [num(v) for v in lows], "models_on_frontier": raw["sample_size"].astype(int),
        "start_date": raw["start_date"], "end_date": raw["end_date"],
        "price_decline_factor_per_year": raw["price_reduction_factor_per_year"].map(num),
        "ci90_low": [num(a) for a, _ in ci], "ci90_high": [num(b) for _, b in ci],
        "r_squared": raw["r_squared"].map(num),
        "source": UPSTREAM,
    })
    df = df.sort_values(["benchmark", "start_date", "milestone_model"], kind="mergesort")
    df.to_csv(out / OUTPUTS[0], index=False, lineterminator="\n", encoding="utf-8")
    print(f"wrote {out / OUTPUTS[0]} ({len(df)} rows)")


if __name__ == "__main__":
    run(build)
