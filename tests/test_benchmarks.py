"""The README's bench block is written by benchmarks/suite.py: one start and one end marker."""

import importlib.util

from aicost.paths import ROOT

spec = importlib.util.spec_from_file_location("suite", ROOT / "benchmarks" / "suite.py")
suite = importlib.util.module_from_spec(spec)
spec.loader.exec_module(suite)

RESULTS = {"floor (nbval over minimal notebooks)": 20.0, "HTML conversion alone": 5.0,
           "make test": 27.0, "make report": 31.0, "python -m aicost claims": 0.4,
           "python -m aicost claims, no caches": 2.5}


def test_readme_has_one_bench_block():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.count(suite.START) == 1
    assert text.count(suite.END) == 1
    assert text.index(suite.START) < text.index(suite.END)


def test_block_states_ratios_against_targets():
    block = suite.block(RESULTS, 3)
    assert block.startswith(suite.START) and block.endswith(suite.END)
    assert "| `make test` | 27.0 s | 1.35 x floor | <= 1.3 x floor: **missed** |" in block
    assert "1.24 x (floor + HTML conversion 5.0 s) | <= 1.3 x: met |" in block
    assert "| 0.4 s | | < 0.5 s: met |" in block
    assert "| 2.5 s | | < 2.0 s: **missed** |" in block


def test_writer_replaces_the_block_and_drops_repeated_end_markers():
    old = f"intro\n{suite.START}\nold numbers\n{suite.END}{suite.END}\n{suite.END}\nafter\n"
    new = suite.BLOCK.sub(lambda _m: suite.block(RESULTS, 3), old, count=1)
    assert new.count(suite.START) == 1 and new.count(suite.END) == 1
    assert "old numbers" not in new
    assert new.startswith("intro\n") and new.endswith("\nafter\n")
