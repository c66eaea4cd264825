"""Keep data/datapackage.json honest: sizes and sha256 checksums of every table.

``python -m aicost.datapackage --check`` lists mismatches (exit 1 if any);
``--update`` rewrites the two numbers after a deliberate edit of a CSV (``make datapackage``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys

from aicost.data import DataError, descriptor, table_path
from aicost.paths import data_dir, shown


def file_facts(path) -> tuple[str, int]:
    raw = path.read_bytes()
    return "sha256:" + hashlib.sha256(raw).hexdigest(), len(raw)


def mismatches() -> list[str]:
    """One line per table whose file differs from its recorded size or checksum."""
    desc = descriptor()
    problems = []
    for res in desc["resources"]:
        path = table_path(res)
        if not path.exists():
            problems.append(f"{shown(path)}: missing")
            continue
        digest, size = file_facts(path)
        if res.get("hash") != digest or res.get("bytes") != size:
            problems.append(
                f"{shown(path)}: recorded {res.get('hash')} ({res.get('bytes')} bytes), "
                f"file has {digest} ({size} bytes)"
            )
    return problems


def update() -> list[str]:
    """Rewrite hash and bytes of every table; returns the names that changed."""
    target = data_dir() / "datapackage.json"
    desc = descriptor()  # a broken descriptor stops here with its message
    changed = []
    for res in desc["resources"]:
        path = table_path(res)  # refused before it is opened if it leads out of data/
        if not path.is_file():
            raise DataError(f"{shown(path)}: file missing (resource {res['name']!r} of "
                            "data/datapackage.json); rule: every resource's file exists (restore "
                            "the file, or remove the resource from data/datapackage.json)")
        digest, size = file_facts(path)
        if res.get("hash") != digest or res.get("bytes") != size:
            res["hash"], res["bytes"] = digest, size
            changed.append(res["name"])
    target.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aicost.datapackage", description=__doc__)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--check", action="store_true", help="list tables whose checksum is stale")
    group.add_argument("--update", action="store_true", help="rewrite sizes and checksums")
    args = parser.parse_args(argv)
    try:
        if args.update:
            changed = update()
            print("updated: " + (", ".join(changed) if changed else "nothing (all current)"))
            return 0
        problems = mismatches()
    except DataError as err:
        print(f"aicost.datapackage: {err}", file=sys.stderr)
        return 1
    print("\n".join(problems) if problems else "all checksums current")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
