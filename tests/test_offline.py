"""Nothing in aicost touches the network.

Every table is loaded and every assessor run with outbound connections disabled (only loopback,
which the test machinery itself uses, is allowed); and no module or notebook imports a network
client. The rendered report's HTML is checked for external URLs in tests/test_report.py.
"""

import ast
import os
import socket

import nbformat
import pytest

from aicost.data import load, tables
from aicost.notebooks import ordered
from aicost.paths import ROOT

NETWORK_MODULES = {"urllib.request", "requests", "http.client", "httpx", "aiohttp", "ftplib",
                   "smtplib", "socket", "urllib3"}


@pytest.fixture
def no_network(monkeypatch):
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"network access attempted: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "create_connection",
                        lambda *a, **k: (_ for _ in ()).throw(AssertionError(f"network: {a}")))


def test_load_and_assess_everything_offline(no_network, monkeypatch):
    from aicost import cache
    from aicost import scorecard as sc

    # compute everything afresh: no cached validation or results
    monkeypatch.setenv("AICOST_NO_CACHE", "1")
    with cache.forgotten():
        for name in tables():
            load(name)
        frame, pending = sc.scorecard()
        assert len(frame) + len(pending) == len(load("claims"))


def imported(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_network_client_is_imported():
    sources = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
               for p in (ROOT / "aicost").rglob("*.py")}
    for nb in ordered():
        code = "\n".join(c.source for c in nbformat.read(nb, as_version=4).cells
                         if c.cell_type == "code" and not c.source.lstrip().startswith("%"))
        sources[nb.relative_to(ROOT).as_posix()] = code
    for name, text in sources.items():
        bad = set(imported(ast.parse(text))) & NETWORK_MODULES
        assert not bad, f"{name} imports {sorted(bad)}"


@pytest.mark.skipif(os.environ.get("AICOST_OFFLINE") != "1",
                    reason="not run through tests/offline.sh in a network namespace")
def test_the_suite_itself_runs_without_network():
    """`make test` runs through tests/offline.sh: where the machine allows, the whole suite (every
    notebook kernel included) runs with only loopback, so any network use would fail it. Check
    that the namespace really has no interface but loopback (without sending anything)."""
    assert [name for _, name in socket.if_nameindex()] == ["lo"]
