"""Dollars: cost from accelerator-hours or from FLOP, price look-up in a date window, inflation.

One place for every conversion, so the notebooks cannot price the same thing two ways.

- ``cost_from_hours(hours, count, price_per_accelerator_hour)``: wall-clock hours x accelerators x
  price (or ``hours x instance price`` with ``count=1``).
- ``cost_from_flop(flop, peak_flops, utilisation, price_per_accelerator_hour)``:
  ``flop / (peak x utilisation) / 3600`` accelerator-hours x price.
- ``price_ranges(prices, accelerators, dates, window_days, not_after=None)``: low / median / high
  on-demand price per accelerator-hour within +-window of each date, from the ``cloud_prices``
  table, for many results in one pass; ``not_after`` drops every price dated after it (no
  look-ahead: a run priced only with prices that existed by its date). ``price_range`` is the
  same look-up for one result.
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


def price_ranges(
    prices: pd.DataFrame,
    accelerators,
    dates,
    window_days: int = 365,
    *,
    kinds: tuple[str, ...] | None = None,
    not_after=None,
    with_values: bool = False,
    variants: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """The one price look-up, for many results at once: for each ``accelerators[i]`` and
    ``dates[i]``, the low / median / high on-demand price per accelerator-hour dated within
    +-``window_days`` of the date (and never after ``not_after``, a date or one date per row).

    Returns one row per query, in order (index 0..n-1): ``low``, ``median``, ``high``, ``n`` (0
    and NaN prices where none was found), ``window`` (the dates searched, as text) and, with
    ``with_values``, ``values``: the prices found, sorted ascending. The median is the one
    ``numpy.median`` gives (the middle price, or the mean of the two middle ones).
    """
    acc = np.asarray(list(accelerators), dtype=object)
    lo, hi = _window_bounds(dates, window_days, not_after, len(acc))
    sel = prices[prices["price_per_accelerator_hour_usd"].notna()]
    if kinds is not None:
        sel = sel[sel["price_kind"].isin(kinds)]
    if variants is not None:  # e.g. the SXM form of a chip sold as SXM and PCIe
        sel = sel[sel["accelerator_variant"].isin(variants)]
    p_acc = sel["accelerator"].to_numpy(dtype=object)
    p_date = sel["date"].to_numpy(dtype="datetime64[ns]")
    p_val = sel["price_per_accelerator_hour_usd"].to_numpy(dtype=float)
    low, median, high = (np.full(len(acc), np.nan) for _ in range(3))
    n = np.zeros(len(acc), dtype=int)
    values: list[tuple[float, ...]] = [()] * len(acc)
    for key in set(acc.tolist()):
        rows = np.flatnonzero(acc == key)
        mine = p_acc == key
        order = np.argsort(p_val[mine], kind="stable")
        v, d = p_val[mine][order], p_date[mine][order]
        # inside[i, j]: price j (ascending) is in query i's window
        inside = (d >= lo[rows, None]) & (d <= hi[rows, None])
        k = inside.sum(axis=1)
        rank = inside.cumsum(axis=1)
        n[rows] = k

        def nth(j, rank=rank, v=v):  # the j-th smallest price in each window (0-based)
            return v[np.minimum((rank <= j[:, None]).sum(axis=1), len(v) - 1)] if len(v) else j * np.nan

        has = k > 0
        low[rows] = np.where(has, nth(np.zeros_like(k)), np.nan)
        high[rows] = np.where(has, nth(np.maximum(k - 1, 0)), np.nan)
        a, b = nth(np.maximum((k - 1) // 2, 0)), nth(k // 2)
        median[rows] = np.where(has, np.where(k % 2 == 1, b, (a + b) / 2), np.nan)
        if with_values:
            for i, row in enumerate(rows):
                values[row] = tuple(float(x) for x in v[inside[i]])
    out = pd.DataFrame({"low": low, "median": median, "high": high, "n": n,
                        "window": [f"{a} to {b}" for a, b in zip(
                            np.datetime_as_string(lo, unit="D"),
                            np.datetime_as_string(hi, unit="D"), strict=True)]})
    if with_values:
        out["values"] = values
    return out


def _window_bounds(dates, window_days: int, not_after, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Per query: the first and last date (datetime64[ns]) a price may carry: +-``window_days``
    around the date, and never after ``not_after`` (a date, or one per query)."""
    when = _datetimes(dates)
    span = np.timedelta64(int(window_days), "D")
    lo, hi = when - span, when + span
    if not_after is not None:
        cut = _datetimes(not_after if np.ndim(not_after) else [not_after] * count)
        hi = np.where(cut < hi, cut, hi)
    return lo, hi


def _datetimes(values) -> np.ndarray:
    """Dates (a column, an array or a list of anything pandas parses) as ``datetime64[ns]``; a
    column or array that already holds dates is taken as it is (turning each into a Timestamp
    and back costs milliseconds a call)."""
    if isinstance(values, (pd.Series, pd.Index, np.ndarray)) and values.dtype.kind == "M":
        return np.asarray(values, dtype="datetime64[ns]")
    return pd.to_datetime(pd.Index(list(values), dtype=object)).to_numpy(dtype="datetime64[ns]")


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
    """Low / median / high on-demand price of ``accelerator`` within +-``window_days`` of ``date``
    (:func:`price_ranges` for one result).

    ``prices`` is ``aicost.load("cloud_prices")``. ``not_after`` (a date) drops every price dated
    after it: a run is priced only with prices that existed by then (no look-ahead; pass the
    run's own date, or the end of the period being costed). ``variants`` keeps only rows whose
    ``accelerator_variant`` is one of them (e.g. the SXM form of a chip sold as SXM and PCIe).
    Raises ``LookupError`` naming the
    accelerator, date and window when no price is found, rather than guessing.
    """
    r = price_ranges(prices, [accelerator], [date], window_days, kinds=kinds,
                     not_after=None if not_after is None else [not_after],
                     variants=variants).iloc[0]
    if r["n"] == 0:
        raise LookupError(f"no on-demand price for {accelerator} between {r['window']}")
    return PriceRange(accelerator, float(r["low"]), float(r["median"]), float(r["high"]),
                      int(r["n"]), r["window"])


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
