"""Log-linear trends: ``log10(y) = a + b * year``, record frontiers and bootstrap intervals.

A trend fitted to positive values ``y`` at dates ``t`` (decimal years) gives

- the annual factor ``10**b`` and the percent change per year ``100 * (10**b - 1)``,
- the doubling time ``12 * log10(2) / b`` months (growth) or halving time (decline),
- the fold change over any interval ``10**(b * dt)``, and predictions of the fitted line,

each with a 95% interval obtained by transforming the interval of ``b`` (all of these are
monotone in ``b``). Two ways to get that interval:

- :func:`fit_trend`: ordinary least squares (statsmodels) with the t distribution. Honest for
  independent scatter around a line; too narrow for selected points such as records.
- :func:`bootstrap_trend`: resample the underlying entries with replacement (seeded, vectorised),
  re-select the record frontier in every replicate and refit; percentile interval. This carries the
  selection of record points into the interval, which OLS on the frontier cannot.

Neither interval covers measurement error in the values, a wrong choice of what counts as an
entry, or the choice of window; the notebooks test those separately.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from aicost import settings

LOG10_2 = math.log10(2.0)
# The bootstrap seed. ``AICOST_SEED`` overrides it for the seed-stability test
# (tests/test_seed_stability.py), which checks that no reported bound depends on it; it is read
# and checked once, in aicost.settings (a bad value: one message, exit status 1).
DEFAULT_SEED = settings.seed_at_import()
DEFAULT_BOOT = 2000


@dataclass(frozen=True)
class Interval:
    """A point estimate with a (1 - alpha) interval, ``low <= value <= high`` (NaN if unknown)."""

    value: float
    low: float
    high: float
    level: float = 0.95

    def map(self, fn) -> Interval:
        """Apply a monotone function to all three numbers (the bounds are re-ordered)."""
        a, b = fn(self.low), fn(self.high)
        return Interval(fn(self.value), min(a, b), max(a, b), self.level)

    def contains(self, x: float) -> bool:
        return bool(self.low <= x <= self.high)

    def __iter__(self):
        return iter((self.value, self.low, self.high))



def stated_range(factors, divisors=()) -> Interval:
    """A product of stated numbers with the range their rounding allows: ``factors`` and
    ``divisors`` are ``(value, step)`` pairs, ``step`` the unit of the number's last stated digit
    (0 for an exact count, or a price taken as published). The value is the product of the
    values; the range takes each number at the end of its rounding (+-step/2) that moves the
    product down, then up. A measurement range, not a confidence interval."""
    value = low = high = 1.0
    for v, step in factors:
        value, low, high = value * v, low * (v - step / 2), high * (v + step / 2)
    for v, step in divisors:
        if v - step / 2 <= 0:
            raise ValueError(f"divisor {v} with step {step} reaches zero")
        value, low, high = value / v, low / (v + step / 2), high / (v - step / 2)
    return Interval(value, low, high)

def decimal_year(dates) -> np.ndarray:
    """Dates (anything pandas parses) as decimal years, e.g. 2019-07-02 -> 2019.5."""
    d = pd.to_datetime(pd.Series(dates)).reset_index(drop=True)
    if d.isna().any():
        raise ValueError(f"{int(d.isna().sum())} missing date(s): a trend needs every date")
    years = d.dt.year
    year = years.to_numpy(dtype=float)
    # 1 January of the year and of the next, as pandas parses "YYYY-01-01" (same resolution),
    # built from the year numbers rather than parsed from text (several times faster)
    first = years.to_numpy(dtype=np.int64) - 1970
    unit = _new_year_dtype()
    start = pd.Series(first.astype("datetime64[Y]").astype(unit))
    end = pd.Series((first + 1).astype("datetime64[Y]").astype(unit))
    frac = (d - start).dt.total_seconds().to_numpy() / (end - start).dt.total_seconds().to_numpy()
    return year + frac


def _new_year_dtype():
    """The dtype pandas gives a parsed "YYYY-01-01" (its default resolution for text)."""
    if not _NEW_YEAR:
        _NEW_YEAR.append(pd.to_datetime(pd.Series(["2000-01-01"])).dtype)
    return _NEW_YEAR[0]


_NEW_YEAR: list = []


def to_date(year: float) -> pd.Timestamp:
    """Decimal year back to a timestamp (day precision)."""
    y = int(math.floor(year))
    start, end = pd.Timestamp(f"{y}-01-01"), pd.Timestamp(f"{y + 1}-01-01")
    return (start + (end - start) * (year - y)).normalize()


def _log_values(values) -> np.ndarray:
    v = np.asarray(values, dtype=float)
    bad = ~np.isfinite(v) | (v <= 0)
    if bad.any():
        raise ValueError(
            f"a log-linear trend needs positive finite values; got {v[bad][:3].tolist()} "
            f"at position(s) {np.flatnonzero(bad)[:3].tolist()}"
        )
    return np.log10(v)


@dataclass
class Trend:
    """A fitted log-linear trend. ``slope`` is in log10 units (orders of magnitude) per year."""

    slope: Interval
    intercept: float
    n: int
    method: str
    x: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    _band: object = field(repr=False, default=None)
    slope_draws: np.ndarray | None = field(repr=False, default=None)
    n_failed: int = 0

    # -- rates ---------------------------------------------------------------------------------
    def annual_factor(self) -> Interval:
        """Multiplicative change per year, ``10**b`` (e.g. 0.1 = a tenfold fall a year)."""
        return self.slope.map(lambda b: 10.0**b)

    def annual_decline_factor(self) -> Interval:
        """Fold decrease per year, ``10**-b`` (e.g. 10 = ten times cheaper each year)."""
        return self.slope.map(lambda b: 10.0 ** (-b))

    def percent_per_year(self) -> Interval:
        """Percent change per year, ``100 (10**b - 1)``: -70 means a 70% decline a year."""
        return self.slope.map(lambda b: 100.0 * (10.0**b - 1.0))

    def doubling_months(self) -> Interval:
        """Months for the fitted value to double (inf where the interval admits no growth)."""
        return _time_to_factor(self.slope, +1)

    def halving_months(self) -> Interval:
        """Months for the fitted value to halve (inf where the interval admits no decline)."""
        return _time_to_factor(self.slope, -1)

    def fold_change(self, start, end) -> Interval:
        """Fitted ratio ``y(end) / y(start)`` between two dates (or decimal years)."""
        dt = _as_year(end) - _as_year(start)
        return self.slope.map(lambda b: 10.0 ** (b * dt))

    def fold_decrease(self, start, end) -> Interval:
        """Fitted ``y(start) / y(end)``: how many times smaller the value became."""
        dt = _as_year(end) - _as_year(start)
        return self.slope.map(lambda b: 10.0 ** (-b * dt))

    # -- the line ------------------------------------------------------------------------------
    def predict(self, dates) -> pd.DataFrame:
        """Fitted values with the 95% band of the line at the given dates (columns fit/low/high)."""
        xs = np.array([_as_year(d) for d in np.atleast_1d(dates)], dtype=float)
        fit = 10.0 ** (self.intercept + self.slope.value * xs)
        low, high = self._band(xs)
        return pd.DataFrame({"year": xs, "fit": fit, "low": 10.0**low, "high": 10.0**high})

    def year_reaching(self, value: float) -> Interval:
        """Decimal year at which the fitted line reaches ``value``, with an interval from the
        band of the line (the first and last years at which the band contains ``value``)."""
        target = math.log10(value)
        point = (target - self.intercept) / self.slope.value
        grid = np.linspace(self.x.min() - 30, self.x.max() + 30, 24001)
        low, high = self._band(grid)
        inside = (low <= target) & (target <= high)
        if not inside.any():
            return Interval(point, float("nan"), float("nan"))
        years = grid[inside]
        # a band that still contains the value at the edge of the grid is unbounded that way
        first = -math.inf if inside[0] else float(years.min())
        last = math.inf if inside[-1] else float(years.max())
        return Interval(point, first, last)


def _as_year(d) -> float:
    if isinstance(d, (int, float, np.floating, np.integer)):
        return float(d)
    return float(decimal_year([d])[0])


def _time_to_factor(slope: Interval, sign: int) -> Interval:
    def months(b: float) -> float:
        b = sign * b
        return 12.0 * LOG10_2 / b if b > 0 else math.inf

    point = months(slope.value)
    lo_b, hi_b = sorted((sign * slope.low, sign * slope.high))
    fast = 12.0 * LOG10_2 / hi_b if hi_b > 0 else math.inf
    slow = 12.0 * LOG10_2 / lo_b if lo_b > 0 else math.inf
    return Interval(point, fast, slow, slope.level)


def fit_trend(dates, values, *, alpha: float = 0.05) -> Trend:
    """OLS fit of ``log10(values)`` on decimal year; t-based (1 - alpha) intervals."""
    # the regression module alone: importing statsmodels.api costs a further ~0.3 s per process
    from scipy import stats
    from statsmodels.regression.linear_model import OLS

    x = decimal_year(dates) if not np.issubdtype(np.asarray(dates).dtype, np.number) else (
        np.asarray(dates, dtype=float)
    )
    y = _log_values(values)
    if len(x) < 3:
        raise ValueError(f"a trend with an interval needs at least 3 points, got {len(x)}")
    x0 = float(np.mean(x))
    model = OLS(y, np.column_stack([np.ones_like(x), x - x0])).fit()
    b_lo, b_hi = model.conf_int(alpha)[1]
    a, b = (float(v) for v in model.params)
    slope = Interval(b, float(b_lo), float(b_hi), 1 - alpha)

    # The band of the fitted line (the mean, not a new observation), in closed form so that long
    # grids are cheap: se(x) = sqrt(s2 * (1/n + (x - x0)**2 / Sxx)); the same numbers as
    # statsmodels' get_prediction(...).conf_int() (tests/test_trends.py checks it).
    s2, sxx, n = float(model.scale), float(np.sum((x - x0) ** 2)), len(x)
    tq = float(stats.t.ppf(1 - alpha / 2, model.df_resid))

    def band(xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        xs = np.asarray(xs, dtype=float)
        mean = a + b * (xs - x0)
        half = tq * np.sqrt(s2 * (1.0 / n + (xs - x0) ** 2 / sxx))
        return mean - half, mean + half

    return Trend(slope, a - b * x0, len(x), "OLS, t interval", x, y, band)


def records_trend(dates, values, kind: str = "min", *, alpha: float = 0.05) -> Trend:
    """OLS on the record-setting entries only (:func:`frontier`), with its t interval: the method
    for a handful of records (a bootstrap over entries that drops the only early record in a
    third of its resamples gives an interval that mixes two regimes). The interval does not
    account for the records being selected; :func:`leave_one_out` shows how much one record
    moves the slope."""
    x = decimal_year(dates) if not np.issubdtype(np.asarray(dates).dtype, np.number) else (
        np.asarray(dates, dtype=float))
    v = np.asarray(values, dtype=float)
    mask = frontier(x, v, kind)
    t = fit_trend(x[mask], v[mask], alpha=alpha)
    t.method = (f"OLS on the {t.n} record {'lows' if kind == 'min' else 'highs'}, t interval "
                "(does not account for their selection)")
    return t


def leave_one_out(trend: Trend) -> np.ndarray:
    """The slope refitted with each point of ``trend`` left out (log10 per year), in the order of
    the points: the sensitivity of a fit on a handful of points to any one of them."""
    x, y = np.asarray(trend.x, float), np.asarray(trend.y, float)
    out = []
    for i in range(len(x)):
        keep = np.arange(len(x)) != i
        xi, yi = x[keep], y[keep]
        xc = xi - xi.mean()
        out.append(float(np.sum(xc * (yi - yi.mean())) / np.sum(xc**2)))
    return np.array(out)


def frontier(dates, values, kind: str = "min") -> np.ndarray:
    """Boolean mask of record-setting entries: strictly better than every earlier entry.

    ``kind="min"`` (cheapest so far) or ``"max"`` (largest so far). Entries on the same date are
    compared in order of value, so only the best of a day can set a record.
    """
    if kind not in ("min", "max"):
        raise ValueError("kind must be 'min' or 'max'")
    x = decimal_year(dates) if not np.issubdtype(np.asarray(dates).dtype, np.number) else (
        np.asarray(dates, dtype=float)
    )
    v = np.asarray(values, dtype=float)
    score = v if kind == "min" else -v
    order = np.lexsort((score, x))
    best = np.minimum.accumulate(score[order])
    is_record = np.empty(len(v), dtype=bool)
    rec = np.r_[True, score[order][1:] < best[:-1]]
    is_record[order] = rec
    return is_record


def _sorted_rows(idx: np.ndarray) -> np.ndarray:
    """Each row of a matrix of indices (0 to n - 1) sorted ascending, as ``np.intp``: the same
    numbers as ``np.sort(idx, axis=1)``, sorted as 16-bit integers where they fit (several
    times faster for long rows)."""
    if idx.shape[1] <= np.iinfo(np.int16).max:
        idx = idx.astype(np.int16)
        idx.sort(axis=1)
        return idx.astype(np.intp)
    return np.sort(idx, axis=1)


_BLOCK = 1 << 18  # cells of a block of replicates (float64: 2 MB an array)


def _replicate_sums(idx: np.ndarray, x_all: np.ndarray, y_all: np.ndarray,
                    frontier_kind: str | None) -> tuple[np.ndarray, ...]:
    """For each row of resampled (sorted) indices: the sum of weights, the weighted means of x
    and y, and the weighted sums of squares ``sxx`` and cross-products ``sxy`` about them.

    The weight W is 1 for an entry that is fitted (all of them, or the records of the
    replicate) and 0 otherwise. Where every weight is 1 the products with W are left out:
    multiplying by 1.0 changes no bit, so the result is the same. The centred values overwrite
    X and Y (each product is formed as before, in place)."""
    X, Y = x_all.take(idx), y_all.take(idx)
    rows, n = idx.shape
    if frontier_kind is None:
        sw = np.full(rows, float(n))  # the sum of n ones, exactly
        xm = X.sum(axis=1) / sw
        ym = Y.sum(axis=1) / sw
        X -= xm[:, None]
        Y -= ym[:, None]
        sxx = np.square(X).sum(axis=1)
        X *= Y
        return sw, xm, ym, sxx, X.sum(axis=1)
    S = Y if frontier_kind == "min" else -Y
    best = np.minimum.accumulate(S, axis=1)
    W = np.empty_like(Y)
    W[:, 0] = 1.0
    np.less(S[:, 1:], best[:, :-1], out=W[:, 1:])  # a record: below every earlier entry
    del S, best
    sw = W.sum(axis=1)
    xm = (W * X).sum(axis=1) / sw
    ym = (W * Y).sum(axis=1) / sw
    X -= xm[:, None]
    Y -= ym[:, None]
    sxx = (W * np.square(X)).sum(axis=1)
    W *= X
    W *= Y
    return sw, xm, ym, sxx, W.sum(axis=1)


def bootstrap_trend(
    dates,
    values,
    *,
    frontier_kind: str | None = None,
    n_boot: int = DEFAULT_BOOT,
    seed: int = DEFAULT_SEED,
    alpha: float = 0.05,
) -> Trend:
    """Trend with a percentile bootstrap interval, resampling the underlying entries.

    With ``frontier_kind`` ("min"/"max") every replicate re-selects its own record frontier before
    fitting, so the interval reflects which entries happened to set records. Replicates with fewer
    than three distinct fitted points are discarded and counted in ``n_failed``.
    """
    x_all = decimal_year(dates) if not np.issubdtype(np.asarray(dates).dtype, np.number) else (
        np.asarray(dates, dtype=float)
    )
    y_all = _log_values(values)
    n = len(x_all)
    if n < 3:
        raise ValueError(f"a bootstrap needs at least 3 entries, got {n}")
    order = np.lexsort((y_all if frontier_kind != "max" else -y_all, x_all))
    x_all, y_all = x_all[order], y_all[order]

    rng = np.random.default_rng(seed)
    idx = _sorted_rows(rng.integers(0, n, size=(n_boot, n)))  # sorted = date order
    # Each replicate is fitted on its own row, so the rows are taken in blocks that stay in the
    # processor's cache (the same arithmetic on every row, whatever the block).
    step = max(1, _BLOCK // n)
    parts = [_replicate_sums(idx[i:i + step], x_all, y_all, frontier_kind)
             for i in range(0, n_boot, step)]
    sw, xm, ym, sxx, sxy = (np.concatenate(p) for p in zip(*parts, strict=True))
    del idx, parts
    ok = (sw >= 3) & (sxx > 1e-12)
    slopes = np.where(ok, sxy / np.where(ok, sxx, 1.0), np.nan)
    intercepts = ym - slopes * xm
    slopes, intercepts = slopes[ok], intercepts[ok]

    if frontier_kind is None:
        fx, fy = x_all, y_all
    else:
        mask = frontier(x_all, 10.0**y_all, frontier_kind)
        fx, fy = x_all[mask], y_all[mask]
    if len(fx) < 2:
        raise ValueError("the frontier has fewer than two points; no trend can be fitted")
    b, a = np.polyfit(fx, fy, 1)
    q = [100 * alpha / 2, 100 * (1 - alpha / 2)]
    lo, hi = np.percentile(slopes, q)
    slope = Interval(float(b), float(lo), float(hi), 1 - alpha)

    def band(xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lines = intercepts[:, None] + slopes[:, None] * np.asarray(xs, dtype=float)[None, :]
        low, high = np.percentile(lines, q, axis=0)
        return low, high

    what = "record frontier re-selected in each replicate" if frontier_kind else "all entries"
    method = f"bootstrap percentile, {n_boot} resamples of {n} entries ({what}), seed {seed}"
    return Trend(slope, float(a), len(fx), method, fx, fy, band, slopes, int(n_boot - ok.sum()))


# ---------------------------------------------------------------------------------------------
# several series, one rate: a log-linear fit with a level per group (fixed effects)
# ---------------------------------------------------------------------------------------------
@dataclass
class PooledTrend(Trend):
    """One common slope fitted to several series, each with its own level (intercept).

    ``intercept`` is NaN (there is one per group, in ``levels``); ``predict`` and
    ``year_reaching`` need a group and are not available. The rate methods (annual factor,
    halving time, fold change) use the common slope and its interval.
    """

    levels: dict = field(default_factory=dict)
    groups: np.ndarray | None = field(repr=False, default=None)

    def predict(self, dates, group=None) -> pd.DataFrame:  # noqa: D102
        if group is None:
            raise ValueError("a pooled trend predicts per group: pass group=")
        xs = np.array([_as_year(d) for d in np.atleast_1d(dates)], dtype=float)
        fit = 10.0 ** (self.levels[group] + self.slope.value * xs)
        return pd.DataFrame({"year": xs, "fit": fit})

    def year_reaching(self, value: float) -> Interval:  # noqa: D102
        raise NotImplementedError("a pooled trend has one level per group")


def fit_pooled_trend(groups, dates, values, *, alpha: float = 0.05) -> PooledTrend:
    """OLS of ``log10(values)`` on decimal year with one intercept per group (group fixed
    effects): a common rate of change across series that sit at different levels.

    The slope is identified only by changes within a group, so a group with a single point
    adds nothing but its own level. Interval: t with ``n - groups - 1`` degrees of freedom
    (independent scatter around each group's line; it does not cover correlation between
    groups or the selection of the points).
    """
    from statsmodels.regression.linear_model import OLS

    g = np.asarray(groups).astype(str)
    x = decimal_year(dates) if not np.issubdtype(np.asarray(dates).dtype, np.number) else (
        np.asarray(dates, dtype=float)
    )
    y = _log_values(values)
    if not (len(g) == len(x) == len(y)):
        raise ValueError("groups, dates and values must have the same length")
    names = sorted(set(g.tolist()))
    df_resid = len(x) - len(names) - 1
    if df_resid < 1:
        raise ValueError(f"{len(x)} points in {len(names)} groups leave no residual degree of freedom")
    x0 = float(np.mean(x))
    dummies = np.column_stack([(g == k).astype(float) for k in names])
    model = OLS(y, np.column_stack([x - x0, dummies])).fit()
    b = float(model.params[0])
    b_lo, b_hi = (float(v) for v in model.conf_int(alpha)[0])
    levels = {k: float(model.params[1 + i]) - b * x0 for i, k in enumerate(names)}
    return PooledTrend(Interval(b, b_lo, b_hi, 1 - alpha), float("nan"), len(x),
                       f"OLS with a level per group ({len(names)} groups), t interval", x, y,
                       None, levels=levels, groups=g)


@dataclass(frozen=True)
class OutOfSample:
    """How points observed after a fit compare with the fit's prediction band, extrapolated.

    ``share`` = ``inside / n``; ``below`` / ``above`` count the points under / over the band (for
    a falling cost, ``below`` = cheaper than the trend predicts). ``fit``, ``low``, ``high`` are
    the fitted line and the band at the new points, in the values' own units.
    """

    share: float
    n: int
    inside: int
    below: int
    above: int
    fit: np.ndarray = field(repr=False)
    low: np.ndarray = field(repr=False)
    high: np.ndarray = field(repr=False)
    level: float = 0.95


def prediction_band(trend: Trend, dates, *, alpha: float = 0.05) -> pd.DataFrame:
    """The (1 - alpha) prediction band for a *new observation* around ``trend``'s line at
    ``dates`` (columns year/fit/low/high, in the values' units).

    Ordinary least-squares band on the points the trend was fitted to:
    ``t * sqrt(s2 * (1 + 1/n + (x - xbar)**2 / Sxx))`` in log10 units, with ``s2`` the residual
    variance about the trend's own line. For a bootstrap trend of a record frontier the line is
    the OLS line through the records, so the band is that of the records; it does not carry the
    selection of records or any uncertainty in the values themselves.
    """
    from scipy import stats

    xs = np.array([_as_year(d) for d in np.atleast_1d(dates)], dtype=float)
    x, y = np.asarray(trend.x, dtype=float), np.asarray(trend.y, dtype=float)
    n = len(x)
    if n < 3:
        raise ValueError(f"a prediction band needs at least 3 fitted points, got {n}")
    b, a = trend.slope.value, trend.intercept
    resid = y - (a + b * x)
    s2 = float(np.sum(resid**2) / (n - 2))
    xbar = float(np.mean(x))
    sxx = float(np.sum((x - xbar) ** 2))
    tq = float(stats.t.ppf(1 - alpha / 2, n - 2))
    mean = a + b * xs
    half = tq * np.sqrt(s2 * (1.0 + 1.0 / n + (xs - xbar) ** 2 / sxx))
    return pd.DataFrame({"year": xs, "fit": 10.0**mean, "low": 10.0 ** (mean - half),
                         "high": 10.0 ** (mean + half)})


def out_of_sample(fit: Trend, x_new, y_new, *, alpha: float = 0.05) -> OutOfSample:
    """Share of the points ``(x_new, y_new)`` (dates or decimal years, positive values) that lie
    inside the (1 - alpha) prediction band of ``fit`` extrapolated to their dates: the
    out-of-sample check "did the trend continue as it predicted?". A share near 1 - alpha means
    the new points scatter about the old line as the old points did; a share near 0, with all
    points on one side, means the trend changed."""
    y = np.asarray(y_new, dtype=float)
    xs = np.atleast_1d(x_new)
    if len(xs) != len(y):
        raise ValueError(f"x_new has {len(xs)} entries but y_new has {len(y)}")
    if len(y) == 0:
        raise ValueError("no new points to check")
    _log_values(y)  # positive and finite, or a clear error
    band = prediction_band(fit, xs, alpha=alpha)
    low, high = band["low"].to_numpy(), band["high"].to_numpy()
    below, above = int(np.sum(y < low)), int(np.sum(y > high))
    inside = len(y) - below - above
    return OutOfSample(inside / len(y), len(y), inside, below, above, band["fit"].to_numpy(),
                       low, high, 1 - alpha)


def bootstrap_slopes(x, series: dict, *, n_boot: int = DEFAULT_BOOT, seed: int = DEFAULT_SEED,
                     alpha: float = 0.05) -> dict[str, tuple[Interval, np.ndarray]]:
    """Log-linear slopes of several positive series measured on the same entries, resampled
    together: every replicate draws one set of entries and fits every series on it, so the draws
    keep the series' correlation (e.g. the cost and the compute of the same models).

    Returns ``{name: (Interval of the slope, draws)}``; point values are OLS on all entries, the
    interval is the percentile interval of the draws (replicates with one distinct date dropped).
    """
    x = decimal_year(x) if not np.issubdtype(np.asarray(x).dtype, np.number) else (
        np.asarray(x, dtype=float))
    logs = {k: _log_values(v) for k, v in series.items()}
    n = len(x)
    if n < 3:
        raise ValueError(f"a bootstrap needs at least 3 entries, got {n}")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(n_boot, n))
    X = x[idx]
    xm = X.mean(axis=1, keepdims=True)
    sxx = ((X - xm) ** 2).sum(axis=1)
    ok = sxx > 1e-12
    q = [100 * alpha / 2, 100 * (1 - alpha / 2)]
    out = {}
    for name, ly in logs.items():
        Y = ly[idx]
        draws = (((X - xm) * (Y - Y.mean(axis=1, keepdims=True))).sum(axis=1)[ok] / sxx[ok])
        b = float(np.polyfit(x, ly, 1)[0])
        lo, hi = np.percentile(draws, q)
        out[name] = (Interval(b, float(lo), float(hi), 1 - alpha), draws)
    return out


def sum_slopes(terms, *, alpha: float = 0.05) -> Interval:
    """``sum(sign * slope)`` of independently estimated log-linear slopes, with a normal
    interval whose variance is the sum of the terms' variances; each term's standard error is
    read from its own interval as ``(high - low) / (2 z)`` at that interval's level.
    ``terms``: ``(sign, Interval)`` pairs."""
    from scipy import stats

    z = float(stats.norm.ppf(1 - alpha / 2))
    value, var = 0.0, 0.0
    for sign, iv in terms:
        if not (math.isfinite(iv.low) and math.isfinite(iv.high)):
            raise ValueError("every term needs a finite interval")
        z_term = float(stats.norm.ppf(1 - (1 - iv.level) / 2))
        value += sign * iv.value
        var += ((iv.high - iv.low) / (2 * z_term)) ** 2
    half = z * math.sqrt(var)
    return Interval(value, value - half, value + half, 1 - alpha)
