"""The shipped tables are what the curation scripts make from the documented raw sources.

Every data/curation/build_*.py is discovered by name (a script added later is covered without editing
this file). The rebuild runs from a scratch copy of the sources folder that holds only the paths listed in
data/curation/SOURCES.md ("Folder layout"), into an empty scratch folder, and every table must come out
byte for byte as in data/. Needs the raw sources folder ($AICOST_SOURCES, else ../shared/sources beside
the repository); without it the rebuild tests skip and say why. The checks on the scripts' interface and
on the register of tables run everywhere.
"""
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CURATION = DATA / "curation"
SOURCES_MD = CURATION / "SOURCES.md"


def _load_rebuild():
    spec = importlib.util.spec_from_file_location("aicost_curation_rebuild", CURATION / "rebuild.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rebuild = _load_rebuild()
common = __import__("_common")  # data/curation is on sys.path once rebuild.py is loaded
SOURCES = common.default_sources()
SKIP_REASON = (f"raw sources folder {SOURCES} not found (set AICOST_SOURCES or lay it out as "
               "data/curation/SOURCES.md describes); the rebuild of data/ from its sources is not checked")


def _section(title: str) -> str:
    text = SOURCES_MD.read_text(encoding="utf-8")
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert m, f"SOURCES.md has no section '## {title}'"
    return m.group(1)


def _table_rows(section: str) -> list[list[str]]:
    """Cells of the markdown table rows of a section (header and rule rows left out)."""
    rows = []
    for line in section.splitlines():
        if line.startswith("|") and not re.fullmatch(r"\|[\s|:-]+\|", line):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows[1:]


def layout_paths() -> list[str]:
    """Paths under the sources folder listed in SOURCES.md (first cell, in backticks; trailing / = folder)."""
    paths = [re.fullmatch(r"`([^`]+)`", row[0]) for row in _table_rows(_section("Folder layout"))]
    assert all(paths), "every row of 'Folder layout' must start with a `path`"
    return [m.group(1) for m in paths]


def hand_made_tables() -> dict[str, str]:
    """Tables SOURCES.md lists as having no build script -> the reason given."""
    out = {}
    for row in _table_rows(_section("Tables with no build script")):
        m = re.fullmatch(r"`([^`]+\.csv)`", row[0])
        assert m, f"first cell must be a `table.csv`: {row}"
        out[m.group(1)] = row[-1]
    return out


@pytest.fixture(scope="module")
def modules():
    return rebuild.ordered([rebuild.load(p) for p in rebuild.scripts()])


def test_scripts_follow_the_interface(modules):
    assert len(modules) == len(rebuild.scripts()) >= 9
    for m in modules:
        name = Path(m.__file__).name
        text = Path(m.__file__).read_text(encoding="utf-8")
        assert callable(m.build) and m.OUTPUTS, name
        assert all(o.endswith(".csv") and "/" not in o for o in m.OUTPUTS), name
        assert re.search(r'if __name__ == "__main__":\n    run\(build\)\n*\Z', text), name
        # no hard-coded sources or output folders: everything goes through build(sources, out)
        for pattern in (r"parents\[\d\]", r'"shared"', r"\.\./shared"):
            code = text.split('"""', 2)[-1]  # the docstring may mention ../shared/sources
            assert not re.search(pattern, code), f"{name} hard-codes a path ({pattern})"


def test_build_order_puts_required_tables_first(modules):
    made = set()
    for m in modules:
        assert set(m.REQUIRES) <= made, Path(m.__file__).name
        made.update(m.OUTPUTS)
    order = [Path(m.__file__).name for m in modules]
    assert order.index("build_accelerators.py") < order.index("build_cloud_prices.py")


def test_order_rejects_missing_and_cyclic_requirements():
    class M:
        def __init__(self, name, outputs, requires):
            self.__file__, self.OUTPUTS, self.REQUIRES = name, outputs, requires
    with pytest.raises(ValueError, match="which no build script writes"):
        rebuild.ordered([M("build_a.py", ("a.csv",), ("nowhere.csv",))])
    with pytest.raises(ValueError, match="cycle"):
        rebuild.ordered([M("build_a.py", ("a.csv",), ("b.csv",)), M("build_b.py", ("b.csv",), ("a.csv",))])
    with pytest.raises(ValueError, match="written by two scripts"):
        rebuild.ordered([M("build_a.py", ("a.csv",), ()), M("build_b.py", ("a.csv",), ())])
    order = rebuild.ordered([M("build_z.py", ("z.csv",), ()), M("build_a.py", ("a.csv",), ("z.csv",))])
    assert [m.__file__ for m in order] == ["build_z.py", "build_a.py"]


def test_every_table_has_a_build_script_or_a_reason(modules):
    scripted = {o for m in modules for o in m.OUTPUTS}
    hand = hand_made_tables()
    shipped = {p.name for p in DATA.glob("*.csv")}
    assert not scripted & set(hand), f"listed as hand-made but built by a script: {scripted & set(hand)}"
    unexplained, gone = shipped - scripted - set(hand), (scripted | set(hand)) - shipped
    assert shipped == scripted | set(hand), (
        f"without a script and not in SOURCES.md 'Tables with no build script': {unexplained}; "
        f"listed but not shipped: {gone}")
    for table, reason in hand.items():
        assert len(reason.split()) >= 5, f"{table}: say why it has no build script"


@pytest.mark.skipif(not SOURCES.is_dir(), reason=SKIP_REASON)
def test_layout_lists_only_paths_that_exist():
    missing = [p for p in layout_paths() if not (SOURCES / p).exists()]
    assert not missing, f"SOURCES.md lists paths absent from {SOURCES}: {missing}"


@pytest.mark.skipif(not SOURCES.is_dir(), reason=SKIP_REASON)
def test_rebuild_from_the_documented_layout_matches_data(tmp_path, modules):
    # a sources folder holding only what SOURCES.md documents: a script reading anything else fails here
    raw = tmp_path / "sources"
    for p in layout_paths():
        target = raw / p.rstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to((SOURCES / p.rstrip("/")).resolve(), target_is_directory=p.endswith("/"))
    out = tmp_path / "out"  # empty: REQUIRES tables must come from the scripts run before
    rebuild.rebuild(raw, out, quiet=True)

    expected = sorted(o for m in modules for o in m.OUTPUTS)
    assert sorted(p.name for p in out.iterdir()) == expected, "a script wrote files not in its OUTPUTS"
    bad = rebuild.differences(out, DATA, expected)
    detail = []
    for name in bad:
        new = (out / name).read_text(encoding="utf-8").splitlines()
        old = (DATA / name).read_text(encoding="utf-8").splitlines()
        pairs = enumerate(zip(new, old, strict=False))
        i = next((k for k, (a, b) in pairs if a != b), min(len(new), len(old)))
        detail.append(f"{name}: first difference at line {i + 1} ({len(new)} rebuilt, {len(old)} shipped)")
    assert not bad, ("rebuilt tables differ from data/ (if intended: make data, then make datapackage):\n"
                     + "\n".join(detail))
