"""Work that several tests need, done once per test session (once per xdist worker that needs it)
and shared. Each block below is self-contained: its own imports, its own fixtures."""

import pytest


# --- the rendered report, shared (issue 22) -------------------------------------------------
# One render of the stored notebooks per test session (per worker under xdist), shared by
# tests/test_report.py and tests/test_browser.py; and a skipped browser check named in the
# summary with the command that makes it run.
@pytest.fixture(scope="session")
def report_site(tmp_path_factory):
    """(site folder, entries) of one render of the stored notebooks, as `make report` renders."""
    from aicost.notebooks import ordered
    from aicost.report import site

    out = tmp_path_factory.mktemp("report")
    entries = site(ordered(), out / "site", out / "src")
    return out / "site", entries


def pytest_terminal_summary(terminalreporter):
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if str(getattr(r, "nodeid", "")).startswith("tests/test_browser.py")]
    if skipped:
        from aicost.browser import unavailable

        why = unavailable() or "see the skip reasons (-rs)"
        terminalreporter.write_sep("-", "browser check skipped", yellow=True)
        terminalreporter.write_line(
            f"The report was NOT checked in a browser ({len(skipped)} test(s) skipped): {why}.")
        terminalreporter.write_line(
            "To run it: sudo apt-get install chromium (or set AICOST_CHROMIUM to a Chromium "
            "binary), then make test.")
# --- end of the shared report block ----------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# issue 25: the order the two workers take the work in (`make test`: -n 2 --dist loadscope)
# ---------------------------------------------------------------------------------------------
# xdist hands out whole modules and notebooks ("scopes"), by default those with the most tests
# first, which leaves the modules of few but long tests (each starting a process: a cold CLI, a
# kernel, a report build, a browser) to the end, where one worker runs them while the other has
# nothing left to do. Longest first instead: these modules, then the notebooks, then the rest in
# the order collected (many short modules, which even out the finish). Only the order changes;
# every test runs, each module's and each notebook's tests in their own order.
LONG_FIRST = ("test_browser.py", "test_report.py", "test_seed_stability.py", "test_cli.py",
              "test_offline.py", "test_bad_input.py", "test_figures.py", "test_writes_nothing.py",
              "test_rebuild.py", "test_citation.py", "test_cache.py")


def pytest_configure(config):
    if hasattr(config.option, "loadscopereorder"):  # xdist's own reordering (by test count): off
        config.option.loadscopereorder = False


# Modules that share one piece of session work run as one scope, on one worker, so the work is
# done once per session, not once per worker: the rendered report (`report_site`) feeds the
# report's own checks and the browser's.
SHARED_SCOPES = {"test_report.py": "tests/test_report.py", "test_browser.py": "tests/test_report.py"}


@pytest.hookimpl(optionalhook=True)  # a hook of xdist: unknown when it is off (-p no:xdist)
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist", None) != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SharedWorkScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            scope = super()._split_scope(nodeid)
            return SHARED_SCOPES.get(scope.rsplit("/", 1)[-1], scope)

    return SharedWorkScheduling(config, log)


def _rank(item) -> tuple[int, int]:
    scope = item.nodeid.split("::", 1)[0]
    name = scope.rsplit("/", 1)[-1]
    if name in LONG_FIRST:
        return (0, LONG_FIRST.index(name))
    return (1, 0) if scope.endswith(".ipynb") else (2, 0)


def pytest_collection_modifyitems(session, config, items):
    items[:] = sorted(items, key=_rank)  # stable: the order within a scope is kept


# ---------------------------------------------------------------------------------------------
# issue 25: one cold scorecard per bootstrap seed (tests/test_seed_stability.py)
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def cold_scorecards():
    """``get(seeds)``: for each seed, the scorecard as ``python -m aicost claims --format json``
    prints it in a fresh process with ``AICOST_SEED`` set and nothing cached, as records by claim
    id. Each seed is computed once per session; the processes of the seeds not yet computed run
    side by side."""
    import json
    import os
    import subprocess
    import sys

    from aicost.paths import ROOT

    done: dict[str, dict] = {}

    def get(seeds) -> dict[str, dict]:
        started = {}
        for seed in dict.fromkeys(seeds):
            if seed not in done:
                env = {**os.environ, "AICOST_SEED": seed, "AICOST_NO_CACHE": "1"}
                started[seed] = subprocess.Popen(
                    [sys.executable, "-m", "aicost", "claims", "--format", "json"], cwd=ROOT,
                    env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        failed = []
        for seed, proc in started.items():
            out, err = proc.communicate()
            if proc.returncode:
                failed.append(f"seed {seed}: exit {proc.returncode}\n{err}")
            else:
                done[seed] = {r["id"]: r for r in json.loads(out)}
        assert not failed, "\n".join(failed)
        return {seed: done[seed] for seed in seeds}

    return get


# ---------------------------------------------------------------------------------------------
# issue 25: one run of a notebook on corrupted data (for tests/test_bad_input.py)
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def corrupted_data_notebook(tmp_path_factory):
    """``00-data.ipynb`` executed once in a fresh kernel on a copy of ``data/`` whose
    ``cloud_prices.csv`` has the price ``'cheap'`` in its row 4 (checksums updated afterwards, as
    a user would with ``make datapackage``). Returns ``(nb, first_load, error)``: the notebook as
    executed (outputs up to the failing cell), the index of its first cell that loads data, and
    the text of the ``CellExecutionError`` (None if it ran through)."""
    import csv
    import io
    import shutil

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from aicost import datapackage
    from aicost.paths import NOTEBOOKS, ROOT

    target = tmp_path_factory.mktemp("corrupted") / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("curation"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AICOST_DATA", str(target))
        path = target / "cloud_prices.csv"
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        rows[3][rows[0].index("price_per_accelerator_hour_usd")] = "cheap"
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8")
        datapackage.update()
        nb = nbformat.read(NOTEBOOKS / "00-data.ipynb", as_version=4)
        first_load = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                          and ("load(" in c.source or "overview()" in c.source))
        client = NotebookClient(nb, timeout=120, kernel_name="python3",
                                resources={"metadata": {"path": str(NOTEBOOKS)}})
        try:
            client.execute()
            error = None
        except CellExecutionError as err:
            error = str(err)
    return nb, first_load, error
