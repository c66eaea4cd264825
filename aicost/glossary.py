"""The report's glossary: each term a reader meets, defined in plain words.

The report's glossary page lists them, and the first use of a term on each page links to its
definition (aicost.report). Verdict words are defined here too, as the scorecard uses them.
"""

from __future__ import annotations

import re

# Term -> definition. The first sentence is the tooltip where the term is first used.
TERMS: dict[str, str] = {
    "FLOP/s": "Floating-point operations per second: the speed of a chip. A chip's peak FLOP/s "
              "is what its maker quotes; real training reaches a fraction of it (see MFU).",
    "FLOP": "Floating-point operations: the count of arithmetic operations (additions, "
            "multiplications) a computation needs. Training compute is counted in FLOP.",
    "MFU": "Model FLOP utilisation: the share of a chip's peak FLOP/s a training run actually "
           "uses. Costing a run from its compute needs an assumed MFU; lower utilisation means "
           "more chip-hours and a higher cost.",
    "MMLU": "Massive Multitask Language Understanding: a benchmark of multiple-choice questions "
            "across many school and professional subjects, used here to say which language "
            "models perform at least as well as GPT-3.",
    "amortised": "Spread over time: a chip's purchase price divided over its useful life, so "
                 "that owning hardware can be compared with renting it by the hour.",
    "bootstrap": "A way to get an interval by resampling: the fit is repeated on many random "
                 "resamples of the data points (with a fixed seed, so results repeat) and the "
                 "middle 95% of the results is the interval.",
    "OLS": "Ordinary least squares: the standard straight-line fit. Here it is fitted to the "
           "logarithm of cost against time, so its slope is a rate of change per year.",
    "record frontier": "The points that set a new record (cheapest or most compute so far) when "
                       "they appeared. A trend through records only is selected data, so its "
                       "interval from an ordinary fit is too narrow.",
    "95% CI": "95% confidence interval: the range our method gives for a number so that, "
              "repeated on new data, it would contain the true value 95 times in 100.",
    "band": "The range of values a claim's own words allow: a claim of 'about 100x' allows more "
            "than one of 'exactly 100x'. The verdict compares our interval with this band.",
    "reproduced": "Evidence that re-does the claimant's own calculation from their inputs. It "
                  "checks their arithmetic, not whether the world behaved as they said.",
    "independent": "Evidence from data the claimant did not use, or a method they did not use: "
                   "the only kind that can support a claim.",
    "exact": "A number computed from a handful of fixed inputs (e.g. two prices), with no "
             "sampling and therefore no sampling interval; its uncertainty is in the choice of "
             "inputs, shown as alternative readings.",
    "DAWNBench": "A 2017-2019 Stanford benchmark of the time and cloud cost to train an image "
                 "classifier to a fixed accuracy on ImageNet.",
    "MLPerf": "An industry benchmark (MLCommons) of the time to train standard models on given "
              "hardware, published in rounds since 2018.",
    "fold decrease": "How many times smaller: a cost falling from 100 to 1 is a 100-fold "
                     "decrease.",
    "doubling time": "The time a quantity growing exponentially takes to double.",
    "supported": "Verdict: the data agree with the claim: our interval lies inside the band the "
                 "claim's words allow, or overlaps it with our estimate close to the band and the "
                 "interval narrow enough to say so.",
    "overstated": "Verdict: the claim says more than the data allow: our whole interval lies on "
                  "the less dramatic side of the band.",
    "understated": "Verdict: the data say more than the claim: our whole interval lies beyond "
                   "the band on the more dramatic side.",
    "inconclusive": "Verdict: our interval overlaps the band but is too wide to decide, or our "
                    "estimate is far from the claim.",
    "forecast met": "Verdict: the forecast came due, and the value observed by its deadline "
                    "reached the band.",
    "forecast missed": "Verdict: the forecast came due, and the value observed by its deadline "
                       "did not reach the band.",
    "pending": "Verdict: the forecast is not yet due, so it cannot be judged yet.",
    "not testable": "Verdict: no public data could confirm or refute the claim.",
    "no independent test": "Verdict: the only evidence is the claimant's own data or arithmetic; "
                           "re-doing their sums can reproduce the number but does not support "
                           "the claim.",
}


def term_id(term: str) -> str:
    """The anchor of a term on the glossary page."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def page() -> str:
    """The glossary page (MyST Markdown holding one HTML definition list)."""
    import html

    items = "".join(f"<dt id='{term_id(t)}'>{html.escape(t)}</dt><dd>{html.escape(d)}</dd>"
                    for t, d in sorted(TERMS.items(), key=lambda kv: kv[0].lower()))
    return ("# Glossary\n\n<p>The terms the report uses, in plain words. On every page, the "
            "first use of a term links here.</p>\n\n"
            f"<dl class='aicost-glossary'>{items}</dl>\n")
