"""The verdict rule at every branch: tolerance bands, inconclusive, bounds, forecasts, robustness."""

import math

import pytest

from aicost.claims import (
    APPROX_FACTOR,
    CLOSE_FACTOR,
    MAX_WIDTH,
    VERDICTS,
    Claim,
    Estimate,
    approx_band,
    magnitude,
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
        ((100, 70, 140), "higher", "supported"),     # overlaps, estimate in band, width 2 <= 4
        ((60, 40, 78), "higher", "overstated"),      # wholly below the band: claim too dramatic
        ((200, 130, 300), "higher", "understated"),  # wholly above: data more dramatic
        ((200, 130, 300), "lower", "overstated"),    # a doubling time longer than claimed
        ((60, 40, 78), "lower", "understated"),      # a doubling time shorter than claimed
        ((100, 20, 400), "higher", "inconclusive"),  # overlaps but spans a factor 20
        ((55, 45, 85), "higher", "inconclusive"),    # overlaps, narrow, estimate far below
        ((68, 60, 90), "higher", "supported"),       # estimate just within band / 1.25 (64)
    ],
)
def test_interval_rule(interval, stronger, expected):
    assert verdict(claim(100, stronger), Estimate(*interval)) == expected


def test_width_threshold_is_the_stated_one():
    c = claim(100)
    lo = 100 / math.sqrt(MAX_WIDTH)
    assert verdict(c, Estimate(100, lo, lo * MAX_WIDTH * 0.999)) == "supported"
    assert verdict(c, Estimate(100, lo, lo * MAX_WIDTH * 1.001)) == "inconclusive"


def test_closeness_threshold_is_the_stated_one():
    c = claim(100)  # band 80-125
    just_in = 80 / CLOSE_FACTOR * 1.001
    assert verdict(c, Estimate(just_in, just_in * 0.9, 85)) == "supported"
    just_out = 80 / CLOSE_FACTOR * 0.999
    assert verdict(c, Estimate(just_out, just_out * 0.9, 85)) == "inconclusive"


def test_exact_estimate_against_a_rounding_band():
    c = claim(223, band=rounding_band(223, 1), tolerance="rounding")
    assert verdict(c, Estimate.exact(223.2)) == "supported"
    assert verdict(c, Estimate.exact(88)) == "overstated"
    assert verdict(c, Estimate.exact(242)) == "understated"


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
                          (1.3, "forecast missed"), (7.4, "forecast missed")])
def test_forecast_reaches_the_band(observed, expected):
    c = claim(1.0, "lower", "forecast", band=(0.5, 1.25), tolerance="rounding")
    assert verdict(c, Estimate.exact(observed)) == expected


@pytest.mark.parametrize(
    ("stronger", "interval", "expected"),
    [
        ("higher", (8.0, 7.5, 9.0), "supported"),    # "more than 7": all of it above 7
        ("higher", (6.8, 5.9, 7.7), "supported"),    # straddles, close, narrow
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
    assert len(VERDICTS) == 7


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
    assert "factor" in why(c, Estimate(100, 10, 1000))
