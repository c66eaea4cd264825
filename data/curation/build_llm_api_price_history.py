"""Build data/llm_api_price_history.csv: LLM API list prices at 8 dates (2024-12 to 2026-11) for the
models whose MMLU we have, one row per (snapshot, model, price key).

Reads  <sources>/llm_api_prices_litellm/litellm_model_prices_history.csv
           = the price table bundled in the `litellm` PyPI releases 1.55.0 ... 1.110.2
             (litellm/model_prices_and_context_window_backup.json in each wheel; BerriAI/litellm, MIT);
             snapshot_date = upload date of the release
       <out>/llm_api_prices.csv   (REQUIRES: the MMLU score of each model, from Epoch's inference-price data)

Decisions
- Kept: only the models of llm_api_prices that carry an MMLU score and that we could match by hand
  to LiteLLM keys (KEYS below: exact keys, no pattern matching), i.e. 33 models (32 with a non-zero price) released 2023-03 to
  2025-02. Everything else in the 13,107 source rows (other providers' aliases, fine-tunes, image,
  embedding and audio keys, and every model without a capability score) is left out, so the table
  stays a few hundred rows. New 2025-26 models are not here because we have no MMLU for them: the
  series built from this table is the cheapest price among these models, an upper bound on the
  cheapest price at a capability level after early 2025.
- Price basis follows Epoch's (which llm_api_prices uses): the developer's own API for closed
  models (one key); for open-weight models several hosts (the keys listed), whose median the
  analysis takes. blended = (3 x input + output) / 4, the same 3:1 weights (value is our computation).
- mmlu_pct and mmlu_source are copied from the model's rows in llm_api_prices (Epoch / Artificial
  Analysis scores, not 5-shot base scores).
- Rows with a zero input or output price are dropped: LiteLLM uses 0 for "no price known".
- A key missing from a snapshot simply has no row there (LiteLLM dropped or had not yet added it).
"""
from pathlib import Path

import pandas as pd

from _common import run

OUTPUTS = ("llm_api_price_history.csv",)
REQUIRES = ("llm_api_prices.csv",)
FOLDER = "llm_api_prices_litellm"
SOURCE = "litellm {v} (PyPI wheel, litellm/model_prices_and_context_window_backup.json), key {k}"

# model name as in llm_api_prices -> (basis, LiteLLM keys)
FIRST = "developer API"
HOSTS = "median across hosts"
KEYS = {
    "GPT-3.5-Turbo-2023-11": (FIRST, ["gpt-3.5-turbo-1106"]),
    "GPT-3.5-Turbo-2024-01": (FIRST, ["gpt-3.5-turbo-0125"]),
    "GPT-4-0314": (FIRST, ["gpt-4-0314"]),
    "GPT-4 Turbo": (FIRST, ["gpt-4-1106-preview"]),
    "GPT-4o-2024-05": (FIRST, ["gpt-4o-2024-05-13"]),
    "GPT-4o-2024-08": (FIRST, ["gpt-4o-2024-08-06"]),
    "GPT-4o-2024-11": (FIRST, ["gpt-4o-2024-11-20"]),
    "GPT-4o-mini": (FIRST, ["gpt-4o-mini-2024-07-18"]),
    "Claude-3-Haiku": (FIRST, ["claude-3-haiku-20240307"]),
    "Claude-3-Sonnet": (FIRST, ["claude-3-sonnet-20240229"]),
    "Claude-3-Opus": (FIRST, ["claude-3-opus-20240229"]),
    "Claude-3.5-Haiku": (FIRST, ["claude-3-5-haiku-20241022"]),
    "Claude-3.5-Sonnet-2024-06": (FIRST, ["claude-3-5-sonnet-20240620"]),
    "Claude-3.5-Sonnet-2024-10": (FIRST, ["claude-3-5-sonnet-20241022"]),
    "Gemini-1.5-Flash-2024-05": (FIRST, ["gemini/gemini-1.5-flash-001"]),
    "Gemini-1.5-Flash-2024-09": (FIRST, ["gemini/gemini-1.5-flash-002"]),
    "Gemini-1.5-Flash-8B": (FIRST, ["gemini/gemini-1.5-flash-8b"]),
    "Gemini-1.5-Pro-2024-05": (FIRST, ["gemini/gemini-1.5-pro-001"]),
    "Gemini-1.5-Pro-2024-09": (FIRST, ["gemini/gemini-1.5-pro-002"]),
    "Gemini 2.0 Flash": (FIRST, ["gemini/gemini-2.0-flash-001"]),
    "Mistral-Large-2-2024-07": (FIRST, ["mistral/mistral-large-2407"]),
    "Mistral-Large-2-2024-11": (FIRST, ["mistral/mistral-large-2411"]),
    "Mistral-NeMo": (FIRST, ["mistral/open-mistral-nemo-2407"]),
    "Mistral 7B": (FIRST, ["mistral/open-mistral-7b"]),
    "Mistral-8x22": (FIRST, ["mistral/open-mixtral-8x22b"]),
    "Llama-3-Instruct-8B": (HOSTS, ["deepinfra/meta-llama/Meta-Llama-3-8B-Instruct", "groq/llama3-8b-8192",
                                    "meta.llama3-8b-instruct-v1:0", "novita/meta-llama/llama-3-8b-instruct"]),
    "Llama-3-Instruct-70B": (HOSTS, ["deepinfra/meta-llama/Meta-Llama-3-70B-Instruct", "groq/llama3-70b-8192",
                                     "meta.llama3-70b-instruct-v1:0", "novita/meta-llama/llama-3-70b-instruct"]),
    "Llama-3.1-Instruct-8B": (HOSTS, [
        "deepinfra/meta-llama/Meta-Llama-3.1-8B-Instruct", "fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct",
        "groq/llama-3.1-8b-instant", "meta.llama3-1-8b-instruct-v1:0",
        "together_ai/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "novita/meta-llama/llama-3.1-8b-instruct"]),
    "Llama-3.1-Instruct-70B": (HOSTS, [
        "deepinfra/meta-llama/Meta-Llama-3.1-70B-Instruct", "fireworks_ai/accounts/fireworks/models/llama-v3p1-70b-instruct",
        "groq/llama-3.1-70b-versatile", "meta.llama3-1-70b-instruct-v1:0",
        "together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo"]),
    "Llama-3.1-Instruct-405B": (HOSTS, [
        "deepinfra/meta-llama/Meta-Llama-3.1-405B-Instruct", "fireworks_ai/accounts/fireworks/models/llama-v3p1-405b-instruct",
        "meta.llama3-1-405b-instruct-v1:0", "together_ai/meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo"]),
    "Llama-3.2-Instruct-3B": (HOSTS, [
        "deepinfra/meta-llama/Llama-3.2-3B-Instruct", "fireworks_ai/accounts/fireworks/models/llama-v3p2-3b-instruct",
        "meta.llama3-2-3b-instruct-v1:0", "together_ai/meta-llama/Llama-3.2-3B-Instruct",
        "novita/meta-llama/llama-3.2-3b-instruct"]),
    "Gemma-2-9B": (HOSTS, ["groq/gemma2-9b-it", "fireworks_ai/accounts/fireworks/models/gemma2-9b-it",
                           "gemini/gemini-gemma-2-9b-it"]),
    "Phi 4": (HOSTS, ["azure_ai/Phi-4", "deepinfra/microsoft/phi-4"]),
}


def num(v):
    return "" if pd.isna(v) else format(float(v), ".6g")


def build(sources: Path, out: Path) -> None:
    raw = pd.read_csv(sources / FOLDER / "litellm_model_prices_history.csv")
    epoch = pd.read_csv(out / "llm_api_prices.csv")
    epoch = epoch[epoch["mmlu_pct"].notna()]
    mmlu = epoch.groupby("model")["mmlu_pct"].max()
    msrc = epoch.sort_values("date").groupby("model")["source"].first()
    missing = sorted(set(KEYS) - set(mmlu.index))
    assert not missing, f"models without an MMLU row in llm_api_prices: {missing}"

    key_model = {k: (m, basis) for m, (basis, keys) in KEYS.items() for k in keys}
    sel = raw[raw["model_key"].isin(key_model)].copy()
    unseen = sorted(set(key_model) - set(sel["model_key"]))
    assert not unseen, f"keys not in the LiteLLM history: {unseen}"
    # a zero price is LiteLLM's placeholder for "not priced" (e.g. gemini-1.5-flash-8b), not a free model
    sel = sel[(sel["input_usd_per_1m_tokens"] > 0) & (sel["output_usd_per_1m_tokens"] > 0)]
    sel["model"] = sel["model_key"].map(lambda k: key_model[k][0])
    sel["price_basis"] = sel["model_key"].map(lambda k: key_model[k][1])
    sel["price_blended_usd_per_mtok"] = (3 * sel["input_usd_per_1m_tokens"] + sel["output_usd_per_1m_tokens"]) / 4
    df = pd.DataFrame({
        "snapshot_date": sel["snapshot_date"], "model": sel["model"], "model_key": sel["model_key"],
        "provider": sel["provider"], "price_basis": sel["price_basis"],
        "price_input_usd_per_mtok": sel["input_usd_per_1m_tokens"].map(num),
        "price_output_usd_per_mtok": sel["output_usd_per_1m_tokens"].map(num),
        "price_blended_usd_per_mtok": sel["price_blended_usd_per_mtok"].map(num),
        "blend_basis": "computed",
        "mmlu_pct": sel["model"].map(mmlu).map(num), "mmlu_source": sel["model"].map(msrc),
        "litellm_version": sel["litellm_version"].astype(str),
        "source": [SOURCE.format(v=v, k=k) for v, k in zip(sel["litellm_version"], sel["model_key"])],
    })
    df = df.sort_values(["snapshot_date", "model", "model_key"], kind="mergesort")
    assert not df.duplicated(["snapshot_date", "model_key"]).any()
    df.to_csv(out / OUTPUTS[0], index=False, lineterminator="\n", encoding="utf-8")
    print(f"wrote {out / OUTPUTS[0]} ({len(df)} rows, {df['model'].nunique()} models, "
          f"{df['snapshot_date'].nunique()} snapshots)")


if __name__ == "__main__":
    run(build)
