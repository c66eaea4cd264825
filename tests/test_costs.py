"""The dollar conversions every notebook shares, on numbers worked by hand."""

import pandas as pd
import pytest

from aicost.costs import (
    accelerator_hours_from_flop,
    cost_from_flop,
    cost_from_hours,
    deflator,
    price_range,
    to_constant_dollars,
)


def test_cost_from_hours():
    # 244 h on one instance at $4.56/h (DAWNBench's 2017 reference entry) = $1,112.64
    assert cost_from_hours(244.0, 1, 4.56) == pytest.approx(1112.64)
    # 512 GPUs x 240 h x $2.28 = $280,166.40 (the M6-10T arithmetic)
    assert cost_from_hours(240, 512, 2.28) == pytest.approx(280166.4)
    assert list(cost_from_hours([1.0, 2.0], 8, 3.0)) == [24.0, 48.0]


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), float("inf")])
def test_cost_from_hours_rejects_bad_inputs(bad):
    with pytest.raises(ValueError):
        cost_from_hours(bad, 1, 1.0)
    with pytest.raises(ValueError):
        cost_from_hours(1.0, 1, bad)


def test_cost_from_flop():
    # 3.6e18 FLOP at 1e15 FLOP/s peak and 100% utilisation = 1 accelerator-hour
    assert accelerator_hours_from_flop(3.6e18, 1e15, 1.0) == pytest.approx(1.0)
    # at 40% utilisation it takes 2.5 h; at $2/h that is $5
    assert cost_from_flop(3.6e18, 1e15, 0.4, 2.0) == pytest.approx(5.0)
    with pytest.raises(ValueError):
        accelerator_hours_from_flop(1e18, 1e15, 0.0)
    with pytest.raises(ValueError):
        accelerator_hours_from_flop(1e18, 1e15, 1.5)


PRICES = pd.DataFrame({
    "accelerator": ["V100", "V100", "V100", "V100", "K80"],
    "date": pd.to_datetime(["2018-01-01", "2018-06-01", "2019-06-01", "2021-01-01", "2018-06-01"]),
    "price_per_accelerator_hour_usd": [3.06, 2.48, 1.00, 0.50, 0.90],
    "price_kind": ["list price", "list price", "assumption", "list price", "list price"],
})


def test_price_range_window_and_kinds():
    r = price_range(PRICES, "V100", "2018-06-01", window_days=365)
    assert (r.low, r.median, r.high, r.n) == (1.00, 2.48, 3.06, 3)
    r = price_range(PRICES, "V100", "2018-06-01", window_days=365, kinds=("list price",))
    assert (r.low, r.high, r.n) == (2.48, 3.06, 2)
    assert r.interval().value == pytest.approx(2.77)


def test_price_range_says_what_is_missing():
    with pytest.raises(LookupError, match="no on-demand price for A100 between 2017-06-01"):
        price_range(PRICES, "A100", "2018-06-01", window_days=365)


INDEX = pd.DataFrame({"index": ["CPI-U"] * 3, "year": [2017, 2020, 2023],
                      "value": [245.120, 258.811, 304.702]})


def test_constant_dollars():
    # $1,000 of 2017 in 2023 dollars: 1000 x 304.702 / 245.120
    assert to_constant_dollars(1000.0, 2017, 2023, INDEX) == pytest.approx(1243.07, abs=0.01)
    assert to_constant_dollars(1000.0, 2023, 2023, INDEX) == pytest.approx(1000.0)
    assert deflator(INDEX, 2020)[2020] == pytest.approx(1.0)
    with pytest.raises(LookupError, match="2019"):
        to_constant_dollars(1.0, 2019, 2023, INDEX)


def test_latest_and_first_price_never_look_past_their_date():
    import pandas as pd

    from aicost.costs import first_price, latest_price

    p = pd.DataFrame({
        "date": pd.to_datetime(["2018-02-01", "2018-10-11", "2018-10-11", "2019-06-01"]),
        "accelerator": ["TPU v3"] * 4,
        "price_per_accelerator_hour_usd": [2.4, 2.0, 2.2, 1.0],
        "price_kind": ["published by benchmark entry", "list price", "list price", "list price"],
    })
    assert latest_price(p, "TPU v3", "2019-02-14") == 2.0  # the lowest region of the latest date
    assert latest_price(p, "TPU v3", "2019-06-01") == 1.0
    with pytest.raises(LookupError):
        latest_price(p, "TPU v3", "2018-05-01")  # no list price by then
    assert first_price(p, "TPU v3") == (pd.Timestamp("2018-02-01"), 2.4)
    assert first_price(p, "TPU v3", kinds=("list price",))[1] == pytest.approx(2.1)
