"""Build data/imagenet_inference_runs.csv: one row per DAWNBench ImageNet inference entry.

Reads (read-only) <sources>/dawnbench/ImageNet/inference/*.json (DAWNBench, 2017-11 .. 2020-03).

Decisions:
  * latency_ms = JSON `latency` (milliseconds per image, images classified one at a time).
  * The JSON `cost` field is USD per single image (entries-repo README: "Cost of performing
    inference on a single image ... costPerHour * latency"); it is kept as cost_per_image_usd
    and also expressed per 10,000 images (x 10,000, the DAWNBench leaderboard unit; computed).
    implied_price_per_hour_usd = cost / (latency_ms / 3.6e6) is computed as a consistency check.
  * Accelerator family/count/instance are transcribed by hand from the free-text `hardware`
    field in HARDWARE below (the script fails if an entry is missing); where the device is
    not named it is inferred from the instance type and accelerator_basis says so.
  * Dates are normalised to ISO (some JSONs write 2019-7-22). Sorted by date, then run_id.
"""
import csv
import json
from pathlib import Path

import pandas as pd

from _common import run

OUTPUTS = ("imagenet_inference_runs.csv",)
DAWN_REPO = "stanford-futuredata/dawn-bench-entries@fb27b827bd83eff9021698ffe576b33a100e0b78"

# stem: (model, accelerator, count, basis, cloud_instance, notes)
HARDWARE = {
    "AliCloud-hci_MIVT-NET-v2_1t4_HIE": ("MIVT-NET-v2", "T4", 1, "inferred", "Alibaba Cloud ecs.gn6i-c8g1.2xlarge", "1 T4 inferred from the instance type (file name says 1t4; the PAI entry on the same instance names a Tesla T4)"),
    "AlibabaCloud_resnet26_1t4_ecs_tensorflow": ("ResNet-26", "T4", 1, "published", "Alibaba Cloud ecs.gn6i-c8g1.2xlarge", "GPU Tesla T4 named in misc"),
    "AlibabaCloud_resnet26d_1t4_ecs_pytorch_tensorRT": ("ResNet-26d", "T4", 1, "inferred", "Alibaba Cloud ecs.gn6i-c8g1.2xlarge", "1 T4 inferred from the instance type and file name"),
    "AlibabaCloud_resnet26d_ecs_npu_perseus": ("ResNet-26d", "Hanguang 800", None, "inferred", "Alibaba Cloud ecs.ebman1.26xlarge", "accelerator not named in the JSON (Alibaba T-Head NPU via HGAI); Hanguang 800 inferred, count unknown; JSON cost is null"),
    "AlibabaCloud_resnet50_1p4_ecs_tensorflow": ("ResNet-50", "P4", 1, "inferred", "Alibaba Cloud ecs.gn5i-c8g1.2xlarge", "1 P4 inferred from the instance type and file name"),
    "AlibabaCloud_resnet50_1p4_ecs_tensorflow19": ("ResNet-50", "P4", 1, "inferred", "Alibaba Cloud ecs.gn5i-c8g1.2xlarge", "1 P4 inferred from the instance type and file name; published date 2018-05-16 is doubtful (TensorFlow 1.12.2 for CUDA 10 did not exist in May 2018; possibly 2019-05-16); implied hourly price differs slightly from the other entry on the same instance"),
    "Alipay_resnet101_npu_tensorflow": ("ResNet-101", "Hanguang 800", None, "inferred", "", "published as Alibaba Cloud Npu (HGAI); Hanguang 800 inferred, count unknown; JSON cost is null"),
    "DidiCloud_resnet50_1p4_ifx": ("ResNet-50", "P4", 1, "published", "Didi Cloud (1 P4 / 16 GB / 8 vCPU)", ""),
    "DidiCloud_resnet50_1t4_ifx": ("ResNet-50", "T4", 1, "published", "Didi Cloud (1 T4 / 16 GB / 8 vCPU)", "no cost published"),
    "GammaLab_resnet50_PingAnCloud_Caffe": ("ResNet-50", "T4", 1, "published", "PingAn Cloud", "no cost published"),
    "HaifanData_resnet50_1GTX1080Ti_tensorflow": ("ResNet-50", "GTX 1080 Ti", 1, "published", "", "no cost published"),
    "HuaweiCloud_resnet26_modelarts_aibox": ("ResNet-26", "T4", 1, "inferred", "Huawei Cloud pi2.2xlarge.4", "1 T4 inferred from the instance type (Huawei Pi2 = Tesla T4); no cost published"),
    "HuaweiCloud_resnet50_modelarts_2.4": ("ResNet-50", "P4", 1, "inferred", "Huawei Cloud pi1.2xlarge.4", "1 P4 inferred from the instance type (Huawei Pi1 = Tesla P4); no cost published"),
    "IluvatarCoreX-P.S.R_resnet50_1p4_tensorflow": ("ResNet-50", "P4", 1, "published", "", "no cost published"),
    "IluvatarCoreX-XLab-P.S.R_resnet26d_1t4_tensorrt": ("ResNet-26d", "T4", 1, "published", "", "no cost published"),
    "Intel_resnet50_c59xlarge_intelcaffe": ("ResNet-50", "Xeon CPU", None, "inferred", "AWS c5.4xlarge", "CPU-only (Xeon inferred from the C5 instance type): accelerator_count left empty; file name says c59xlarge but hardware and implied price (0.68 USD/h) match c5.4xlarge"),
    "Intel_resnet50_c5_18xlarge_intelcaffe_latency": ("ResNet-50", "Xeon CPU", None, "inferred", "AWS c5.18xlarge", "CPU-only (Xeon inferred from the C5 instance type): accelerator_count left empty; no cost published"),
    "Intel_resnet50_c5_2xlarge_intelcaffe_cost": ("ResNet-50", "Xeon CPU", None, "inferred", "AWS c5.2xlarge", "CPU-only (Xeon inferred from the C5 instance type): accelerator_count left empty"),
    "dawn_resnet152_1k80-ec2_mxnet": ("ResNet-152", "K80", 1, "published", "AWS p2.xlarge", "DAWNBench reference entry"),
    "dawn_resnet152_1k80-ec2_tensorflow": ("ResNet-152", "K80", 1, "published", "AWS p2.xlarge", "DAWNBench reference entry"),
    "dawn_resnet152_1p100-gc_mxnet": ("ResNet-152", "P100", 1, "published", "Google Compute Engine (1 P100 / 30 GB / 8 CPU)", "DAWNBench reference entry"),
    "dawn_resnet152_1p100-gc_tensorflow": ("ResNet-152", "P100", 1, "published", "Google Compute Engine (1 P100 / 30 GB / 8 CPU)", "DAWNBench reference entry"),
}


def iso(date):
    y, m, d = (int(x) for x in date.split("-"))
    return f"{y:04d}-{m:02d}-{d:02d}"


def num(x):
    return "" if x is None else repr(x) if isinstance(x, float) else str(x)


def build(sources: Path, out: Path) -> None:
    folder = sources / "dawnbench" / "ImageNet" / "inference"
    stems = sorted(p.stem for p in folder.glob("*.json"))
    assert set(stems) == set(HARDWARE), set(stems) ^ set(HARDWARE)
    rows = []
    for stem in stems:
        meta = json.loads((folder / f"{stem}.json").read_text())
        model, acc, count, basis, inst, notes = HARDWARE[stem]
        cost, lat = meta.get("cost"), meta.get("latency")
        rows.append({
            "run_id": f"dawnbench:{stem}", "benchmark": "DAWNBench", "date": iso(meta["timestamp"]),
            "date_precision": "day", "submitter": meta["author"], "model": model,
            "model_as_published": meta["model"], "accuracy_target": "93% top-5",
            "top5_accuracy_pct": num(meta.get("top5Accuracy")),
            "accelerator": acc, "accelerator_count": num(count), "accelerator_basis": basis,
            "hardware_description": meta["hardware"], "cloud_instance": inst, "framework": meta["framework"],
            "latency_ms": num(lat), "cost_per_image_usd": num(cost),
            "cost_per_10k_images_usd": num(round(cost * 1e4, 10)) if cost else "",
            "implied_price_per_hour_usd": num(round(cost / (lat / 3.6e6), 4)) if cost and lat else "",
            "source": f"{DAWN_REPO}:ImageNet/inference/{stem}.json", "notes": notes,
        })
    df = pd.DataFrame(rows).sort_values(["date", "run_id"], kind="mergesort")
    # short names used above -> the key of that chip in data/accelerators.csv (Epoch's name)
    df["accelerator"] = df["accelerator"].replace({"P4": "Tesla P4", "Hanguang 800": "T-Head Hanguang 800"})
    assert df["run_id"].is_unique
    df.to_csv(out / OUTPUTS[0], index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL, encoding="utf-8")
    print(f"wrote {out / OUTPUTS[0]} ({len(df)} rows)")


if __name__ == "__main__":
    run(build)
