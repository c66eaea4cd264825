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
    client = NotebookClient(nb, timeout=120, kernel_name="python3", shutdown_kernel="immediate",
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
    """The CLI's remembered check and output are never served for data whose bytes changed: the
    checksum error. (Both are remembered here as markers, so that serving them shows.)"""
    from aicost import cache
    from aicost.__main__ import main, rendered_key

    monkeypatch.setenv("AICOST_CACHE", str(tmp_path / "cache"))
    dataset = cache.fingerprint()
    cache.disk_put("validated", cache.results_key(dataset), [])
    cache.disk_put("rendered", rendered_key(dataset, "csv"), "from-the-cache")
    assert main(["claims", "--format", "csv"]) == 0
    assert capsys.readouterr().out == "from-the-cache\n"  # served while nothing changed
    set_cell(copy / "price_tag_inputs.csv", 1, "value", "64")  # no `make datapackage`
    assert main(["claims", "--format", "csv"]) == 1
    captured = capsys.readouterr()
    err = captured.err
    print(f"CLI after an edit without make datapackage: {err.strip().splitlines()[0]}")
    assert "price_tag_inputs.csv" in err and "checksum" in err and "make datapackage" in err
    assert "from-the-cache" not in captured.out


# --------------------------------------------------------------------------------------------
# Issue 24: every bad input, setting and failed write ends in the one error type, one message,
# exit status 1 (each case prints its class and message, so `make badinput` lists them)
# --------------------------------------------------------------------------------------------
def cli(*args, env=None):
    import os

    full = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "aicost", "claims", *args], capture_output=True,
                          text=True, env=full)


def main_in_process(*args, env):
    """What ``python -m aicost claims ARGS`` with ``env`` added prints and returns, run here: its
    ``main`` in this process (the same code as the process, without starting Python and importing
    pandas for each case). The process around ``main`` (its exit status, nothing else printed) is
    checked by the cases that start one: every table validated, a bad seed, a full disk."""
    import contextlib
    import io
    from types import SimpleNamespace

    from aicost.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["claims", *args])
    return SimpleNamespace(returncode=status, stdout=out.getvalue(), stderr=err.getvalue())


def one_message(out, klass, case, expect):
    err = out.stderr.strip()
    print(f"{klass}: {case}: exit {out.returncode}: {err.splitlines()[-1] if err else ''}")
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr
    for part in expect:
        assert part in out.stderr, f"{part!r} not in: {out.stderr}"


def every_table():
    from aicost.data import tables

    return tables()


@pytest.mark.parametrize("table", every_table())
def test_unterminated_quote_near_the_end_of_every_table(copy, table):
    """An opening quote never closed, in the last row: the Python CSV reader would take the rest
    of the file as one cell, pandas' parser refuses it; either way one message naming the row."""
    path = copy / f"{table}.csv"
    raw = path.read_bytes().rstrip(b"\n")
    quoted = raw.rfind(b',"')
    if quoted > 0:  # the file is cut inside its last quoted cell: the quote is never closed
        corrupt = raw[:quoted + 2] + b"never closed\n"
    else:  # no quoted cell: a quote opens the last row's last cell
        corrupt = raw[:raw.rfind(b",") + 1] + b'"never closed\n'
    path.write_bytes(corrupt)
    datapackage.update()
    message = rejected(table, [f"{table}.csv", "row"])
    line = corrupt[:corrupt.rfind(b'"')].count(b"\n") + 1
    assert f"row {line}" in message or "quote" in message
    print(f"traceback class (CSV quote): {table}: {message.splitlines()[0]}")


@pytest.mark.parametrize("table", ["cloud_prices", "claims", "transistor_counts"])
def test_symbolic_link_loop_in_place_of_a_table(copy, table):
    path = copy / f"{table}.csv"
    path.unlink()
    (copy / "loop.csv").symlink_to(path)
    path.symlink_to(copy / "loop.csv")
    message = rejected(table, [f"{table}.csv", "cannot be resolved", "rule"])
    print(f"traceback class (symlink loop): {table}: {message}")
    out = main_in_process(env={"AICOST_DATA": str(copy), "AICOST_NO_CACHE": "1"})
    one_message(out, "traceback class (symlink loop)", f"CLI, {table}", [f"{table}.csv"])


def test_a_table_that_is_a_directory(copy):
    path = copy / "cloud_prices.csv"
    path.unlink()
    path.mkdir()
    rejected("cloud_prices", ["cloud_prices.csv"])


SEEDS = [("abc", False), ("-1", False), ("1e3", False), ("4294967296", False), (" 5", False),
         ("+5", False), ("5.0", False), ("\u0663", False), ("0x10", False), ("", True),
         ("0", True), ("4294967295", True)]


@pytest.mark.parametrize(("value", "ok"), SEEDS, ids=[repr(s) for s, _ in SEEDS])
def test_aicost_seed_values(value, ok):
    from aicost.errors import DataError as Error
    from aicost.settings import parse_seed

    if ok:
        seed = parse_seed(value)
        print(f"environment (AICOST_SEED={value!r}): accepted as {seed}")
        assert 0 <= seed < 2**32
        return
    with pytest.raises(Error) as err:
        parse_seed(value)
    print(f"environment (AICOST_SEED={value!r}): {err.value}")
    assert "AICOST_SEED" in str(err.value) and repr(value) in str(err.value)


@pytest.mark.parametrize("value", ["abc", "-1", "1e3"])
def test_cli_with_a_bad_seed_says_so_once(value, tmp_path):
    out = cli(env={"AICOST_SEED": value, "AICOST_CACHE": str(tmp_path)})
    one_message(out, "environment", f"CLI with AICOST_SEED={value!r}",
                ["AICOST_SEED", repr(value), "whole number"])
    assert out.stdout == "" and len(out.stderr.strip().splitlines()) == 1


def test_loading_with_a_bad_seed_raises_the_one_error(monkeypatch):
    """Inside a notebook too: a bad seed never gives a result computed with another seed."""
    from aicost import settings

    monkeypatch.setitem(settings._used, "seed", settings.parse_seed.__globals__["DataError"](
        "environment variable AICOST_SEED, value 'abc': not accepted"))
    with pytest.raises(DataError, match="AICOST_SEED"):
        load("claims")


def test_output_to_a_full_disk():
    import os

    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    import shlex

    # The session's cache (the scorecard is the same whether it is computed or read): what is
    # checked is the write of the output, which comes last either way.
    out = subprocess.run(f"{shlex.quote(sys.executable)} -m aicost claims > /dev/full",
                         shell=True, capture_output=True, text=True)
    one_message(out, "I/O", "output to a full disk", ["cannot write the output",
                                                       "No space left on device"])


def test_cache_folder_unwritable_is_not_an_error(cold_scorecards):
    """A cache that cannot be written (a file where its folder should be) is skipped and the
    result recomputed, not an error: the cold CLI run of the seed-stability check that has such a
    cache (tests/conftest.py) exits 0 with its scorecard and no traceback."""
    seed = cold_scorecards.unwritable_cache_seed
    scorecard = cold_scorecards([seed])[seed]
    status, err = cold_scorecards.exits[seed]
    print(f"I/O: cache folder is a file: exit {status}")
    assert status == 0 and "Traceback" not in err and scorecard


def test_a_band_low_above_band_high_in_the_register(copy):
    set_cell(copy / "claims.csv", 1, "band_low", "1000")
    datapackage.update()
    out = main_in_process(env={"AICOST_DATA": str(copy), "AICOST_NO_CACHE": "1"})
    one_message(out, "traceback class (register)", "band_low above band_high",
                ["claims.csv, row 2", "band_low", "'1000'", "band-order"])


def test_an_assessed_claim_deleted_from_the_register(copy):
    rows = rows_of(copy / "claims.csv")
    write_rows(copy / "claims.csv", [rows[0]] + rows[2:])
    datapackage.update()
    out = main_in_process(env={"AICOST_DATA": str(copy), "AICOST_NO_CACHE": "1"})
    one_message(out, "traceback class (register)", "an assessed claim deleted",
                ["claims.csv", "claim_id", repr(rows[1][0]), "not in the register"])


def required_text_fields():
    from aicost.data import descriptor

    return [(r["name"], f["name"]) for r in descriptor()["resources"]
            for f in r["schema"]["fields"]
            if f.get("type", "string") == "string" and f.get("constraints", {}).get("required")]


@pytest.mark.parametrize("table", sorted({t for t, _ in required_text_fields()}))
def test_required_text_of_only_whitespace_is_refused_in_every_table(copy, table):
    """A required text field (a source, a note the schema requires, a key) must hold text: one
    space, a tab or a non-breaking space is not text. Every such field of the table at once:
    the message counts them all."""
    fields = [f for t, f in required_text_fields() if t == table]
    rows = rows_of(copy / f"{table}.csv")
    blanks = [" ", "\t", "\u00a0"]
    for k, name in enumerate(fields):
        rows[1][rows[0].index(name)] = blanks[k % len(blanks)]
    write_rows(copy / f"{table}.csv", rows)
    datapackage.update()
    with pytest.raises(DataError) as err:
        load(table)
    message = str(err.value)
    print(f"accepted-blank class: {table}: {len(fields)} required text fields: "
          f"{message.splitlines()[0]}")
    assert f"{table}.csv, row 2" in message
    # each field is refused (as whitespace, or by its pattern or enum); none loads
    for name in fields[:5]:
        assert f"column {name!r}" in message
    if len(fields) > 1:
        assert f"{len(fields)} problems" in message or "more" in message


@pytest.mark.parametrize("where", ["missing folder", "a file", "empty folder"])
def test_aicost_data_pointing_nowhere(tmp_path, where):
    target = tmp_path / "data"
    if where == "a file":
        target.write_text("not a folder")
    elif where == "empty folder":
        target.mkdir()
    out = main_in_process(env={"AICOST_DATA": str(target), "AICOST_NO_CACHE": "1"})
    one_message(out, "environment", f"AICOST_DATA = {where}", ["datapackage.json", "missing"])
