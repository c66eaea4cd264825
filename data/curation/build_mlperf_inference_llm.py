"""Build data/mlperf_inference_llm.csv: MLPerf Inference v5.1 LLM throughput (tokens/s) per system.

Reads  <sources>/mlperf_inference_v5_1/summary_results.json
           = mlcommons/inference_results_v5.1@965182b03376a00fcae415c54e560e1c83937932:summary_results.json
             (the round's own summary of its 1,448 results, published 2025-09-09)

Decisions
- Kept: the closed division, datacenter suite, the LLM benchmarks whose result is in tokens/s
  (llama2-70b-99, llama2-70b-99.9, llama3.1-8b, llama3.1-405b, mixtral-8x7b, deepseek-r1), every
  scenario (Offline = throughput ceiling; Server and Interactive carry latency bounds), both
  availability classes (the column says which). Open-division rows may change the model and are left out.
- accelerators = `a#` x `Nodes` (a# is per node). tokens_per_s_per_accelerator is our computation.
- accelerator_family maps the submitted accelerator name to the family names of cloud_prices (H100,
  H200, B200, MI300X, MI325X), exact names only (FAMILY below); GB200/GB300 (Grace-Blackwell
  superchips, priced per superchip), mixed-accelerator and other systems get no family and are not priced.
- Rows without an accelerator count (`a#` empty: mixed MI300X/MI325X clusters) are left out.
- Rows whose unit is not tokens/s are left out (llama3.1-8b Interactive is in queries/s).
- The key is (result_id, model, scenario); nothing is aggregated.
"""
import json
from pathlib import Path

import pandas as pd
from _common import run

OUTPUTS = ("mlperf_inference_llm.csv",)
FILE = "mlperf_inference_v5_1/summary_results.json"
UPSTREAM = "mlcommons/inference_results_v5.1@965182b03376a00fcae415c54e560e1c83937932:summary_results.json"
ROUND, PUBLISHED = "v5.1", "2025-09-09"
MODELS = ("llama2-70b-99", "llama2-70b-99.9", "llama3.1-8b", "llama3.1-405b", "mixtral-8x7b", "deepseek-r1")
FAMILY = {
    "NVIDIA H100-SXM-80GB": "H100",
    "NVIDIA H200-SXM-141GB": "H200",
    "Virtualized NVIDIA H200-SXM-141GB": "H200",
    "NVIDIA H200-NVL-141GB": "H200",
    "NVIDIA B200-SXM-180GB": "B200",
    "AMD Instinct MI300X 192GB HBM3": "MI300X",
    "AMD Instinct MI325X 256GB HBM3e": "MI325X",
}


def num(v) -> str:
    return "" if pd.isna(v) else format(float(v), ".6g")


def build(sources: Path, out: Path) -> None:
    raw = pd.DataFrame(json.loads((sources / FILE).read_text(encoding="utf-8")))
    sel = raw[(raw["Category"] == "closed") & (raw["Suite"] == "datacenter") & raw["Model"].isin(MODELS)].copy()
    # llama3.1-8b Interactive is reported in queries/s, not tokens/s: left out (8 rows)
    sel = sel[sel["Performance_Units"] == "Tokens/s"]
    sel = sel[sel["Performance_Result"].notna() & (sel["Performance_Result"] > 0)]
    # a few multi-accelerator systems leave a# empty: without a count no per-accelerator rate, left out
    sel = sel[pd.to_numeric(sel["a#"], errors="coerce").notna()]
    acc = sel["a#"].astype(int) * sel["Nodes"].astype(int)
    df = pd.DataFrame({
        "result_id": sel["ID"], "round": ROUND, "published": PUBLISHED, "submitter": sel["Submitter"],
        "availability": sel["Availability"], "system": sel["System"].str.strip(), "model": sel["Model"],
        "scenario": sel["Scenario"], "accelerator": sel["Accelerator"].str.strip(),
        "accelerator_family": sel["Accelerator"].str.strip().map(FAMILY).fillna(""),
        "accelerators_per_node": sel["a#"].astype(int), "nodes": sel["Nodes"].astype(int),
        "accelerators": acc, "weight_precision": sel["weight_data_types"].fillna("").str.strip(),
        "tokens_per_s": sel["Performance_Result"].map(num),
        "tokens_per_s_per_accelerator": (sel["Performance_Result"] / acc).map(num),
        "per_accelerator_is_our_computation": "true",
        "result_url": sel["Details"],
        "source": UPSTREAM,
    })
    df = df.sort_values(["model", "scenario", "result_id"], kind="mergesort")
    assert not df.duplicated(["result_id", "model", "scenario"]).any()
    df.to_csv(out / OUTPUTS[0], index=False, lineterminator="\n", encoding="utf-8")
    print(f"wrote {out / OUTPUTS[0]} ({len(df)} rows)")


if __name__ == "__main__":
    run(build)
