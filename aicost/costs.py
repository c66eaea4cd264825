"""Dollars: cost from accelerator-hours or from FLOP, price look-up in a date window, inflation.

One place for every conversion, so the notebooks cannot price the same thing two ways.

- ``cost_from_hours(hours, count, price_per_accelerator_hour)``: wall-clock hours x accelerators x
  price (or ``hours x instance price`` with ``count=1``).
- ``cost_from_flop(flop, peak_flops, utilisation, price_per_accelerator_hour)``:
  ``flop / (peak x utilisation) / 3600`` accelerator-hours x price.
- ``price_range(prices, accelerator, date, window_days, not_after=None)``: low / median / high
  on-demand price per accelerator-hour within +-window of a date, from the ``cloud_prices`` table;
  ``not_after`` drops every price dated after it (no look-ahead: a run priced only with prices
  that existed by its date).
- ``to_constant_dollars(usd, year, base_year)``: CPI-U annual averages from ``price_index``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from aicost.trends import Interval

SECONDS_PER_HOUR = 3600.0


def _positive(name: str, value) -> np.ndarray:
    arr = np.asarray(value, dtype=float)
    if np.any(~np.isfinite(arr)) or np.any(arr <= 0):
        raise ValueError(f"{name} must be positive and finite, got {value!r}")
    return arr


def cost_from_hours(hours, count, price_per_accelerator_hour):
    """Cost in USD of ``hours`` of wall-clock time on ``count`` accelerators at a price each."""
    h = _positive("hours", hours)
    c = _positive("count", count)
    p = _positive("price_per_accelerator_hour", price_per_accelerator_hour)
    out = h * c * p
    return float(out) if out.ndim == 0 else out


def accelerator_hours_from_flop(flop, peak_flops, utilisation):
    """Accelerator-hours to perform ``flop`` at ``utilisation`` (0-1] of ``peak_flops`` FLOP/s."""
    u = np.asarray(utilisation, dtype=float)
    if np.any(u <= 0) or np.any(u > 1):
        raise ValueError(f"utilisation must be in (0, 1], got {utilisation!r}")
    out = _positive("flop", flop) / (_positive("peak_flops", peak_flops) * u) / SECONDS_PER_HOUR
    return float(out) if out.ndim == 0 else out


def cost_from_flop(flop, peak_flops, utilisation, price_per_accelerator_hour):
    """Cost in USD of ``flop`` on accelerators of ``peak_flops`` at ``utilisation`` and a price."""
    hours = accelerator_hours_from_flop(flop, peak_flops, utilisation)
    out = np.asarray(hours) * _positive("price_per_accelerator_hour", price_per_accelerator_hour)
    return float(out) if out.ndim == 0 else out


def price_window(date, window_days: int, not_after=None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates a price may carry to price something done on ``date``: within +-``window_days``
    and never after ``not_after`` (when given)."""
    when = pd.Timestamp(date)
    lo, hi = when - pd.Timedelta(days=window_days), when + pd.Timedelta(days=window_days)
    if not_after is not None:
        hi = min(hi, pd.Timestamp(not_after))
    return lo, hi


@dataclass(frozen=True)
class PriceRange:
    """On-demand prices per accelerator-hour found in a window: low, median, high, and count."""

    accelerator: str
    low: float
    median: float
    high: float
    n: int
    window: str

    def interval(self) -> Interval:
        return Interval(self.median, self.low, self.high)


def price_range(
    prices: pd.DataFrame,
    accelerator: str,
    date,
    window_days: int = 365,
    *,
    kinds: tuple[str, ...] | None = None,
    not_after=None,
    variants: tuple[str, ...] | None = None,
) -> PriceRange:
    """Low / median / high on-demand price of ``accelerator`` within +-``window_days`` of ``date``.

    ``prices`` is ``aicost.load("cloud_prices")``. ``not_after`` (a date) drops every price dated
    after it: a run is priced only with prices that existed by then (no look-ahead; pass the
    run's own date, or the end of the period being costed). ``variants`` keeps only rows whose
    ``accelerator_variant`` is one of them (e.g. the SXM form of a chip sold as SXM and PCIe).
    Raises ``LookupError`` naming the
    accelerator, date and window when no price is found, rather than guessing.
    """
    when = pd.Timestamp(date)
    lo, hi = price_window(when, window_days, not_after)
    sel = prices[
        (prices["accelerator"] == accelerator)
        & prices["price_per_accelerator_hour_usd"].notna()
        & (prices["date"] >= lo)
        & (prices["date"] <= hi)
    ]
    if kinds is not None:
        sel = sel[sel["price_kind"].isin(kinds)]
    if variants is not None:
        sel = sel[sel["accelerator_variant"].isin(variants)]
    label = f"{lo.date()} to {hi.date()}"
    if sel.empty:
        raise LookupError(f"no on-demand price for {accelerator} between {label}")
    v = sel["price_per_accelerator_hour_usd"].to_numpy(dtype=float)
    return PriceRange(accelerator, float(v.min()), float(np.median(v)), float(v.max()), len(v), label)


def latest_price(prices: pd.DataFrame, accelerator: str, date, kind: str = "list price") -> float:
    """The most recent price of ``kind`` per accelerator-hour of ``accelerator`` dated on or before
    ``date`` (never after it); where that date has several rows (regions), the lowest."""
    sel = prices[(prices["accelerator"] == accelerator) & (prices["price_kind"] == kind)
                 & prices["price_per_accelerator_hour_usd"].notna()
                 & (prices["date"] <= pd.Timestamp(date))]
    if sel.empty:
        raise LookupError(f"no {kind} for {accelerator} on or before {pd.Timestamp(date).date()}")
    latest = sel[sel["date"] == sel["date"].max()]
    return float(latest["price_per_accelerator_hour_usd"].min())


def first_price(prices: pd.DataFrame, accelerator: str,
                kinds: tuple[str, ...] | None = None) -> tuple[pd.Timestamp, float]:
    """(date, median price per accelerator-hour) of the earliest dated price of ``accelerator``:
    for pricing work done before any rental price existed (the caller must say so)."""
    sel = prices[(prices["accelerator"] == accelerator)
                 & prices["price_per_accelerator_hour_usd"].notna()]
    if kinds is not None:
        sel = sel[sel["price_kind"].isin(kinds)]
    if sel.empty:
        raise LookupError(f"no price for {accelerator}")
    first = sel[sel["date"] == sel["date"].min()]
    return first["date"].iloc[0], float(first["price_per_accelerator_hour_usd"].median())


def deflator(price_index: pd.DataFrame, base_year: int, index: str = "CPI-U") -> pd.Series:
    """Multiplier per year that turns nominal dollars of that year into ``base_year`` dollars."""
    cpi = price_index[price_index["index"] == index].set_index("year")["value"].astype(float)
    if base_year not in cpi.index:
        raise LookupError(f"{index} has no annual value for {base_year}")
    return cpi[base_year] / cpi


def to_constant_dollars(usd, year, base_year: int, price_index: pd.DataFrame, index: str = "CPI-U"):
    """Nominal ``usd`` spent in ``year`` expressed in dollars of ``base_year`` (CPI-U by default)."""
    factors = deflator(price_index, base_year, index)
    years = np.atleast_1d(np.asarray(year, dtype=int))
    missing = sorted(set(years.tolist()) - set(factors.index.astype(int).tolist()))
    if missing:
        raise LookupError(f"{index} has no annual value for {missing}")
    out = np.asarray(usd, dtype=float) * factors.loc[years].to_numpy()
    return float(out[0]) if np.ndim(usd) == 0 else out
