"""Plausible wrong values (issue 16, part 4): unit slips that pass every type and range check.

Each probe edits one value of a copy of the dataset (updating the checksums, as a user would) and
must end in an error (the loader's one message) or a listed warning, never silently. The shipped
data have no plausibility error, and their warnings are listed here so that a new one is seen.
"""

import csv
import io

import pytest

from aicost import datapackage
from aicost.data import DataError, load, warnings_all
from aicost.paths import ROOT


def edit(folder, table, match: dict, column, change):
    """Apply ``change`` to ``column`` of the rows matching ``match``; returns their row numbers."""
    path = folder / f"{table}.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    head = rows[0]
    hit = []
    for n, r in enumerate(rows[1:], start=2):
        if all(r[head.index(k)] == v for k, v in match.items()):
            r[head.index(column)] = change(r[head.index(column)])
            hit.append(n)
    assert hit, f"no row of {table} matches {match}"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    datapackage.update()
    return hit


def duplicate_under_new_key(folder, table, run_id):
    path = folder / f"{table}.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    row = next(r for r in rows if r[0] == run_id)
    rows.append([run_id + "-copy"] + row[1:])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    datapackage.update()
    return len(rows)


def accepted_row(folder, key):
    with open(folder / "plausibility_accepted.csv", newline="", encoding="utf-8") as fh:
        return [n for n, r in enumerate(csv.DictReader(fh), start=2) if r["key"] == key]


def times(k):
    return lambda v: f"{float(v) * k:.10g}"


def first_mlperf_v100(folder):
    with open(folder / "imagenet_training_runs.csv", newline="", encoding="utf-8") as fh:
        return next(r["run_id"] for r in csv.DictReader(fh)
                    if r["benchmark"] == "MLPerf" and r["accelerator"] == "A100")


# (probe, table loaded, edit -> row numbers, expected parts, level)
PROBES = [
    ("GPT-2's TPU count x1000", "price_tag_inputs",
     lambda f: edit(f, "price_tag_inputs", {"system": "GPT-2 (1.5B)", "fact": "tpu_v3_devices"},
                    "value", times(1000)),
     ["price_tag_inputs.csv", "column 'value'", "'32000'", "utilisation", "price-tag-utilisation"],
     "error"),
    ("MLPerf hours entered as minutes", "imagenet_training_runs",
     lambda f: edit(f, "imagenet_training_runs", {"run_id": first_mlperf_v100(f)},
                    "hours_to_target", times(60)),
     ["imagenet_training_runs.csv", "hours_to_target", "accelerator-hours", "minutes"], "error"),
    ("accelerator count x100", "imagenet_training_runs",
     lambda f: edit(f, "imagenet_training_runs", {"run_id": first_mlperf_v100(f)},
                    "accelerator_count", lambda v: str(int(v) * 100)),
     ["imagenet_training_runs.csv", "accelerator-hours"], "error"),
    ("a run duplicated under a new run_id", "imagenet_training_runs",
     lambda f: [duplicate_under_new_key(
         f, "imagenet_training_runs", "dawnbench:dawn_resnet152_b_4M60_ec2_tensorflow")],
     ["imagenet_training_runs.csv", "run_id", "-copy", "same-run-two-keys"], "error"),
    ("TPU v3 price x10", "cloud_prices",
     lambda f: edit(f, "cloud_prices", {"accelerator": "TPU v3", "date": "2019-07-28"},
                    "price_per_accelerator_hour_usd", times(10)),
     ["cloud_prices.csv", "price_per_accelerator_hour_usd", "'20'", "price-outlier"], "error"),
    ("TPU v3 price /100 (cents as dollars)", "cloud_prices",
     lambda f: edit(f, "cloud_prices", {"accelerator": "TPU v3", "date": "2019-07-28"},
                    "price_per_accelerator_hour_usd", times(0.01)),
     ["cloud_prices.csv", "'0.02'", "price-outlier"], "error"),
    ("a plausible wrong AlphaGo Zero FLOP (x10)", "ml_systems",
     lambda f: edit(f, "ml_systems", {"system": "AlphaGo Zero"}, "training_compute_flop",
                    times(10)),
     ["ml_systems.csv", "training_compute_flop", "AlphaGo Zero", "flop-vs-openai"], "warning"),
    ("AlphaGo Zero FLOP x10000", "ml_systems",
     lambda f: edit(f, "ml_systems", {"system": "AlphaGo Zero"}, "training_compute_flop",
                    times(10000)),
     ["ml_systems.csv", "AlphaGo Zero", "flop-vs-openai"], "error"),
    # issue 24: x10 slips the red team found served silently, extended to each rule's table
    ("GPT-2's TPU price per device x10", "price_tag_inputs",
     lambda f: edit(f, "price_tag_inputs", {"system": "GPT-2 (1.5B)",
                                            "fact": "price_per_device_hour_usd"},
                    "value", times(10)),
     ["price_tag_inputs.csv", "column 'value'", "'80'", "price-tag-price"], "error"),
    ("Grover's TPU price per core /10", "price_tag_inputs",
     lambda f: edit(f, "price_tag_inputs", {"system": "Grover-Mega",
                                            "fact": "price_per_core_hour_usd"},
                    "value", times(0.1)),
     ["price_tag_inputs.csv", "'0.03'", "price-tag-price"], "error"),
    ("a TPU v2 price with no peer of its kind and year x10", "cloud_prices",
     lambda f: edit(f, "cloud_prices", {"price_id": "epoch-041"},
                    "price_per_accelerator_hour_usd", times(10)),
     ["cloud_prices.csv", "'11.3'", "any kind within two years", "price-outlier"], "warning"),
    ("a TPU v2 price with no peer of its kind and year /10", "cloud_prices",
     lambda f: edit(f, "cloud_prices", {"price_id": "epoch-041"},
                    "price_per_accelerator_hour_usd", times(0.1)),
     ["cloud_prices.csv", "'0.113'", "any kind within two years", "price-outlier"], "error"),
    ("the Intel 80486's transistor count x10 (a record chip)", "transistor_counts",
     lambda f: edit(f, "transistor_counts", {"dataset": "wikipedia", "year": "1989",
                                                "transistor_count": "1180235"},
                    "transistor_count", times(10)),
     ["transistor_counts.csv", "transistor_count", "transistor-"], "error"),
    ("a Rupp transistor point x10", "transistor_counts",
     lambda f: edit(f, "transistor_counts", {"record": "rupp-50yrs-050"},
                    "transistor_count", times(10)),
     ["transistor_counts.csv", "transistor_count", "transistor-"], "error"),
    ("a Rupp transistor point /10", "transistor_counts",
     lambda f: edit(f, "transistor_counts", {"record": "rupp-50yrs-050"},
                    "transistor_count", times(0.1)),
     ["transistor_counts.csv", "transistor-trend"], "warning"),
    ("Grok 4's training compute x10", "notable_models_2026",
     lambda f: edit(f, "notable_models_2026", {"system": "Grok 4"}, "training_compute_flop",
                    times(10)),
     ["notable_models_2026.csv", "Grok 4", "compute-vs-ml-systems"], "error"),
    ("Grok 4's training compute /10", "notable_models_2026",
     lambda f: edit(f, "notable_models_2026", {"system": "Grok 4"}, "training_compute_flop",
                    times(0.1)),
     ["notable_models_2026.csv", "Grok 4", "compute-vs-ml-systems"], "error"),
    ("Grok 4's cost x10", "notable_models_2026",
     lambda f: edit(f, "notable_models_2026", {"system": "Grok 4"},
                    "epoch_cost_estimate_usd_2023", times(10)),
     ["notable_models_2026.csv", "Grok 4", "frontier-cost-per-flop"], "warning"),
    ("Grok 4's cost /10", "notable_models_2026",
     lambda f: edit(f, "notable_models_2026", {"system": "Grok 4"},
                    "epoch_cost_estimate_usd_2023", times(0.1)),
     ["notable_models_2026.csv", "Grok 4", "frontier-cost-per-flop"], "error"),
    ("Grok 4's compute x10 in both compute columns", "notable_models_2026",
     lambda f: [edit(f, "notable_models_2026", {"system": "Grok 4"}, c, times(10))[0]
                for c in ("training_compute_flop", "ml_systems_compute_flop")][:1],
     ["notable_models_2026.csv", "Grok 4", "frontier-cost-per-flop"], "error"),
    ("a claim's band_low above its band_high", "claims",
     lambda f: edit(f, "claims", {"claim_id": "resnet50-100x"}, "band_low", lambda v: "151"),
     ["claims.csv", "band_low", "'151'", "band-order"], "error"),
    ("an accepted outlier whose row was corrected", "cloud_prices",
     lambda f: edit(f, "cloud_prices", {"price_id": "epoch-505"},
                    "price_per_accelerator_hour_usd", lambda v: "2.5") and accepted_row(f, "epoch-505"),
     ["plausibility_accepted.csv", "epoch-505", "stale-acceptance"], "error"),
    ("achieved TFLOP/s above the GPU's peak", "price_tag_inputs",
     lambda f: edit(f, "price_tag_inputs", {"system": "Megatron-Turing NLG 530B",
                                            "fact": "achieved_tflops_per_gpu_high"},
                    "value", times(10)),
     ["price_tag_inputs.csv", "achieved-above-peak"], "error"),
]


@pytest.mark.parametrize(("probe", "table", "change", "expect", "level"), PROBES,
                         ids=[p[0] for p in PROBES])
def test_probe(copy, probe, table, change, expect, level):
    rows = change(copy)
    if level == "error":
        with pytest.raises(DataError) as err:
            load(table)
        message = str(err.value)
        print(f"plausibility: {probe}: error: {message.splitlines()[0]}")
        assert f"row {rows[0]}" in message
    else:
        load(table)  # loads: a warning does not stop anything
        found = [w.message() for w in warnings_all() if w.table == table and w.row in rows]
        assert found, f"{probe}: no warning"
        message = found[0]
        print(f"plausibility: {probe}: warning: {message}")
    for part in expect:
        assert part in message, f"{part!r} not in: {message}"


def test_shipped_data_have_no_errors_no_warnings_and_every_acceptance_has_a_reason():
    """Every finding on the shipped data was checked and is accepted in
    data/plausibility_accepted.csv with its reason (issue 22/24): nothing is repeated as an
    alarm, and a new finding fails here."""
    from aicost.data import accepted_all

    found = warnings_all()  # loads every table: an error (or a stale acceptance) would raise
    accepted = accepted_all()
    for a in accepted:
        print("accepted:", a.message())
    assert found == []
    assert len(accepted) == len(load("plausibility_accepted"))
    assert all(len(a.reason) >= 20 for a in accepted)


def test_the_cli_prints_warnings_on_stderr(copy, capsys, tmp_path, monkeypatch):
    """The shipped data: no warning (every finding is accepted). A price x10: the CLI validates
    the edited data and prints the warning on stderr. (The edited data's scorecard is not what
    is tested: it is remembered beforehand as a marker, so the CLI does not compute it.)"""
    from aicost import cache
    from aicost.__main__ import main, rendered_key

    monkeypatch.delenv("AICOST_DATA")  # the shipped data, with the session's cache
    assert main(["claims", "--format", "csv"]) == 0
    assert "warning:" not in capsys.readouterr().err  # the shipped findings are all accepted
    monkeypatch.setenv("AICOST_DATA", str(copy))
    monkeypatch.setenv("AICOST_CACHE", str(tmp_path))
    edit(copy, "cloud_prices", {"price_id": "epoch-041"}, "price_per_accelerator_hour_usd",
         times(10))
    cache.disk_put("rendered", rendered_key(cache.fingerprint(), "csv"), "scorecard")
    assert main(["claims", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "scorecard\n"
    err = captured.err
    assert "warning:" in err and "price-outlier" in err and "epoch-041" not in err


def test_the_rules_do_not_import_the_loader():
    """Data flow one way (issue 24): aicost.data imports the rules and hands them ``load``;
    the rules import nothing of the package but the error type."""
    import ast

    from aicost import plausibility

    tree = ast.parse((ROOT / "aicost" / "plausibility.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert {m for m in imported if m and m.startswith("aicost")} == {"aicost.errors"}
    assert plausibility.DataError is DataError


def slip(table, match, column, k, expect_rule, level):
    return (f"{table}: {column} x{k:g}", table,
            lambda f: edit(f, table, match, column, times(k)),
            [f"{table}.csv", expect_rule], level)


# A x10 slip (both ways) in the tables the rules above did not cover before issue 24
MORE_PROBES = [
    slip("mlperf_training_runs", {"result_id": "v3.0:bert:NVIDIA:dgxh100_n8_ngc23.04_pytorch"},
         "accelerator_hours", 10, "mlperf-hours", "error"),
    slip("mlperf_training_runs", {"result_id": "v3.0:bert:NVIDIA:dgxh100_n8_ngc23.04_pytorch"},
         "time_to_train_min", 0.1, "mlperf-hours", "error"),
    slip("algorithmic_efficiency", {"model": "EfficientNet (b1)"}, "compute_tfs_days", 10,
         "efficiency-units", "error"),
    slip("algorithmic_efficiency", {"model": "EfficientNet (b1)"}, "compute_flop", 0.1,
         "efficiency-units", "error"),
    slip("price_index", {"index": "CPI-U", "year": "2019"}, "value", 10, "price-index-step",
         "error"),
    slip("price_index", {"index": "CPI-U", "year": "2019"}, "value", 0.1, "price-index-step",
         "error"),
    slip("llm_gpt3_level", {"model": "Chinchilla 70B"}, "training_tokens", 10, "compute-vs-6nd",
         "error"),
    slip("llm_gpt3_level", {"model": "Chinchilla 70B"}, "parameters", 0.1, "compute-vs-6nd",
         "error"),
    *[slip("llm_api_prices", {"price_id": "simonw:deepseek/deepseek-chat:from-2025-02-08"},
           col, k, "llm-price-shape", "error")
      for col in ("price_input_usd_per_mtok", "price_output_usd_per_mtok", "price_blended_usd_per_mtok")
      for k in (10, 0.1)],
    *[slip("llm_api_price_history", {"snapshot_date": "2024-12-12",
                                     "model_key": "claude-3-haiku-20240307"},
           col, k, "llm-price-shape", "error")
      for col in ("price_input_usd_per_mtok", "price_output_usd_per_mtok") for k in (10, 0.1)],
]


@pytest.mark.parametrize(("probe", "table", "change", "expect", "level"), MORE_PROBES,
                         ids=[p[0] for p in MORE_PROBES])
def test_more_probes(copy, probe, table, change, expect, level):
    test_probe(copy, probe, table, change, expect, level)
