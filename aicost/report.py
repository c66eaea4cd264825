"""Build the HTML report (``make report``): execute, then render with Sphinx and myst-nb.

1. Every notebook runs from data/ in a fresh kernel (two at a time); the notebooks write
   figures/. The executed copies are the site's sources (build/site/); stored outputs are never
   just converted.
2. Each executed copy is prepared for readers (:func:`prepare`): code cells fold away behind a
   "Show code" toggle (readers see prose, tables and figures; reviewers open the code in place),
   every figure gets its stored caption as alt text, every verdict line becomes a labelled badge
   with an anchor that the scorecard links to.
3. An index that leads with the findings and the scorecard (:func:`index_source`) is written
   beside them, and Sphinx (theme Furo, myst-nb with execution off) renders the site into
   report/: a contents sidebar, previous/next, page titles from headings, offline search, and a
   footer with version, data date, commit, citation and licences. The whole report is also
   rendered as one page, report/single/index.html, for printing or attaching.

Everything opens straight from disk and loads nothing from any host; two builds of the same
checkout are byte-identical (tests/test_report.py).
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import nbformat

from aicost import glossary
from aicost.figures import figure_index
from aicost.notebooks import execute_all, ordered, title
from aicost.paths import FIGURES, REPORT, ROOT

SITE = Path(__file__).resolve().parent / "site"  # conf.py, templates, CSS
SOURCE = ROOT / "build" / "site"
TITLE = "aicost: is AI training getting cheaper? The famous claims re-derived from data"
VERDICT_LINE = re.compile(r"^(Verdict on ([A-Za-z0-9.\-]+): )([A-Z ]+?)([.:])", re.M)
FIGURE_NAME = re.compile(r"""["'](\d\d-[a-z0-9]+(?:-[a-z0-9]+)*)["']""")


def anchor(claim_id: str) -> str:
    """The id of the element that holds a claim's verdict in its notebook's page."""
    return "claim-" + re.sub(r"[^a-z0-9-]", "-", claim_id.lower())


def captions(folder: Path | None = None) -> dict[str, str]:
    """Figure name -> the caption stored in its PNG by aicost.figures.save."""
    from PIL import Image

    out = {}
    for png in sorted((folder or FIGURES).glob("[0-9][0-9]-*.png")):
        with Image.open(png) as img:
            out[png.stem] = dict(getattr(img, "text", {})).get("Title", "")
    return out


URL = re.compile(r"https?://[^\s<>\"']+")


def _linked(escaped: str) -> str:
    """Every web address in (already escaped) text as a link a reader can click: offline means
    the report loads nothing, not that its sources are dead text."""
    def link(m):
        url = m.group(0)
        tail = ""
        while url and url[-1] in ".,;:)]":
            tail, url = url[-1] + tail, url[:-1]
        return f'<a class="aicost-source" href="{url}">{url}</a>{tail}'
    return URL.sub(link, escaped)


def _badged(text: str) -> str:
    """A stream's text as a styled HTML block (not ``<pre>``: it wraps at spaces on a phone),
    each verdict word replaced by its badge and every web address a link."""
    from aicost.display import VERDICT_STYLE, badge

    out, pos = [], 0
    for m in VERDICT_LINE.finditer(text):
        word = m.group(3).lower()
        if word not in VERDICT_STYLE:
            continue
        out.append(_linked(html.escape(text[pos:m.start(3)])) + badge(word))
        pos = m.end(3)
    out.append(_linked(html.escape(text[pos:].rstrip("\n"))))
    cls = "aicost-out aicost-verdicts" if len(out) > 1 else "aicost-out"
    return f'<div class="{cls}">' + "".join(out) + "</div>"


def figure_numbers(figure_captions: dict[str, str]) -> dict[str, int]:
    """Figure name -> its number in the report (the order of figures/README.md)."""
    return {name: k for k, name in enumerate(sorted(figure_captions), start=1)}


def cite_figure(name: str, number: int, caption: str) -> str:
    """The "cite this figure" line: author, year, title, version, figure number, address."""
    ctx = citation()
    return (f"{ctx['author']} ({ctx['year']}). \u201cFigure {number}: {caption}\u201d. In "
            f"{ctx['title']}, version {ctx['version']}. {ctx['where']}figures/{name}.png")


def figure_html(name: str, number: int, caption: str, *, page: str | None = None,
                anchor_id: bool = True) -> str:
    """A figure as a citable object: number, caption, stable file name, downloads (PNG, SVG,
    PDF and the CSV of exactly the plotted data) and a line to cite it. One line of HTML."""
    alt = html.escape(caption or f"Figure {number}", quote=True)
    files = " \u00b7 ".join(f"<a href='figures/{name}.{ext}'>{label}</a>" for ext, label in
                             (("png", "PNG"), ("svg", "SVG"), ("pdf", "PDF"),
                              ("csv", "data (CSV)")))
    where = f" \u00b7 <a href='{page}#figure-{name}'>in its section</a>" if page else ""
    ident = f" id='figure-{name}'" if anchor_id else ""
    return (f"<figure class='aicost-figure'{ident}><a href='figures/{name}.png'>"
            f"<img src='figures/{name}.png' alt=\"{alt}\"></a><figcaption>"
            f"<strong>Figure {number}.</strong> {html.escape(caption)}"
            f"<span class='aicost-fig-files'><code>{name}</code> \u00b7 {files}{where}</span>"
            f"<span class='aicost-cite'>Cite: {html.escape(cite_figure(name, number, caption))}"
            "</span></figcaption></figure>")


def _estimate_text(r: dict) -> str:
    """Our number and its interval, in words, for the card and the scorecard."""
    from aicost.display import sig

    if r["verdict"] == "not testable" or r["estimate"] is None or r["estimate"] != r["estimate"]:
        return html.escape(str(r["note"] or "no estimate"))
    unit = html.escape(str(r["unit"]))
    if r["interval"] == "exact":
        return f"<strong>{sig(r['estimate'], 3)}</strong> {unit} (exact: no sampling interval)"
    if r["ci_low"] == r["ci_high"]:  # e.g. a measurement range of prices with a single price
        return (f"<strong>{sig(r['estimate'], 3)}</strong> {unit} "
                f"({html.escape(str(r['interval']))}: no spread)")
    return (f"<strong>{sig(r['estimate'], 3)}</strong> {unit} ({html.escape(str(r['interval']))} "
            f"{sig(r['ci_low'], 3)} to {sig(r['ci_high'], 3)})")


def card_html(claim_ids: list[str], chart: str | None, figure_captions: dict[str, str],
              notebook: str) -> str:
    """The verdict card that opens a claim's page: the claim quoted with its claimant, date and
    a clickable source, the verdict in words with the number and interval that decide it and the
    band the claim's words allow, one chart, and links to the evidence below and to the code.
    Further claims judged on the same page follow as one line each. One line of HTML."""
    from aicost.claims import register
    from aicost.display import badge
    from aicost.scorecard import band_text, claimed_text, scorecard

    frame, _ = scorecard()
    rows = {r["id"]: r for r in frame.to_dict("records")}
    claims = register()
    lead, rest = claim_ids[0], claim_ids[1:]
    r, c = rows[lead], claims[lead]
    source = (f" \u00b7 <a class='aicost-source' href='{html.escape(c.url, quote=True)}'>source"
              "</a>" if c.url else "")
    decide = ""
    if r["verdict"] != "not testable":
        decide = (f"<p class='aicost-card-band'>Claimed: <strong>{claimed_text(c.claimed_value)}"
                  f"</strong> {html.escape(c.unit)}; the claim's words allow "
                  f"{html.escape(band_text(c))}. Rule: {html.escape(str(r['rule']))}.</p>")
    repro = r.get("reproduction") or ""
    repro = (f"<p class='aicost-card-note'>The claimant's own arithmetic: "
             f"{html.escape(str(repro))} (a check of their sums, not support for the claim).</p>"
             if isinstance(repro, str) and repro.strip() else "")
    fig = ""
    if chart:
        number = figure_numbers(figure_captions)[chart]
        fig = (f"<figure class='aicost-card-chart'><a href='#figure-{chart}'><img "
               f"src='figures/{chart}.png' alt=\"{html.escape(figure_captions[chart], quote=True)}\">"
               f"</a><figcaption>Figure {number}: {html.escape(figure_captions[chart])} "
               f"(<a href='#figure-{chart}'>details and data</a>)</figcaption></figure>")
    others = ""
    if rest:
        items = "".join(
            f"<li><a href='#{anchor(cid)}'>{badge(rows[cid]['verdict'])}</a> "
            f"{html.escape(claims[cid].short_name)} <small>({html.escape(claims[cid].who)}, "
            f"{html.escape(str(claims[cid].date)[:4])}): ours {_estimate_text(rows[cid])}; "
            f"claimed {claimed_text(claims[cid].claimed_value)}</small></li>" for cid in rest)
        others = (f"<details class='aicost-card-more'><summary>{len(rest)} more claim(s) judged "
                  f"on this page</summary><ul>{items}</ul></details>")
    return (f"<section class='aicost-card' aria-label='Verdict'>"
            f"<p class='aicost-card-verdict'><span class='aicost-card-label'>Verdict</span> "
            f"<a href='#{anchor(lead)}'>{badge(r['verdict'])}</a></p>"
            f"<blockquote class='aicost-quote'><p>\u201c{html.escape(c.quote)}\u201d</p>"
            f"<footer>\u2014 {html.escape(c.who)}, {html.escape(str(c.date))}{source}</footer>"
            f"</blockquote><p class='aicost-card-ours'>Our estimate: {_estimate_text(r)}</p>"
            f"{decide}{repro}{fig}<p class='aicost-card-links'><a href='#{anchor(lead)}'>"
            f"The evidence \u2193</a> \u00b7 <a href='notebooks/{notebook}'>the code (notebook "
            f"{html.escape(notebook)})</a> \u00b7 <a href='glossary.html'>terms explained</a></p>"
            f"{others}</section>")


GLOSSARY_LINKED = 1  # how many times a term is linked to its definition per page: the first


def _define_terms(source: str, seen: set[str]) -> str:
    """The first use on a page of each glossary term becomes a link to its definition, with the
    definition as a tooltip (Markdown text only; code, links and headings are left alone)."""
    from aicost.glossary import TERMS, term_id

    lines, out, fence = source.split("\n"), [], False
    for line in lines:
        if line.startswith("```"):
            fence = not fence
        if fence or line.startswith("#") or line.startswith("<"):
            out.append(line)
            continue
        for term, definition in TERMS.items():
            if term in seen:
                continue
            pattern = re.compile(rf"(?<![\w`\[/-]){re.escape(term)}(?![\w`\]/-])")
            parts = re.split(r"(`[^`]*`|\[[^\]]*\]\([^)]*\)|<[^>]+>)", line)
            done = False
            for i in range(0, len(parts), 2):
                m = pattern.search(parts[i])
                if m and not done:
                    tip = html.escape(definition.split(". ")[0].rstrip(".") + ".", quote=True)
                    parts[i] = (parts[i][:m.start()] + f"<a class='aicost-term' href='glossary.html"
                                f"#{term_id(term)}' title=\"{tip}\">{m.group(0)}</a>"
                                + parts[i][m.end():])
                    done = True
            if done:
                seen.add(term)
                line = "".join(parts)
        out.append(line)
    return "\n".join(out)


def prepare(nb, figure_captions: dict[str, str], stem: str = "") -> tuple[object, set[str]]:
    """A notebook as the site shows it, an article (a copy; the argument is left alone), and the
    ids of the claims whose verdict it prints.

    - a claim's page opens, right under its title, with the verdict card (:func:`card_html`);
    - code is not on the page (it is in the notebook, linked from the card and the page foot):
      code cells keep only their outputs;
    - a figure a cell saves is shown as the saved file, numbered and captioned, with its stable
      name, downloads, its data as CSV and a line to cite it (:func:`figure_html`);
    - printed text (results, quotes, verdict lines) is styled HTML that wraps, with each verdict
      as a badge and each web address a link; an anchor before a verdict links back to the
      scorecard;
    - the first use of each glossary term links to its definition.
    """
    from aicost.scorecard import cell_claims, scorecard

    nb = nbformat.reads(nbformat.writes(nb), as_version=4)
    numbers = figure_numbers(figure_captions)
    cells, claims, seen_terms = [], [], set()
    last_figure, chart_for = None, {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            if cell.cell_type == "markdown":
                cell.source = _define_terms(cell.source, seen_terms)
            cells.append(cell)
            continue
        tags = [t for t in cell.metadata.get("tags", []) if t not in ("hide-input",)]
        cell.metadata["tags"] = [*tags, "remove-input"]
        names = [n for n in FIGURE_NAME.findall(cell.source) if n in figure_captions]
        images = [i for i, o in enumerate(cell.outputs) if "image/png" in o.get("data", {})]
        figures_after = []
        if images and names:  # the i-th image shown is the i-th figure the cell saves
            k = min(len(images), len(names))
            for i in reversed(images[:k]):
                del cell.outputs[i]
            figures_after = [figure_html(n, numbers[n], figure_captions[n]) for n in names[:k]]
            last_figure = names[0]
        if any("image/png" in o.get("data", {}) for o in cell.outputs):
            cell.metadata["mystnb"] = {"image": {"alt": f"Figure from {title(nb)}"}}
        ids = cell_claims(cell)
        for out in cell.outputs:
            if out.get("output_type") == "stream":
                text = out["text"]
                out.clear()
                out.update(nbformat.v4.new_output(
                    "display_data", data={"text/html": _badged(text), "text/plain": text}))
        if ids:
            links = "".join(f'<span id="{anchor(c)}"></span>' for c in ids)
            cells.append(nbformat.v4.new_markdown_cell(
                f'<p class="claim-anchor">{links}<a href="index.html#scorecard">'
                f"&#8593; back to the scorecard</a></p>"))
            for c in ids:
                if c not in claims:
                    claims.append(c)
                    chart_for[c] = last_figure
        if not cell.outputs:
            cell.metadata["tags"] = [*cell.metadata["tags"], "remove-cell"]
        cells.append(cell)
        cells += [nbformat.v4.new_markdown_cell(f) for f in figures_after]
    own = [n for n in sorted(figure_captions) if stem and n[:2] == stem[:2]]
    if claims:
        frame, _ = scorecard()
        order = [c for c in frame["id"] if c in claims]
        if order:
            lead = order[0]
            chart = chart_for.get(lead) or (own[0] if own else None)
            card = card_html(order, chart, figure_captions, f"{stem}.ipynb")
            cells = _after_title(cells, card)
            nb.metadata["aicost"] = {"lead": lead, "chart": chart}
    if stem:
        cells.append(nbformat.v4.new_markdown_cell(
            f"<p class='aicost-methods'>The code behind every number on this page is in the "
            f"notebook <a href='notebooks/{stem}.ipynb'>{stem}.ipynb</a>; it runs from the "
            "dataset in the project's <code>data/</code> folder.</p>"))
    nb.cells = cells
    for i, cell in enumerate(nb.cells):
        cell.id = f"s{i:03d}"
    return nb, set(claims)


def _after_title(cells: list, block: str) -> list:
    """``cells`` with ``block`` (HTML) placed right under the page's ``# title``."""
    for i, cell in enumerate(cells):
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.split("\n")
        for j, line in enumerate(lines):
            if line.startswith("# "):
                head = nbformat.v4.new_markdown_cell("\n".join(lines[:j + 1]))
                rest = "\n".join(lines[j + 1:]).strip("\n")
                new = [head, nbformat.v4.new_markdown_cell(block)]
                if rest:
                    new.append(nbformat.v4.new_markdown_cell(rest))
                return cells[:i] + new + cells[i + 1:]
    return [nbformat.v4.new_markdown_cell(block), *cells]


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _cff() -> dict:
    import yaml

    path = ROOT / "CITATION.cff"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def citation() -> dict[str, str]:
    """Author, year, title, version and where the report lives, from CITATION.cff (the one
    place they are written)."""
    from importlib.metadata import PackageNotFoundError, version

    cff = _cff()
    try:
        ver = version("aicost")
    except PackageNotFoundError:
        ver = str(cff.get("version", "unknown"))
    authors = ", ".join(a.get("name") or f"{a.get('family-names', '')}, {a.get('given-names', '')}"
                        for a in cff.get("authors", [])) or "aicost contributors"
    url = cff.get("url") or cff.get("repository-code") or ""
    return {"author": authors, "year": str(cff.get("date-released", ""))[:4] or "n.d.",
            "title": cff.get("title", TITLE), "version": ver, "released":
            str(cff.get("date-released", "")), "where": f"{url.rstrip('/')}/" if url else ""}


def build_date() -> str:
    """The date this build stands for, never the clock: ``SOURCE_DATE_EPOCH`` when it is set to
    a real date (the Makefile's 0 means "not set"), else the date of the commit built."""
    import datetime as dt
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and int(epoch) > 0:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%d")
    return _git("log", "-1", "--format=%cs") or "unknown"


def context() -> dict[str, str]:
    """What every page says about itself: version and release date, data date, build date,
    commit, citation. From the checkout (git, CITATION.cff) and the package, never from a clock,
    so a rebuild of the same commit is byte-identical."""
    cite = citation()
    commit = _git("rev-parse", "--short=12", "HEAD") or "unknown"
    ver = cite["version"]
    return {
        "aicost_version": ver,
        "aicost_released": cite["released"] or "unreleased",
        "aicost_commit": commit,
        "aicost_data_date": _git("log", "-1", "--format=%cs", "--", "data") or "unknown",
        "aicost_build_date": build_date(),
        "aicost_citation": (f"{cite['author']} ({cite['year']}). \u201c{cite['title']}\u201d, "
                            f"version {ver}, commit {commit}. {cite['where']}(see CITATION.cff); "
                            "please also credit the data sources in data/LICENSE.md."),
    }


def scorecard_html(anchors: dict[str, str] | None = None) -> str:
    """The scorecard as one HTML table (a single line, so Markdown keeps it as a raw block):
    claim with claimant and date, the verdict as a badge linking to the section that holds it,
    claimed value, our estimate with its interval, the evidence, the page. Every cell carries its
    column name, so that on a phone each row shows as a card (aicost.css)."""
    from aicost.display import badge, sig
    from aicost.scorecard import claimed_text, scorecard, who_short

    frame, pending = scorecard()
    if frame.empty:
        return f"<p>No claim has been assessed yet ({len(pending)} in the register).</p>"
    cols = ("claim", "verdict", "claimed", "our estimate (interval)", "evidence", "page")
    head = "".join(f"<th>{h}</th>" for h in cols)
    rows = []
    for r in frame.to_dict("records"):
        tested = r["verdict"] != "not testable"
        if not tested:
            est = "<small>" + html.escape(str(r["note"])) + "</small>"
        elif r["interval"] == "exact":
            est = f"{sig(r['estimate'], 3)} <small>(exact)</small>"
        else:
            est = (f"{sig(r['estimate'], 3)} <small>({html.escape(str(r['interval']))} "
                   f"{sig(r['ci_low'], 3)} to {sig(r['ci_high'], 3)})</small>")

        def text(v) -> str:
            return v if isinstance(v, str) else ""

        robust = text(r["robustness"])
        if text(r["readings_agreeing"]):
            robust += f", {r['readings_agreeing']} agree"
        evidence = html.escape(text(r["evidence"]))
        ev = f"<small>{evidence}; {html.escape(robust)}</small>" if tested else (
            f"<small>{evidence}</small>")
        page = Path(r["notebook"]).stem + ".html"
        target = page + ("#" + quote(anchors[r["id"]], safe="") if anchors and r["id"] in anchors
                         else "")
        cells = (
            f"{html.escape(r['claim'])} <small>{html.escape(who_short(str(r['who'])))}, "
            f"{html.escape(str(r['date'])[:4])}</small>",
            f"<a href='{target}'>{badge(r['verdict'])}</a>",
            f"<span>{claimed_text(r['claimed_value'])}</span> <small>{html.escape(r['unit'])}"
            "</small>",
            est, ev, f"<a href='{page}'>{html.escape(r['notebook'][:2])}</a>")
        classes = ("claim", "verdict", "num", "ours", "evidence", "page")
        rows.append("<tr>" + "".join(
            f"<td class='{c}' data-label='{h}'>{v}</td>"
            for c, h, v in zip(classes, cols, cells, strict=True)) + "</tr>")
    tail = (f"<p>{len(pending)} claim(s) not yet assessed: {html.escape(', '.join(pending))}.</p>"
            if pending else "")
    return (f"<div class='aicost-scorecard' tabindex='0'><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>{tail}")


def counts_html() -> str:
    """The verdict counts as badges: what the report finds, at a glance."""
    from aicost.display import VERDICT_STYLE, badge
    from aicost.scorecard import scorecard

    frame, _ = scorecard()
    counts = frame["verdict"].value_counts() if not frame.empty else {}
    parts = [f"<li>{badge(v)} {int(counts[v])}</li>" for v in VERDICT_STYLE if v in counts]
    return "<ul class='aicost-counts'>" + "".join(parts) + "</ul>"


def findings_html(entries: list[dict], figure_captions: dict[str, str]) -> str:
    """The key findings: per claim page, its lead claim in one sentence with its verdict, ours
    against claimed, and its chart. One line of HTML."""
    from aicost.claims import register
    from aicost.display import badge
    from aicost.scorecard import claimed_text, scorecard

    frame, _ = scorecard()
    rows = {r["id"]: r for r in frame.to_dict("records")}
    claims = register()
    numbers = figure_numbers(figure_captions)
    items = []
    for e in entries:
        if not e.get("lead"):
            continue
        cid, chart = e["lead"], e.get("chart")
        r, c = rows[cid], claims[cid]
        img = (f"<figure class='aicost-card-chart'><a href='{e['stem']}.html#figure-{chart}'>"
               f"<img src='figures/{chart}.png' alt=\"{html.escape(figure_captions[chart], quote=True)}"
               f"\"></a><figcaption>Figure {numbers[chart]}: "
               f"{html.escape(figure_captions[chart])}</figcaption></figure>" if chart else "")
        more = len(e["claims"]) - 1
        items.append(
            f"<li class='aicost-finding'><div class='aicost-finding-text'><p>"
            f"<a href='{e['stem']}.html'>{badge(r['verdict'])}</a> "
            f"<strong>{html.escape(c.short_name)}</strong> <small>({html.escape(c.who)}, "
            f"{html.escape(str(c.date)[:4])})</small></p><p>Ours: {_estimate_text(r)}; claimed "
            f"{claimed_text(c.claimed_value)}. <a href='{e['stem']}.html'>Read the page</a>"
            + (f" ({more} more claim(s) there)" if more > 0 else "") + ".</p></div>"
            f"<div class='aicost-finding-chart'>{img}</div></li>")
    return "<ul class='aicost-findings'>" + "".join(items) + "</ul>"


SHORT_CHART = "11-two-cost-curves"


def in_short(figure_captions: dict[str, str], numbers: dict[str, int], entries: list[dict]) -> str:
    """The answer in a paragraph (the README's computed findings) and the verdict tally, with
    the chart that shows both halves: a fixed capability getting cheaper, the frontier dearer."""
    from aicost.readme import findings
    from aicost.scorecard import scorecard, tally_text

    page = next((f"{e['stem']}.html" for e in entries
                 if any(name == SHORT_CHART for name, _ in e["figures"])), None)
    chart = (figure_html(SHORT_CHART, numbers[SHORT_CHART], figure_captions[SHORT_CHART],
                         page=page, anchor_id=False)
             if SHORT_CHART in figure_captions and SHORT_CHART in numbers and page else "")
    return f"{findings()}\n\n{tally_text(scorecard()[0])}\n\n{chart}"


def index_source(entries: list[dict], figure_captions: dict[str, str] | None = None) -> str:
    """The index page (MyST Markdown): key findings with their charts, the verdict counts, the
    scorecard, the sections, every figure."""
    figure_captions = captions() if figure_captions is None else figure_captions
    numbers = figure_numbers(figure_captions)
    anchors = {cid: anchor(cid) for e in entries for cid in e["claims"]}
    figs = []
    for e in entries:
        for name, caption in e["figures"]:
            figs.append(figure_html(name, numbers[name], caption, page=f"{e['stem']}.html",
                                    anchor_id=False))
    toc = "\n".join([e["stem"] for e in entries] + ["glossary", "changelog"])
    return f"""# {TITLE}

<p class="aicost-lede">Famous claims that training AI is getting cheaper, each re-derived from a
sourced dataset and given a verdict by one stated rule. The findings first; each links to its
page, which opens with the claim, the verdict and the chart.</p>

## In short

{in_short(figure_captions, numbers, entries)}

## Findings

{findings_html(entries, figure_captions)}

{counts_html()}

## Scorecard

<p class="aicost-hint">Every claim judged. On a narrow screen each claim is a card; on a wide one
the table scrolls sideways if it must. Terms: <a href="glossary.html">glossary</a>.</p>

{scorecard_html(anchors)}

<p>The same table as data: <a href="figures/scorecard.csv">scorecard.csv</a>,
<a href="figures/scorecard.md">scorecard.md</a>. The whole report on one page, for printing:
<a href="single/index.html">single-page version</a>. What changed since the last release:
<a href="changelog.html">changelog</a>.</p>

## Sections

```{{toctree}}
:maxdepth: 1

{toc}
```

## Figures

<p>Every figure with its number, stable file name, downloads and data.</p>

<div class="aicost-figs">{"".join(figs)}</div>
"""


def changelog_source() -> str:
    """The changelog page: releases, and every verdict or number that moved since the first
    release (:mod:`aicost.changelog`), or a page that says the log is not kept yet."""
    try:
        from aicost import changelog
    except ImportError:
        return ("# Changelog\n\n<p>No changelog is kept in this version of the report yet: "
                "verdicts and numbers that move between releases will be listed here.</p>\n")

    releases = "".join(f"<li><strong>{html.escape(str(v))}</strong> ({html.escape(str(d))}): "
                       f"{html.escape(str(s))}</li>" for v, d, s in changelog.RELEASES)
    changes = changelog.changes()
    # one entry per change (not a five-column table: the reasons must read on a phone)
    body = ("<ul class='aicost-changes'>" + "".join(
        f"<li><strong>{html.escape(str(r.claim_id))}</strong> ({html.escape(str(r.field))}): "
        f"{html.escape(str(r.old))} \u2192 {html.escape(str(r.new))}.<br>"
        f"{html.escape(str(r.why))}</li>" for r in changes.itertuples()) + "</ul>"
            if len(changes) else "<p>No verdict or number has changed since the first release."
            "</p>")
    return (f"# Changelog\n\n<p>Releases of the report, and every verdict or "
            f"number that changed since the first release, with why.</p>\n\n## Releases\n\n"
            f"<ul>{releases}</ul>\n\n## Verdicts and numbers that changed\n\n{body}\n")


def _sphinx(src: Path, out: Path, builder: str, fresh: bool = True) -> None:
    """Run Sphinx in this process (no second interpreter start-up); warnings fail the build.
    ``fresh=False``: write from the pages an earlier build of the same sources read (the same
    doctrees), not read them again."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    warnings = io.StringIO()
    with patch_docutils(SITE), docutils_namespace():
        app = Sphinx(str(src), str(SITE), str(out), str(src.parent / f".doctrees-{src.name}"),
                     builder, confoverrides={"html_context": context()}, status=None,
                     warning=warnings, freshenv=fresh, keep_going=True)
        app.build(force_all=True)
    problems = warnings.getvalue().strip()
    if problems:
        raise RuntimeError(f"Sphinx ({builder}) warned:\n{problems}")


def _single_page_links(page: Path) -> None:
    """In the one-page version, links to another page's anchor become in-page links and the
    figure files are the site's (one folder up)."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"""href=(['"])\d\d-[a-z0-9-]+\.html#""", r"href=\1#", text)
    text = re.sub(r"""href=(['"])(\d\d-[a-z0-9-]+)\.html\1""", r"href=\1#document-\2\1", text)
    text = re.sub(r"""href=(['"])index\.html#""", r"href=\1#", text)
    text = re.sub(r"""href=(['"])(glossary|changelog)\.html#""", r"href=\1#", text)
    text = re.sub(r"""href=(['"])(glossary|changelog)\.html\1""", r"href=\1#document-\2\1", text)
    text = re.sub(r"""href=(['"])notebooks/""", r"href=\1../notebooks/", text)
    text = re.sub(r"""(href|src)=(['"])figures/""", r"\1=\2../figures/", text)
    text = re.sub(r"""(href|action)=(['"])search\.html""", r"\1=\2../search.html", text)
    text = text.replace("href='single/index.html'", "href='../index.html'")
    text = text.replace('href="single/index.html"', 'href="../index.html"')
    page.write_text(text, encoding="utf-8")


def copy_figures(out: Path = REPORT) -> None:
    target = out / "figures"
    target.mkdir(parents=True, exist_ok=True)
    for p in sorted(FIGURES.glob("*")):
        if p.suffix in (".png", ".svg", ".pdf", ".csv", ".md"):
            shutil.copyfile(p, target / p.name)


def site(notebooks: list[Path], out: Path = REPORT, source: Path = SOURCE,
         single: bool = True) -> list[dict]:
    """Render notebooks (executed or stored) into the site ``out``; returns one entry per
    notebook (stem, title, figures with captions, claims whose verdict it prints)."""
    out, source = out.resolve(), source.resolve()  # myst-nb places outputs by absolute path
    for folder in (source, out):
        if folder.exists():
            shutil.rmtree(folder)
    source.mkdir(parents=True)
    figure_captions = captions()
    entries = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        shown, claims = prepare(nb, figure_captions, path.stem)
        lead = shown.metadata.pop("aicost", {})
        nbformat.write(shown, source / path.name)
        figs = [(n, c) for n, c in figure_captions.items() if n[:2] == path.stem[:2]]
        entries.append({"stem": path.stem, "title": title(nb), "figures": figs, "claims": claims,
                        "lead": lead.get("lead"), "chart": lead.get("chart")})
    (source / "index.md").write_text(index_source(entries, figure_captions), encoding="utf-8")
    (source / "glossary.md").write_text(glossary.page(), encoding="utf-8")
    (source / "changelog.md").write_text(changelog_source(), encoding="utf-8")
    # Built beside the sources, then moved into place: myst-nb writes its working copies to
    # <output's parent>/jupyter_execute, which must not land in the project root or the report.
    work = source.parent / f"{source.name}-html"
    if work.exists():
        shutil.rmtree(work)
    _sphinx(source, work / "html", "html")
    if single:
        _sphinx(source, work / "single", "singlehtml", fresh=False)
        _single_page_links(work / "single" / "index.html")
        shutil.move(work / "single", work / "html" / "single")
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(work / "html", out)
    shutil.rmtree(work)
    copy_figures(out)
    (out / "notebooks").mkdir()
    for path in notebooks:  # the code behind each page, as run for this build
        shutil.copyfile(path, out / "notebooks" / path.name)
    return entries


def render(notebooks: list[Path], out: Path = REPORT) -> list[dict]:
    """The HTML conversion alone (what benchmarks/suite.py times): :func:`site` with its sources
    beside ``out``."""
    return site(notebooks, out, out.parent / f"{out.name}-src")


def build(out: Path = REPORT) -> Path:
    executed_dir = SOURCE.parent / "executed"
    if executed_dir.exists():
        shutil.rmtree(executed_dir)
    executed = execute_all(executed_dir)
    (FIGURES / "README.md").write_text(figure_index(), encoding="utf-8")
    site(executed, out)
    return out / "index.html"


def main() -> int:
    path = build()
    print(f"report written: {path.relative_to(path.parents[1])} ({len(ordered())} notebooks; "
          f"one page: {(path.parent / 'single' / 'index.html').relative_to(path.parents[1])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
