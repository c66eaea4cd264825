"""Build data/cloud_prices.csv: cloud price per accelerator-hour by date, vendor and accelerator.

Reads  <sources>/epoch_training_cost/Hardware_prices.csv (Epoch AI; starts with a UTF-8 BOM)
       <sources>/dawnbench/{ImageNet,CIFAR10}/train/*.json (DAWNBench entries' costPerHour)
       <sources>/cloud_gpu_prices_2024_2026/cloud_gpu_price_points.csv (14 hand-entered 2024-26 price points from stored
                 web pages, each with URL and quote; weak: mostly secondary pages, one mirror host)
       <out>/accelerators.csv (built by build_accelerators.py, read from the output folder; maps Epoch hardware names to accelerator keys)
       + four Crusoe on-demand list prices transcribed by hand below (GPUHUNT_ROWS) from the price table that dstack's
         gpuhunt package hard-codes "from https://crusoe.ai/cloud/pricing", dated by the commit that added each price

Decisions
- Epoch: every row with an on-demand price per chip-hour is kept (1-/3-year commitment prices as extra
  columns). Rows without an on-demand price (purchase prices, and 3 Oblivus rows with only commitment
  prices, 1 empty row) are left out.
- DAWNBench: every training entry (ImageNet and CIFAR10) with a costPerHour and an accelerator; the
  per-accelerator price = costPerHour / accelerators in the entry (value_basis 'computed' when divided).
  CPU-only entries are left out. Entries repeating the same date, hardware and price are merged (one row,
  the others named in notes). The hardware of each entry is mapped by hand in DAWN_ENTRIES below.
- Stanford DAWN blog 2020-08-17: the four per-accelerator prices it states (two are assumptions).
- 2024-26 price points: every point with a single price per chip-hour is kept (11 of 14); the three with only a
  percentage (AWS's June 2025 cut) or a range (Mercatus, Lyceum) are left out. A date given as a quarter or a month
  is set to the LAST day of that period (date_precision says so), so that a look-up of prices dated no later than
  a run never uses a price before its period was over. GB200 is priced per B200 die (half the Superchip price) and
  keyed to B200 (accelerators has no GB200 key); the variant says so. price_kind keeps what each price is: AWS
  Capacity Blocks are short-term reservations, SemiAnalysis figures a 1-year contract index, Spheron/packet.ai
  "from" prices the cheapest advertised on-demand configuration, AIMultiple a median of posted on-demand prices.
- gpuhunt: Crusoe's A100 SXM 80GB, H100 SXM and MI300X (commit 2026-02-26) and H200 (2026-03-03) on-demand prices;
  the B200 figure in the same table is marked there as estimated, so it is left out.
- source_strength, by rule: primary = the seller's own price page or an archived copy of it (Epoch rows citing
  one), or the price a benchmark entry states it paid (DAWNBench); secondary = a third party's compilation,
  transcription or report (Epoch rows citing the-full-stack cloud-gpus.csv or no page, the DAWN blog, gpuhunt, indexes,
  vendors' marketing blogs, news); mirror = a copy of the seller's page on an unrelated host (AWS rows).
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
SHARED_2024 = "cloud_gpu_prices_2024_2026/cloud_gpu_price_points.csv"
GPUHUNT = "dstackai/gpuhunt@{}:src/gpuhunt/providers/crusoe.py"
GPUHUNT_H100 = "aa885be2ffad34b8bbe7edf5adcd523558a225a6"  # 2026-02-26 "Add Crusoe Cloud provider (#211)"
GPUHUNT_H200 = "ae2f67a110b47ace24b5e842f4c1a2ff0694b471"  # 2026-03-03 "Add H200 and B200 support for Crusoe ..."
# (date, accelerator, variant, Crusoe gpu_type, on-demand USD per GPU-hour, commit)
GPUHUNT_ROWS = [
    ("2026-02-26", "A100", "A100 SXM 80GB", "A100-SXM-80GB", 1.95, GPUHUNT_H100),
    ("2026-02-26", "H100", "H100 SXM 80GB", "H100-SXM-80GB", 3.90, GPUHUNT_H100),
    ("2026-02-26", "MI300X", "MI300X 192GB", "MI300X-192GB", 3.45, GPUHUNT_H100),
    ("2026-03-03", "H200", "H200 SXM 141GB", "H200-SXM-141GB", 4.29, GPUHUNT_H200),
]
# 2024-26 points: chip as written in the source -> (accelerator key, variant, GPUs in the priced unit, per-die divisor)
CHIP_2024 = {
    "NVIDIA H100 SXM (p5.48xlarge, 8 GPUs)": ("H100", "H100 SXM", "p5.48xlarge", 8),
    "NVIDIA H200 (8 GPUs, US East Ohio)": ("H200", "H200", "8 x H200 (p5e.48xlarge presumably)", 8),
    "NVIDIA A100 40GB (p4d.24xlarge, 8 GPUs)": ("A100", "A100 40GB", "p4d.24xlarge", 8),
    "NVIDIA H100 80GB": ("H100", "H100 80GB", "", None),
    "NVIDIA H200 SXM": ("H200", "H200 SXM", "", None),
    "NVIDIA B200 SXM": ("B200", "B200 SXM", "", None),
    "NVIDIA GB200 (per Superchip = 2 B200 dies)": ("B200", "GB200 (per B200 die = half a Superchip)", "GB200 Superchip", 2),
    "NVIDIA H100": ("H100", "H100", "", None),
}
# price_type in the source -> price_kind here
KIND_2024 = {"EC2 Capacity Block": "capacity reservation", "1-year contract": "contract rental index",
             "on-demand (from)": "advertised from-price", "on-demand, median": "index median"}
SOURCE_STRENGTH = ["primary", "secondary", "mirror"]
COLS = ["price_id", "date", "date_precision", "vendor", "accelerator", "accelerator_variant", "hardware_model_raw",
        "location", "instance", "accelerators_in_instance", "price_per_accelerator_hour_usd",
        "price_1yr_commitment_per_accelerator_hour_usd", "price_3yr_commitment_per_accelerator_hour_usd",
        "instance_price_usd_per_hour", "price_kind", "value_basis", "source_dataset", "source_strength", "source", "notes"]


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


def period_end(text: str) -> tuple[str, str]:
    """'2024-Q4' -> ('2024-12-31', 'quarter'), '2026-06' -> ('2026-06-30', 'month'), a day stays a day."""
    if re.fullmatch(r"\d{4}-Q[1-4]", text):
        end = pd.Period(text.replace("-", ""), freq="Q").end_time
        return end.strftime("%Y-%m-%d"), "quarter"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return pd.Period(text, freq="M").end_time.strftime("%Y-%m-%d"), "month"
    return pd.Timestamp(text).strftime("%Y-%m-%d"), "day"


def points_2024_rows(sources):
    t = pd.read_csv(sources / SHARED_2024, dtype=str, keep_default_na=False)
    rows = []
    for i, r in t.iterrows():
        if not r["price_usd_per_chip_hour"]:
            continue  # a percentage or a range only: no single price to record
        acc, variant, inst, n = CHIP_2024[r["chip"]]
        kind = next(v for k, v in KIND_2024.items() if r["price_type"].startswith(k))
        date, precision = period_end(r["price_date"])
        price = float(r["price_usd_per_chip_hour"])
        strength = ("mirror" if "mirror" in r["source_kind"]
                    else "secondary")  # no row here is the seller's own price page
        notes = [f"source kind: {r['source_kind']}", f"date: {r['date_basis']}"]
        if precision != "day":
            notes.append(f"dated {r['price_date']} in the source; set to the last day of that {precision}")
        notes += [f"quote: {r['quote']}", f"price type: {r['price_type']}"]
        if r["notes"]:
            notes.append(r["notes"])
        rows.append({
            "price_id": f"web2024-{i:02d}", "date": date, "date_precision": precision, "vendor": r["vendor"],
            "accelerator": acc, "accelerator_variant": variant, "hardware_model_raw": r["chip"],
            "location": "US East" if "US East" in r["quote"] else "", "instance": inst,
            "accelerators_in_instance": n, "price_per_accelerator_hour_usd": price,
            "instance_price_usd_per_hour": round(price * n, 6) if n == 2 else None,
            "price_kind": kind, "value_basis": "computed" if n == 2 else "published",
            "source_dataset": "Cloud GPU price points 2024-2026 (web pages)", "source_strength": strength,
            "source": r["url"], "notes": "; ".join(notes)})
    return rows


def gpuhunt_rows():
    return [{"price_id": f"gpuhunt-crusoe-{gpu.lower()}", "date": date, "date_precision": "day", "vendor": "Crusoe",
             "accelerator": acc, "accelerator_variant": variant, "hardware_model_raw": gpu, "instance": "per GPU",
             "accelerators_in_instance": 1, "price_per_accelerator_hour_usd": p, "price_kind": "list price",
             "value_basis": "published", "source_dataset": "gpuhunt (dstack) Crusoe price table",
             "source_strength": "secondary", "source": GPUHUNT.format(commit),
             "notes": ("on-demand price per GPU-hour as transcribed in gpuhunt 'from https://crusoe.ai/cloud/pricing'; "
                       "dated by the commit that added it (the page itself not checked)")}
            for date, acc, variant, gpu, p, commit in GPUHUNT_ROWS]


def strength_of(row) -> str:
    """source_strength of an Epoch / DAWNBench / DAWN-blog row, by the rule in the module docstring."""
    if row["source_dataset"] == "DAWNBench entries":
        return "primary"
    if (row["source_dataset"] == "Stanford DAWN blog" or "github.com/the-full-stack" in row["source"]
            or row["source"] == EPOCH_FILE):  # a compilation, or Epoch's table without a page cited
        return "secondary"
    return "primary"


def build(sources: Path, out: Path) -> None:
    acc = pd.read_csv(out / "accelerators.csv", dtype=str, keep_default_na=False)
    key_of = dict(zip(acc["epoch_hardware_name"], acc["accelerator"]))
    for k, folded in zip(acc["accelerator"], acc["epoch_variants_folded"]):
        key_of.update({n: k for n in folded.split("; ") if n})
    old = pd.DataFrame(epoch_rows(sources, key_of) + dawn_rows(sources) + blog_rows())
    old["source_strength"] = old.apply(strength_of, axis=1)
    df = pd.concat([old, pd.DataFrame(points_2024_rows(sources) + gpuhunt_rows())])[COLS]
    assert df["source_strength"].isin(SOURCE_STRENGTH).all()
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
