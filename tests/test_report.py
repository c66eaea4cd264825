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
def report(report_site):
    """One render per session (tests/conftest.py), shared with tests/test_browser.py."""
    return report_site


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
    findings = text[found[0]:found[1]]
    for stem in claim_pages():  # one key finding per claim page, each with its chart
        assert f"href='{stem}.html'" in findings, f"{stem}: no key finding"
    assert findings.count("class='aicost-finding'") == findings.count("<img"), "finding sans chart"
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
        for key in ("aicost_version", "aicost_commit", "aicost_data_date", "aicost_build_date",
                    "aicost_released"):
            assert ctx[key] in text, f"{page.name}: footer lacks {key}"
        dates = text[text.index('class="aicost-dates"'):][:400]
        assert "data as of" in dates and "updated" in dates and ctx["aicost_version"] in dates, (
            f"{page.name}: no dates line above the text")
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


def test_code_is_off_the_article_and_linked(report):
    """Article pages show prose, tables and figures; the code is in the notebook each page links
    to (a copy of what was run sits beside the pages)."""
    root, _ = report
    for nb in ordered():
        text = (root / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert "Show code" not in text and "highlight-ipython3" not in text, nb.stem
        assert f"notebooks/{nb.name}" in text, f"{nb.stem}: no link to its notebook"
        assert (root / "notebooks" / nb.name).is_file()
    assert "bootstrap_trend" not in (root / "01-resnet50-2017-2019.html").read_text(
        encoding="utf-8")


def article(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[text.index("<article"):text.index("</article>")]


def test_printed_results_are_text_that_wraps_not_pre_boxes(report):
    root, _ = report
    for nb in ordered():
        body = article(root / f"{nb.stem}.html")
        assert "<pre" not in body, f"{nb.stem}: a <pre> box in the article"
    body = article(root / "04-llm-gpt3-level.html")
    assert 'class="aicost-out' in body


def claim_pages() -> dict[str, list[str]]:
    """Page stem -> the ids of the claims judged on it, in scorecard order."""
    from aicost.scorecard import scorecard

    frame, _ = scorecard()
    out: dict[str, list[str]] = {}
    for cid, notebook in zip(frame["id"], frame["notebook"], strict=True):
        out.setdefault(Path(notebook).stem, []).append(cid)
    return out


def test_every_claim_page_opens_with_its_verdict_card(report):
    """Right under the title: the claim quoted, with claimant, date and a link to the source;
    the verdict badge; our number; a chart; links to the evidence and the code."""
    from aicost.claims import register
    from aicost.display import badge
    from aicost.scorecard import scorecard

    root, _ = report
    frame, _ = scorecard()
    verdicts = dict(zip(frame["id"], frame["verdict"], strict=True))
    claims = register()
    assert claim_pages(), "no claim is judged anywhere"
    for stem, ids in claim_pages().items():
        body = html_lib.unescape(article(root / f"{stem}.html"))
        h1, card = body.find("<h1"), body.find("aicost-card")
        assert 0 <= h1 < card, f"{stem}: no verdict card under the title"
        assert card < body.find("<h2") or body.find("<h2") < 0, f"{stem}: card is not first"
        block = body[card:body.index("</section>", card)]
        lead = claims[ids[0]]
        assert html_lib.unescape(badge(verdicts[ids[0]])) in block, stem
        assert lead.quote in block and lead.who in block and str(lead.date) in block, stem
        if lead.url:
            assert f"href='{lead.url}'" in block or f'href="{lead.url}"' in block, stem
        assert f"#{anchor(ids[0])}" in block, f"{stem}: no link to the evidence"
        assert f"notebooks/{stem}.ipynb" in block, f"{stem}: no link to the code"
        for cid in ids[1:]:
            assert f"#{anchor(cid)}" in block, f"{stem}: {cid} not listed on the card"


def test_every_figure_is_a_citable_object_on_its_page(report):
    """Numbered, captioned, its stable name shown, PNG/SVG/PDF and the CSV of its data linked,
    a line to cite it; every linked file is in the report."""
    from aicost.report import captions, figure_numbers

    root, _ = report
    caps = captions()
    numbers = figure_numbers(caps)
    assert sorted(numbers.values()) == list(range(1, len(caps) + 1))
    for name, caption in caps.items():
        stem = next(nb.stem for nb in ordered() if nb.stem[:2] == name[:2])
        body = html_lib.unescape(article(root / f"{stem}.html"))
        at = body.find(f"id='figure-{name}'")
        assert at >= 0, f"{name}: not a figure on {stem}.html"
        block = body[at:body.index("</figure>", at)]
        assert f"Figure {numbers[name]}." in block and caption in block, name
        assert f"<code>{name}</code>" in block, f"{name}: stable name not shown"
        for ext in ("png", "svg", "pdf", "csv"):
            assert f"figures/{name}.{ext}" in block, f"{name}: no {ext} link"
            assert (root / "figures" / f"{name}.{ext}").is_file(), f"{name}.{ext} not copied"
        assert "Cite:" in block and f"Figure {numbers[name]}: {caption}" in block, name


def test_glossary_defines_the_terms_and_pages_link_to_it(report):
    from aicost.glossary import TERMS, term_id

    root, _ = report
    ids = parse(root / "glossary.html").ids
    for term in ("MMLU", "FLOP", "FLOP/s", "amortised", "bootstrap", "OLS", "record frontier",
                 "reproduced", "independent", "exact"):
        assert term in TERMS and term_id(term) in ids, term
    linked = "".join((root / f"{nb.stem}.html").read_text(encoding="utf-8") for nb in ordered())
    assert linked.count("class='aicost-term'") >= 5, "terms are not linked where first used"


def test_changelog_page_exists_and_is_linked(report):
    root, _ = report
    assert (root / "changelog.html").is_file()
    assert 'href="changelog.html"' in (root / "index.html").read_text(encoding="utf-8")


def test_changelog_page_lists_every_change_with_its_reason(report):
    import html

    from aicost.changelog import changes

    root, _ = report
    text = (root / "changelog.html").read_text(encoding="utf-8")
    log = changes()
    assert len(log)
    for r in log.itertuples():
        assert f"<strong>{html.escape(r.claim_id)}</strong>" in text, r.claim_id
        assert html.escape(r.why)[:80] in text, f"{r.claim_id}: its reason is not on the page"


def test_index_opens_with_the_answer_and_its_chart(report):
    from aicost.report import SHORT_CHART

    root, _ = report
    text = (root / "index.html").read_text(encoding="utf-8")
    short = text[text.index('id="in-short"'):text.index('id="findings"')]
    assert "Getting cheaper" in short and "Getting dearer" in short
    assert f"figures/{SHORT_CHART}.png" in short


def test_sources_are_clickable(report):
    root, _ = report
    text = (root / "04-llm-gpt3-level.html").read_text(encoding="utf-8")
    assert re.search(r"""<a class=["']aicost-source["'] href=["']https?://""", text)


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
    assert len(VERDICT_STYLE) == 9
    assert {"pending", "no independent test"} <= set(VERDICT_STYLE)
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
    NotebookClient(nb, kernel_name="python3", timeout=120, shutdown_kernel="immediate").execute()
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


# --- the scorecard on the command line -------------------------------------------------------

def test_claims_table_fits_100_columns_and_says_what_a_reader_needs():
    from aicost.display import claims_table
    from aicost.scorecard import claimed_text, scorecard

    frame, _ = scorecard()
    out = claims_table(frame)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    flat = " ".join(" ".join(lines).split())
    for r in frame.to_dict("records"):
        assert f"[{r['id']}]" in out, r["id"]
        assert r["verdict"] in flat
        assert f"claimed {claimed_text(r['claimed_value'])}" in flat or (
            f"claimed {float(r['claimed_value']):,.0f}" in flat), r["id"]
    first = frame.iloc[0]
    assert " ".join(first["claim"].split()[:3]) in flat


def test_claims_table_shows_reproduction_as_a_check_not_support():
    from aicost.display import claims_table
    from aicost.scorecard import scorecard

    frame, _ = scorecard()
    frame = frame.head(1).copy()
    frame["reproduction"] = ["reproduces"]
    out = claims_table(frame)
    # the label and the outcome share the verdict cell (wrapped at the column's width)
    assert "claimant's sums:" in out and "reproduces" in out.split("claimant's sums:", 1)[1]


def test_claims_help_explains_every_verdict_and_column():
    import contextlib
    import io

    from aicost.__main__ import COLUMNS_HELP, main
    from aicost.display import VERDICT_STYLE

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), pytest.raises(SystemExit):
        main(["claims", "--help"])
    text = buf.getvalue()
    for verdict in VERDICT_STYLE:
        assert f"  {verdict}: " in text, verdict
    for column in COLUMNS_HELP:
        assert f"  {column}: " in text, column
