"""The report in a real browser (headless Chromium from the system's packages, driven by
Playwright through its executable path): on a phone's first screen (390x844) and a laptop's
(1400x900), every claim page shows its verdict card; no page scrolls sideways and nothing
overflows its box except a table that says it scrolls; every figure has a number, a caption, its
stable name and a data link; every image has a real alt text and loads, every internal link
resolves, and no request leaves the machine. Search works offline. Skips, saying why, where there
is no Chromium or no Playwright (and the test summary names the skip and how to install it).
"""

import pytest

from aicost.browser import PAGES, WIDTHS, unavailable

WHY = unavailable()
pytestmark = pytest.mark.skipif(WHY is not None, reason=f"no browser check: {WHY}")


@pytest.fixture(scope="module")
def report(report_site):
    """The session's one render (tests/conftest.py)."""
    return report_site[0]


def claim_pages() -> list[str]:
    from pathlib import Path

    from aicost.scorecard import scorecard

    frame, _ = scorecard()
    return sorted({Path(n).stem + ".html" for n in frame["notebook"]})


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


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", claim_pages())
def test_claim_page_answers_in_the_first_screen(report, browser, page, width):
    from aicost.browser import check

    problems = check(browser, report, page, width, card=True)
    assert not problems, "\n".join(problems)


def test_search_works_offline(report, browser):
    page = browser.page(1400)
    before = len(browser.external)
    page.goto((report / "search.html").resolve().as_uri() + "?q=DAWNBench", wait_until="load")
    page.wait_for_selector("#search-results ul.search li", timeout=20000)
    hits = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(e => e.href)")
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
    problems = "\n".join(check(browser, tmp_path, "bad.html", 390, card=True))
    assert "scrolls sideways" in problems
    assert "no verdict card" in problems
    assert "x.png has no real alt text" in problems
    assert "missing file" in problems
    assert "request left the machine: http://192.0.2.1/x.png" in problems


def test_check_finds_what_an_article_must_not_have(tmp_path, browser):
    """A verdict card below the first screen, a text box clipped at its right edge, a table box
    that scrolls without saying so, and a figure without number, caption, name or data link."""
    from aicost.browser import check

    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "01-x.png").write_bytes(b"")
    (tmp_path / "page.html").write_text(
        '<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width">'
        '</head><body><article><div style="height:1200px">tall</div>'
        '<section class="aicost-card"><p class="aicost-card-verdict">overstated</p></section>'
        '<pre style="overflow-x:auto;width:200px">' + "x" * 300 + "</pre>"
        '<div class="aicost-table" style="overflow-x:auto"><table><tr><td>'
        + "y " * 10 + '<span style="display:inline-block;width:900px">wide</span>'
        "</td></tr></table></div>"
        '<figure class="aicost-figure"><img alt="a chart" src="figures/01-x.png"></figure>'
        "</article></body></html>", encoding="utf-8")
    problems = "\n".join(check(browser, tmp_path, "page.html", 390, card=True))
    assert "not in the first screen" in problems
    assert "wider than its box: pre" in problems
    assert "wider than its box: div.aicost-table" in problems
    assert "lacks a number, a caption, its stable name, a data link" in problems
