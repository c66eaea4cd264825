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

__all__ = ["DataError", "Estimate", "Interval", "fit_trend", "frontier", "load", "verdict"]
__version__ = "0.2.0"

# The names above are imported when first used (``aicost.load``, ``from aicost import load``), so
# that ``python -m aicost claims`` served from its cache never imports what it does not run
# (the loader, the trend fits); a submodule is reachable as an attribute (``aicost.data``) too.
_HOME = {"DataError": "aicost.errors", "Estimate": "aicost.claims", "verdict": "aicost.claims",
         "load": "aicost.data", "Interval": "aicost.trends", "fit_trend": "aicost.trends",
         "frontier": "aicost.trends"}


def __getattr__(name: str):
    import importlib

    if name in _HOME:
        value = getattr(importlib.import_module(_HOME[name]), name)
        globals()[name] = value
        return value
    if not name.startswith("_"):
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
