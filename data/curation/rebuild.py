"""Rebuild every table that has a build script (data/curation/build_*.py) from a raw sources folder.

    python data/curation/rebuild.py [--sources DIR] [--out DIR] [--check]

(`make data SOURCES=DIR` runs it with --out data.) Scripts are found by name, so a new build_*.py is picked
up without registering it; they run in an order where every table a script REQUIRES is built first
(ties broken by file name) and read from --out. With --check the tables are built into a temporary folder
instead and compared byte for byte with data/; the exit status is 1 if any differs.
"""
import importlib.util
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import CURATION, DATA, parser, resolve  # noqa: E402


def scripts() -> list[Path]:
    return sorted(CURATION.glob("build_*.py"))


def load(path: Path):
    """Import one build script as a module (named after its file) and check it has the interface."""
    spec = importlib.util.spec_from_file_location(f"aicost_curation_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for attr in ("build", "OUTPUTS"):
        if not hasattr(module, attr):
            raise TypeError(f"{path.name} has no {attr}: see 'How a build script must look' in SOURCES.md")
    module.OUTPUTS = tuple(module.OUTPUTS)
    module.REQUIRES = tuple(getattr(module, "REQUIRES", ()))
    return module


def ordered(modules: list) -> list:
    """Modules in build order: each after the scripts making the tables it REQUIRES (ties: file order)."""
    maker = {}
    for m in modules:
        for name in m.OUTPUTS:
            if name in maker:
                raise ValueError(f"{name} is written by two scripts: {Path(maker[name].__file__).name} and "
                                 f"{Path(m.__file__).name}")
            maker[name] = m
    for m in modules:
        unknown = [r for r in m.REQUIRES if r not in maker]
        if unknown:
            raise ValueError(f"{Path(m.__file__).name} REQUIRES {unknown}, which no build script writes")
    done, order, pending = set(), [], list(modules)
    while pending:
        ready = [m for m in pending if all(maker[r] in done for r in m.REQUIRES)]
        if not ready:
            raise ValueError("REQUIRES form a cycle among: " + ", ".join(Path(m.__file__).name for m in pending))
        m = ready[0]
        order.append(m)
        done.add(m)
        pending.remove(m)
    return order


def rebuild(sources: Path, out: Path, quiet: bool = False) -> list[tuple[str, tuple[str, ...], float]]:
    """Run every build script into `out`; returns (script, outputs, seconds) in the order run."""
    out.mkdir(parents=True, exist_ok=True)
    timings = []
    for m in ordered([load(p) for p in scripts()]):
        name = Path(m.__file__).name
        t0 = time.perf_counter()
        if quiet:
            import contextlib
            import io
            with contextlib.redirect_stdout(io.StringIO()):
                m.build(sources, out)
        else:
            m.build(sources, out)
        timings.append((name, m.OUTPUTS, time.perf_counter() - t0))
        missing = [o for o in m.OUTPUTS if not (out / o).is_file()]
        if missing:
            raise RuntimeError(f"{name} did not write {missing} into {out}")
    return timings


def differences(built: Path, shipped: Path, names) -> list[str]:
    """Names of the tables whose bytes differ between two folders (or that are missing from one)."""
    bad = []
    for n in sorted(names):
        a, b = built / n, shipped / n
        if not (a.is_file() and b.is_file() and a.read_bytes() == b.read_bytes()):
            bad.append(n)
    return bad


def main() -> None:
    p = parser("Rebuild every table that has a build script in data/curation/.")
    p.add_argument("--check", action="store_true",
                   help="build into a temporary folder and compare byte for byte with --out (default data/)")
    args = p.parse_args()
    sources, out = resolve(args)
    print(f"sources: {sources}")
    if args.check:
        scratch = Path(tempfile.mkdtemp(prefix="aicost-rebuild-"))
        try:
            timings = rebuild(sources, scratch)
            names = [o for _, outs, _ in timings for o in outs]
            bad = differences(scratch, out, names)
        finally:
            shutil.rmtree(scratch)
    else:
        timings = rebuild(sources, out)
        bad = []
    for name, outs, sec in timings:
        print(f"  {sec:6.2f} s  {name} -> {', '.join(outs)}")
    print(f"  {sum(t for _, _, t in timings):6.2f} s  total, {len(timings)} scripts")
    if args.check:
        if bad:
            sys.exit(f"differ from {out}: {', '.join(bad)}")
        print(f"all {len(names)} tables are byte-identical to {out}")
    elif out == DATA.resolve():
        print("If a table changed: make datapackage (checksums, codebook), then make test.")


if __name__ == "__main__":
    main()
