"""Build data/accelerators.csv: one row per accelerator key (the project's shared vocabulary).

Reads  <sources>/epoch_training_cost/Chip_dataset-Grid_view.csv  (Epoch AI chip dataset,
       byte-identical to epoch-research/training-cost-trends@263c40a1:data/Chip dataset-Grid view.csv)
       <sources>/epoch_training_cost/Hardware_prices.csv  (only to know which chips have prices).

Decisions
- Short-vocabulary families (K80, V100, A100, TPU v3, ...) get one row each. All Epoch entries that are
  variants of a family (e.g. V100 PCIe/SXM2/SXM3/DGXS 16/32 GB, V100S) are folded into it and listed in
  `epoch_variants_folded`; specs come from ONE representative Epoch entry (`epoch_hardware_name`).
- Other Epoch chips are kept (each its own key = Epoch name minus the leading manufacturer word) if they have
  an Epoch release date and at least one of: a release price and an FP32 peak; Epoch's "ML hardware" flag;
  >= 1 ML model trained on them per Epoch; or they appear in Hardware_prices.csv (kept even without a date). Duplicate Epoch names: the entry
  with the most filled fields wins. Where the shortened key would clash (e.g. AMD vs ATI 'Radeon HD 5450',
  Intel's 2007 CPU 'A100'), the full Epoch name is the key.
- Units: FLOP/s as given by Epoch (dense tensor figures where Epoch gives them), memory in GB (1e9 bytes),
  TDP in W, release price in nominal USD. Nothing is estimated; empty = Epoch gives no value.
"""
import re
from pathlib import Path

import pandas as pd

from _common import run

OUTPUTS = ("accelerators.csv",)
EPOCH_SRC = ("epoch-research/training-cost-trends@263c40a159307e917213d1dc433c617e47d55bfe:"
             "data/Chip dataset-Grid view.csv")
DAWN = "stanford-futuredata/dawn-bench-entries@fb27b827bd83eff9021698ffe576b33a100e0b78"

# family key -> (representative Epoch entry, other Epoch entries folded in, representative_variant, chips/board)
FAMILIES = {
    "K80": ("NVIDIA Tesla K80", [], "Tesla K80 board (2x GK210, 24 GB)", 2),
    "M60": ("NVIDIA TESLA M60", [], "Tesla M60 board (2x GM204, 16 GB)", 2),
    "P100": ("NVIDIA P100", ["NVIDIA Tesla P100 SXM2", "NVIDIA Tesla P100 DGXS", "NVIDIA P100 PCIe 16GB",
                             "NVIDIA Tesla P100 PCIe 12GB", "NVIDIA Tesla P100 PCIe 16GB"],
             "P100 PCIe 16GB (Epoch generic 'P100' entry)", 1),
    "V100": ("NVIDIA Tesla V100 SXM2 32 GB",
             ["NVIDIA V100", "NVIDIA Tesla V100 SXM2", "NVIDIA Tesla V100 SXM2 16 GB", "NVIDIA Tesla V100 PCIe 16 GB",
              "NVIDIA Tesla V100 PCIe 32 GB", "NVIDIA Tesla V100 DGXS 16 GB", "NVIDIA Tesla V100 DGXS 32 GB",
              "NVIDIA Tesla V100 SXM3 32 GB", "NVIDIA Tesla V100 FHHL", "NVIDIA Tesla V100S PCIe 32 GB"],
             "V100 SXM2 32GB", 1),
    "T4": ("NVIDIA Tesla T4", [], "Tesla T4 16GB", 1),
    "A10G": ("NVIDIA A10G", [], "A10G 24GB (AWS variant of A10)", 1),
    "A100": ("NVIDIA A100 SXM4 40 GB", ["NVIDIA A100", "NVIDIA A100 PCIe", "NVIDIA A100 SXM4 80 GB"],
             "A100 SXM4 40GB", 1),
    "H100": ("NVIDIA H100 SXM5 80GB", ["NVIDIA H100 PCIe", "NVIDIA H100 NVL"], "H100 SXM5 80GB", 1),
    "H200": ("NVIDIA H200 SXM", [], "H200 SXM", 1),
    "L4": ("NVIDIA L4", [], "L4 24GB", 1),
    "L40S": ("NVIDIA L40S", [], "L40S", 1),
    "GH200": ("NVIDIA GH200", [], "GH200 Grace Hopper superchip (GPU figures)", 1),
    "B200": ("NVIDIA B200", [], "B200", 1),
    "TPU v2": ("Google TPU v2", [], "TPU v2 chip (2 TensorCores)", 1),
    "TPU v3": ("Google TPU v3", [], "TPU v3 chip (2 TensorCores)", 1),
    "TPU v4": ("Google TPU v4", [], "TPU v4 chip", 1),
    "TPU v5e": ("Google TPU v5e", [], "TPU v5e chip", 1),
    "TPU v5p": ("Google TPU v5p", [], "TPU v5p chip", 1),
    "Gaudi": ("Intel Habana GAUDI HL-205", [], "Gaudi HL-205", 1),
    "Gaudi2": ("Intel Habana Gaudi2", [], "Gaudi2", 1),
    "MI250": ("AMD Radeon Instinct MI250", [], "Instinct MI250", 1),
    "MI300X": ("AMD Instinct MI300X", ["AMD MI300X (GPU only)"], "Instinct MI300X 192GB", 1),
    "GTX 1080 Ti": ("NVIDIA GeForce GTX 1080 Ti", ["NVIDIA GeForce GTX 1080 Ti 10 GB"], "GeForce GTX 1080 Ti 11GB", 1),
    "Titan X": ("NVIDIA GeForce GTX TITAN X", [], "GeForce GTX TITAN X (Maxwell, 2015)", 1),
    "Ascend 910": ("Huawei Ascend 910", ["Ascend (昇腾) 910"], "Ascend 910", 1),
}
NOTES = {
    "K80": "Dual-GPU board: FLOP/s, memory and TDP are per board (2 GK210 dies). Cloud 'K80 GPUs' (AWS p2, GCP, "
           "Azure NC) are single dies, i.e. half a board; per-GPU cloud prices therefore buy half these specs.",
    "M60": "Dual-GPU board: specs per board (2 GM204 dies); AWS g3 counts each die as one GPU.",
    "P100": "Epoch's generic 'P100' entry (datasheet link = Tesla P100 PCIe); the SXM2 variant peaks at 1.061e13 FP32.",
    "V100": "Family release 2017-06-21 (16 GB); the 32 GB representative was released 2018-03-27.",
    "A100": "80 GB SXM4 variant released 2020-11-16 with the same FLOP/s.",
    "H200": "Epoch gives no memory size for this entry.",
    "L40S": "Epoch entry has no release date; its only figure is 3.62e14 under FP16 (non-tensor) - likely the "
            "datasheet's FP16 tensor figure; not verified here.",
    "GH200": "Figures are the Hopper GPU of the superchip; Epoch gives no memory size.",
    "TPU v2": "Per chip. A Cloud TPU v2-8 / v3-8 device = 4 chips = 8 cores.",
    "TPU v3": "Per chip. Epoch gives no FP32 figure.",
    "Gaudi": "Epoch gives only the TDP.",
    "MI250": "Epoch gives no memory size for this entry.",
    "GTX 1080 Ti": "Epoch's price-source field for this entry points to a P100 page; the $699 launch price is Epoch's.",
    "Titan X": "Vocabulary 'Titan X' = Maxwell GTX TITAN X (2015); the 2016 Pascal card (Epoch 'NVIDIA TITAN X Pascal') is not in this table (no Epoch price or ML-hardware flag).",
    "Ascend 910": "Epoch lists 2.56e14 under FP16 (non-tensor).",
}
XEON = {"accelerator": "Xeon CPU", "manufacturer": "Intel", "kind": "CPU", "in_short_vocabulary": "true",
        "representative_variant": "generic Intel Xeon server CPU (no specific SKU)", "chips_per_board": 1,
        "source": f"{DAWN}:ImageNet/train/Intel_Resnet50_ec2_Xeon_8124M_intelcaffe.json",
        "notes": "Generic key for CPU-only runs (e.g. DAWNBench Xeon Platinum 8124M on AWS c5.18xlarge, MLPerf "
                 "CPU-only entries); specs deliberately empty because it covers many SKUs."}
# Graphcore chips used by MLPerf entries; Epoch's GC200 row has no release date and there is no Bow row.
IPUS = [{"accelerator": name, "manufacturer": "Graphcore", "kind": "other", "in_short_vocabulary": "false",
         "representative_variant": variant, "chips_per_board": 1,
         "source": source,
         "notes": "Key added for MLPerf Graphcore entries; specs left empty (not in our sources)."}
        for name, variant, source in (
            ("GC200 IPU", "Colossus MK2 GC200 IPU",
             "mlcommons/training_results_v1.0@50619b5df63f1d646715a82c1fb8c35f271e25fa:Graphcore/systems/ipu-pod16-TF1.json"),
            ("Bow IPU", "Bow IPU",
             "mlcommons/training_results_v2.0@8437fbb78349aa3c3054aeccb1d47d2a315a80e7:Graphcore/systems/ipu-pod16-TF1-closed.json"))]
COLS = ["accelerator", "manufacturer", "kind", "in_short_vocabulary", "representative_variant", "epoch_hardware_name",
        "epoch_variants_folded", "chips_per_board", "release_date", "family_first_release_date", "release_price_usd",
        "fp32_flops", "fp16_flops", "tensor_fp16_bf16_flops", "tf32_flops", "memory_gb", "tdp_w",
        "datasheet_urls", "release_price_source", "source", "notes"]
SPEC = {"fp32_flops": "FP32 (single precision) performance (FLOP/s)",
        "fp16_flops": "FP16 (half precision) performance (FLOP/s)",
        "tensor_fp16_bf16_flops": "Tensor-FP16/BF16 performance (FLOP/s)",
        "tf32_flops": "TF32 (TensorFloat-32) performance (FLOP/s)", "tdp_w": "TDP (W)"}


def key_for(name, manufacturer):
    """Epoch hardware name without its leading manufacturer word (e.g. 'NVIDIA Tesla K20X' -> 'Tesla K20X')."""
    m = str(manufacturer) if pd.notna(manufacturer) else ""
    return name[len(m) + 1:] if m and name.startswith(m + " ") else name


def kind_of(t, manufacturer, name):
    if t in ("GPU", "GPGPU", "DCU (GPGPU)"):
        return "GPU"
    if t == "TPU":
        return "TPU"
    if t in ("CPU", "Hybrid CPU"):
        return "CPU"
    gpu_name = re.search(r"Radeon|GeForce|Quadro|Tesla|FirePro", name)  # untyped Epoch rows of known GPU lines
    return "GPU" if pd.isna(t) and (manufacturer in ("NVIDIA", "AMD", "ATI") or gpu_name) else "other"


def urls(text):
    found = re.findall(r"https?://[^\s;,]+", str(text)) if pd.notna(text) else []
    return "; ".join(dict.fromkeys(u.rstrip(".") for u in found))


def price(v):
    return float(str(v).replace("$", "").replace(",", "")) if pd.notna(v) else None


def row_from_epoch(r, key, vocab):
    out = {"accelerator": key, "manufacturer": r["Manufacturer"] if pd.notna(r["Manufacturer"]) else "",
           "kind": kind_of(r["Type"], r["Manufacturer"], r["Hardware name"]), "in_short_vocabulary": "true" if vocab else "false",
           "epoch_hardware_name": r["Hardware name"], "release_date": r["Release date"],
           "release_price_usd": price(r["Release price (USD)"]), "chips_per_board": 1,
           "memory_gb": (r["Memory size per board (Byte)"] / 1e9 if pd.notna(r["Memory size per board (Byte)"])
                         else None),
           "datasheet_urls": urls(r["Link to datasheet"]), "source": EPOCH_SRC}
    out.update({k: r[v] for k, v in SPEC.items()})
    # Epoch's price-source field is only meaningful when a release price is given (some stray values otherwise)
    if out["release_price_usd"] is not None:
        out["release_price_source"] = urls(r["Source for the price"])
        if not out["release_price_source"] and pd.notna(r["Source for the price"]):
            out["notes"] = "Epoch price note: " + " ".join(str(r["Source for the price"]).split())
    return out


def build(sources: Path, out: Path) -> None:
    src = sources / "epoch_training_cost"
    chips = pd.read_csv(src / "Chip_dataset-Grid_view.csv", dtype={"Release date": str})
    chips = chips[chips["Hardware name"].notna()].copy()
    chips["_filled"] = chips.notna().sum(axis=1)
    chips = (chips.sort_values(["Hardware name", "_filled"], ascending=[True, False], kind="mergesort")
             .drop_duplicates("Hardware name"))
    by_name = chips.set_index("Hardware name")
    prices = pd.read_csv(src / "Hardware_prices.csv", encoding="utf-8-sig")
    priced = set(prices["Hardware model"].dropna())

    rows, folded = [], set()
    for key, (rep, others, variant, per_board) in FAMILIES.items():
        r = by_name.loc[rep].copy()
        r["Hardware name"] = rep
        row = row_from_epoch(r, key, True)
        members = [rep] + [o for o in others if o in by_name.index]
        dates = sorted(d for d in by_name.loc[members, "Release date"].dropna())
        row.update(representative_variant=variant, chips_per_board=per_board,
                   epoch_variants_folded="; ".join(members[1:]),
                   family_first_release_date=dates[0] if dates else None)
        row["notes"] = " ".join(x for x in [row.get("notes"), NOTES.get(key)] if x)
        rows.append(row)
        folded.update(members)
    rows.append(XEON)
    rows.extend(IPUS)

    keep = chips[~chips["Hardware name"].isin(folded)]
    keep = keep[(keep["Release date"].notna()
                 & ((keep["Release price (USD)"].notna()
                     & keep["FP32 (single precision) performance (FLOP/s)"].notna())
                    | keep["ML hardware"].notna() | (keep["Number of ML models trained"].fillna(0) > 0)))
                | keep["Hardware name"].isin(priced)]  # priced chips stay even without a release date
    short = [key_for(n, m) for n, m in zip(keep["Hardware name"], keep["Manufacturer"])]
    clash = {k for k in short if short.count(k) > 1 or k in FAMILIES or k == XEON["accelerator"]}
    for (_, r), k in zip(keep.iterrows(), short):
        row = row_from_epoch(r, r["Hardware name"] if k in clash else k, False)  # full name if the short one clashes
        row.update(representative_variant=row["accelerator"], family_first_release_date=r["Release date"])
        rows.append(row)

    df = pd.DataFrame(rows)[COLS]
    assert df["accelerator"].is_unique, df[df["accelerator"].duplicated()]
    missing = priced - set(df["epoch_hardware_name"]) - folded
    assert not missing, missing
    df = df.sort_values(["in_short_vocabulary", "accelerator"], ascending=[False, True], kind="mergesort")
    for c in ["release_price_usd", "fp32_flops", "fp16_flops", "tensor_fp16_bf16_flops", "tf32_flops",
              "memory_gb", "tdp_w"]:
        df[c] = df[c].map(lambda v: "" if v is None or pd.isna(v) else format(float(v), ".10g"))
    df = df.fillna("").astype(str).apply(lambda s: s.str.strip())
    df.to_csv(out / OUTPUTS[0], index=False, lineterminator="\n", encoding="utf-8")
    print(f"{len(df)} rows -> {out / OUTPUTS[0]}")


if __name__ == "__main__":
    run(build)
