"""Figures are byte-identical across runs and carry a source line."""

import hashlib
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from aicost.figures import save, use_style  # noqa: E402


def draw(folder):
    use_style()
    fig, ax = plt.subplots()
    ax.semilogy([2017, 2018, 2019], [1000, 100, 10], marker="o", label="cost")
    ax.legend()
    paths = save(fig, "99-test-figure", source="synthetic", folder=folder)
    plt.close(fig)
    return {p.suffix: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_byte_identical_across_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("AICOST_FIGURE_FORMATS", "png,svg,pdf")  # make test turns writing off
    first = draw(tmp_path / "a")
    second = draw(tmp_path / "b")
    assert set(first) == {".png", ".svg", ".pdf", ".csv"}
    assert first == second


def test_name_and_source_required(tmp_path):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError):
        save(fig, "Bad Name", source="x", folder=tmp_path)
    with pytest.raises(ValueError):
        save(fig, "99-ok", source=" ", folder=tmp_path)
    plt.close(fig)


def test_figure_index_is_current():
    from aicost.figures import figure_index
    from aicost.paths import FIGURES

    assert (FIGURES / "README.md").read_text(encoding="utf-8") == figure_index(), (
        "figures/README.md is stale: run `make refresh` (or python -m aicost.figures)"
    )


def test_formats_can_be_limited(tmp_path, monkeypatch):
    monkeypatch.setenv("AICOST_FIGURE_FORMATS", "none")
    assert draw(tmp_path / "none") == {}
    monkeypatch.setenv("AICOST_FIGURE_FORMATS", "png")
    assert set(draw(tmp_path / "png")) == {".png", ".csv"}  # the data go with any image


def test_caption_and_source_in_every_format(tmp_path, monkeypatch):
    import re

    monkeypatch.setenv("AICOST_FIGURE_FORMATS", "png,svg,pdf")
    use_style()
    fig, ax = plt.subplots()
    ax.plot([1, 2], [1, 2])
    ax.set_title("A caption & more")
    paths = {p.suffix: p for p in save(fig, "99-caption", source="synthetic <data>",
                                       folder=tmp_path)}
    plt.close(fig)
    svg = paths[".svg"].read_text(encoding="utf-8")
    assert "<title>A caption &amp; more</title>" in svg
    assert "<desc>Source: synthetic &lt;data&gt;</desc>" in svg
    pdf = paths[".pdf"].read_bytes()
    assert re.search(rb"/Title \(A caption & more\)", pdf), "PDF has no Title"
    from PIL import Image

    with Image.open(paths[".png"]) as img:
        assert img.text["Title"] == "A caption & more"


def test_text_survives_single_column_width(tmp_path, monkeypatch):
    """Printed 3.5 in wide, no text of a saved figure is under 5 pt, whatever size and font
    sizes the notebook asked for; long titles and source lines stay inside the figure."""
    from matplotlib.text import Text

    from aicost.figures import SINGLE_COLUMN

    monkeypatch.setenv("AICOST_FIGURE_FORMATS", "png")
    use_style()
    fig, ax = plt.subplots(figsize=(8, 4.8))
    ax.plot([2017, 2018, 2019], [1000, 100, 10], marker="o", label="a legend entry")
    ax.legend(fontsize=6)
    ax.set_title("A long title that would run past the right edge of a figure at reading size "
                 "if nothing wrapped it")
    save(fig, "99-reading-size", source="a long source line " * 8, folder=tmp_path)
    width = fig.get_size_inches()[0]
    fig.canvas.draw()  # positions at the figure's own dpi (savefig drew at 150)
    renderer = fig.canvas.get_renderer()
    right = fig.bbox.x1
    for text in fig.findobj(Text):
        if text.get_text() and text.get_visible():
            assert text.get_fontsize() * SINGLE_COLUMN / width >= 5, (text.get_text(), width)
    placed = [*fig.texts, ax._left_title, ax.xaxis.label, ax.yaxis.label,
              *ax.get_legend().get_texts()]
    for text in placed:
        box = text.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= right, f"{text.get_text()[:30]!r} leaves the figure"
    plt.close(fig)


def test_legend_over_data_moves_below_the_axes(tmp_path, monkeypatch):
    monkeypatch.setenv("AICOST_FIGURE_FORMATS", "none")
    use_style()
    fig, ax = plt.subplots()
    xs = [i / 10 for i in range(100)]
    ax.scatter(xs, xs, label="points everywhere")
    ax.scatter(xs, [9.9 - x for x in xs], label="and the other diagonal")
    ax.legend(loc="center")
    save(fig, "99-legend", source="synthetic", folder=tmp_path)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.y1 <= ax.get_window_extent(renderer).y0, "legend still covers the data"
    plt.close(fig)


def test_scorecard_figure_labels_are_claim_text():
    import pandas as pd

    from aicost.scorecard import plot

    frame = pd.DataFrame([
        {"id": "a-1", "claim": "Costs fell from $1,000 to $10", "claimed_value": 100.0,
         "estimate": 90.0, "ci_low": 50.0, "ci_high": 180.0, "verdict": "supported"},
        {"id": "b-2", "claim": "A claim we cannot test", "claimed_value": 1.0,
         "estimate": None, "ci_low": None, "ci_high": None, "verdict": "not testable"},
        {"id": "c-3", "claim": "An inconclusive one", "claimed_value": 2.0,
         "estimate": 2.0, "ci_low": 0.1, "ci_high": 40.0, "verdict": "inconclusive"},
    ])
    fig = plot(frame)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert [label.replace("\n", " ") for label in labels] == [
        r"Costs fell from \$1,000 to \$10", "A claim we cannot test", "An inconclusive one"]
    plt.close(fig)


def test_csv_holds_exactly_the_plotted_data(tmp_path, monkeypatch):
    """The same save writes the data drawn: every point of every line, scatter and bar, with
    its panel, series and kind, and nothing else."""
    import csv

    monkeypatch.setenv("AICOST_FIGURE_FORMATS", "png")
    use_style()
    fig, (a, b) = plt.subplots(1, 2)
    a.plot([2017.0, 2018.0, 2019.0], [1000.0, 100.0, 10.5], label="cost")
    a.set_title("Cost")
    b.bar(["K80", "V100"], [3.0, 4.25], label="hours")
    b.scatter([0.0, 1.0], [1.0, 2.0], label="runs")
    paths = save(fig, "99-data", source="synthetic", folder=tmp_path)
    plt.close(fig)
    assert tmp_path / "99-data.csv" in paths
    rows = list(csv.DictReader((tmp_path / "99-data.csv").open(encoding="utf-8")))
    got = [(r["panel"], r["series"], r["kind"], r["x"], r["y"]) for r in rows]
    assert got == [("Cost", "cost", "line", "2017", "1000"), ("Cost", "cost", "line", "2018", "100"),
                   ("Cost", "cost", "line", "2019", "10.5"),
                   ("panel 2", "hours", "bar", "K80", "3"), ("panel 2", "hours", "bar", "V100", "4.25"),
                   ("panel 2", "runs", "points", "K80", "1"), ("panel 2", "runs", "points", "V100", "2")]


def test_every_committed_figure_has_its_data():
    from aicost.paths import FIGURES

    for png in sorted(FIGURES.glob("[0-9][0-9]-*.png")):
        data = png.with_suffix(".csv")
        assert data.is_file(), f"{data.name} missing: run `make refresh`"
        head = data.read_text(encoding="utf-8").splitlines()
        assert head[0] == "panel,series,kind,x,y,x_axis,y_axis" and len(head) > 1, data.name


def test_pdf_numbers_are_rounded_so_every_format_is_byte_identical(tmp_path, monkeypatch):
    """matplotlib writes PDF coordinates with ten decimals, and their last digits moved between
    machines: save() writes PDF_DECIMALS, and leaves matplotlib as it found it."""
    import re
    import zlib

    from matplotlib.backends import backend_pdf

    from aicost.figures import PDF_DECIMALS

    before = (backend_pdf.pdfRepr, backend_pdf.PdfFile.__dict__["pathOperations"])
    monkeypatch.setenv("AICOST_FIGURE_FORMATS", "pdf")
    use_style()
    fig, ax = plt.subplots()
    ax.plot([0.1234567891, 0.3333333333, 0.7], [1 / 3, 2 / 3, 0.123456789])
    ax.set_title("thirds")
    save(fig, "99-pdf", source="synthetic", folder=tmp_path)
    plt.close(fig)
    assert (backend_pdf.pdfRepr, backend_pdf.PdfFile.__dict__["pathOperations"]) == before
    pdf = (tmp_path / "99-pdf.pdf").read_bytes()
    content = b"".join(zlib.decompress(m.group(1)) for m in
                       re.finditer(rb"stream\r?\n(x.*?)\r?\nendstream", pdf, re.S))
    content += re.sub(rb"stream\r?\n.*?endstream", b"", pdf, flags=re.S)
    decimals = [len(d) for d in re.findall(rb"(?<![\w/])-?\d+\.(\d+)(?![\w])", content)]
    assert decimals and max(decimals) <= PDF_DECIMALS, max(decimals)


def test_year_ticks_read_as_years(tmp_path, monkeypatch):
    monkeypatch.setenv("AICOST_FIGURE_FORMATS", "none")
    use_style()
    fig, ax = plt.subplots()
    ax.plot([2017.0, 2018.0, 2019.5], [3.0, 2.0, 1.0])
    ax.set_title("years")
    save(fig, "99-years", source="synthetic", folder=tmp_path)
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    plt.close(fig)
    assert labels and all(re.fullmatch(r"20\d\d", t) for t in labels), labels
