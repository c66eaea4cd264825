"""Bad input: a copy of the dataset corrupted in many distinct ways.

Each case is either rejected with one message naming file, row, column, value and rule, or accepted
harmlessly (and the case says why), or (plausibility, see tests/test_plausibility.py) warned about.
Nothing is dropped silently: an accepted table has exactly the rows of its file. Each case prints
its outcome, so `make badinput` (`pytest -v -s`) lists what happens to every one.
"""

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest

from aicost import datapackage
from aicost.data import DataError, load
from aicost.paths import ROOT


def rows_of(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def write_rows(path, rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def set_cell(path, row, column, value):
    rows = rows_of(path)
    rows[row][rows[0].index(column)] = value
    write_rows(path, rows)


def drop_column(path, column):
    rows = rows_of(path)
    i = rows[0].index(column)
    write_rows(path, [r[:i] + r[i + 1:] for r in rows])


def add_column(path, column):
    rows = rows_of(path)
    write_rows(path, [rows[0] + [column]] + [r + ["x"] for r in rows[1:]])


def duplicate_row(path, row):
    rows = rows_of(path)
    write_rows(path, rows + [rows[row]])


def swap_columns(path, a, b):
    rows = rows_of(path)
    i, j = rows[0].index(a), rows[0].index(b)
    for r in rows:
        r[i], r[j] = r[j], r[i]
    write_rows(path, rows)


def reverse_rows(path):
    rows = rows_of(path)
    write_rows(path, [rows[0]] + rows[1:][::-1])


def cut_last_cell(path, row):
    rows = rows_of(path)
    rows[row] = rows[row][:-1]
    write_rows(path, rows)


def add_cell(path, row):
    rows = rows_of(path)
    rows[row] = rows[row] + ["extra"]
    write_rows(path, rows)


def insert_blank_line(path, row):
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join(lines[:row] + [b""] + lines[row:]))


def latin1_cell(path, row, column):
    set_cell(path, row, column, "caf\u00e9")
    path.write_bytes(path.read_bytes().replace("caf\u00e9".encode(), b"caf\xe9"))


# (case, table, corruption, expected parts of the message) -- expected None means "accepted"
CASES = [
    ("missing column", "cloud_prices",
     lambda p: drop_column(p, "price_per_accelerator_hour_usd"),
     ["cloud_prices.csv", "row 1", "column 'price_per_accelerator_hour_usd'", "missing"]),
    ("extra unknown column", "cloud_prices", lambda p: add_column(p, "my_notes"),
     ["cloud_prices.csv", "row 1", "column 'my_notes'", "not in the schema"]),
    ("columns swapped", "cloud_prices", lambda p: swap_columns(p, "date", "vendor"),
     ["cloud_prices.csv", "row 1", "'vendor'", "expected 'date'", "order"]),
    ("wrong type", "cloud_prices", lambda p: set_cell(p, 3, "price_per_accelerator_hour_usd", "cheap"),
     ["cloud_prices.csv", "row 4", "price_per_accelerator_hour_usd", "'cheap'", "type"]),
    ("unparseable date", "imagenet_training_runs", lambda p: set_cell(p, 2, "date", "2018-02-30"),
     ["imagenet_training_runs.csv", "row 3", "'date'", "2018-02-30", "type"]),
    ("zero cost", "cloud_prices", lambda p: set_cell(p, 5, "price_per_accelerator_hour_usd", "0"),
     ["row 6", "price_per_accelerator_hour_usd", "'0'", "constraint"]),
    ("negative hours", "imagenet_training_runs", lambda p: set_cell(p, 7, "hours_to_target", "-2.5"),
     ["row 8", "hours_to_target", "'-2.5'", "minimum"]),
    ("price per hour out of range", "cloud_prices",
     lambda p: set_cell(p, 9, "price_per_accelerator_hour_usd", "4560"),
     ["row 10", "price_per_accelerator_hour_usd", "'4560'", "maximum"]),
    ("duplicate key", "cloud_prices", lambda p: duplicate_row(p, 1),
     ["cloud_prices.csv", "price_id", "primary-key"]),
    ("unknown accelerator referenced by a run", "imagenet_training_runs",
     lambda p: set_cell(p, 4, "accelerator", "V1000"),
     ["imagenet_training_runs.csv", "row 5", "accelerator", "V1000", "foreign-key"]),
    ("trailing whitespace in a key", "cloud_prices", lambda p: set_cell(p, 2, "price_id", "epoch-x "),
     ["row 3", "price_id", "'epoch-x '", "pattern"]),
    ("trailing whitespace in a foreign key", "imagenet_training_runs",
     lambda p: set_cell(p, 2, "accelerator", "V100 "),
     ["row 3", "accelerator", "'V100 '"]),
    ("empty file", "claims", lambda p: p.write_text(""), ["claims.csv", "row 1", "empty"]),
    ("byte-order mark", "claims", lambda p: p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes()),
     ["claims.csv", "byte-order mark", "without BOM"]),
    ("unknown verdict direction", "claims", lambda p: set_cell(p, 1, "stronger", "bigger"),
     ["claims.csv", "row 2", "stronger", "'bigger'", "enum"]),
    # Spreadsheet booleans: the loader used to read them as missing (all 220 values of a required
    # column vanished); now the schema's trueValues/falseValues (default true/false) are the rule.
    *[(f"boolean written {v}", "llm_api_prices",
       lambda p, v=v: set_cell(p, 1, "is_reasoning_model", v),
       ["llm_api_prices.csv", "row 2", "is_reasoning_model", f"'{v}'", "boolean"])
      for v in ("TRUE", "True", "1", "0")],
    # Numbers Python would parse but the schema's plain decimal does not allow.
    ("underscore in a number", "cloud_prices",
     lambda p: set_cell(p, 3, "price_per_accelerator_hour_usd", "1_68"),
     ["cloud_prices.csv", "row 4", "price_per_accelerator_hour_usd", "'1_68'", "number"]),
    ("non-ASCII digits", "imagenet_training_runs",
     lambda p: set_cell(p, 2, "hours_to_target", "\u0661\u0666\u0668"),
     ["imagenet_training_runs.csv", "row 3", "hours_to_target", "\u0661\u0666\u0668", "number"]),
    ("inf as a number", "cloud_prices", lambda p: set_cell(p, 3, "price_per_accelerator_hour_usd", "inf"),
     ["row 4", "price_per_accelerator_hour_usd", "'inf'", "number"]),
    ("number beyond the float range", "imagenet_training_runs",
     lambda p: set_cell(p, 2, "hours_to_target", "1e400"),
     ["row 3", "hours_to_target", "'1e400'", "finite"]),
    ("NaN as a number", "cloud_prices", lambda p: set_cell(p, 3, "price_per_accelerator_hour_usd", "NaN"),
     ["row 4", "'NaN'", "number"]),
    ("thousands separator", "imagenet_training_runs", lambda p: set_cell(p, 2, "hours_to_target", "1,234"),
     ["row 3", "hours_to_target", "'1,234'", "number"]),
    ("space around a number", "cloud_prices",
     lambda p: set_cell(p, 3, "price_per_accelerator_hour_usd", " 2.5"),
     ["row 4", "' 2.5'", "number"]),
    ("underscore in an integer", "imagenet_training_runs",
     lambda p: set_cell(p, 2, "accelerator_count", "1_6"),
     ["row 3", "accelerator_count", "'1_6'", "integer"]),
    # Dates after today: an error unless the field says "allowFuture": true.
    ("far-future run date", "imagenet_training_runs", lambda p: set_cell(p, 2, "date", "2031-01-01"),
     ["imagenet_training_runs.csv", "row 3", "'date'", "2031-01-01", "future"]),
    ("far-future price date", "cloud_prices", lambda p: set_cell(p, 5, "date", "2031-06-01"),
     ["cloud_prices.csv", "row 6", "'date'", "2031-06-01", "future"]),
    ("empty required cell", "cloud_prices", lambda p: set_cell(p, 2, "date", ""),
     ["row 3", "'date'", "required"]),
    # Records and bytes.
    ("CR-only line endings", "cloud_prices",
     lambda p: p.write_bytes(p.read_bytes().replace(b"\n", b"\r")),
     ["cloud_prices.csv", "row 1", "carriage return", "LF or CRLF"]),
    ("short row", "cloud_prices", lambda p: cut_last_cell(p, 2),
     ["cloud_prices.csv", "row 3", "missing-cell"]),
    ("long row", "cloud_prices", lambda p: add_cell(p, 2), ["cloud_prices.csv", "row 3", "extra-cell"]),
    ("blank row", "cloud_prices", lambda p: insert_blank_line(p, 3),
     ["cloud_prices.csv", "row 4", "blank-row"]),
    ("latin-1 byte", "cloud_prices", lambda p: latin1_cell(p, 2, "notes"),
     ["cloud_prices.csv", "row 3", "not UTF-8"]),
    # Accepted harmlessly: CSV line endings are not data, and row order carries no meaning
    # (every table has a key; analyses sort by date/key themselves).
    ("Windows line endings", "cloud_prices",
     lambda p: p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n")), None),
    ("rows in another order", "imagenet_training_runs", reverse_rows, None),
]


@pytest.fixture
def copy(tmp_path, monkeypatch):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("curation"))
    monkeypatch.setenv("AICOST_DATA", str(target))
    return target


@pytest.mark.parametrize(("case", "table", "corrupt", "expect"), CASES, ids=[c[0] for c in CASES])
def test_corruption(copy, case, table, corrupt, expect):
    path = copy / f"{table}.csv"
    before = len(rows_of(path)) - 1
    corrupt(path)
    datapackage.update()  # as a user would after editing: the checksum is not what fails here
    if expect is None:
        frame = load(table)
        assert len(frame) == before, "accepted, but rows were lost"
        print(f"{case}: accepted harmlessly ({len(frame)} rows, as in the file)")
        return
    with pytest.raises(DataError) as err:
        load(table)
    message = str(err.value)
    print(f"{case}: rejected: {message.splitlines()[0]}")
    for part in expect:
        assert part in message, f"{part!r} not in: {message}"


def test_checksum_mismatch(copy):
    path = copy / "cloud_prices.csv"
    set_cell(path, 1, "notes", "edited without updating the checksum")
    with pytest.raises(DataError) as err:
        load("cloud_prices")
    message = str(err.value)
    print(f"checksum mismatch: rejected: {message.splitlines()[0]}")
    assert "cloud_prices.csv" in message and "hash" in message


def test_register_and_notebooks_must_agree(copy, tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    from aicost.scorecard import check_register

    nb = tmp_path / "01-resnet50-2017-2019.ipynb"
    cell = new_code_cell('show_verdict("made-up-claim")')
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout",
                                           text="Verdict on made-up-claim: SUPPORTED. ...\n")]
    nbformat.write(new_notebook(cells=[cell]), nb)
    problems = check_register([nb])
    print("register vs notebooks:", *problems, sep="\n  ")
    assert any("'made-up-claim', which is not in data/claims.csv" in p for p in problems)
    assert any("prints no verdict on 'resnet50-100x'" in p for p in problems)


def test_notebook_on_corrupted_data_stops_at_the_load_cell(copy):
    """A reader running a notebook on bad data sees the loader's message at the first load."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from aicost.paths import NOTEBOOKS

    set_cell(copy / "cloud_prices.csv", 3, "price_per_accelerator_hour_usd", "cheap")
    datapackage.update()
    nb = nbformat.read(NOTEBOOKS / "00-data.ipynb", as_version=4)
    first_load = next(i for i, c in enumerate(nb.cells)
                      if c.cell_type == "code" and ("load(" in c.source or "overview()" in c.source))
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    with pytest.raises(CellExecutionError) as err:
        client.execute()
    failed = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
              and any(o.get("output_type") == "error" for o in c.get("outputs", []))]
    assert failed == [first_load]
    text = str(err.value)
    assert "DataError" in text and "cloud_prices.csv, row 4" in text and "'cheap'" in text


def test_validation_cache_never_hides_a_failure(copy):
    """A table that passed is remembered, but changing it, or a table its foreign keys point
    to, forces a new check."""
    load("imagenet_training_runs")  # passes and is remembered
    rows = rows_of(copy / "accelerators.csv")
    write_rows(copy / "accelerators.csv", [r for r in rows if r[0] != "K80"])
    datapackage.update()
    with pytest.raises(DataError, match="K80"):
        load("imagenet_training_runs")


# --------------------------------------------------------------------------------------------
# The package itself: descriptor, paths, the commands
# --------------------------------------------------------------------------------------------
def edit_descriptor(folder, change):
    path = folder / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    change(desc)
    path.write_text(json.dumps(desc, indent=2), encoding="utf-8")


def rejected(name, expect):
    with pytest.raises(DataError) as err:
        load(name)
    message = str(err.value)
    print(f"rejected: {message.splitlines()[0]}")
    for part in expect:
        assert part in message, f"{part!r} not in: {message}"
    return message


def test_truncated_descriptor(copy):
    path = copy / "datapackage.json"
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    rejected("cloud_prices", ["datapackage.json", "line", "not valid JSON", "rule"])


def test_primary_key_renamed_only_in_the_descriptor(copy):
    def rename(desc):
        res = next(r for r in desc["resources"] if r["name"] == "cloud_prices")
        res["schema"]["primaryKey"] = ["price_identifier"]
    edit_descriptor(copy, rename)
    rejected("cloud_prices", ["datapackage.json", "cloud_prices", "primaryKey", "'price_identifier'",
                              "rule"])


def test_make_datapackage_after_a_deleted_csv(copy):
    (copy / "ark_points.csv").unlink()
    with pytest.raises(DataError, match="ark_points.csv: file missing"):
        datapackage.update()
    out = subprocess.run([sys.executable, "-m", "aicost.datapackage", "--update"],
                         capture_output=True, text=True)
    print(f"make datapackage after a deleted CSV: exit {out.returncode}: {out.stderr.strip()}")
    assert out.returncode == 1 and "ark_points.csv" in out.stderr and "missing" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("where", ["absolute", "parent", "scheme"])
def test_resource_path_outside_data_is_refused_before_it_is_opened(copy, tmp_path, monkeypatch,
                                                                   where):
    outside = tmp_path / "outside.csv"
    shutil.copy(copy / "cloud_prices.csv", outside)
    path = {"absolute": str(outside), "parent": "../outside.csv",
            "scheme": "file:///" + str(outside).lstrip("/")}[where]
    edit_descriptor(copy, lambda d: next(r for r in d["resources"]
                                         if r["name"] == "cloud_prices").update(path=path))
    opened = []
    real_open = io.open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setattr("builtins.open", spy)
    rejected("cloud_prices", ["datapackage.json", "cloud_prices", "outside the data folder", "rule"])
    assert str(outside) not in opened, f"opened before refusing: {opened}"


def test_csv_symlinked_to_a_file_outside_the_repository(copy, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (copy / "cloud_prices.csv").rename(elsewhere / "cloud_prices.csv")
    (copy / "cloud_prices.csv").symlink_to(elsewhere / "cloud_prices.csv")
    rejected("cloud_prices", ["data/cloud_prices.csv: a symbolic link", "outside the data folder", "rule"])


def test_cli_validates_every_table_and_prints_one_message(copy):
    """llm_api_prices is read by no assessor: the CLI still refuses it, in one message."""
    set_cell(copy / "llm_api_prices.csv", 1, "is_reasoning_model", "TRUE")
    datapackage.update()
    out = subprocess.run([sys.executable, "-m", "aicost", "claims"], capture_output=True, text=True)
    print(f"CLI on an invalid table no assessor reads: exit {out.returncode}: {out.stderr.strip()}")
    assert out.returncode == 1 and out.stdout == ""
    assert "llm_api_prices.csv, row 2, column 'is_reasoning_model', value 'TRUE'" in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_cli_after_an_edit_without_make_datapackage(copy, tmp_path, monkeypatch, capsys):
    """A cached scorecard is never served for data whose bytes changed: the checksum error."""
    from aicost.__main__ import main

    monkeypatch.setenv("AICOST_CACHE", str(tmp_path / "cache"))
    assert main(["claims", "--format", "csv"]) == 0  # computed and cached
    set_cell(copy / "price_tag_inputs.csv", 1, "value", "64")  # no `make datapackage`
    capsys.readouterr()
    assert main(["claims", "--format", "csv"]) == 1
    err = capsys.readouterr().err
    print(f"CLI after an edit without make datapackage: {err.strip().splitlines()[0]}")
    assert "price_tag_inputs.csv" in err and "checksum" in err and "make datapackage" in err
