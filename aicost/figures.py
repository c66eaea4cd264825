"""One house style and one save function for every figure.

``save(fig, "01-resnet50-cost", source="DAWNBench entries; data/imagenet_training_runs.csv")``
writes ``figures/01-resnet50-cost.png``, ``.svg`` and ``.pdf``, byte-identical across runs with
the pinned matplotlib: no dates, versions or random ids in the files, and each figure carries its
source line at the bottom.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib as mpl

from aicost.paths import FIGURES

WIDTH, HEIGHT, DPI = 8.0, 4.8, 150
SVG_SALT = "aicost"
NAME = re.compile(r"^\d\d-[a-z0-9]+(-[a-z0-9]+)*$")

STYLE = {
    "figure.figsize": (WIDTH, HEIGHT),
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 9,
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

    ``name`` is ``NN-slug`` with NN the notebook number. The figure is not closed, so a notebook
    still shows it inline.
    """
    if not NAME.match(name):
        raise ValueError(f"figure name {name!r} must look like '01-resnet50-cost'")
    if not source.strip():
        raise ValueError("every figure needs a source line")
    use_style()
    _steady(fig)
    fig.text(0.01, 0.005, f"Source: {source}", fontsize=7, color="#555555", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    target = folder or FIGURES
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    caption = _caption(fig)
    for ext, meta in METADATA.items():
        if ext not in _formats():
            continue
        path = target / f"{name}.{ext}"
        if ext == "png":  # deterministic text chunks, read back by figure_index()
            meta = {**meta, "Title": caption, "Description": f"Source: {source}"}
        fig.savefig(path, format=ext, metadata=meta, dpi=DPI)
        paths.append(path)
    if not _formats() and folder is None:
        _check_committed(fig, target / f"{name}.png", caption, source)
    return paths


def _check_committed(fig, path: Path, caption: str, source: str) -> None:
    """Under ``AICOST_FIGURE_FORMATS=none`` (``make test``) nothing is written, but the PNG this
    code renders must be byte for byte the committed one (a stale or machine-dependent figure
    fails the notebook's save cell)."""
    import io

    buf = io.BytesIO()
    meta = {**METADATA["png"], "Title": caption, "Description": f"Source: {source}"}
    fig.savefig(buf, format="png", metadata=meta, dpi=DPI)
    if not path.is_file() or path.read_bytes() != buf.getvalue():
        raise RuntimeError(f"figures/{path.name} is not what this code renders from data/ "
                           "(run `make refresh` and commit the figures)")


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
