"""Figures are byte-identical across runs and carry a source line."""

import hashlib

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
    assert set(first) == {".png", ".svg", ".pdf"}
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
    assert set(draw(tmp_path / "png")) == {".png"}


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
