"""The verdict rule at every branch (tolerance bands, the close band, bounds, forecasts,
robustness, reproduction), and its properties over random inputs (hypothesis): monotone in the
miss, independent of how an interval is labelled, one verdict for one estimate and band."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicost.claims import (
    APPROX_FACTOR,
    CLOSE_FACTOR,
    INTERVALS,
    VERDICTS,
    Claim,
    Estimate,
    approx_band,
    magnitude,
    reproduction,
    robustness,
    rounding_band,
    verdict,
    why,
)


def claim(value, stronger="higher", kind="fold change", band=None, tolerance="approx"):
    lo, hi = band if band is not None else approx_band(value)
    return Claim("x", value, "fold decrease", kind, stronger, tolerance=tolerance,
                 band_low=lo, band_high=hi)


def test_bands_follow_the_words():
    assert approx_band(10) == pytest.approx((8.0, 12.5))
    assert rounding_band(223, 1) == (222.5, 223.5)
    assert rounding_band(3.4, 0.1) == pytest.approx((3.35, 3.45))
    assert APPROX_FACTOR == 1.25


@pytest.mark.parametrize(
    ("interval", "stronger", "expected"),
    [
        ((100, 90, 110), "higher", "supported"),     # inside the band 80-125
        ((100, 70, 140), "higher", "supported"),     # inside the close band 64-156.25
        ((60, 40, 78), "higher", "inconclusive"),    # straddles the close band's lower edge
        ((40, 30, 60), "higher", "overstated"),      # wholly below the close band
        ((200, 160, 300), "higher", "understated"),  # wholly above: data more dramatic
        ((200, 160, 300), "lower", "overstated"),    # a doubling time longer than claimed
        ((40, 30, 60), "lower", "understated"),      # a doubling time shorter than claimed
        ((100, 20, 400), "higher", "inconclusive"),  # straddles both edges
        ((68, 65, 70), "higher", "supported"),       # below the band, inside the close band
    ],
)
def test_interval_rule(interval, stronger, expected):
    assert verdict(claim(100, stronger), Estimate(*interval)) == expected


def test_closeness_threshold_is_the_stated_one():
    c = claim(100)  # band 80-125, close band 64-156.25
    just_in = 80 / CLOSE_FACTOR * 1.001
    assert verdict(c, Estimate(just_in, just_in, 85)) == "supported"
    just_out = 80 / CLOSE_FACTOR * 0.999
    assert verdict(c, Estimate(just_out, just_out, 85)) == "inconclusive"
    assert verdict(c, Estimate.exact(just_out)) == "overstated"


def test_the_same_number_judges_two_claims_on_one_quantity_alike():
    """The review's example: 15.4 against "16x" (+-3%) and "19x" (x/÷1.25)."""
    sixteen = claim(16, band=rounding_band(16, 1), tolerance="rounding")
    nineteen = claim(19)
    est = Estimate(15.4, 15.4, 15.4, interval="measurement range")
    assert verdict(sixteen, est) == verdict(nineteen, est) == "supported"


def test_exact_estimate_against_a_rounding_band():
    c = claim(223, band=rounding_band(223, 1), tolerance="rounding")
    assert verdict(c, Estimate.exact(223.2)) == "supported"
    assert verdict(c, Estimate.exact(88)) == "overstated"
    assert verdict(c, Estimate.exact(280)) == "understated"
    assert verdict(c, Estimate.exact(242)) == "supported"  # a 9% miss is a near miss


def test_a_wide_interval_cannot_buy_support():
    """The old rule called this 'supported'; an interval with no power supports nothing."""
    c = claim(10)
    assert verdict(c, Estimate(9.4, 2.7, 41)) == "inconclusive"
    assert verdict(claim(3), Estimate(9.4, 2.7, 41)) == "inconclusive"


def test_not_testable_needs_reason():
    assert verdict(claim(8), Estimate.untestable("no compute figure for AlphaZero")) == "not testable"
    with pytest.raises(ValueError):
        Estimate.untestable("")


@pytest.mark.parametrize(("observed", "expected"),
                         [(0.99, "forecast met"), (1.0, "forecast met"), (1.2, "forecast met"),
                          (1.3, "forecast met"), (1.6, "forecast missed"),
                          (7.4, "forecast missed")])
def test_forecast_reaches_the_band(observed, expected):
    c = claim(1.0, "lower", "forecast", band=(0.5, 1.25), tolerance="rounding")  # close: <= 1.5625
    assert verdict(c, Estimate.exact(observed)) == expected


@pytest.mark.parametrize(
    ("stronger", "interval", "expected"),
    [
        ("higher", (8.0, 7.5, 9.0), "supported"),    # "more than 7": all of it above 7
        ("higher", (6.8, 5.9, 7.7), "inconclusive"),  # straddles the threshold
        ("higher", (5.0, 4.0, 6.9), "overstated"),   # stays short of 7
        ("higher", (9.0, 1.0, 40.0), "inconclusive"),  # straddles, too wide
        ("lower", (3.0, 2.0, 4.0), "supported"),     # "under 5 months"
        ("lower", (9.0, 6.0, 12.0), "overstated"),
    ],
)
def test_bound_claims(stronger, interval, expected):
    value = 7 if stronger == "higher" else 5
    band = (value, math.nan) if stronger == "higher" else (math.nan, value)
    c = Claim("b", value, "ratio", "ratio", stronger, tolerance="bound",
              band_low=band[0], band_high=band[1])
    assert c.band == ((7, math.inf) if stronger == "higher" else (0.0, 5))
    assert verdict(c, Estimate(*interval)) == expected


def test_bound_claim_can_never_be_understated():
    c = Claim("b", 1e6, "USD", "price", "higher", tolerance="bound", band_low=1e6)
    assert verdict(c, Estimate(1e9, 1e8, 1e10)) == "supported"


def test_bad_interval_is_an_error_not_a_verdict():
    with pytest.raises(ValueError):
        verdict(claim(10), Estimate(5, 6, 4))
    with pytest.raises(ValueError):
        verdict(claim(10), Estimate(5, math.nan, 6))


def test_ranges_over_choices_are_not_intervals():
    with pytest.raises(ValueError, match="alternatives"):
        Estimate(10, 5, 20, interval="range of prices")
    with pytest.raises(ValueError):
        Estimate(10, 5, 20, alternatives=(("x", 3.0),))


def test_closed_vocabulary():
    with pytest.raises(ValueError):
        Claim("y", 1, "x", "guess", "higher")
    with pytest.raises(ValueError):
        Claim("y", 1, "x", "ratio", "up")
    with pytest.raises(ValueError):
        Claim("y", 1, "x", "ratio", "higher", evidence="vibes")
    with pytest.raises(ValueError):
        Claim("y", 1, "x", "ratio", "higher", band_low=3, band_high=2)
    assert len(VERDICTS) == 9
    with pytest.raises(ValueError):
        Claim("y", 1, "x", "ratio", "higher", evidence="reproduced")


def test_robustness_counts_agreeing_readings():
    c = claim(100)
    alts = (("a", Estimate.exact(110)), ("b", Estimate.exact(20)), ("c", Estimate.exact(95)))
    e = Estimate.exact(100, alternatives=alts)
    assert robustness(c, e) == ("reading-dependent", 2, 3)
    assert robustness(c, Estimate.exact(100, alternatives=alts[::2])) == ("robust", 2, 2)
    assert robustness(c, Estimate.exact(100))[0] == "single reading"


def test_alternatives_never_move_the_verdict():
    c = claim(100)
    wide = (("wide", Estimate(100, 1, 10_000)),)
    assert verdict(c, Estimate.exact(30, alternatives=wide)) == "overstated"


def test_magnitude_and_why():
    c = claim(100)
    assert magnitude(c, Estimate.exact(50)) == 2
    assert math.isnan(magnitude(c, Estimate.untestable("none")))
    assert "beyond" in why(c, Estimate.exact(50))
    assert "straddles" in why(c, Estimate(100, 10, 1000))


def test_magnitude_is_oriented_to_the_claim_and_logarithmic_for_rates():
    rate = Claim("r", 10, "fold decrease per year", "rate per year", "higher",
                 tolerance="approx", band_low=8, band_high=12.5)
    assert magnitude(rate, Estimate.exact(math.sqrt(10))) == pytest.approx(2)
    doubling = Claim("d", 3.4, "months", "doubling time", "lower", tolerance="rounding",
                     band_low=3.35, band_high=3.45)
    assert magnitude(doubling, Estimate.exact(6.8)) == pytest.approx(2)  # claim twice as fast
    pct = Claim("p", 70, "percent decrease per year", "rate per year", "higher",
                tolerance="rounding", band_low=65, band_high=75)
    # 70% a year is 3.33x a year; 9.78% a year is 1.108x: log ratio about 11.7
    assert magnitude(pct, Estimate.exact(9.78)) == pytest.approx(
        math.log(1 / 0.3) / math.log(1 / (1 - 0.0978)))
    bound = Claim("b", 1, "fold increase per year", "rate per year", "higher",
                  tolerance="bound", band_low=1)
    assert math.isnan(magnitude(bound, Estimate(2.8, 2.0, 4.7)))


def test_percent_rates_are_widened_on_the_factor_scale():
    pct = Claim("p", 70, "percent decrease per year", "rate per year", "higher",
                tolerance="rounding", band_low=65, band_high=75)
    lo, hi = pct.close_band
    assert 1 / (1 - lo / 100) == pytest.approx((1 / 0.35) / CLOSE_FACTOR)
    assert 1 / (1 - hi / 100) == pytest.approx(4 * CLOSE_FACTOR)
    assert hi < 100


def test_a_bound_threshold_is_not_widened():
    c = Claim("b", 1, "fold increase per year", "rate per year", "higher", tolerance="bound",
              band_low=1)
    assert c.close_band == (1, math.inf)
    assert verdict(c, Estimate(1.5, 1.1, 2.0)) == "supported"
    assert verdict(c, Estimate(1.2, 0.9, 1.6)) == "inconclusive"  # includes no change
    assert verdict(c, Estimate(0.8, 0.7, 0.95)) == "overstated"


def test_reproduction_is_never_support():
    c = claim(100)
    rep = Estimate.exact(100)
    only = Estimate.reproduction_only("only the claimant's data", reproduction=rep)
    assert verdict(c, only) == "no independent test"
    assert reproduction(c, only) == "reproduces"
    assert reproduction(c, Estimate.reproduction_only("x", reproduction=Estimate.exact(10))) == (
        "does not reproduce")
    indep = Estimate.exact(30, reproduction=rep)
    assert verdict(c, indep) == "overstated" and reproduction(c, indep) == "reproduces"
    assert reproduction(c, Estimate.exact(100)) == ""
    with pytest.raises(ValueError):
        Estimate.reproduction_only("")


def test_pending_forecasts_show_the_trajectory_but_get_no_verdict():
    c = Claim("f", 1e9, "USD", "forecast", "higher", tolerance="bound", band_low=1e9)
    e = Estimate.pending("deadline 2027", value=4e8)
    assert verdict(c, e) == "pending" and e.value == 4e8
    assert math.isnan(magnitude(c, e))
    with pytest.raises(ValueError):
        Estimate.pending("")
    with pytest.raises(ValueError):
        Estimate(not_testable="a", pending_reason="b")


# -- properties over random inputs ---------------------------------------------------------------

POSITIVE = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False)
LOG_WIDTH = st.floats(min_value=0.0, max_value=3.0, allow_nan=False)
TWO_SIDED = ("supported", "inconclusive", "overstated", "understated")
# how decisive and how kind: a move away from the band never goes up this scale
KIND = {"understated": 0, "supported": 3, "inconclusive": 2, "overstated": 1}


@st.composite
def bands(draw):
    lo = draw(POSITIVE)
    ratio = draw(st.floats(min_value=1.0, max_value=100.0))
    stronger = draw(st.sampled_from(["higher", "lower"]))
    tolerance = draw(st.sampled_from(["rounding", "approx", "range", "bound"]))
    if tolerance == "bound":
        lo_, hi_ = (lo, math.nan) if stronger == "higher" else (math.nan, lo)
        return Claim("p", lo, "fold change", "fold change", stronger, tolerance="bound",
                     band_low=lo_, band_high=hi_)
    return Claim("p", lo * math.sqrt(ratio), "fold change", "fold change", stronger,
                 tolerance=tolerance, band_low=lo, band_high=lo * ratio)


def _interval(centre, log_width, where=0.5):
    low = centre / 10 ** (log_width * where)
    return low, low * 10 ** log_width


@settings(max_examples=150, deadline=None, derandomize=True)
@given(bands(), POSITIVE, LOG_WIDTH, st.floats(min_value=0, max_value=1),
       st.sampled_from(INTERVALS))
def test_the_label_of_an_interval_never_changes_the_verdict(c, centre, width, where, label):
    low, high = _interval(centre, width, where)
    value = min(max(centre, low), high)
    base = verdict(c, Estimate(value, low, high, interval="95% CI"))
    assert verdict(c, Estimate(value, low, high, interval=label)) == base
    # and the point estimate inside the interval does not matter either: only the interval
    assert verdict(c, Estimate(low, low, high)) == verdict(c, Estimate(high, low, high)) == base


@settings(max_examples=150, deadline=None, derandomize=True)
@given(bands(), LOG_WIDTH, st.floats(min_value=1.0, max_value=1e3),
       st.floats(min_value=1.0, max_value=10.0))
def test_a_larger_miss_never_gets_a_kinder_verdict(c, width, miss, further):
    """Move the same interval away from the band, below it and above it: the verdict goes from
    supported through inconclusive to a miss, never back."""
    lo, hi = c.band
    for direction in (-1, 1):
        if direction == 1 and math.isinf(hi) or direction == -1 and lo == 0:
            continue
        edge = lo if direction == -1 else hi
        near = edge * (miss ** direction)
        far = near * (further ** direction)
        v_near = verdict(c, Estimate(near, *_interval(near, width)))
        v_far = verdict(c, Estimate(far, *_interval(far, width)))
        assert v_near in TWO_SIDED and v_far in TWO_SIDED
        if v_near in ("overstated", "understated"):
            assert v_far == v_near
        if v_far == "supported":
            assert v_near == "supported"


@settings(max_examples=150, deadline=None, derandomize=True)
@given(bands(), POSITIVE, LOG_WIDTH, st.floats(min_value=0.0, max_value=1.0))
def test_a_narrower_interval_inside_a_wider_one_is_never_less_decisive(c, centre, width, shrink):
    low, high = _interval(centre, width)
    wide = verdict(c, Estimate(centre, low, high))
    n_low, n_high = _interval(centre, width * shrink)
    narrow = verdict(c, Estimate(centre, n_low, n_high))
    if wide != "inconclusive":
        assert narrow == wide


@settings(max_examples=100, deadline=None, derandomize=True)
@given(bands(), POSITIVE, LOG_WIDTH)
def test_an_estimate_inside_the_band_is_never_refuted(c, centre, width):
    lo, hi = c.band
    value = min(max(centre, lo), hi)
    assert verdict(c, Estimate.exact(value)) == "supported"
    assert verdict(c, Estimate(value, *_interval(value, width))) in ("supported", "inconclusive")
