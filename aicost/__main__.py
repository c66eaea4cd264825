"""Command line: ``python -m aicost claims [--format table|csv|json|markdown]``.

Before printing anything it validates the whole dataset (every table of data/datapackage.json,
with its plausibility rules, not only the tables the assessors read). Bad data ends the run
with the loader's one message on stderr and exit status 1, never a traceback; plausibility
warnings go to stderr too. The check and the printed scorecard are remembered
(:mod:`aicost.cache`) under the bytes of the dataset and the package's code, so an unchanged
checkout neither re-validates nor re-renders (nor imports pandas).
"""

from __future__ import annotations

import argparse
import sys


def checked_warnings() -> list[str]:
    """Validate every table (raises :class:`aicost.data.DataError`); the plausibility warnings."""
    from aicost import cache

    key = cache.results_key(cache.fingerprint())
    hit, lines = cache.disk_get("validated", key)
    if hit:
        return lines
    from aicost.data import warnings_all

    lines = [w.message() for w in warnings_all()]
    cache.disk_put("validated", key, lines)
    return lines


def rendered(fmt: str) -> str:
    """:func:`aicost.scorecard.render` in format ``fmt``, remembered on disk under the key of the
    scorecard it prints and the format; stored only if the dataset did not change meanwhile."""
    from aicost import cache

    dataset = cache.fingerprint()
    key = rendered_key(dataset, fmt)
    hit, text = cache.disk_get("rendered", key)
    if hit:
        return text
    from aicost.scorecard import render

    text = render(fmt)
    if cache.fingerprint() == dataset:
        cache.disk_put("rendered", key, text)
    return text


def rendered_key(dataset: str, fmt: str) -> str:
    """The key :func:`rendered` remembers the output under: the scorecard's and the format."""
    from aicost import cache

    return f"{cache.results_key(dataset)}\0{fmt}"


COLUMNS_HELP = {
    "claim": "the claim in a few words, and its id [in brackets] (the full quote and its source "
             "are in data/claims.csv and on the claim's page of the report)",
    "who, when": "who made the claim, and the date of the statement",
    "verdict": "what the data say about the claim (below); where the claimant's own arithmetic "
               "was re-done, whether it reproduces their number (a check of their sums, never "
               "support)",
    "ours vs claimed": "our estimate with its interval (95%, bootstrap or OLS as the report "
                       "says; 'exact' when computed from fixed inputs), the claimed value, "
                       "the unit",
}


def claims_help() -> str:
    """The `claims --help` epilog: the columns of the table and every verdict in words (the
    verdict definitions are the glossary's)."""
    import textwrap

    from aicost.display import VERDICT_STYLE
    from aicost.glossary import TERMS

    def item(name: str, text: str) -> str:
        return textwrap.fill(text, 98, initial_indent=f"  {name}: ", subsequent_indent="      ",
                             break_on_hyphens=False)

    cols = "\n".join(item(k, v) for k, v in COLUMNS_HELP.items())
    verdicts = "\n".join(item(v, TERMS.get(v, "").removeprefix("Verdict: ")) for v in VERDICT_STYLE)
    return (f"columns of the table:\n{cols}\n\nverdicts (one rule for every claim: our "
            f"interval against the band the claim's words allow):\n{verdicts}\n\n"
            "More: the report's glossary (make report; report/glossary.html).")


def main(argv: list[str] | None = None) -> int:
    """Run the command; every bad input, setting or failed write ends in one message on stderr
    and exit status 1 (:class:`aicost.errors.DataError`), never a traceback."""
    from aicost.errors import DataError

    try:
        return _main(argv)
    except DataError as err:  # raised outside the data check: e.g. a bad AICOST_SEED on import
        print(f"aicost: {err}", file=sys.stderr)
        return 1


class _Parser(argparse.ArgumentParser):
    """An argument parser whose epilog may be a function, called only when the help is shown
    (the verdict definitions are not imported to run the command)."""

    def format_help(self) -> str:
        if callable(self.epilog):
            self.epilog = self.epilog()
        return super().format_help()


def _main(argv: list[str] | None) -> int:
    parser = _Parser(
        prog="python -m aicost", description="aicost: famous claims that AI training is getting "
        "cheaper, re-derived from data, each with a verdict. `python -m aicost claims --help` "
        "explains the verdicts and the columns.")
    sub = parser.add_subparsers(dest="command", required=True)
    claims = sub.add_parser("claims", help="print the scorecard: every assessed claim",
                            description="Print the scorecard: every claim of the register with "
                            "its verdict, our estimate and the claimed value.",
                            epilog=claims_help,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    claims.add_argument("--format", choices=["table", "csv", "json", "markdown"], default="table",
                        help="table (default): for reading, fits 100 columns; csv, json, markdown: "
                        "every column of the scorecard, for other programs")
    args = parser.parse_args(argv)
    from aicost.errors import DataError

    try:
        warnings = checked_warnings()
        text = rendered(args.format)
    except DataError as err:
        what = "bad setting" if str(err).startswith("environment variable") else "bad data"
        print(f"aicost: {what}: {err}", file=sys.stderr)
        return 1
    for line in warnings:
        print(f"aicost: warning: {line}", file=sys.stderr)
    return _write(text)


def _write(text: str) -> int:
    """Print the result; a reader that stopped reading is not an error, a failed write (a full
    disk, a closed or read-only output) is one message and exit status 1."""
    import os

    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `make claims | head`: the reader stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as err:
        from aicost.errors import io_error

        # what could not be written is dropped, so that exiting does not try again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print(f"aicost: {io_error(err, 'cannot write the output')}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
