"""Growth of training compute: OpenAI's 3.4-month doubling, 300,000x, two eras, ARK's 10x a year.

Data: ``ml_systems`` (Epoch AI systems with training compute, plus OpenAI's "AI and Compute"
values for the systems OpenAI plotted). Every fit is ``log10(FLOP)`` on the decimal year.

Selections used here:

- **OpenAI's set**: the 15 ``main_chart`` systems of "AI and Compute" (2012-2017), with OpenAI's
  own values and dates, or with Epoch's values for the same systems.
- **notable**: Epoch's notable systems (``epoch_notable``) with training compute, using the base
  snapshot's values (``training_compute_flop``, which counts AlphaGo Zero's self-play, as OpenAI
  does).
- **frontier**: the notable systems that were the largest so far within the window (records), fitted
  with a bootstrap that re-selects the records in every replicate.

General pieces that are not specific to compute (the integrator may promote them to
``aicost.trends``): :func:`fit_two_eras` (a broken-trend fit with a bootstrap interval for the
ratio of the two doubling times) and :func:`find_break` (the break date minimising the residual
sum of squares, with a bootstrap interval).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from aicost import cache
from aicost.claims import Estimate
from aicost.data import load
from aicost.scorecard import assesses
from aicost.trends import (
    DEFAULT_BOOT,
    DEFAULT_SEED,
    LOG10_2,
    Interval,
    Trend,
    bootstrap_trend,
    decimal_year,
    fit_trend,
    frontier,
)

# Windows (decimal years; a window [start, end) includes start and excludes end).
FIRST_ERA_START = 1957.0  # Perceptron Mark I as Epoch dates it (OpenAI: "the perceptron in 1959")
OPENAI_BREAK = 2012.0     # OpenAI's modern era starts in 2012
ARK_BREAK = 2010.0        # ARK: "from 1960 to 2010", then "10x every year"
OPENAI_END = 2018.0       # OpenAI's fitted points run to the end of 2017
ARTICLE_END = 2020.0      # the 2019 article and ARK's 2020 report: data through 2019
RECENT_BREAK = 2018.0     # "after OpenAI's window"
MISSING_FIRST_ERA = ("RNN for Speech", "Evolving LSTMs", "Human performance on MNIST and NORB")


# --------------------------------------------------------------------------------------------
# General: two eras and the break date
# --------------------------------------------------------------------------------------------
@dataclass
class TwoEras:
    """Separate log-linear trends before and after ``break_year`` (a broken trend: both the level
    and the slope may change at the break)."""

    break_year: float
    before: Trend
    after: Trend

    def doubling_ratio(self, alpha: float = 0.05) -> Interval:
        """Doubling time before / doubling time after (= slope after / slope before): how many
        times faster growth became. Interval from the bootstrap draws of the two eras (resampled
        independently), percentile; a draw with no growth before the break counts as infinite."""
        value = self.after.slope.value / self.before.slope.value
        if self.before.slope_draws is None or self.after.slope_draws is None:
            raise ValueError("the ratio's interval needs bootstrap fits (bootstrap=True)")
        k = min(len(self.before.slope_draws), len(self.after.slope_draws))
        b0, b1 = self.before.slope_draws[:k], self.after.slope_draws[:k]
        draws = np.where(b0 > 0, b1 / np.where(b0 > 0, b0, 1.0), np.inf)
        q = [100 * alpha / 2, 100 * (1 - alpha / 2)]
        lo, hi = np.percentile(draws, q, method="inverted_cdf")
        return Interval(float(value), float(lo), float(hi), 1 - alpha)


def fit_two_eras(x, y, break_year: float, *, frontier_kind: str | None = None,
                 bootstrap: bool = True, n_boot: int = DEFAULT_BOOT,
                 seed: int = DEFAULT_SEED) -> TwoEras:
    """Fit ``log10(y)`` on ``x`` (decimal years) separately for ``x < break_year`` and
    ``x >= break_year``.

    With ``bootstrap`` each era gets :func:`aicost.trends.bootstrap_trend` (entries resampled within
    the era; seeds ``seed`` and ``seed + 1``; with ``frontier_kind`` the records are re-selected
    within each era), otherwise OLS with t intervals.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    early = x < break_year
    if early.sum() < 3 or (~early).sum() < 3:
        raise ValueError(
            f"each era needs at least 3 points; got {early.sum()} and {(~early).sum()}")
    fits = []
    for i, mask in enumerate((early, ~early)):
        if bootstrap:
            fits.append(bootstrap_trend(x[mask], y[mask], frontier_kind=frontier_kind,
                                        n_boot=n_boot, seed=seed + i))
        else:
            xm, ym = x[mask], y[mask]
            if frontier_kind:
                keep = frontier(xm, ym, frontier_kind)
                xm, ym = xm[keep], ym[keep]
            fits.append(fit_trend(xm, ym))
    return TwoEras(float(break_year), fits[0], fits[1])


@dataclass
class BreakSearch:
    """Profile of the two-era residual sum of squares over candidate break dates."""

    candidates: np.ndarray
    rss: np.ndarray
    best: Interval
    n: int
    draws: np.ndarray = field(repr=False)

    def rss_at(self, year: float) -> float:
        """RSS of the two-era fit with the break at the candidate nearest ``year``."""
        return float(self.rss[int(np.argmin(np.abs(self.candidates - year)))])


def _segment_rss(cum: tuple, lo: np.ndarray, hi: np.ndarray, min_weight: float) -> np.ndarray:
    """RSS of a straight-line fit to the entries with sorted index in [lo, hi), from cumulative
    weighted sums (each array has a leading zero column); inf where too few entries."""
    s, sx, sy, sxx, sxy, syy = (c[..., hi] - c[..., lo] for c in cum)
    with np.errstate(divide="ignore", invalid="ignore"):
        vxx = sxx - sx * sx / s
        vxy = sxy - sx * sy / s
        vyy = syy - sy * sy / s
        rss = vyy - vxy * vxy / vxx
    bad = (s < min_weight) | ~(vxx > 1e-9)
    return np.where(bad, np.inf, np.maximum(rss, 0.0))


def find_break(x, y, candidates, *, min_points: int = 5, n_boot: int = DEFAULT_BOOT,
               seed: int = DEFAULT_SEED, alpha: float = 0.05) -> BreakSearch:
    """Break date of a two-era (broken-trend) fit of ``log10(y)`` on ``x``.

    For each candidate date the entries are split into ``x < c`` and ``x >= c``, a separate line
    is fitted to each side and the residual sums of squares are added; the estimate is the
    candidate with the smallest total (each side needs ``min_points`` entries). The interval is the
    percentile interval of that minimiser over ``n_boot`` resamples of the entries (vectorised
    with cumulative sums). Candidates with no entry between them give the same split and tie; the
    earliest wins, so the resolution is the spacing of the entries. Break-date bootstraps are
    known to be rough (the estimator is not smooth); read the interval as indicative.
    """
    x = np.asarray(x, dtype=float)
    ly = np.log10(np.asarray(y, dtype=float))
    order = np.argsort(x, kind="stable")
    x, ly = x[order], ly[order]
    xc, yc = x - x.mean(), ly - ly.mean()
    cands = np.asarray(candidates, dtype=float)
    split = np.searchsorted(x, cands, side="left")
    n = len(x)

    def profile(w: np.ndarray) -> np.ndarray:
        parts = (w, w * xc, w * yc, w * xc * xc, w * xc * yc, w * yc * yc)
        cum = tuple(np.concatenate([np.zeros(w.shape[:-1] + (1,)), np.cumsum(p, axis=-1)], axis=-1)
                    for p in parts)
        zero = np.zeros_like(split)
        end = np.full_like(split, n)
        return (_segment_rss(cum, zero, split, min_points)
                + _segment_rss(cum, split, end, min_points))

    rss = profile(np.ones(n))
    if not np.isfinite(rss).any():
        raise ValueError("no candidate leaves enough entries on both sides")
    point = float(cands[int(np.argmin(rss))])

    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(n_boot, n))
    counts = np.zeros((n_boot, n))
    np.add.at(counts, (np.repeat(np.arange(n_boot), n), idx.ravel()), 1.0)
    boot = profile(counts)
    ok = np.isfinite(boot).any(axis=1)
    draws = cands[np.argmin(np.where(np.isfinite(boot), boot, np.inf), axis=1)][ok]
    q = [100 * alpha / 2, 100 * (1 - alpha / 2)]
    lo, hi = np.percentile(draws, q, method="inverted_cdf")
    return BreakSearch(cands, rss, Interval(point, float(lo), float(hi), 1 - alpha), n, draws)


def fold_change_between(a: float, b: float) -> float:
    """Plain ratio ``b / a`` (two measured endpoints, no interval)."""
    return float(b) / float(a)


def doubling_months_from_ratio(ratio: float, years: float) -> float:
    """Doubling time (months) implied by growing ``ratio``-fold in ``years``."""
    return 12.0 * years * LOG10_2 / math.log10(ratio)


# --------------------------------------------------------------------------------------------
# Data selections
# --------------------------------------------------------------------------------------------
@cache.memo(maxsize=1)
def systems() -> pd.DataFrame:
    """All ``ml_systems`` rows, with ``x`` (decimal year of Epoch's date) and ``notable`` (bool)."""
    t = load("ml_systems").copy()
    t["x"] = decimal_year(t["date"])
    t["notable"] = t["epoch_notable"].fillna(False).astype(bool)
    return t.sort_values(["x", "system"]).reset_index(drop=True)


def notable(start: float | None = None, end: float | None = None) -> pd.DataFrame:
    """Notable systems with training compute, dated in ``[start, end)``."""
    t = systems()
    sel = t["notable"] & t["training_compute_flop"].notna()
    if start is not None:
        sel &= t["x"] >= start
    if end is not None:
        sel &= t["x"] < end
    return t[sel]


def all_systems(start: float | None = None, end: float | None = None) -> pd.DataFrame:
    """Every system with training compute (notable or not), dated in ``[start, end)``."""
    t = systems()
    sel = t["training_compute_flop"].notna()
    if start is not None:
        sel &= t["x"] >= start
    if end is not None:
        sel &= t["x"] < end
    return t[sel]


def openai_main() -> pd.DataFrame:
    """OpenAI's 15 main-chart systems, with ``ox`` = decimal year of OpenAI's own date."""
    t = systems()
    sel = t[t["openai_set"] == "main_chart"].copy()
    sel["ox"] = decimal_year(sel["openai_date"])
    return sel


def newest_year() -> float:
    """Decimal year just after the newest system (the end of "to the newest data" windows)."""
    return float(systems()["x"].max()) + 1e-6


# --------------------------------------------------------------------------------------------
# Fits used by the notebook and the scorecard
# --------------------------------------------------------------------------------------------
@cache.memo(maxsize=8)
def openai_set_trend(values: str = "openai", bootstrap: bool = False) -> Trend:
    """Trend through OpenAI's main-chart systems: ``values`` = "openai" (OpenAI's FLOP and dates),
    "epoch" (Epoch's base values and dates) or "epoch_notable" (the 2025-11 snapshot's values;
    systems without one dropped)."""
    s = openai_main()
    if values == "openai":
        x, y = s["ox"].to_numpy(), s["openai_flop"].to_numpy()
    elif values == "epoch":
        x, y = s["x"].to_numpy(), s["training_compute_flop"].to_numpy()
    elif values == "epoch_notable":
        s = s[s["epoch_notable_training_compute_flop"].notna()]
        x, y = s["x"].to_numpy(), s["epoch_notable_training_compute_flop"].to_numpy()
    else:
        raise ValueError(f"unknown values {values!r}")
    return bootstrap_trend(x, y) if bootstrap else fit_trend(x, y)


@cache.memo(maxsize=32)
def window_trend(start: float, end: float, selection: str = "notable",
                 frontier_kind: str | None = None) -> Trend:
    """Bootstrap trend of ``selection`` ("notable" or "all") systems in ``[start, end)``; with
    ``frontier_kind="max"`` only the largest-so-far systems (re-selected in each replicate)."""
    s = notable(start, end) if selection == "notable" else all_systems(start, end)
    return bootstrap_trend(s["x"].to_numpy(), s["training_compute_flop"].to_numpy(),
                           frontier_kind=frontier_kind)


@cache.memo(maxsize=16)
def two_eras(break_year: float, start: float = FIRST_ERA_START, end: float = ARTICLE_END,
             frontier_kind: str | None = None) -> TwoEras:
    """Notable systems in ``[start, end)`` split at ``break_year`` (bootstrap fits)."""
    s = notable(start, end)
    return fit_two_eras(s["x"].to_numpy(), s["training_compute_flop"].to_numpy(), break_year,
                        frontier_kind=frontier_kind)


def mixed_ratio(break_year: float = OPENAI_BREAK, start: float = FIRST_ERA_START,
                end: float = ARTICLE_END) -> Interval:
    """OpenAI's own framing: all notable systems before the break vs the largest-so-far systems
    after it (ratio of doubling times, bootstrap)."""
    before = two_eras(break_year, start, end).before
    after = window_trend(break_year, end, "notable", "max")
    return TwoEras(break_year, before, after).doubling_ratio()


@cache.memo(maxsize=4)
def break_search(start: float = FIRST_ERA_START, end: float = ARTICLE_END,
                 lo: float = 1965.0, hi: float = 2016.0, step: float = 0.25) -> BreakSearch:
    """Break date for notable systems in ``[start, end)``, candidates every ``step`` years."""
    s = notable(start, end)
    cands = np.round(np.arange(lo, hi + step / 2, step), 4)
    return find_break(s["x"].to_numpy(), s["training_compute_flop"].to_numpy(), cands)


def frontier_points(start: float, end: float) -> pd.DataFrame:
    """The notable systems that were the largest so far within ``[start, end)``."""
    s = notable(start, end)
    keep = frontier(s["x"].to_numpy(), s["training_compute_flop"].to_numpy(), "max")
    return s[keep]


def first_era_coverage() -> pd.DataFrame:
    """OpenAI's first-era chart labels: which are in our data, with or without compute."""
    t = systems()
    fe = t[t["openai_set"] == "first_era"]
    rows = [{"openai_label": r.openai_label, "system": r.system, "date": r.date,
             "training_compute_flop": r.training_compute_flop,
             "status": "present" if pd.notna(r.training_compute_flop) else "present, no compute"}
            for r in fe.itertuples()]
    rows += [{"openai_label": lab, "system": "", "date": pd.NaT,
              "training_compute_flop": np.nan, "status": "missing"} for lab in MISSING_FIRST_ERA]
    return pd.DataFrame(rows)


def first_era_openai_trend() -> Trend:
    """OLS trend through OpenAI's first-era systems that have compute in our data."""
    fe = first_era_coverage()
    fe = fe[fe["status"] == "present"]
    return fit_trend(decimal_year(fe["date"]), fe["training_compute_flop"].to_numpy())


ALPHAGO_ZERO_FIGURES = {
    "OpenAI (AI and Compute)": ("openai_flop", "openai_flop"),
    "Epoch base snapshot (2025-06)": ("training_compute_flop", "training_compute_flop"),
    "Epoch notable snapshot (2025-11)": ("epoch_notable_training_compute_flop",
                                         "epoch_notable_training_compute_flop"),
}


def alexnet_to_alphago_zero() -> pd.DataFrame:
    """AlexNet -> AlphaGo Zero compute ratio with each source's figures for the two systems."""
    t = systems().set_index("system")
    a, z = t.loc["AlexNet"], t.loc["AlphaGo Zero"]
    rows = []
    for name, (col_a, col_z) in ALPHAGO_ZERO_FIGURES.items():
        rows.append({"source": name, "AlexNet FLOP": a[col_a], "AlphaGo Zero FLOP": z[col_z],
                     "fold increase": fold_change_between(a[col_a], z[col_z])})
    return pd.DataFrame(rows)


def alexnet_alphago_zero_dates() -> tuple[float, float]:
    """Epoch's dates of AlexNet and AlphaGo Zero (decimal years)."""
    t = systems().set_index("system")
    return float(t.loc["AlexNet", "x"]), float(t.loc["AlphaGo Zero", "x"])


# --------------------------------------------------------------------------------------------
# Assessors
# --------------------------------------------------------------------------------------------
def global_frontier(start: float, end: float) -> pd.DataFrame:
    """The notable systems dated in ``[start, end)`` that were the largest ever when published
    (records counted over all notable systems since the first, so the window does not restart
    them)."""
    s = notable(None, end)
    keep = frontier(s["x"].to_numpy(), s["training_compute_flop"].to_numpy(), "max")
    s = s[keep]
    return s[s["x"] >= start]


@cache.memo(maxsize=8)
def global_frontier_trend(start: float, end: float) -> Trend:
    """Bootstrap trend through the all-time records dated in ``[start, end)``
    (:func:`global_frontier`; the records are fixed, the bootstrap resamples them)."""
    s = global_frontier(start, end)
    return bootstrap_trend(s["x"].to_numpy(), s["training_compute_flop"].to_numpy())


def largest_to_alexnet(end: float = ARTICLE_END) -> tuple[str, float]:
    """(system, fold increase): the largest notable run dated before ``end`` over AlexNet, with
    Epoch's values."""
    t = systems().set_index("system")
    s = notable(OPENAI_BREAK, end)
    top = s.loc[s["training_compute_flop"].idxmax()]
    return str(top["system"]), float(top["training_compute_flop"]
                                     / t.loc["AlexNet", "training_compute_flop"])


@assesses("compute-doubling-3.4mo", "compute-doubling-2y-pre2012", "compute-7x-faster",
          "compute-300000x", "compute-moore-era", "compute-10x-per-year")
def assess_compute() -> dict[str, Estimate]:
    """Primary readings (register): OpenAI's selection (largest so far, 2012-2017) with Epoch's
    values for the 3.4 months; the direct ratio of the largest run by the article to AlexNet for
    the 300,000x ("in the last seven years"); all-time records for ARK's 10x a year. Every other
    selection and snapshot is an alternative."""
    modern = window_trend(OPENAI_BREAK, OPENAI_END, "notable", "max")
    a_x, z_x = alexnet_alphago_zero_dates()
    eras = two_eras(OPENAI_BREAK)
    ark = two_eras(ARK_BREAK, 1960.0)
    boot = "95% bootstrap CI"

    def fit(iv):
        return Estimate.from_interval(iv, kind=boot)

    top, ratio = largest_to_alexnet(ARTICLE_END)
    az = alexnet_to_alphago_zero().set_index("source")
    openai_ratio = float(az.loc["OpenAI (AI and Compute)", "fold increase"])
    alt_300k = [(f"AlphaGo Zero / AlexNet, {src}", Estimate.exact(r["fold increase"]))
                for src, r in az.iterrows()
                if pd.notna(r["fold increase"]) and src != "OpenAI (AI and Compute)"]
    alt_300k.append((f"largest notable run by the end of 2019 ({top}) / AlexNet, Epoch base "
                     "snapshot", Estimate.exact(ratio)))
    alt_300k.append(("fitted fold change AlexNet to AlphaGo Zero, largest so far 2012-2017",
                     fit(modern.fold_change(a_x, z_x))))
    alt_36 = [("OpenAI's own 15 systems and values (OLS)",
               Estimate.from_interval(openai_set_trend("openai").doubling_months())),
              ("all notable systems 2012-2017", fit(window_trend(
                  OPENAI_BREAK, OPENAI_END, "notable", None).doubling_months())),
              ("all-time records 2012-2017", fit(global_frontier_trend(
                  OPENAI_BREAK, OPENAI_END).doubling_months()))]
    alt_10 = [("largest so far within 2010-2019 (records restart in 2010)", fit(window_trend(
                  ARK_BREAK, ARTICLE_END, "notable", "max").annual_factor())),
              ("all notable systems 2010-2019", fit(window_trend(
                  ARK_BREAK, ARTICLE_END, "notable", None).annual_factor()))]
    same = two_eras(OPENAI_BREAK, end=OPENAI_END, frontier_kind="max")
    alt_7 = [("OpenAI's framing: all notable before 2012 / largest so far 2012-2017",
              fit(mixed_ratio(OPENAI_BREAK, FIRST_ERA_START, OPENAI_END))),
             ("largest so far in both eras, to 2019", fit(two_eras(
                  OPENAI_BREAK, frontier_kind="max").doubling_ratio())),
             ("all notable systems in both eras, to 2017", fit(two_eras(
                 OPENAI_BREAK, end=OPENAI_END).doubling_ratio())),
             ("all notable systems in both eras, to 2019", fit(eras.doubling_ratio()))]
    return {
        "compute-doubling-3.4mo": Estimate.from_interval(
            modern.doubling_months(),
            "largest-so-far notable systems 2012-2017 (Epoch values), bootstrap", kind=boot,
            alternatives=alt_36),
        "compute-300000x": Estimate.exact(
            openai_ratio, "AlphaGo Zero / AlexNet with OpenAI's own figures (reproduces OpenAI; "
                          "Epoch's snapshots disagree 500-fold on AlphaGo Zero)",
            alternatives=alt_300k),
        "compute-doubling-2y-pre2012": Estimate.from_interval(
            eras.before.doubling_months(), "notable systems 1957-2011, bootstrap", kind=boot,
            alternatives=(("OpenAI's first-era systems in our data (OLS)", Estimate.from_interval(
                first_era_openai_trend().doubling_months())),)),
        "compute-moore-era": Estimate.from_interval(
            ark.before.doubling_months(), "notable systems 1960-2009, bootstrap", kind=boot),
        "compute-7x-faster": Estimate.from_interval(
            same.doubling_ratio(),
            "doubling time before 2012 / 2012-2017, the largest-so-far notable systems in both "
            "eras (one selection rule), bootstrap", kind=boot, alternatives=alt_7),
        "compute-10x-per-year": Estimate.from_interval(
            global_frontier_trend(ARK_BREAK, ARTICLE_END).annual_factor(),
            "all-time record notable systems dated 2010-2019, bootstrap", kind=boot,
            alternatives=alt_10),
    }


# --------------------------------------------------------------------------------------------
# Summaries printed by the notebook
# --------------------------------------------------------------------------------------------
def _row(label: str, what: str, iv: Interval, n: int | None = None) -> dict:
    return {"estimate": label, "measure": what, "value": iv.value, "CI low": iv.low,
            "CI high": iv.high, "n": n}


def _fit_frame(frame: pd.DataFrame, frontier_kind: str | None = None,
               ols: bool = False) -> Trend:
    x, y = frame["x"].to_numpy(), frame["training_compute_flop"].to_numpy()
    if ols:
        return fit_trend(x, y)
    return bootstrap_trend(x, y, frontier_kind=frontier_kind)


def sensitivity_table() -> pd.DataFrame:
    """How the headline doubling times move with the selection of systems and the method."""
    rows = []
    first = notable(FIRST_ERA_START, OPENAI_BREAK)
    variants = [
        ("pre-2012, notable 1957-2011 (headline)", first, None, False),
        ("pre-2012, notable 1959-2011 (claim's start; drops the Perceptron)",
         notable(1959.0, OPENAI_BREAK), None, False),
        ("pre-2012, notable 1957-2011, OLS t interval", first, None, True),
        ("pre-2012, all systems 1957-2011 (notable or not)",
         all_systems(FIRST_ERA_START, OPENAI_BREAK), None, False),
        ("pre-2012, notable without 'Speculative' confidence",
         first[first["epoch_confidence"] != "Speculative"], None, False),
        ("1960-2009, notable (ARK; headline)", notable(1960.0, ARK_BREAK), None, False),
        ("1960-2010, notable (ARK, 2010 included)", notable(1960.0, 2011.0), None, False),
    ]
    modern = notable(OPENAI_BREAK, OPENAI_END)
    variants += [
        ("2012-2017 largest so far (headline)", modern, "max", False),
        ("2012-2017 largest so far, without Epoch values taken from OpenAI",
         modern[~modern["epoch_compute_from_openai"].fillna(False).astype(bool)], "max", False),
        ("2012-2017 largest so far, without 'Speculative' confidence",
         modern[modern["epoch_confidence"] != "Speculative"], "max", False),
        ("2012-2017 all notable systems", modern, None, False),
        ("2012-2017 all systems (notable or not)", all_systems(OPENAI_BREAK, OPENAI_END), None,
         False),
    ]
    for label, frame, kind, ols in variants:
        t = _fit_frame(frame, kind, ols)
        rows.append(_row(label, "doubling months", t.doubling_months(), t.n))
    return pd.DataFrame(rows)


def openai_set_table() -> pd.DataFrame:
    """Doubling time through OpenAI's 15 systems with OpenAI's and Epoch's values."""
    rows = []
    for values, label in (("openai", "OpenAI's values and dates"),
                          ("epoch", "Epoch base snapshot values (2025-06)"),
                          ("epoch_notable", "Epoch notable snapshot values (2025-11)")):
        for boot in (False, True):
            t = openai_set_trend(values, boot)
            how = "bootstrap" if boot else "OLS t"
            rows.append(_row(f"{label}, {how}", "doubling months", t.doubling_months(), t.n))
    return pd.DataFrame(rows)


def modern_table() -> pd.DataFrame:
    """Doubling time and annual factor of the modern era for several selections and windows."""
    end = newest_year()
    specs = [
        ("notable 2012-2017, largest so far", OPENAI_BREAK, OPENAI_END, "max"),
        ("notable 2012-2017, all", OPENAI_BREAK, OPENAI_END, None),
        ("notable 2010-2019, largest so far", ARK_BREAK, ARTICLE_END, "max"),
        ("notable 2010-2019, all", ARK_BREAK, ARTICLE_END, None),
        ("notable 2010-newest, largest so far", ARK_BREAK, end, "max"),
        ("notable 2010-newest, all", ARK_BREAK, end, None),
        ("notable 2018-newest, largest so far", RECENT_BREAK, end, "max"),
        ("notable 2018-newest, all", RECENT_BREAK, end, None),
    ]
    rows = []
    for label, a, b, kind in specs:
        t = window_trend(a, b, "notable", kind)
        d, f = t.doubling_months(), t.annual_factor()
        rows.append({"selection": label, "n fitted": t.n, "doubling months": d.value,
                     "CI low": d.low, "CI high": d.high, "x per year": f.value,
                     "x/yr low": f.low, "x/yr high": f.high})
    return pd.DataFrame(rows)


def break_table() -> pd.DataFrame:
    """Two-era fits of notable systems (1957-2019) with the break at 2010 and at 2012."""
    search = break_search()
    rows = []
    for brk in (ARK_BREAK, OPENAI_BREAK):
        e = two_eras(brk)
        rows.append({"break": f"{brk:.0f}", "doubling before": e.before.doubling_months().value,
                     "doubling after": e.after.doubling_months().value,
                     "ratio": e.doubling_ratio().value, "ratio low": e.doubling_ratio().low,
                     "ratio high": e.doubling_ratio().high, "RSS": search.rss_at(brk)})
    return pd.DataFrame(rows)


def ratio_table() -> pd.DataFrame:
    """'More than seven times the previous rate': ratio of doubling times, several framings."""
    end_n = newest_year()
    specs = [
        ("notable before 2012 / largest so far 2012-2017 (headline)",
         mixed_ratio(OPENAI_BREAK, FIRST_ERA_START, OPENAI_END)),
        ("notable before 2012 / largest so far 2012-2019",
         mixed_ratio(OPENAI_BREAK, FIRST_ERA_START, ARTICLE_END)),
        ("largest so far in both eras, break 2012, to 2019",
         two_eras(OPENAI_BREAK, frontier_kind="max").doubling_ratio()),
        ("notable in both eras, break 2012, to 2017", two_eras(OPENAI_BREAK, end=OPENAI_END)
         .doubling_ratio()),
        ("notable in both eras, break 2012, to 2019", two_eras(OPENAI_BREAK).doubling_ratio()),
        ("notable in both eras, break 2010, to 2019", two_eras(ARK_BREAK).doubling_ratio()),
        ("notable in both eras, break 2012, to newest",
         two_eras(OPENAI_BREAK, end=end_n).doubling_ratio()),
    ]
    return pd.DataFrame([_row(label, "ratio", iv) for label, iv in specs]).drop(columns="n")


def recent_change() -> pd.DataFrame:
    """Has the doubling time changed since 2018? Two eras at 2018 within 2012-newest."""
    rows = []
    for kind, label in (("max", "largest so far"), (None, "all notable")):
        e = two_eras(RECENT_BREAK, OPENAI_BREAK, newest_year(), kind)
        r = e.doubling_ratio()
        rows.append({"selection": label,
                     "doubling 2012-2017": e.before.doubling_months().value,
                     "doubling 2018-newest": e.after.doubling_months().value,
                     "ratio (before/after)": r.value, "ratio low": r.low, "ratio high": r.high})
    return pd.DataFrame(rows)
