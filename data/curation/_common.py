"""What every data/curation/build_*.py shares: where the raw sources are and the --sources/--out options.

A build script defines
    OUTPUTS  = ("<table>.csv", ...)   the files it writes into `out` (names only)
    REQUIRES = ("<table>.csv", ...)   tables built by other scripts that it reads from `out` (optional)
    def build(sources: Path, out: Path) -> None
and ends with `if __name__ == "__main__": run(build)`. See SOURCES.md ("How a build script must look").
"""
import argparse
import os
import sys
from pathlib import Path

CURATION = Path(__file__).resolve().parent
DATA = CURATION.parent  # the shipped tables
REPO = DATA.parent
ENV_VAR = "AICOST_SOURCES"


def default_sources() -> Path:
    """$AICOST_SOURCES if set, else ../shared/sources beside the repository (may not exist)."""
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else REPO.parent / "shared" / "sources"


def missing_sources_message(sources: Path) -> str:
    return (f"raw sources folder not found: {sources}\n"
            f"Lay out the public upstream files as data/curation/SOURCES.md describes, then pass the folder "
            f"with --sources DIR (make data SOURCES=DIR) or set {ENV_VAR}.")


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--sources", type=Path, default=None,
                   help=f"folder laid out as data/curation/SOURCES.md says (default: ${ENV_VAR}, "
                        "else ../shared/sources beside the repository)")
    p.add_argument("--out", type=Path, default=DATA,
                   help="folder the tables are written to (default: the repository's data/); tables listed in "
                        "a script's REQUIRES are read from here")
    return p


def resolve(args: argparse.Namespace) -> tuple[Path, Path]:
    """(sources, out) from parsed arguments; exits with a clear message if the sources folder is missing."""
    sources = (args.sources or default_sources()).resolve()
    if not sources.is_dir():
        sys.exit(missing_sources_message(sources))
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    return sources, out


def run(build) -> None:
    """Command line of one build script: parse --sources/--out and call build(sources, out)."""
    module = sys.modules[build.__module__]
    sources, out = resolve(parser((module.__doc__ or "").split("\n")[0]).parse_args())
    missing = [r for r in getattr(module, "REQUIRES", ()) if not (out / r).is_file()]
    if missing:
        sys.exit(f"{out} lacks {', '.join(missing)}, which this script reads: build it there first, or run "
                 "data/curation/rebuild.py, which builds every table in dependency order")
    build(sources, out)
