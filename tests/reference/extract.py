"""Extract reference values from the raw sources in ../shared/sources into values.csv.

The curated tables in data/ are cross-checked against these values by
tests/test_reference_values.py, which needs no ../shared: the reference values ship with the
tests. Run this (``python tests/reference/extract.py``) only when ../shared is present; a test
checks that the shipped file is what the sources give. Facts only are carried over (a key, a
column and a number per row), no source file is copied.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = ROOT.parent / "shared" / "sources"
TARGET = HERE / "values.csv"
COLUMNS = ["table", "key", "column", "value", "tolerance", "source"]


def _table(name):
    with open(ROOT / "data" / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _raw(rel):
    with open(SOURCES / rel, newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def rows() -> list[dict]:
    out = []

    def add(table, key, column, value, tol, source):
        out.append({"table": table, "key": key, "column": column, "value": value,
                    "tolerance": tol, "source": source})

    # DAWNBench entries: the published cost per hour of every DAWNBench run
    for r in _table("imagenet_training_runs"):
        if r["benchmark"] == "DAWNBench":
            name = r["run_id"].split(":", 1)[1]
            entry = json.loads((SOURCES / "dawnbench" / "ImageNet" / "train" / f"{name}.json")
                               .read_text(encoding="utf-8"))
            cost = entry.get("costPerHour")
            add("imagenet_training_runs", r["run_id"], "price_per_hour_usd",
                "" if cost is None else repr(float(cost)), "1e-9",
                f"dawnbench/ImageNet/train/{name}.json:costPerHour")
    # MLPerf results: time to train (minutes) of every MLPerf run, as hours
    raw = _raw("mlperf_resnet/mlperf_resnet_time_to_train.csv")
    for r in _table("imagenet_training_runs"):
        if r["benchmark"] != "MLPerf":
            continue
        hit = [x for x in raw if x["round"] == r["round"]
               and r["source"].endswith(x["source_results_dir"])]
        if len(hit) == 1:
            add("imagenet_training_runs", r["run_id"], "hours_to_target",
                repr(float(hit[0]["time_to_train_min"]) / 60), "1e-4",
                "mlperf_resnet/mlperf_resnet_time_to_train.csv:time_to_train_min/60")
    # Transistor counts (Wikipedia's microprocessor table)
    wiki = _raw("compute_trends/transistor_counts.csv")
    for r in _table("transistor_counts"):
        if r["dataset"] != "wikipedia":
            continue
        hit = [x for x in wiki if x["processor"] == r["processor"] and x["year"] == r["year"]]
        if len(hit) == 1:
            add("transistor_counts", r["record"], "transistor_count",
                repr(float(hit[0]["transistor_count"])), "1e-9",
                "compute_trends/transistor_counts.csv:transistor_count")
    # CPI-U annual averages
    cpi = {x["year"]: x["recommended_index"] for x in _raw("compute_trends/cpi_us_annual.csv")}
    for r in _table("price_index"):
        if r["index"] == "CPI-U" and cpi.get(r["year"]):
            add("price_index", f"CPI-U,{r['year']}", "value", repr(float(cpi[r["year"]])), "1e-6",
                "compute_trends/cpi_us_annual.csv:recommended_index")
    # OpenAI's AI and Efficiency: compute to reach AlexNet-level accuracy
    eff = {x["Publication"]: x["Compute (teraflops-s/days)"]
           for x in _raw("openai_efficiency/efficiency_sota.csv")}
    for r in _table("algorithmic_efficiency"):
        if r["model"] in eff:
            add("algorithmic_efficiency", f"{r['task_level']},{r['model']}", "compute_tfs_days",
                repr(float(eff[r["model"]])), "1e-9",
                "openai_efficiency/efficiency_sota.csv:Compute (teraflops-s/days)")
    # Epoch's All ML Systems: training compute of every system taken from that file
    epoch = {}
    for x in _raw("epoch_training_cost/All_ML_Systems_-_full_view.csv"):
        epoch.setdefault(x["Model"], []).append(x["Training compute (FLOP)"])
    for r in _table("ml_systems"):
        vals = epoch.get(r["system"], [])
        if ("All ML Systems" in r["source"] and len(vals) == 1 and vals[0]
                and r["training_compute_flop"]):
            add("ml_systems", r["system"], "training_compute_flop", repr(float(vals[0])), "1e-9",
                "epoch_training_cost/All_ML_Systems_-_full_view.csv:Training compute (FLOP)")
    # Epoch's chip dataset: peak FLOP/s of every accelerator taken from it
    chips = {x["Hardware name"]: x for x in _raw("epoch_training_cost/Chip_dataset-Grid_view.csv")}
    pairs = (("fp32_flops", "FP32 (single precision) performance (FLOP/s)"),
             ("tensor_fp16_bf16_flops", "Tensor-FP16/BF16 performance (FLOP/s)"))
    for r in _table("accelerators"):
        chip = chips.get(r["epoch_hardware_name"])
        if chip is None or "Chip dataset" not in r["source"]:
            continue
        for ours, theirs in pairs:
            if r[ours] and chip.get(theirs):
                add("accelerators", r["accelerator"], ours, repr(float(chip[theirs])), "1e-6",
                    f"epoch_training_cost/Chip_dataset-Grid_view.csv:{theirs}")
    # Epoch's hardware prices: on-demand price per chip-hour of every cloud price taken from them
    raw = _raw("epoch_training_cost/Hardware_prices.csv")
    for r in _table("cloud_prices"):
        if r["source_dataset"] != "Epoch AI hardware prices" or not r["price_per_accelerator_hour_usd"]:
            continue
        hit = [x for x in raw if x["Price date"] == r["date"]
               and x["Hardware model"] == r["hardware_model_raw"] and x["Vendor"] == r["vendor"]
               and x["Location"] == r["location"] and x["Price per chip-hour (on-demand)"]]
        if len({x["Price per chip-hour (on-demand)"] for x in hit}) == 1:
            add("cloud_prices", r["price_id"], "price_per_accelerator_hour_usd",
                repr(float(hit[0]["Price per chip-hour (on-demand)"])), "1e-6",
                "epoch_training_cost/Hardware_prices.csv:Price per chip-hour (on-demand)")
    # ARK's claim points (the cost and compute behind the 2020 point)
    ark = {x["year"]: x for x in _raw("llm_cost/ark_claim_points.csv")}
    for r in _table("ark_points"):
        point = ark.get(r["point"])
        if point is None:
            continue
        for ours, theirs in (("claimed_cost_usd", "claimed_cost_usd"),
                             ("training_compute_flop", "training_flop")):
            if r[ours] and point.get(theirs):
                add("ark_points", r["point"], ours, repr(float(point[theirs])), "1e-9",
                    f"llm_cost/ark_claim_points.csv:{theirs}")
    return out


def render() -> str:
    import io

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows())
    return buf.getvalue()


if __name__ == "__main__":
    if not SOURCES.is_dir():
        sys.exit("../shared/sources not present")
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
