"""ImageNet training cost 2017-2024: the AI Index series rebuilt, extended with MLPerf, and the
two claims on it (``imagenet-223x``, ``resnet50-1usd-2020``).

Cost of a result:

- DAWNBench entries: hours to 93% top-5 x the published hourly price of the whole instance
  (``cost_from_hours(hours, 1, instance price)``), as DAWNBench and the AI Index computed it.
- MLPerf ResNet-50 results (and, as a sensitivity, DAWNBench entries without a published price):
  accelerator-hours x the on-demand price per accelerator-hour found in ``cloud_prices`` within
  +-``WINDOW_DAYS`` of the result's date (low / median / high of the prices found). Most MLPerf
  systems are on-premise: pricing them at cloud rates is a counterfactual (what the run would
  have cost on rented accelerators of the same kind), not what anybody paid.

The series is the cheapest result per calendar year (the AI Index's construction), built by
:func:`cheapest_per_year`. Trends are ``log10(cost)`` on the decimal date of each year's cheapest
result: OLS with a t interval (scatter of the yearly minima around the line), and a price
bootstrap (:func:`price_quantile_draws`) that draws the cloud price of every accelerator from the
prices in each result's window, re-selects each year's cheapest result and refits (the
uncertainty of the counterfactual cloud price). Results are not resampled within a year: a
bootstrap of a sample minimum is biased upward (a resample's minimum can only be larger).

General helpers here that could be promoted to shared modules: :func:`cheapest_per_year`,
:func:`window_prices`, :func:`batched_ols` and :func:`price_quantile_draws`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from aicost import cache
from aicost.analyses import mlperf_pricing
from aicost.claims import Estimate
from aicost.costs import cost_from_hours, price_ranges, to_constant_dollars
from aicost.data import load
from aicost.scorecard import assesses
from aicost.trends import DEFAULT_BOOT, DEFAULT_SEED, Interval, Trend, decimal_year, fit_trend

WINDOW_DAYS = 365
PRICE_KINDS = ("list price", "published by benchmark entry")
EXCLUDED_AVAILABILITY = ("research", "preview")
FIRST_YEAR, LAST_YEAR = 2017, 2024
BREAK_YEAR = 2021.0  # "after 2020": the fit is allowed to change slope at 2021-01-01
FORECAST_DEADLINE = pd.Timestamp("2020-12-31")
BASE_YEAR = 2024
AI_INDEX_ROUNDED_2021 = 4.60  # the AI Index text's rounding of its 2021 value ($4.59)
ONE_DOLLAR = 1.0
ARK_DEADLINE = FORECAST_DEADLINE  # ARK's "$1 ResNet-50 by the end of 2020"

DAWN = "DAWNBench (published price)"
DAWN_CLOUD = "DAWNBench (cloud price)"
MLPERF = "MLPerf (cloud price)"


# ---------------------------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------------------------
@cache.memo(maxsize=1)
def runs() -> pd.DataFrame:
    """``imagenet_training_runs`` with ``year``, decimal date ``x`` and accelerator-hours."""
    t = load("imagenet_training_runs").copy()
    t["year"] = t["date"].dt.year.astype(int)
    t["x"] = decimal_year(t["date"])
    count = t["accelerator_count"].astype("float64")
    t["accelerator_hours"] = t["hours_to_target"] * count  # NaN for CPU-only systems
    return t


@cache.memo(maxsize=1)
def prices() -> pd.DataFrame:
    return load("cloud_prices")


@cache.memo(maxsize=1)
def cpi() -> pd.DataFrame:
    return load("price_index")


@cache.memo(maxsize=1)
def ai_index() -> pd.DataFrame:
    """The five published AI Index 2022 values (``data/ai_index_imagenet_cost.csv``)."""
    return load("ai_index_imagenet_cost")


# ---------------------------------------------------------------------------------------------
# costs
# ---------------------------------------------------------------------------------------------
def dawnbench_published(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """DAWNBench entries with a published hourly price; ``cost`` = hours x instance price."""
    t = runs() if table is None else table
    d = t[(t["benchmark"] == "DAWNBench") & t["price_per_hour_usd"].notna()].copy()
    d["cost"] = cost_from_hours(d["hours_to_target"].to_numpy(), 1,
                                d["price_per_hour_usd"].to_numpy())
    d["cost_low"] = d["cost_high"] = d["cost"]
    d["price_low"] = d["price_median"] = d["price_high"] = np.nan
    d["price_n"] = 0
    d["series"] = DAWN
    return d


def price_entries(table: pd.DataFrame, price_table: pd.DataFrame, window_days: int = WINDOW_DAYS,
                  kinds: tuple[str, ...] | None = PRICE_KINDS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Price results per accelerator-hour from ``price_table`` in the ``window_days`` up to each
    result (none later).

    Returns ``(priced, excluded)``: ``priced`` adds ``price_low/median/high`` (USD per
    accelerator-hour), ``price_n``, ``window_prices`` (the prices found) and
    ``cost_low/cost/cost_high`` = hours x count x price;
    ``excluded`` holds the rows that could not be priced with a ``reason`` (never dropped silently).
    """
    counted = table[table["accelerator_count"].notna()]
    pr = price_ranges(price_table, counted["accelerator"], counted["date"], window_days,
                      kinds=kinds, not_after=counted["date"], with_values=True)
    found = pr["n"].to_numpy() > 0
    hours = counted["hours_to_target"].to_numpy(dtype=float)[found]
    n = counted["accelerator_count"].to_numpy(dtype=float)[found]
    low, median, high = (pr[c].to_numpy()[found] for c in ("low", "median", "high"))
    costs = [cost_from_hours(hours, n, p) if len(p) else p for p in (low, median, high)]
    priced = list(zip(counted.index[found], low, median, high, pr["n"].to_numpy()[found].tolist(),
                      pr["values"][found], *costs, strict=True))
    reasons = pd.Series("no accelerator count (CPU-only system); no per-accelerator price applies",
                        index=table.index, dtype=object)
    reasons[counted.index] = [f"no on-demand price for {acc} in the {window_days} days up to the "
                              "result's date" for acc in counted["accelerator"]]
    done = set(counted.index[found])
    excluded = [(idx, reasons[idx]) for idx in table.index if idx not in done]
    cols = ["price_low", "price_median", "price_high", "price_n", "window_prices", "cost_low",
            "cost", "cost_high"]
    pf = pd.DataFrame([p[1:] for p in priced], index=[p[0] for p in priced], columns=cols)
    out = table.loc[pf.index].join(pf) if len(pf) else table.iloc[:0].assign(
        **{c: [] for c in cols})
    ex = table.loc[[e[0] for e in excluded]].copy()
    ex["reason"] = [e[1] for e in excluded]
    return out, ex


def window_prices(price_table: pd.DataFrame, accelerator: str, date,
                  window_days: int = WINDOW_DAYS,
                  kinds: tuple[str, ...] | None = PRICE_KINDS) -> tuple[float, ...]:
    """Every price per accelerator-hour of ``accelerator`` within ``window_days`` before ``date``
    and none after it (``aicost.costs.price_ranges`` with ``not_after=date``), sorted
    ascending."""
    return price_ranges(price_table, [accelerator], [date], window_days, kinds=kinds,
                        not_after=[date], with_values=True)["values"].iloc[0]


@cache.memo(maxsize=8)
def mlperf_priced(window_days: int = WINDOW_DAYS, kinds: tuple[str, ...] | None = PRICE_KINDS,
                  drop_availability: tuple[str, ...] = EXCLUDED_AVAILABILITY
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """MLPerf results priced at cloud prices, and the excluded results with their reason."""
    t = runs()
    m = t[t["benchmark"] == "MLPerf"]
    off = m["availability"].isin(drop_availability)
    ex_avail = m[off].copy()
    ex_avail["reason"] = "availability " + ex_avail["availability"] + " (not a product)"
    priced, ex = price_entries(m[~off], prices(), window_days, kinds)
    priced = priced.copy()
    priced["series"] = MLPERF
    return priced, pd.concat([ex_avail, ex])


@cache.memo(maxsize=4)
def dawnbench_cloud_priced(window_days: int = WINDOW_DAYS,
                           kinds: tuple[str, ...] | None = PRICE_KINDS
                           ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """DAWNBench entries WITHOUT a published price, priced from cloud_prices (a sensitivity)."""
    t = runs()
    d = t[(t["benchmark"] == "DAWNBench") & t["price_per_hour_usd"].isna()]
    priced, ex = price_entries(d, prices(), window_days, kinds)
    priced = priced.copy()
    priced["series"] = DAWN_CLOUD
    return priced, ex


@cache.memo(maxsize=16)
def entries(window_days: int = WINDOW_DAYS, kinds: tuple[str, ...] | None = PRICE_KINDS,
            with_unpriced_dawnbench: bool = False, price: str = "cost") -> pd.DataFrame:
    """Every priced result 2017-2024: DAWNBench at published prices + MLPerf at cloud prices
    (+ DAWNBench entries without a published price, priced from the cloud, if asked).
    ``price`` picks which cost is the ``value`` column: cost_low, cost (median) or cost_high."""
    parts = [dawnbench_published(), mlperf_priced(window_days, kinds)[0]]
    if with_unpriced_dawnbench:
        parts.append(dawnbench_cloud_priced(window_days, kinds)[0])
    e = pd.concat(parts).sort_values(["date", "run_id"]).reset_index(drop=True)
    e["value"] = e[price]
    return e[(e["year"] >= FIRST_YEAR) & (e["year"] <= LAST_YEAR)].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# the series
# ---------------------------------------------------------------------------------------------
def cheapest_per_year(frame: pd.DataFrame, value: str = "value", year: str = "year",
                      tiebreak: tuple[str, ...] = ("date", "run_id")) -> pd.DataFrame:
    """One row per calendar year: the row with the smallest ``value`` (ties broken by
    ``tiebreak`` columns present in the frame). Rows with a missing value are ignored."""
    f = frame[frame[value].notna()]
    keys = [value] + [c for c in tiebreak if c in f.columns]
    f = f.sort_values([year] + keys, kind="mergesort")
    return f.groupby(year, sort=True).head(1).reset_index(drop=True)


def yearly_series(window_days: int = WINDOW_DAYS, price: str = "cost",
                  with_unpriced_dawnbench: bool = False) -> pd.DataFrame:
    """The cheapest priced result of each year 2017-2024 (DAWNBench and MLPerf together)."""
    return cheapest_per_year(entries(window_days, PRICE_KINDS, with_unpriced_dawnbench, price))


def cheapest_per_year_by_source(window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    """Cheapest result per year in each source separately, with its price range."""
    e = entries(window_days)
    out = [cheapest_per_year(e[e["series"] == s]) for s in (DAWN, MLPERF)]
    return pd.concat(out).sort_values(["year", "series"]).reset_index(drop=True)


def reproduce_ai_index() -> pd.DataFrame:
    """For each AI Index year: our cheapest DAWNBench entry of that calendar year and whether its
    cost rounded to cents equals the published value (2021 has no DAWNBench entry)."""
    cheap = cheapest_per_year(dawnbench_published(), value="cost").set_index("year")
    rows = []
    for r in ai_index().itertuples():
        if r.year in cheap.index:
            e = cheap.loc[r.year]
            ours = round(float(e["cost"]), 2)
            rows.append({"year": r.year, "ai_index_usd": r.published_cost_usd,
                         "entry": e["run_id"].split(":", 1)[1], "model": e["model"],
                         "hardware": f"{e['accelerator_count']} x {e['accelerator']}",
                         "hours": e["hours_to_target"], "usd_per_hour": e["price_per_hour_usd"],
                         "our_cost_usd": ours,
                         "match": bool(abs(ours - r.published_cost_usd) < 0.005)})
        else:
            rows.append({"year": r.year, "ai_index_usd": r.published_cost_usd,
                         "entry": "(no DAWNBench entry this year)", "model": "", "hardware": "",
                         "hours": np.nan, "usd_per_hour": np.nan, "our_cost_usd": np.nan,
                         "match": False})
    return pd.DataFrame(rows)


def search_2021(targets: tuple[float, ...] = (4.59, AI_INDEX_ROUNDED_2021),
                rounds: tuple[str, ...] = ("v1.0", "v1.1"), top: int = 8) -> dict:
    """Try every MLPerf v1.0/v1.1 result (any availability) x every on-demand price of its
    accelerator in cloud_prices (any date, any kind): which combinations come closest to the AI
    Index 2021 value? Returns the closest combinations and the count that round to a target."""
    t = runs()
    m = t[(t["benchmark"] == "MLPerf") & t["round"].isin(rounds) & t["accelerator_hours"].notna()]
    p = prices()[["accelerator", "date", "vendor", "price_per_accelerator_hour_usd", "price_kind"]]
    p = p[p["price_per_accelerator_hour_usd"].notna()]
    combos = m[["run_id", "accelerator", "accelerator_hours", "availability"]].merge(
        p, on="accelerator", suffixes=("", "_price"))
    combos["cost"] = combos["accelerator_hours"] * combos["price_per_accelerator_hour_usd"]
    combos["cents"] = combos["cost"].round(2)
    hits = {tg: int((abs(combos["cents"] - tg) < 0.005).sum()) for tg in targets}
    combos["gap"] = np.min([abs(combos["cost"] - tg) for tg in targets], axis=0)
    best = (combos.sort_values(["gap", "run_id", "date"])
            .drop_duplicates(["run_id", "price_per_accelerator_hour_usd"]).head(top))
    best = best.assign(result=best["run_id"].str.split(":", n=1).str[1],
                       vendor=best["vendor"].fillna("(none)"))
    cheapest = m.sort_values("accelerator_hours").iloc[0]
    return {
        "n_results": int(len(m)), "n_combinations": int(len(combos)), "hits": hits,
        "closest": best[["result", "accelerator_hours", "date", "vendor",
                         "price_per_accelerator_hour_usd", "cost"]].reset_index(drop=True),
        "cheapest_result": cheapest["run_id"].split(":", 1)[1],
        "cheapest_accelerator_hours": float(cheapest["accelerator_hours"]),
        "implied_price": {tg: tg / float(cheapest["accelerator_hours"]) for tg in targets},
    }


def fold_arithmetic() -> pd.DataFrame:
    """'A factor of 223' against the endpoints: the published ones and the AI Index series."""
    s = ai_index().set_index("year")["published_cost_usd"]
    y17, y21 = float(s[2017]), float(s[2021])
    return pd.DataFrame([
        {"endpoints": "AI Index series 2017 / 2021", "start_usd": y17, "end_usd": y21,
         "fold_decrease": y17 / y21},
        {"endpoints": "AI Index 2017 / the text's rounded 2021", "start_usd": y17,
         "end_usd": AI_INDEX_ROUNDED_2021, "fold_decrease": y17 / AI_INDEX_ROUNDED_2021},
        {"endpoints": "the article's 'over $1,000' / $4.60", "start_usd": 1000.0,
         "end_usd": AI_INDEX_ROUNDED_2021, "fold_decrease": 1000.0 / AI_INDEX_ROUNDED_2021},
        {"endpoints": "2017 value that 223 implies with 2021 = 4.59", "start_usd": 223 * y21,
         "end_usd": y21, "fold_decrease": 223.0},
        {"endpoints": "2021 value that 223 implies with 2017 = 1,112.64", "start_usd": y17,
         "end_usd": y17 / 223, "fold_decrease": 223.0},
    ])


# ---------------------------------------------------------------------------------------------
# trends on the cheapest-per-year series
# ---------------------------------------------------------------------------------------------
def batched_ols(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Least squares for many problems at once: ``X`` (B, n, k) designs, ``Y`` (B, n) -> (B, k).
    Rows whose normal equations are singular come back as NaN."""
    XtX = np.einsum("bnk,bnl->bkl", X, X)
    XtY = np.einsum("bnk,bn->bk", X, Y)
    det = np.linalg.det(XtX)
    ok = np.abs(det) > 1e-12
    out = np.full(XtY.shape, np.nan)
    if ok.any():
        out[ok] = np.linalg.solve(XtX[ok], XtY[ok][..., None])[..., 0]
    return out


def _design(x: np.ndarray, knot: float | None) -> np.ndarray:
    cols = [np.ones_like(x), x - 2020.0]
    if knot is not None:
        cols.append(np.maximum(x - knot, 0.0))
    return np.stack(cols, axis=-1)


def price_quantile_draws(frame: pd.DataFrame, *, n_boot: int = DEFAULT_BOOT,
                         seed: int = DEFAULT_SEED) -> np.ndarray:
    """Replicate costs (n_boot, len(frame)) with cloud prices drawn from each result's window.

    One uniform quantile is drawn per accelerator and replicate and applied to every result on
    that accelerator (a market price is common to all results, not independent per result); the
    price is the empirical quantile of the prices in that result's window. Published-price rows
    (no ``window_prices``) keep their cost.
    """
    rng = np.random.default_rng(seed)
    f = frame.reset_index(drop=True)
    accels = sorted(f["accelerator"].dropna().unique())
    u = dict(zip(accels, rng.random((len(accels), n_boot)), strict=True))
    cost = np.tile(f["value"].to_numpy(dtype=float), (n_boot, 1))
    for i, row in f.iterrows():
        ps = row.get("window_prices")
        if not isinstance(ps, tuple) or not ps:
            continue
        arr = np.asarray(ps, dtype=float)
        k = np.minimum((u[row["accelerator"]] * len(arr)).astype(int), len(arr) - 1)
        cost[:, i] = row["accelerator_hours"] * arr[k]
    return cost


def yearly_min_draws(frame: pd.DataFrame, cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """From replicate costs (n_boot, n) of ``frame``'s rows: decimal date and log10 cost of each
    year's cheapest result in each replicate, both (n_boot, n_years), years ascending."""
    f = frame.reset_index(drop=True)
    years = f["year"].to_numpy()
    xs = f["x"].to_numpy(dtype=float)
    uniq = np.unique(years)
    n_boot = cost.shape[0]
    X, Y = np.empty((n_boot, len(uniq))), np.empty((n_boot, len(uniq)))
    for j, yr in enumerate(uniq):
        members = np.flatnonzero(years == yr)
        c = cost[:, members]
        best = np.argmin(c, axis=1)
        X[:, j] = xs[members[best]]
        Y[:, j] = np.log10(c[np.arange(n_boot), best])
    return X, Y


def _boot_trend(point: Trend, X: np.ndarray, Y: np.ndarray, alpha: float = 0.05) -> Trend:
    """A Trend with the OLS point estimate of ``point`` and percentile intervals from the
    replicate series ``(X, Y)`` (linear fits)."""
    beta = batched_ols(_design(X, None), Y)
    ok = np.isfinite(beta).all(axis=1)
    slopes, inter = beta[ok, 1], beta[ok, 0] - 2020.0 * beta[ok, 1]
    q = [100 * alpha / 2, 100 * (1 - alpha / 2)]
    lo, hi = np.percentile(slopes, q)

    def band(xs):
        lines = inter[:, None] + slopes[:, None] * np.asarray(xs, dtype=float)[None, :]
        low, high = np.percentile(lines, q, axis=0)
        return low, high

    method = (f"price bootstrap percentile, {len(X)} draws of the cloud price per accelerator "
              f"(one quantile per accelerator and draw), seed {DEFAULT_SEED}")
    return Trend(Interval(point.slope.value, float(lo), float(hi), 1 - alpha), point.intercept,
                 point.n, method, point.x, point.y, band, slopes, int((~ok).sum()))


def _window(frame: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    return frame[(frame["year"] >= start) & (frame["year"] <= end)]


@cache.memo(maxsize=16)
def series_trend(start: int = FIRST_YEAR, end: int = LAST_YEAR, *, bootstrap: bool = False,
                 price: str = "cost", dollars: str = "nominal",
                 with_unpriced_dawnbench: bool = False) -> Trend:
    """Log-linear trend of the cheapest-per-year cost over ``[start, end]`` (calendar years).

    OLS (t interval) on the yearly minima, or with ``bootstrap`` the same point estimate with the
    price-bootstrap interval (median prices only). ``dollars="real"``: constant 2024 dollars.
    """
    e = _window(entries(WINDOW_DAYS, PRICE_KINDS, with_unpriced_dawnbench, price), start, end)
    if dollars == "real":
        e = e.assign(value=to_constant_dollars(e["value"].to_numpy(), e["year"].to_numpy(),
                                               BASE_YEAR, cpi()))
    s = cheapest_per_year(e)
    point = fit_trend(s["x"].to_numpy(), s["value"].to_numpy())
    if not bootstrap:
        return point
    X, Y = yearly_min_draws(e, price_quantile_draws(e))
    return _boot_trend(point, X, Y)


@cache.memo(maxsize=4)
def break_test(knot: float = BREAK_YEAR, bootstrap: bool = True) -> dict:
    """Did the decline slow after 2020? A continuous two-segment (hinge) fit of log10 cost on
    the cheapest-per-year series, slope ``b1`` before ``knot`` and ``b1 + b2`` after.

    Returns the slopes before/after and the change ``b2`` (log10 per year) with OLS t intervals
    and the p-value of ``b2 = 0``; with ``bootstrap`` also stratified-bootstrap intervals.
    """
    from statsmodels.regression.linear_model import OLS  # not statsmodels.api: 0.3 s less

    e = entries()
    s = cheapest_per_year(e)
    x, y = s["x"].to_numpy(), np.log10(s["value"].to_numpy())
    model = OLS(y, _design(x, knot)).fit()
    ci = model.conf_int(0.05)
    b1, b2 = float(model.params[1]), float(model.params[2])
    cov = model.cov_params()
    se_after = math.sqrt(cov[1, 1] + cov[2, 2] + 2 * cov[1, 2])
    from scipy import stats

    tq = float(stats.t.ppf(0.975, model.df_resid))
    out = {
        "n": int(len(x)), "df": float(model.df_resid),
        "before": Interval(b1, float(ci[1, 0]), float(ci[1, 1])),
        "after": Interval(b1 + b2, b1 + b2 - tq * se_after, b1 + b2 + tq * se_after),
        "change": Interval(b2, float(ci[2, 0]), float(ci[2, 1])),
        "p_change": float(model.pvalues[2]),
    }
    if bootstrap:
        X, Y = yearly_min_draws(e, price_quantile_draws(e))
        beta = batched_ols(_design(X, knot), Y)
        beta = beta[np.isfinite(beta).all(axis=1)]
        q = [2.5, 97.5]
        for key, draws, val in (("before_boot", beta[:, 1], b1),
                                ("after_boot", beta[:, 1] + beta[:, 2], b1 + b2),
                                ("change_boot", beta[:, 2], b2)):
            lo, hi = np.percentile(draws, q)
            out[key] = Interval(val, float(lo), float(hi))
        out["share_slower_after"] = float(np.mean(beta[:, 2] > 0))
    return out


def separate_fits(knot_year: int = 2020) -> dict:
    """OLS fits on the yearly minima up to and including ``knot_year`` and after it."""
    return {"through": series_trend(FIRST_YEAR, knot_year),
            "after": series_trend(knot_year + 1, LAST_YEAR)}


# ---------------------------------------------------------------------------------------------
# accelerator-hours: the price-free measure
# ---------------------------------------------------------------------------------------------
def accelerator_hours_entries() -> pd.DataFrame:
    """Every result with an accelerator count (both benchmarks, all availabilities)."""
    t = runs()
    return t[t["accelerator_hours"].notna()].assign(value=lambda d: d["accelerator_hours"])


def accelerator_hours_trend(start: int = FIRST_YEAR, end: int = LAST_YEAR) -> Trend:
    """OLS trend of the fewest accelerator-hours per result per year."""
    s = cheapest_per_year(_window(accelerator_hours_entries(), start, end))
    return fit_trend(s["x"].to_numpy(), s["value"].to_numpy())


# ---------------------------------------------------------------------------------------------
# the claims
# ---------------------------------------------------------------------------------------------
def cheapest_observed(by=None, with_unpriced_dawnbench: bool = False,
                      price: str = "cost") -> pd.Series:
    """The cheapest priced result dated on or before ``by`` (None: ever)."""
    e = entries(WINDOW_DAYS, PRICE_KINDS, with_unpriced_dawnbench, price)
    if by is not None:
        e = e[e["date"] <= pd.Timestamp(by)]
    return e.sort_values(["value", "date", "run_id"]).iloc[0]


def endpoint_ratios() -> pd.DataFrame:
    """Cheapest 2017 / cheapest 2021 under different choices (the 223x claim's own construction)."""
    e = entries()
    d17 = cheapest_per_year(e[e["year"] == 2017]).iloc[0]
    rows = []
    for price in ("cost_low", "cost", "cost_high"):
        m21 = cheapest_per_year(e[e["year"] == 2021], value=price).iloc[0]
        rows.append({"2021 price": price.replace("cost_low", "low").replace("cost_high", "high")
                     .replace("cost", "median"), "2021 result": m21["run_id"].split(":", 1)[1],
                     "start_usd": d17["cost"], "end_usd": m21[price],
                     "fold_decrease": d17["cost"] / m21[price]})
    m21 = cheapest_per_year(e[(e["year"] == 2021)
                              & (e["availability"] == "available cloud")]).iloc[0]
    rows.append({"2021 price": "median, cloud systems only",
                 "2021 result": m21["run_id"].split(":", 1)[1], "start_usd": d17["cost"],
                 "end_usd": m21["cost"], "fold_decrease": d17["cost"] / m21["cost"]})
    return pd.DataFrame(rows)


def endpoint_fold(start_year: int = 2017, end_year: int = 2021, *, n_boot: int = DEFAULT_BOOT,
                  seed: int = DEFAULT_SEED) -> Interval:
    """Cheapest result of ``start_year`` / cheapest result of ``end_year`` (the construction of
    the 223x claim), at median window prices, with a 95% percentile interval from
    :func:`price_quantile_draws` (the uncertainty of the cloud prices; published DAWNBench
    prices are fixed)."""
    e = entries()
    e = e[e["year"].isin([start_year, end_year])].reset_index(drop=True)
    s = cheapest_per_year(e).set_index("year")["value"]
    point = float(s[start_year] / s[end_year])
    _, Y = yearly_min_draws(e, price_quantile_draws(e, n_boot=n_boot, seed=seed))
    ratio = 10.0 ** (Y[:, 0] - Y[:, 1])
    lo, hi = np.percentile(ratio, [2.5, 97.5])
    return Interval(point, float(lo), float(hi))


def year_label(v: float) -> str:
    """A decimal year to one decimal; 'unbounded' for an infinite bound; n/a for NaN."""
    if math.isnan(v):
        return "n/a"
    return "unbounded" if math.isinf(v) else f"{v:.1f}"


@assesses("imagenet-223x", "resnet50-1usd-2020")
def assess() -> dict[str, Estimate]:
    """imagenet-223x, primary reading: the claim's own construction (cheapest 2017 result /
    cheapest 2021 result), every MLPerf result priced at the median on-demand price dated in the
    year up to the result (nothing later): an exact ratio at a stated price choice. The low and
    high ends of the price windows, cloud-only systems and the AI Index's own endpoints are
    alternatives. resnet50-1usd-2020: the cheapest cost observed by 2020-12-31."""
    ratios = endpoint_ratios()
    main = ratios[ratios["2021 price"] == "median"].iloc[0]
    label = {"low": "2021 result at the low end of the price window",
             "high": "2021 result at the high end of the price window",
             "median, cloud systems only": "cloud-available 2021 systems only, median price"}
    alts = [(label.get(r["2021 price"], r["2021 price"]), Estimate.exact(r["fold_decrease"]))
            for _, r in ratios.iterrows() if r["2021 price"] != "median"]
    ai = ai_index().set_index("year")["published_cost_usd"]
    if {2017, 2021} <= set(ai.index):
        alts.append(("the AI Index's own 2017 and 2021 values",
                     Estimate.exact(float(ai[2017] / ai[2021]))))
    by = FORECAST_DEADLINE
    mid = cheapest_observed(by)
    lo = float(cheapest_observed(by, price="cost_low")["value"])
    ever = cheapest_observed()
    return {
        "imagenet-223x": Estimate.exact(
            float(main["fold_decrease"]),
            f"cheapest 2017 result / cheapest 2021 result ({main['2021 result']}) at the median "
            "cloud price dated up to the result", alternatives=alts),
        "resnet50-1usd-2020": Estimate.exact(
            float(mid["value"]),
            f"cheapest observed by 2020-12-31: {mid['run_id'].split(':', 1)[1]} (published "
            f"price); cheapest ever: {ever['run_id'].split(':', 1)[1]} at a cloud price",
            alternatives=(("cheapest by 2020-12-31 at the low cloud price", Estimate.exact(lo)),)
            + newest_one_dollar_readings()),
    }


def newest_one_dollar_readings() -> tuple:
    """The $1 forecast scored on the newest data (to the last ResNet-50 round, 2024), one
    reading per price basis, none with look-ahead prices (:func:`one_dollar_newest`)."""
    main, alts = one_dollar_newest()
    out = [("no deadline: cheapest to 2024, MLPerf at the median price", main)]
    out += [(f"no deadline: cheapest to 2024, {label}", est) for label, est in alts
            if "look-ahead" not in label]
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# ARK's "$1 ResNet-50 by the end of 2020", on the newest data
# ---------------------------------------------------------------------------------------------
def resnet_costs() -> pd.DataFrame:
    """Every ResNet-50 result with a cost: DAWNBench entries at their published price, and
    MLPerf results (available systems) at the low / median / high on-demand price of the year
    before the round, under each price basis (and, as a sensitivity, with look-ahead prices
    within +-365 days)."""
    t = load("imagenet_training_runs")
    d = t[(t["benchmark"] == "DAWNBench") & t["cost_usd"].notna()
          & (t["model"] == mlperf_pricing.RESNET)]
    rows = [pd.DataFrame({"result_id": d["run_id"], "date": d["date"],
                          "basis": "DAWNBench published price", "usd": d["cost_usd"]})]
    m = mlperf_pricing.available(mlperf_pricing.resnet_results())
    for basis in mlperf_pricing.BASES:
        for look in (False, True):
            p = mlperf_pricing.priced(m, mlperf_pricing.price_table(basis), lookahead=look)
            for price, label in (("cost_low", "low"), ("cost", "median"), ("cost_high", "high")):
                name = f"MLPerf, {label} price, {basis}" + (", look-ahead" if look else "")
                rows.append(pd.DataFrame({"result_id": p["result_id"], "date": p["date"],
                                          "basis": name, "usd": p[price]}))
    out = pd.concat(rows, ignore_index=True)
    return out[out["usd"].notna()].reset_index(drop=True)


def first_below(threshold: float = ONE_DOLLAR, costs: pd.DataFrame | None = None
                ) -> pd.DataFrame:
    """Per price basis: the first result that cost at most ``threshold`` dollars (date, year,
    result, cost), whether that was by ARK's deadline, and the cheapest ever; 'never' rows
    have NaT/NaN. ``costs`` (columns result_id, date, basis, usd) defaults to
    :func:`resnet_costs`."""
    c = resnet_costs() if costs is None else costs
    rows = []
    for basis, g in c.groupby("basis", sort=True):
        g = g.sort_values(["date", "usd", "result_id"])
        hit = g[g["usd"] <= threshold]
        cheapest = g.sort_values(["usd", "date"]).iloc[0]
        rows.append({"basis": basis,
                     "first_date": hit["date"].iloc[0] if len(hit) else pd.NaT,
                     "first_year": int(hit["date"].iloc[0].year) if len(hit) else None,
                     "first_result": hit["result_id"].iloc[0] if len(hit) else "never",
                     "first_usd": float(hit["usd"].iloc[0]) if len(hit) else np.nan,
                     "by_deadline": bool(len(hit) and hit["date"].iloc[0] <= ARK_DEADLINE),
                     "cheapest_usd": float(cheapest["usd"]),
                     "cheapest_result": cheapest["result_id"], "cheapest_date": cheapest["date"]})
    return pd.DataFrame(rows)


def one_dollar_newest() -> tuple[Estimate, list[tuple[str, Estimate]]]:
    """ARK's "$1 ResNet-50" scored on the newest data (ResNet-50's last MLPerf round, v4.0,
    2024): the primary reading is the cheapest ResNet-50 cost ever observed, MLPerf at the
    median on-demand price of the year before the round (all sources) or DAWNBench at its
    published price; the alternatives are the other price bases. Every value is an observed
    cost (interval "exact"); the notes name the first year it reached $1 ("never")."""
    fb = first_below(ONE_DOLLAR).set_index("basis")

    def est(basis: str) -> Estimate:
        r = fb.loc[basis]
        first = "never" if r["first_result"] == "never" else str(r["first_year"])
        return Estimate(float(r["cheapest_usd"]), float(r["cheapest_usd"]),
                        float(r["cheapest_usd"]),
                        f"cheapest ResNet-50 cost observed to 2024 ({r['cheapest_result']}, "
                        f"{r['cheapest_date'].date()}), {basis}; first year at or below $1: {first}",
                        interval="exact")

    median = "MLPerf, median price, all sources"
    dawn = "DAWNBench published price"
    primary_basis = median if fb.loc[median, "cheapest_usd"] <= fb.loc[dawn, "cheapest_usd"] else dawn
    alternatives = [(b, est(b)) for b in fb.index if b != primary_basis]
    return est(primary_basis), alternatives


def sensitivity() -> pd.DataFrame:
    """How the main numbers move with the price window, the price kinds admitted and the
    DAWNBench entries without a published price (priced from the cloud)."""
    variants = [
        ("main: 365 d up to the result, list + published prices", WINDOW_DAYS, PRICE_KINDS, False),
        ("window 183 d up to the result", 183, PRICE_KINDS, False),
        ("window 730 d up to the result", 730, PRICE_KINDS, False),
        ("also assumed prices (DAWN blog)", WINDOW_DAYS, None, False),
        ("also unpriced DAWNBench entries", WINDOW_DAYS, PRICE_KINDS, True),
    ]
    rows = []
    for label, w, kinds, extra in variants:
        e = entries(w, kinds, extra)
        s = cheapest_per_year(e).set_index("year")
        t = fit_trend(s["x"].to_numpy(), s["value"].to_numpy())
        f = t.annual_decline_factor()
        by2020 = e[e["date"] <= FORECAST_DEADLINE]["value"].min()
        rows.append({"variant": label, "n_results": len(e),
                     "decline_per_year": f.value, "ci_low": f.low, "ci_high": f.high,
                     "cheapest_by_2020_usd": by2020, "cheapest_ever_usd": e["value"].min(),
                     "fold_2017_2021": s.loc[2017, "value"] / s.loc[2021, "value"]})
    return pd.DataFrame(rows)
