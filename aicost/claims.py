"""Claims and the one rule that turns a claim and our estimate into a verdict.

A verdict answers one question: **what do data independent of the claimant say about the
claim?** Whether the claimant's own arithmetic or data give the claimed number is a separate
question with its own column (:func:`reproduction`: ``reproduces`` / ``does not reproduce``); a
reproduction is never shown as support.

What a claim's words commit to is written in the register (``data/claims.csv``) before any number
is computed: its **tolerance band** ``B`` in the claim's own unit (``band_low`` .. ``band_high``):

- an exact number (``tolerance = rounding``): the band is its rounding ("223" is 222.5 to 223.5);
- "about", "around", "roughly", "~" (``approx``): the claimed value times or divided by
  :data:`APPROX_FACTOR` (1.25), or its rounding if that is wider;
- "more than", "over", "at least", "in the millions" (``bound``): one-sided;
- a stated range (``range``): that range.

The register also names the **primary reading**: the one independent analysis that matches the
words; only it decides the verdict. Alternative readings get their own verdicts (the robustness
column) and never widen the interval.

Our **interval** ``I = [low, high]`` is a 95% interval where there is sampling variation, the
measurement range where the inputs themselves vary (published SKUs and clocks of the same chip,
the documented price range of the same offer), the rounding range of stated inputs, or ``exact``
(arithmetic on the claim's own stated inputs only). The rule looks at the numbers, never at that
label. With the **close band** ``C``: ``B`` widened x/÷ :data:`CLOSE_FACTOR` (1.25) at each end
that comes from rounding, a hedge or a stated range (the threshold of a one-sided claim is the
claim's own words and is not widened):

- ``supported``: the whole of ``I`` lies inside ``C``;
- ``overstated``: the whole of ``I`` lies outside ``C`` on the weak side (the claim is more
  dramatic than anything the data allow); ``understated``: on the strong side;
- ``inconclusive``: ``I`` straddles an edge of ``C`` (the data cannot decide);
- forecasts (``kind == "forecast"``): ``forecast met`` if the value observed by the deadline lies in
  ``C`` or beyond it in the claim's direction, ``forecast missed`` if not; ``pending`` if the
  deadline has not come (the trajectory so far is shown, not a guess);
- ``not testable``: no public evidence can decide the claim (the reason is always stated);
- ``no independent test``: the only evidence we have is the claimant's own data or arithmetic
  (the reason is always stated; :func:`reproduction` says whether it reproduces).

The rule is monotone (moving ``I`` away from ``B`` never makes the verdict kinder; a narrower
``I`` nested in a wider one is never less decisive) and depends only on numbers: the same band,
estimate and interval give the same verdict whatever the interval is called.

Bands of rates in percent per year ("fell 70% a year") are widened on the scale of the factor
(70% a year is 3.3x a year), not of the percentage. The claim's ``stronger`` field says which
direction is more dramatic. Verdicts are only ever produced by :func:`verdict`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

SUPPORTED = "supported"
OVERSTATED = "overstated"
UNDERSTATED = "understated"
INCONCLUSIVE = "inconclusive"
NOT_TESTABLE = "not testable"
NO_INDEPENDENT = "no independent test"
FORECAST_MET = "forecast met"
FORECAST_MISSED = "forecast missed"
PENDING = "pending"
VERDICTS = (SUPPORTED, OVERSTATED, UNDERSTATED, INCONCLUSIVE, FORECAST_MET, FORECAST_MISSED,
            PENDING, NO_INDEPENDENT, NOT_TESTABLE)
REPRODUCES = "reproduces"
DOES_NOT_REPRODUCE = "does not reproduce"
BOUNDS = ("more_than", "at_least")
KINDS = ("fold change", "rate per year", "doubling time", "price", "forecast", "arithmetic", "ratio")
CLAIM_TYPES = ("fact", "fold change", "rate", "forecast", "price tag", "arithmetic")
TOLERANCES = ("rounding", "approx", "bound", "range")
EVIDENCE = ("independent", "claimant only")
INTERVALS = ("95% CI", "95% bootstrap CI", "rounding range", "measurement range", "exact")

APPROX_FACTOR = 1.25  # "about / around / roughly / ~": the claimed value x/÷ this
CLOSE_FACTOR = 1.25   # the close band: the claim's band widened x/÷ this at its two-sided ends
SEED_TOLERANCE = 0.05  # bootstrap bounds may move at most 5% between seeds


def rounding_band(value: float, step: float) -> tuple[float, float]:
    """The band an exact number stands for when it is written to the nearest ``step``."""
    return value - step / 2, value + step / 2


def approx_band(value: float) -> tuple[float, float]:
    """The band of an "about" / "roughly" claim: ``value`` x/÷ :data:`APPROX_FACTOR`."""
    return value / APPROX_FACTOR, value * APPROX_FACTOR


def _float(x) -> float:
    if x is None or x == "":
        return math.nan
    return float(x)


def _is_percent_rate(unit: str) -> bool:
    """A decline stated in percent ("fell 70% a year"): compared on the scale of the factor."""
    return unit.startswith("percent decrease")


def to_factor(value: float, unit: str) -> float:
    """A value on the multiplicative scale the rule works on: a percent decline ``p`` becomes the
    fold decrease ``1 / (1 - p/100)`` (70% a year is 3.33x a year); anything else is itself."""
    if not _is_percent_rate(unit):
        return value
    if value >= 100:
        return math.inf
    return 1.0 / (1.0 - value / 100.0)


def from_factor(value: float, unit: str) -> float:
    """The inverse of :func:`to_factor`."""
    if not _is_percent_rate(unit):
        return value
    if math.isinf(value):
        return 100.0
    return 100.0 * (1.0 - 1.0 / value)


@dataclass(frozen=True)
class Claim:
    """One row of the claims register (data/claims.csv)."""

    claim_id: str
    claimed_value: float
    unit: str
    kind: str
    stronger: str  # "higher" or "lower"
    short_name: str = ""
    quote: str = ""
    who: str = ""
    date: str = ""
    url: str = ""
    notebook: str = ""
    qualifier: str = ""  # approx / exact / more_than / at_least
    claim_type: str = ""
    tolerance: str = ""
    band_low: float = math.nan   # NaN = unbounded below
    band_high: float = math.nan  # NaN = unbounded above
    tolerance_reason: str = ""
    primary_reading: str = ""
    alternative_readings: str = ""
    reading_reason: str = ""
    evidence: str = ""
    reproduction_reading: str = ""
    duplicate_of: str = ""

    @property
    def is_bound(self) -> bool:
        return self.tolerance == "bound" or (not self.tolerance and self.qualifier in BOUNDS)

    @property
    def band(self) -> tuple[float, float]:
        """The tolerance band (low, high) in the claim's unit; 0 / inf where unbounded. A claim
        without a registered band falls back to the claimed value itself (or its bound)."""
        lo, hi = _float(self.band_low), _float(self.band_high)
        if math.isnan(lo) and math.isnan(hi):
            if self.is_bound:
                return (self.claimed_value, math.inf) if self.stronger == "higher" else (
                    0.0, self.claimed_value)
            return self.claimed_value, self.claimed_value
        return (0.0 if math.isnan(lo) else lo), (math.inf if math.isnan(hi) else hi)

    @property
    def close_band(self) -> tuple[float, float]:
        """The band widened x/÷ :data:`CLOSE_FACTOR` at each end that comes from rounding, a hedge
        or a stated range; a one-sided claim's threshold stays where its words put it. Percent
        declines are widened on the factor scale (:func:`to_factor`)."""
        lo, hi = self.band
        if self.is_bound:
            return lo, hi
        flo, fhi = to_factor(lo, self.unit), to_factor(hi, self.unit)
        return from_factor(flo / CLOSE_FACTOR, self.unit), from_factor(fhi * CLOSE_FACTOR, self.unit)

    def __post_init__(self):
        if self.stronger not in ("higher", "lower"):
            raise ValueError(f"claim {self.claim_id}: stronger must be 'higher' or 'lower'")
        if self.kind not in KINDS:
            raise ValueError(f"claim {self.claim_id}: kind {self.kind!r} not in {KINDS}")
        for name, allowed in (("claim_type", CLAIM_TYPES), ("tolerance", TOLERANCES),
                              ("evidence", EVIDENCE)):
            value = getattr(self, name)
            if value and value not in allowed:
                raise ValueError(f"claim {self.claim_id}: {name} {value!r} not in {allowed}")
        lo, hi = self.band
        if lo > hi:
            raise ValueError(f"claim {self.claim_id}: band_low {lo} is above band_high {hi}")


@dataclass(frozen=True)
class Estimate:
    """Our estimate for a claim, in the claim's own unit.

    ``value`` is the primary (independent) reading's estimate with its interval ``low``-``high``
    (what ``interval`` names); for a forecast, ``value`` is the value observed by the deadline.
    Exactly one of these replaces an estimate: ``not_testable`` (no public evidence can decide),
    ``no_independent`` (only the claimant's own data or arithmetic) or ``pending_reason`` (a forecast not
    yet due; ``value``/``low``/``high`` may carry the trajectory so far), each with its reason.
    ``reproduction`` is the claimant's own arithmetic or data re-done (never support).
    ``note`` says in a few words what the estimate is. ``alternatives`` holds one
    ``(label, Estimate)`` per alternative reading (robustness only; never part of the interval).
    ``seed_spread`` is the largest relative move of a bootstrap bound across seeds.
    """

    value: float = math.nan
    low: float = math.nan
    high: float = math.nan
    note: str = ""
    not_testable: str = ""
    interval: str = "95% CI"
    alternatives: tuple = field(default=())
    seed_spread: float = math.nan
    pending_reason: str = ""
    no_independent: str = ""
    reproduction: Estimate | None = None

    def __post_init__(self):
        if self.interval not in INTERVALS:
            raise ValueError(f"interval {self.interval!r} not in {INTERVALS}: ranges over analyst "
                             "choices are alternatives, not intervals")
        for item in self.alternatives:
            if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], Estimate)):
                raise ValueError("alternatives are (label, Estimate) pairs")
        if sum(bool(x) for x in (self.not_testable, self.pending_reason, self.no_independent)) > 1:
            raise ValueError("an estimate is at most one of not testable, pending and no "
                             "independent test")
        if self.reproduction is not None and not isinstance(self.reproduction, Estimate):
            raise ValueError("reproduction is an Estimate")

    @property
    def decided(self) -> bool:
        """True when the estimate carries a number that the rule can judge."""
        return not (self.not_testable or self.pending_reason or self.no_independent)

    @property
    def reason(self) -> str:
        """Why there is no verdict on a number (empty when there is one)."""
        return self.not_testable or self.no_independent or self.pending_reason

    @classmethod
    def untestable(cls, reason: str, reproduction: Estimate | None = None) -> Estimate:
        if not reason:
            raise ValueError("a 'not testable' estimate needs its reason")
        return cls(not_testable=reason, reproduction=reproduction)

    @classmethod
    def reproduction_only(cls, reason: str, reproduction: Estimate | None = None,
                          alternatives=()) -> Estimate:
        """No independent data: the verdict is ``no independent test``; ``reproduction`` (the
        claimant's own arithmetic re-done) still gets its reproduces / does not reproduce."""
        if not reason:
            raise ValueError("'no independent test' needs its reason")
        return cls(no_independent=reason, reproduction=reproduction,
                   alternatives=tuple(alternatives))

    @classmethod
    def pending_forecast(cls, reason: str, value: float = math.nan, low: float = math.nan,
                         high: float = math.nan, note: str = "",
                         interval: str = "95% CI") -> Estimate:
        """A forecast whose deadline has not come: ``reason`` says what would decide it; the
        value (and interval) is the trajectory so far, shown but never judged."""
        if not reason:
            raise ValueError("a pending forecast needs what would decide it")
        return cls(float(value), float(low), float(high), note, interval=interval,
                   pending_reason=reason)

    @classmethod
    def pending(cls, *args, **kwargs) -> Estimate:
        """The same as :meth:`pending_forecast`."""
        return cls.pending_forecast(*args, **kwargs)

    @classmethod
    def from_interval(cls, interval, note: str = "", kind: str = "95% CI",
                      alternatives=(), reproduction: Estimate | None = None) -> Estimate:
        value, low, high = interval
        return cls(float(value), float(low), float(high), note, interval=kind,
                   alternatives=tuple(alternatives), reproduction=reproduction)

    @classmethod
    def exact(cls, value: float, note: str = "", alternatives=(),
              reproduction: Estimate | None = None) -> Estimate:
        """Arithmetic on the claim's own stated inputs: no sampling variation, no measurement
        range. Anything resting on a chosen SKU, clock, price or utilisation is a measurement
        range instead."""
        v = float(value)
        return cls(v, v, v, note, interval="exact", alternatives=tuple(alternatives),
                   reproduction=reproduction)

    def with_alternatives(self, alternatives) -> Estimate:
        from dataclasses import replace

        return replace(self, alternatives=tuple(alternatives))

    def with_reproduction(self, reproduction: Estimate) -> Estimate:
        from dataclasses import replace

        return replace(self, reproduction=reproduction)


def _position(claim: Claim, low: float, high: float) -> str:
    """Where the interval ``[low, high]`` lies against the close band: ``inside``, ``below``,
    ``above`` or ``straddles``."""
    c_lo, c_hi = claim.close_band
    if c_lo <= low and high <= c_hi:
        return "inside"
    if high < c_lo:
        return "below"
    if low > c_hi:
        return "above"
    return "straddles"


def verdict(claim: Claim, estimate: Estimate) -> str:
    """The verdict on ``claim`` given ``estimate`` (see the module docstring for the rule)."""
    if estimate.not_testable:
        return NOT_TESTABLE
    if estimate.no_independent:
        return NO_INDEPENDENT
    if estimate.pending_reason:
        return PENDING
    higher = claim.stronger == "higher"
    if claim.kind == "forecast":
        observed = estimate.value
        if math.isnan(observed):
            raise ValueError(f"claim {claim.claim_id}: a forecast needs an observed value")
        c_lo, c_hi = claim.close_band
        reached = observed >= c_lo if higher else observed <= c_hi
        return FORECAST_MET if reached else FORECAST_MISSED
    low, high, value = estimate.low, estimate.high, estimate.value
    if any(math.isnan(v) for v in (low, high, value)) or low > high:
        raise ValueError(
            f"claim {claim.claim_id}: the estimate needs an interval low <= high, got {low}..{high}"
        )
    where = _position(claim, low, high)
    if where == "inside":
        return SUPPORTED
    if where == "below":
        return OVERSTATED if higher else UNDERSTATED
    if where == "above":
        return UNDERSTATED if higher else OVERSTATED
    return INCONCLUSIVE


def why(claim: Claim, estimate: Estimate) -> str:
    """The branch of the rule that gave the verdict, in a few words (for the scorecard)."""
    v = verdict(claim, estimate)
    if v in (NOT_TESTABLE, NO_INDEPENDENT, PENDING):
        return estimate.reason
    if claim.kind == "forecast":
        return "observed value reached the band by the deadline" if v == FORECAST_MET else (
            "observed value had not reached the band by the deadline")
    band_lo, band_hi = claim.band
    if band_lo <= estimate.low and estimate.high <= band_hi:
        return "interval inside the claim's band"
    if v == SUPPORTED:
        return (f"interval inside the band widened x/÷{CLOSE_FACTOR:g} (a near miss)"
                if not claim.is_bound else "interval beyond the claim's threshold")
    if v in (OVERSTATED, UNDERSTATED):
        return (f"whole interval beyond the band widened x/÷{CLOSE_FACTOR:g}"
                if not claim.is_bound else "whole interval on the wrong side of the threshold")
    return "interval straddles an edge of the " + (
        f"band widened x/÷{CLOSE_FACTOR:g}" if not claim.is_bound else "threshold")


def reproduction(claim: Claim, estimate: Estimate) -> str:
    """``reproduces`` / ``does not reproduce`` / ``""``: whether the claimant's own arithmetic or
    data, re-done (``estimate.reproduction``), give the claimed number by the same rule."""
    rep = estimate.reproduction
    if rep is None or not rep.decided:
        return ""
    return REPRODUCES if verdict(claim, rep) in (SUPPORTED, FORECAST_MET) else DOES_NOT_REPRODUCE


def robustness(claim: Claim, estimate: Estimate) -> tuple[str, int, int]:
    """(``robust`` / ``reading-dependent`` / ``single reading``, readings agreeing with the
    primary verdict, alternative readings): every alternative reading's verdict by the same rule."""
    if not estimate.decided or not estimate.alternatives:
        return "single reading", 0, 0
    primary = verdict(claim, estimate)
    agree = sum(verdict(claim, alt) == primary for _, alt in estimate.alternatives)
    n = len(estimate.alternatives)
    return ("robust" if agree == n else "reading-dependent"), agree, n


def magnitude(claim: Claim, estimate: Estimate) -> float:
    """How much more dramatic the claim is than our estimate: above 1 the claim is more dramatic,
    below 1 less (1 = it matches). Rates per year compare log factors (10x a year against 3x a
    year is 2.1, not 3.3); doubling times compare our time with the claimed one; other values
    are the ratio oriented by the claim's ``stronger`` side. NaN without a judged estimate and
    for one-sided claims (a threshold has no size to compare)."""
    if not estimate.decided or claim.is_bound or math.isnan(estimate.value):
        return math.nan
    claimed, ours = claim.claimed_value, estimate.value
    if claim.kind == "rate per year" or (claim.kind == "forecast"
                                         and "per year" in claim.unit):
        c, o = to_factor(claimed, claim.unit), to_factor(ours, claim.unit)
        if c <= 0 or o <= 0:
            return math.nan
        lc, lo = math.log(c), math.log(o)
        if claim.stronger == "lower":
            lc, lo = -lc, -lo
        return lc / lo if lo > 0 else math.nan
    if claimed <= 0 or ours <= 0:
        return math.nan
    return claimed / ours if claim.stronger == "higher" else ours / claimed


TEXT_FIELDS = ("short_name", "quote", "who", "url", "notebook", "qualifier", "claim_type",
               "tolerance", "tolerance_reason", "primary_reading", "alternative_readings",
               "reading_reason", "evidence", "reproduction_reading", "duplicate_of")


def register() -> dict[str, Claim]:
    """Every claim in data/claims.csv, by id."""
    import pandas as pd

    from aicost.data import load

    table = load("claims")
    out = {}
    for row in table.to_dict("records"):
        text = {k: ("" if row.get(k) is None or (isinstance(row.get(k), float)
                                                  and math.isnan(row[k])) else str(row[k]))
                for k in TEXT_FIELDS}
        out[row["claim_id"]] = Claim(
            claim_id=row["claim_id"],
            claimed_value=float(row["claimed_value"]),
            unit=row["unit"],
            kind=row["kind"],
            stronger=row["stronger"],
            date="" if pd.isna(row.get("date")) else str(row["date"].date()),
            band_low=_float(None if pd.isna(row.get("band_low")) else row.get("band_low")),
            band_high=_float(None if pd.isna(row.get("band_high")) else row.get("band_high")),
            **text,
        )
    return out
