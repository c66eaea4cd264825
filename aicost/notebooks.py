"""Execute the notebooks in fresh kernels and keep their stored form clean.

``python -m aicost.notebooks --refresh`` (``make refresh``) re-executes every notebook in place so
the stored outputs are current; volatile metadata (execution timings) is stripped and cell ids are
made stable, so a re-run on unchanged data leaves the files byte-identical.
"""

from __future__ import annotations

import argparse
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat

from aicost.paths import NOTEBOOKS

KERNEL = "python3"
# What ipykernel's own kernelspec calls itself. JupyterLab rewrites a notebook's kernelspec to the
# running kernel's as soon as the kernel is idle, so any other display name ("Python 3") marks
# every notebook as having unsaved changes the moment it is opened.
KERNEL_DISPLAY_NAME = "Python 3 (ipykernel)"
TIMEOUT = 600


def ordered() -> list[Path]:
    """The report's notebooks in order: ``notebooks/NN-*.ipynb``."""
    return sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


# Seconds each notebook takes under `make test` (its cells and kernel start, from `make test
# PYTEST_ARGS=--durations=0`, mean of two runs, 2026-12-07). Only the order of work uses them:
# the longest first evens out the finish of two workers (execute_all here, the test scheduler in
# tests/conftest.py). A notebook not listed counts as 0 s; a stale number costs seconds, never a
# result.
SECONDS = {"04-llm-gpt3-level": 7.3, "13-inference-prices": 5.2, "11-reconciliation": 4.7,
           "03-imagenet-2017-2024": 4.6, "05-compute-growth": 4.6, "01-resnet50-2017-2019": 4.5,
           "14-price-tags-2023-2025": 4.5, "09-mlperf-after-resnet": 4.1,
           "07-hardware-and-inference": 4.1, "02-moores-law": 3.5, "06-algorithmic-efficiency": 3.4,
           "12-scorecard": 3.2, "10-frontier-costs": 3.0, "08-price-tags": 3.0, "00-data": 2.5}


def title(nb) -> str:
    """The first markdown heading of a notebook (its title), as a reader sees it."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip().replace("\\$", "$")
    return "(untitled)"


def clean(nb):
    """Strip volatile metadata so the stored notebook only changes when its content does."""
    for i, cell in enumerate(nb.cells):
        cell.id = f"c{i:03d}"
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if cell.cell_type == "code":
            cell.outputs = _merge_streams(cell.outputs)
            for out in cell.outputs:
                out.get("metadata", {}).pop("execution", None)
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)
    nb.metadata["kernelspec"] = {"display_name": KERNEL_DISPLAY_NAME, "language": "python",
                                 "name": KERNEL}
    return nb


# Code in Markdown, where a dollar sign is literal: fenced blocks and inline code spans.
_CODE = re.compile(r"(^```.*?^```[ \t]*$|^~~~.*?^~~~[ \t]*$|(`+)(?!`).+?(?<!`)\2(?!`))", re.S | re.M)
_BARE_DOLLAR = re.compile(r"(?<!\\)\$")


def _prose_spans(source: str):
    """(start, end) of the parts of a Markdown source outside code."""
    pos = 0
    for m in _CODE.finditer(source):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(source)


def unescaped_dollars(source: str) -> list[str]:
    """Each bare ``$`` in a Markdown source outside code, with a little context.

    JupyterLab (and any Markdown renderer with maths) reads a pair of bare dollar signs as LaTeX
    ("from around $1,000 to around $10" shows as italic maths). The report uses no maths, so
    every dollar sign in prose is money and must be written ``\\$``."""
    found = []
    for start, end in _prose_spans(source):
        for m in _BARE_DOLLAR.finditer(source, start, end):
            found.append(source[max(m.start() - 20, 0):m.end() + 20].replace("\n", " "))
    return found


def escape_dollars(source: str) -> str:
    """The Markdown source with every bare ``$`` outside code written ``\\$`` (idempotent)."""
    out, pos = [], 0
    for start, end in _prose_spans(source):
        out.append(source[pos:start])
        out.append(_BARE_DOLLAR.sub(r"\\$", source[start:end]))
        pos = end
    out.append(source[pos:])
    return "".join(out)


def escape_notebook_dollars(paths: list[Path] | None = None) -> list[str]:
    """Escape the money signs in every Markdown cell of the notebooks, in place; returns the
    names of the notebooks changed. Only Markdown cell sources change (no cell is added, removed
    or re-executed), so it can be re-run after any merge: ``python -m aicost.notebooks
    --escape-dollars``."""
    changed = []
    for path in paths or ordered():
        nb = nbformat.read(path, as_version=4)
        touched = False
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                fixed = escape_dollars(cell.source)
                if fixed != cell.source:
                    cell.source, touched = fixed, True
        if touched:
            nbformat.write(nb, path)
            changed.append(path.name)
    return changed


def _merge_streams(outputs):
    """Join consecutive stdout (or stderr) blocks: how a kernel splits one cell's printing into
    blocks depends on timing, and the stored file must not."""
    merged = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if (prev is not None and out.get("output_type") == "stream"
                and prev.get("output_type") == "stream" and prev.get("name") == out.get("name")):
            prev["text"] = prev["text"] + out["text"]
        else:
            merged.append(out)
    return merged


def execute(path: Path, out: Path | None = None) -> Path:
    """Run a notebook top to bottom in a fresh kernel started in notebooks/; write it to ``out``
    (default: in place). Raises on the first cell error, naming the notebook."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    # The kernel is stopped at once after the last cell, as nbval stops its kernels: every output
    # has arrived by then and every file a cell wrote is closed. A graceful shutdown would wait
    # about 0.8 s a notebook for the kernel to tidy up (its history database, its threads).
    client = NotebookClient(
        nb, timeout=TIMEOUT, kernel_name=KERNEL, resources={"metadata": {"path": str(NOTEBOOKS)}},
        shutdown_kernel="immediate",
    )
    client.execute()
    target = out or path
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(clean(nb), target)
    return target


def execute_all(out_dir: Path | None = None, workers: int = 2) -> list[Path]:
    """Execute every notebook (two at a time on two cores, the longest first); returns the
    written paths, in the report's order."""
    paths = ordered()
    outs = [None if out_dir is None else out_dir / p.name for p in paths]
    longest_first = sorted(range(len(paths)), key=lambda i: -SECONDS.get(paths[i].stem, 0.0))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        done = dict(zip(longest_first, pool.map(execute, [paths[i] for i in longest_first],
                                                [outs[i] for i in longest_first]), strict=True))
    return [done[i] for i in range(len(paths))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aicost.notebooks", description=__doc__)
    parser.add_argument("--refresh", action="store_true", help="re-execute notebooks in place")
    parser.add_argument("--escape-dollars", action="store_true",
                        help="write every bare $ in Markdown cells as \\$ (in place)")
    parser.add_argument("names", nargs="*", help="only these notebooks (file names)")
    args = parser.parse_args(argv)
    if args.escape_dollars:
        paths = [NOTEBOOKS / n for n in args.names] if args.names else None
        for name in escape_notebook_dollars(paths):
            print(f"escaped dollar signs in {name}")
        return 0
    if not args.refresh:
        parser.print_help()
        return 2
    paths = [NOTEBOOKS / n for n in args.names] if args.names else None
    if paths:
        for p in paths:
            execute(p)
            print(f"refreshed {p.name}")
    else:
        for p in execute_all():
            print(f"refreshed {p.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
