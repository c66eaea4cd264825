"""Command line: ``python -m aicost claims [--format table|csv|json|markdown]``.

Before printing anything it validates the whole dataset (every table of data/datapackage.json,
with its plausibility rules, not only the tables the assessors read). Bad data ends the run
with the loader's one message on stderr and exit status 1, never a traceback; plausibility
warnings go to stderr too. The check is remembered (:mod:`aicost.cache`) under the bytes of the
dataset and the package's code, so an unchanged checkout does not re-validate.
"""

from __future__ import annotations

import argparse
import sys


def checked_warnings() -> list[str]:
    """Validate every table (raises :class:`aicost.data.DataError`); the plausibility warnings."""
    from aicost import cache
    from aicost.plausibility import warnings_all
    from aicost.scorecard import _results_key

    key = _results_key(cache.fingerprint())
    hit, lines = cache.disk_get("validated", key)
    if hit:
        return lines
    lines = [w.message() for w in warnings_all()]
    cache.disk_put("validated", key, lines)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aicost")
    sub = parser.add_subparsers(dest="command", required=True)
    claims = sub.add_parser("claims", help="print the scorecard: every assessed claim")
    claims.add_argument("--format", choices=["table", "csv", "json", "markdown"], default="table")
    args = parser.parse_args(argv)
    from aicost.data import DataError

    try:
        warnings = checked_warnings()
        from aicost.scorecard import render

        text = render(args.format)
    except DataError as err:
        print(f"aicost: bad data: {err}", file=sys.stderr)
        return 1
    for line in warnings:
        print(f"aicost: warning: {line}", file=sys.stderr)
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `make claims | head`: the reader stopped reading
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
