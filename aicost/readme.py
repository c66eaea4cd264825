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
FRONTIER_READING = "Epoch amortised, nominal, 2016 to newest"
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


def headline_numbers() -> dict[str, tuple[float, float, float]]:
    """The README's headline numbers as (value, low, high), keyed as in
    ``data/release_scorecards.csv`` (``finding:<name>``): the one place they are computed, for
    the results block and the changelog."""
    from aicost.analyses import reconcile

    def inv(iv):
        return 1 / iv.value, 1 / iv.high, 1 / iv.low

    vision = reconcile.fixed_identity("vision")
    llm = reconcile.fixed_identity("llm")
    d = reconcile.pp_trend("cloud", "FP16/BF16 tensor").doubling_months()
    from aicost.analyses import frontier

    # the frontier's cost growth is the frontier module's reading (every Epoch amortised estimate
    # since 2016), the same number notebook 10 and the frontier claims show; the compute growth
    # comes from the decomposition of notebook 11 (the models with a compute figure)
    f_cost = frontier.trends()[FRONTIER_READING].annual_factor()
    f_comp = reconcile.factor(reconcile.frontier_identity("Epoch amortised")["compute"])
    return {
        "finding:imagenet-cheaper-per-year": inv(reconcile.factor(vision["cost"])),
        "finding:gpt3-level-cheaper-per-year": inv(reconcile.factor(llm["cost"])),
        "finding:cloud-flops-per-dollar-doubling-years": (d.value / 12, d.low / 12, d.high / 12),
        "finding:frontier-cost-growth-per-year": (f_cost.value, f_cost.low, f_cost.high),
        "finding:frontier-compute-growth-per-year": (f_comp.value, f_comp.low, f_comp.high),
    }


def _iv(v, lo, hi, unit: str = "x", digits: int = 2) -> str:
    from aicost.display import sig

    return f"{sig(v, digits)}{unit} (95% CI {sig(lo, digits)} to {sig(hi, digits)})"


def findings() -> str:
    """What is getting cheaper, what dearer, and how fast: computed from the reconciliation of
    notebook 11 (component and direct rates), with the window of each rate in words and the
    caveats a rate on a handful of points needs."""
    import numpy as np

    from aicost.analyses import imagenet_trend, llm
    from aicost.display import sig
    from aicost.trends import leave_one_out, to_date

    h = headline_numbers()
    im = h["finding:imagenet-cheaper-per-year"]
    later = imagenet_trend.series_trend(imagenet_trend.FIRST_YEAR + 1, imagenet_trend.LAST_YEAR)
    lat = later.annual_decline_factor()
    trend, _ = llm.headline()
    g = h["finding:gpt3-level-cheaper-per-year"]
    loo = 10.0 ** -leave_one_out(trend)
    last_low = to_date(float(np.max(trend.x)))
    d = h["finding:cloud-flops-per-dollar-doubling-years"]
    fc, fp = h["finding:frontier-cost-growth-per-year"], h["finding:frontier-compute-growth-per-year"]

    def no_change(lo, hi) -> bool:
        return lo <= 1 <= hi

    imagenet = (
        f"The cheapest ImageNet training run fell {_iv(*im)} a year on the fitted trend over "
        f"{imagenet_trend.FIRST_YEAR}-{imagenet_trend.LAST_YEAR}"
        + (", an interval that includes no change" if no_change(*im[1:]) else "")
        + f"; nearly all of the fall is the {imagenet_trend.FIRST_YEAR}-to-"
        f"{imagenet_trend.FIRST_YEAR + 1} step from DAWNBench's unoptimised reference entry, and "
        f"from {imagenet_trend.FIRST_YEAR + 1} the rate is {_iv(lat.value, lat.low, lat.high)}"
        + (" (no change not ruled out)" if no_change(lat.low, lat.high) else "") + ". ")
    gpt3 = (
        f"GPT-3-level training fell {_iv(*g)} a year from 2020 to its last new low "
        f"({last_low:%b %Y}; no cheaper model since in our data), fitted on the "
        f"{trend.n} record lows (the interval does not account for their selection; leaving one "
        f"record out gives {sig(loo.min(), 2)} to {sig(loo.max(), 2)}x, the high end without the "
        "single 2020 model)")
    return (
        "**Getting cheaper: reaching a fixed capability.** " + imagenet + gpt3
        + f", as the compute needed fell and cloud FLOP/s per dollar doubled every "
        f"{_iv(*d, unit=' years')}. **Getting dearer: the frontier.** The ten largest training "
        f"runs at release cost {_iv(*fc)} more each year since 2016 (Epoch AI's amortised "
        f"estimates), because their compute grew {_iv(*fp)} a year, far faster than "
        "price-performance (notebooks 10 and 11).")


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
