"""One environment, described consistently: the pins, the lock, the supported Pythons, CI, conda,
and the environment the tests run in."""

import re
import sys
import tomllib
from importlib import metadata

import pytest
import yaml
from packaging.markers import Marker
from packaging.utils import canonicalize_name

from aicost.paths import ROOT

SUPPORTED = ["3.11", "3.12", "3.13", "3.14"]


def pins(path):
    """{name: version} of the exact pins in a requirements file."""
    out = {}
    for line in (ROOT / path).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            out[canonicalize_name(name)] = version
    return out


def lock_entries(path):
    """[(name, version, marker or None, hashes)] of a lock compiled by `make lock`."""
    text = (ROOT / path).read_text()
    entries = []
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        head = block.splitlines()[0]
        if head.startswith("#"):
            continue
        spec = head.rstrip(" \\")
        requirement, _, marker = spec.partition(" ; ")
        name, version = requirement.split("==")
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
        entries.append((canonicalize_name(name), version, marker or None, hashes))
    return entries


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_every_requirement_is_pinned_exactly():
    for path in ["requirements.txt", "requirements-cffconvert.txt"]:
        for line in (ROOT / path).read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][A-Za-z0-9.]*", line), (path, line)


@pytest.mark.parametrize("source, lock", [("requirements.txt", "requirements.lock"),
                                          ("requirements-cffconvert.txt",
                                           "requirements-cffconvert.lock")])
def test_lock_holds_every_pin_with_hashes(source, lock):
    entries = lock_entries(lock)
    locked = {name: version for name, version, _, _ in entries}
    assert len(locked) == len(entries), f"{lock} names a package twice (a version per Python?)"
    for name, version in pins(source).items():
        assert locked.get(name) == version, (
            f"{lock} has {name}=={locked.get(name)}, {source} pins {version}: run `make lock`")
    for name, _, _, hashes in entries:
        assert hashes, f"{lock}: {name} has no hash"
    header = (ROOT / lock).read_text().splitlines()[:3]
    assert any("make lock" in line for line in header), f"{lock} was not compiled by `make lock`"


def test_supported_pythons_agree():
    project = pyproject()["project"]
    assert project["requires-python"] == f">={SUPPORTED[0]},<3.{int(SUPPORTED[-1][2:]) + 1}"
    classified = [c.rsplit(" :: ", 1)[1] for c in project["classifiers"]
                  if c.startswith("Programming Language :: Python :: 3.")]
    assert classified == SUPPORTED
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())
    assert workflow["jobs"]["test"]["strategy"]["matrix"]["python-version"] == SUPPORTED
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert f"python>={SUPPORTED[0]},<3.{int(SUPPORTED[-1][2:]) + 1}" in env["dependencies"]


def test_environment_yml_installs_the_lock():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip == ["-r requirements.lock"]


def test_running_python_is_supported():
    assert f"{sys.version_info.major}.{sys.version_info.minor}" in SUPPORTED


@pytest.mark.skipif(sys.prefix != str(ROOT / ".venv"),
                    reason="not running in the .venv that make installs from the lock")
def test_installed_environment_is_the_lock():
    """Every locked package that applies to this Python and platform is installed at its locked
    version, and nothing else is installed (besides aicost itself)."""
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    wanted = {name: version for name, version, marker, _ in lock_entries("requirements.lock")
              if marker is None or Marker(marker).evaluate()}
    wrong = {name: (installed.get(name), version) for name, version in wanted.items()
             if installed.get(name) != version}
    resync = "`rm -f .venv/.installed-* && make env` puts back exactly the lock"
    assert not wrong, f"installed vs locked: {wrong}; {resync}"
    extra = set(installed) - set(wanted) - {"aicost"}
    assert not extra, (f"installed but not in requirements.lock: {sorted(extra)} (add it to "
                       f"requirements.txt and run `make lock`); {resync}")
