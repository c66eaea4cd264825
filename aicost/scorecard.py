"""The scorecard: every assessed claim with our estimate, its 95% interval and the verdict.

Analysis modules register what they assess with :func:`assesses`; the scorecard imports them
(``ANALYSES``), runs each assessor once, and applies the one verdict rule of
:mod:`aicost.claims`. The notebooks call the same assessors, so a number printed in a notebook
and the number in the scorecard come from one piece of code.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from aicost.cache import memo as _memo
from aicost.cache import results_key as _results_key
from aicost.claims import Estimate, magnitude, register, reproduction, robustness, verdict, why
from aicost.display import VERDICT_COLOURS, sig

if TYPE_CHECKING:  # imported where used (the command line served from its cache needs none)
    import pandas as pd

ANALYSES_PACKAGE = "aicost.analyses"

_ASSESSORS: dict[str, Callable[[], dict[str, Estimate]]] = {}

COLUMNS = [
    "id", "claim", "who", "date", "claimed_value", "unit", "band_low", "band_high", "estimate",
    "ci_low", "ci_high", "interval", "verdict", "reproduction", "reproduced_value", "evidence", "robustness",
    "readings_agreeing", "magnitude", "rule", "note", "notebook", "duplicate_of",
]

CLAIMANT_ONLY = ("only the claimant's own data or arithmetic: no independent data on this "
                 "quantity in the dataset")


def judged(claim, est: Estimate) -> Estimate:
    """The estimate as the register says to judge it. Where the register's ``evidence`` is
    ``claimant only``, an assessor's number re-does the claimant's own data or arithmetic: it
    becomes the reproduction, and the verdict is ``no independent test``."""
    if claim.evidence == "claimant only" and est.decided:
        return Estimate.reproduction_only(est.note and f"{CLAIMANT_ONLY} ({est.note})"
                                          or CLAIMANT_ONLY,
                                          reproduction=est, alternatives=est.alternatives)
    return est


def assesses(*claim_ids: str):
    """Decorator: the function returns ``{claim_id: Estimate}`` for these claims."""

    def wrap(fn: Callable[[], dict[str, Estimate]]):
        for cid in claim_ids:
            if cid in _ASSESSORS and _ASSESSORS[cid] is not fn:
                raise ValueError(f"claim {cid!r} is assessed twice")
            _ASSESSORS[cid] = fn
        fn.claim_ids = claim_ids
        return fn

    return wrap


def assessors() -> dict[str, Callable[[], dict[str, Estimate]]]:
    """Every registered assessor, after importing every module of ``aicost.analyses``."""
    package = importlib.import_module(ANALYSES_PACKAGE)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        importlib.import_module(f"{ANALYSES_PACKAGE}.{info.name}")
    return dict(_ASSESSORS)


def assess(claim_id: str) -> tuple:
    """(claim, estimate, verdict) for one claim: what a notebook prints as its verdict."""
    claim = register()[claim_id]
    fn = assessors().get(claim_id)
    if fn is None:
        raise LookupError(f"no analysis assesses {claim_id!r} yet")
    est = judged(claim, fn()[claim_id])
    return claim, est, verdict(claim, est)


def robustness_text(claim, est) -> str:
    """``robust (3 of 3 readings agree)`` / ``reading-dependent (1 of 4 ...)`` / ``single
    reading``: the robustness column in words."""
    label, agree, n = robustness(claim, est)
    return label if n == 0 else f"{label} ({agree} of {n} alternative readings agree)"


def band_text(claim, digits: int = 3) -> str:
    """The claim's tolerance band in words, e.g. ``80 to 125`` or ``at least 1,000,000``."""
    lo, hi = claim.band
    if math.isinf(hi):
        return f"at least {claimed_text(lo)}"
    if lo == 0:
        return f"at most {claimed_text(hi)}"
    return f"{claimed_text(lo)} to {claimed_text(hi)}"


def value_text(est: Estimate, digits: int = 3) -> str:
    """An estimate in words: ``9.8 (95% CI 7.1 to 13)``, ``15.4 (measurement range 14 to 16)``
    or ``7.43 (exact)``."""
    if est.interval == "exact" or est.low == est.high:
        return f"{sig(est.value, digits)}" + (" (exact)" if est.interval == "exact" else "")
    return (f"{sig(est.value, digits)} ({est.interval} {sig(est.low, digits)} to "
            f"{sig(est.high, digits)})")


def close_band_text(claim) -> str:
    """The close band in words (what "supported" needs the whole interval inside)."""
    from aicost.claims import Claim

    lo, hi = Claim.close_band.fget(claim)
    if math.isinf(hi):
        return f"at least {sig(lo, 3)}"
    if lo == 0:
        return f"at most {sig(hi, 3)}"
    return f"{sig(lo, 3)} to {sig(hi, 3)}"


def show_verdict(claim_id: str, digits: int = 3, alternatives: bool = True) -> str:
    """Print (and return) the verdict block for a claim, computed by the one rule: the verdict
    line (on the independent evidence), the claimant's arithmetic re-done (reproduction, never
    support), the primary reading, the band, and each alternative reading with its own verdict."""
    from aicost.claims import reproduction as reproduces

    claim, est, v = assess(claim_id)
    if not est.decided:
        line = f"Verdict on {claim_id}: {v.upper()}: {est.reason.rstrip('.')}."
        if est.pending_reason and not math.isnan(est.value):
            line += f" So far: {value_text(est, digits)} {claim.unit}."
    else:
        ours = sig(est.value, digits) if claim.kind == "forecast" else value_text(est, digits)
        line = (f"Verdict on {claim_id}: {v.upper()}. Claimed {sig(claim.claimed_value, digits)} "
                f"{claim.unit}; ours {ours} {claim.unit}" + (f" [{est.note}]" if est.note else ""))
    lines = [line]
    if est.reproduction is not None and est.reproduction.decided:
        rep = est.reproduction
        lines.append(f"  Claimant's own arithmetic re-done (not support): "
                     f"{value_text(rep, digits)} {claim.unit} -> {reproduces(claim, est)}"
                     + (f" [{rep.note}]" if rep.note else "") + ".")
    if est.decided or est.pending_reason:
        lines += [
            f"  Primary reading: {claim.primary_reading.rstrip('.')}." if claim.primary_reading
            else "  Primary reading: not stated in the register.",
            f"  Band the words allow ({claim.tolerance or 'value'}): {band_text(claim, digits)} "
            f"{claim.unit}; close band {close_band_text(claim)}; rule: {why(claim, est)}."]
    if est.decided:
        mag = magnitude(claim, est)
        lines.append(f"  Robustness: {robustness_text(claim, est)}"
                     + ("" if math.isnan(mag) else
                        f"; the claim is {sig(mag, 2)} times as dramatic as our estimate") + ".")
    if alternatives and est.alternatives:
        lines.append("  Alternative readings (robustness only; they never move the verdict):")
        for label, alt in est.alternatives:
            iv = "" if alt.interval == "exact" or alt.low == alt.high else (
                f" ({sig(alt.low, digits)} to {sig(alt.high, digits)})")
            lines.append(f"    - {label}: {sig(alt.value, digits)}{iv} -> {verdict(claim, alt)}")
    text = "\n".join(lines)
    print(text)
    return text


def scorecard() -> tuple[pd.DataFrame, list[str]]:
    """(the table of assessed claims in register order, ids of claims not yet assessed).

    Served from :mod:`aicost.cache` only while the dataset's bytes (every table and the
    descriptor, read at this call) and the package's code are what it was computed from;
    callers get a copy."""
    from aicost.cache import fingerprint

    frame, pending = _scorecard(fingerprint())
    return frame.copy(), list(pending)


def _cached_scorecard(dataset: str):
    """The scorecard from the on-disk cache (``.cache/scorecard``) when nothing it depends on
    has changed, else computed and stored, but only if the dataset did not change while it was
    computed. A damaged cache file is recomputed. ``AICOST_NO_CACHE=1`` turns the cache off."""
    from aicost import cache

    key = _results_key(dataset)
    hit, value = cache.disk_get("scorecard", key)
    if hit:
        return value
    from aicost.data import validate_all

    validate_all()  # every table, before any assessor runs: bad data fails fast, in one message
    result = _compute_scorecard()
    if cache.fingerprint() == dataset:
        cache.disk_put("scorecard", key, result)
    return result


@_memo(maxsize=4)
def _scorecard(dataset: str) -> tuple[pd.DataFrame, tuple[str, ...]]:
    return _cached_scorecard(dataset)


def _compute_scorecard() -> tuple[pd.DataFrame, tuple[str, ...]]:
    import pandas as pd

    claims = register()
    found = assessors()
    unknown = sorted(set(found) - set(claims))
    if unknown:
        from aicost.errors import DataError

        raise DataError(f"data/claims.csv, column 'claim_id', value {unknown[0]!r}: assessed by "
                        f"{found[unknown[0]].__module__} but not in the register; rule: every "
                        "assessed claim is a row of data/claims.csv (restore the row)"
                        + (f" (also: {', '.join(unknown[1:])})" if len(unknown) > 1 else ""))
    cache: dict[Callable, dict[str, Estimate]] = {}
    rows, pending = [], []
    for cid, claim in claims.items():
        fn = found.get(cid)
        if fn is None:
            pending.append(cid)
            continue
        if fn not in cache:
            cache[fn] = fn()
        if cid not in cache[fn]:
            raise ValueError(f"{fn.__module__}.{fn.__name__} registered {cid!r} but did not return it")
        est = judged(claim, cache[fn][cid])
        label, agree, n = robustness(claim, est)
        rep = est.reproduction
        lo, hi = claim.band
        rows.append({
            "id": cid,
            "claim": claim.short_name,
            "who": claim.who,
            "date": claim.date,
            "claimed_value": claim.claimed_value,
            "unit": claim.unit,
            "band_low": None if lo == 0 else float(lo),
            "band_high": None if math.isinf(hi) else float(hi),
            "estimate": _num(est.value),
            "ci_low": _num(est.low),
            "ci_high": _num(est.high),
            "interval": None if math.isnan(est.value) else est.interval,
            "verdict": verdict(claim, est),
            "reproduction": reproduction(claim, est) or None,
            "reproduced_value": None if rep is None else _num(rep.value),
            "evidence": claim.evidence or None,
            "robustness": label if est.decided else None,
            "readings_agreeing": None if n == 0 else f"{agree} of {n}",
            "magnitude": _num(magnitude(claim, est)),
            "rule": why(claim, est),
            "note": est.reason or est.note,
            "notebook": claim.notebook,
            "duplicate_of": claim.duplicate_of or None,
        })
    return pd.DataFrame(rows, columns=COLUMNS), tuple(pending)


def _num(x: float) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


VERDICT_LINE = re.compile(r"^Verdict on ([A-Za-z0-9.\-]+): ", re.M)


def cell_claims(cell) -> list[str]:
    """Claim ids whose verdict line (printed by :func:`show_verdict`) a code cell's stored output
    holds: what a reader of the notebook actually sees."""
    if cell.cell_type != "code":
        return []
    text = "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream")
    return VERDICT_LINE.findall(text)


def notebook_claims(path) -> set[str]:
    """Claim ids whose verdict a notebook prints (its stored outputs; nbval keeps them current)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return {cid for cell in nb.cells for cid in cell_claims(cell)}


def check_register(notebooks=None) -> list[str]:
    """Problems between the claims register and the notebooks, one message each:

    - a notebook prints a verdict on a claim id that is not in data/claims.csv;
    - a register claim names a notebook that exists but prints no verdict on it.

    Claims whose notebook does not exist yet are not problems (they are listed as pending by the
    scorecard). An empty list means register and notebooks agree.
    """
    from aicost.notebooks import ordered

    claims = register()
    paths = {p.name: p for p in (notebooks if notebooks is not None else ordered())}
    problems = []
    shown_by = {}
    for name, path in sorted(paths.items()):
        for cid in sorted(notebook_claims(path)):
            shown_by.setdefault(cid, set()).add(name)
            if cid not in claims:
                problems.append(f"notebooks/{name} shows a verdict on {cid!r}, which is not in "
                                "data/claims.csv (column claim_id); rule: every claim is registered")
    for line, (cid, claim) in enumerate(claims.items(), start=2):
        if claim.notebook in paths and claim.notebook not in shown_by.get(cid, set()):
            problems.append(f"data/claims.csv, row {line}, column 'notebook', value "
                            f"{claim.notebook!r}: that notebook prints no verdict on {cid!r}; "
                            "rule: every registered claim is assessed in its notebook")
    return problems


def claimed_text(value: float) -> str:
    """A claimed value as the claim states it (no rounding of the claim's own number)."""
    v = float(value)
    if abs(v) >= 1e6 and v == round(v):
        return f"{v:,.0f}"
    return f"{v:,.6g}"


def who_short(who: str) -> str:
    """The organisation behind a claim, without the register's parenthetical detail."""
    return who.split(" (")[0].split(",")[0].strip()


def _cells(frame):
    out = frame.copy()
    out["claimed_value"] = [claimed_text(v) for v in out["claimed_value"]]
    for col in ("estimate", "ci_low", "ci_high", "band_low", "band_high", "magnitude"):
        out[col] = [sig(float(v), 3) if v is not None and v == v else "" for v in out[col]]
    return out.astype(object).fillna("")


PENDING_NOTE = "not yet assessed: its notebook has not landed"


def with_pending(frame, pending: list[str]):
    """The scorecard plus one row per register claim not yet assessed (verdict empty), so that
    no claim of the register is ever silently missing from any format."""
    if not pending:
        return frame
    import pandas as pd

    claims = register()
    extra = pd.DataFrame([{
        **{c: None for c in frame.columns},
        "id": cid, "claim": claims[cid].short_name, "who": claims[cid].who,
        "date": claims[cid].date, "claimed_value": claims[cid].claimed_value,
        "unit": claims[cid].unit, "note": PENDING_NOTE, "notebook": claims[cid].notebook,
    } for cid in pending], columns=frame.columns)
    return pd.concat([frame.astype(object), extra.astype(object)], ignore_index=True)


def render(fmt: str = "table") -> str:
    """The scorecard as text: ``table``, ``csv``, ``json`` or ``markdown``. This is what
    ``python -m aicost claims`` prints and what figures/scorecard.csv and .md hold. Numbers in
    csv and json keep six significant figures (more than any estimate here carries)."""
    import json

    assessed, pending = scorecard()
    frame = with_pending(assessed, pending)
    if fmt in ("json", "csv"):
        frame = frame.copy()
        for col in ("claimed_value", "band_low", "band_high", "estimate", "ci_low", "ci_high",
                    "magnitude"):
            frame[col] = [None if v is None or v != v else float(f"{float(v):.6g}")
                          for v in frame[col]]
    if fmt == "json":
        records = json.loads(frame.to_json(orient="records"))
        return json.dumps(records, indent=2, ensure_ascii=False)
    if fmt == "csv":
        return frame.to_csv(index=False, lineterminator="\n").rstrip("\n")
    cols = ["id", "claimed_value", "unit", "estimate", "ci_low", "ci_high", "interval", "verdict",
            "reproduction", "robustness", "magnitude"]
    shown = _cells(frame)[cols]
    shown["verdict"] = [v if v else "(not yet assessed)" for v in shown["verdict"]]
    foot = (
        (tally_text(assessed) + " " if len(assessed) else "")
        + f"{len(assessed)} row(s) assessed; {len(pending)} in the register not yet assessed"
        + (f": {', '.join(pending)}" if pending else "")
    )
    if fmt == "markdown":
        head = "| " + " | ".join(cols) + " |\n|" + "---|" * len(cols)
        body = "\n".join("| " + " | ".join(str(v) for v in row) + " |" for row in shown.values)
        return f"{head}\n{body}\n\n{foot}" if len(shown) else f"{head}\n\n{foot}"
    from aicost.display import claims_table

    text = claims_table(frame) if len(frame) else "(no claim assessed yet)"
    return f"{text}\n\n{foot}"


# One palette for badges and figures: aicost.display.VERDICT_COLOURS.
VERDICT_ORDER = ["supported", "overstated", "understated", "inconclusive", "forecast met",
                 "forecast missed", "pending", "no independent test", "not testable"]
VERDICT_MARKERS = {"supported": "o", "overstated": "^", "understated": "v", "inconclusive": "s",
                   "forecast met": "o", "forecast missed": "X", "pending": "P",
                   "no independent test": ".", "not testable": "."}
NO_NUMBER = ("pending", "no independent test", "not testable")


def tally(frame) -> dict:
    """The counts every place that reports a tally uses (README, index, CLI, figure), from the
    scorecard table: a row that repeats another (``duplicate_of``) is counted once.

    ``claims``: distinct claims; ``verdicts``: {verdict: count} in :data:`VERDICT_ORDER`;
    ``reproduces`` / ``does_not_reproduce``: claims whose own arithmetic was re-done, by outcome;
    ``claimant_only``: claims with no independent test; ``duplicates``: rows left out."""
    dup = frame["duplicate_of"].notna() & (frame["duplicate_of"].astype(str) != "")
    distinct = frame[~dup]
    counts = distinct["verdict"].value_counts()
    rep = distinct["reproduction"].value_counts()
    return {
        "claims": len(distinct),
        "verdicts": {v: int(counts[v]) for v in VERDICT_ORDER if v in counts},
        "reproduces": int(rep.get("reproduces", 0)),
        "does_not_reproduce": int(rep.get("does not reproduce", 0)),
        "claimant_only": int(counts.get("no independent test", 0)),
        "duplicates": int(dup.sum()),
    }


def tally_text(frame) -> str:
    """The tally in one or two sentences (README, index, CLI footer)."""
    t = tally(frame)
    parts = [f"{n} {v}" for v, n in t["verdicts"].items()]
    text = (f"{t['claims']} distinct claims; on independent evidence: "
            + ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] + ".")
    redone = t["reproduces"] + t["does_not_reproduce"]
    if redone:
        text += (f" Separately, the claimant's own data or arithmetic was re-done for {redone}: "
                 f"{t['reproduces']} reproduce, {t['does_not_reproduce']} do not (a "
                 "reproduction is never counted as support).")
    if t["duplicates"]:
        n = t["duplicates"]
        text += (f" {n} repeated quotation{'s' if n > 1 else ''} of a registered claim "
                 f"{'are' if n > 1 else 'is'} not counted again.")
    return text


def discrepancies(frame) -> pd.DataFrame:
    """Tested claims with ``ratio`` = our estimate / claimed value and its log10 distance,
    largest first."""
    tested = frame[~frame["verdict"].isin(NO_NUMBER)].copy()
    tested["ratio"] = tested["estimate"].astype(float) / tested["claimed_value"].astype(float)
    tested["distance"] = [abs(math.log10(r)) for r in tested["ratio"]]
    return tested.sort_values(["distance", "id"], ascending=[False, True]).reset_index(drop=True)


def summary_lines(frame, top: int = 3) -> list[str]:
    """A plain-language summary computed from the scorecard table."""
    order = VERDICT_ORDER
    lines = [tally_text(frame)]
    rob = frame[frame["robustness"].notna()]["robustness"].value_counts()
    if len(rob):
        lines.append("  Robustness: " + ", ".join(f"{rob[k]} {k}" for k in sorted(rob.index)) + ".")
    for who, group in frame.groupby(frame["who"].map(who_short), sort=True):
        c = group["verdict"].value_counts()
        lines.append(f"  {who}: " + ", ".join(f"{c[v]} {v}" for v in order if v in c))
    lines.append(f"The {top} largest gaps between claim and estimate (independent evidence):")
    for r in discrepancies(frame).head(top).itertuples():
        lines.append(f"  {r.id}: claimed {claimed_text(r.claimed_value)} {r.unit}, ours "
                     f"{sig(r.estimate, 3)} ({sig(r.ratio, 2)} times the claimed value); {r.verdict}")
    return lines


def plot(frame):
    """One row per claim: our interval and estimate divided by the claimed value (log scale),
    so the claim sits at 1; coloured by verdict. Returns the figure."""
    import textwrap

    import matplotlib.pyplot as plt
    import numpy as np

    fig, ax = plt.subplots(figsize=(6.4, 0.36 * len(frame) + 1.8))
    ys = np.arange(len(frame))[::-1]
    for y, r in zip(ys, frame.itertuples(), strict=True):
        colour = VERDICT_COLOURS.get(r.verdict, "#777777")
        if r.verdict in NO_NUMBER:
            ax.text(1, y, r.verdict, color=colour, ha="center", va="center")
            continue
        c = float(r.claimed_value)
        lo, hi, v = float(r.ci_low) / c, float(r.ci_high) / c, float(r.estimate) / c
        if hi > lo:
            ax.plot([lo, hi], [y, y], color=colour, lw=2.2, alpha=0.75, solid_capstyle="butt")
        ax.plot([v], [y], VERDICT_MARKERS.get(r.verdict, "o"), color=colour, ms=5.5)
    ax.axvline(1, color="#333333", lw=0.9)
    ax.set_xscale("log")
    # a dollar sign is text here, not matplotlib's maths
    ax.set_yticks(ys, [textwrap.fill(str(r.claim), 38).replace("$", r"\$")
                       for r in frame.itertuples()])
    ax.set_ylim(-0.8, len(frame) - 0.2)
    ax.set_xlabel("our estimate and interval / the claimed value (log scale; 1 = the claim)")
    ax.set_title("Every claim against the data")
    for name, colour in VERDICT_COLOURS.items():
        if name in set(frame["verdict"]):
            ax.plot([], [], VERDICT_MARKERS.get(name, "o") + "-", color=colour, label=name)
    ax.legend(loc="lower right")
    ax.grid(axis="y", visible=False)
    return fig


def write_files(folder=None) -> list:
    """figures/scorecard.csv and figures/scorecard.md: the CLI's table, for citing.

    Written only when figures are (``aicost.figures``' formats): under
    ``AICOST_FIGURE_FORMATS=none`` (``make test``) nothing is written and the files are checked
    instead (a stale one raises), so the suite runs on a read-only checkout."""
    from aicost.figures import _formats
    from aicost.paths import FIGURES, shown

    folder = folder or FIGURES
    paths = []
    for ext, fmt in (("csv", "csv"), ("md", "markdown")):
        path = folder / f"scorecard.{ext}"
        text = render(fmt) + "\n"
        if _formats():
            path.write_text(text, encoding="utf-8")
        elif not path.is_file() or path.read_text(encoding="utf-8") != text:
            raise RuntimeError(f"{shown(path)} is not the current scorecard; run `make refresh`")
        paths.append(path)
    return paths
