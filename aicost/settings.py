"""The environment variables that change a result, read and checked in one place.

Each is read once per process, on first use, and then fixed: the value *as used* is what
:func:`aicost.cache.inputs` puts in every cache key, so setting a variable after import can
neither change a result half-way nor be served a result computed under the old value. A value
the variable does not accept raises :class:`aicost.errors.DataError` naming the variable and
what it accepts (the command line prints it and exits with status 1).

- the validation date, :func:`today`: the date in UTC (not the machine's time zone, so two
  machines agree on it at any instant); dates after it are refused unless a field allows them.
- ``AICOST_SEED``: the bootstrap seed (default 20170101; tests/test_seed_stability.py checks
  that no reported bound depends on it). Accepts a whole number from 0 to 2**32 - 1 written in
  ASCII digits; unset or empty means the default (as for ``AICOST_NO_CACHE``).

(``AICOST_DATA`` selects the dataset, whose folder and bytes are the cache's fingerprint;
``AICOST_CACHE`` and ``AICOST_NO_CACHE`` say where and whether results are remembered and change
no result.)
"""

from __future__ import annotations

import datetime as _dt
import os
import re

from aicost.errors import DataError

DEFAULT_SEED = 20170101
MAX_SEED = 2**32 - 1  # numpy's SeedSequence takes any non-negative int; keep it to 32 bits
_DIGITS = re.compile(r"[0-9]{1,10}")
_used: dict[str, object] = {}


def parse_seed(text: str | None) -> int:
    """The seed ``AICOST_SEED=text`` stands for (raises :class:`DataError` if not accepted)."""
    if text is None or text == "":
        return DEFAULT_SEED
    if _DIGITS.fullmatch(text) and int(text) <= MAX_SEED:
        return int(text)
    raise DataError(f"environment variable AICOST_SEED, value {text!r}: not accepted; rule: a "
                    f"whole number from 0 to {MAX_SEED} written in ASCII digits (no sign, "
                    f"exponent, spaces or decimal point); unset or empty means {DEFAULT_SEED}")


def seed() -> int:
    """The bootstrap seed of this process: ``AICOST_SEED`` as read on first use."""
    if "seed" not in _used:
        try:
            _used["seed"] = parse_seed(os.environ.get("AICOST_SEED"))
        except DataError as err:  # fixed too: a later valid value would not be the one
            _used["seed"] = err   # aicost.trends took at import
    if isinstance(_used["seed"], DataError):
        raise DataError(str(_used["seed"]))
    return _used["seed"]


def today() -> _dt.date:
    """The date future-dated cells are compared with: today in UTC (part of every cache key)."""
    return _dt.datetime.now(_dt.UTC).date()


def seed_at_import() -> int:
    """The seed for ``aicost.trends.DEFAULT_SEED``, read when the package is imported: never
    raises, so that ``import aicost`` (which the command line does before it can print a
    message) cannot end in a traceback. A bad ``AICOST_SEED`` gives the default here, and
    nothing is computed with it: every load of a table and every cache key calls :func:`seed`,
    which raises the one message."""
    try:
        return seed()
    except DataError:
        return DEFAULT_SEED
