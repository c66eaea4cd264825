"""Build data/llm_api_prices.csv: dated LLM API prices (USD per million tokens) with MMLU / GPQA Diamond.

Reads <sources>/llm_cost/:
* epoch_inference_aa_data_with_math5.csv and epoch_inference_price_data_not_in_aa.csv - the two price
  files of epoch-research/llm-benchmark-efficiency@34b9233 (Epoch's "LLM inference prices have fallen
  rapidly but unequally across tasks", 2025-03-12). Their single price is a 3:1 input:output weighted
  blend (Artificial Analysis methodology; first-party API price, else the median across providers).
  Date = Epoch's release / price-change date.
* llm_api_prices.csv - only its rows flattened from simonw/llm-prices@723ef0b (list input/output prices).
  Dating decisions: a price with a from_date is dated by it; a price with only a to_date (superseded) is
  dated by that end date (date_basis "valid until"); a price with neither was current at the snapshot
  commit (2026-08-05) and is dated by it, flagged "current at snapshot" - its start date is unknown.
  For these rows we compute the blend ourselves with the same 3:1 weights (value_basis = computed).
The xai grok-4-fast entry appears twice upstream; the duplicate is dropped.
Reasoning models are flagged: Epoch excluded them from its per-token price trends.
"""
import re
from pathlib import Path

import pandas as pd

from _common import run

OUTPUTS = ("llm_api_prices.csv",)
EPOCH = "epoch-research/llm-benchmark-efficiency@34b923314338360d1b1bbed6ec30d9299e54fdae:data/"
SIMONW_SNAPSHOT = "2026-08-05"  # commit date of simonw/llm-prices@723ef0bd3a6254436e9fe8d7f05d4d787e99f4c5

DEVELOPERS = [("Claude", "Anthropic"), ("Gemini", "Google"), ("Gemma", "Google"), ("GPT", "OpenAI"), ("o1", "OpenAI"),
              ("o3", "OpenAI"), ("Llama", "Meta"), ("Mistral", "Mistral AI"), ("Phi", "Microsoft"),
              ("Cohere", "Cohere"), ("Command", "Cohere"), ("DeepSeek", "DeepSeek"), ("Jamba", "AI21 Labs"),
              ("Reka", "Reka AI")]
REASONING = re.compile(r"^(?:o1|o3|o4)|DeepSeek-R1|reasoner|reasoning", re.I)


def developer(name):
    return next((d for prefix, d in DEVELOPERS if name.startswith(prefix)), None)


def epoch_rows(src, fname, tag, who):
    df = pd.read_csv(src / fname)
    out = pd.DataFrame({
        "date": df["Release Date"], "model": df["Model Name"], "developer": df["Model Name"].map(developer),
        "provider": "first-party API, else median across providers (" + who + ")",
        "price_input_usd_per_mtok": None, "price_output_usd_per_mtok": None,
        "price_blended_usd_per_mtok": df["USD per 1M Tokens"], "blend_basis": "published",
        "mmlu_pct": df["MMLU"], "gpqa_diamond_pct": df["GPQA Diamond"],
        "date_basis": "dated (release or price change)", "source": EPOCH + fname_upstream[fname], "notes": None,
    })
    out["price_id"] = tag + ":" + out["model"] + ":" + out["date"]
    return out


fname_upstream = {"epoch_inference_aa_data_with_math5.csv": "aa_data_with_math5.csv",
                  "epoch_inference_price_data_not_in_aa.csv": "epoch_ai_price_data_not_in_aa_with_benchmarks.csv"}


def simonw_rows(src):
    df = pd.read_csv(src / "llm_api_prices.csv")
    df = df[df["source"].str.startswith("simonw/llm-prices@")]
    # upstream lists xai grok-4-fast twice (same prices, names "Grok 4 Fast" and "... <=128k"): keep the first
    df = df.drop_duplicates(["vendor", "model", "price_from_date", "price_to_date", "usd_per_1m_input",
                             "usd_per_1m_output"]).copy()
    frm, to = df["price_from_date"], df["price_to_date"]
    df["date"] = frm.fillna(to).fillna(SIMONW_SNAPSHOT)
    df["date_basis"] = "current at snapshot"
    df.loc[to.notna(), "date_basis"] = "valid until"
    df.loc[frm.notna(), "date_basis"] = "dated (price effective from)"
    df["notes"] = None
    df.loc[frm.notna() & to.notna(), "notes"] = "valid " + frm + " to " + to
    future = frm.notna() & (frm > SIMONW_SNAPSHOT)
    df.loc[future, "notes"] = "scheduled price, starts after the snapshot commit date"
    df.loc[df["date_basis"] == "current at snapshot", "notes"] = (
        "list price current at the snapshot commit " + SIMONW_SNAPSHOT + "; when it started is unknown")
    span = ("from-" + frm).fillna("") + ("until-" + to).fillna("")
    span = span.replace("", "current")
    out = pd.DataFrame({
        "price_id": "simonw:" + df["vendor"] + "/" + df["model"] + ":" + span,
        "date": df["date"], "model": df["model_name"], "developer": None, "provider": df["vendor"] + " (list price)",
        "price_input_usd_per_mtok": df["usd_per_1m_input"], "price_output_usd_per_mtok": df["usd_per_1m_output"],
        "price_blended_usd_per_mtok": (3 * df["usd_per_1m_input"] + df["usd_per_1m_output"]) / 4,
        "blend_basis": "computed", "mmlu_pct": None, "gpqa_diamond_pct": None, "date_basis": df["date_basis"],
        "source": df["source"], "notes": df["notes"],
    })
    return out


def build(sources: Path, out: Path) -> None:
    src = sources / "llm_cost"
    df = pd.concat([epoch_rows(src, "epoch_inference_aa_data_with_math5.csv", "epoch-aa", "Artificial Analysis data"),
                    epoch_rows(src, "epoch_inference_price_data_not_in_aa.csv", "epoch", "Epoch AI collection"),
                    simonw_rows(src)], ignore_index=True)
    df["is_reasoning_model"] = df["model"].str.contains(REASONING).map({True: "true", False: "false"})
    gpt3_2024 = (df["model"] == "GPT-3 175B (davinci)") & (df["date"] == "2024-01-04")
    df.loc[gpt3_2024, "notes"] = ("Epoch lists MMLU 63.1 at this date, not 43.9: likely the davinci-002 "
                                  "replacement model, not the original GPT-3")
    assert df["price_id"].is_unique, df.loc[df["price_id"].duplicated(), "price_id"].tolist()
    cols = ["price_id", "date", "date_basis", "model", "developer", "provider", "price_input_usd_per_mtok",
            "price_output_usd_per_mtok", "price_blended_usd_per_mtok", "blend_basis", "mmlu_pct", "gpqa_diamond_pct",
            "is_reasoning_model", "source", "notes"]
    df = df[cols].sort_values(["date", "price_id"], kind="mergesort")
    for c in ("price_input_usd_per_mtok", "price_output_usd_per_mtok", "price_blended_usd_per_mtok",
              "mmlu_pct", "gpqa_diamond_pct"):
        df[c] = pd.to_numeric(df[c]).map(lambda x: "" if pd.isna(x) else f"{x:.6g}")
    df.to_csv(out / OUTPUTS[0], index=False, lineterminator="\n")
    print(f"wrote {out / OUTPUTS[0]} ({len(df)} rows)")
    print(df["date_basis"].value_counts().to_string())


if __name__ == "__main__":
    run(build)
