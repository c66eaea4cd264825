"""The HTML report: every notebook and figure present, every link resolves, nothing external,
navigation and footer on every page, byte-identical builds; money signs and tables in the
notebooks as a reader sees them.

Renders the stored notebooks (execution itself is tested by nbval) into a temporary folder with
the same function `make report` uses.
"""

import html as html_lib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pandas as pd
import pytest

from aicost.notebooks import escape_dollars, ordered, title, unescaped_dollars
from aicost.report import anchor, site

EXTERNAL = re.compile(r"^(https?:)?//", re.I)


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []  # (tag, attribute, value)
        self.ids = set()
        self.imgs = []  # alt texts
        self.meta = []
        self.title = None  # the document's <title> (not the SVG icons' titles)
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if attrs.get(name):
                self.refs.append((tag, name, attrs[name]))
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "img":
            self.imgs.append((attrs.get("src"), attrs.get("alt") or ""))
        if tag == "meta":
            self.meta.append(attrs)
        self._in_title = tag == "title" and self.title is None

    def handle_data(self, data):
        if self._in_title:
            self.title = data

    def handle_endtag(self, tag):
        self._in_title = False


_PARSED: dict[Path, Page] = {}


def parse(path: Path) -> Page:
    if path not in _PARSED:
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        _PARSED[path] = page
    return _PARSED[path]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    entries = site(ordered(), out / "site", out / "src")
    return out / "site", entries


def pages(root: Path) -> list[Path]:
    return sorted(root.glob("*.html")) + [root / "single" / "index.html"]


def test_every_notebook_has_a_page_titled_by_its_heading(report):
    root, _ = report
    for nb in ordered():
        page = root / f"{nb.stem}.html"
        assert page.is_file(), page.name
        heading = title(nbformat.read(nb, as_version=4))
        shown = html_lib.unescape(parse(page).title)
        assert shown.startswith(heading), (page.name, shown)


def test_index_leads_with_findings_then_scorecard_then_sections(report):
    root, _ = report
    text = (root / "index.html").read_text(encoding="utf-8")
    found = [text.index(f'id="{s}"') for s in ("findings", "scorecard", "sections", "figures")]
    assert found == sorted(found)
    listing = text[text.index('id="sections"'):]
    positions = [listing.index(f'href="{nb.stem}.html"') for nb in ordered()]
    assert positions == sorted(positions), "notebooks out of order in the contents"


def test_every_verdict_links_to_the_section_that_holds_it(report):
    from aicost.scorecard import scorecard

    root, entries = report
    text = (root / "index.html").read_text(encoding="utf-8")
    printed = {cid for e in entries for cid in e["claims"]}
    frame, _ = scorecard()
    assert printed, "no notebook prints a verdict"
    for cid, notebook in zip(frame["id"], frame["notebook"], strict=True):
        page = Path(notebook).stem + ".html"
        if cid in printed:
            assert f"{page}#{anchor(cid)}" in text, f"{cid}: no link to its verdict"
            assert anchor(cid) in parse(root / page).ids, f"{cid}: no anchor in {page}"
            assert "index.html#scorecard" in (root / page).read_text(encoding="utf-8")


def test_every_internal_link_resolves(report):
    root, _ = report
    for page in pages(root):
        for _tag, _attr, value in parse(page).refs:
            if EXTERNAL.match(value) or value.startswith(("mailto:", "data:")):
                continue
            parts = urlsplit(value)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.exists(), f"{page.relative_to(root)}: broken link {value}"
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in parse(target).ids, (
                    f"{page.relative_to(root)}: no section {parts.fragment!r} in {target.name}")


def test_no_page_loads_anything_from_the_network(report):
    root, _ = report
    for page in pages(root) + sorted((root / "_static").rglob("*.css")):
        text = page.read_text(encoding="utf-8")
        if page.suffix == ".html":
            for tag, attr, value in parse(page).refs:
                if tag in ("script", "link", "img", "iframe", "source") and attr in ("src", "href"):
                    assert not EXTERNAL.match(value), f"{page.name}: <{tag} {attr}={value}>"
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), f"{page.name}: remote url()"
        assert "cdnjs" not in text, page.name
        assert not re.search(r"<script[^>]*mathjax", text, re.I), f"{page.name} loads MathJax"


def test_every_page_has_viewport_footer_and_navigation(report):
    from aicost.report import context

    root, _ = report
    ctx = context()
    for page in pages(root):
        parsed = parse(page)
        assert any(m.get("name") == "viewport" for m in parsed.meta), f"{page.name}: no viewport"
        text = page.read_text(encoding="utf-8")
        for key in ("aicost_version", "aicost_commit", "aicost_data_date"):
            assert ctx[key] in text, f"{page.name}: footer lacks {key}"
        assert "How to cite" in text and "Licences" in text, page.name
    notebook_pages = [root / f"{nb.stem}.html" for nb in ordered()]
    for page in notebook_pages[1:]:
        assert 'class="prev-page"' in page.read_text(encoding="utf-8"), page.name
    for page in notebook_pages[:-1]:
        assert 'class="next-page"' in page.read_text(encoding="utf-8"), page.name


def test_every_image_has_real_alt_text(report):
    root, _ = report
    for page in pages(root):
        for src, alt in parse(page).imgs:
            assert alt.strip(), f"{page.name}: {src} has no alt text"
            assert not alt.lower().endswith((".png", ".svg")) and "/" not in alt, (
                f"{page.name}: alt text of {src} is a file name: {alt!r}")
            assert "no description" not in alt.lower(), f"{page.name}: {src}: {alt!r}"


def test_every_figure_is_in_the_index_with_its_caption(report):
    from aicost.report import captions

    root, _ = report
    text = html_lib.unescape((root / "index.html").read_text(encoding="utf-8"))
    for name, caption in captions().items():
        assert (root / "figures" / f"{name}.png").is_file()
        assert f"figures/{name}.png" in text, f"{name} not shown in index.html"
        assert caption and caption in text, f"{name}: caption not used as alt text"


def test_search_index_is_local_and_covers_the_notebooks(report):
    root, _ = report
    search = (root / "search.html").read_text(encoding="utf-8")
    assert 'src="searchindex.js' in search
    index = (root / "searchindex.js").read_text(encoding="utf-8")
    for nb in ordered():
        assert nb.stem in index, f"{nb.stem} not in the search index"
    assert "dawnbench" in index.lower()


def test_single_page_version_holds_every_notebook(report):
    root, _ = report
    text = html_lib.unescape((root / "single" / "index.html").read_text(encoding="utf-8"))
    for nb in ordered():
        assert title(nbformat.read(nb, as_version=4)) in text, f"{nb.name} not in the single page"


def test_code_is_folded_away_but_present(report):
    root, _ = report
    text = (root / "01-resnet50-2017-2019.html").read_text(encoding="utf-8")
    assert "<details" in text and "Show code" in text
    assert "bootstrap_trend" in text  # the code itself is on the page, behind the toggle


def test_verdicts_are_badges_with_words(report):
    from aicost.display import VERDICT_STYLE

    root, _ = report
    text = (root / "index.html").read_text(encoding="utf-8")
    used = set(re.findall(r'class="verdict verdict-([a-z-]+)"', text))
    assert used, "no verdict badge on the index"
    for name in used:
        word = name.replace("-", " ")
        assert word in VERDICT_STYLE
        assert re.search(rf'verdict-{name}"[^>]*>[^<]*{word}</span>', text), name


def test_building_twice_is_byte_identical(report, tmp_path):
    root, _ = report
    site(ordered(), tmp_path / "again", tmp_path / "src")
    first = {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "again"): p.read_bytes()
              for p in (tmp_path / "again").rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    differ = [str(k) for k in first if first[k] != second[k]]
    assert not differ, f"differ between two builds: {differ[:5]}"


# --- money signs in Markdown --------------------------------------------------------------

def test_no_notebook_has_a_bare_money_sign_in_markdown():
    problems = []
    for path in ordered():
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                problems += [f"{path.name} {cell.id}: ...{hit}..."
                             for hit in unescaped_dollars(cell.source)]
    assert not problems, ("bare $ in Markdown renders as LaTeX; write \\$ (or run "
                          "python -m aicost.notebooks --escape-dollars):\n" + "\n".join(problems))


def test_escape_dollars_leaves_code_and_escaped_signs_alone():
    source = "from around $1,000 to \\$10; `$HOME` stays\n```\nprint('$5')\n```\nend $5"
    fixed = escape_dollars(source)
    assert fixed == "from around \\$1,000 to \\$10; `$HOME` stays\n```\nprint('$5')\n```\nend \\$5"
    assert unescaped_dollars(fixed) == []
    assert escape_dollars(fixed) == fixed
    assert len(unescaped_dollars(source)) == 2


def test_title_shows_money_as_a_reader_sees_it():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 03. The \\$1 forecast")]
    assert title(nb) == "03. The $1 forecast"


# --- tables --------------------------------------------------------------------------------

FRAME = pd.DataFrame({"model": ["ResNet-50", "GPT-3 175B"], "cost_usd": [4730000.0, 12.3456],
                      "runs": [3, 1200], "verdict": ["supported", "overstated"]})


def test_html_table_aligns_numbers_and_shows_units():
    from aicost.display import html_table

    out = html_table(FRAME)
    assert "cost<br>" in out and ">USD</span>" in out  # unit under the column name
    assert re.search(r'<td style="text-align:right[^"]*white-space:nowrap[^"]*">4,730,000</td>', out)
    assert re.search(r'<td style="text-align:left[^"]*">ResNet-50</td>', out)
    assert ">1,200</td>" in out and "12.3</td>" in out
    assert "\u2713 supported</span>" in out and "\u25B2 overstated</span>" in out
    assert "overflow-x:auto" in out  # scrolls in its own box on a phone
    assert html_table(FRAME) == out


def test_text_table_is_the_plain_fallback():
    from aicost.display import text_table

    lines = text_table(FRAME).splitlines()
    assert lines[0].split() == ["model", "cost_usd", "runs", "verdict"]
    assert "4,730,000" in lines[1] and "1,200" in lines[2]


def test_every_verdict_has_a_distinct_labelled_badge():
    from aicost.claims import VERDICTS
    from aicost.display import VERDICT_STYLE, badge

    assert set(VERDICTS) <= set(VERDICT_STYLE)
    assert len(VERDICT_STYLE) == 7
    for verdict, (_colour, symbol) in VERDICT_STYLE.items():
        out = badge(verdict)
        assert out.endswith(f"{symbol} {verdict}</span>"), out  # the word, never colour alone
    assert badge("<b>") == "&lt;b&gt;"


def test_table_in_a_kernel_is_one_output_with_html_and_text():
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import pandas as pd\nfrom aicost.display import table\n"
        "table(pd.DataFrame({'x_usd': [1.0, 2000.0], 'name': ['a', 'b']}))")]
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    outputs = nb.cells[0].outputs
    assert [o["output_type"] for o in outputs] == ["display_data"]
    data = outputs[0]["data"]
    assert set(data) == {"text/plain", "text/html"}
    assert "2,000" in data["text/plain"] and "<table" in data["text/html"]


def test_clean_gives_the_kernelspec_jupyterlab_will_write():
    """JupyterLab rewrites the kernelspec to the running kernel's on opening: any difference
    shows every notebook as modified before the reader has touched it."""
    from jupyter_client.kernelspec import KernelSpecManager

    from aicost.notebooks import KERNEL, clean

    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    nb = clean(nbformat.v4.new_notebook())
    assert nb.metadata["kernelspec"] == {"display_name": spec.display_name,
                                         "language": spec.language, "name": KERNEL}
    for path in ordered():
        stored = nbformat.read(path, as_version=4).metadata["kernelspec"]
        assert stored["display_name"] == spec.display_name, f"{path.name}: run make refresh"


def test_build_leaves_no_working_copies_beside_or_in_the_report(report):
    root, _ = report
    assert not (root / "jupyter_execute").exists()
    assert not (root.parent / "jupyter_execute").exists()
    assert not (root / "_sources").exists() or not any((root / "_sources").iterdir())
