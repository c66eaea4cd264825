"""The one cache layer: nothing is served from a cache unless what it was computed from is
unchanged, and that is checked on every call.

Two kinds of cache, one rule:

- :func:`memo`, a decorator for functions that read the dataset (``aicost.analyses``): the key
  is the function's arguments, :func:`fingerprint`, a digest of the bytes of
  ``datapackage.json`` and of every file it lists, taken at call time, **and** :func:`inputs`,
  everything else a result depends on (the seed as used, the validation date, the code, the
  Python and the locked requirements). Edit a CSV (with or
  without ``make datapackage``) and the next call recomputes (and so meets the loader's checks);
  no result can outlive the data it came from. Pandas results are handed out as copies, so a
  caller that modifies one cannot change what the next caller gets.
- :func:`disk_get` / :func:`disk_put`: results remembered across processes under ``.cache/``,
  keyed by the caller on everything the result depends on (see :func:`results_key`);
  :func:`inputs` is added to every such key here, so a caller cannot forget the seed or the
  date. Each file carries the sha256 of its payload: a truncated
  or altered file is ignored and recomputed, never unpickled. ``AICOST_NO_CACHE=1`` turns the
  disk cache off; a read-only checkout simply recomputes.

Hashing the dataset (about 1.3 MB) costs about a millisecond; to keep :func:`fingerprint` cheap
when called thousands of times, a file's digest is reused while its (device, inode, size,
mtime, ctime) are unchanged and it was last changed more than :data:`SETTLE_S` seconds before it
was hashed (git's answer to "racy" timestamps: a file changed within the timestamp granularity
is re-hashed on every call). ``ctime`` cannot be set back by a user, so touching a file back to
its old mtime does not fool it. By the same rule, digests of the checkout's own files (the
dataset, the package's source, the lock) are kept on disk (``digests.pkl`` in the cache folder)
for the next process, as git's index keeps them: a new process stats those files instead of
reading them (unless ``AICOST_NO_CACHE`` is set).
"""

from __future__ import annotations

import collections
import contextlib
import functools
import hashlib
import json
import os
import pickle
import threading
import time
from pathlib import Path, PurePosixPath

from aicost.paths import ROOT, data_dir

FOLDER = ROOT / ".cache"  # or $AICOST_CACHE (the test suite keeps its caches outside the tree)
VERSION = b"aicost-cache-2"
SETTLE_S = 2.0

_lock = threading.RLock()
_digests: dict[str, tuple[tuple, str]] = {}
KEEP_UNDER = ROOT  # digests of files under this folder are kept on disk for the next process
_KEPT_MAX = 1024
_kept_state: dict = {"digests": None, "dirty": False, "exit_hook": False}
_paths: dict[tuple[str, str], tuple] = {}
_memos: list = []


def _code_digest() -> str:
    """sha256 of the package's source (every ``aicost/**/*.py``), the locked requirements and
    the Python version: taken once per process (the code as imported)."""
    import sys

    if "code" not in _code:
        package = Path(__file__).resolve().parent
        digest = hashlib.sha256(f"python {sys.version_info[0]}.{sys.version_info[1]}".encode())
        for path in sorted(package.rglob("*.py")):
            digest.update(b"\0" + path.relative_to(package).as_posix().encode() + b"\0"
                          + file_digest(path).encode())
        for name in ("requirements.lock", "requirements.txt"):
            digest.update(b"\0" + name.encode() + b"\0" + file_digest(ROOT / name).encode())
        _code["code"] = digest.hexdigest()
    return _code["code"]


_code: dict[str, str] = {}


def inputs() -> dict[str, str]:
    """Every input of a cached computation other than the dataset's bytes and the call's own
    arguments, by name: each is part of every key (:func:`memo`, :func:`disk_get`,
    :func:`disk_put`). tests/test_cache.py changes each one and checks that the key changes.

    - ``seed``: the bootstrap seed as used (:func:`aicost.settings.seed`, fixed at first use);
    - ``today``: the validation date (:func:`aicost.settings.today`, UTC);
    - ``code``: the package's source, the locked requirements and the Python version.
    """
    from aicost import settings

    return {"seed": str(settings.seed()), "today": settings.today().isoformat(),
            "code": _code_digest()}


def inputs_key() -> str:
    """:func:`inputs` as one string (part of every key)."""
    return "\0".join(f"{k}={v}" for k, v in sorted(inputs().items()))


def results_key(dataset: str) -> str:
    """The key of a result computed from the whole dataset (the scorecard, the check of every
    table, the command line's output): the dataset (:func:`fingerprint`, the bytes of every
    table and of the descriptor), ``AICOST_SEED`` as set, and the package's code, the locked
    requirements and the Python (:func:`_code_digest`, taken once per process). The disk cache
    adds :func:`inputs` to it."""
    digest = hashlib.sha256(dataset.encode())
    digest.update(b"\0" + os.environ.get("AICOST_SEED", "").encode())
    digest.update(b"\0" + _code_digest().encode())
    return digest.hexdigest()


def enabled() -> bool:
    """Whether the on-disk cache is used (``AICOST_NO_CACHE`` unset or empty)."""
    return not os.environ.get("AICOST_NO_CACHE")


def file_digest(path: Path | str) -> str:
    """sha256 of a file's bytes ("missing" if it does not exist), re-read whenever its stat
    changed or is too recent to be trusted."""
    path = os.fspath(path)
    try:
        st = os.stat(path)
    except OSError:
        return "missing"
    stamp = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    with _lock:
        hit = _digests.get(path) or _kept().get(path)
        if hit is not None and hit[0] == stamp:
            _digests[path] = hit
            return hit[1]
    with open(path, "rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    settled = time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > SETTLE_S * 1e9
    with _lock:
        if settled:
            _digests[path] = (stamp, digest)
            _keep(path, stamp, digest)
        else:
            _digests.pop(path, None)
    return digest


def _kept_path() -> Path:
    return folder() / "digests.pkl"


def _kept() -> dict[str, tuple[tuple, str]]:
    """The digests earlier processes kept on disk (read once per process; empty when the cache
    is off, missing or damaged: then every file is hashed, as before)."""
    if _kept_state["digests"] is None:
        found: dict = {}
        if enabled():
            try:
                head, _, payload = _kept_path().read_bytes().partition(b"\n")
                if head == VERSION + b" " + hashlib.sha256(payload).hexdigest().encode():
                    loaded = pickle.loads(payload)
                    if isinstance(loaded, dict):
                        found = loaded
            except Exception:  # noqa: BLE001 - unreadable or damaged: hash the files again
                found = {}
        _kept_state["digests"] = found
    return _kept_state["digests"]


def _keep(path: str, stamp: tuple, digest: str) -> None:
    """Keep a settled file's digest for the next process (files of the checkout only; written
    when this process exits)."""
    if not enabled() or not Path(path).is_relative_to(KEEP_UNDER):
        return
    kept = _kept()
    if kept.get(path) == (stamp, digest):
        return
    if len(kept) >= _KEPT_MAX:
        kept.clear()
    kept[path] = (stamp, digest)
    _kept_state["dirty"] = True
    if not _kept_state["exit_hook"]:
        import atexit

        atexit.register(write_kept)
        _kept_state["exit_hook"] = True


def write_kept() -> None:
    """Write the kept digests (atomically; silently skipped when the cache is off, read-only or
    nothing new was kept). Run when the process exits."""
    with _lock:
        if not _kept_state["dirty"] or not enabled():
            return
        payload = pickle.dumps(dict(_kept()), protocol=pickle.HIGHEST_PROTOCOL)
        _kept_state["dirty"] = False
    path = _kept_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(VERSION + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n"
                        + payload)
        os.replace(tmp, path)
    except OSError:
        pass


def fingerprint(folder: Path | None = None) -> str:
    """Digest of the dataset as it is on disk now: the folder, the bytes of datapackage.json and
    of every file it lists (a file it cannot parse still gets a key: its bytes)."""
    folder = Path(folder) if folder is not None else data_dir()
    descr = folder / "datapackage.json"
    head = file_digest(descr)
    paths = _listed_paths(str(descr), head)
    # Once per process and state: the whole fingerprint is reused while the stat of the
    # descriptor and of every file it lists is unchanged and all of them are settled (the rule of
    # file_digest); kept in _digests under a key no file path can have, so clear() forgets it.
    state, now, settle = [], time.time_ns(), SETTLE_S * 1e9
    for name in _stat_names(str(folder), str(descr), paths):
        try:
            st = os.stat(name)
        except OSError:
            state.append(None)
            continue
        if now - max(st.st_mtime_ns, st.st_ctime_ns) <= settle:
            state = None
            break
        state.append((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
    memo_key = "\0fingerprint\0" + str(folder)
    state = (head, tuple(state)) if state is not None else None
    with _lock:
        hit = _digests.get(memo_key)
    if state is not None and hit is not None and hit[0] == state:
        return hit[1]
    digest = hashlib.sha256(VERSION + b"\0" + str(folder).encode() + b"\0")
    digest.update(head.encode())
    for rel in paths:
        if not isinstance(rel, str):
            continue
        digest.update(b"\0" + rel.encode() + b"\0" + _safe_digest(folder, rel).encode())
    if state is not None:
        with _lock:
            _digests[memo_key] = (state, digest.hexdigest())
    return digest.hexdigest()


def _stat_names(folder: str, descr: str, paths: tuple) -> tuple[str, ...]:
    """The files whose stat :func:`fingerprint` compares: the descriptor and every path it
    lists, joined to the folder once per folder and list (not on every call)."""
    key = (folder, descr, paths)
    with _lock:
        hit = _names.get(key)
    if hit is None:
        hit = (descr,) + tuple(os.path.join(folder, r) for r in paths if isinstance(r, str))
        with _lock:
            if len(_names) > 16:
                _names.clear()
            _names[key] = hit
    return hit


_names: dict[tuple, tuple[str, ...]] = {}


def _safe_digest(folder: Path, rel: str) -> str:
    """A listed file's digest; a path leading out of the data folder is not opened (the loader
    refuses it with its message)."""
    pure = PurePosixPath(rel)
    if pure.is_absolute() or ".." in pure.parts or "\\" in rel or ":" in rel:
        return "outside"
    target = folder / pure
    try:
        if len(pure.parts) > 1 or os.path.islink(target):  # only then can it lead elsewhere
            if not target.resolve().is_relative_to(folder.resolve()):
                return "outside"
        return file_digest(target)
    except (OSError, RuntimeError):  # a symbolic-link loop, an unreadable file: the loader
        return "unreadable"           # refuses it with its message


def _listed_paths(descr: str, head: str) -> tuple:
    """The resource paths a descriptor lists, remembered by the descriptor's digest."""
    with _lock:
        hit = _paths.get((descr, head))
    if hit is not None:
        return hit
    try:
        with open(descr, encoding="utf-8") as fh:
            found = tuple(r.get("path", "") for r in json.load(fh).get("resources", [])
                          if isinstance(r, dict))
    except (OSError, ValueError, AttributeError):
        found = ()
    if file_digest(descr) != head:  # changed while being read: do not remember
        return found
    with _lock:
        if len(_paths) > 16:
            _paths.clear()
        _paths[(descr, head)] = found
    return found


def _fresh(value):
    """What a caller gets: a copy of pandas objects (cheap here), the value itself otherwise."""
    copy = getattr(value, "copy", None)
    if copy is not None and type(value).__module__.startswith("pandas"):
        return copy()
    if isinstance(value, tuple) and any(type(v).__module__.startswith("pandas") for v in value):
        return tuple(_fresh(v) for v in value)
    if isinstance(value, dict) and any(type(v).__module__.startswith("pandas")
                                       for v in value.values()):
        return {k: _fresh(v) for k, v in value.items()}
    return value


def memo(maxsize: int = 16):
    """Decorator: remember up to ``maxsize`` results per function, keyed on the arguments and on
    the dataset's :func:`fingerprint` at call time (the drop-in for ``functools.lru_cache`` on
    anything that reads data)."""

    def wrap(fn):
        store: collections.OrderedDict = collections.OrderedDict()

        @functools.wraps(fn)
        def cached(*args, **kwargs):
            key = (fingerprint(), inputs_key(), args, tuple(sorted(kwargs.items())))
            with _lock:
                if key in store:
                    store.move_to_end(key)
                    return _fresh(store[key])
            value = fn(*args, **kwargs)
            if fingerprint() == key[0]:  # the data did not change while computing
                with _lock:
                    store[key] = value
                    while len(store) > maxsize:
                        store.popitem(last=False)
            return _fresh(value)

        cached.cache_clear = store.clear
        cached.cache_size = lambda: len(store)
        _memos.append(store)
        return cached

    return wrap


def clear() -> None:
    """Forget every in-process result and file digest (tests use this; never needed for
    correctness)."""
    with _lock:
        for store in _memos:
            store.clear()
        _digests.clear()
        _kept_state["digests"], _kept_state["dirty"] = None, False
        _paths.clear()
        _names.clear()


@contextlib.contextmanager
def forgotten():
    """Inside: nothing remembered in this process, as in a new one (tests); afterwards what was
    remembered before is back (each result is keyed on the dataset's state, so it is still
    true) and what was remembered inside is dropped. A test that needs a cold computation then
    costs the tests after it nothing."""
    with _lock:
        saved = [(store, store.copy()) for store in (*_memos, _digests, _paths, _names)]
    clear()
    try:
        yield
    finally:
        with _lock:
            for store, before in saved:
                store.clear()
                store.update(before)


def folder() -> Path:
    """Where the on-disk cache lives: ``$AICOST_CACHE`` if set, else ``<repo>/.cache``."""
    override = os.environ.get("AICOST_CACHE")
    return Path(override) if override else FOLDER


def disk_key(key: str) -> str:
    """The name an entry is stored under: the caller's key and :func:`inputs`."""
    return hashlib.sha256(key.encode() + b"\0" + inputs_key().encode()).hexdigest()


def _disk_path(namespace: str, full: str) -> Path:
    return folder() / namespace / f"{full}.pkl"


def disk_get(namespace: str, key: str):
    """``(True, value)`` if a sound entry for ``key`` exists, else ``(False, None)``. An entry
    whose checksum does not match its payload (truncated, edited) counts as absent and is
    removed."""
    if not enabled():
        return False, None
    key = disk_key(key)
    path = _disk_path(namespace, key)
    try:
        raw = path.read_bytes()
    except OSError:
        return False, None
    head, _, payload = raw.partition(b"\n")
    expected = VERSION + b" " + hashlib.sha256(key.encode() + b"\0" + payload).hexdigest().encode()
    if head != expected:
        try:
            path.unlink()
        except OSError:
            pass
        return False, None
    try:
        return True, pickle.loads(payload)
    except Exception:  # noqa: BLE001 - an unreadable entry is recomputed, whatever the reason
        return False, None


def disk_put(namespace: str, key: str, value) -> None:
    """Store ``value`` under ``key`` (atomically; silently skipped when off or read-only)."""
    if not enabled():
        return
    key = disk_key(key)
    path = _disk_path(namespace, key)
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    head = VERSION + b" " + hashlib.sha256(key.encode() + b"\0" + payload).hexdigest().encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(head + b"\n" + payload)
        os.replace(tmp, path)
    except OSError:
        pass
