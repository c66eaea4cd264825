"""Build data/llm_gpt3_level.csv: language models with MMLU 5-shot, size, tokens, compute, hardware.

Reads <sources>/llm_cost/gpt3_level_candidates.csv (a compilation whose rows name their
primary sources) and <sources>/llm_gpt3_level_2025_2026/gpt3_level_candidates_2025_2026.csv (5 further
2025-26 candidates, hand-entered from the developer reports each row names) and takes their numbers;
everything this script decides is in CURATION below:

* the MosaicML "GPT-3 quality for <$500k" 30B recipe is a projection, not a trained model with an
  MMLU score, so it is left out here and recorded in data/ark_points.csv instead;
* values the compilation marks unverified are blanked unless we re-checked them
  against a primary source (GLM-130B MMLU; Qwen-1.8B MMLU and tokens). Blanked: PaLM 62B tokens
  (and so its 6ND compute), Flan-T5-Large MMLU, OLMo 1.7 7B tokens (and compute), LFM2 tokens
  (and compute), the Gemma 2 2B "51.3" other report, Phi-4-mini MMLU;
* rows that still carry a value we could not check are flagged sourcing_quality = unverified;
* accelerator names follow the project's shared vocabulary; chip_hours_basis says whether
  chip-hours are developer-reported, computed from reported GPU count x days, or Epoch's estimate;
* meets_gpt3_mmlu = mmlu_5shot_pct >= 43.9 (GPT-3 175B, Hendrycks et al. 2020), empty when no score.
* 2025-26 candidates (<sources>/llm_gpt3_level_2025_2026/, hand-entered from developer reports named per
  row; RECENT below): mmlu_setting says how each score was measured and mmlu_comparable whether it is
  the threshold's protocol (MMLU 5-shot, as GPT-3's 43.9). A score in another setting (MiniCPM4:
  OpenCompass on the released, post-trained model, shots not stated; the same table gives Qwen3-0.6B
  42.95 where Qwen reports 52.81 5-shot) is not put in mmlu_5shot_pct but in mmlu_other_setting_pct,
  so it can only enter a sensitivity analysis. Rows without MMLU (SmolLM3-3B) or without anything but
  a date (the Qwen3.5 small models, a lead) are kept so the search is visible.
Sources for Epoch rows cite Epoch's public datasets; model cards cite the upstream repo@commit.
"""
from pathlib import Path

import pandas as pd

from _common import run

OUTPUTS = ("llm_gpt3_level.csv",)

EPOCH_MODELS = "Epoch AI, Data on AI Models (https://epoch.ai/data/ai-models)"
EPOCH_MMLU = ("Epoch AI Benchmarking MMLU table (LucaDeLeo/aiobituaries@a2f74c4cc1f64f8fbe85eaa470f22c354564f71e:"
              "epoch_data/AI Trajectory Benchmark Data/mmlu_external.csv)")
LL = "meta-llama/llama-models@a9c89c471f793423afd4cc3ca8671d6e56fe64cb:models/"
LLAMA2, LLAMA3, LLAMA31, LLAMA32 = (LL + p + "/MODEL_CARD.md" for p in ("llama2", "llama3", "llama3_1", "llama3_2"))
QWEN_README = "QwenLM/Qwen@2df8e8ac450fa185c421a08b0090ef81826caa6e:README.md"
GLM_README = "THUDM/GLM-130B@212215c54f8a9da2deed51455868305235664370:README_zh.md"
GPT3 = "https://arxiv.org/abs/2005.14165"
LLAMA1 = "https://arxiv.org/abs/2302.13971"
QWEN2, QWEN25, QWEN3 = ("https://arxiv.org/abs/2407.10671", "https://arxiv.org/abs/2412.15115",
                        "https://arxiv.org/abs/2505.09388")
MINICPM = "https://arxiv.org/abs/2404.06395"
LFM2_CARD = "Liquid AI LFM2 Hugging Face model card (https://huggingface.co/LiquidAI/LFM2-1.2B), via copies in GitHub"

# model -> curated fields. Keys: acc (accelerator), var (variant), qty, chb (chip_hours_basis),
# q (sourcing_quality), type, and any column to override (None = blank it).
C = {
    "GPT-3 175B (davinci)": dict(
        acc="V100", var="V100 DGXS 32GB (Epoch)", qty=10000, chb="epoch estimate", q="primary",
        model_type="base", mmlu_source="Hendrycks et al. 2020, MMLU paper (https://arxiv.org/abs/2009.03300); Epoch lists "
        "this score under model version text-davinci-001 dated 2022-01-27, a mapping quirk",
        params_source=GPT3, tokens_source=GPT3 + " Table D.1", compute_source=GPT3 + " Table D.1 (3640 PF-days)",
        chip_hours_source=EPOCH_MODELS + " (355.2 h x 10,000 GPUs, Epoch estimate)",
        notes="Threshold model. Date = arXiv v1 of the GPT-3 paper. Epoch estimates MFU ~19.7% on V100."),
    "Gopher 280B": dict(acc="TPU v3", qty=4096, chb="computed", q="primary",
                        chip_hours_source=EPOCH_MODELS + " (4096 chips x 920 h from the Gopher paper)"),
    "Chinchilla 70B": dict(acc=None, var="TPU v3 and TPU v4 (Epoch)", q="primary",
                           notes="Mixed TPU v3/v4 hardware, so no single accelerator. Same compute as Gopher."),
    "PaLM 62B": dict(acc="TPU v4", q="secondary", training_tokens=None, training_compute_flop=None, compute_method=None,
                     tokens_source=None, compute_source=None, mmlu_source="LLaMA paper (" + LLAMA1 + ") Table 9, via " + EPOCH_MMLU,
                     notes="Token count (780B, marked unverified in the compilation) not checked for the 62B model, so tokens and 6ND "
                           "compute are left empty. Score as quoted by the LLaMA paper."),
    "GLM-130B": dict(acc="A100", var="A100 SXM4 40GB", qty=768, chb="computed", q="primary",
                     mmlu_source=GLM_README + " (5-shot MMLU 44.8 after 400B tokens; the English README says +0.9 over "
                     "GPT-3's 43.9); paper https://arxiv.org/abs/2210.02414",
                     tokens_source=GLM_README.replace("README_zh", "README") + " (over 400 billion text tokens)",
                     chip_hours_source=EPOCH_MODELS + " (768 GPUs x 60 days)",
                     notes="MMLU verified against the developer README. Compute is Epoch's geometric mean of 6ND and a hardware estimate."),
    "Flan-T5-XL 3B": dict(acc=None, var="TPU v3/v4 (compilation)", q="secondary", model_type="instruction-tuned (encoder-decoder)",
                          mmlu_source="Chung et al. 2022 (https://arxiv.org/abs/2210.11416) Table 5 (5-shot direct) as quoted in "
                          "secondary summaries; not checked against the paper",
                          compute_source="scaled from Flan paper Table 2 T5-XXL 3.3e22 (confirmed in Epoch note) by 3/11",
                          notes="MMLU is held out from the Flan finetuning mixture. Compute is a size-scaled estimate."),
    "Flan-T5-Large 780M": dict(q="unverified", model_type="instruction-tuned (encoder-decoder)", mmlu_5shot_pct=None,
                               mmlu_source=None, compute_source="scaled from Flan paper Table 2 T5-XXL 3.3e22 by 0.78/11",
                               tokens_source="T5 v1.1 LM-adapted pretraining (~1T + 100B tokens), as for Flan-T5-XL",
                               notes="MMLU 45.1 is marked unverified in the compilation: left empty. Kept to show the candidate."),
    "LLaMA-7B": dict(acc="A100", var="A100 80GB", chb="reported", q="primary", mmlu_source=LLAMA2 + " (Llama 1 row); " + LLAMA1,
                     tokens_source=LLAMA1, chip_hours_source=LLAMA1 + " Table 15"),
    "LLaMA-13B": dict(acc="A100", var="A100 80GB", qty=2048, chb="reported", q="primary",
                      mmlu_source=LLAMA2 + " (Llama 1 row); " + LLAMA1 + " Table 9", tokens_source=LLAMA1,
                      chip_hours_source=LLAMA1 + " Table 15 (also quoted in " + EPOCH_MMLU + ")"),
    "Falcon-40B": dict(acc="A100", var="A100 40GB", qty=384, chb="computed", q="primary",
                       compute_source="Falcon paper https://arxiv.org/abs/2311.16867 Table 1 (2,800 PF-days), via " + EPOCH_MODELS,
                       chip_hours_source=EPOCH_MODELS + " (384 GPUs x 1440 h)"),
    "Falcon-7B": dict(acc="A100", var="A100 40GB", qty=384, q="primary",
                      compute_source="Falcon paper https://arxiv.org/abs/2311.16867 Table 1 (730 PF-days), via " + EPOCH_MMLU),
    "MPT-7B": dict(acc="A100", var="A100 40GB", qty=440, chb="computed", q="primary",
                   tokens_source="MosaicML MPT-7B announcement blog, as quoted in " + EPOCH_MMLU,
                   chip_hours_source="440 GPUs x ~9.5 days from the MosaicML MPT-7B blog as quoted in " + EPOCH_MMLU,
                   notes="Marketed as LLaMA-7B quality; below the GPT-3 MMLU threshold. Blog states ~$200k."),
    "MPT-30B": dict(acc="H100", var="H100 80GB (Epoch); production run also used A100s", qty=512, chb="epoch estimate", q="primary",
                    compute_source="MosaicML MPT-30B blog (mosaicml.com/blog/mpt-30b): 6 x 30e9 x 1.05e12, via " + EPOCH_MODELS,
                    chip_hours_source=EPOCH_MODELS + " (512 H100 x 11.6 days from the blog's cost table; a what-if, not the actual run)",
                    notes="Released model nearest to MosaicML's 2022 'GPT-3 quality' 30B projection."),
    "Llama 2 7B": dict(acc="A100", var="A100 80GB", chb="reported", q="primary", mmlu_source=LLAMA2, tokens_source=LLAMA2,
                       chip_hours_source=LLAMA2, notes="Borderline under other evaluations (44.3-44.4)."),
    "Llama 2 13B": dict(acc="A100", var="A100 80GB", chb="reported", q="primary", mmlu_source=LLAMA2, tokens_source=LLAMA2,
                        chip_hours_source=LLAMA2),
    "Phi-1.5": dict(acc="A100", chb="reported", q="primary", mmlu_shots=2,
                    chip_hours_source="phi-1.5 report (https://arxiv.org/abs/2309.05463) Table 1, via " + EPOCH_MODELS,
                    notes="MMLU is 2-shot, not 5-shot. Below threshold."),
    "Mistral 7B v0.1": dict(q="primary", compute_method=None,
                            notes="Training tokens undisclosed; no compute. Epoch date 2023-10-10 (paper); 2023-09-27 is the release."),
    "Yi-6B": dict(q="primary"),
    "Qwen-1.8B": dict(q="primary", mmlu_source=QWEN_README + " (5-shot 45.3)", tokens_source=QWEN_README + " (2.2T)",
                      date_source=QWEN_README + " (release 23.11.30)",
                      notes="MMLU and tokens verified against the developer README. Borderline: MiniCPM paper reports 43.37; "
                            "Epoch's 28.2 (citing the Qwen report) looks like an entry error."),
    "Phi-2": dict(acc="A100", qty=96, chb="computed", q="primary",
                  chip_hours_source="96 GPUs x 14 days from Microsoft figures quoted in " + EPOCH_MODELS,
                  notes="1.4T tokens seen, 250B unique. Synthetic-data generation by larger models not counted."),
    "MiniCPM-2.4B": dict(q="unverified", mmlu_source=MINICPM + " Table 3", date_source="GitHub release per the compilation (not verified); Epoch lists 2024-06-03",
                         notes="Date not verified. Decay stage mixes SFT data."),
    "OLMo-7B": dict(acc=None, var="MI250X and A100 (Epoch)", q="primary",
                    tokens_source="implied by Epoch compute 1.0332e23 / (6 x 7e9); Epoch's dataset-size field says 2T",
                    notes="Mixed AMD/NVIDIA hardware, so no single accelerator. Below threshold."),
    "Qwen1.5-1.8B": dict(q="primary", mmlu_source=QWEN2 + " Table 5",
                         notes="Borderline: MiniCPM paper reports 43.81. Tokens from a maintainer reply (QwenLM/Qwen2#97)."),
    "Gemma 2B": dict(acc="TPU v5e", qty=512, q="primary"),
    "Gemma 7B": dict(acc="TPU v5e", qty=4096, q="primary"),
    "MiniCPM-1.2B": dict(q="primary", mmlu_source=MINICPM + " Table 3", date_source="arXiv v1 of " + MINICPM + "; Epoch lists 2024-06-03",
                         notes="Lowest training compute found for a GPT-3-MMLU model (single self-reported eval)."),
    "OLMo 1.7 7B": dict(q="unverified", training_tokens=None, training_compute_flop=None, compute_method=None, tokens_source=None,
                        date_source="AI2 OLMo 1.7 release per the compilation (not verified)",
                        notes="Tokens (2.05T, marked unverified in the compilation) and release date not checked: tokens and 6ND compute left empty."),
    "Llama 3 8B": dict(acc="H100", var="H100 80GB", chb="reported", q="primary", mmlu_source=LLAMA3 + " (MMLU 5-shot 66.6)",
                       tokens_source=LLAMA3 + " (over 15T)", chip_hours_source=LLAMA3 + " (1.3M GPU hours)"),
    "Phi-3-mini": dict(acc="H100", q="primary", model_type="instruction-tuned (released model)"),
    "Qwen2-0.5B": dict(q="primary", mmlu_source=QWEN2 + " Table 5", tokens_source=QWEN2 + " s3.1 (12T tokens)"),
    "Qwen2-1.5B": dict(q="primary", mmlu_source=QWEN2 + " Table 5", tokens_source=QWEN2 + " s3.1 (7T tokens)"),
    "Llama 3.1 8B": dict(acc="H100", var="H100 80GB", chb="reported", q="primary", mmlu_source=LLAMA31 + " (macro_avg/acc_char)",
                         tokens_source=LLAMA31 + " (~15T)", chip_hours_source=LLAMA31 + " (1.46M GPU hours)"),
    "Gemma 2 2B": dict(acc="TPU v5e", qty=512, q="primary", mmlu_other_reports=None, mmlu_source=QWEN25 + " Table 5 (Gemma2-2.6B column)",
                       notes="Distilled from a larger teacher; teacher compute excluded. Epoch date is the Gemma 2 family announcement."),
    "Qwen2.5-0.5B": dict(q="primary", mmlu_source=QWEN3 + " Table 8", tokens_source=QWEN25 + " (18T tokens)"),
    "Qwen2.5-1.5B": dict(q="primary", mmlu_source=QWEN3 + " Table 8", tokens_source=QWEN25 + " (18T tokens)"),
    "Qwen2.5-3B": dict(q="primary", mmlu_source=QWEN3 + " Table 7", tokens_source=QWEN25 + " (18T tokens)"),
    "Llama 3.2 1B": dict(acc="H100", var="H100 80GB", chb="reported", q="primary", mmlu_source=LLAMA32 + " (base, acc_char)",
                         tokens_source=LLAMA32 + " (up to 9T)", chip_hours_source=LLAMA32 + " (370k GPU hours)",
                         notes="Base below threshold; instruct model 49.3 (model card). Teacher (Llama 3.1 8B/70B) compute excluded."),
    "Llama 3.2 3B": dict(acc="H100", var="H100 80GB", chb="reported", q="primary", mmlu_source=LLAMA32 + " (base, acc_char)",
                         tokens_source=LLAMA32 + " (up to 9T)", chip_hours_source=LLAMA32 + " (460k GPU hours)",
                         notes="Pruned and distilled; teacher (Llama 3.1 8B/70B) compute excluded."),
    "Phi-4-mini": dict(acc="A100", var="A100 80GB", qty=512, chb="computed", q="unverified", mmlu_source=None,
                       chip_hours_source="512 GPUs x 21 days from " + EPOCH_MODELS, model_type="instruction-tuned",
                       notes="MMLU not checked (the compilation gives ~67 from the model card, marked unverified): left empty."),
    "Gemma 3 1B": dict(acc="TPU v5e", qty=512, q="primary", mmlu_source=QWEN3 + " Table 8"),
    "Gemma 3 4B": dict(acc="TPU v5e", qty=2048, q="primary", mmlu_source=QWEN3 + " Table 7"),
    "Qwen3-0.6B-Base": dict(q="primary", mmlu_source=QWEN3 + " Table 8",
                            tokens_source="Qwen3 model cards: 36T tokens (family-level; small models may have used fewer)"),
    "Qwen3-1.7B-Base": dict(q="primary", mmlu_source=QWEN3 + " Table 8",
                            tokens_source="Qwen3 model cards: 36T tokens (family-level; small models may have used fewer)"),
    "Qwen3-4B-Base": dict(q="primary", mmlu_source=QWEN3 + " Table 7",
                          tokens_source="Qwen3 model cards: 36T tokens (family-level; small models may have used fewer)"),
}
for m in ("LFM2-350M", "LFM2-700M", "LFM2-1.2B"):
    C[m] = dict(q="secondary", training_tokens=None, training_compute_flop=None, compute_method=None, tokens_source=None,
                date="2025-07-01", date_precision="month", date_source="LFM2 release, July 2025 (day not verified)",
                mmlu_source=LFM2_CARD + "; evaluated by Liquid AI on the post-trained models", params_source=LFM2_CARD,
                model_type="instruction-tuned (hybrid conv+attention)",
                notes="Pretraining tokens (10T, marked unverified in the compilation) not checked: tokens and 6ND compute left empty.")

IN_EPOCH = {"Gopher 280B", "Chinchilla 70B", "GLM-130B", "Falcon-40B", "MPT-30B", "Phi-2", "MiniCPM-2.4B", "MiniCPM-1.2B",
            "OLMo-7B", "Gemma 2B", "Gemma 2 2B", "Gemma 3 1B", "Gemma 3 4B", "Qwen3-0.6B-Base", "Mistral 7B v0.1"}
PARAMS_SRC = {"GPT-3 175B (davinci)": GPT3, "LLaMA-7B": LLAMA1, "LLaMA-13B": LLAMA1, "Llama 2 7B": LLAMA2,
              "Llama 2 13B": LLAMA2, "Llama 3 8B": LLAMA3, "Llama 3.1 8B": LLAMA31, "Llama 3.2 1B": LLAMA32,
              "Llama 3.2 3B": LLAMA32, "Qwen-1.8B": QWEN_README}


def method(s):
    s = str(s)
    if s.startswith("reported") or "reported 730" in s:
        return "reported"
    if s.startswith("epoch"):
        return "epoch estimate"
    if s.startswith("6ND"):
        return "6ND"
    if s.startswith("estimate"):
        return "scaled estimate"
    return None


def fix_src(s):
    if not isinstance(s, str) or not s.strip():
        return None
    s = s.replace("Epoch AI All_ML_Systems_-_full_view.csv (../epoch_training_cost/)", EPOCH_MODELS)
    s = s.replace("Epoch AI mmlu_external.csv (copy: epoch_mmlu_external.csv)", EPOCH_MMLU)
    return s.replace("meta-llama/llama-models@a9c89c4 ", LL.split(":")[0] + ":")


NEW = "llm_gpt3_level_2025_2026"
# 2025-26 candidates: model -> curated fields (model_type, sourcing_quality, accelerator, quantity, basis)
RECENT = {
    "MiniCPM4-0.5B": dict(model_type="instruction-tuned (released model, post-trained)", q="primary"),
    "MiniCPM4-8B": dict(model_type="instruction-tuned (released model, post-trained)", q="primary"),
    "Falcon-H1-0.5B-Base": dict(model_type="base", q="primary"),
    "SmolLM3-3B": dict(model_type="base", q="primary", acc="H100", qty=384, chb="computed"),
    "Qwen3.5-0.8B / 2B / 4B / 9B": dict(model_type="not stated (lead only)", q="primary"),
}


def recent_rows(sources: Path) -> list[dict]:
    """The 2025-26 candidates, with the MMLU setting kept apart from the 5-shot column."""
    new = pd.read_csv(sources / NEW / "gpt3_level_candidates_2025_2026.csv")
    for col in ("release_date_source", "mmlu_setting"):  # "as above" = the previous row's value
        new[col] = new[col].mask(new[col] == "as above").ffill()
    same = new["chip_hours_source"].str.startswith("same repo :", na=False)  # = the tokens source's repo
    new.loc[same, "chip_hours_source"] = [t.split(" : ")[0] + " :" + c[len("same repo :"):] for t, c in
                                          zip(new.loc[same, "tokens_source"], new.loc[same, "chip_hours_source"])]
    assert set(new["model"]) == set(RECENT), sorted(set(new["model"]) ^ set(RECENT))
    rows = []
    for _, r in new.iterrows():
        c = RECENT[r["model"]]
        setting = r["mmlu_setting"] if pd.notna(r["mmlu"]) else None
        comparable = pd.notna(r["mmlu"]) and "5-shot" in str(setting) and "base" in str(setting)
        date, precision = str(r["release_date"]), "day"
        if len(date) == 7:  # "2025-07": month only
            date, precision = date + "-01", "month"
        src = lambda v: None if pd.isna(v) or not str(v).strip() else str(v).replace(" @ ", "@").replace(" : ", ":")  # noqa: E731
        tokens_src = src(r["tokens_source"])
        if pd.isna(r["training_tokens"]):
            tokens_src = None
        rows.append({
            "model": r["model"], "organization": r["organization"], "date": date, "date_precision": precision,
            "date_source": src(r["release_date_source"]), "model_type": c["model_type"],
            "parameters": r["params"],
            "params_source": (src(r["mmlu_source"]) or src(r["tokens_source"])) if pd.notna(r["params"]) else None,
            "training_tokens": r["training_tokens"], "tokens_source": tokens_src,
            "training_compute_flop": r["compute_flop"],
            "compute_method": "6ND" if pd.notna(r["compute_flop"]) else None,
            "compute_source": (f"our 6ND from the parameters and tokens ({r['compute_method']})"
                               if pd.notna(r["compute_flop"]) else None),
            "mmlu_5shot_pct": r["mmlu"] if comparable else None, "mmlu_shots": 5 if comparable else None,
            "mmlu_source": src(r["mmlu_source"]),
            "mmlu_other_reports": None, "mmlu_setting": setting,
            "mmlu_comparable": None if pd.isna(r["mmlu"]) else comparable,
            "mmlu_other_setting_pct": None if comparable else r["mmlu"],
            "accelerator": c.get("acc"), "accelerator_variant": None, "hardware_quantity": c.get("qty"),
            "chip_hours": r["chip_hours"], "chip_hours_basis": c.get("chb") if pd.notna(r["chip_hours"]) else None,
            "chip_hours_source": src(r["chip_hours_source"]), "sourcing_quality": c["q"],
            "notes": "; ".join(str(v) for v in (r["sourcing_quality"], r["notes"]) if pd.notna(v)),
        })
    return rows


def build(sources: Path, out: Path) -> None:
    cand = pd.read_csv(sources / "llm_cost" / "gpt3_level_candidates.csv")
    cand = cand[~cand["model"].str.contains("projection")]
    rows = []
    for _, r in cand.iterrows():
        c = C[r["model"]]
        row = {
            "model": r["model"], "organization": r["organization"], "date": r["release_date"], "date_precision": "day",
            "date_source": None, "model_type": r["model_type"],
            "parameters": r["params"],
            "params_source": EPOCH_MODELS if r["model"] in IN_EPOCH else "developer paper or model card, per the compilation",
            "training_tokens": r["training_tokens"], "tokens_source": fix_src(r["tokens_source"]),
            "training_compute_flop": r["compute_flop"], "compute_method": method(r["compute_method"]),
            "compute_source": fix_src(r["compute_source"]),
            "mmlu_5shot_pct": r["mmlu_5shot"], "mmlu_shots": 5, "mmlu_source": fix_src(r["mmlu_source"]),
            "mmlu_other_reports": r["mmlu_other_reports"] if isinstance(r["mmlu_other_reports"], str) else None,
            "mmlu_setting": None, "mmlu_comparable": None, "mmlu_other_setting_pct": None,
            "accelerator": None, "accelerator_variant": None, "hardware_quantity": None,
            "chip_hours": r["chip_hours"], "chip_hours_basis": None, "chip_hours_source": fix_src(r["chip_hours_source"]),
            "sourcing_quality": None, "notes": r["notes"] if isinstance(r["notes"], str) else None,
        }
        row.update({"accelerator": c.get("acc"), "accelerator_variant": c.get("var"), "hardware_quantity": c.get("qty"),
                    "chip_hours_basis": c.get("chb"), "sourcing_quality": c["q"]})
        for k, v in c.items():
            if k in row:
                row[k] = v
        if row["chip_hours"] is None or pd.isna(row["chip_hours"]):
            row["chip_hours_basis"] = row["chip_hours_source"] = None
        has = pd.notna(row["mmlu_5shot_pct"])
        row["mmlu_setting"] = f"{row['mmlu_shots']}-shot (as reported by the source)" if has else None
        row["mmlu_comparable"] = (row["mmlu_shots"] == 5) if has else None
        rows.append(row)
    rows += recent_rows(sources)
    df = pd.DataFrame(rows)
    for m, src in PARAMS_SRC.items():
        df.loc[df["model"] == m, "params_source"] = src
    for col in ("hardware_quantity", "mmlu_shots"):
        df[col] = df[col].astype("Int64")
    s = pd.to_numeric(df["mmlu_5shot_pct"])
    df.insert(df.columns.get_loc("mmlu_source"), "meets_gpt3_mmlu",
              s.ge(43.9).map({True: "true", False: "false"}).where(s.notna()))
    df["mmlu_comparable"] = df["mmlu_comparable"].map(lambda v: None if v is None or pd.isna(v) else
                                                      ("true" if v else "false"))
    df["mmlu_other_setting_pct"] = pd.to_numeric(df["mmlu_other_setting_pct"]).map(
        lambda x: "" if pd.isna(x) else f"{x:.6g}")
    for col in ("parameters", "training_tokens", "training_compute_flop", "chip_hours"):
        df[col] = pd.to_numeric(df[col]).map(lambda x: "" if pd.isna(x) else f"{x:.6g}")
    # one row-level source (the model's own paper or card where known); per-field sources stay beside
    def row_source(r):
        """The first per-field source that points somewhere (a URL or owner/repo@commit)."""
        for col in ("params_source", "mmlu_source", "tokens_source", "compute_source"):
            v = r[col]
            if isinstance(v, str) and ("http" in v or "@" in v):
                return v
        return next((r[c] for c in ("params_source", "mmlu_source", "date_source") if isinstance(r[c], str)), None)

    df["source"] = df.apply(row_source, axis=1)
    df = df.sort_values(["date", "model"], kind="mergesort")
    df.to_csv(out / OUTPUTS[0], index=False, lineterminator="\n")
    print(f"wrote {out / OUTPUTS[0]} ({len(df)} rows; {int((df['meets_gpt3_mmlu'] == 'true').sum())} meet MMLU >= 43.9)")


if __name__ == "__main__":
    run(build)
