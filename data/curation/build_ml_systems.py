"""Build data/ml_systems.csv: notable ML systems with training compute, plus OpenAI "AI and Compute" values.

Reads (under <sources>):
  epoch_training_cost/All_ML_Systems_-_full_view.csv   Epoch "All ML Systems" snapshot (base table)
      = epoch-research/training-cost-trends@39afc3de1beb16ee18dbe89f925759fa713dc744:data/All ML Systems - full view.csv
  llm_cost/epoch_notable_ai_models.csv                  Epoch "Notable AI Models", newer snapshot (2025-11)
      = LucaDeLeo/aiobituaries@a2f74c4cc1f64f8fbe85eaa470f22c354564f71e:epoch_data/AI Models/notable_ai_models.csv
  compute_trends/ai_and_compute.csv, ai_and_compute_epoch_crosswalk.csv and
  compute_trends/raw/skaltman_ai-progress_data-raw_compute.csv   OpenAI "AI and Compute" values and labels

Decisions:
  * Base = All ML Systems: it covers non-notable systems and the pre-2012 era, carries chip-hours and
    estimation method, and is the snapshot the OpenAI crosswalk was built against. The notable snapshot
    adds (a) a notable flag and its own (sometimes revised) compute value for matched systems, and
    (b) systems missing from the base (mostly renamed siblings and 2025-06..11 releases), added as rows.
  * A notable row is "the same system" as a base row if the names are equal, or if both share the
    publication link and either the normalised names or the compute values agree (renames such as
    Grok 3 / Grok-3).
  * Rows need a date; rows without training compute are dropped unless OpenAI plotted the system.
  * OpenAI systems are joined through the crosswalk; the appendix systems it leaves unmatched are matched
    by hand to the Epoch entry for the same paper (OPENAI_EXTRA_MATCH). OpenAI systems with no Epoch entry
    are kept with empty Epoch columns if they have a date; first-era labels without any date are dropped.
  * accelerator is filled only when every listed chip maps to one family of the shared vocabulary.
"""
from pathlib import Path
import re

import pandas as pd

from _common import run

OUTPUTS = ("ml_systems.csv",)

ALL_SRC = ("epoch-research/training-cost-trends@39afc3de1beb16ee18dbe89f925759fa713dc744:"
           "data/All ML Systems - full view.csv")
NOTABLE_SRC = ("LucaDeLeo/aiobituaries@a2f74c4cc1f64f8fbe85eaa470f22c354564f71e:"
               "epoch_data/AI Models/notable_ai_models.csv")
OPENAI_PAGE = "https://openai.com/index/ai-and-compute/"
PFS_DAY_FLOP = 1e15 * 86400

# OpenAI labels the crosswalk leaves without an Epoch model: Epoch entry for the same paper (checked by hand).
OPENAI_EXTRA_MATCH = {
    "Word2vec": "Word2Vec (large)",               # Mikolov et al. 2013, arXiv:1310.4546
    "VAE": "Image generation",                    # Kingma & Welling, Auto-Encoding Variational Bayes
    "GANs": "GANs",                               # Goodfellow et al. 2014
    "Learning to Align and Translate": "RNNsearch-50*",  # Bahdanau et al. 2014
    "Adam Optimizer": "ADAM (CIFAR-10)",          # Kingma & Ba 2014
    "Deep Belief Nets and layer-wise pretraining": "Deep Belief Nets",  # Hinton et al. 2006
}

# Epoch chip name (before any variant suffix) -> shared accelerator vocabulary
ACCEL_PATTERNS = [
    (r"^NVIDIA Tesla K80$", "K80"), (r"^NVIDIA (Tesla )?P100\b", "P100"),
    (r"^NVIDIA (Tesla )?V100", "V100"), (r"^NVIDIA Tesla T4$", "T4"), (r"^NVIDIA A10G$", "A10G"),
    (r"^NVIDIA A100\b", "A100"), (r"^NVIDIA H100\b", "H100"), (r"^NVIDIA H200\b", "H200"),
    (r"^Google TPU v2$", "TPU v2"), (r"^Google TPU v3$", "TPU v3"), (r"^Google TPU v4$", "TPU v4"),
    (r"^Google TPU v5e$", "TPU v5e"), (r"^Google TPU v5p$", "TPU v5p"),
    (r"^AMD Radeon Instinct MI250X?$", "MI250"), (r"^NVIDIA GeForce GTX 1080 Ti$", "GTX 1080 Ti"),
    (r"^NVIDIA GeForce GTX TITAN X$", "Titan X"), (r"^Huawei Ascend 910$", "Ascend 910"),
]


def clean(s):
    """Collapse internal whitespace/newlines; empty -> NA."""
    if pd.isna(s):
        return pd.NA
    s = re.sub(r"\s+", " ", str(s)).strip()
    return s or pd.NA


def norm_name(s):
    return re.sub(r"[^a-z0-9]", "", str(s).lower())


def accelerator(hw):
    if pd.isna(hw):
        return pd.NA
    fams = set()
    for chip in str(hw).split(","):
        chip = chip.strip()
        fam = next((f for p, f in ACCEL_PATTERNS if re.search(p, chip)), None)
        if fam is None:
            return pd.NA
        fams.add(fam)
    return fams.pop() if len(fams) == 1 else pd.NA


def money(x):
    if pd.isna(x):
        return float("nan")
    return float(str(x).replace("$", "").replace(",", ""))


def epoch_rows(df, snapshot, source):
    return pd.DataFrame({
        "system": df["Model"].map(clean),
        "date": df["Publication date"],
        "organization": df["Organization"].map(clean),
        "domain": df["Domain"].map(clean),
        "training_compute_flop": df["Training compute (FLOP)"],
        "parameters": df["Parameters"],
        "training_hardware": df["Training hardware"].map(clean),
        "hardware_quantity": df["Hardware quantity"],
        "training_time_hours": df["Training time (hours)"],
        "training_chip_hours": df["Training chip-hours"] if "Training chip-hours" in df else float("nan"),
        "epoch_confidence": df["Confidence"].map(clean),
        "epoch_estimation_method": (df["Training compute estimation method"].map(clean)
                                    if "Training compute estimation method" in df else pd.NA),
        "epoch_compute_from_openai": df["Training compute notes"].fillna("").str.contains(
            r"ai-and-compute|AI and Compute", case=False, regex=True),
        "notability": df["Notability criteria"].map(clean),
        "epoch_cost_estimate_usd_2023": df["Training compute cost (2023 USD)"].map(money),
        "reference_url": df["Link"].map(clean),
        "epoch_snapshot": snapshot,
        "source": source,
        "_link": df["Link"],
    })


def build(sources: Path, out: Path) -> None:
    allm = pd.read_csv(sources / "epoch_training_cost" / "All_ML_Systems_-_full_view.csv")
    notable = pd.read_csv(sources / "llm_cost" / "epoch_notable_ai_models.csv")

    base = epoch_rows(allm, "all_ml_systems_2025_06", ALL_SRC)
    extra = epoch_rows(notable, "notable_ai_models_2025_11", NOTABLE_SRC)
    extra["_notable_flop"] = notable["Training compute (FLOP)"]

    # --- match notable rows to base rows ---------------------------------------------------------
    base["_key"] = range(len(base))
    by_name = dict(zip(base["system"], base["_key"]))
    match = []
    for _, r in extra.iterrows():
        k = by_name.get(r["system"])
        if k is None and pd.notna(r["_link"]):
            cands = base[base["_link"] == r["_link"]]
            for _, c in cands.iterrows():
                same_flop = (pd.notna(c["training_compute_flop"]) and pd.notna(r["training_compute_flop"])
                             and abs(c["training_compute_flop"] / r["training_compute_flop"] - 1) < 1e-6)
                if norm_name(c["system"]) == norm_name(r["system"]) or same_flop:
                    k = c["_key"]
                    break
        match.append(k)
    extra["_key"] = match
    matched = extra.dropna(subset=["_key"]).drop_duplicates("_key")
    base["epoch_notable"] = base["_key"].isin(matched["_key"])
    base["epoch_notable_training_compute_flop"] = base["_key"].map(
        dict(zip(matched["_key"], matched["_notable_flop"])))
    added = extra[extra["_key"].isna()].copy()
    added["epoch_notable"] = True
    added["epoch_notable_training_compute_flop"] = added["_notable_flop"]
    rows = pd.concat([base, added], ignore_index=True).drop(columns=["_key", "_notable_flop", "_link"])

    # --- OpenAI "AI and Compute" -------------------------------------------------------------------
    aic = pd.read_csv(sources / "compute_trends" / "ai_and_compute.csv")
    raw = pd.read_csv(sources / "compute_trends" / "raw" / "skaltman_ai-progress_data-raw_compute.csv")
    full = dict(zip(raw["result"], raw["overall_peta_flop_days"]))  # unrounded values
    aic["pfs"] = [full.get(s, v) for s, v in zip(aic["system"], aic["pfs_days"])]
    cw = pd.read_csv(sources / "compute_trends" / "ai_and_compute_epoch_crosswalk.csv")
    oa = cw.merge(aic[["system", "set", "is_upper_bound", "pfs", "value_source", "publication_date",
                       "epoch_model"]].rename(columns={"epoch_model": "aic_epoch_model"}),
                  left_on="openai_label", right_on="system", how="outer")
    oa["openai_label"] = oa["openai_label"].fillna(oa["system"])
    oa["openai_set"] = oa["set"].fillna("first_era")
    oa["openai_era"] = oa["openai_set"].map(lambda s: "first" if s == "first_era" else "modern")
    oa["openai_date"] = oa["publication_date"].fillna(oa["openai_date"])
    oa["epoch_model"] = (oa["epoch_model"].fillna(oa["aic_epoch_model"])
                         .fillna(oa["openai_label"].map(OPENAI_EXTRA_MATCH)))
    oa["match_basis"] = oa["epoch_model"].where(oa["epoch_model"].isna(),
                                                  oa["openai_label"].map(lambda l: "curated_same_paper"
                                                                         if l in OPENAI_EXTRA_MATCH
                                                                         else "crosswalk"))
    oa["openai_source"] = oa["value_source"].fillna(
        OPENAI_PAGE + " (2019 addendum chart label; OpenAI's first-era values not available)")

    rows["_oa"] = pd.NA
    new = []
    for i, r in oa.iterrows():
        hit = rows.index[rows["system"] == r["epoch_model"]] if pd.notna(r["epoch_model"]) else []
        if len(hit) == 0:
            if pd.isna(r["openai_date"]):
                print("dropped (no date):", r["openai_label"])
                continue
            new.append({"system": r["openai_label"], "date": r["openai_date"], "source": OPENAI_PAGE,
                        "_oa": i})
        else:
            rows.loc[hit[0], "_oa"] = i
    rows = pd.concat([rows, pd.DataFrame(new)], ignore_index=True)
    o = oa.reindex(rows["_oa"].astype("Int64"))
    o.index = rows.index
    rows["openai_label"] = o["openai_label"]
    rows["openai_set"] = o["openai_set"]
    rows["openai_era"] = o["openai_era"]
    rows["openai_date"] = o["openai_date"]
    rows["openai_pfs_days"] = o["pfs"]
    rows["openai_flop"] = o["pfs"] * PFS_DAY_FLOP
    rows["openai_is_upper_bound"] = o["is_upper_bound"]
    rows["openai_epoch_match"] = o["match_basis"]
    rows["openai_source"] = o["openai_source"]
    cw_chart = dict(zip(cw["epoch_model"], cw["epoch_value_from_openai_chart"]))
    rows["epoch_compute_from_openai"] = rows["epoch_compute_from_openai"].where(
        rows["system"].map(cw_chart) != True, True)  # noqa: E712  (crosswalk: digitised from OpenAI chart)
    rows["in_epoch"] = rows["epoch_snapshot"].notna()

    # --- filter, key, order ------------------------------------------------------------------------
    rows = rows[rows["date"].notna()]
    rows = rows[rows["training_compute_flop"].notna() | rows["openai_set"].notna()].copy()
    rows["date"] = pd.to_datetime(rows["date"]).dt.strftime("%Y-%m-%d")
    rows["date_precision"] = "day"
    month_only = rows["epoch_snapshot"].isna()  # OpenAI-only rows: OpenAI dates are month-level at best
    rows.loc[month_only, "date_precision"] = "month"
    rows = rows.sort_values(["date", "system", "epoch_snapshot"], kind="mergesort")
    dup = rows.groupby("system").cumcount()
    rows.loc[dup > 0, "system"] = rows["system"] + " [" + rows["date"] + " #" + (dup + 1).astype(str) + "]"
    assert rows["system"].is_unique

    cols = ["system", "date", "date_precision", "organization", "domain", "training_compute_flop",
            "parameters", "training_hardware", "accelerator", "hardware_quantity", "training_time_hours",
            "training_chip_hours", "epoch_confidence", "epoch_estimation_method", "epoch_compute_from_openai",
            "notability", "epoch_notable", "epoch_notable_training_compute_flop", "epoch_cost_estimate_usd_2023",
            "in_epoch", "epoch_snapshot", "openai_label", "openai_set", "openai_era", "openai_date",
            "openai_pfs_days", "openai_flop", "openai_is_upper_bound", "openai_epoch_match", "openai_source",
            "reference_url", "source"]
    rows["accelerator"] = rows["training_hardware"].map(accelerator)
    table = rows[cols].copy()
    for c in ["epoch_compute_from_openai", "epoch_notable"]:
        table[c] = table[c].astype(object).where(rows["in_epoch"], pd.NA)
    for c in ["epoch_compute_from_openai", "epoch_notable", "in_epoch", "openai_is_upper_bound"]:
        table[c] = table[c].map(lambda v: "" if pd.isna(v) else ("true" if bool(v) else "false"))
    for c in ["training_compute_flop", "parameters", "hardware_quantity", "training_time_hours",
              "training_chip_hours", "epoch_notable_training_compute_flop", "epoch_cost_estimate_usd_2023",
              "openai_pfs_days", "openai_flop"]:
        table[c] = pd.to_numeric(table[c]).map(lambda v: "" if pd.isna(v) else format(v, ".10g"))
    table.to_csv(out / OUTPUTS[0], index=False, lineterminator="\n", encoding="utf-8")
    print(f"wrote {out / OUTPUTS[0]} ({len(table)} rows)")


if __name__ == "__main__":
    run(build)
