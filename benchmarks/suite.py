"""Benchmark: how close `make test`, `make report` and the CLI run to their floors (a measurement,
not a test).

The floor of the suite is a strict nbval run, with the same workers, over as many minimal
notebooks as the report has, each of which only imports the libraries the real notebooks import
(so kernel start-up and imports, which no notebook can avoid, are in the floor). Everything runs
in the environment `make env` builds, where every package is compiled to bytecode, as on a
reader's machine after its first run. The same nbval
run over the real notebooks alone gives the notebooks' own time; `make test` minus that is the unit
tests. The floor of the CLI is starting Python and importing every module (other than aicost's
own) that the command imports, listed by running it once with nothing cached and once warm.
Every command runs ``--repeat`` times (in rounds: a change in the machine's load moves a floor and
what is measured against it alike) in a warm environment; the median time is reported, and the
median of the rounds' own ratios, each round's command against the floor of the same round.
The warm CLI and its import floor take tens of milliseconds, so within each round each of them
runs 15 times and counts as the median of those runs.
`make test` also reports its ten slowest tests (pytest --durations), so the profile
in the README is computed, not typed.

    .venv/bin/python benchmarks/suite.py [--repeat 3] [--readme]     (make bench: both)

Targets (2 cores): make test <= 2.0 x floor; make report <= 1.3 x (floor + the HTML conversion);
python -m aicost claims with nothing cached <= 2.0 x its import floor, warm <= 1.2 x its import
floor. With --readme the results replace the block between the bench markers in README.md (one
start marker, one end marker).
"""

from __future__ import annotations

import argparse
import datetime
import json
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


def run(cmd: list[str], cwd: Path = ROOT) -> tuple[float, str]:
    """Wall time of a command, and what it printed; a failed command ends the benchmark."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{tail}")
    return elapsed, done.stdout


def timed(cmd: list[str], cwd: Path = ROOT) -> float:
    return run(cmd, cwd)[0]


# The modules a command imports: run `python -m aicost claims` in-process and list every module
# loaded by it that is not aicost's own (stdlib ones included: they are part of starting up).
RECORD = """import json, os, runpy, sys
before = set(sys.modules)
sys.argv = ["aicost", "claims"]
real, sys.stdout = sys.stdout, open(os.devnull, "w")
try:
    runpy.run_module("aicost", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
sys.stdout = real
print(json.dumps(sorted(m for m in set(sys.modules) - before
                        if m != "aicost" and not m.startswith("aicost."))))"""
# The import floor: import those modules, nothing else (a module that cannot be imported on its
# own, being a part another one loads, is skipped: its parent loads it).
IMPORT_FLOOR = """import importlib, json, sys
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except Exception:
        pass"""


def cli_modules(no_cache: bool) -> list[str]:
    env = ["env", "AICOST_NO_CACHE=1"] if no_cache else []
    return json.loads(run(env + [PY, "-c", RECORD])[1])


DURATION = re.compile(r"^\s*([0-9.]+)s (setup|call|teardown)\s+(\S.*)$")


def slowest(output: str, count: int = 10) -> list[tuple[float, str]]:
    """The ``--durations`` lines of a pytest run: (seconds, "phase test id"), slowest first."""
    found = []
    for line in output.splitlines():
        m = DURATION.match(line)
        if m:
            found.append((float(m.group(1)), f"{m.group(3)} ({m.group(2)})"))
    return sorted(found, key=lambda t: -t[0])[:count]


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
TARGETS = {"make test": 2.0, "make report": 1.3, "claims warm": 1.2, "claims cold": 2.0}
FLOOR = "floor (nbval over minimal notebooks)"
NOTEBOOKS = "nbval over the notebooks alone"
COLD, WARM = "python -m aicost claims, no caches", "python -m aicost claims"
COLD_FLOOR, WARM_FLOOR = "import floor, no caches", "import floor, warm"
# Commands of tens of milliseconds: each round takes the median of SHORT_RUNS runs of each.
SHORT, SHORT_RUNS = (WARM_FLOOR, WARM), 15


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "**missed**"


def round_ratios(runs: dict[str, list[float]]) -> dict[str, list[float]]:
    """Each target's ratio in each round, against the floor measured in the same round: the
    ratio the block reports is the median of these (a ratio of medians would set one round's
    command against another round's floor, and the machine's load moves between rounds)."""
    r = range(len(runs[FLOOR]))
    return {
        "make test": [runs["make test"][i] / runs[FLOOR][i] for i in r],
        "notebooks": [runs[NOTEBOOKS][i] / runs[FLOOR][i] for i in r],
        "make report": [runs["make report"][i] / (runs[FLOOR][i] + runs["HTML conversion alone"][i])
                        for i in r],
        "claims warm": [runs[WARM][i] / runs[WARM_FLOOR][i] for i in r],
        "claims cold": [runs[COLD][i] / runs[COLD_FLOOR][i] for i in r],
    }


def block(results: dict[str, float], repeat: int,
          slow: list[tuple[float, str]] | None = None,
          per_round: dict[str, list[float]] | None = None) -> str:
    """The README's bench block: what was measured, when, against which floor and target, each
    round's own ratios (``per_round``, from :func:`round_ratios`), and the ten slowest tests of
    the `make test` run."""
    floor = results[FLOOR]
    html = results["HTML conversion alone"]
    if per_round:
        mid = {k: statistics.median(v) for k, v in per_round.items()}
        test, notebooks, report = mid["make test"], mid["notebooks"], mid["make report"]
        cold, warm = mid["claims cold"], mid["claims warm"]
    else:  # one set of times: the ratios of those
        test = results["make test"] / floor
        notebooks = results[NOTEBOOKS] / floor
        report = results["make report"] / (floor + html)
        cold = results[COLD] / results[COLD_FLOOR]
        warm = results[WARM] / results[WARM_FLOOR]
    today = datetime.date.today().isoformat()
    intro = textwrap.fill(
        f"Measured {today} with `make bench` (`benchmarks/suite.py`; Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores; every command once per round, the warm CLI and its floor "
        f"{SHORT_RUNS} times (their median), {repeat} rounds). The floor is strict "
        "nbval with the same two workers over as many minimal notebooks as the report has, each only "
        "importing the libraries the real ones import; the CLI's import floor is starting Python and "
        "importing every module the command imports (aicost's own aside), listed by running it.",
        100, break_on_hyphens=False)
    lines = [
        START,
        intro,
        "",
        f"| command | median of {repeat} | ratio{' (median of the rounds)' if per_round else ''} "
        "| target |",
        "|---|---|---|---|",
        f"| floor (nbval over minimal notebooks) | {floor:.1f} s | 1 | |",
        f"| `make test` | {results['make test']:.1f} s | {test:.2f} x floor | "
        f"<= {TARGETS['make test']} x floor: {verdict(test, TARGETS['make test'])} |",
        f"| of which strict nbval over the notebooks alone | {results[NOTEBOOKS]:.1f} s | "
        f"{notebooks:.2f} x floor | |",
        f"| `make report` | {results['make report']:.1f} s | {report:.2f} x (floor + HTML "
        f"conversion {html:.1f} s) | <= {TARGETS['make report']} x: "
        f"{verdict(report, TARGETS['make report'])} |",
        f"| `python -m aicost claims`, warm | {results[WARM]:.2f} s | {warm:.2f} x its import "
        f"floor ({results[WARM_FLOOR]:.2f} s) | <= {TARGETS['claims warm']} x: "
        f"{verdict(warm, TARGETS['claims warm'])} |",
        f"| `python -m aicost claims`, nothing cached (`AICOST_NO_CACHE=1`) | {results[COLD]:.2f} s "
        f"| {cold:.2f} x its import floor ({results[COLD_FLOOR]:.2f} s) | "
        f"<= {TARGETS['claims cold']} x: {verdict(cold, TARGETS['claims cold'])} |",
    ]
    if per_round:
        names = {"make test": "`make test`", "notebooks": "the notebooks alone",
                 "make report": "`make report`", "claims warm": "the CLI warm",
                 "claims cold": "the CLI with nothing cached"}
        lines += ["", textwrap.fill(
            "Each ratio is the median of the rounds' own, each round's command against the floor "
            "of the same round (the machine's load moves between rounds); round by round: "
            + "; ".join(f"{names[k]} " + ", ".join(f"{v:.2f}" for v in vals)
                        for k, vals in per_round.items()) + ".",
            100, break_on_hyphens=False)]
    if slow:
        lines += ["", "The ten slowest tests of the last `make test` round (pytest --durations; "
                      "wall time with the other worker busy):", ""]
        lines += [f"- {sec:.1f} s {name}" for sec, name in slow]
    lines.append(END)
    return "\n".join(lines)


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
    # The warm floor is recorded from a warm run: fill the cache first (with .cache empty, the
    # "warm" recording would compute and import everything, and flatter the warm ratio).
    run([PY, "-m", "aicost", "claims"])
    modules = {COLD_FLOOR: cli_modules(no_cache=True), WARM_FLOOR: cli_modules(no_cache=False)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floor_notebooks(folder)
        nbval = [PY, "-m", "pytest", "-n", "2", "--dist", "loadscope", "--nbval",
                 "--nbval-current-env", "-q", "-p", "no:cacheprovider"]
        floor_cmd = nbval + ["--rootdir", tmp, "-c", os.devnull, str(folder)]
        commands = {
            FLOOR: floor_cmd,
            "make test": ["make", "-s", "test", "PYTEST_ARGS=--durations=10"],
            NOTEBOOKS: ["env", "AICOST_FIGURE_FORMATS=none", *nbval, "notebooks"],
            "make report": ["make", "-s", "report"],
            "HTML conversion alone": render_only(),
            COLD_FLOOR: [PY, "-c", IMPORT_FLOOR, json.dumps(modules[COLD_FLOOR])],
            COLD: ["env", "AICOST_NO_CACHE=1", PY, "-m", "aicost", "claims"],
            WARM_FLOOR: [PY, "-c", IMPORT_FLOOR, json.dumps(modules[WARM_FLOOR])],
            WARM: [PY, "-m", "aicost", "claims"],
        }
        # Rounds, not blocks: each round runs every command once, so a change in the machine's
        # load during the benchmark moves the floor and the commands measured against it alike.
        runs: dict[str, list[float]] = {label: [] for label in commands}
        slow: list[tuple[float, str]] = []
        for round_ in range(args.repeat):
            for label, cmd in commands.items():
                if label in SHORT:  # tens of milliseconds: one run is mostly the machine's noise
                    times = [run(cmd)[0] for _ in range(SHORT_RUNS)]
                    elapsed, out = statistics.median(times), ""
                else:
                    elapsed, out = run(cmd)
                runs[label].append(elapsed)
                if label == "make test":
                    slow = slowest(out)
            print(f"round {round_ + 1}: " + ", ".join(f"{label} {r[-1]:.1f} s"
                                                   for label, r in runs.items()), flush=True)
        results = {}
        for label, times in runs.items():
            results[label] = statistics.median(times)
            print(f"{label:<40} median {results[label]:6.2f} s  (runs: "
                  + ", ".join(f"{r:.2f}" for r in times) + ")", flush=True)
    ratios = {k: statistics.median(v) for k, v in round_ratios(runs).items()}
    print()
    print(f"make test   / floor          = {ratios['make test']:.2f}  "
          f"(target <= {TARGETS['make test']}); the notebooks alone {ratios['notebooks']:.2f}")
    print(f"make report / (floor + html) = {ratios['make report']:.2f}"
          f"  (target <= {TARGETS['make report']})")
    print(f"claims, no caches / its import floor = {ratios['claims cold']:.2f} "
          f"(target <= {TARGETS['claims cold']}); warm / its import floor = "
          f"{ratios['claims warm']:.2f} (target <= {TARGETS['claims warm']})")
    print("(each the median of the rounds' own ratios)")
    for target, each in round_ratios(runs).items():
        print(f"{target} round by round: " + ", ".join(f"{v:.2f}" for v in each))
    print("ten slowest tests of the last make test round:")
    for sec, name in slow:
        print(f"  {sec:6.1f} s  {name}")
    if args.readme:
        write_readme(block(results, args.repeat, slow, round_ratios(runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
