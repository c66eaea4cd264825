"""Build data/notable_models_2026.csv: Epoch AI's notable models with training compute, 2026-01 snapshot.

Reads  <sources>/epoch_notable_2026_01/notable-ai-models.csv
           = mxschons/sobe-2025-data-repository@6e8fd472308cd958cbbf50ca4339b7b3da6f6815:
             data/external/epoch-ai/notable-ai-models.csv (Epoch AI "Data on Notable AI Models" as
             downloaded 2026-01-26 by that repository; Epoch AI, CC BY 4.0)
       <out>/ml_systems.csv   (REQUIRES: to say which models and values are new against it)

Decisions
- One row per model of the snapshot that has a publication date and a training-compute estimate
  (515 of 976; the rest, including most late-2025 frontier models, have no compute estimate and
  cannot enter a compute trend). Values are Epoch's, unchanged; epoch_snapshot names the snapshot on
  every row, so a number computed from this table says which snapshot it uses.
- A separate table rather than rows merged into ml_systems: ml_systems keeps the snapshots the
  claim notebooks were written against (All ML Systems 2025-06 + notable 2025-11), so their numbers
  do not move; the "what happened next" sections use this newest snapshot on its own.
- in_ml_systems: a system of the same name is in ml_systems; ml_systems_compute_flop: its
  training_compute_flop there (empty if not there), so revisions between snapshots are visible.
- frontier_model: Epoch's own "Frontier model" flag (true when Epoch marks it), kept as is.
- Names are whitespace-collapsed (some upstream names end in a newline); a duplicate name (none at
  the time of writing) would stop the build.
"""
import re
from pathlib import Path

import pandas as pd

from _common import run

OUTPUTS = ("notable_models_2026.csv",)
REQUIRES = ("ml_systems.csv",)

FOLDER = "epoch_notable_2026_01"
SNAPSHOT = "notable_ai_models_2026_01"
SOURCE = ("mxschons/sobe-2025-data-repository@6e8fd472308cd958cbbf50ca4339b7b3da6f6815:"
          "data/external/epoch-ai/notable-ai-models.csv (Epoch AI, Data on Notable AI Models, "
          "accessed 2026-01-26)")


def clean(s):
    """Collapse internal whitespace/newlines; empty -> None."""
    if pd.isna(s):
        return None
    s = re.sub(r"\s+", " ", str(s)).strip()
    return s or None


def money(x):
    if pd.isna(x):
        return float("nan")
    return float(str(x).replace("$", "").replace(",", ""))


def num(v):
    return "" if pd.isna(v) else format(float(v), ".10g")


def build(sources: Path, out: Path) -> None:
    raw = pd.read_csv(sources / FOLDER / "notable-ai-models.csv")
    ml = pd.read_csv(out / "ml_systems.csv", usecols=["system", "training_compute_flop"])
    known = dict(zip(ml["system"], ml["training_compute_flop"]))

    df = pd.DataFrame({
        "system": raw["Model"].map(clean),
        "date": pd.to_datetime(raw["Publication date"], errors="coerce"),
        "organization": raw["Organization"].map(clean),
        "domain": raw["Domain"].map(clean),
        "training_compute_flop": pd.to_numeric(raw["Training compute (FLOP)"], errors="coerce"),
        "parameters": pd.to_numeric(raw["Parameters"], errors="coerce"),
        "training_hardware": raw["Training hardware"].map(clean),
        "hardware_quantity": pd.to_numeric(raw["Hardware quantity"], errors="coerce"),
        "training_time_hours": pd.to_numeric(raw["Training time (hours)"], errors="coerce"),
        "epoch_confidence": raw["Confidence"].map(clean),
        "notability": raw["Notability criteria"].map(clean),
        "frontier_model": raw["Frontier model"].map(lambda v: "true" if str(v).strip().lower() in
                                                    ("true", "yes", "1", "checked") else "false"),
        "epoch_cost_estimate_usd_2023": raw["Training compute cost (2023 USD)"].map(money),
        "reference_url": raw["Link"].map(clean),
    })
    df = df[df["date"].notna() & df["training_compute_flop"].notna()].copy()
    assert df["system"].is_unique, df.loc[df["system"].duplicated(), "system"].tolist()
    df["in_ml_systems"] = df["system"].isin(known.keys()).map({True: "true", False: "false"})
    df["ml_systems_compute_flop"] = df["system"].map(known)
    df["epoch_snapshot"] = SNAPSHOT
    df["source"] = SOURCE
    df["date"] = df["date"].dt.strftime("%Y-%m-%d")
    for c in ("training_compute_flop", "parameters", "hardware_quantity", "training_time_hours",
              "epoch_cost_estimate_usd_2023", "ml_systems_compute_flop"):
        df[c] = df[c].map(num)
    df = df.sort_values(["date", "system"], kind="mergesort")
    df.to_csv(out / OUTPUTS[0], index=False, lineterminator="\n", encoding="utf-8")
    print(f"wrote {out / OUTPUTS[0]} ({len(df)} rows, {int((df['in_ml_systems'] == 'false').sum())} "
          f"not in ml_systems)")


if __name__ == "__main__":
    run(build)
