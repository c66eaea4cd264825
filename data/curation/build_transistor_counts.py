"""Build data/transistor_counts.csv: microprocessor transistor counts, two datasets in one tidy table.

Reads (under <sources>):
  compute_trends/raw/numpy-tutorials_content_transistor_data.csv
      = numpy/numpy-tutorials@d8a82a1b792f24a52eebcf0ae5ec73ccacfef685:content/transistor_data.csv
        (Wikipedia "Transistor count" microprocessor table, accessed 2020-10-01; CC BY-SA 4.0)
  microprocessor_trends/50yrs/transistors.dat
      = karlrupp/microprocessor-trend-data@f2121ab2b83a156b114fe34e62e1edeca98e8e38:50yrs/transistors.dat
        (decimal year, transistors in thousands, digitised/compiled by Karl Rupp; CC BY 4.0)

Decisions:
  * dataset `wikipedia`: one row per chip. The tutorial replaced the commas inside Wikipedia's
    processor labels by double spaces; we restore ", ". The one repeated label (Apple A9, made by
    Samsung and TSMC) gets the foundry appended so `record` is unique.
  * process_nm / die_area_mm2 are filled only when the cell is a single clean number ("45 nm", "143 mm²");
    anything else ("?", "~30 mm²", "7 & 12 nm (TSMC)", "199 (74+125) mm²") goes verbatim into notes.
  * dataset `rupp_50yrs`: one row per plotted point (no chip names in the file); count = thousands x 1000;
    year = integer part of the decimal year. Key: rupp-50yrs-NNN in file order. value_basis: `digitised`
    before 2011 (per the repository's newdata.txt), `compiled` from 2011.
"""
from pathlib import Path
import re

import pandas as pd

from _common import run

OUTPUTS = ("transistor_counts.csv",)

WIKI_SRC = "numpy/numpy-tutorials@d8a82a1b792f24a52eebcf0ae5ec73ccacfef685:content/transistor_data.csv"
RUPP_SRC = "karlrupp/microprocessor-trend-data@f2121ab2b83a156b114fe34e62e1edeca98e8e38:50yrs/transistors.dat"


def norm(s):
    return "" if pd.isna(s) else re.sub(r"\s+", " ", str(s).replace("\xa0", " ")).strip()


def clean_number(raw, unit_re):
    """'1,500 nm' -> 1500.0; returns (value, leftover_note)."""
    s = norm(raw)
    if not s:
        return None, ""
    m = re.fullmatch(r"([\d,]+(?:\.\d+)?) ?" + unit_re, s)
    if m:
        return float(m.group(1).replace(",", "")), ""
    return None, s


def wikipedia(sources):
    d = pd.read_csv(sources / "compute_trends" / "raw" / "numpy-tutorials_content_transistor_data.csv")
    rows = []
    for _, r in d.iterrows():
        label = re.sub(r"\s{2,}", ", ", str(r["Processor"]).strip())
        proc, pnote = clean_number(r["MOSprocess"], r"nm")
        area, anote = clean_number(r["Area"], r"mm(?:²|2)")
        foundry = re.search(r"\((Samsung|TSMC)\)", norm(r["MOSprocess"]))
        if foundry and re.fullmatch(r"[\d,]+ nm\((Samsung|TSMC)\)", norm(r["MOSprocess"])):
            proc, pnote = float(re.match(r"[\d,]+", norm(r["MOSprocess"])).group().replace(",", "")), ""
            area_raw = re.sub(r"\((Samsung|TSMC)\)", "", norm(r["Area"]))
            area, anote = clean_number(area_raw, r"mm(?:²|2)")
        notes = "; ".join(n for n in [f"process as listed: {pnote}" if pnote else "",
                                     f"area as listed: {anote}" if anote else ""] if n)
        rows.append({"dataset": "wikipedia", "record": label, "processor": label,
                     "foundry": foundry.group(1) if foundry else "",
                     "year": int(r["Date of Introduction"]), "year_decimal": None,
                     "transistor_count": int(r["MOS transistor count"]), "value_basis": "published",
                     "designer": norm(r["Designer"]), "process_nm": proc, "die_area_mm2": area,
                     "source": WIKI_SRC, "notes": notes})
    w = pd.DataFrame(rows)
    dup = w["record"].duplicated(keep=False)
    w.loc[dup, "record"] = w["record"] + " [" + w["foundry"] + "]"
    return w.drop(columns="foundry")


def rupp(sources):
    d = pd.read_csv(sources / "microprocessor_trends" / "50yrs" / "transistors.dat", sep=r"\s+", header=None,
                    names=["year_decimal", "thousands"], comment="#")
    return pd.DataFrame({
        "dataset": "rupp_50yrs",
        "record": [f"rupp-50yrs-{i + 1:03d}" for i in range(len(d))],
        "processor": "", "year": d["year_decimal"].astype(int), "year_decimal": d["year_decimal"],
        "transistor_count": d["thousands"] * 1000,
        # newdata.txt: points before 2011 were digitised from the original plot; later ones compiled from specs
        "value_basis": ["digitised" if y < 2011 else "compiled" for y in d["year_decimal"]],
        "designer": "", "process_nm": None, "die_area_mm2": None, "source": RUPP_SRC, "notes": "",
    })


def build(sources: Path, out: Path) -> None:
    table = pd.concat([wikipedia(sources), rupp(sources)], ignore_index=True)
    table = table.sort_values(["dataset", "year", "record"], kind="mergesort")
    assert table["record"].is_unique
    for c in ["year_decimal", "transistor_count", "process_nm", "die_area_mm2"]:
        table[c] = pd.to_numeric(table[c]).map(lambda v: "" if pd.isna(v) else format(v, ".10g"))
    table.to_csv(out / OUTPUTS[0], index=False, lineterminator="\n", encoding="utf-8")
    print(f"wrote {out / OUTPUTS[0]} ({len(table)} rows)")


if __name__ == "__main__":
    run(build)
