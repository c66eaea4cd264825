"""aicost: re-deriving the claims that AI training is getting cheaper, from primary data.

One idea per module:

- ``aicost.paths``       where things are (anchored on this package, not the working directory)
- ``aicost.data``        ``load("<table>")``: read a table of data/, validated against data/datapackage.json
- ``aicost.datapackage`` keep sizes and checksums in data/datapackage.json current
- ``aicost.trends``      log-linear trend fits, record frontiers, bootstrap intervals
- ``aicost.claims``      the claim register and the one verdict rule
- ``aicost.scorecard``   every assessed claim with our estimate and verdict (what the CLI prints)
- ``aicost.figures``     the house style and the one figure-save function
- ``aicost.display``     rounded, stable printing of results with units and intervals
- ``aicost.notebooks`` / ``aicost.report``  executing notebooks and rendering the HTML report
"""

from aicost.claims import Estimate, verdict
from aicost.data import DataError, load
from aicost.trends import Interval, fit_trend, frontier

__all__ = ["DataError", "Estimate", "Interval", "fit_trend", "frontier", "load", "verdict"]
__version__ = "0.2.0"
