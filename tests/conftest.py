"""Work that several tests need, done once per test session (once per xdist worker that needs it)
and shared. Each block below is self-contained: its own imports, its own fixtures."""

import os
import subprocess

import pytest


# --- the rendered report, shared ---------------------------------------------------------
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
# The order the two workers take the work in (`make test`: -n 2 --dist loadscope)
# ---------------------------------------------------------------------------------------------
# xdist hands out whole modules and notebooks ("scopes"), by default those with the most tests
# first, which leaves the modules of few but long tests (each starting a process: a cold CLI, a
# kernel, a report build, a browser) to the end, where one worker runs them while the other has
# nothing left to do. Longest first instead ("longest processing time first", which evens out two
# workers' finish): each scope by its seconds in `make test` (`make test
# PYTEST_ARGS=--durations=0` summed per module, mean of two runs, 2026-12-07; the notebooks' are
# in aicost.notebooks), the modules of one scope (SHARED_SCOPES) under its name. A scope not
# listed goes after these, in the order collected (the many short modules, which fill the gaps).
# Only the order changes; every test runs, each scope's tests in their own order. The numbers
# need only be roughly right: a stale one costs seconds.
from aicost.notebooks import SECONDS as NOTEBOOK_SECONDS  # noqa: E402

SECONDS = {"test_report.py": 35.0, "test_bad_input.py": 29.0, "test_plausibility.py": 8.5,
           "test_cache.py": 3.9, "test_figures.py": 3.5, "test_offline.py": 3.4,
           "test_since.py": 2.0, "test_data_loader.py": 1.5, "test_rebuild.py": 1.3,
           "test_claims.py": 0.9, "test_citation.py": 0.8,
           **{f"{stem}.ipynb": sec for stem, sec in NOTEBOOK_SECONDS.items()}}


def pytest_configure(config):
    config.pluginmanager.register(NotebookWrites(), "aicost-notebook-writes")
    if hasattr(config.option, "loadscopereorder"):  # xdist's own reordering (by test count): off
        config.option.loadscopereorder = False


# Modules that share one piece of session work run as one scope, on one worker, so the work is
# done once per session, not once per worker: the rendered report (`report_site`) feeds the
# report's own checks and the browser's; a cold scorecard process (`cold_scorecards`) feeds the
# seed-stability checks and the bad-input check of a cache that cannot be written. Within a
# scope the modules run in the order listed: the seed-stability check first starts its two cold
# processes side by side, and meanwhile the copies of data/ the bad-input cases edit settle (a
# copy younger than cache.SETTLE_S is waited for).
SHARED = {"tests/test_report.py": ("test_browser.py", "test_report.py"),
          "tests/test_bad_input.py": ("test_seed_stability.py", "test_bad_input.py")}
SHARED_SCOPES = {name: scope for scope, names in SHARED.items() for name in names}


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


def _rank(item) -> tuple[float, int]:
    scope = item.nodeid.split("::", 1)[0]
    module = scope.rsplit("/", 1)[-1]
    shared = SHARED_SCOPES.get(module)
    name = (shared or scope).rsplit("/", 1)[-1]
    return -SECONDS.get(name, 0.0), SHARED[shared].index(module) if shared else 0


def pytest_collection_modifyitems(session, config, items):
    items[:] = sorted(items, key=_rank)  # stable: the order within a scope is kept


# ---------------------------------------------------------------------------------------------
# One cold scorecard per bootstrap seed (tests/test_seed_stability.py, test_bad_input.py)
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def cold_scorecards(tmp_path_factory):
    """``get(seeds)``: for each seed, the scorecard as ``python -m aicost claims --format json``
    prints it in a fresh process with ``AICOST_SEED`` set and nothing cached, as records by claim
    id. Each seed is computed once per session; the processes of the seeds not yet computed run
    side by side. ``get.exits[seed]`` is (exit status, stderr) of that seed's process.

    Nothing is cached in two ways: ``AICOST_NO_CACHE=1``, or for :data:`UNWRITABLE_CACHE_SEED`
    (``get.unwritable_cache_seed``) a cache folder that is a file, so that nothing can be read
    from it or written to it (tests/test_bad_input.py checks from that process's exit that this
    is no error; the two modules run as one scope, so one cold process serves both)."""
    import json
    import os
    import subprocess
    import sys

    from aicost.paths import ROOT

    blocker = tmp_path_factory.mktemp("cache") / "cache"
    blocker.write_text("a file where the cache folder should be")
    done: dict[str, dict] = {}

    def get(seeds) -> dict[str, dict]:
        started = {}
        for seed in dict.fromkeys(seeds):
            if seed not in done:
                env = {**os.environ, "AICOST_SEED": seed}
                env.pop("AICOST_NO_CACHE", None)
                env.update({"AICOST_CACHE": str(blocker)} if seed == UNWRITABLE_CACHE_SEED
                           else {"AICOST_NO_CACHE": "1"})
                started[seed] = subprocess.Popen(
                    [sys.executable, "-m", "aicost", "claims", "--format", "json"], cwd=ROOT,
                    env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        failed = []
        for seed, proc in started.items():
            out, err = proc.communicate()
            get.exits[seed] = (proc.returncode, err)
            if proc.returncode:
                failed.append(f"seed {seed}: exit {proc.returncode}\n{err}")
            else:
                done[seed] = {r["id"]: r for r in json.loads(out)}
        assert not failed, "\n".join(failed)
        return {seed: done[seed] for seed in seeds}

    get.exits, get.unwritable_cache_seed = {}, UNWRITABLE_CACHE_SEED
    return get


UNWRITABLE_CACHE_SEED = "2"  # one of tests/test_seed_stability.py's seeds


# ---------------------------------------------------------------------------------------------
# The test suite writes nothing into the tree
# ---------------------------------------------------------------------------------------------
# A test run never writes figures: the notebooks only check that the committed files are what the
# code renders (AICOST_FIGURE_FORMATS=none, which `make test` sets and a bare `pytest` gets here).
# Every notebook nbval runs is then checked to leave every file of the working tree (git's view:
# tracked, and untracked but not ignored) as it found it: the tree's state is taken before the
# notebook's first cell and compared after its last, so a write fails that notebook's last cell
# at teardown, naming the files.
os.environ.setdefault("AICOST_FIGURE_FORMATS", "none")


def tree_state() -> dict | None:
    """(size, mtime) of every file git sees in the working tree; None outside a git checkout."""
    from aicost.paths import ROOT

    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"],
                         capture_output=True, text=True)
    if out.returncode:
        return None
    state = {}
    for name in filter(None, out.stdout.split("\0")):
        path = ROOT / name
        if path.is_file():
            st = path.stat()
            state[name] = (st.st_size, st.st_mtime_ns)
    return state


def written(before: dict, after: dict) -> list[str]:
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


@pytest.fixture
def no_writes(monkeypatch):
    """The test writes nothing into the working tree (skipped outside a git checkout)."""
    before = tree_state()
    if before is None:
        pytest.skip("not a git checkout")
    monkeypatch.setenv("AICOST_FIGURE_FORMATS", "none")
    yield
    changed = written(before, tree_state())
    assert not changed, f"written into the tree: {changed}"


def _notebook(item) -> str | None:
    scope = item.nodeid.split("::", 1)[0] if item is not None else ""
    return scope if scope.endswith(".ipynb") else None


class NotebookWrites:
    """The per-notebook check, as a plugin: a conftest's own run-test hooks apply only to the
    items under its folder, and the notebooks are not under tests/."""

    def __init__(self):
        self.before: dict[str, dict] = {}

    def pytest_runtest_setup(self, item):
        name = _notebook(item)
        if name and name not in self.before and os.environ["AICOST_FIGURE_FORMATS"] == "none":
            state = tree_state()
            if state is not None:
                self.before[name] = state

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_teardown(self, item, nextitem):
        name = _notebook(item)
        if name in self.before and _notebook(nextitem) != name:
            changed = written(self.before.pop(name), tree_state() or {})
            assert not changed, f"{name} wrote into the tree (make test writes nothing): {changed}"


# ---------------------------------------------------------------------------------------------
# A copy of data/ to edit, as old as a real checkout's (tests/test_bad_input.py,
# tests/test_plausibility.py, tests/test_cache.py)
# ---------------------------------------------------------------------------------------------
# The dataset fingerprint re-hashes every file changed less than aicost.cache.SETTLE_S ago on
# every call (git's rule for "racy" timestamps); a copy made just before the test is all such
# files, so each of the thousands of memoised calls of these tests hashed the whole dataset
# again (2.3 ms each), where a user's checkout re-hashes only the file they just edited. The
# copies are made ahead, so a test gets one whose files settled; what the test edits is re-hashed
# as in a user's checkout. Each test still gets a copy of its own, and a copy that has not settled
# yet (the first ones of a session) is waited for, never handed out.
class DataCopies:
    AHEAD = 25

    def __init__(self, folder):
        self.folder, self.made, self.count = folder, [], 0
        for _ in range(self.AHEAD):
            self._make()

    def _make(self):
        import shutil
        import time

        from aicost.paths import ROOT

        self.count += 1
        target = self.folder / str(self.count) / "data"
        shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("curation"))
        self.made.append((time.time(), target))

    def take(self):
        import time

        from aicost.cache import SETTLE_S

        self._make()
        made, target = self.made.pop(0)
        wait = made + SETTLE_S + 0.05 - time.time()
        if wait > 0:
            time.sleep(wait)
        return target


@pytest.fixture(scope="session", autouse=True)
def data_copies(tmp_path_factory):
    """Made when a worker starts, so that the copies have settled when the tests using them run."""
    return DataCopies(tmp_path_factory.mktemp("data-copies"))


@pytest.fixture
def copy(data_copies, monkeypatch):
    """A copy of data/ of this test's own (``AICOST_DATA`` points at it), written more than
    ``SETTLE_S`` ago, curation scripts left out."""
    target = data_copies.take()
    monkeypatch.setenv("AICOST_DATA", str(target))
    return target
