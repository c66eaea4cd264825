# --- the rendered report, shared (issue 22) -------------------------------------------------
# One render of the stored notebooks per test session (per worker under xdist), shared by
# tests/test_report.py and tests/test_browser.py; and a skipped browser check named in the
# summary with the command that makes it run.
import pytest


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
