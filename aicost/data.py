"""Load a table of the dataset, validated against its description in data/datapackage.json.

``load("cloud_prices")`` returns a typed DataFrame or raises :class:`DataError` (the package's
one error type, :mod:`aicost.errors`), one message that names the file, the row (the header is
row 1), the column, the offending value and the rule it breaks; a file that cannot be read or
resolved (permissions, a symbolic-link loop) is the same error, naming the path. Nothing is
dropped or guessed: a table either loads whole, with as many rows as the file has and every cell
exactly as validated, or does not load.

The validator *is* the loader: each column is parsed by the rules of its schema field, and a
cell the parser would not turn into exactly one value of the field's type is an error, not a
missing value. So nothing can pass validation and then load differently (the Frictionless
validator that this module used to call accepted ``TRUE``/``1`` as booleans, ``1_68``, ``inf``
and ``1e400`` as numbers, which pandas then read as missing or infinite). The rules, all read
from the descriptor:

- file: inside the data folder (no absolute path, ``..`` or symbolic link leading out of it,
  refused before the file is opened), present, non-empty, UTF-8 without byte-order mark, LF or
  CRLF line endings, size and sha256 as recorded;
- header: exactly the schema's columns, in its order; every row as many cells as the header, no
  blank row;
- types: ``string``; ``number`` (ASCII digits, optional sign, decimal point and exponent, finite
  as a 64-bit float); ``integer`` (ASCII digits, optional sign, at most 18 digits); ``boolean``
  (the field's ``trueValues``/``falseValues``, default ``true``/``false``); ``date``
  (``YYYY-MM-DD``, a real calendar day, not after today, in UTC, unless the field says ``"allowFuture":
  true``); ``year`` (four digits); cells in the schema's ``missingValues`` (default: the empty
  string) are missing;
- constraints: ``required`` (for text: at least one character that is not whitespace),
  ``unique``, ``enum``, ``pattern`` (whole value), ``minLength``, ``maxLength``, ``minimum``,
  ``maximum``, ``exclusiveMinimum``, ``exclusiveMaximum``;
- keys: primary key present and unique; every foreign key found in the table it references.

It is vectorised (pandas' C parser and column operations, no Python loop per row), so a table of
a million rows validates in seconds. Results are remembered in the process by
:mod:`aicost.cache`, keyed on the bytes of the whole dataset at the time of the call and on
every other input (:func:`aicost.cache.inputs`: the seed, the validation date, the code).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import operator
import re
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from aicost import cache, plausibility, settings
from aicost.errors import DataError, io_error
from aicost.paths import ROOT, data_dir, shown

__all__ = ["DataError", "load", "tables", "validate_all", "warnings_all", "plausibility_report"]

DESCRIPTOR = "datapackage.json"
MAX_LISTED = 5
CACHE = ROOT / ".cache" / "validated"  # kept for callers that locate .cache/ through it

TYPES = ("string", "number", "integer", "boolean", "date", "year")
CONSTRAINTS = ("required", "unique", "enum", "pattern", "minLength", "maxLength", "minimum",
               "maximum", "exclusiveMinimum", "exclusiveMaximum")
NUMBER_CHARS = re.compile(r"[^0-9eE+\-.]")
INTEGER_CHARS = re.compile(r"[^0-9+\-]")
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
YEAR = re.compile(r"[0-9]{4}")


def today() -> _dt.date:
    """The date future-dated cells are compared with (:func:`aicost.settings.today`: in UTC, and
    part of every cache key)."""
    return settings.today()


# ------------------------------------------------------------------------------------------
# The descriptor
# ------------------------------------------------------------------------------------------
def descriptor() -> dict:
    """The parsed data/datapackage.json (a fresh copy on every call), checked for structure:
    a broken descriptor raises :class:`DataError` naming the file and what is wrong."""
    path = data_dir() / DESCRIPTOR
    if not path.is_file():
        raise DataError(f"{shown(path)}: missing; the dataset has no description")
    try:
        text = path.read_bytes()
    except OSError as err:
        raise io_error(err, f"{shown(path)}: cannot be read; rule: the descriptor is readable;"
                       ) from None
    try:
        desc = json.loads(text.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise DataError(f"{shown(path)}, byte {err.start}: not UTF-8; rule: the descriptor is "
                        "UTF-8 JSON") from None
    except json.JSONDecodeError as err:
        raise DataError(
            f"{shown(path)}, line {err.lineno}, column {err.colno}: not valid JSON ({err.msg}); "
            "rule: the descriptor is one complete JSON document (truncated? restore it with "
            f"`git checkout data/{DESCRIPTOR}`, then `make datapackage`)") from None
    _check_descriptor(path, desc)
    return desc


def _check_descriptor(path: Path, desc) -> None:
    where = shown(path)

    def fail(what: str, rule: str):
        raise DataError(f"{where}, {what}; rule: {rule}")

    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
        fail("key 'resources': missing or not a list", "a data package lists its resources")
    names = []
    for i, res in enumerate(desc["resources"]):
        if not isinstance(res, dict) or not isinstance(res.get("name"), str):
            fail(f"resources[{i}]: no name", "every resource has a name")
        name = res["name"]
        if name in names:
            fail(f"resource {name!r}: described twice", "resource names are unique")
        names.append(name)
        schema = res.get("schema")
        if not isinstance(res.get("path"), str):
            fail(f"resource {name!r}, key 'path': missing or not a string",
                 "every resource has a path")
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            fail(f"resource {name!r}, key 'schema.fields': missing", "every resource has a schema")
        seen = []
        for field in schema["fields"]:
            if not isinstance(field, dict) or not isinstance(field.get("name"), str):
                fail(f"resource {name!r}: a field without a name", "every field has a name")
            fname = field["name"]
            at = f"resource {name!r}, field {fname!r}"
            if fname in seen:
                fail(f"{at}: described twice", "field names are unique")
            seen.append(fname)
            kind = field.get("type", "string")
            if kind not in TYPES:
                fail(f"{at}, key 'type', value {kind!r}: not supported",
                     f"field types are {', '.join(TYPES)}")
            cons = field.get("constraints", {})
            if not isinstance(cons, dict):
                fail(f"{at}, key 'constraints': not an object", "constraints are an object")
            for key in cons:
                if key not in CONSTRAINTS:
                    fail(f"{at}, constraint {key!r}: not supported",
                         f"constraints are {', '.join(CONSTRAINTS)}")
            if "pattern" in cons:
                try:
                    re.compile(cons["pattern"])
                except (re.error, TypeError) as err:
                    fail(f"{at}, constraint 'pattern', value {cons['pattern']!r}: {err}",
                         "a pattern is a regular expression")
            if "enum" in cons and not isinstance(cons["enum"], list):
                fail(f"{at}, constraint 'enum': not a list", "enum lists the allowed values")
        pk = schema.get("primaryKey", [])
        for key in [pk] if isinstance(pk, str) else pk:
            if key not in seen:
                fail(f"resource {name!r}, key 'schema.primaryKey', value {key!r}: not a field of "
                     f"the table (fields: {', '.join(seen)})",
                     "primary-key fields must be fields of the schema")
    fields_of = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in desc["resources"]}
    for res in desc["resources"]:
        name = res["name"]
        for fk in res["schema"].get("foreignKeys", []):
            own = _as_list(fk.get("fields"))
            ref = fk.get("reference", {}) or {}
            target = ref.get("resource") or name
            theirs = _as_list(ref.get("fields"))
            for key in own:
                if key not in fields_of[name]:
                    fail(f"resource {name!r}, key 'schema.foreignKeys', value {key!r}: not a field "
                         "of the table", "foreign-key fields must be fields of the schema")
            if target not in fields_of:
                fail(f"resource {name!r}, foreign key to {target!r}: no such resource",
                     "a foreign key references a described resource")
            for key in theirs:
                if key not in fields_of[target]:
                    fail(f"resource {name!r}, foreign key to {target!r}, value {key!r}: not a "
                         f"field of {target!r}", "a foreign key references described fields")
            if len(own) != len(theirs):
                fail(f"resource {name!r}, foreign key {own}: {len(own)} field(s) against "
                     f"{len(theirs)}", "a foreign key pairs its fields one to one")


def _as_list(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def tables() -> list[str]:
    """Names of every table described in data/datapackage.json, in their order there."""
    return [r["name"] for r in _descriptor()["resources"]]


@cache.memo(maxsize=4)
def _descriptor() -> dict:
    """:func:`descriptor`, read and checked once per state of the dataset, for the loader's own
    use (shared, never modified: callers outside this module get a fresh copy from
    :func:`descriptor`)."""
    return descriptor()


def resource(name: str, desc: dict | None = None) -> dict:
    """The descriptor of one table."""
    desc = desc if desc is not None else descriptor()
    for res in desc["resources"]:
        if res["name"] == name:
            return res
    names = ", ".join(r["name"] for r in desc["resources"])
    raise DataError(f"no table named {name!r} in data/{DESCRIPTOR}; tables: {names}")


def table_path(res: dict) -> Path:
    """Where a resource's file is, refused (before anything is opened) unless it lies inside the
    data folder, following symbolic links."""
    rel = res.get("path")
    where = f"data/{DESCRIPTOR}, resource {res.get('name')!r}, key 'path', value {rel!r}"
    rule = "rule: a resource path is relative and stays inside the data folder"
    if not isinstance(rel, str) or not rel.strip():
        raise DataError(f"{where}: empty; {rule}")
    pure = PurePosixPath(rel)
    if (pure.is_absolute() or ".." in pure.parts or "\\" in rel or ":" in rel
            or rel.startswith("~")):
        raise DataError(f"{where}: points outside the data folder; {rule}")
    try:
        folder = data_dir().resolve()
        path = folder / pure
        real = path.resolve()
    except (OSError, RuntimeError) as err:  # a symbolic-link loop (RuntimeError before 3.13)
        why = (err.strerror if isinstance(err, OSError) and err.strerror
               else "a loop of symbolic links")
        raise DataError(f"data/{pure.as_posix()}: cannot be resolved ({why}); {rule} (a "
                        "symbolic link that points back to itself? replace it by the file)"
                        ) from None
    if not real.is_relative_to(folder):
        raise DataError(f"{shown(folder)}/{pure.as_posix()}: a symbolic link to a file outside the "
                        "data folder; "
                        f"{rule} (copy the file into data/ instead of linking it)")
    return path


# ------------------------------------------------------------------------------------------
# Loading
# ------------------------------------------------------------------------------------------
def load(name: str) -> pd.DataFrame:
    """Read table ``name`` from data/, validate it and return it with typed columns.

    Dates become ``datetime64``, integers nullable ``Int64``, numbers ``float64``, booleans
    ``boolean``; missing cells are missing values. Raises :class:`DataError` on any problem.
    Each call checks the dataset's bytes (:func:`aicost.cache.fingerprint`) before a remembered
    table is served, and hands out a copy.
    """
    return _load(name)


def _load(name: str) -> pd.DataFrame:
    return _checked(name)[0]


def _warnings(name: str) -> list:
    """The plausibility warnings of one table (see :mod:`aicost.plausibility`): not the
    findings accepted in data/plausibility_accepted.csv."""
    return [f for f in _checked(name)[1] if f.level != plausibility.ACCEPTED]


def accepted_all() -> list:
    """Every plausibility finding accepted in data/plausibility_accepted.csv, with its reason."""
    return [f for name in tables() for f in _checked(name)[1]
            if f.level == plausibility.ACCEPTED]


@cache.memo(maxsize=64)
def _checked(name: str):
    desc = _descriptor()
    _LOADING.append(name)
    try:
        frame, _ = _read_valid(name, desc)
    finally:
        _LOADING.pop()
    key = _as_list(resource(name, desc)["schema"].get("primaryKey"))
    found = plausibility.check(name, frame, _load, key)
    return frame, tuple(found)


_LOADING: list[str] = []  # tables being loaded (a cycle of foreign keys stops here)


def warnings_all() -> list:
    """The plausibility warnings of every rule on the whole dataset (loads every table, so any
    error raises first)."""
    out = []
    for name in tables():
        out.extend(_warnings(name))
    return out


def plausibility_report() -> list[str]:
    """Print (and return) every plausibility warning of the dataset, one line each."""
    lines = [f"warning: {w.message()}" for w in warnings_all()]
    print("\n".join(lines) if lines else "plausibility: no warnings")
    counts: dict = {}
    for f in accepted_all():
        counts[(f.table, f.rule)] = counts.get((f.table, f.rule), 0) + 1
    if counts:
        print(f"accepted, each with its reason in data/{plausibility.ACCEPTED_TABLE}.csv: "
              + "; ".join(f"{t} {r} {n}" for (t, r), n in sorted(counts.items())))
    return lines


def validate_all() -> dict[str, int]:
    """Load every table of the package (so every rule above is checked); returns row counts.
    Raises :class:`DataError` with the first problem found."""
    return {name: len(load(name)) for name in tables()}


def _read_valid(name: str, desc: dict):
    res = resource(name, desc)
    path = table_path(res)
    raw = _preflight(path)
    fields = res["schema"]["fields"]
    expected = [f["name"] for f in fields]
    header, lengths = _records(path, raw)
    _check_header(path, header, expected)
    _check_records(path, lengths, len(expected))
    problems = Problems(path)
    _check_facts(path, raw, res, problems)
    try:
        strings = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False,
                              na_filter=False, skip_blank_lines=False, encoding="utf-8")
    except pd.errors.ParserError as err:
        raise DataError(_parser_message(path, raw, err)) from None
    del raw  # a large file is not held twice
    if len(strings) != len(lengths) - 1:  # pragma: no cover - a guard, not an expected path
        raise DataError(f"{shown(path)}: pandas read {len(strings)} rows where the CSV reader "
                        f"saw {len(lengths) - 1}; rule: one record per row")
    missing_values = res["schema"].get("missingValues", [""])
    typed = {}
    for field in fields:
        typed[field["name"]] = _field(strings[field["name"]], field, missing_values, problems)
    frame = pd.DataFrame(typed, index=pd.RangeIndex(len(strings)))
    _check_primary_key(frame, strings, res["schema"], problems)
    for fk in res["schema"].get("foreignKeys", []):
        _check_foreign_key(name, frame, strings, fk, problems)
    problems.raise_any()
    return frame, len(frame)


def _preflight(path: Path) -> bytes:
    if not path.is_file():
        raise DataError(f"{shown(path)}: file missing (it is listed in data/{DESCRIPTOR}); "
                        "rule: every resource's file exists (restore it, or remove the resource "
                        f"from data/{DESCRIPTOR})")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise io_error(err, f"{shown(path)}: cannot be read; rule: every resource's file is "
                            "readable;") from None
    if not raw or raw.isspace():
        raise DataError(f"{shown(path)}, row 1: the file is empty; rule: a header row is required")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError(
            f"{shown(path)}, row 1, column 1: the file starts with a byte-order mark (EF BB BF); "
            "rule: UTF-8 without BOM (re-save it without the mark)"
        )
    if b"\r" in raw and raw.count(b"\r\n") != raw.count(b"\r"):
        line = raw[:raw.index(b"\r") + 1].count(b"\n") + 1
        if b"\n" not in raw:
            what = "lines end in a bare carriage return (CR, old Mac style)"
        else:
            what = "a bare carriage return (CR) inside or at the end of a line"
        raise DataError(f"{shown(path)}, row {line}: {what}; rule: lines end in LF or CRLF "
                        "(re-save the file with Unix or Windows line endings)")
    return raw


def _parser_message(path: Path, raw: bytes, err: Exception) -> str:
    """One message for a file pandas' CSV parser refuses (the Python reader, more lenient, let
    it through): an opening quote that is never closed is located on its line."""
    if raw.count(b'"') % 2:
        parity, start = 0, None
        for number, line in enumerate(raw.split(b"\n"), start=1):
            before = parity
            parity = (parity + line.count(b'"')) % 2
            if before == 0 and parity == 1:
                start = number
        if start is not None:
            return (f"{shown(path)}, row {start}: a quote (\") opens a cell here and is never "
                    "closed, so the rest of the file would be one cell; rule: RFC 4180 CSV (close "
                    "the quote, or double it as \"\" inside a quoted cell)")
    detail = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
    return f"{shown(path)}: not readable as CSV ({detail}); rule: RFC 4180 CSV"


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[:err.start]
        row = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = before[line_start:].decode("utf-8", errors="replace").count(",") + 1
        bad = raw[err.start:err.start + 4]
        raise DataError(f"{shown(path)}, row {row}, column {column}, value {bad!r}: not UTF-8 "
                        f"({err.reason}); rule: encoding utf-8 (re-save the file as UTF-8)") from None


def _records(path: Path, raw: bytes) -> tuple[list[str], np.ndarray]:
    """The header and the number of cells of every record (header included), read as CSV
    (streaming, so a large file is never held twice in memory as text)."""
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", newline="")
    reader = csv.reader(stream)
    try:
        header = next(reader, [])
        lengths = np.fromiter(map(len, reader), dtype=np.int64)
    except UnicodeDecodeError:
        _decode(path, raw)
        raise
    except csv.Error as err:
        raise DataError(f"{shown(path)}, row {reader.line_num}: not readable as CSV ({err}); "
                        "rule: RFC 4180 CSV") from None
    return header, np.concatenate([[len(header)], lengths])


def _check_header(path: Path, header: list[str], expected: list[str]) -> None:
    """Name missing, unknown or reordered columns plainly."""
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    where = f"{shown(path)}, row 1 (header)"
    if missing:
        raise DataError(f"{where}, column {missing[0]!r}: missing; rule: the schema in "
                        f"data/{DESCRIPTOR} requires it" + _others(missing))
    if extra:
        raise DataError(f"{where}, column {extra[0]!r}: not in the schema; rule: every column "
                        f"must be described in data/{DESCRIPTOR}" + _others(extra))
    if header != expected:
        i = next(k for k, (a, b) in enumerate(zip(header, expected, strict=False)) if a != b)
        raise DataError(f"{where}, column {i + 1}, value {header[i]!r}: expected {expected[i]!r}; "
                        "rule: columns in the order of the schema")


def _check_records(path: Path, lengths: np.ndarray, width: int) -> None:
    """Every record has exactly ``width`` cells and none is blank (pandas would pad a short
    row with empty cells and skip or pad a blank one, so this is checked on the records)."""
    bad = np.flatnonzero(lengths[1:] != width)
    if not len(bad):
        return
    problems = Problems(path)
    for i in bad[:MAX_LISTED]:
        n = int(lengths[i + 1])
        if n == 0:
            problems.add_one(i + 2, None, None, "blank-row", "a blank row")
        else:
            problems.add_one(i + 2, None, None, "extra-cell" if n > width else "missing-cell",
                             f"{n} cells, the header has {width}")
    problems.extra = len(bad) - min(len(bad), MAX_LISTED)
    problems.raise_any()


def _others(names: list[str]) -> str:
    return f" (also: {', '.join(names[1:])})" if len(names) > 1 else ""


# ------------------------------------------------------------------------------------------
# Cells
# ------------------------------------------------------------------------------------------
class Problems:
    """Bad cells of one file, kept as (row, column, value, rule, note) for the first few and a
    count for the rest; :meth:`raise_any` raises the one message."""

    def __init__(self, path: Path):
        self.path = path
        self.items: list[tuple] = []
        self.count = 0
        self.extra = 0
        self.order: dict[str, int] = {}

    def add(self, mask, column: str, values: pd.Series, rule: str, note: str) -> None:
        mask = np.asarray(mask, dtype=bool)
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        self.count += len(idx)
        for i in idx[:MAX_LISTED]:
            self.items.append((int(i) + 2, column, values.iloc[int(i)], rule, note))

    def add_one(self, row, column, value, rule: str, note: str) -> None:
        self.count += 1
        self.items.append((row, column, value, rule, note))

    def _line(self, item) -> str:
        row, column, value, rule, note = item
        where = [shown(self.path)]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        if value is not None:
            where.append(f"value {value!r}")
        return f"{', '.join(where)}: {note} [rule: {rule}]"

    def raise_any(self) -> None:
        if not self.items:
            return
        items = sorted(self.items, key=lambda t: (t[0] is None, t[0] or 0))
        lines = [self._line(t) for t in items[:MAX_LISTED]]
        total = self.count + self.extra
        if total == 1:
            raise DataError(lines[0])
        more = total - len(lines)
        tail = f"\n  ... and {more} more" if more > 0 else ""
        rest = "\n  ".join(lines[1:])
        raise DataError(f"{lines[0]}\n({total} problems in {shown(self.path)}; the others:)"
                        + (f"\n  {rest}" if rest else "") + tail)


def _field(col: pd.Series, field: dict, missing_values: list[str], problems: Problems):
    """The typed column for one field; bad cells go to ``problems``."""
    name, kind = field["name"], field.get("type", "string")
    cons = field.get("constraints", {})
    missing = col.isin(missing_values).to_numpy() if missing_values != [""] else \
        (col == "").to_numpy()
    present = ~missing
    if cons.get("required"):
        problems.add(missing, name, col, "constraint-error: required",
                     "empty, but the field is required")
    values = col if missing_values == [""] else col.where(present, "")
    bad = np.zeros(len(col), dtype=bool)
    if kind == "number":
        bad = _bad_chars(values, present, NUMBER_CHARS)
        num = pd.to_numeric(values.where(~bad, "") if bad.any() else values,
                            errors="coerce").astype("float64")
        nonfinite = present & ~bad & ~np.isfinite(num.to_numpy())
        bad |= present & ~bad & num.isna().to_numpy()
        problems.add(bad, name, col, "type-error: number",
                     "not a number (plain decimal: ASCII digits, '.', optional sign and exponent; "
                     "no spaces, separators or words)")
        problems.add(nonfinite & ~bad, name, col, "type-error: number",
                     "not a finite number (out of the range of a 64-bit float)")
        bad |= nonfinite
        out = num.where(~bad) if bad.any() else num
    elif kind in ("integer", "year"):
        bad = _bad_chars(values, present, INTEGER_CHARS)
        ok = present & ~bad
        pattern = YEAR if kind == "year" else INTEGER
        bad |= present & ~bad & ~_fullmatch(values, ok, pattern.pattern)
        problems.add(bad, name, col, f"type-error: {kind}",
                     "not a four-digit year" if kind == "year" else
                     "not an integer (ASCII digits with an optional sign, at most 18 digits)")
        out = pd.to_numeric(values.where(present & ~bad) if (bad | missing).any()
                            else values).astype("Int64")
    elif kind == "boolean":
        trues = field.get("trueValues", ["true"])
        falses = field.get("falseValues", ["false"])
        is_true = col.isin(trues).to_numpy()
        is_false = col.isin(falses).to_numpy()
        bad = present & ~is_true & ~is_false
        problems.add(bad, name, col, "type-error: boolean",
                     f"not a boolean (write {'/'.join(trues)} or {'/'.join(falses)})")
        out = pd.Series(pd.array(np.where(is_true, True, False), dtype="boolean"))
        out[~(is_true | is_false)] = pd.NA
    elif kind == "date":
        shape = _fullmatch(values, present, DATE.pattern)
        parsed = pd.to_datetime(values.where(present & shape), format="%Y-%m-%d",
                                errors="coerce")
        bad = present & ~(shape & parsed.notna().to_numpy())
        problems.add(bad, name, col, "type-error: date",
                     "not a calendar date written YYYY-MM-DD")
        if not field.get("allowFuture"):
            limit = pd.Timestamp(today())
            future = present & ~bad & (parsed > limit).to_numpy()
            problems.add(future, name, col, "date-not-in-future",
                         f"after today ({today().isoformat()}); the field does not allow future "
                         "dates (a typo? else mark the field \"allowFuture\": true)")
            bad |= future
        out = parsed.where(~bad) if bad.any() else parsed
    else:
        if cons.get("required"):
            blank = present & _blank_text(values, present)
            problems.add(blank, name, col, "constraint-error: required",
                         "only whitespace, but the field is required (it must hold text)")
            bad |= blank
        out = col.where(present) if missing.any() else col
    ok = present & ~bad
    _check_constraints(col, out, kind, cons, ok, name, problems)
    return out


def _blank_text(values: pd.Series, present: np.ndarray) -> np.ndarray:
    """Cells (among ``present``) holding nothing but whitespace (spaces, tabs, non-breaking
    spaces, ...): a required text field must hold text."""
    if not present.any():
        return np.zeros(len(values), dtype=bool)
    stripped = values.str.strip()
    return present & (stripped == "").to_numpy(dtype=bool)


def _joined(values: pd.Series, where: np.ndarray) -> str | None:
    """The cells at ``where`` joined by newlines, or None when a cell itself holds a newline
    (then the fast whole-column checks below cannot tell cells apart)."""
    cells = values[where].tolist()
    joined = "\n".join(cells)
    return joined if joined.count("\n") == len(cells) - 1 else None


def _bad_chars(values: pd.Series, present: np.ndarray, chars: re.Pattern) -> np.ndarray:
    """Cells holding a character that ``chars`` matches: found with one regex search over the
    whole column joined (fast), located cell by cell only when there is one."""
    if not present.any():
        return np.zeros(len(values), dtype=bool)
    joined = _joined(values, present)
    if joined is not None and not chars.search(joined.replace("\n", "0")):
        return np.zeros(len(values), dtype=bool)
    return (present & values.str.contains(chars.pattern, regex=True).fillna(False)
            .to_numpy(dtype=bool))


# constructs that can match a newline, which would let the joined check below see across cells
_NEWLINE_MATCHERS = ("[^", "\\s", "\\W", "\\D", "\\n", "(?", "\\Z", "\\A", "$", "^")


def _fullmatch(values: pd.Series, where: np.ndarray, pattern: str) -> np.ndarray:
    """Which cells (among ``where``) match ``pattern`` whole. One regex over the joined column
    when the pattern cannot match a newline (the house pattern ``\\S(.*\\S)?`` cannot), else
    cell by cell."""
    if not where.any():
        return np.zeros(len(values), dtype=bool)
    if not any(m in pattern for m in _NEWLINE_MATCHERS):
        joined = _joined(values, where)
        if joined is not None:
            whole_lines = re.compile(f"^(?:{pattern})$", re.MULTILINE)
            if whole_lines.subn("", joined)[1] == int(where.sum()):
                return where.copy()
    return where & values.str.fullmatch(pattern).fillna(False).to_numpy(dtype=bool)


def _bound(kind: str, value):
    if kind == "date":
        return pd.Timestamp(str(value))
    return float(value)


def _check_constraints(col, out, kind, cons, ok, name, problems: Problems) -> None:
    if "enum" in cons:
        allowed = [str(v) for v in cons["enum"]]
        problems.add(ok & ~col.isin(allowed).to_numpy(), name, col,
                     "constraint-error: enum", f"not one of {', '.join(allowed)}")
    if "pattern" in cons:
        matched = _fullmatch(col, ok, cons["pattern"])
        problems.add(ok & ~matched, name, col, "constraint-error: pattern",
                     f"does not match the pattern {cons['pattern']!r}")
    if "minLength" in cons or "maxLength" in cons:
        length = col.str.len().to_numpy()
        if "minLength" in cons:
            problems.add(ok & (length < cons["minLength"]), name, col,
                         "constraint-error: minLength", f"shorter than {cons['minLength']}")
        if "maxLength" in cons:
            problems.add(ok & (length > cons["maxLength"]), name, col,
                         "constraint-error: maxLength", f"longer than {cons['maxLength']}")
    checks = (("minimum", operator.lt, "below"), ("maximum", operator.gt, "above"),
              ("exclusiveMinimum", operator.le, "not above"),
              ("exclusiveMaximum", operator.ge, "not below"))
    for key, breaks, words in checks:
        if key in cons and kind in ("number", "integer", "year", "date"):
            bound = _bound(kind, cons[key])
            values = out if kind == "date" else out.astype("float64")
            broken = ok & breaks(values, bound).fillna(False).to_numpy(dtype=bool)
            problems.add(broken, name, col, f"constraint-error: {key}",
                         f"{words} the {key} {cons[key]}")
    if cons.get("unique"):
        dup = ok & out.duplicated(keep="first").to_numpy()
        problems.add(dup, name, col, "constraint-error: unique",
                     "the same value as an earlier row; the field is unique")


def _check_primary_key(frame, strings, schema, problems: Problems) -> None:
    key = _as_list(schema.get("primaryKey"))
    if not key:
        return
    label = ",".join(key)
    empty = frame[key].isna().any(axis=1).to_numpy()
    dup = frame[key].duplicated(keep="first").to_numpy() & ~empty
    if not (empty.any() or dup.any()):
        return
    joined = _key_text(strings, key)
    problems.add(empty, label, joined, "primary-key",
                 "a key cell is empty; rule: primary-key present")
    if dup.any():
        first = {}
        for i, k in enumerate(map(tuple, frame[key].itertuples(index=False))):
            first.setdefault(k, i)
        for i in np.flatnonzero(dup)[:MAX_LISTED]:
            k = tuple(frame[key].iloc[int(i)])
            problems.add_one(int(i) + 2, label, joined.iloc[int(i)], "primary-key unique",
                             f"duplicate key: the same as row {first[k] + 2}")
        problems.count += int(dup.sum()) - min(int(dup.sum()), MAX_LISTED)


def _check_foreign_key(name, frame, strings, fk, problems: Problems) -> None:
    own = _as_list(fk["fields"])
    ref = fk.get("reference", {}) or {}
    target = ref.get("resource") or name
    theirs = _as_list(ref.get("fields"))
    if target == name:
        other = frame
    elif target in _LOADING:
        return  # a cycle of references: checked when the cycle's first table is loaded
    else:
        other = _load(target)
    present = frame[own].notna().all(axis=1).to_numpy()
    if len(own) == 1:
        found = frame[own[0]].isin(other[theirs[0]].dropna()).to_numpy()
    else:
        keys = pd.MultiIndex.from_frame(other[theirs].dropna())
        found = pd.MultiIndex.from_frame(frame[own]).isin(keys)
    missing = present & ~found
    if missing.any():
        problems.add(missing, ",".join(own), _key_text(strings, own), "foreign-key",
                     f"not found in {target}.{','.join(theirs)}")


def _key_text(strings: pd.DataFrame, key: list[str]) -> pd.Series:
    """A key's cells as the file has them, joined by commas: the value a message shows (formed
    only when there is a message)."""
    return strings[key[0]] if len(key) == 1 else strings[key].agg(",".join, axis=1)


def _check_facts(path: Path, raw: bytes, res: dict, problems: Problems) -> None:
    import hashlib

    recorded = res.get("hash")
    if recorded is not None:
        algo, _, want = str(recorded).rpartition(":")
        algo = algo or "md5"
        try:
            have = hashlib.new(algo, raw).hexdigest()
        except ValueError:
            have = None
        if have != want:
            problems.add_one(None, None, None, "hash-count",
                             f"the file's {algo} checksum differs from the one recorded in "
                             f"data/{DESCRIPTOR} (recorded {want[:12]}..., file "
                             f"{(have or '?')[:12]}...); after a deliberate edit, run "
                             "`make datapackage` to record the new checksum")
            return
    if res.get("bytes") is not None and res["bytes"] != len(raw):
        problems.add_one(None, None, None, "byte-count",
                         f"the file has {len(raw)} bytes, data/{DESCRIPTOR} records "
                         f"{res['bytes']}; after a deliberate edit, run `make datapackage`")


def dataset_key() -> str:
    """The dataset as it is on disk (bytes of the descriptor and of every table): the key of
    every cached result (see :mod:`aicost.cache`)."""
    return cache.fingerprint()
