"""The one cache layer (aicost.cache): nothing cached outlives the bytes it was computed from.

The red-team probes of issue 16: in one process, render the scorecard, edit a table, update the
checksums, render again (it used to serve the old result, and store it under the new key); an
edit without `make datapackage` (it used to serve the cached scorecard, exit 0); a truncated cache
file (it used to raise UnpicklingError).
"""

import csv
import hashlib
import io
import os
import time

import pytest

from aicost import cache, datapackage
from aicost.data import DataError, load
from aicost.paths import ROOT


@pytest.fixture
def copy(copy, tmp_path, monkeypatch):
    """The copy of data/ of tests/conftest.py, with a cache of this test's own."""
    monkeypatch.setenv("AICOST_CACHE", str(tmp_path / "cache"))
    return copy


@pytest.fixture
def price_tags_only(monkeypatch):
    """The scorecard with only the price-tag assessor (the other claims stay pending): the cache
    logic under test is the same, the recomputation it forces is a fraction of the full one."""
    from aicost import scorecard as sc

    every = sc.assessors()
    few = {cid: fn for cid, fn in every.items() if fn.__module__.endswith(".price_tags")}
    assert "gpt2-256-per-hour" in few
    monkeypatch.setattr(sc, "assessors", lambda: dict(few))


def set_fact(folder, system, fact, value):
    path = folder / "price_tag_inputs.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    for r in rows:
        if r[0] == system and r[1] == fact:
            r[2] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def gpt2(frame):
    return frame.set_index("id").loc["gpt2-256-per-hour"]


def test_scorecard_follows_an_edit_in_the_same_process(copy, price_tags_only):
    from aicost.scorecard import _results_key, scorecard

    before = gpt2(scorecard()[0])
    set_fact(copy, "GPT-2 (1.5B)", "tpu_v3_devices", "64")
    datapackage.update()
    after = gpt2(scorecard()[0])
    # twice the devices, twice the hourly rate: computed from the edited table, not remembered
    assert after["reproduced_value"] == pytest.approx(2 * before["reproduced_value"])
    # and what the disk cache now holds under the new dataset's key is the new result
    hit, stored = cache.disk_get("scorecard", _results_key(cache.fingerprint()))
    assert hit and gpt2(stored[0])["reproduced_value"] == pytest.approx(after["reproduced_value"])


def test_edit_without_make_datapackage_is_never_served_from_cache(copy):
    import pandas as pd

    from aicost.scorecard import _results_key, scorecard

    # a remembered scorecard for the dataset as it is (a marker, to tell it from a computed one)
    marker = (pd.DataFrame({"id": ["from-the-cache"]}), ())
    cache.disk_put("scorecard", _results_key(cache.fingerprint()), marker)
    assert list(scorecard()[0]["id"]) == ["from-the-cache"]  # served while nothing changed
    set_fact(copy, "GPT-2 (1.5B)", "tpu_v3_devices", "64")  # checksum not updated
    with pytest.raises(DataError, match="price_tag_inputs.csv.*checksum"):
        scorecard()
    with cache.forgotten(), pytest.raises(DataError, match="checksum"):  # a new process:
        scorecard()  # only the disk cache


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "other key"])
def test_a_damaged_cache_file_counts_as_absent(copy, damage):
    cache.disk_put("scorecard", "k", {"value": list(range(1000))})
    path = cache.folder() / "scorecard" / f"{cache.disk_key('k')}.pkl"
    raw = path.read_bytes()
    path.write_bytes({"truncated": raw[: len(raw) // 2], "garbage": b"\x80\x05not a pickle",
                      "empty": b"", "other key": raw}[damage])
    if damage == "other key":
        path.rename(path.with_name(f"{cache.disk_key('k2')}.pkl"))
        assert cache.disk_get("scorecard", "k2") == (False, None)
    else:
        assert cache.disk_get("scorecard", "k") == (False, None)
        assert not path.exists()  # removed, so it is rewritten


def test_a_truncated_scorecard_cache_is_recomputed(copy, price_tags_only):
    from aicost.scorecard import _cached_scorecard, _results_key

    dataset = cache.fingerprint()
    first = _cached_scorecard(dataset)
    path = cache.folder() / "scorecard" / f"{cache.disk_key(_results_key(dataset))}.pkl"
    path.write_bytes(path.read_bytes()[:100])  # used to raise UnpicklingError
    again = _cached_scorecard(dataset)
    assert again[0].equals(first[0])
    assert cache.disk_get("scorecard", _results_key(dataset))[0]  # rewritten soundly


def test_memo_recomputes_when_any_table_changes(copy):
    calls = []

    @cache.memo(maxsize=4)
    def rows():
        calls.append(1)
        return len(load("price_tag_inputs"))

    n = rows()
    assert rows() == n and len(calls) == 1
    # a table the function does not even read: the key is the whole dataset, so it recomputes
    with open(copy / "ark_points.csv", "ab") as fh:
        fh.write(b"\n")
    rows()
    assert len(calls) == 2
    path = copy / "price_tag_inputs.csv"
    path.write_bytes(path.read_bytes().replace(b"GPT-2 (1.5B),training_time_hours,168",
                                               b"GPT-2 (1.5B),training_time_hours,169"))
    with pytest.raises(DataError, match="checksum"):
        rows()
    datapackage.update()
    assert rows() == n and len(calls) >= 2


def test_same_size_edit_within_the_timestamp_granularity(copy):
    """A same-size edit made right after a read, with the old mtime put back, is still seen:
    recent files are re-hashed, and ctime cannot be set back."""
    path = copy / "price_tag_inputs.csv"
    key = cache.fingerprint()
    stat = path.stat()
    path.write_bytes(path.read_bytes().replace(b",168,", b",169,"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache.fingerprint() != key


def test_settled_files_are_hashed_once(copy, monkeypatch):
    path = copy / "price_tag_inputs.csv"
    old = time.time() - 60
    os.utime(path, (old, old))
    monkeypatch.setattr(cache, "SETTLE_S", -1e9)  # treat every file as settled
    cache.file_digest(path)
    reads = []
    real = cache.hashlib.file_digest
    monkeypatch.setattr(cache.hashlib, "file_digest", lambda *a: reads.append(1) or real(*a))
    cache.file_digest(path)
    assert reads == []


@pytest.fixture
def kept_digests(tmp_path, monkeypatch):
    """A checkout in tmp_path whose files' digests are kept on disk (in tmp_path/cache), every
    file settled at once; a fresh process is :func:`aicost.cache.clear` (nothing in memory,
    the kept digests read again from disk). Yields (file, count of files actually hashed)."""
    monkeypatch.setenv("AICOST_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("AICOST_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "KEEP_UNDER", tmp_path)
    monkeypatch.setattr(cache, "SETTLE_S", -1e9)  # settled at once
    path = tmp_path / "table.csv"
    path.write_bytes(b"a,b\n1,2\n")
    reads = []
    real = cache.hashlib.file_digest
    monkeypatch.setattr(cache.hashlib, "file_digest", lambda *a: reads.append(1) or real(*a))
    with cache.forgotten():
        yield path, reads
    cache.clear()


def test_digests_are_kept_for_the_next_process(kept_digests):
    path, reads = kept_digests
    first = cache.file_digest(path)
    cache.write_kept()  # as at exit
    cache.clear()  # a new process
    assert cache.file_digest(path) == first and len(reads) == 1  # stat, not read


def test_a_kept_digest_never_hides_an_edit(kept_digests):
    """A same-size edit with the old mtime put back, after the digest was kept: the new process
    reads the file again (its ctime changed) and gets the new bytes' digest."""
    path, reads = kept_digests
    before = cache.file_digest(path)
    cache.write_kept()
    stat = path.stat()
    path.write_bytes(b"a,b\n1,3\n")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    cache.clear()
    after = cache.file_digest(path)
    assert after != before and len(reads) == 2
    assert after == hashlib.sha256(b"a,b\n1,3\n").hexdigest()


@pytest.mark.parametrize("how", ["damaged", "cache off", "outside the checkout"])
def test_kept_digests_are_not_used_when_damaged_off_or_outside(kept_digests, monkeypatch,
                                                               tmp_path, how):
    path, reads = kept_digests
    cache.file_digest(path)
    cache.write_kept()
    kept = cache._kept_path()
    if how == "damaged":
        kept.write_bytes(kept.read_bytes()[:-5])
    elif how == "cache off":
        monkeypatch.setenv("AICOST_NO_CACHE", "1")
    else:
        monkeypatch.setattr(cache, "KEEP_UNDER", tmp_path / "elsewhere")
        kept.unlink()
        cache.clear()
        cache.file_digest(path)
        cache.write_kept()
        assert not kept.exists()  # nothing to keep
    cache.clear()
    assert cache.file_digest(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(reads) == (3 if how == "outside the checkout" else 2)  # read again


def test_callers_cannot_change_what_the_next_caller_gets(copy):
    from aicost.analyses import price_tags

    frame = price_tags.systems()
    frame.loc[:, "training_compute_flop"] = -1.0
    assert (price_tags.systems()["training_compute_flop"].dropna() > 0).all()
    table = load("cloud_prices")
    table.loc[:, "price_per_accelerator_hour_usd"] = -1.0
    assert (load("cloud_prices")["price_per_accelerator_hour_usd"] > 0).all()


def test_no_process_level_memo_left_in_the_analyses():
    """Every memo of the analyses goes through aicost.cache (keyed on the dataset's bytes)."""
    import re

    memo = re.compile(r"^\s*@(functools\.)?(lru_cache|cache)\s*(\(|$)", re.M)
    for path in sorted((ROOT / "aicost").rglob("*.py")):
        assert not memo.search(path.read_text(encoding="utf-8")), path.name


def test_off_switch_and_read_only_cache(copy, monkeypatch, tmp_path):
    monkeypatch.setenv("AICOST_NO_CACHE", "1")
    cache.disk_put("x", "k", 1)
    assert cache.disk_get("x", "k") == (False, None)
    monkeypatch.delenv("AICOST_NO_CACHE")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    monkeypatch.setenv("AICOST_CACHE", str(ro / "inner"))
    try:
        cache.disk_put("x", "k", 1)  # silently skipped
    finally:
        ro.chmod(0o700)
    if os.geteuid() != 0:  # root writes anyway
        assert cache.disk_get("x", "k") == (False, None)


# --------------------------------------------------------------------------------------------
# Every input of a cached computation is in its key (issue 24: a seed set after import and the
# validation date were not)
# --------------------------------------------------------------------------------------------
INPUTS = {"seed", "today", "code"}


def test_the_inputs_are_the_ones_this_test_changes():
    """A new input must be added here, and so be proved to change the key below."""
    assert set(cache.inputs()) == INPUTS


def _keys():
    return cache.inputs_key(), cache.disk_key("k")


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_each_input_changes_every_key(monkeypatch, name):
    import datetime as dt

    from aicost import settings

    before = _keys()
    calls = []

    @cache.memo(maxsize=4)
    def f():
        calls.append(1)
        return len(calls)

    f()
    if name == "seed":
        monkeypatch.setitem(settings._used, "seed", settings.seed() + 1)
    elif name == "today":
        monkeypatch.setattr(settings, "today", lambda: dt.date(2001, 1, 1))
    elif name == "code":
        monkeypatch.setitem(cache._code, "code", "other code")
    after = _keys()
    print(f"cache input {name!r} changed: memo and disk keys change")
    assert after[0] != before[0] and after[1] != before[1]
    assert f() == 2, "a memoised result was served after an input changed"


def test_a_seed_set_after_import_changes_nothing_and_the_key_holds_the_seed_used(monkeypatch):
    """The seed is fixed at first use: a later AICOST_SEED neither changes what is computed nor
    the key (so no result computed with one seed is stored under another)."""
    from aicost import settings, trends

    key = cache.inputs_key()
    monkeypatch.setenv("AICOST_SEED", "7")
    assert settings.seed() == trends.DEFAULT_SEED
    assert cache.inputs()["seed"] == str(trends.DEFAULT_SEED)
    assert cache.inputs_key() == key


def test_the_validation_date_is_utc_whatever_the_time_zone(monkeypatch):
    import datetime as dt
    import time

    from aicost import settings

    dates = set()
    for tz in ("Pacific/Kiritimati", "Etc/GMT+12", "UTC"):  # UTC+14 and UTC-12
        monkeypatch.setenv("TZ", tz)
        time.tzset()
        dates.add(settings.today())
    monkeypatch.delenv("TZ")
    time.tzset()
    now = dt.datetime.now(dt.UTC).date()
    assert dates <= {now, now - dt.timedelta(days=1), now + dt.timedelta(days=1)}
    assert len(dates) == 1 or dt.datetime.now(dt.UTC).time() < dt.time(0, 0, 5)


def test_a_cached_validation_is_not_served_on_another_day(copy, monkeypatch):
    """A row dated tomorrow fails today's validation; a cache entry from yesterday (when it
    was in the past... or the other way round) must not decide: the date is in the key."""
    import datetime as dt

    from aicost import settings

    load("cloud_prices")  # passes today, remembered
    monkeypatch.setattr(settings, "today", lambda: dt.date(2017, 1, 1))
    with pytest.raises(DataError, match="after today"):
        load("cloud_prices")  # every 2018+ price is in the future on 2017-01-01


def test_forgotten_is_a_new_process_inside_and_restores_after():
    calls = []

    @cache.memo()
    def remembered():
        calls.append(1)
        return len(calls)

    assert remembered() == 1 and remembered() == 1  # computed once, then remembered
    with cache.forgotten():
        assert remembered() == 2  # inside: computed again, as in a new process
    assert remembered() == 1  # after: what was remembered before, not what was computed inside
    assert len(calls) == 2
