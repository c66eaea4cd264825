"""The loader on a small synthetic package: typed output, and one clear error per problem."""

import hashlib
import json

import pandas as pd
import pytest

from aicost.data import DataError, load

GOOD = ("price_id,date,accelerator,price_usd,listed\n"
        "p1,2019-01-01,V100,3.06,true\np2,2020-06-30,K80,0.9,false\n")
ACCEL = "accelerator,kind\nK80,GPU\nV100,GPU\n"


def make_package(folder, prices=GOOD, accel=ACCEL, fix_hash=True):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "prices.csv").write_bytes(prices.encode() if isinstance(prices, str) else prices)
    (folder / "accel.csv").write_text(accel)
    def res(name, path, fields, key, fks=()):
        raw = (folder / path).read_bytes()
        r = {"name": name, "path": path, "format": "csv", "encoding": "utf-8",
             "schema": {"fields": fields, "primaryKey": key, "missingValues": [""]}}
        if fks:
            r["schema"]["foreignKeys"] = list(fks)
        if fix_hash:
            r["hash"] = "sha256:" + hashlib.sha256(raw).hexdigest()
            r["bytes"] = len(raw)
        return r
    desc = {"$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": "t", "resources": [
        res("accelerators", "accel.csv",
            [{"name": "accelerator", "type": "string", "constraints": {"required": True}},
             {"name": "kind", "type": "string", "constraints": {"enum": ["GPU", "TPU", "CPU"]}}],
            ["accelerator"]),
        res("prices", "prices.csv",
            [{"name": "price_id", "type": "string", "constraints": {"required": True}},
             {"name": "date", "type": "date", "constraints": {"required": True}},
             {"name": "accelerator", "type": "string"},
             {"name": "price_usd", "type": "number", "unit": "USD per accelerator-hour",
              "constraints": {"exclusiveMinimum": 0, "maximum": 100}},
             {"name": "listed", "type": "boolean"}],
            ["price_id"],
            [{"fields": ["accelerator"],
              "reference": {"resource": "accelerators", "fields": ["accelerator"]}}]),
    ]}
    (folder / "datapackage.json").write_text(json.dumps(desc))
    return folder


@pytest.fixture
def pkg(tmp_path, monkeypatch):
    def build(**kw):
        folder = make_package(tmp_path / "data", **kw)
        monkeypatch.setenv("AICOST_DATA", str(folder))
        return folder
    return build


def test_loads_typed(pkg):
    pkg()
    df = load("prices")
    assert len(df) == 2
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    assert df["price_usd"].dtype == "float64"
    assert df["listed"].tolist() == [True, False]


@pytest.mark.parametrize(
    ("prices", "expect"),
    [
        (GOOD.replace("3.06", "-3.06"), ["prices.csv", "row 2", "price_usd", "-3.06", "constraint"]),
        (GOOD.replace("2020-06-30", "2020-13-30"), ["row 3", "date", "2020-13-30", "type"]),
        (GOOD.replace("0.9", "cheap"), ["row 3", "price_usd", "cheap"]),
        (GOOD.replace("p2,", "p1,"), ["row 3", "price_id", "primary-key"]),
        (GOOD.replace("K80", "Z99"), ["row 3", "accelerator", "Z99", "foreign-key"]),
        (GOOD.replace("0.9", "900"), ["row 3", "price_usd", "900", "maximum"]),
    ],
)
def test_bad_cells_name_file_line_column_value_rule(pkg, prices, expect):
    pkg(prices=prices)
    with pytest.raises(DataError) as err:
        load("prices")
    for part in expect:
        assert part in str(err.value), (part, str(err.value))


def test_missing_and_extra_columns(pkg):
    pkg(prices=GOOD.replace(",listed", "").replace(",true", "").replace(",false", ""))
    with pytest.raises(DataError, match="listed"):
        load("prices")


def test_checksum_mismatch(pkg):
    folder = pkg()
    (folder / "prices.csv").write_text(GOOD.replace("3.06", "3.07"))
    with pytest.raises(DataError, match="hash"):
        load("prices")


def test_empty_file_and_bom(pkg):
    pkg(prices="", fix_hash=False)
    with pytest.raises(DataError, match="empty"):
        load("prices")
    pkg(prices=b"\xef\xbb\xbf" + GOOD.encode(), fix_hash=False)
    with pytest.raises(DataError, match="byte-order mark"):
        load("prices")


def test_unknown_table(pkg):
    pkg()
    with pytest.raises(DataError, match="no table named 'nope'"):
        load("nope")


@pytest.mark.parametrize(
    ("prices", "expect"),
    [
        (GOOD.replace("true", "TRUE"), ["row 2", "listed", "'TRUE'", "boolean"]),
        (GOOD.replace("false", "0"), ["row 3", "listed", "'0'", "boolean"]),
        (GOOD.replace("3.06", "3_06"), ["row 2", "price_usd", "'3_06'", "number"]),
        (GOOD.replace("3.06", "inf"), ["row 2", "price_usd", "'inf'", "number"]),
        (GOOD.replace("3.06", "1e400"), ["row 2", "price_usd", "'1e400'", "finite"]),
        (GOOD.replace("3.06", "\u0663.06"), ["row 2", "price_usd", "number"]),
        (GOOD.replace("2020-06-30", "2999-06-30"), ["row 3", "date", "2999-06-30", "future"]),
        (GOOD.replace("2020-06-30", "2020-6-30"), ["row 3", "date", "2020-6-30", "date"]),
        (GOOD.replace("\n", "\r"), ["prices.csv", "row 1", "carriage return"]),
        (GOOD + "p3,2020-01-01,K80\n", ["row 4", "missing-cell"]),
        (GOOD + "\n", ["row 4", "blank-row"]),
    ],
)
def test_what_the_loader_would_misread_is_refused(pkg, prices, expect):
    pkg(prices=prices)
    with pytest.raises(DataError) as err:
        load("prices")
    for part in expect:
        assert part in str(err.value), (part, str(err.value))


def test_schema_true_values_and_future_dates_are_the_rule(pkg):
    folder = pkg(prices=GOOD.replace("true", "yes").replace("2020-06-30", "2999-06-30"))
    desc = json.loads((folder / "datapackage.json").read_text())
    fields = desc["resources"][1]["schema"]["fields"]
    next(f for f in fields if f["name"] == "listed")["trueValues"] = ["yes"]
    next(f for f in fields if f["name"] == "date")["allowFuture"] = True
    (folder / "datapackage.json").write_text(json.dumps(desc))
    df = load("prices")
    assert df["listed"].tolist() == [True, False]
    assert df["date"].max().year == 2999


def test_large_table_is_validated_in_seconds(pkg, tmp_path):
    """The loader is vectorised: 200,000 rows (Frictionless took about 9 s here) in about a
    second; the bound leaves room for a loaded machine."""
    import time

    n = 200_000
    body = "".join(f"p{i},2019-01-{1 + i % 28:02d},{'V100' if i % 2 else 'K80'},{1 + i % 50}.5,"
                   f"{'true' if i % 3 else 'false'}\n" for i in range(n))
    pkg(prices="price_id,date,accelerator,price_usd,listed\n" + body)
    start = time.perf_counter()
    df = load("prices")
    took = time.perf_counter() - start
    print(f"{n} rows validated and loaded in {took:.2f} s")
    assert len(df) == n and took < 4.0


def test_the_shipped_descriptor_is_also_valid_for_frictionless():
    """The descriptor stays a standard data package (Frictionless checks its structure)."""
    import sys

    sys.modules.setdefault("rfc3987_syntax", None)
    from frictionless import Package

    from aicost.data import descriptor

    report = Package.validate_descriptor(descriptor())
    assert report.valid, report.flatten(["type", "note"])[:3]
