"""Build data/price_index.csv: annual price indices in tidy long format (index, year, value).

Reads  <sources>/compute_trends/raw/FRED_CPIAUCNS_via_Michael-Kornilich_makro-analysis.csv (FRED CPIAUCNS, monthly)
       <sources>/compute_trends/raw/FRED_CPIAUCSL_via_ericpassmore_debasement-dashboard.csv (FRED CPIAUCSL, monthly)
       <sources>/epoch_training_cost/PCU518210518210.csv (FRED PPI, monthly)
       (byte-identical copies of the upstream files named in CPI_NSA, CPI_SA and PPI below)

Decisions
- CPI-U: annual average of the 12 NSA months for complete years (1913-2023; equals BLS's published annual
  averages); 2024 (NSA December missing in the snapshot) is the mean of the 12 SA months - the basis column
  says so. 2025 (incomplete in both series) is left out.
- PPI-518210 (data processing, hosting and related services; Dec 2000 = 100): mean of the 12 monthly
  values for complete calendar years only (2001-2024); 2000 (December only) and 2025 (partial) are left out.
- Values rounded to 3 decimals (the precision of the inputs).
"""
from pathlib import Path

import pandas as pd

from _common import run

OUTPUTS = ("price_index.csv",)

CPI_NSA = ("Michael-Kornilich/makro-analysis@0b42ca741d8828dd24e8f9574c86b6c677fee788:raw_data/CPIAUCNS.csv")
CPI_SA = ("ericpassmore/debasement-dashboard@673e4c012efd3fa5bed87fda516849c706e61335:data/CPIAUCSL.csv")
PPI = ("epoch-research/training-cost-trends@263c40a159307e917213d1dc433c617e47d55bfe:data/PCU518210518210.csv")


def monthly(path: Path) -> pd.DataFrame:
    """A FRED monthly download (observation_date, <series>) -> mean and month count per calendar year."""
    d = pd.read_csv(path)
    d["year"] = pd.to_datetime(d["observation_date"]).dt.year
    return d.groupby("year")[d.columns[1]].agg(["mean", "count"])


def build(sources: Path, out: Path) -> None:
    raw = sources / "compute_trends" / "raw"
    nsa = monthly(raw / "FRED_CPIAUCNS_via_Michael-Kornilich_makro-analysis.csv")
    sa = monthly(raw / "FRED_CPIAUCSL_via_ericpassmore_debasement-dashboard.csv")
    rows = []
    for y in sorted(set(nsa.index) | set(sa.index)):
        n_nsa = int(nsa["count"].get(y, 0))
        if n_nsa == 12:
            rows.append((y, round(nsa.loc[y, "mean"], 3), "annual average of 12 NSA months", CPI_NSA,
                         "FRED CPIAUCNS (BLS series CUUR0000SA0)"))
        elif sa["count"].get(y, 0) == 12:
            rows.append((y, round(sa.loc[y, "mean"], 3), "mean of 12 SA months (NSA year incomplete)", CPI_SA,
                         f"FRED CPIAUCSL (BLS series CUSR0000SA0); NSA months available: {n_nsa} of "
                         "12; the SA mean approximates the NSA annual average (BLS 2024 annual average 313.689 per "
                         "the source notes, not re-checked); SA values are subject to revision"))
    table = [{"index": "CPI-U", "year": int(y), "value": v, "basis": b, "base_period": "1982-84=100",
              "source": s, "notes": n} for y, v, b, s, n in rows]

    ppi = pd.read_csv(sources / "epoch_training_cost" / "PCU518210518210.csv")
    ppi["year"] = pd.to_datetime(ppi["observation_date"]).dt.year
    g = ppi.groupby("year")["PCU518210518210"].agg(["mean", "count"])
    for y, r in g[g["count"] == 12].iterrows():
        table.append({"index": "PPI-518210", "year": int(y), "value": round(r["mean"], 3),
                      "basis": "annual average of 12 monthly values", "base_period": "Dec 2000=100",
                      "source": PPI, "notes": "FRED PCU518210518210 (BLS producer price index, NAICS 518210)"})
    df = pd.DataFrame(table).sort_values(["index", "year"], kind="mergesort")
    df["value"] = df["value"].map(lambda v: format(v, ".3f"))
    df.to_csv(out / OUTPUTS[0], index=False, lineterminator="\n", encoding="utf-8")
    print(f"{len(df)} rows -> {out / OUTPUTS[0]}")


if __name__ == "__main__":
    run(build)
