"""Build data/epoch_training_costs.csv: Epoch AI's own cost estimate per model, one row per model x method.

Reads  <sources>/epoch_training_cost/model_costs.csv
           = epoch-research/training-cost-trends@fb9268937dfde252d96622793a3ea5ccc8273cec:model_costs.csv
             (Cottier et al. 2024 pipeline, results of 2025-03, top-10 frontier selection; CC BY 4.0)
       <sources>/epoch_training_cost/model_costs_updated.csv
           = epoch-research/training-cost-trends@cbdf42e41af3be51a84a0aa333940be63d6b9e83:model_costs_updated.csv
             (update_model_costs.ipynb at that commit: hardware CapEx + energy, top-10 selection,
             inflation-adjusted to 2024-12 dollars with PPI 518210; CC BY 4.0)
       <out>/ml_systems.csv   (REQUIRES: to check each model's name and carry its date and flags)

Decisions
- Long format: one row per model and costing method. Methods: `cloud` (chip-hours x cloud rental price,
  3-year commitment), `hardware_acquisition` (purchase price of the whole cluster, not a per-run cost),
  `amortized_hardware_energy` (hardware CapEx amortised over the run plus energy: Cottier et al.'s
  headline method). The 2025-03 file carries all three; the updated file only the amortised method.
- Dollar basis: the updated file is in 2024-12 dollars (PPI 518210), as its notebook states. The 2025-03
  file states no dollar year; its amortised values agree with the "Training compute cost (2023 USD)" column
  of Epoch's All ML Systems snapshot (e.g. GPT-4 40.7M vs 40.6M), so the basis is recorded as 2023 USD
  (PPI 518210), marked inferred. Both are inflation-adjusted already: nominal dollars need re-inflating.
- Every value is Epoch's modelled estimate, not a reported expenditure: value_basis = estimate.
- Models are matched to ml_systems by exact name (Epoch's spelling in both); every name must match,
  else the build stops. The compute confidence flag (epoch_confidence) is copied from ml_systems.
- Costs written with 6 significant figures (the inputs carry float noise, not precision).
"""
from pathlib import Path

import pandas as pd

from _common import run  # data/curation/_common.py (shared --sources/--out parser, issue 18)

OUTPUTS = ("epoch_training_costs.csv",)
REQUIRES = ("ml_systems.csv",)

REPO = "epoch-research/training-cost-trends"
FILES = {
    "model_costs.csv": f"{REPO}@fb9268937dfde252d96622793a3ea5ccc8273cec:model_costs.csv",
    "model_costs_updated.csv": f"{REPO}@cbdf42e41af3be51a84a0aa333940be63d6b9e83:model_costs_updated.csv",
}
METHODS_2025 = {"Cloud_Cost": "cloud", "Hardware_Acquisition_Cost": "hardware_acquisition",
                "Hardware_Capex_Energy_Cost": "amortized_hardware_energy"}


def _rows(sources: Path) -> pd.DataFrame:
    src = sources / "epoch_training_cost"
    old = pd.read_csv(src / "model_costs.csv")
    long = old.melt(id_vars="Model", value_vars=list(METHODS_2025), var_name="col", value_name="cost")
    long = long.dropna(subset=["cost"])
    long["method"] = long["col"].map(METHODS_2025)
    long["results_version"] = "2025-03"
    long["dollar_year"] = 2023
    long["dollar_basis"] = "2023 USD (PPI 518210; year inferred, not stated in the file)"
    long["source"] = FILES["model_costs.csv"]
    new = pd.read_csv(src / "model_costs_updated.csv").rename(columns={"Cost": "cost"})
    new["method"] = "amortized_hardware_energy"
    new["results_version"] = "updated"
    new["dollar_year"] = 2024
    new["dollar_basis"] = "2024-12 USD (PPI 518210, as stated in update_model_costs.ipynb)"
    new["source"] = FILES["model_costs_updated.csv"]
    cols = ["Model", "method", "results_version", "cost", "dollar_year", "dollar_basis", "source"]
    return pd.concat([long[cols], new[cols]], ignore_index=True).rename(columns={"Model": "system"})


def build(sources: Path, out: Path) -> None:
    df = _rows(sources)
    ml = pd.read_csv(out / "ml_systems.csv", dtype=str, keep_default_na=False)
    ml = ml.drop_duplicates("system").set_index("system")
    missing = sorted(set(df["system"]) - set(ml.index))
    if missing:
        raise SystemExit(f"epoch_training_costs: models not in ml_systems: {missing}")
    df["date"] = df["system"].map(ml["date"])
    df["epoch_confidence"] = df["system"].map(ml["epoch_confidence"])
    if (df["cost"] <= 0).any():
        raise SystemExit("epoch_training_costs: a cost is not positive")
    df["cost_usd"] = df["cost"].map(lambda v: f"{float(f'{v:.6g}'):.10g}")
    df["value_basis"] = "estimate"
    order = {"cloud": 0, "hardware_acquisition": 1, "amortized_hardware_energy": 2}
    df["_m"] = df["method"].map(order)
    df = df.sort_values(["system", "results_version", "_m"]).reset_index(drop=True)
    cols = ["system", "date", "method", "results_version", "cost_usd", "dollar_year", "dollar_basis",
            "value_basis", "epoch_confidence", "source"]
    df[cols].to_csv(out / "epoch_training_costs.csv", index=False, lineterminator="\n", encoding="utf-8")


if __name__ == "__main__":
    run(build)
