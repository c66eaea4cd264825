"""Curated tables against reference values taken from the raw sources, shipped with the tests
(tests/reference/values.csv, written by tests/reference/extract.py), so the cross-check runs on
every checkout, with or without ../shared. A unit slip in any of these cells (a FLOP count x10, a
price in cents, minutes as hours) fails here, naming table, key and column."""

import csv
import math
from collections import defaultdict

import pytest

from aicost import load
from aicost.data import resource
from aicost.paths import ROOT

HERE = ROOT / "tests" / "reference"
SOURCES = ROOT.parent / "shared" / "sources"


def reference() -> dict[str, list[dict]]:
    by_table = defaultdict(list)
    with open(HERE / "values.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            by_table[r["table"]].append(r)
    return dict(by_table)


REFERENCE = reference()


@pytest.mark.parametrize("table", sorted(REFERENCE))
def test_table_agrees_with_the_reference_values(table):
    frame = load(table)
    key = resource(table)["schema"]["primaryKey"]
    key = [key] if isinstance(key, str) else key
    index = {",".join(str(v) for v in row): i
             for i, row in enumerate(frame[key].astype(str).itertuples(index=False))}
    bad = []
    for ref in REFERENCE[table]:
        i = index.get(ref["key"])
        assert i is not None, f"{table}: no row with key {ref['key']!r} (reference {ref['source']})"
        got = frame[ref["column"]].iloc[i]
        missing = got is None or (isinstance(got, float) and math.isnan(got))
        if ref["value"] == "":
            ok = missing
        else:
            ok = not missing and math.isclose(float(got), float(ref["value"]),
                                              rel_tol=float(ref["tolerance"]))
        if not ok:
            bad.append(f"{table}[{ref['key']}].{ref['column']} = {got!r}, source says "
                       f"{ref['value']} ({ref['source']})")
    assert not bad, f"{len(bad)} cell(s) differ from the sources:\n" + "\n".join(bad[:10])
    print(f"{table}: {len(REFERENCE[table])} values agree with the sources")


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources not present: the shipped "
                    "reference values are used as they are")
def test_shipped_reference_values_are_what_the_sources_say():
    import importlib.util

    spec = importlib.util.spec_from_file_location("extract", HERE / "extract.py")
    extract = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extract)
    assert (HERE / "values.csv").read_text(encoding="utf-8") == extract.render(), (
        "tests/reference/values.csv is stale: run python tests/reference/extract.py")
