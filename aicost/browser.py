"""Look at the HTML report in a real browser: headless Chromium from the system's packages,
driven by Playwright through its executable path (Playwright never downloads a browser here).

``python -m aicost.browser --screenshots DIR`` (``make screenshots``) writes full-page PNGs of
the index, one claim page and the scorecard at a phone's width (390 px) and a desktop's
(1400 px); tests/test_browser.py runs :func:`check` on the same pages.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from aicost.paths import REPORT

WIDTHS = (390, 1400)
HEIGHTS = {390: 844, 1400: 900}  # a phone's first screen and a laptop's
PAGES = ("index.html", "01-resnet50-2017-2019.html", "04-llm-gpt3-level.html", "12-scorecard.html",
         "glossary.html")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> str | None:
    """Path of a Chromium binary: ``$AICOST_CHROMIUM``, else Debian's ``chromium``."""
    for candidate in (os.environ.get("AICOST_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def unavailable() -> str | None:
    """Why the browser check cannot run here (None when it can)."""
    if chromium() is None:
        return ("no Chromium binary (apt-get install chromium, or set AICOST_CHROMIUM); "
                ".ci/run installs it")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements.txt)"
    return None


class Browser:
    """One headless Chromium; every request that is not a file on this machine is refused and
    recorded in ``external``."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=chromium(), headless=True,
                                                 args=FLAGS)
        self.external: list[str] = []
        self.measured: dict[tuple[Path, int], tuple[dict, list[str]]] = {}  # see measure()
        self._pages: dict[tuple[int, int], object] = {}

    def page(self, width: int, height: int | None = None):
        """The page of a window ``width`` x ``height`` px, to ``goto`` a file in. One page per
        size, made once and reused (a new page costs about 0.2 s, a new context 0.3 s); each
        ``goto`` loads a fresh document, so nothing of the page before is left but the size."""
        height = height or HEIGHTS.get(width, 900)
        if (width, height) not in self._pages:
            context = self._browser.new_context(viewport={"width": width, "height": height},
                                                device_scale_factor=1)
            context.route("**/*", self._route)
            self._pages[width, height] = context.new_page()
        return self._pages[width, height]

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def close(self):
        for page in self._pages.values():
            page.context.close()
        self._browser.close()
        self._pw.stop()


# Run in the page: what a reader would run into. A box may scroll sideways only when it is a
# table box that says so (aicost.js marks it); anything else wider than its box, or reaching
# past the window, is reported, as is a figure that is not a citable object.
PROBE = """() => {
  const doc = document.documentElement;
  const imgs = [...document.images].map(i => ({src: i.getAttribute('src'),
      alt: (i.getAttribute('alt') || '').trim(), ok: i.complete && i.naturalWidth > 0}));
  const links = [...document.querySelectorAll('a[href]')].map(a => a.href);
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  const chrome = '.sidebar-drawer, .toc-drawer, .mobile-header, .visually-hidden, .headerlink';
  const scrolls = '.aicost-table.aicost-scrolls';
  const describe = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
      ? '.' + e.className.trim().split(/\\s+/).join('.') : '') +
      ' "' + (e.textContent || '').trim().slice(0, 40) + '"';
  const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const overflow = [];
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest(chrome) || !visible(e)) continue;
    const inBox = e.closest(scrolls);
    const r = e.getBoundingClientRect();
    if (!inBox && r.right > doc.clientWidth + 1) {
      overflow.push('past the window: ' + describe(e)); continue; }
    const style = getComputedStyle(e);
    if (!e.matches(scrolls) && style.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1 &&
        !['HTML', 'BODY'].includes(e.tagName)) overflow.push('wider than its box: ' + describe(e));
  }
  const figures = [...document.querySelectorAll('article img')].map(img => {
    const fig = img.closest('figure.aicost-figure, figure.aicost-card-chart, .aicost-finding');
    const cap = fig && fig.querySelector('figcaption, small');
    const name = (img.getAttribute('src') || '').split('/').pop().replace(/\\.png$/, '');
    const home = fig && fig.matches('figure.aicost-figure') ? fig : null;
    return {src: img.getAttribute('src'), inFigure: !!fig,
            number: !!cap && /Figure \\d+/.test(cap.textContent),
            caption: !!cap && cap.textContent.replace(/Figure \\d+\\.?/, '').trim().length > 10,
            name: !home || home.textContent.includes(name),
            data: !home || !!home.querySelector('a[href$="' + name + '.csv"]')};
  });
  const card = document.querySelector('.aicost-card .aicost-card-verdict');
  const cardBox = card ? card.getBoundingClientRect() : null;
  return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, imgs, links, ids,
          overflow: overflow.slice(0, 50), overflowCount: overflow.length, figures,
          card: cardBox ? {top: cardBox.top, bottom: cardBox.bottom} : null,
          height: window.innerHeight, title: document.title};
}"""

BAD_ALT = ("", "no description has been provided for this image")


def _looks_like_file_name(alt: str) -> bool:
    return alt.lower().endswith((".png", ".svg", ".jpg", ".jpeg")) or "/" in alt


def measure(browser: Browser, report: Path, page_name: str, width: int) -> tuple[dict, list[str]]:
    """What :data:`PROBE` finds on ``page_name`` at ``width`` px (first screen at load), and the
    requests that tried to leave the machine while it loaded. Each file is loaded once per width
    and browser: a check of the page at that width and its verdict-card check share the load (a
    report's pages do not change while it is checked)."""
    path = (report / page_name).resolve()
    if (path, width) not in browser.measured:
        page = browser.page(width)
        before = len(browser.external)
        page.goto(path.as_uri(), wait_until="load")
        browser.measured[path, width] = (page.evaluate(PROBE), browser.external[before:])
    return browser.measured[path, width]


def check(browser: Browser, report: Path, page_name: str, width: int,
          card: bool = False) -> list[str]:
    """Problems a reader of ``page_name`` at ``width`` px would meet (empty list: none).
    ``card``: the page is a claim's, so its verdict must be in the first screen."""
    info, external = measure(browser, report, page_name, width)
    where = f"{page_name} at {width} px"
    problems = []
    if info["scrollWidth"] > info["clientWidth"]:
        problems.append(f"{where}: the page scrolls sideways ({info['scrollWidth']} px wide in a "
                        f"{info['clientWidth']} px window)")
    problems += [f"{where}: overflows outside a scrolling table: {o}" for o in info["overflow"]]
    if card:
        box = info["card"]
        if box is None:
            problems.append(f"{where}: no verdict card")
        elif box["top"] < 0 or box["bottom"] > info["height"]:
            problems.append(f"{where}: the verdict is not in the first screen (at "
                            f"{box['top']:.0f}-{box['bottom']:.0f} px of {info['height']})")
    for fig in info["figures"]:
        missing = [k for k in ("inFigure", "number", "caption", "name", "data") if not fig[k]]
        if missing:
            problems.append(f"{where}: figure {fig['src']} lacks "
                            + ", ".join({"inFigure": "a figure box", "number": "a number",
                                         "caption": "a caption", "name": "its stable name",
                                         "data": "a data link"}[k] for k in missing))
    for img in info["imgs"]:
        if img["alt"].lower() in BAD_ALT or _looks_like_file_name(img["alt"]):
            problems.append(f"{where}: image {img['src']} has no real alt text ({img['alt']!r})")
        if not img["ok"]:
            problems.append(f"{where}: image {img['src']} did not load")
    for link in info["links"]:
        parts = urlsplit(link)
        if parts.scheme != "file":
            continue
        target = Path(unquote(parts.path))
        if not target.exists():
            problems.append(f"{where}: link to a missing file {target}")
        elif parts.fragment and target.suffix == ".html":
            if target.resolve() == (report / page_name).resolve():
                ids = set(info["ids"])
            else:
                ids = _ids(target)
            if unquote(parts.fragment) not in ids:
                problems.append(f"{where}: link to a missing section {target.name}#{parts.fragment}")
    problems += [f"{where}: request left the machine: {u}" for u in external]
    return problems


_ID_CACHE: dict[Path, set[str]] = {}


def _ids(path: Path) -> set[str]:
    import re

    if path not in _ID_CACHE:
        text = path.read_text(encoding="utf-8")
        _ID_CACHE[path] = set(re.findall(r"""\bid=["']([^"']+)["']""", text))
    return _ID_CACHE[path]


def screenshots(folder: Path, report: Path = REPORT) -> list[Path]:
    """Full-page PNGs of :data:`PAGES` at each of :data:`WIDTHS`; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    browser = Browser()
    paths = []
    try:
        for name in PAGES:
            for width in WIDTHS:
                page = browser.page(width)
                page.goto((report / name).resolve().as_uri(), wait_until="load")
                path = folder / f"{Path(name).stem}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                paths.append(path)
    finally:
        browser.close()
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aicost.browser", description=__doc__)
    parser.add_argument("--screenshots", type=Path, default=REPORT / "screenshots",
                        help="folder for the PNGs (default report/screenshots)")
    args = parser.parse_args(argv)
    why = unavailable()
    if why:
        print(f"no browser: {why}", file=sys.stderr)
        return 1
    if not (REPORT / "index.html").is_file():
        print("no report: run `make report` first", file=sys.stderr)
        return 1
    for path in screenshots(args.screenshots):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
