"""Claims and the one rule that turns a claim and our estimate into a verdict.

What a claim's words commit to is written in the register (``data/claims.csv``) before any number
is computed: its **tolerance band** in the claim's own unit (``band_low`` .. ``band_high``):

- an exact number (``tolerance = rounding``): the band is its rounding ("223" is 222.5 to 223.5);
- "about", "around", "roughly", "~" (``approx``): the claimed value times or divided by
  :data:`APPROX_FACTOR` (1.25; "roughly 10x a year" is 8 to 12.5);
- "more than", "over", "at least", "in the millions" (``bound``): one-sided;
- a stated range (``range``): that range.

The register also names the **primary reading** (the one analysis that matches the words); only
it decides the verdict. Alternative readings are computed too, each with its own verdict, and
give the robustness column; they never widen the interval.

Our **interval** ``[low, high]`` is a 95% interval of the primary estimate where there is sampling
variation, or the rounding / measurement range where there is none (``Estimate.interval`` says
which). ``value`` is the primary estimate. With the band ``B`` and the interval ``I``:

- ``not testable``: we have no estimate; the reason is always stated.
- Forecasts (``kind == "forecast"``): ``forecast met`` if the value observed by the deadline reached
  the band (lies in it or beyond it in the claim's direction), else ``forecast missed``.
- ``supported`` if ``I`` lies inside ``B``; or if ``I`` overlaps ``B``, the estimate lies within
  ``B`` widened by :data:`CLOSE_FACTOR` (x/÷1.25), and ``I`` is informative: ``high / low`` is at
  most :data:`MAX_WIDTH` (4).
- ``overstated`` if the whole of ``I`` lies on the weak side of ``B`` (the claim is more dramatic
  than anything the data allow); ``understated`` if the whole of ``I`` lies beyond ``B`` on the
  strong side (the data are more dramatic than the claim).
- ``inconclusive`` otherwise: ``I`` overlaps ``B`` but is too wide to say anything, or the
  estimate itself is far from the claim.

The claim's ``stronger`` field says which direction is more dramatic (a larger fold drop, a
shorter doubling time). Verdicts are only ever produced by :func:`verdict`; nothing types one in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

SUPPORTED = "supported"
OVERSTATED = "overstated"
UNDERSTATED = "understated"
INCONCLUSIVE = "inconclusive"
NOT_TESTABLE = "not testable"
FORECAST_MET = "forecast met"
FORECAST_MISSED = "forecast missed"
VERDICTS = (SUPPORTED, OVERSTATED, UNDERSTATED, INCONCLUSIVE, NOT_TESTABLE, FORECAST_MET,
            FORECAST_MISSED)
BOUNDS = ("more_than", "at_least")
KINDS = ("fold change", "rate per year", "doubling time", "price", "forecast", "arithmetic", "ratio")
CLAIM_TYPES = ("fact", "fold change", "rate", "forecast", "price tag", "arithmetic")
TOLERANCES = ("rounding", "approx", "bound", "range")
EVIDENCE = ("independent", "reproduced", "arithmetic")
INTERVALS = ("95% CI", "95% bootstrap CI", "rounding range", "measurement range", "exact")

APPROX_FACTOR = 1.25  # "about / around / roughly / ~": the claimed value x/÷ this
CLOSE_FACTOR = 1.25   # "supported" needs the estimate within the band widened by this factor
MAX_WIDTH = 4.0       # ... and an interval spanning at most this factor (high / low)
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

    ``value`` is the primary reading's estimate with its interval ``low``-``high`` (what
    ``interval`` names: a 95% CI where there is sampling variation, else the rounding or
    measurement range, or ``exact``); for a forecast, ``value`` is the value observed by the
    deadline. ``not_testable`` carries the reason when there is no estimate. ``note`` says in a
    few words what the estimate is. ``alternatives`` holds one ``(label, Estimate)`` per
    alternative reading (robustness only; never part of the interval). ``seed_spread`` is the
    largest relative move of a bootstrap bound across seeds (NaN without a bootstrap).
    """

    value: float = math.nan
    low: float = math.nan
    high: float = math.nan
    note: str = ""
    not_testable: str = ""
    interval: str = "95% CI"
    alternatives: tuple = field(default=())
    seed_spread: float = math.nan

    def __post_init__(self):
        if self.interval not in INTERVALS:
            raise ValueError(f"interval {self.interval!r} not in {INTERVALS}: ranges over analyst "
                             "choices are alternatives, not intervals")
        for item in self.alternatives:
            if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], Estimate)):
                raise ValueError("alternatives are (label, Estimate) pairs")

    @classmethod
    def untestable(cls, reason: str) -> Estimate:
        if not reason:
            raise ValueError("a 'not testable' estimate needs its reason")
        return cls(not_testable=reason)

    @classmethod
    def from_interval(cls, interval, note: str = "", kind: str = "95% CI",
                      alternatives=()) -> Estimate:
        value, low, high = interval
        return cls(float(value), float(low), float(high), note, interval=kind,
                   alternatives=tuple(alternatives))

    @classmethod
    def exact(cls, value: float, note: str = "", alternatives=()) -> Estimate:
        """A value with no sampling variation and no measurement range (e.g. a ratio of two
        published numbers)."""
        v = float(value)
        return cls(v, v, v, note, interval="exact", alternatives=tuple(alternatives))

    def with_alternatives(self, alternatives) -> Estimate:
        from dataclasses import replace

        return replace(self, alternatives=tuple(alternatives))


def verdict(claim: Claim, estimate: Estimate) -> str:
    """The verdict on ``claim`` given ``estimate`` (see the module docstring for the rule)."""
    if estimate.not_testable:
        return NOT_TESTABLE
    higher = claim.stronger == "higher"
    band_lo, band_hi = claim.band
    if claim.kind == "forecast":
        observed = estimate.value
        if math.isnan(observed):
            raise ValueError(f"claim {claim.claim_id}: a forecast needs an observed value")
        reached = observed >= band_lo if higher else observed <= band_hi
        return FORECAST_MET if reached else FORECAST_MISSED
    low, high, value = estimate.low, estimate.high, estimate.value
    if any(math.isnan(v) for v in (low, high, value)) or low > high:
        raise ValueError(
            f"claim {claim.claim_id}: the estimate needs an interval low <= high, got {low}..{high}"
        )
    if band_lo <= low and high <= band_hi:
        return SUPPORTED
    if high < band_lo:  # the whole interval below the band
        return OVERSTATED if higher else UNDERSTATED
    if low > band_hi:   # the whole interval above the band
        return UNDERSTATED if higher else OVERSTATED
    close = band_lo / CLOSE_FACTOR <= value <= band_hi * CLOSE_FACTOR
    informative = low > 0 and high / low <= MAX_WIDTH
    return SUPPORTED if close and informative else INCONCLUSIVE


def why(claim: Claim, estimate: Estimate) -> str:
    """The branch of the rule that gave the verdict, in a few words (for the scorecard)."""
    v = verdict(claim, estimate)
    if v == NOT_TESTABLE:
        return estimate.not_testable
    if claim.kind == "forecast":
        return "observed value reached the band by the deadline" if v == FORECAST_MET else (
            "observed value had not reached the band by the deadline")
    band_lo, band_hi = claim.band
    if band_lo <= estimate.low and estimate.high <= band_hi:
        return "interval inside the claim's band"
    if v in (OVERSTATED, UNDERSTATED):
        return "whole interval beyond the claim's band"
    if v == SUPPORTED:
        return "interval overlaps the band; estimate close to it and interval informative"
    if not (estimate.low > 0 and estimate.high / estimate.low <= MAX_WIDTH):
        return f"interval overlaps the band but spans more than a factor {MAX_WIDTH:g}"
    return f"interval overlaps the band but the estimate is more than x{CLOSE_FACTOR:g} from it"


def robustness(claim: Claim, estimate: Estimate) -> tuple[str, int, int]:
    """(``robust`` / ``reading-dependent`` / ``single reading``, readings agreeing with the
    primary verdict, alternative readings): every alternative reading's verdict by the same rule."""
    if estimate.not_testable or not estimate.alternatives:
        return "single reading", 0, 0
    primary = verdict(claim, estimate)
    agree = sum(verdict(claim, alt) == primary for _, alt in estimate.alternatives)
    n = len(estimate.alternatives)
    return ("robust" if agree == n else "reading-dependent"), agree, n


def magnitude(claim: Claim, estimate: Estimate) -> float:
    """Claimed value / our estimate (NaN when not testable): 1 = the claim matches; 10 = the
    claimed number is ten times ours."""
    if estimate.not_testable or not estimate.value or math.isnan(estimate.value):
        return math.nan
    return claim.claimed_value / estimate.value


TEXT_FIELDS = ("short_name", "quote", "who", "url", "notebook", "qualifier", "claim_type",
               "tolerance", "tolerance_reason", "primary_reading", "alternative_readings",
               "reading_reason", "evidence")


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
