"""Build data/imagenet_training_runs.csv: one row per ImageNet training result.

Reads (read-only) from <sources>:
  * dawnbench/ImageNet/train/<stem>.json + <stem>.tsv  (DAWNBench, 2017-10 .. 2020-03)
  * mlperf_resnet/mlperf_resnet_time_to_train.csv      (MLPerf Training ResNet-50, v0.5 .. v4.0)

Decisions:
  * DAWNBench: hours_to_target = the `hours` value of the FIRST row of the TSV log whose
    top5Accuracy >= 93 (the DAWNBench rule in the entries repository README). Columns are
    located by header name (some logs put `hours` before `epoch`). The hours string is kept
    exactly as written in the log. price_per_hour_usd = the JSON `costPerHour` as published
    (whole instance/cluster). cost_usd = hours x price (computed; no entry JSON publishes a
    total). Accelerator family/count/host count/instance are transcribed by hand from the
    free-text `hardware` field in HARDWARE below (the script fails if an entry is missing).
  * MLPerf: closed division only; rows with `duplicate_of` set (copies of earlier logs) and
    rows whose `method` says NOT COMPUTED (no run logs) are dropped. hours_to_target =
    time_to_train_min / 60 (the MLPerf score incl. RCP scaling factor where one applies).
  * Sorted by date, then run_id.
"""
import csv
import json
import re
from pathlib import Path

import pandas as pd

from _common import run

OUTPUTS = ("imagenet_training_runs.csv",)
DAWN_REPO = "stanford-futuredata/dawn-bench-entries@fb27b827bd83eff9021698ffe576b33a100e0b78"

# stem: (model, accelerator, variant, count, count_unit, count_basis, hosts, cloud_instance, notes)
HARDWARE = {
    "Intel_Resnet50_4K_ec2_Xeon_8124M_intelcaffe": ("ResNet-50", "Xeon CPU", "Xeon Platinum 8124M", None, "", "", 128, "AWS c5.18xlarge", "CPU-only (no accelerator): accelerator_count left empty; 128 c5.18xlarge nodes, 36 cores each as published; no costPerHour published"),
    "Intel_Resnet50_ec2_Xeon_8124M_intelcaffe": ("ResNet-50", "Xeon CPU", "Xeon Platinum 8124M", None, "", "", 64, "AWS c5.18xlarge", "CPU-only (no accelerator): accelerator_count left empty; 64 c5.18xlarge nodes, 36 cores each as published; no costPerHour published"),
    "Intel_Resnet56_ec2_Xeon_8124M_intercaffe": ("ResNet-56", "Xeon CPU", "Xeon Platinum 8124M", None, "", "", 128, "AWS c5.18xlarge", "model published as ResNet56 (log URL also says resnet_56), an unusual depth for ImageNet; CPU-only: accelerator_count left empty; no costPerHour published"),
    "alibabacloud_resnet50_gn6e_16_machine_tensorflow": ("ResNet-50", "V100", "V100 32GB", 128, "GPU", "published", 16, "Alibaba Cloud ecs.gn6e-c12g1.24xlarge", "model published as ResNet50-v1.5; misc gives 16x8 V100-32G; costPerHour 329.60 = 16 x 20.60"),
    "alibabacloud_resnet50_gn6e_1_machine_tensorflow": ("ResNet-50", "V100", "V100 32GB", 8, "GPU", "published", 1, "Alibaba Cloud ecs.gn6e-c12g1.24xlarge", "model published as ResNet50-v1.5; misc gives 1x8 V100-32G; reproduces AI Index 2022 value for 2020 (7.43 USD)"),
    "dawn_resnet152_b_4M60_ec2_tensorflow": ("ResNet-152", "M60", "", 4, "GPU", "published", 1, "AWS g3.16xlarge", "DAWNBench 2017 reference entry (ResNet-152, not ResNet-50); published costPerHour 7.20 looks swapped with the p2.8xlarge entry: AWS on-demand list price was 4.56 USD/h for g3.16xlarge and 7.20 USD/h for p2.8xlarge (8 x 0.90); at 4.56 USD/h the cost would be 1471.48 USD; GPU count = GPUs as exposed by AWS (an M60 board carries two)"),
    "dawn_resnet152_b_8k80_ec2_mxnet": ("ResNet-152", "K80", "", 8, "GPU", "published", 1, "AWS p2.8xlarge", "DAWNBench 2017 reference entry (ResNet-152, not ResNet-50); published costPerHour 4.56 looks swapped with the g3.16xlarge entry: AWS on-demand list price for p2.8xlarge was 7.20 USD/h (8 x 0.90); at 7.20 USD/h the cost would be 1756.80 USD; reproduces AI Index 2022 value for 2017 (1112.64 USD) with the published price; top-5 is >= 93% only at epoch 107 (93.0046%) and below 93% again from epoch 108 (final epoch 110: 92.93%); GPU count = GPUs as exposed by AWS (a K80 board carries two)"),
    "diux_resnet50_p3-tensorpack": ("ResNet-50", "V100", "", 8, "GPU", "inferred", 1, "AWS p3.16xlarge", "hardware published only as p3.16xlarge; 8 V100 inferred from the instance type"),
    "fastai_pytorch": ("ResNet-50", "V100", "", 8, "GPU", "published", 1, "AWS p3.16xlarge", ""),
    "fastai_resnet50_p3_16_machine_pytorch": ("ResNet-50", "V100", "", 128, "GPU", "inferred", 16, "AWS p3.16xlarge", "published as 16 p3.16xlarge; 128 V100 = 16 x 8 inferred from the instance type; costPerHour 391.68 = 16 x 24.48"),
    "fastai_resnet50_p3_4_machine_pytorch": ("ResNet-50", "V100", "", 32, "GPU", "published", 4, "AWS p3.16xlarge", "costPerHour 97.92 = 4 x 24.48"),
    "fastai_resnet50_p3_8_machine_pytorch": ("ResNet-50", "V100", "", 64, "GPU", "published", 8, "AWS p3.16xlarge", "costPerHour 195.84 = 8 x 24.48"),
    "gehc_resnet50_1_p3_16xlarge_tensorflow111": ("ResNet-50", "V100", "", 8, "GPU", "published", 1, "AWS p3.16xlarge", "model published as Resnet 50 v1; log rows are at fractional epochs"),
    "google_amoeba_net_d_quater_tpupod_tensorflow18": ("AmoebaNet-D", "TPU v2", "", 64, "TPU chip", "inferred", None, "", "published as 1/4 of a TPUv2 Pod; 64 chips = 1/4 of a 256-chip (64-device) TPU v2 pod; model AmoebaNet-D N6F256; no costPerHour published"),
    "google_amoeba_net_d_sixteenth_tpupod_tensorflow18": ("AmoebaNet-D", "TPU v2", "", 16, "TPU chip", "inferred", None, "", "published as 1/16 of a TPUv2 Pod; 16 chips = 1/16 of a 256-chip TPU v2 pod; model AmoebaNet-D N6F256; no costPerHour published"),
    "google_amoeba_net_d_tpu_tensorflow18": ("AmoebaNet-D", "TPU v2", "", 4, "TPU chip", "inferred", 1, "GCP n1-standard-2 + Cloud TPU (v2-8)", "one Cloud TPU device = 4 chips / 8 cores; TPU v2 inferred from date and price; model AmoebaNet-D N6F256"),
    "google_resnet50_tpu_tensorflow111": ("ResNet-50", "TPU v2", "", 4, "TPU chip", "inferred", 1, "GCP n1-standard-2 + Cloud TPU (v2-8)", "one Cloud TPU device = 4 chips / 8 cores; TPU v2 inferred from price (4.595 = 4.50 TPU + VM)"),
    "google_resnet50_tpu_tensorflow111_fastai": ("ResNet-50", "TPU v2", "", 4, "TPU chip", "inferred", 1, "GCP n1-standard-2 + Cloud TPU (v2-8)", "one Cloud TPU device = 4 chips / 8 cores; TPU v2 inferred from price; fast.ai-style progressive resizing; reproduces AI Index 2022 value for 2018 (12.60 USD)"),
    "google_resnet50_tpu_tensorflow17": ("ResNet-50", "TPU v2", "", 4, "TPU chip", "inferred", 1, "GCP n1-standard-2 + Cloud TPU (v2-8)", "one Cloud TPU device = 4 chips / 8 cores; TPU v2 inferred from date and price (6.595 = 6.50 TPU + VM)"),
    "google_resnet50_tpu_tensorflow18": ("ResNet-50", "TPU v2", "", 4, "TPU chip", "inferred", 1, "GCP n1-standard-2 + Cloud TPU (v2-8)", "one Cloud TPU device = 4 chips / 8 cores; TPU v2 inferred from date and price (6.595 = 6.50 TPU + VM)"),
    "google_resnet50_tpupod_tensorflow18": ("ResNet-50", "TPU v2", "", 128, "TPU chip", "inferred", None, "", "published as Half of a TPUv2 Pod; 128 chips = 1/2 of a 256-chip TPU v2 pod; the JSON also gives runtimeWithoutCheckpointing 23.94 minutes (log time incl. checkpointing: 30.72 minutes); no costPerHour published"),
    "huaweicloud_resnet50_modelarts_16_machine_mxnet121": ("ResNet-50", "V100", "", 128, "GPU", "published", 16, "Huawei Cloud ModelArts", "published as 16 * 8 * Tesla-V100; no costPerHour published"),
    "huaweicloud_resnet50_modelarts_16_machine_tensorflow18": ("ResNet-50", "V100", "", 128, "GPU", "published", 16, "Huawei Cloud ModelArts", "published as 16 nodes with 8*V100 each; file name says tensorflow18 but framework is TensorFlow v1.13.1; no costPerHour published"),
    "lambda_resnet50_lambda_cloud_single_pytorch": ("ResNet-50", "GTX 1080 Ti", "", 4, "GPU", "published", 1, "Lambda GPU Cloud 4x GTX 1080 Ti", "reproduces AI Index 2022 value for 2019 (19.00 USD)"),
    "ppwwyyxx_resnet152_8P100-DGX1_tensorpack": ("ResNet-152", "P100", "", 8, "GPU", "published", 1, "", "on-premise NVIDIA DGX-1; no costPerHour published"),
    "setu_resnet50_azure-ndv2_pytorch": ("ResNet-50", "V100", "", 8, "GPU", "inferred", 1, "Azure ND40s_v2", "hardware published only as Azure ND40s_v2; 8 V100 (32GB) inferred from the instance type; costPerHour 12.24 not cross-checked against Azure list prices"),
    "zte_resnet50_2_machine_tensorflow112": ("ResNet-50", "P100", "", 64, "GPU", "published", 8, "", "hardware published as 8 nodes with 8*P100 each although the file name says 2_machine; no costPerHour published"),
}

MLPERF_ACCEL = {  # accelerator_family in the source -> shared vocabulary
    "Intel Xeon CPU (no accelerator)": "Xeon CPU", "A10/A10G": "A10G", "AMD RX 7900 XTX": "RX 7900 XTX",
}
# Short names used above -> the key of that chip in data/accelerators.csv (Epoch's name).
ACCEL_KEYS = {"A30": "A30 PCIe", "A40": "A40 PCIe", "RTX 4090": "GeForce RTX 4090",
              "RX 7900 XTX": "Radeon RX 7900 XTX"}
SUBMITTER_CASE = {"google": "Google", "nvidia": "NVIDIA", "intel": "Intel", "nettrix": "Nettrix", "SUPERMICRO": "Supermicro"}


def fmt(x):
    """Plain number formatting: ints without .0, floats via repr (shortest round-trip)."""
    if x is None or x == "" or (isinstance(x, float) and pd.isna(x)):
        return ""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return repr(x) if isinstance(x, float) else str(x)


def iso(date):
    y, m, d = (int(x) for x in date.split("-"))
    return f"{y:04d}-{m:02d}-{d:02d}"


def dawnbench_rows(sources):
    rows = []
    folder = sources / "dawnbench" / "ImageNet" / "train"
    stems = sorted(p.stem for p in folder.glob("*.json"))
    assert set(stems) == set(HARDWARE), set(stems) ^ set(HARDWARE)
    for stem in stems:
        meta = json.loads((folder / f"{stem}.json").read_text())
        log = pd.read_csv(folder / f"{stem}.tsv", sep="\t", dtype=str).dropna(how="all")
        log.columns = [c.strip() for c in log.columns]
        hit = log[log["top5Accuracy"].astype(float) >= 93]
        assert len(hit), stem
        first = hit.iloc[0]
        assert log["hours"].astype(float).is_monotonic_increasing, stem
        hours = first["hours"].strip()
        model, acc, variant, count, unit, basis, hosts, inst, notes = HARDWARE[stem]
        price = meta.get("costPerHour")
        cost = round(float(hours) * price, 4) if price else None
        rows.append({
            "run_id": f"dawnbench:{stem}", "benchmark": "DAWNBench", "round": "",
            "date": iso(meta["timestamp"]), "date_precision": "day", "submitter": meta["author"],
            "model": model, "model_as_published": meta["model"], "accuracy_target": "93% top-5",
            "accelerator": acc, "accelerator_variant": variant, "accelerator_count": fmt(count),
            "accelerator_count_unit": unit, "accelerator_count_basis": basis, "host_count": fmt(hosts),
            "hardware_description": meta["hardware"], "cloud_instance": inst,
            "framework": meta["framework"], "availability": "",
            "hours_to_target": hours, "hours_basis": "dawnbench log: first epoch with top-5 >= 93%",
            "epoch_at_target": first["epoch"].strip(), "top5_at_target_pct": first["top5Accuracy"].strip(),
            "n_runs": "", "n_runs_converged": "",
            "price_per_hour_usd": fmt(price),
            "price_basis": "DAWNBench costPerHour as published (whole instance or cluster)" if price else "",
            "cost_usd": fmt(cost), "cost_basis": "computed: hours_to_target x price_per_hour_usd" if price else "",
            "source": f"{DAWN_REPO}:ImageNet/train/{stem}.json", "notes": notes,
        })
    return rows


def cloud_instance(r):
    name = f"{r['system']} {r['system_name']}"
    for pat, inst in [(r"nd96amsr_a100_v4", "Azure ND96amsr_A100_v4"), (r"NC96ads_A100_v4", "Azure NC96ads_A100_v4"),
                      (r"g5\.12xlarge", "AWS g5.12xlarge"), (r"BM\.GPU\.H100\.8", "OCI BM.GPU.H100.8"),
                      (r"n1-highmem-96", "GCP n1-highmem-96 + 8x V100")]:
        if re.search(pat, name, re.I):
            return inst
    m = re.search(r"tpu-?(v\d)-?(\d+)", name, re.I)
    if r["submitter"].lower() == "google" and m and (r["availability"] == "available cloud" or "cloud-tpu" in name):
        return f"Cloud TPU {m.group(1).lower()}-{m.group(2)}"
    return ""


def mlperf_rows(sources):
    d = pd.read_csv(sources / "mlperf_resnet" / "mlperf_resnet_time_to_train.csv", dtype=str, keep_default_na=False)
    d = d[(d["division"] == "closed") & (d["duplicate_of"] == "") & ~d["method"].str.contains("NOT COMPUTED")]
    rows = []
    for _, r in d.iterrows():
        acc = MLPERF_ACCEL.get(r["accelerator_family"], r["accelerator_family"])
        if acc == "Graphcore IPU":  # the source family covers two different chips
            acc = "Bow IPU" if "Bow" in r["accelerator_model"] else "GC200 IPU"
        cpu = acc.endswith("CPU")
        tpu = acc.startswith("TPU")
        scaled = r["rcp_scaling_factor"] != ""
        notes = []
        if "non-converged" in r["method"]:
            notes.append("1 non-converged run counted as slowest")
        if scaled:
            notes.append(f"RCP scaling factor {r['rcp_scaling_factor']} applied")
        if r["notes"]:
            notes.append(r["notes"])
        if tpu and r["round"] in ("v0.6", "v0.7") and r["host_count"] == "1":
            notes.append("host_count as declared (whole TPU slice declared as 1 node), not physical hosts")
        if cpu:
            notes.append("accelerator_count left empty (no accelerator)")
        rows.append({
            "run_id": f"mlperf:{r['round']}:{r['submitter']}:{r['system']}", "benchmark": "MLPerf",
            "round": r["round"], "date": r["round_publication_date"], "date_precision": "day",
            "submitter": SUBMITTER_CASE.get(r["submitter"], r["submitter"]),
            "model": "ResNet-50", "model_as_published": "ResNet-50 v1.5",
            "accuracy_target": "74.9% top-1" if r["round"] == "v0.5" else "75.9% top-1",
            "accelerator": acc,
            "accelerator_variant": "" if r["accelerator_model"] in ("N/A", "NA") else r["accelerator_model"],
            "accelerator_count": "" if cpu else r["accelerator_count"],
            "accelerator_count_unit": "" if cpu else ("TPU chip" if tpu else ("chip" if acc in ("Gaudi", "Gaudi2", "GC200 IPU", "Bow IPU", "Ascend 910") else "GPU")),
            "accelerator_count_basis": "" if cpu else ("inferred" if (tpu and r["round"] == "v0.5") else "published"),
            "host_count": r["host_count"], "hardware_description": r["system_name"],
            "cloud_instance": cloud_instance(r), "framework": r["framework"], "availability": r["availability"],
            "hours_to_target": fmt(round(float(r["time_to_train_min"]) / 60, 7)),
            "hours_basis": "mlperf rule: mean of middle 3 of 5 runs" + (" x RCP scaling factor" if scaled else ""),
            "epoch_at_target": "", "top5_at_target_pct": "",
            "n_runs": r["n_logs"], "n_runs_converged": r["n_converged"],
            "price_per_hour_usd": "", "price_basis": "", "cost_usd": "", "cost_basis": "",
            "source": f"{r['source_repo']}@{r['source_commit']}:{r['source_results_dir']}",
            "notes": "; ".join(notes),
        })
    return rows


def build(sources: Path, out: Path) -> None:
    rows = dawnbench_rows(sources) + mlperf_rows(sources)
    df = pd.DataFrame(rows).sort_values(["date", "run_id"], kind="mergesort")
    df["accelerator"] = df["accelerator"].replace(ACCEL_KEYS)
    assert df["run_id"].is_unique
    for c in df.columns:
        df[c] = df[c].astype(str).str.strip()
    df.to_csv(out / OUTPUTS[0], index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL, encoding="utf-8")
    print(f"wrote {out / OUTPUTS[0]} ({len(df)} rows)")


if __name__ == "__main__":
    run(build)
