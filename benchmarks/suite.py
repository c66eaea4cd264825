"""Benchmark: how close `make test` and `make report` run to their floor (a measurement, not a test).

The floor is a strict nbval run, with the same workers, over as many minimal notebooks as the
report has, each of which only imports the libraries the real notebooks import (so kernel start-up
and imports, which no notebook can avoid, are in the floor). Every command runs ``--repeat`` times
(in rounds) in a warm environment; the median is reported with its ratio to the floor.

    .venv/bin/python benchmarks/suite.py [--repeat 3] [--readme]     (make bench: both)

Targets (2 cores): make test <= 1.3 x floor; make report <= 1.3 x (floor + the HTML conversion);
python -m aicost claims < 0.5 s warm, < 2 s with nothing cached. With --readme the results replace
the block between the bench markers in README.md (one start marker, one end marker).
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
IMPORTS = """import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import statsmodels.api as sm
import frictionless

import aicost
from aicost.figures import use_style

use_style()
print("ready")"""


def timed(cmd: list[str], cwd: Path = ROOT) -> float:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{tail}")
    return elapsed


def floor_notebooks(folder: Path) -> None:
    count = len(list((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")))
    for i in range(count):
        nb = new_notebook(cells=[new_code_cell(IMPORTS)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        from nbclient import NotebookClient

        NotebookClient(nb, kernel_name="python3").execute()
        nbformat.write(nb, folder / f"{i:02d}-floor.ipynb")


def render_only() -> list[str]:
    code = ("import tempfile, pathlib;"
            "from aicost.notebooks import ordered;"
            "from aicost.report import render;"
            "render(ordered(), pathlib.Path(tempfile.mkdtemp()))")
    return [PY, "-c", code]


START, END = "<!-- bench:start -->", "<!-- bench:end -->"
# The block runs from the start marker to the first end marker; any end markers repeated right
# after it (an old writer's leftovers) go too, so the README keeps exactly one of each.
BLOCK = re.compile(re.escape(START) + r"\n.*?" + re.escape(END) + r"(?:\s*" + re.escape(END) + ")*",
                   re.S)
TARGETS = {"make test": 1.3, "make report": 1.3, "claims warm": 0.5, "claims cold": 2.0}


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "**missed**"


def block(results: dict[str, float], repeat: int) -> str:
    """The README's bench block: what was measured, when, and against which target."""
    floor = results["floor (nbval over minimal notebooks)"]
    html = results["HTML conversion alone"]
    test = results["make test"] / floor
    report = results["make report"] / (floor + html)
    warm = results["python -m aicost claims"]
    cold = results["python -m aicost claims, no caches"]
    today = datetime.date.today().isoformat()
    intro = textwrap.fill(
        f"Measured {today} with `make bench` (`benchmarks/suite.py`; Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores; every command once per round, {repeat} rounds). The floor is strict "
        "nbval with the same two workers over as many minimal notebooks as the report has, each only "
        "importing the libraries the real ones import.", 100, break_on_hyphens=False)
    return "\n".join([
        START,
        intro,
        "",
        f"| command | median of {repeat} | ratio | target |",
        "|---|---|---|---|",
        f"| floor (nbval over minimal notebooks) | {floor:.1f} s | 1 | |",
        f"| `make test` | {results['make test']:.1f} s | {test:.2f} x floor | "
        f"<= {TARGETS['make test']} x floor: {verdict(test, TARGETS['make test'])} |",
        f"| `make report` | {results['make report']:.1f} s | {report:.2f} x (floor + HTML "
        f"conversion {html:.1f} s) | <= {TARGETS['make report']} x: "
        f"{verdict(report, TARGETS['make report'])} |",
        f"| `python -m aicost claims`, warm | {warm:.1f} s | | < {TARGETS['claims warm']} s: "
        f"{verdict(warm, TARGETS['claims warm'])} |",
        f"| `python -m aicost claims`, nothing cached (`AICOST_NO_CACHE=1`) | {cold:.1f} s | | "
        f"< {TARGETS['claims cold']} s: {verdict(cold, TARGETS['claims cold'])} |",
        END,
    ])


def write_readme(text: str) -> None:
    path = ROOT / "README.md"
    old = path.read_text(encoding="utf-8")
    if not BLOCK.search(old):
        raise SystemExit(f"README.md has no {START} ... {END} block")
    path.write_text(BLOCK.sub(lambda _m: text, old, count=1), encoding="utf-8")
    print("README bench block updated")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--readme", action="store_true",
                        help="write the results into README.md's bench block")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floor_notebooks(folder)
        floor_cmd = [PY, "-m", "pytest", "-n", "2", "--dist", "loadscope", "--nbval",
                     "--nbval-current-env", "-q", "-p", "no:cacheprovider", "--rootdir", tmp,
                     "-c", os.devnull, str(folder)]
        commands = {
            "floor (nbval over minimal notebooks)": floor_cmd,
            "make test": ["make", "-s", "test"],
            "make report": ["make", "-s", "report"],
            "HTML conversion alone": render_only(),
            "python -m aicost claims": [PY, "-m", "aicost", "claims"],
            "python -m aicost claims, no caches": ["env", "AICOST_NO_CACHE=1", PY, "-m", "aicost",
                                                   "claims"],
        }
        # Rounds, not blocks: each round runs every command once, so a change in the machine's
        # load during the benchmark moves the floor and the commands measured against it alike.
        runs: dict[str, list[float]] = {label: [] for label in commands}
        for round_ in range(args.repeat):
            for label, cmd in commands.items():
                runs[label].append(timed(cmd))
            print(f"round {round_ + 1}: " + ", ".join(f"{label} {r[-1]:.1f} s"
                                                   for label, r in runs.items()), flush=True)
        results = {}
        for label, times in runs.items():
            results[label] = statistics.median(times)
            print(f"{label:<40} median {results[label]:6.1f} s  (runs: "
                  + ", ".join(f"{r:.1f}" for r in times) + ")", flush=True)
    floor = results["floor (nbval over minimal notebooks)"]
    html = results["HTML conversion alone"]
    print()
    print(f"make test   / floor          = {results['make test'] / floor:.2f}  (target <= 1.3)")
    print(f"make report / (floor + html) = {results['make report'] / (floor + html):.2f}"
          "  (target <= 1.3)")
    print(f"python -m aicost claims      = {results['python -m aicost claims']:.1f} s  (target < 0.5);"
          f" with no caches {results['python -m aicost claims, no caches']:.1f} s (target < 2)")
    if args.readme:
        write_readme(block(results, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
