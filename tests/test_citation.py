"""CITATION.cff is valid Citation File Format, checked offline by cffconvert (the schema ships in
the package), and agrees with pyproject.toml."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from aicost.paths import ROOT

CFF = ROOT / "CITATION.cff"


def cffconvert():
    """The cffconvert that `make env` installs into .venv/cffconvert (its own environment: it
    needs jsonschema<4), or one on PATH."""
    made = Path(sys.prefix) / "cffconvert" / "bin" / "cffconvert"
    if made.exists():
        return str(made)
    found = shutil.which("cffconvert")
    if found:
        return found
    if sys.prefix == str(ROOT / ".venv"):
        pytest.fail(".venv has no cffconvert: run `make env`")
    pytest.skip("cffconvert is not installed here (`make env` installs it into .venv/cffconvert)")


def validate(path):
    return subprocess.run([cffconvert(), "--validate", "-i", str(path)], capture_output=True,
                          text=True, timeout=120)


def test_citation_cff_is_valid():
    done = validate(CFF)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "valid" in done.stdout


def test_validator_rejects_an_invalid_file(tmp_path):
    """The check above can fail: the reference type the file once had is refused."""
    bad = tmp_path / "CITATION.cff"
    bad.write_text(CFF.read_text().replace("  - type: data\n", "  - type: dataset\n", 1))
    done = validate(bad)
    assert done.returncode != 0
    assert "'dataset' is not one of" in done.stdout + done.stderr


def test_citation_matches_the_project():
    cff = yaml.safe_load(CFF.read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert str(cff["version"]) == project["version"]
    assert cff["license"] == project["license"]
    assert cff["date-released"]


def test_preferred_citation_is_the_report_and_agrees_with_the_file():
    """The preferred citation names the report itself (title, authors, the release's year and
    version); a repository address, once one exists, goes in repository-code and must then be
    a real https URL."""
    cff = yaml.safe_load(CFF.read_text())
    pref = cff["preferred-citation"]
    assert pref["title"] == cff["title"] and pref["authors"] == cff["authors"]
    assert str(pref["version"]) == str(cff["version"])
    assert str(pref["year"]) == str(cff["date-released"])[:4]
    for key in ("repository-code", "url"):
        if key in cff:
            assert str(cff[key]).startswith("https://"), key


def test_report_cites_what_the_file_says():
    from aicost.report import citation, context

    cff = yaml.safe_load(CFF.read_text())
    cite = citation()
    assert cite["title"] == cff["title"] and cite["version"] == str(cff["version"])
    assert cite["year"] == str(cff["date-released"])[:4]
    assert cff["title"] in context()["aicost_citation"]
