"""Write data/README.md, the codebook, from data/datapackage.json (so the two cannot drift).

``python -m aicost.codebook`` rewrites the file; ``make datapackage`` runs it after updating
checksums, and a test checks that the committed codebook is current.
"""

from __future__ import annotations

import csv
import sys

from aicost.data import descriptor
from aicost.paths import data_dir

INTRO = """# The aicost dataset: codebook

Generated from `datapackage.json` by `python -m aicost.codebook` (run `make datapackage`);
do not edit by hand. The tables are our own compilation of facts from primary publications and
public repositories; every row carries its `source` (a URL, or `owner/repo@commit:path`), and
columns such as `value_basis` say where a number is our computation or estimate rather than a
published figure. Licences and attributions: see `LICENSE.md` in this folder.

Every table is read with `aicost.load("<name>")`, which validates it against this description
(types, constraints, primary and foreign keys, checksum) and raises one message naming file, row,
column, value and rule on any problem.

## Adding or correcting a row

1. Edit the CSV (UTF-8 without byte-order mark; ISO dates; empty cell = missing; a `source` for
   every row). Tables built by a script in `curation/` are changed in the script and rebuilt
   with `make data SOURCES=DIR` (the raw folder laid out as `curation/SOURCES.md` describes).
2. `make datapackage` to record the new size and checksum (and regenerate this codebook).
3. `make test` (validates every table and re-runs every notebook), then `make refresh` to store
   the notebooks' new outputs, and `make report`.
"""


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _constraints(field: dict) -> str:
    cons = dict(field.get("constraints", {}))
    parts = []
    if cons.pop("required", False):
        parts.append("required")
    if cons.pop("unique", False):
        parts.append("unique")
    enum = cons.pop("enum", None)
    for key, value in cons.items():
        parts.append(f"{key} {value}")
    if enum:
        parts.append("one of: " + ", ".join(map(str, enum)))
    return "; ".join(parts)


def render() -> str:
    desc = descriptor()
    out = [INTRO]
    out.append("## Tables\n")
    out.append("| table | file | rows | what a row is |\n|---|---|---|---|")
    for res in desc["resources"]:
        with open(data_dir() / res["path"], newline="", encoding="utf-8") as fh:
            rows = sum(1 for _ in csv.reader(fh)) - 1
        first = res.get("title", "")
        out.append(f"| [{res['name']}](#{res['name'].replace('_', '-')}) | `{res['path']}` | "
                   f"{rows} | {_cell(first)} |")
    for res in desc["resources"]:
        out.append(f"\n## {res['name']}\n")
        out.append(f"**{res.get('title', '')}** (`{res['path']}`, {res.get('bytes')} bytes, "
                   f"`{res.get('hash')}`)\n")
        out.append(res.get("description", "") + "\n")
        schema = res["schema"]
        out.append(f"- Primary key: `{', '.join(schema.get('primaryKey', []))}`")
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            out.append(f"- Foreign key: `{', '.join(fk['fields'])}` -> "
                       f"`{ref['resource']}.{', '.join(ref['fields'])}`")
        lic = "; ".join(f"{x.get('name')} ({x.get('title', '')})".replace(" ()", "")
                        for x in res.get("licenses", []))
        out.append(f"- Licence: {lic}")
        srcs = "; ".join(f"{s.get('title', '')} <{s.get('path', '')}>" for s in res.get("sources", []))
        out.append(f"- Sources: {srcs}\n")
        out.append("| field | type | unit | description | constraints |\n|---|---|---|---|---|")
        for f in schema["fields"]:
            out.append(f"| `{f['name']}` | {f.get('type', 'string')} | {_cell(f.get('unit', ''))} | "
                       f"{_cell(f.get('description', ''))} | {_cell(_constraints(f))} |")
    return "\n".join(out) + "\n"


def main() -> int:
    target = data_dir() / "README.md"
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


def overview():
    """One row per table: rows, columns, the span of its date (or year) column, licences and
    the number of distinct sources (used by notebooks/00-data.ipynb)."""
    import pandas as pd

    from aicost.data import load

    rows = []
    for res in descriptor()["resources"]:
        frame = load(res["name"])
        span = ""
        if "date" in frame.columns and frame["date"].notna().any():
            span = f"{frame['date'].min():%Y-%m} to {frame['date'].max():%Y-%m}"
        elif "year" in frame.columns:
            span = f"{int(frame['year'].min())} to {int(frame['year'].max())}"
        rows.append({
            "table": res["name"],
            "rows": len(frame),
            "columns": frame.shape[1],
            "span": span,
            "sources": int(frame["source"].nunique()),
            "licences": ", ".join(x.get("name", "") for x in res.get("licenses", [])),
        })
    return pd.DataFrame(rows)
