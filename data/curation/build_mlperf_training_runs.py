"""Build data/mlperf_training_runs.csv: one MLPerf Training result (round x benchmark x submitter x system)
per row, for the fixed tasks that continue the ResNet-50 series after it left MLPerf (v4.0, 2024).

Reads  <sources>/mlperf_training/mlperf_training_time_to_train.csv (re-derived from the MLCommons result logs,
           mlcommons/training_results_v0.7 ... v5.1 at the commits named per row; Apache-2.0)
       <sources>/mlperf_training/mlperf_training_v6.0_partial.csv (v6.0: MLCommons summarizer output for two 8xB300
           systems, one NVIDIA 8xGB300 Llama 3.1 8B result re-derived from its logs; read from a fork)
       <sources>/mlperf_training/mlperf_training_v6.0_nvidia_gb300x8_llama31_8b_runs.csv (run start times of v6.0)
       <out>/accelerators.csv (accelerator keys, for the price_accelerator column)

Decisions
- Tasks kept (a fixed model, dataset and quality target across rounds): BERT-large (bert, v0.7-v5.0), RetinaNet
  (folder `ssd` from v2.0, when it became RetinaNet ResNeXt50 on OpenImages, and `retinanet` from v5.0; the `ssd`
  of v0.7-v1.1 was SSD-ResNet34 on COCO, a different task, and is left out), DLRM-DCNv2, Llama 2 70B LoRA, the
  GPT-3 175B and Llama 3.1 405B pretraining slices (from a fixed checkpoint) and Llama 3.1 8B (from random init).
- Closed division only. Left out and counted in the descriptor: `duplicate_of` rows (logs carried over from an
  earlier folder: not new measurements), `NOT COMPUTED` rows (run logs absent), rows scoring NaN (1 of 10 logs) and
  the one invalid score (inf: no run converged).
- v6.0 (partial): the llama31_8b, llama2_70b_lora and dlrm_dcnv2 rows (gpt_oss_20b is a new task with one round).
  Its publication date was not verified; the date used is the day of the last run start in the NVIDIA run logs
  (2026-05-12), so no price dated later is used for it.
- Dates of v0.7-v5.1: the round's publication date as commonly reported (not read from an MLCommons page).
- accelerator_hours = accelerator_count x time_to_train_min / 60 (our computation); empty for CPU-only systems.
- price_accelerator: the key in accelerators.csv under which the accelerator's cloud price is looked up. GB200 and
  GB300 (NVL72 rack GPUs) are priced per GPU as B200 and B300 (accelerators has no GB200/GB300 key); empty where
  accelerators has no key for the chip (MI325X, MI350X, MI355X, RTX PRO 6000): those results cannot be priced.
"""
from pathlib import Path

import pandas as pd

from _common import run

OUTPUTS = ("mlperf_training_runs.csv",)
REQUIRES = ("accelerators.csv",)
FOLDER = "mlperf_training"
TASKS = {  # benchmark folder -> (task label, first round that belongs to the task)
    "bert": ("BERT-large", "v0.7"), "ssd": ("RetinaNet", "v2.0"), "retinanet": ("RetinaNet", "v5.0"),
    "dlrm_dcnv2": ("DLRM-DCNv2", "v3.0"), "llama2_70b_lora": ("Llama 2 70B LoRA", "v4.0"),
    "gpt3": ("GPT-3 175B slice", "v3.0"), "llama31_405b": ("Llama 3.1 405B slice", "v5.0"),
    "llama31_8b": ("Llama 3.1 8B", "v5.1"),
}
V60_BENCHMARKS = ("llama31_8b", "llama2_70b_lora", "dlrm_dcnv2")
PRICE_AS = {"GB200": "B200", "GB300": "B300", "A30": "A30 PCIe", "A40": "A40 PCIe", "RTX 4090": "GeForce RTX 4090",
            "AMD RX 7900 XTX": "Radeon RX 7900 XTX", "TPU v6e (Trillium)": "TPU v6e Trillium",
            "Intel Xeon CPU (no accelerator)": "Xeon CPU"}
SUBMITTER_CASE = {"google": "Google", "nvidia": "NVIDIA", "intel": "Intel", "SUPERMICRO": "Supermicro"}
DATE_BASIS = "MLPerf round publication date as commonly reported (not verified on an MLCommons page)"
V60_DATE_BASIS = "v6.0 publication date not verified: day of the last run start in the v6.0 NVIDIA run logs"
COLS = ["result_id", "round", "date", "date_basis", "task", "benchmark", "benchmark_model", "quality_target",
        "submitter", "system", "division", "availability", "accelerator_family", "accelerator_model",
        "accelerator_count", "host_count", "price_accelerator", "time_to_train_min", "accelerator_hours",
        "n_logs", "n_converged", "rcp_scaling_factor", "value_basis", "source", "notes"]


def price_key(family: str, model: str, keys: set) -> str:
    if family == "Graphcore IPU":
        family = "Bow IPU" if "Bow" in model else "GC200 IPU"
    k = PRICE_AS.get(family, family)
    return k if k in keys else ""


def num(x: float, digits: int = 10) -> str:
    return format(float(x), f".{digits}g")


def rounds_rows(sources: Path, keys: set) -> tuple[list[dict], dict]:
    d = pd.read_csv(sources / FOLDER / "mlperf_training_time_to_train.csv", dtype=str, keep_default_na=False)
    d = d[d["benchmark"].isin(TASKS)]
    order = sorted(d["round"].unique(), key=lambda r: tuple(int(p) for p in r[1:].split(".")))
    first = {b: order.index(r) for b, (_, r) in TASKS.items()}
    d = d[[order.index(r) >= first[b] for r, b in zip(d["round"], d["benchmark"])]]
    counts = {"open division": int((d["division"] != "closed").sum())}
    d = d[d["division"] == "closed"]
    counts["duplicate_of an earlier folder"] = int((d["duplicate_of"] != "").sum())
    d = d[d["duplicate_of"] == ""]
    score = pd.to_numeric(d["time_to_train_min"], errors="coerce")
    bad = d["method"].str.startswith("NOT COMPUTED") | ~(score.gt(0) & (score < float("inf")))
    counts["not computed, NaN or invalid (infinite: no converged run)"] = int(bad.sum())
    d = d[~bad]
    rows = []
    for _, r in d.iterrows():
        minutes = float(r["time_to_train_min"])
        count = int(r["accelerator_count"]) if r["accelerator_count"] else None
        notes = [n for n in [r["notes"]] if n]
        if count is None:
            notes.append("CPU-only system: accelerator_count and accelerator_hours left empty")
        if "non-converged" in r["method"]:
            notes.append("non-converged run(s) counted as slowest")
        if r["benchmark"] == "ssd":
            notes.append("benchmark folder 'ssd' (RetinaNet ResNeXt50 on OpenImages from v2.0)")
        if r["accelerator_family"] in ("GB200", "GB300"):
            notes.append(f"{r['accelerator_family']} priced per GPU as {PRICE_AS[r['accelerator_family']]}")
        rows.append({
            "result_id": f"{r['round']}:{r['benchmark']}:{r['submitter']}:{r['system']}", "round": r["round"],
            "date": r["round_publication_date"], "date_basis": DATE_BASIS, "task": TASKS[r["benchmark"]][0],
            "benchmark": r["benchmark"],
            "benchmark_model": r["benchmark_model"].replace("SSD; RetinaNet (ResNeXt50) on OpenImages from v2.0",
                                                            "RetinaNet (ResNeXt50) on OpenImages"),
            "quality_target": r["quality_target"].replace("34.0% mAP (RetinaNet)", "34.0% mAP"),
            "submitter": SUBMITTER_CASE.get(r["submitter"], r["submitter"]), "system": r["system"],
            "division": r["division"], "availability": r["availability"],
            "accelerator_family": r["accelerator_family"], "accelerator_model": r["accelerator_model"],
            "accelerator_count": count or "", "host_count": r["host_count"],
            "price_accelerator": "" if count is None else price_key(r["accelerator_family"], r["accelerator_model"], keys),
            "time_to_train_min": num(minutes),
            "accelerator_hours": "" if count is None else num(round(count * minutes / 60, 6)),
            "n_logs": r["n_logs"], "n_converged": r["n_converged"], "rcp_scaling_factor": r["rcp_scaling_factor"],
            "value_basis": "re-derived from the MLCommons result logs (olympic mean, RCP scaling where given)",
            "source": f"{r['source_repo']}@{r['source_commit']}:{r['source_results_dir']}",
            "notes": "; ".join(notes)})
    return rows, counts


def v60_rows(sources: Path, keys: set) -> list[dict]:
    p = pd.read_csv(sources / FOLDER / "mlperf_training_v6.0_partial.csv", dtype=str, keep_default_na=False)
    runs = pd.read_csv(sources / FOLDER / "mlperf_training_v6.0_nvidia_gb300x8_llama31_8b_runs.csv", dtype=str)
    date = pd.to_datetime(runs["run_start_utc"]).max().strftime("%Y-%m-%d")
    rows = []
    for _, r in p[p["benchmark"].isin(V60_BENCHMARKS)].iterrows():
        minutes, count = float(r["time_to_train_min"]), int(r["accelerator_count"])
        derived = r["value_source"].startswith("re-derived")
        notes = [f"read from {r['source_repo']}"]
        if r["accelerator_family"] in ("GB200", "GB300"):
            notes.append(f"{r['accelerator_family']} priced per GPU as {PRICE_AS[r['accelerator_family']]}")
        if r["rcp"] not in ("Pass", ""):
            notes.append(f"RCP check: {r['rcp']}")
        rows.append({
            "result_id": f"v6.0:{r['benchmark']}:{r['submitter']}:{r['system']}", "round": "v6.0", "date": date,
            "date_basis": V60_DATE_BASIS, "task": TASKS[r["benchmark"]][0], "benchmark": r["benchmark"],
            "benchmark_model": "", "quality_target": "", "submitter": r["submitter"], "system": r["system"],
            "division": r["division"], "availability": r["availability"].lower(),
            "accelerator_family": r["accelerator_family"], "accelerator_model": r["accelerator_model"],
            "accelerator_count": count, "host_count": r["host_count"],
            "price_accelerator": price_key(r["accelerator_family"], r["accelerator_model"], keys),
            "time_to_train_min": num(minutes), "accelerator_hours": num(round(count * minutes / 60, 6)),
            "n_logs": "10" if derived else "", "n_converged": "", "rcp_scaling_factor": r["rcp_scaling_factor"],
            "value_basis": ("re-derived from the run logs (time_ms transcribed by hand from a code index)" if derived
                            else "MLCommons result summarizer output (summary.json), not re-derived"),
            "source": f"Richardyu114/training_results_v6.0@{r['source_commit']}:{r['source_path']}",
            "notes": "; ".join(notes)})
    return rows


def build(sources: Path, out: Path) -> None:
    acc = pd.read_csv(out / "accelerators.csv", dtype=str, keep_default_na=False)
    keys = set(acc["accelerator"])
    rows, counts = rounds_rows(sources, keys)
    df = pd.DataFrame(rows + v60_rows(sources, keys))
    # the v6.0 rows reuse the task's model and target of the earlier rounds
    meta = df[df["round"] != "v6.0"].drop_duplicates("task").set_index("task")
    for c in ("benchmark_model", "quality_target"):
        df.loc[df["round"] == "v6.0", c] = df.loc[df["round"] == "v6.0", "task"].map(meta[c])
    df = df[COLS].sort_values(["task", "date", "result_id"], kind="mergesort")
    assert df["result_id"].is_unique, df[df["result_id"].duplicated()]
    assert (df["price_accelerator"].eq("") | df["price_accelerator"].isin(keys)).all()
    df = df.astype(str).apply(lambda s: s.str.strip())
    df.to_csv(out / OUTPUTS[0], index=False, lineterminator="\n", encoding="utf-8")
    print(f"{len(df)} rows -> {out / OUTPUTS[0]}; left out: "
          + ", ".join(f"{n} {what}" for what, n in counts.items()))


if __name__ == "__main__":
    run(build)
