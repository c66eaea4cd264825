"""Print results the same way everywhere: rounded, with units and intervals, stable under nbval.

No timestamps, no memory addresses, no raw ``summary()`` dumps: only rounded numbers, so that
strict nbval compares what a reader reads and floating-point noise in the last digits cannot
break a test.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: the command line's help and cached output need neither
    import pandas as pd

    from aicost.trends import Interval


def sig(x: float | None, digits: int = 2) -> str:
    """``x`` rounded to ``digits`` significant figures, with thousands separators.

    >>> sig(1234.5), sig(0.012345), sig(98.7, 3), sig(float("inf"))
    ('1,200', '0.012', '98.7', '∞')
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if x == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(x)))
    decimals = max(digits - 1 - magnitude, 0)
    rounded = round(x, digits - 1 - magnitude)
    if abs(rounded) >= 1e15 or abs(rounded) < 1e-4:
        return f"{rounded:.{digits - 1}e}"
    return f"{rounded:,.{decimals}f}"


def fmt(est: Interval | float, unit: str = "", digits: int = 2, kind: str | None = None) -> str:
    """``'9.6x per year (95% CI 6.3 to 15)'`` for an interval, ``'9.6x per year'`` for a number.

    ``kind`` names the interval when it is not a confidence interval (e.g. ``"range of prices"``).
    """
    from aicost.trends import Interval

    u = unit if not unit or unit.startswith(("x", "%")) else f" {unit}"
    if isinstance(est, Interval):
        name = kind or f"{round(100 * est.level)}% CI"
        return f"{sig(est.value, digits)}{u} ({name} {sig(est.low, digits)} to {sig(est.high, digits)})"
    return f"{sig(est, digits)}{u}"


def result(label: str, est: Interval | float, unit: str = "", digits: int = 2,
           kind: str | None = None) -> None:
    """Print one labelled result line."""
    print(f"{label}: {fmt(est, unit, digits, kind)}")


# The nine verdicts: a colour (Okabe-Ito, colour-blind safe), a symbol and the word itself, so
# that colour is never the only cue. Badges use a light tint with dark text (contrast >= 7:1).
VERDICT_STYLE = {
    "supported": ("#009E73", "\u2713"),        # check mark
    "overstated": ("#D55E00", "\u25B2"),       # up triangle: the claim goes beyond the data
    "understated": ("#0072B2", "\u25BC"),      # down triangle: the claim falls short of the data
    "inconclusive": ("#E69F00", "?"),
    "forecast met": ("#009E73", "\u2713"),
    "forecast missed": ("#CC79A7", "\u2717"),  # ballot x
    "pending": ("#56B4E9", "\u2026"),          # ellipsis: a forecast not yet due
    "not testable": ("#777777", "\u2013"),     # en dash
    "no independent test": ("#000000", "\u25CB"),  # open circle: only the claimant's own data
}
VERDICT_COLOURS = {v: colour for v, (colour, _) in VERDICT_STYLE.items()}
_TINT = {"#009E73": ("#E3F4EE", "#00543D"), "#D55E00": ("#FBEADF", "#7A2E00"),
         "#0072B2": ("#E0EEF7", "#00405F"), "#E69F00": ("#FCF1DC", "#6B4A00"),
         "#CC79A7": ("#F7E9F1", "#6E2A52"), "#777777": ("#EEEEEE", "#333333"),
         "#56B4E9": ("#E6F4FC", "#08466B"), "#000000": ("#F4F4F4", "#111111")}


def badge(verdict: str) -> str:
    """A verdict as an inline HTML badge: symbol and word on a tint of the verdict's colour.

    Inline styles only (JupyterLab strips ``<style>`` from untrusted notebooks, keeps these).
    An unknown or empty verdict comes back as escaped text."""
    import html

    if verdict not in VERDICT_STYLE:
        return html.escape(str(verdict))
    colour, symbol = VERDICT_STYLE[verdict]
    bg, fg = _TINT[colour]
    return (f'<span class="verdict verdict-{verdict.replace(" ", "-")}" style="background:{bg};'
            f"color:{fg};border:1px solid {colour};border-radius:0.6em;padding:0 0.45em;"
            f'white-space:nowrap;font-weight:600">{symbol} {html.escape(verdict)}</span>')


# Column-name endings that are units: shown under the header in the HTML table.
UNIT_SUFFIXES = (("_2023usd", "2023 USD"), ("_usd", "USD"), ("_pct", "%"), ("_flop", "FLOP"),
                 ("_ms", "ms"), ("_tfs_days", "teraflop/s-days"))


def header(name: str, units: dict[str, str] | None = None) -> tuple[str, str]:
    """(label, unit) for a column: ``'price_low_usd'`` -> ``('price low', 'USD')``; an explicit
    ``units`` entry wins over the name's ending."""
    name = str(name)
    if units and name in units:
        return name.replace("_", " "), units[name]
    for suffix, unit in UNIT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)].replace("_", " "), unit
    return name.replace("_", " "), ""


def _shown(frame: pd.DataFrame, digits: int) -> tuple[pd.DataFrame, set, set]:
    """Every cell as the text a reader sees, and the set of columns never to wrap (numbers,
    dates; numbers are also right-aligned: see :func:`html_table`)."""
    import pandas as pd

    shown = frame.copy()
    numeric, dates = set(), set()
    for col in shown.columns:
        series = shown[col]
        if pd.api.types.is_bool_dtype(series):
            continue
        if pd.api.types.is_datetime64_any_dtype(series):
            shown[col] = series.dt.strftime("%Y-%m-%d").fillna("")
            dates.add(col)
        elif pd.api.types.is_integer_dtype(series):
            shown[col] = [f"{int(v):,}" if pd.notna(v) else "" for v in series]
            numeric.add(col)
        elif pd.api.types.is_numeric_dtype(series):
            shown[col] = [sig(float(v), digits) if pd.notna(v) else "" for v in series]
            numeric.add(col)
        else:
            shown[col] = series.astype(object).where(series.notna(), "")
    return shown, numeric, dates


def text_table(frame: pd.DataFrame, digits: int = 3, index: bool = False) -> str:
    """The plain-text form of :func:`table` (what a terminal and nbval's text/plain compare)."""
    import pandas as pd

    shown, _, _ = _shown(frame, digits)
    with pd.option_context("display.max_rows", 500, "display.max_columns", 50,
                           "display.width", 200, "display.max_colwidth", 60):
        return shown.to_string(index=index)


def html_table(frame: pd.DataFrame, digits: int = 3, index: bool = False,
               units: dict[str, str] | None = None) -> str:
    """The HTML form of :func:`table`, written here rather than by pandas so that it is
    byte-identical across runs and pandas versions: numbers right-aligned in tabular figures and
    never wrapped, units under the column names, a ``verdict`` column as badges, and the table
    in a box that scrolls sideways on a narrow screen instead of widening the page."""
    import html

    import pandas as pd

    shown, numeric, dates = _shown(frame, digits)
    if index:
        shown = shown.reset_index()
        numeric |= {c for c in shown.columns[: frame.index.nlevels]
                    if pd.api.types.is_numeric_dtype(frame.index.dtype)}
    left = "text-align:left;vertical-align:top;padding:0.2em 0.6em"
    right = ("text-align:right;vertical-align:top;padding:0.2em 0.6em;white-space:nowrap;"
             "font-variant-numeric:tabular-nums")
    nowrap = left + ";white-space:nowrap"
    style = {col: right if col in numeric else nowrap if col in dates else left
             for col in shown.columns}
    heads = []
    for col in shown.columns:
        label, unit = header(col, units)
        cell = html.escape(label) + (f'<br><span style="font-weight:normal;color:#555">'
                                     f"{html.escape(unit)}</span>" if unit else "")
        heads.append(f'<th style="{right if col in numeric else left};vertical-align:bottom">'
                     f"{cell}</th>")
    rows = []
    for record in shown.itertuples(index=False, name=None):
        cells = []
        for col, value in zip(shown.columns, record, strict=True):
            text = badge(value) if col == "verdict" else html.escape(str(value))
            cells.append(f'<td style="{style[col]}">{text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return ('<div class="aicost-table" style="overflow-x:auto;max-width:100%">'
            '<table style="border-collapse:collapse;margin:0.3em 0">'
            f'<thead><tr style="border-bottom:1px solid #999">{"".join(heads)}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def table(frame: pd.DataFrame, digits: int = 3, index: bool = False,
          units: dict[str, str] | None = None) -> None:
    """Show a DataFrame with numbers rounded to ``digits`` significant figures.

    In a notebook: one output holding an HTML table (:func:`html_table`) and its plain-text
    form (:func:`text_table`), both generated here, so the stored output does not depend on
    pandas' HTML whitespace and strict nbval compares it byte for byte. Elsewhere: the text.
    """
    text = text_table(frame, digits, index)
    if not _in_kernel():
        print(text)
        return
    from IPython.display import display

    display({"text/plain": text, "text/html": html_table(frame, digits, index, units)}, raw=True)


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


CLAIMS_WIDTH = 100


def claims_table(frame: pd.DataFrame, width: int = CLAIMS_WIDTH) -> str:
    """The scorecard for a terminal (``make claims``): one block per claim, no line longer than
    ``width``: the claim in words with its id, who made it and when, the verdict, and ours
    against claimed (our number with its interval, the claimed number, the unit).

    ``frame`` is :func:`aicost.scorecard.scorecard`'s table (rows without a verdict read "not
    yet assessed"); a ``reproduction`` column, when present, is shown under the verdict as the
    check of the claimant's own sums it is, never as support."""
    import textwrap

    def text(v) -> str:
        return "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)

    def num(v) -> str:
        return sig(float(v), 3) if text(v) != "" else ""

    cols = [("claim", 0.38), ("who, when", 0.16), ("verdict", 0.19), ("ours vs claimed", 0.21)]
    gap = "  "
    widths = [int(width * share) for _, share in cols]
    widths[-1] = width - sum(widths[:-1]) - len(gap) * (len(cols) - 1)
    rule = gap.join("-" * w for w in widths)
    head = gap.join(name.ljust(w) for (name, _), w in zip(cols, widths, strict=True)).rstrip()
    blocks = [head, rule]
    for r in frame.to_dict("records"):
        verdict = text(r.get("verdict")) or "not yet assessed"
        repro = text(r.get("reproduction"))
        who = text(r.get("who")).split(" (")[0].split(",")[0].strip()
        if verdict == "not testable" or text(r.get("estimate")) == "":
            ours = [text(r.get("note")) or "no estimate"]
        elif text(r.get("interval")) == "exact" or r.get("ci_low") == r.get("ci_high"):
            ours = [f"ours {num(r['estimate'])} (exact)"]
        else:
            ours = [f"ours {num(r['estimate'])} ({num(r['ci_low'])} to {num(r['ci_high'])})"]
        claimed = text(r.get("claimed_value"))
        if claimed:
            value = float(claimed)
            shown = f"{value:,.0f}" if value == round(value) and abs(value) < 1e15 else sig(value, 6)
            ours.append(f"claimed {shown}")
        ours.append(text(r.get("unit")))
        cells = [
            [text(r.get("claim")), f"[{text(r.get('id'))}]"],
            [who, text(r.get("date"))[:10]],
            [verdict] + ([f"claimant's sums: {repro}"] if repro else []),
            ours,
        ]
        wrapped = [[line for part in cell if part
                    for line in textwrap.wrap(part, w, break_long_words=True,
                                              break_on_hyphens=False)]
                   for cell, w in zip(cells, widths, strict=True)]
        for i in range(max(len(c) for c in wrapped)):
            line = gap.join((c[i] if i < len(c) else "").ljust(w)
                            for c, w in zip(wrapped, widths, strict=True))
            blocks.append(line.rstrip())
        blocks.append("")
    return "\n".join(blocks).rstrip("\n")
