"""Build data/price_index.csv: annual price indices in tidy long format (index, year, value).

Reads  <sources>/compute_trends/cpi_us_annual.csv  (annual means of FRED CPIAUCNS / CPIAUCSL)
       <sources>/compute_trends/cpi_us_monthly.csv (to recompute and check the NSA annual means)
       <sources>/epoch_training_cost/PCU518210518210.csv (FRED PPI, monthly)

Decisions
- CPI-U: annual average of the 12 NSA months for complete years (1913-2023; equals BLS's published annual
  averages); 2024 (NSA December missing in the snapshot) is the mean of the 12 SA months, which is what the
  source's recommended_index uses - the basis column says so. 2025 (incomplete) is left out.
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


def build(sources: Path, out: Path) -> None:
    cpi = pd.read_csv(sources / "compute_trends" / "cpi_us_annual.csv")
    monthly = pd.read_csv(sources / "compute_trends" / "cpi_us_monthly.csv")
    rows = []
    for _, r in cpi.iterrows():
        y = int(r["year"])
        if r["n_months_nsa"] == 12:
            rows.append((y, round(r["cpi_u_nsa_annual_avg"], 3), "annual average of 12 NSA months", CPI_NSA,
                         "FRED CPIAUCNS (BLS series CUUR0000SA0)"))
        elif r["n_months_sa"] == 12 and pd.notna(r["recommended_index"]):
            assert abs(r["recommended_index"] - r["cpi_u_sa_mean"]) < 1e-9
            rows.append((y, round(r["cpi_u_sa_mean"], 3), "mean of 12 SA months (NSA year incomplete)", CPI_SA,
                         f"FRED CPIAUCSL (BLS series CUSR0000SA0); NSA months available: {int(r['n_months_nsa'])} of "
                         "12; the SA mean approximates the NSA annual average (BLS 2024 annual average 313.689 per "
                         "the source notes, not re-checked); SA values are subject to revision"))
    # check the NSA annual means against the monthly file
    m = monthly.copy()
    m["year"] = pd.to_datetime(m.iloc[:, 0]).dt.year
    nsa_col = [c for c in m.columns if "cpiaucns" in c.lower()][0]
    check = m.groupby("year")[nsa_col].agg(["mean", "count"])
    for y, v, basis, _, _ in rows:
        if basis.startswith("annual average"):
            assert check.loc[y, "count"] == 12 and abs(check.loc[y, "mean"] - v) < 6e-4, y
    table = [{"index": "CPI-U", "year": y, "value": v, "basis": b, "base_period": "1982-84=100",
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
