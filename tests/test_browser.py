"""The report in a real browser (headless Chromium from the system's packages, driven by
Playwright through its executable path): at a phone's width (390 px) and a desktop's (1400 px),
the index, a claim page and the scorecard do not scroll sideways, every image has a real alt text
and loads, every internal link resolves, and no request leaves the machine. Search works
offline. Skips, saying why, where there is no Chromium or no Playwright.
"""

import pytest

from aicost.browser import PAGES, WIDTHS, unavailable

WHY = unavailable()
pytestmark = pytest.mark.skipif(WHY is not None, reason=f"no browser check: {WHY}")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from aicost.notebooks import ordered
    from aicost.report import site

    out = tmp_path_factory.mktemp("browser")
    site(ordered(), out / "site", out / "src")
    return out / "site"


@pytest.fixture(scope="module")
def browser():
    from aicost.browser import Browser

    b = Browser()
    yield b
    b.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", [*PAGES, "single/index.html"])
def test_page_reads_well(report, browser, page, width):
    from aicost.browser import check

    problems = check(browser, report, page, width)
    assert not problems, "\n".join(problems)


def test_search_works_offline(report, browser):
    page = browser.page(1400)
    before = len(browser.external)
    page.goto((report / "search.html").resolve().as_uri() + "?q=DAWNBench", wait_until="load")
    page.wait_for_selector("#search-results ul.search li", timeout=20000)
    hits = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(e => e.href)")
    page.context.close()
    assert any("01-resnet50-2017-2019.html" in h for h in hits), hits
    assert browser.external[before:] == []


def test_check_finds_what_a_reader_would_meet(tmp_path, browser):
    """The check is not vacuous: a page too wide for a phone, an image without alt text, a
    broken link and a request to another host are each reported."""
    from aicost.browser import check

    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width">'
        '</head><body><div style="width:2000px">wide</div><img src="x.png">'
        '<a href="missing.html">gone</a><img alt="remote" src="http://192.0.2.1/x.png">'
        "</body></html>", encoding="utf-8")
    problems = "\n".join(check(browser, tmp_path, "bad.html", 390))
    assert "scrolls sideways" in problems
    assert "x.png has no real alt text" in problems
    assert "missing file" in problems
    assert "request left the machine: http://192.0.2.1/x.png" in problems
