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


def _badged(text: str) -> str:
    """A stream's text as HTML ``<pre>``, each verdict word replaced by its badge."""
    from aicost.display import VERDICT_STYLE, badge

    out, pos = [], 0
    for m in VERDICT_LINE.finditer(text):
        word = m.group(3).lower()
        if word not in VERDICT_STYLE:
            continue
        out.append(html.escape(text[pos:m.start(3)]) + badge(word))
        pos = m.end(3)
    out.append(html.escape(text[pos:]))
    return '<pre class="aicost-verdicts">' + "".join(out) + "</pre>"


def prepare(nb, figure_captions: dict[str, str]) -> tuple[object, set[str]]:
    """A notebook as the site shows it (a copy; the argument is left alone) and the ids of the
    claims whose verdict it prints.

    - code cells carry the ``hide-input`` tag: the code folds behind a toggle;
    - a cell whose source saves a figure gets that figure's caption as the alt text of its image
      (else the notebook's title, never a file name);
    - a stream output holding verdict lines becomes HTML with a badge for each verdict (the plain
      text is kept beside it), preceded by an anchor with a link back to the scorecard.
    """
    from aicost.scorecard import cell_claims

    nb = nbformat.reads(nbformat.writes(nb), as_version=4)
    heading = title(nb)
    cells, claims = [], set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            cells.append(cell)
            continue
        tags = list(cell.metadata.get("tags", []))
        if "hide-input" not in tags:
            cell.metadata["tags"] = [*tags, "hide-input"]
        if any("image/png" in o.get("data", {}) for o in cell.outputs):
            names = [n for n in FIGURE_NAME.findall(cell.source) if n in figure_captions]
            alt = figure_captions[names[0]] if names and figure_captions[names[0]] else (
                f"Figure from {heading}")
            cell.metadata["mystnb"] = {"image": {"alt": alt}}
        ids = cell_claims(cell)
        for out in cell.outputs:
            if out.get("output_type") == "stream" and VERDICT_LINE.search(out.get("text", "")):
                text = out["text"]
                out.clear()
                out.update(nbformat.v4.new_output(
                    "display_data", data={"text/html": _badged(text), "text/plain": text}))
        if ids:
            links = "".join(f'<span id="{anchor(c)}"></span>' for c in ids)
            cells.append(nbformat.v4.new_markdown_cell(
                f'<p class="claim-anchor">{links}<a href="index.html#scorecard">'
                f"&#8593; back to the scorecard</a></p>"))
            claims.update(ids)
        cells.append(cell)
    nb.cells = cells
    for i, cell in enumerate(nb.cells):
        cell.id = f"s{i:03d}"
    return nb, claims


def context() -> dict[str, str]:
    """What the footer of every page says: version, data date, commit, citation. From the
    checkout (git) and the package, never from a clock, so a rebuild of the same commit is
    byte-identical."""
    from importlib.metadata import PackageNotFoundError, version

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                                  check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    try:
        ver = version("aicost")
    except PackageNotFoundError:
        ver = "unknown"
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8") if (ROOT / "CITATION.cff").exists() else ""
    m = re.search(r'^title:\s*"?(.*?)"?\s*$', cff, re.M)
    cite_title = m.group(1) if m else TITLE
    commit = git("rev-parse", "--short=12", "HEAD") or "unknown"
    return {
        "aicost_version": ver,
        "aicost_commit": commit,
        "aicost_data_date": git("log", "-1", "--format=%cs", "--", "data") or "unknown",
        "aicost_citation": (f"aicost contributors, \u201c{cite_title}\u201d, version {ver}, commit "
                            f"{commit} (see CITATION.cff); please also credit the data sources in "
                            "data/LICENSE.md."),
    }


def scorecard_html(anchors: dict[str, str] | None = None) -> str:
    """The scorecard as one HTML table (a single line, so Markdown keeps it as a raw block):
    claim text, claimed value, our estimate with its interval, the verdict as a badge linking to
    the section that holds it, and the notebook."""
    from aicost.display import badge, sig
    from aicost.scorecard import claimed_text, scorecard

    frame, pending = scorecard()
    if frame.empty:
        return f"<p>No claim has been assessed yet ({len(pending)} in the register).</p>"
    head = "".join(f"<th>{h}</th>" for h in
                   ("claim", "verdict", "claimed", "our estimate (interval)",
                    "evidence, robustness", "notebook"))
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
        rows.append(
            f"<tr><td>{html.escape(r['claim'])} <small><code>{html.escape(r['id'])}</code>"
            f"</small></td><td><a href='{target}'>{badge(r['verdict'])}</a></td>"
            f"<td class='num'><span>{claimed_text(r['claimed_value'])}</span> "
            f"<small>{html.escape(r['unit'])}</small></td><td>{est}</td><td>{ev}</td>"
            f"<td><a href='{page}'>{html.escape(r['notebook'][:2])}</a></td></tr>"
        )
    tail = (f"<p>{len(pending)} claim(s) not yet assessed: {html.escape(', '.join(pending))}.</p>"
            if pending else "")
    return (f"<div class='aicost-scorecard'><table><thead><tr>{head}</tr></thead><tbody>"
            f"{''.join(rows)}</tbody></table></div>{tail}")


def counts_html() -> str:
    """The verdict counts as badges: what the report finds, at a glance."""
    from aicost.display import VERDICT_STYLE, badge
    from aicost.scorecard import scorecard

    frame, _ = scorecard()
    counts = frame["verdict"].value_counts() if not frame.empty else {}
    parts = [f"<li>{badge(v)} {int(counts[v])}</li>" for v in VERDICT_STYLE if v in counts]
    return "<ul class='aicost-counts'>" + "".join(parts) + "</ul>"


def index_source(entries: list[dict]) -> str:
    """The index page (MyST Markdown): findings, scorecard, the sections, every figure."""
    from aicost.readme import summary

    anchors = {cid: anchor(cid) for e in entries for cid in e["claims"]}
    figs = []
    for e in entries:
        for name, caption in e["figures"]:
            alt = html.escape(caption or f"Figure from {e['title']}", quote=True)
            figs.append(f"<figure><a href='figures/{name}.png'><img src='figures/{name}.png' "
                        f"alt=\"{alt}\"></a><figcaption>{alt} "
                        f"(<a href='{e['stem']}.html'>{name[:2]}</a>; "
                        f"<a href='figures/{name}.svg'>svg</a>, <a href='figures/{name}.pdf'>pdf</a>)"
                        "</figcaption></figure>")
    toc = "\n".join(e["stem"] for e in entries)
    findings = summary().replace("$", "\\$")  # MyST Markdown as in the README; money is not maths
    return f"""# {TITLE}

<p>A reproducible report that re-derives, from a sourced dataset, the widely quoted claims that
training AI models is getting cheaper, and gives each a verdict by one stated rule. Each verdict
below links to the section of the notebook that holds its evidence.</p>

## Findings

{findings}

{counts_html()}

## Scorecard

{scorecard_html(anchors)}

<p>The same table as data: <a href="figures/scorecard.csv">scorecard.csv</a>,
<a href="figures/scorecard.md">scorecard.md</a>; on the command line,
<code>python -m aicost claims</code>. The whole report on one page, for printing:
<a href="single/index.html">single-page version</a>.</p>

## Sections

```{{toctree}}
:maxdepth: 1

{toc}
```

## Figures

<div class="aicost-figs">{"".join(figs)}</div>
"""


def _sphinx(src: Path, out: Path, builder: str) -> None:
    """Run Sphinx in this process (no second interpreter start-up); warnings fail the build."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    warnings = io.StringIO()
    with patch_docutils(SITE), docutils_namespace():
        app = Sphinx(str(src), str(SITE), str(out), str(src.parent / f".doctrees-{builder}"),
                     builder, confoverrides={"html_context": context()}, status=None,
                     warning=warnings, freshenv=True, keep_going=True)
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
        shown, claims = prepare(nb, figure_captions)
        nbformat.write(shown, source / path.name)
        figs = [(n, c) for n, c in figure_captions.items() if n[:2] == path.stem[:2]]
        entries.append({"stem": path.stem, "title": title(nb), "figures": figs, "claims": claims})
    (source / "index.md").write_text(index_source(entries), encoding="utf-8")
    # Built beside the sources, then moved into place: myst-nb writes its working copies to
    # <output's parent>/jupyter_execute, which must not land in the project root or the report.
    work = source.parent / f"{source.name}-html"
    if work.exists():
        shutil.rmtree(work)
    _sphinx(source, work / "html", "html")
    if single:
        _sphinx(source, work / "single", "singlehtml")
        _single_page_links(work / "single" / "index.html")
        shutil.move(work / "single", work / "html" / "single")
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(work / "html", out)
    shutil.rmtree(work)
    copy_figures(out)
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
