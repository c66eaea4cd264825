"""One house style and one save function for every figure.

``save(fig, "01-resnet50-cost", source="DAWNBench entries; data/imagenet_training_runs.csv")``
writes ``figures/01-resnet50-cost.png``, ``.svg`` and ``.pdf``, byte-identical across runs with
the pinned matplotlib: no dates, versions or random ids in the files, and each figure carries its
source line at the bottom. The same call writes ``figures/01-resnet50-cost.csv``: exactly the
data drawn (every line, point, band and bar of every panel, as rounded for drawing), so a reader
can re-plot or cite the numbers of a figure, not only its picture.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib as mpl

from aicost.paths import FIGURES

# Drawn at 6.4 x 4 in with no text under 9.5 pt, so that printed in a single column (3.5 in) the
# smallest text (legends, the source line) is still above 5 pt; save() brings wider figures to
# this width (aspect kept) and raises any smaller font to the floor.
WIDTH, HEIGHT, DPI = 6.4, 4.0, 150
MIN_FONT = 9.5
SINGLE_COLUMN = 3.5
SVG_SALT = "aicost"
NAME = re.compile(r"^\d\d-[a-z0-9]+(-[a-z0-9]+)*$")

STYLE = {
    "figure.figsize": (WIDTH, HEIGHT),
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "xtick.labelsize": 9.5,
    "ytick.labelsize": 9.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": MIN_FONT,
    "svg.hashsalt": SVG_SALT,
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "path.simplify": False,
}

# A colour-blind-safe palette (Okabe-Ito), used in this order.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def use_style() -> None:
    """Apply the house style to matplotlib (idempotent; notebooks call it once)."""
    mpl.rcParams.update(STYLE)
    mpl.rcParams["axes.prop_cycle"] = mpl.cycler(color=PALETTE)


def save(fig, name: str, *, source: str, folder: Path | None = None) -> list[Path]:
    """Write ``fig`` as png, svg and pdf under ``figures/`` with a source line; returns the paths
    written (see ``_formats`` for the one exception).

    ``name`` is ``NN-slug`` with NN the notebook number. In a notebook (matplotlib's inline
    backend) the figure is shown as the PNG just rendered and then closed (:func:`_show`);
    elsewhere it is left open.
    """
    if not NAME.match(name):
        raise ValueError(f"figure name {name!r} must look like '01-resnet50-cost'")
    if not source.strip():
        raise ValueError("every figure needs a source line")
    use_style()
    _steady(fig)
    _readable(fig, f"Source: {source}")
    target = folder or FIGURES
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    caption = _caption(fig)
    data = plotted(fig)
    if _formats():
        csv = target / f"{name}.csv"
        csv.write_text(data, encoding="utf-8")
        paths.append(csv)
    png = None
    for ext, meta in METADATA.items():
        if ext not in _formats():
            continue
        path = target / f"{name}.{ext}"
        if ext == "png":
            png = _png(fig, caption, source)
            path.write_bytes(png)
        else:
            with _pdf_precision():
                fig.savefig(path, format=ext, metadata={**meta, **_described(ext, caption, source)},
                            dpi=DPI)
        if ext == "svg":
            _svg_desc(path, f"Source: {source}")
        paths.append(path)
    if not _formats() and folder is None:
        png = _check_committed(fig, target / f"{name}.png", caption, source)
        _check_committed_data(target / f"{name}.csv", data)
    _show(fig, name, png, caption, source)
    return paths


def _png(fig, caption: str, source: str) -> bytes:
    """The figure as PNG bytes, with its caption and source line as deterministic text chunks
    (read back by :func:`figure_index`)."""
    import io

    buf = io.BytesIO()
    meta = {**METADATA["png"], "Title": caption, "Description": f"Source: {source}"}
    fig.savefig(buf, format="png", metadata=meta, dpi=DPI)
    return buf.getvalue()


def _show(fig, name: str, png: bytes | None, caption: str, source: str) -> None:
    """In a notebook, show the figure as the PNG that was just written (or checked against the
    committed file), at the width the inline backend would show it, with its name and caption as
    the text a plain-text reader gets, and close it: the inline backend would otherwise lay it out
    and render it once more at the cell's end. The reader sees the cited file itself, sharper.
    Outside a notebook (another backend) nothing happens."""
    import base64

    import matplotlib

    if "inline" not in matplotlib.get_backend():
        return
    import matplotlib.pyplot as plt
    from IPython.display import display

    png = png or _png(fig, caption, source)
    width = round(fig.get_size_inches()[0] * STYLE["figure.dpi"])
    display({"image/png": base64.b64encode(png).decode("ascii"),
             "text/plain": f"[figure {name}: {caption}]"},
            raw=True, metadata={"image/png": {"width": width}})
    plt.close(fig)


# PDF coordinates in points, written with this many decimals (matplotlib writes ten: the tenth
# digit moved between machines, so a fresh clone's `make report` changed committed PDFs that
# looked identical). A ten-thousandth of a point is far below anything a printer can show.
PDF_DECIMALS = 4


class _pdf_precision:
    """While saving: PDF numbers with :data:`PDF_DECIMALS` decimals instead of ten."""

    def __enter__(self):
        import numpy as np
        from matplotlib.backends import backend_pdf

        self._module, self._original = backend_pdf, backend_pdf.pdfRepr
        original = self._original

        def pdf_repr(obj):
            if isinstance(obj, (float, np.floating)) and not isinstance(obj, bool):
                if not np.isfinite(obj):
                    raise ValueError("Can only output finite numbers in PDF")
                text = b"%.*f" % (PDF_DECIMALS, obj)
                text = text.rstrip(b"0").rstrip(b".")
                return b"0" if text in (b"-0", b"") else text
            return original(obj)

        def path_operations(path, transform, clip=None, simplify=None, sketch=None):
            from matplotlib import _path

            ops = backend_pdf.Op
            return [backend_pdf.Verbatim(_path.convert_to_string(
                path, transform, clip, simplify, sketch, PDF_DECIMALS,
                [ops.moveto.value, ops.lineto.value, b"", ops.curveto.value,
                 ops.closepath.value], True))]

        self._path_ops = backend_pdf.PdfFile.__dict__["pathOperations"]
        backend_pdf.pdfRepr = pdf_repr
        backend_pdf.PdfFile.pathOperations = staticmethod(path_operations)
        return self

    def __exit__(self, *exc):
        self._module.pdfRepr = self._original
        self._module.PdfFile.pathOperations = self._path_ops
        return False


def _axis_values(axis, values):
    """Plotted coordinates as a reader reads them: dates as ISO dates, categories by name,
    numbers with :data:`SIGNIFICANT` digits."""
    import numpy as np

    converter = axis.get_converter() if hasattr(axis, "get_converter") else axis.converter
    kind = type(converter).__name__ if converter is not None else ""
    mapping = getattr(getattr(axis, "units", None), "_mapping", None)
    out = []
    for v in np.asarray(values, dtype=float):
        if not np.isfinite(v):
            out.append("")
        elif "Date" in kind:
            from matplotlib.dates import num2date

            out.append(num2date(v).strftime("%Y-%m-%d"))
        elif mapping and float(v).is_integer() and int(v) in mapping.values():
            out.append(next(k for k, i in mapping.items() if i == int(v)))
        else:
            out.append(f"{v:.{SIGNIFICANT}g}")
    return out


def plotted(fig) -> str:
    """CSV of exactly what ``fig`` draws: one row per plotted point, with its panel, series (the
    legend label), kind (line, points, band, bar, segment), x and y as drawn, and the axis
    labels. Written by :func:`save` next to the images."""
    import csv
    import io

    import numpy as np
    from matplotlib.collections import LineCollection, PathCollection, PolyCollection
    from matplotlib.container import BarContainer

    rows = []

    def label(artist, fallback):
        text = artist.get_label() if hasattr(artist, "get_label") else ""
        return fallback if not text or str(text).startswith("_") else " ".join(str(text).split())

    for number, ax in enumerate(fig.axes, start=1):
        if not ax.get_visible() or not (ax.lines or ax.collections or ax.patches):
            continue
        panel = " ".join((ax.get_title() or ax.get_title("left") or f"panel {number}").split())
        xl, yl = (" ".join(ax.get_xlabel().split()), " ".join(ax.get_ylabel().split()))

        def add(series, kind, xy, ax=ax, panel=panel, xl=xl, yl=yl):
            xy = np.asarray(xy, dtype=float).reshape(-1, 2)
            for x, y in zip(_axis_values(ax.xaxis, xy[:, 0]), _axis_values(ax.yaxis, xy[:, 1]),
                            strict=True):
                rows.append([panel, series, kind, x, y, xl, yl])

        bar_patches = set()
        for i, cont in enumerate(ax.containers, start=1):
            if isinstance(cont, BarContainer):
                series = label(cont, f"bars {i}")
                horizontal = getattr(cont, "orientation", "vertical") == "horizontal"
                for rect in cont.patches:
                    bar_patches.add(id(rect))
                    x, y, w, h = rect.get_x(), rect.get_y(), rect.get_width(), rect.get_height()
                    add(series, "bar", [(x + w, y + h / 2)] if horizontal else [(x + w / 2, y + h)])
        for i, line in enumerate(ax.lines, start=1):
            if not line.get_visible() or not len(line.get_xydata()):
                continue
            x, y = line.get_data()
            if np.asarray(x).dtype.kind not in "fiu" or np.asarray(y).dtype.kind not in "fiu":
                x, y = line.get_xydata()[:, 0], line.get_xydata()[:, 1]
            kind = "points" if line.get_linestyle() in ("None", "none", "", " ") else "line"
            add(label(line, f"line {i}"), kind, np.column_stack([x, y]))
        for i, coll in enumerate(ax.collections, start=1):
            if not coll.get_visible():
                continue
            series = label(coll, f"series {i}")
            if isinstance(coll, PathCollection):
                if len(coll.get_offsets()):
                    add(series, "points", np.asarray(coll.get_offsets()))
            elif isinstance(coll, LineCollection):
                for j, seg in enumerate(coll.get_segments(), start=1):
                    add(f"{series} #{j}", "segment", seg)
            elif isinstance(coll, PolyCollection):
                for j, path in enumerate(coll.get_paths(), start=1):
                    add(series if len(coll.get_paths()) == 1 else f"{series} #{j}", "band",
                        path.vertices)
        for i, patch in enumerate(ax.patches, start=1):
            if id(patch) in bar_patches or not patch.get_visible() or not patch.get_label() \
                    or patch.get_label().startswith("_"):
                continue
            vertices = patch.get_transform().transform(patch.get_path().vertices)
            add(label(patch, f"shape {i}"), "shape", ax.transData.inverted().transform(vertices))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["panel", "series", "kind", "x", "y", "x_axis", "y_axis"])
    writer.writerows(rows)
    return buf.getvalue()


def _check_committed_data(path: Path, data: str) -> None:
    """The committed CSV of a figure is what this code plots (see :func:`_check_committed`)."""
    if not path.is_file() or path.read_text(encoding="utf-8") != data:
        raise RuntimeError(f"figures/{path.name} is not the data this code plots from data/ "
                           "(run `make refresh` and commit the figures)")


def _readable(fig, source_line: str) -> None:
    """Lay ``fig`` out to read at single-column width: width brought to :data:`WIDTH` (aspect
    kept), every text at least :data:`MIN_FONT`, titles, axis labels and the source line wrapped
    to the space they have, a legend that would cover data or stick out of its axes moved under
    the axes, then ``tight_layout`` above the source line."""
    from matplotlib.text import Text

    w, h = fig.get_size_inches()
    if w > WIDTH:
        fig.set_size_inches(WIDTH, h * WIDTH / w)
    for text in fig.findobj(Text):
        if text.get_text() and text.get_fontsize() < MIN_FONT:
            text.set_fontsize(MIN_FONT)
    src = fig.text(0.01, 0.005, source_line, fontsize=MIN_FONT, color="#555555", ha="left",
                   va="bottom")
    renderer = fig.canvas.get_renderer()
    width_px = fig.get_size_inches()[0] * fig.dpi
    _wrap(src, renderer, lambda box: box.x1 <= 0.95 * width_px)
    lines = src.get_text().count("\n") + 1
    _tight_layout(fig, (0, 0.05, 1, 1))
    for ax in fig.axes:
        _whole_ticks(ax)
    grow = max([_legend_out_of_the_way(ax, renderer) for ax in fig.axes] + [0.0])
    if grow:  # the plot keeps its height; the figure grows by the legend's
        w, h = fig.get_size_inches()
        fig.set_size_inches(w, h + grow)
        renderer = fig.canvas.get_renderer()
    bottom = min(0.3, (lines * 1.3 * MIN_FONT / 72 + 0.04) / fig.get_size_inches()[1])
    # Lay out, then re-wrap and untangle what no longer fits, until a round changes nothing: no
    # text, no slant, and no axes moved by more than a billionth of the figure (a millionth of a
    # pixel; tight_layout repeated on an unchanged figure moves axes by a rounding error only).
    # At most three rounds, then a last layout if the third still changed something.
    before = None
    for _ in range(3):
        _tight_layout(fig, (0, bottom, 1, 1))
        for ax in fig.axes:
            for title in (ax.title, ax._left_title, ax._right_title):
                _wrap(title, renderer, lambda box: box.x1 <= 0.96 * width_px)
            frame = ax.get_window_extent(renderer)
            _wrap(ax.yaxis.label, renderer, lambda box, f=frame: box.height <= 1.05 * f.height)
            _wrap(ax.xaxis.label, renderer, lambda box, f=frame: box.width <= 1.05 * f.width
                  and box.x1 <= 0.99 * width_px)
            _untangle_ticks(ax, renderer)
        state = _layout_state(fig)
        if before is not None and _same_layout(before, state):
            return
        before = state
    _tight_layout(fig, (0, bottom, 1, 1))


def _tight_layout(fig, rect) -> None:
    """``fig.tight_layout(rect=rect)``, measuring each axes once instead of twice.

    Given a rect, matplotlib's tight layout measures every axes (ticks, labels, titles: most of a
    figure's layout time) to find the margins, then measures them all again to fit the rect,
    though nothing has moved in between. During the call the measurement is remembered by artist
    and renderer; the subplot parameters, hence the figure, are the same to the last bit (the
    committed figures are byte-identical). Where matplotlib's private helper is not there (another
    version), the plain call."""
    from matplotlib import artist

    original = getattr(artist, "_get_tightbbox_for_layout_only", None)
    if original is None:
        fig.tight_layout(rect=rect)
        return
    seen: dict = {}

    def once(obj, *args, **kwargs):
        key = (id(obj), *map(id, args), *sorted((k, id(v)) for k, v in kwargs.items()))
        if key not in seen:
            seen[key] = (obj, original(obj, *args, **kwargs))
        return seen[key][1]

    artist._get_tightbbox_for_layout_only = once
    try:
        fig.tight_layout(rect=rect)
    finally:
        artist._get_tightbbox_for_layout_only = original


def _layout_state(fig) -> list:
    """What a round of :func:`_readable` changes: each axes' position (figure fractions), its
    titles and axis labels, and its x tick labels' text, slant and alignment."""
    return [(ax.get_position().bounds,
             [t.get_text() for t in (ax.title, ax._left_title, ax._right_title, ax.xaxis.label,
                                     ax.yaxis.label)],
             [(t.get_text(), t.get_rotation(), t.get_horizontalalignment(), t.get_rotation_mode())
              for t in ax.get_xticklabels()])
            for ax in fig.axes]


def _same_layout(a: list, b: list) -> bool:
    return len(a) == len(b) and all(
        pa[1:] == pb[1:] and all(abs(x - y) <= 1e-9 for x, y in zip(pa[0], pb[0], strict=True))
        for pa, pb in zip(a, b, strict=True))


def _wrap(text, renderer, fits) -> None:
    """Re-wrap ``text`` at word boundaries, as few lines as ``fits(extent)`` allows."""
    import textwrap

    flat = " ".join(text.get_text().split())
    if not flat or fits(text.get_window_extent(renderer)):
        return
    for chars in range(len(flat) - 1, 8, -1):
        text.set_text(textwrap.fill(flat, chars, break_on_hyphens=False))
        if fits(text.get_window_extent(renderer)):
            return


def _whole_ticks(ax) -> None:
    """Years read as years: an axis whose ticks are all years (1900-2100) gets one tick per
    whole year, written without decimals ("2017", never "2017.0" or "2017.5"); any other axis
    whose tick labels are all whole numbers written with ``.0`` loses the ``.0``."""
    import re as _re

    from matplotlib.ticker import FuncFormatter, MaxNLocator

    for axis in (ax.xaxis, ax.yaxis):
        if axis.get_scale() != "linear":
            continue
        texts = [t.get_text().replace("\u2212", "-") for t in axis.get_ticklabels()
                 if t.get_text()]
        if not texts or not all(_re.fullmatch(r"-?\d+(\.\d+)?", t) for t in texts):
            continue
        values = [float(t) for t in texts]
        if all(1900 <= v <= 2100 for v in values) and any("." in t for t in texts):
            axis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=3))
            axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}"))
        elif all(_re.fullmatch(r"-?\d+\.0", t) for t in texts):
            axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}"))


def _untangle_ticks(ax, renderer) -> None:
    """Slant the x tick labels when neighbours overlap (long date labels at reading size)."""
    labels = [t for t in ax.get_xticklabels() if t.get_text() and t.get_visible()]
    boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.x0)
    crowded = any(a.x1 > b.x0 - 2 for a, b in zip(boxes[:-1], boxes[1:], strict=True))
    if crowded and labels[0].get_rotation() == 0:
        for t in labels:
            t.set_rotation(30)
            t.set_horizontalalignment("right")
            t.set_rotation_mode("anchor")


def _data_points(ax):
    """Every plotted point of ``ax`` in display coordinates."""
    import numpy as np
    from matplotlib.collections import PathCollection
    from matplotlib.lines import Line2D

    pts = []
    for line in ax.get_lines():
        if isinstance(line, Line2D) and line.get_visible() and len(line.get_xydata()):
            pts.append(line.get_transform().transform(line.get_xydata()))
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and len(coll.get_offsets()):
            pts.append(coll.get_offset_transform().transform(coll.get_offsets()))
    return np.vstack(pts) if pts else np.empty((0, 2))


def _legend_out_of_the_way(ax, renderer) -> float:
    """Move a legend under its axes when it covers plotted points or sticks out of the axes;
    returns the height it then needs (inches; 0 if it stayed)."""
    from matplotlib.transforms import offset_copy

    legend = ax.get_legend()
    if legend is None:
        return 0.0
    box, frame = legend.get_window_extent(renderer), ax.get_window_extent(renderer)
    pts = _data_points(ax)
    inside = ((pts[:, 0] >= box.x0) & (pts[:, 0] <= box.x1) & (pts[:, 1] >= box.y0)
              & (pts[:, 1] <= box.y1)) if len(pts) else []
    sticks_out = (box.x0 < frame.x0 - 2 or box.x1 > frame.x1 + 2 or box.y0 < frame.y0 - 2
                  or box.y1 > frame.y1 + 2)
    if not sticks_out and not any(inside):
        return 0.0
    axis = ax.xaxis.get_tightbbox(renderer)
    below = max(frame.y0 - axis.y0, 0) if axis is not None else 0
    anchor = offset_copy(ax.transAxes, fig=ax.figure, y=-(below + 4) * 72 / ax.figure.dpi,
                         units="points")
    legend.set_bbox_to_anchor((0.5, 0.0), transform=anchor)
    legend.set_loc("upper center")
    if len(legend.get_texts()) >= 4:  # two columns where they fit the figure's width
        legend.set_ncols(2)
        if legend.get_window_extent(renderer).width > 0.98 * ax.figure.bbox.width:
            legend.set_ncols(1)
    return (legend.get_window_extent(renderer).height + below + 8) / ax.figure.dpi


def _described(ext: str, caption: str, source: str) -> dict:
    """Caption and source line as each format's own metadata (PNG is done in save)."""
    if ext == "svg":
        return {"Title": caption, "Description": f"Source: {source}"}
    if ext == "pdf":
        return {"Title": caption, "Subject": f"Source: {source}"}
    return {}


def _svg_desc(path: Path, text: str) -> None:
    """Add ``<desc>`` after the ``<title>`` matplotlib writes (screen readers read both)."""
    from xml.sax.saxutils import escape

    svg = path.read_text(encoding="utf-8")
    if "<desc>" not in svg and "</title>" in svg:
        svg = svg.replace("</title>", f"</title>\n <desc>{escape(text)}</desc>", 1)
        path.write_text(svg, encoding="utf-8")


def _check_committed(fig, path: Path, caption: str, source: str) -> bytes:
    """Under ``AICOST_FIGURE_FORMATS=none`` (``make test``) nothing is written, but the PNG this
    code renders must be byte for byte the committed one (a stale or machine-dependent figure
    fails the notebook's save cell); returns it."""
    png = _png(fig, caption, source)
    if not path.is_file() or path.read_bytes() != png:
        raise RuntimeError(f"figures/{path.name} is not what this code renders from data/ "
                           "(run `make refresh` and commit the figures)")
    return png


SIGNIFICANT = 9


def _steady(fig) -> None:
    """Round the data of every line and collection to ``SIGNIFICANT`` digits before rendering.

    OpenBLAS picks its kernels by CPU (AVX-512 here, AVX2 elsewhere), so fits and bootstrap bands
    differ across machines in their last bits; the PNG rasteriser turned that into pixel changes
    along shaded bands (``OPENBLAS_CORETYPE=Haswell`` reproduces the other machine's bytes).
    Nine digits are far below a pixel and far above that noise."""
    import numpy as np

    def steady(values):
        values = np.asarray(values, dtype=float)
        with np.errstate(all="ignore"):
            digits = SIGNIFICANT - 1 - np.floor(np.log10(np.abs(values)))
            scale = np.where(np.isfinite(digits), 10.0 ** np.nan_to_num(digits), 1.0)
            return np.where(np.isfinite(values) & (values != 0), np.round(values * scale) / scale,
                            values)

    for ax in fig.axes:
        for line in ax.lines:
            x, y = line.get_data(orig=True)
            if np.asarray(x).dtype.kind == "f" and np.asarray(y).dtype.kind == "f":
                line.set_data(steady(x), steady(y))
        for coll in ax.collections:
            for path in coll.get_paths():
                if path.vertices.dtype.kind == "f":
                    path.vertices = steady(path.vertices)
            offsets = coll.get_offsets()
            if len(offsets) and np.asarray(offsets).dtype.kind == "f":
                coll.set_offsets(steady(offsets))


def _formats() -> tuple[str, ...]:
    """Formats to write: all three, unless ``AICOST_FIGURE_FORMATS`` names fewer (``make test``
    sets ``none``: the test suite checks that notebooks run and print the same, and leaves
    figures/ untouched; ``make report`` and ``make refresh`` write every format)."""
    import os

    wanted = os.environ.get("AICOST_FIGURE_FORMATS", "png,svg,pdf")
    return tuple(f.strip() for f in wanted.split(",") if f.strip() in METADATA)


def _caption(fig) -> str:
    title = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) else ""
    if not title:
        titles = [ax.get_title() or ax.get_title("left") for ax in fig.axes]
        title = "; ".join(t for t in titles if t)
    return " ".join(title.split())


def figure_index(folder: Path | None = None) -> str:
    """Markdown listing every figure: files, caption, source line, notebook and data tables.

    Generated from the figures themselves (the caption and source stored in each PNG), so it
    cannot drift; ``python -m aicost.figures`` writes it to figures/README.md.
    """
    from PIL import Image

    from aicost.data import tables
    from aicost.notebooks import ordered

    folder = folder or FIGURES
    notebooks = {p.name[:2]: p.name for p in ordered()}
    known = tables()
    lines = [
        "# Figures",
        "",
        "Generated by `python -m aicost.figures` from the figures themselves (do not edit).",
        "Every figure exists as png, svg and pdf; cite it by file name and its source line.",
        "",
        "| figure | caption | notebook | data tables | source line |",
        "|---|---|---|---|---|",
    ]
    for png in sorted(folder.glob("[0-9][0-9]-*.png")):
        with Image.open(png) as img:
            text = dict(getattr(img, "text", {}))
        source = text.get("Description", "").removeprefix("Source: ")
        used = [t for t in known if t in source]
        files = " ".join(f"[{ext}]({png.stem}.{ext})" for ext in ("png", "svg", "pdf"))
        lines.append(
            f"| `{png.stem}` {files} | {text.get('Title', '')} | "
            f"{notebooks.get(png.name[:2], '')} | {', '.join(used)} | {source} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    (FIGURES / "README.md").write_text(figure_index(), encoding="utf-8")
    print("wrote figures/README.md")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main())
