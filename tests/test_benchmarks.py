"""The README's bench block is written by benchmarks/suite.py: one start and one end marker."""

import importlib.util

from aicost.paths import ROOT

spec = importlib.util.spec_from_file_location("suite", ROOT / "benchmarks" / "suite.py")
suite = importlib.util.module_from_spec(spec)
spec.loader.exec_module(suite)

RESULTS = {"floor (nbval over minimal notebooks)": 20.0, "HTML conversion alone": 5.0,
           "make test": 41.0, "nbval over the notebooks alone": 26.0, "make report": 31.0,
           "import floor, warm": 0.5, "python -m aicost claims": 0.55,
           "import floor, no caches": 1.2, "python -m aicost claims, no caches": 2.5}
SLOW = [(9.5, "tests/test_browser.py::test_page_reads_well[index.html-390] (setup)"),
        (3.0, "tests/test_cli.py::test_json_form (call)")]


def test_readme_has_one_bench_block():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.count(suite.START) == 1
    assert text.count(suite.END) == 1
    assert text.index(suite.START) < text.index(suite.END)


def test_block_states_ratios_against_targets():
    block = suite.block(RESULTS, 3)
    assert block.startswith(suite.START) and block.endswith(suite.END)
    assert "| `make test` | 41.0 s | 2.05 x floor | <= 2.0 x floor: **missed** |" in block
    assert "| of which strict nbval over the notebooks alone | 26.0 s | 1.30 x floor | |" in block
    assert "1.24 x (floor + HTML conversion 5.0 s) | <= 1.3 x: met |" in block
    assert "| 0.55 s | 1.10 x its import floor (0.50 s) | <= 1.2 x: met |" in block
    assert "| 2.50 s | 2.08 x its import floor (1.20 s) | <= 2.0 x: **missed** |" in block


def test_block_lists_the_slowest_tests_it_is_given():
    block = suite.block(RESULTS, 3, SLOW)
    assert block.startswith(suite.START) and block.endswith(suite.END)
    assert "- 9.5 s tests/test_browser.py::test_page_reads_well[index.html-390] (setup)" in block
    assert block.index("9.5 s") < block.index("3.0 s tests/test_cli.py")
    assert "slowest" not in suite.block(RESULTS, 3)


def test_block_gives_each_rounds_own_ratios_and_judges_their_median():
    runs = {label: [value, value * 2, value * 3] for label, value in RESULTS.items()}
    runs["make test"] = [41.0, 100.0, 45.0]  # 2.05, 2.50, 0.75 against floors 20, 40, 60
    ratios = suite.round_ratios(runs)
    assert ratios["make test"] == [41.0 / 20.0, 100.0 / 40.0, 45.0 / 60.0]
    assert ratios["make report"] == [31.0 / 25.0, 62.0 / 50.0, 93.0 / 75.0]
    results = {label: sorted(times)[1] for label, times in runs.items()}  # the medians
    text = " ".join(suite.block(results, 3, None, ratios).split())
    # the median of the rounds' ratios (2.05: missed), not the ratio of the medians (45/40: met)
    assert "| `make test` | 45.0 s | 2.05 x floor | <= 2.0 x floor: **missed** |" in text
    assert "ratio (median of the rounds)" in text
    assert "`make test` 2.05, 2.50, 0.75; the notebooks alone 1.30, 1.30, 1.30;" in text
    assert "of the same round" not in suite.block(RESULTS, 2)


def test_slowest_reads_pytest_durations():
    out = ("============ slowest 10 durations ============\n"
           "12.31s setup    tests/test_browser.py::test_page_reads_well[index.html-390]\n"
           "0.50s call     notebooks/00-data.ipynb::Cell 3\n"
           "3.20s call     tests/test_cli.py::test_json_form\n"
           "=== 541 passed in 120.00s ===\n")
    assert suite.slowest(out, 2) == [
        (12.31, "tests/test_browser.py::test_page_reads_well[index.html-390] (setup)"),
        (3.2, "tests/test_cli.py::test_json_form (call)")]


def test_import_floor_imports_what_it_is_given():
    import json
    import subprocess
    import sys

    code = suite.IMPORT_FLOOR + "\nprint('csv' in sys.modules, 'no_such_module_x' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code, json.dumps(["csv", "no_such_module_x"])],
                         capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False"]


def test_writer_replaces_the_block_and_drops_repeated_end_markers():
    old = f"intro\n{suite.START}\nold numbers\n{suite.END}{suite.END}\n{suite.END}\nafter\n"
    new = suite.BLOCK.sub(lambda _m: suite.block(RESULTS, 3), old, count=1)
    assert new.count(suite.START) == 1 and new.count(suite.END) == 1
    assert "old numbers" not in new
    assert new.startswith("intro\n") and new.endswith("\nafter\n")
