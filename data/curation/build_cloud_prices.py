"""Build data/cloud_prices.csv: cloud price per accelerator-hour by date, vendor and accelerator.

Reads  <sources>/epoch_training_cost/Hardware_prices.csv (Epoch AI; starts with a UTF-8 BOM)
       <sources>/dawnbench/{ImageNet,CIFAR10}/train/*.json (DAWNBench entries' costPerHour)
       <out>/accelerators.csv (built by build_accelerators.py, read from the output folder; maps Epoch hardware names to accelerator keys)

Decisions
- Epoch: every row with an on-demand price per chip-hour is kept (1-/3-year commitment prices as extra
  columns). Rows without an on-demand price (purchase prices, and 3 Oblivus rows with only commitment
  prices, 1 empty row) are left out.
- DAWNBench: every training entry (ImageNet and CIFAR10) with a costPerHour and an accelerator; the
  per-accelerator price = costPerHour / accelerators in the entry (value_basis 'computed' when divided).
  CPU-only entries are left out. Entries repeating the same date, hardware and price are merged (one row,
  the others named in notes). The hardware of each entry is mapped by hand in DAWN_ENTRIES below.
- Stanford DAWN blog 2020-08-17: the four per-accelerator prices it states (two are assumptions).
"""
import json
import re
from pathlib import Path

import pandas as pd

from _common import run

OUTPUTS = ("cloud_prices.csv",)
REQUIRES = ("accelerators.csv",)
EPOCH_FILE = ("epoch-research/training-cost-trends@263c40a159307e917213d1dc433c617e47d55bfe:"
              "data/Hardware prices.csv")
DAWN_REPO = "stanford-futuredata/dawn-bench-entries@fb27b827bd83eff9021698ffe576b33a100e0b78"
BLOG = "https://dawn.cs.stanford.edu/2020/08/17/mlperf-v0.7-cost/"
AWS, GCP = "Amazon Web Services", "Google Cloud"
SWAP = ("DAWNBench's two 2017-10-27 reference entries appear to carry swapped instance prices: AWS list prices "
        "were p2.8xlarge (8 K80 GPUs) 8 x $0.90 = $7.20/h (Epoch rows 2017-02-10, 2017-05-30) and g3.16xlarge "
        "(4 M60 GPUs) $4.56/h (= 4 x the $1.14/h DAWNBench itself gives for g3.4xlarge); recorded as published.")

# json path -> (vendor, accelerator, variant, instance, accelerators in the priced unit, note)
DAWN_ENTRIES = {
    "ImageNet/train/dawn_resnet152_b_8k80_ec2_mxnet.json": (AWS, "K80", "K80 GPU (one GK210 die)", "p2.8xlarge", 8, SWAP),
    "ImageNet/train/dawn_resnet152_b_4M60_ec2_tensorflow.json": (AWS, "M60", "M60 GPU (one GM204 die)", "g3.16xlarge", 4, SWAP),
    "ImageNet/train/diux_resnet50_p3-tensorpack.json": (AWS, "V100", "V100 SXM2 16GB", "p3.16xlarge", 8, ""),
    "ImageNet/train/fastai_pytorch.json": (AWS, "V100", "V100 SXM2 16GB", "p3.16xlarge", 8, ""),
    "ImageNet/train/fastai_resnet50_p3_4_machine_pytorch.json": (AWS, "V100", "V100 SXM2 16GB", "4 x p3.16xlarge", 32, ""),
    "ImageNet/train/fastai_resnet50_p3_8_machine_pytorch.json": (AWS, "V100", "V100 SXM2 16GB", "8 x p3.16xlarge", 64, ""),
    "ImageNet/train/fastai_resnet50_p3_16_machine_pytorch.json": (AWS, "V100", "V100 SXM2 16GB", "16 x p3.16xlarge", 128, ""),
    "ImageNet/train/gehc_resnet50_1_p3_16xlarge_tensorflow111.json": (AWS, "V100", "V100 SXM2 16GB", "p3.16xlarge", 8, ""),
    "ImageNet/train/google_amoeba_net_d_tpu_tensorflow18.json": (GCP, "TPU v2", "Cloud TPU v2-8 (4 chips)", "Cloud TPU v2-8 + n1-standard-2 VM", 4, "price includes the n1-standard-2 host VM"),
    "ImageNet/train/google_resnet50_tpu_tensorflow17.json": (GCP, "TPU v2", "Cloud TPU v2-8 (4 chips)", "Cloud TPU v2-8 + n1-standard-2 VM", 4, "price includes the n1-standard-2 host VM"),
    "ImageNet/train/google_resnet50_tpu_tensorflow18.json": (GCP, "TPU v2", "Cloud TPU v2-8 (4 chips)", "Cloud TPU v2-8 + n1-standard-2 VM", 4, "price includes the n1-standard-2 host VM"),
    "ImageNet/train/google_resnet50_tpu_tensorflow111.json": (GCP, "TPU v2", "Cloud TPU v2-8 (4 chips)", "Cloud TPU v2-8 + n1-standard-2 VM", 4, "price includes the n1-standard-2 host VM"),
    "ImageNet/train/google_resnet50_tpu_tensorflow111_fastai.json": (GCP, "TPU v2", "Cloud TPU v2-8 (4 chips)", "Cloud TPU v2-8 + n1-standard-2 VM", 4, "price includes the n1-standard-2 host VM"),
    "ImageNet/train/lambda_resnet50_lambda_cloud_single_pytorch.json": ("Lambda Labs", "GTX 1080 Ti", "GeForce GTX 1080 Ti", "Lambda GPU Cloud 4x GTX 1080 Ti", 4, ""),
    "ImageNet/train/setu_resnet50_azure-ndv2_pytorch.json": ("Microsoft Azure", "V100", "V100 SXM2 32GB", "ND40s_v2", 8, "below Epoch's Azure ND40rs v2 list price ($2.75 per GPU-hour, 2020-03-09); not verified"),
    "ImageNet/train/alibabacloud_resnet50_gn6e_1_machine_tensorflow.json": ("Alibaba Cloud", "V100", "V100 SXM2 32GB", "ecs.gn6e-c12g1.24xlarge", 8, ""),
    "ImageNet/train/alibabacloud_resnet50_gn6e_16_machine_tensorflow.json": ("Alibaba Cloud", "V100", "V100 SXM2 32GB", "16 x ecs.gn6e-c12g1.24xlarge", 128, ""),
    "CIFAR10/train/dawn_resnet164_b_1k80-ec2_pytorch.json": (AWS, "K80", "K80 GPU (one GK210 die)", "p2.xlarge", 1, ""),
    "CIFAR10/train/dawn_resnet164_b_1k80-ec2_tensorflow.json": (AWS, "K80", "K80 GPU (one GK210 die)", "p2.xlarge", 1, ""),
    "CIFAR10/train/dawn_resnet164_nb_1k80-ec2_pytorch.json": (AWS, "K80", "K80 GPU (one GK210 die)", "p2.xlarge", 1, ""),
    "CIFAR10/train/dawn_resnet164_b_1k80-gc_pytorch.json": (GCP, "K80", "K80 GPU (one GK210 die)", "1 K80 + 8 vCPU / 30 GB VM", 1, "price includes the host VM"),
    "CIFAR10/train/dawn_resnet164_b_1k80-gc_tensorflow.json": (GCP, "K80", "K80 GPU (one GK210 die)", "1 K80 + 8 vCPU / 30 GB VM", 1, "price includes the host VM"),
    "CIFAR10/train/dawn_resnet164_nb_1k80-gc_pytorch.json": (GCP, "K80", "K80 GPU (one GK210 die)", "1 K80 + 8 vCPU / 30 GB VM", 1, "price includes the host VM"),
    "CIFAR10/train/dawn_resnet164_nb_1k80-gc_tensorflow.json": (GCP, "K80", "K80 GPU (one GK210 die)", "1 K80 + 8 vCPU / 30 GB VM", 1, "price includes the host VM"),
    "CIFAR10/train/diux_cifar_g3.json": (AWS, "M60", "M60 GPU (one GM204 die)", "g3.4xlarge", 1, ""),
    "CIFAR10/train/diux_cifar_p3.json": (AWS, "V100", "V100 SXM2 16GB", "p3.2xlarge", 1, ""),
    "CIFAR10/train/basenet.json": (AWS, "V100", "V100 SXM2 16GB", "p3.2xlarge", 1, ""),
    "CIFAR10/train/davidcpage_resnet9_1v100-ec2_pytorch.json": (AWS, "V100", "V100 SXM2 16GB", "p3.2xlarge", 1, ""),
    "CIFAR10/train/fastai_pytorch.json": (AWS, "V100", "V100 SXM2 16GB", "p3.16xlarge", 8, ""),
    "CIFAR10/train/fastai_pytorch_single_volta.json": ("Paperspace", "V100", "V100", "Paperspace Volta (V100)", 1, ""),
    "CIFAR10/train/BAIDU-USA-GAIT_BaiduNet9_1GV100_pytorch.json": ("Baidu Cloud", "V100", "V100 16GB", "1 V100 / 56 GB / 12 CPU", 1, ""),
    "CIFAR10/train/BAIDU-USA-GAIT_BaiduNet9P_8GV100_pytorch.json": ("Baidu Cloud", "V100", "V100 16GB", "8 V100 / 448 GB / 96 CPU", 8, ""),
    "CIFAR10/train/lambda_BaiduNet9_lambda_cloud_single_pytorch.json": ("Lambda Labs", "GTX 1080 Ti", "GeForce GTX 1080 Ti", "Lambda GPU Cloud 4x GTX 1080 Ti", 4, ""),
}
# Stanford DAWN blog: (accelerator, variant, vendor, price, price_kind, note)
BLOG_ROWS = [
    ("V100", "V100 16GB", GCP, 2.48, "list price", "blog: 'based on published GCP prices'"),
    ("V100", "V100 32GB", GCP, 3.17, "list price", "blog: 'based on published GCP prices'"),
    ("A100", "A100", "", 6.00, "assumption", "blog: A100 not yet in public cloud; extrapolated from V100 and A100 Lambda Hyperplane server costs"),
    ("TPU v3", "TPU v3 32GB", GCP, 1.25, "assumption", "blog: per 'TPU v3 accelerator' (core vs chip not stated); 32-GB TPU v3 not yet publicly available on GCP, so assumed"),
]
COLS = ["price_id", "date", "date_precision", "vendor", "accelerator", "accelerator_variant", "hardware_model_raw",
        "location", "instance", "accelerators_in_instance", "price_per_accelerator_hour_usd",
        "price_1yr_commitment_per_accelerator_hour_usd", "price_3yr_commitment_per_accelerator_hour_usd",
        "instance_price_usd_per_hour", "price_kind", "value_basis", "source_dataset", "source", "notes"]


def clean(v):
    return " ".join(str(v).split()) if pd.notna(v) and str(v).strip() else ""


def epoch_rows(sources, key_of):
    h = pd.read_csv(sources / "epoch_training_cost" / "Hardware_prices.csv", encoding="utf-8-sig")
    h = h[h["Price per chip-hour (on-demand)"].notna()]
    rows = []
    for i, r in h.iterrows():
        url = re.findall(r"https?://\S+", str(r["Price source"]))
        note = clean(r["Notes"])
        inst = re.sub(r"^instance\s+", "", note)
        inst = re.split(r"\s+(?:number of GPUs|have\s)", inst)[0]
        inst = inst if re.fullmatch(r"[A-Za-z0-9][\w.\-]*( [A-Za-z0-9]+){0,3}", inst) and len(inst) <= 24 else ""
        desc = clean(r["Cloud GPU description"])
        notes = "; ".join(x for x in [f"Epoch notes: {note}" if note else "",
                                      f"Epoch GPU description: {desc}" if desc else ""] if x)
        if r["Hardware model"] == "NVIDIA Tesla K80":
            notes = "; ".join(x for x in [notes, "price per K80 GPU = one GK210 die (half a K80 board)"] if x)
        rows.append({
            "price_id": f"epoch-{i:03d}", "date": r["Price date"], "date_precision": "day",
            "vendor": clean(r["Vendor"]), "accelerator": key_of[r["Hardware model"]],
            "accelerator_variant": re.sub(r"^(NVIDIA|Google|AMD|Intel) ", "", r["Hardware model"]),
            "hardware_model_raw": r["Hardware model"], "location": clean(r["Location"]), "instance": inst,
            "accelerators_in_instance": r["Number of GPUs"],
            "price_per_accelerator_hour_usd": r["Price per chip-hour (on-demand)"],
            "price_1yr_commitment_per_accelerator_hour_usd": r["Price per chip-hour (1-year CUD)"],
            "price_3yr_commitment_per_accelerator_hour_usd": r["Price per chip-hour (3-year CUD)"],
            "price_kind": "list price", "value_basis": "published", "source_dataset": "Epoch AI hardware prices",
            "source": url[0] if url else EPOCH_FILE, "notes": notes})
    return rows


def dawn_rows(sources):
    groups = {}
    for path, (vendor, acc, variant, inst, n, note) in DAWN_ENTRIES.items():
        d = json.loads((sources / "dawnbench" / path).read_text(encoding="utf-8"))
        groups.setdefault((d["timestamp"], inst, float(d["costPerHour"])), []).append(
            (path, vendor, acc, variant, n, note, d["hardware"]))
    rows = []
    for (date, inst, cost), members in groups.items():
        members.sort()
        path, vendor, acc, variant, n, note, hw = members[0]
        others = [m[0] for m in members[1:]]
        notes = "; ".join(x for x in [f"entry hardware: {hw}", note,
                                      f"same price also in {', '.join(others)}" if others else ""] if x)
        rows.append({
            "price_id": "dawnbench-" + Path(path).stem + ("-cifar10" if path.startswith("CIFAR10") else ""),
            "date": date, "date_precision": "day", "vendor": vendor, "accelerator": acc,
            "accelerator_variant": variant, "hardware_model_raw": hw, "location": "", "instance": inst,
            "accelerators_in_instance": n, "price_per_accelerator_hour_usd": round(cost / n, 6),
            "instance_price_usd_per_hour": cost, "price_kind": "published by benchmark entry",
            "value_basis": "published" if n == 1 else "computed", "source_dataset": "DAWNBench entries",
            "source": f"{DAWN_REPO}:{path}", "notes": notes})
    return rows


def blog_rows():
    return [{"price_id": f"dawnblog-2020-08-17-{variant.lower().replace(' ', '-')}", "date": "2020-08-17",
             "date_precision": "day", "vendor": vendor, "accelerator": acc, "accelerator_variant": variant,
             "hardware_model_raw": variant, "instance": "per accelerator", "accelerators_in_instance": 1,
             "price_per_accelerator_hour_usd": p, "price_kind": kind, "value_basis": "published",
             "source_dataset": "Stanford DAWN blog", "source": BLOG, "notes": note}
            for acc, variant, vendor, p, kind, note in BLOG_ROWS]


def build(sources: Path, out: Path) -> None:
    acc = pd.read_csv(out / "accelerators.csv", dtype=str, keep_default_na=False)
    key_of = dict(zip(acc["epoch_hardware_name"], acc["accelerator"]))
    for k, folded in zip(acc["accelerator"], acc["epoch_variants_folded"]):
        key_of.update({n: k for n in folded.split("; ") if n})
    df = pd.DataFrame(epoch_rows(sources, key_of) + dawn_rows(sources) + blog_rows())[COLS]
    assert df["price_id"].is_unique and df["accelerator"].isin(acc["accelerator"]).all()
    assert (df["price_per_accelerator_hour_usd"] > 0).all()
    df = df.sort_values(["date", "accelerator", "vendor", "price_id"], kind="mergesort")
    for c in ["accelerators_in_instance", "price_per_accelerator_hour_usd", "instance_price_usd_per_hour",
              "price_1yr_commitment_per_accelerator_hour_usd", "price_3yr_commitment_per_accelerator_hour_usd"]:
        df[c] = df[c].map(lambda v: "" if pd.isna(v) else format(float(v), ".10g"))
    df = df.fillna("").astype(str).apply(lambda s: s.str.strip())
    df.to_csv(out / OUTPUTS[0], index=False, lineterminator="\n", encoding="utf-8")
    print(f"{len(df)} rows -> {out / OUTPUTS[0]}")


if __name__ == "__main__":
    run(build)
