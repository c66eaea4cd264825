"""Moore's law measured: the doubling time of microprocessor transistor counts.

Shared by the notebooks that compare AI trends with Moore's law (02, 06). ``moore_trend`` fits
``log10(transistors)`` on the year over a window, either on all chips or on the record-setting
chips only (the largest count so far), with OLS or a bootstrap interval.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aicost import cache
from aicost.data import load
from aicost.trends import Trend, bootstrap_trend, fit_trend, frontier


@cache.memo(maxsize=4)
def transistors(dataset: str = "wikipedia") -> pd.DataFrame:
    """Transistor counts of one dataset (``wikipedia`` chips or ``rupp_50yrs`` points), with
    ``x`` = decimal year (the middle of the year where only the year is known)."""
    table = load("transistor_counts")
    sel = table[table["dataset"] == dataset].copy()
    if sel.empty:
        raise LookupError(f"no transistor counts for dataset {dataset!r}")
    sel["x"] = sel["year_decimal"].astype(float)
    sel["x"] = sel["x"].where(sel["x"].notna(), sel["year"].astype(float) + 0.5)
    return sel.sort_values(["x", "record"]).reset_index(drop=True)


def moore_window(start: float | None = None, end: float | None = None,
                 dataset: str = "wikipedia", records_only: bool = False) -> pd.DataFrame:
    """The chips in ``[start, end]`` (years, inclusive of the whole end year); optionally only
    those that set a record for the largest count within the window."""
    t = transistors(dataset)
    lo = -np.inf if start is None else float(start)
    hi = np.inf if end is None else float(end) + 1.0
    sel = t[(t["x"] >= lo) & (t["x"] < hi)]
    if records_only:
        sel = sel[frontier(sel["x"].to_numpy(), sel["transistor_count"].to_numpy(), "max")]
    return sel


def moore_trend(start: float | None = None, end: float | None = None, *,
                dataset: str = "wikipedia", records_only: bool = False,
                bootstrap: bool = False, seed: int | None = None,
                n_boot: int | None = None) -> Trend:
    """Log-linear trend of transistor counts over ``[start, end]``.

    ``records_only`` fits the record chips; with ``bootstrap`` the interval comes from resampling
    the chips of the window (re-selecting records in each replicate when ``records_only``).
    """
    window = moore_window(start, end, dataset)
    x = window["x"].to_numpy()
    y = window["transistor_count"].to_numpy(dtype=float)
    if bootstrap:
        kwargs = {} if seed is None else {"seed": seed}
        if n_boot is not None:
            kwargs["n_boot"] = n_boot
        return bootstrap_trend(x, y, frontier_kind="max" if records_only else None, **kwargs)
    if records_only:
        mask = frontier(x, y, "max")
        x, y = x[mask], y[mask]
    return fit_trend(x, y)
