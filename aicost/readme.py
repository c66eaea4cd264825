"""Keep the README's results block in sync with the scorecard.

``python -m aicost.readme`` rewrites the text between ``<!-- results:start -->`` and
``<!-- results:end -->`` in README.md; ``summary()`` is what goes there: what is getting cheaper
and dearer and how fast (notebook 11), the verdicts (the scorecard) and the newest point of each
series (``aicost.analyses.since``), all computed. A test checks that the committed README matches.
"""

from __future__ import annotations

import re
import sys

from aicost.paths import ROOT

START, END = "<!-- results:start -->", "<!-- results:end -->"
BLOCK = re.compile(re.escape(START) + r"\n(.*?)\n" + re.escape(END), re.S)


def verdicts() -> str:
    """The headline verdicts in two sentences, from the scorecard."""
    from aicost.scorecard import scorecard

    frame, pending = scorecard()
    if frame.empty:
        return "(no claim assessed yet)"
    from aicost.scorecard import tally_text

    first = tally_text(frame)
    over = frame[frame["verdict"] == "overstated"]["id"].tolist()
    second = ("Overstated: " + ", ".join(f"`{c}`" for c in over) + "." if over
              else "No assessed claim is overstated.")
    pend = f" {len(pending)} claims in the register are not yet assessed." if pending else ""
    return f"{first} {second}{pend} Full table: `make claims`."


def _x(iv, invert: bool = False, digits: int = 2) -> str:
    """A factor per year with its interval, e.g. ``1.8x (95% CI 1.1 to 3.1)``; ``invert`` turns
    a factor below 1 into the fold decrease per year."""
    from aicost.display import sig

    v, lo, hi = (iv.value, iv.low, iv.high) if not invert else (1 / iv.value, 1 / iv.high,
                                                                 1 / iv.low)
    return f"{sig(v, digits)}x (95% CI {sig(lo, digits)} to {sig(hi, digits)})"


def findings() -> str:
    """What is getting cheaper, what dearer, and how fast: two sentences computed from the
    reconciliation of notebook 11 (component and direct rates)."""
    from aicost.analyses import reconcile
    from aicost.display import sig

    vision = reconcile.fixed_identity("vision")
    llm = reconcile.fixed_identity("llm")
    pp = reconcile.pp_trend("cloud", "FP16/BF16 tensor")
    d = pp.doubling_months()
    top = reconcile.frontier_identity("Epoch amortised")
    return (
        "**Getting cheaper: reaching a fixed capability.** The cheapest ImageNet training run "
        f"got {_x(reconcile.factor(vision['cost']), invert=True)} cheaper a year over 2017-2024 "
        f"and GPT-3-level training {_x(reconcile.factor(llm['cost']), invert=True)} a year from "
        "2020 to the newest model (nearly all of it after 2022), as the compute needed fell and "
        "cloud FLOP/s per dollar doubled "
        f"every {sig(d.value / 12, 2)} years (95% CI {sig(d.low / 12, 2)} to "
        f"{sig(d.high / 12, 2)}). **Getting dearer: the frontier.** The ten largest training "
        f"runs at release cost {_x(reconcile.factor(top['cost']))} more each year since 2016 "
        f"(Epoch AI's amortised estimates), because their compute grew "
        f"{_x(reconcile.factor(top['compute']))} a year, far faster than price-performance "
        "(notebooks 10 and 11).")


def series() -> str:
    """One line per series with its newest point and date (``aicost.analyses.since``)."""
    from aicost.analyses import since

    return "\n".join(f"- {line}" for line in since.readme_lines())


def summary() -> str:
    """The whole results block: findings, verdicts, the newest point of each series."""
    return f"{findings()}\n\n{verdicts()}\n\nThe newest data, series by series:\n\n{series()}"


def current() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = BLOCK.search(text)
    if not match:
        raise ValueError("README.md has no results block")
    return match.group(1)


def main() -> int:
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    new = BLOCK.sub(lambda _m: f"{START}\n{summary()}\n{END}", text)
    path.write_text(new, encoding="utf-8")
    print("README results block updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
