"""The one error type that reaches a user.

Every bad input (a cell, a file, the descriptor, the claim register), every bad environment
variable and every input/output failure the package can name is raised as :class:`DataError`
with one message: file, row, column, value and rule, or the variable and what it accepts, or
the path and what the system said. The command-line entry points print that message and exit
with status 1; nothing else reaches the user as a traceback.

This module imports nothing of the package, so every module can import it (the loader, the
plausibility rules, the configuration) without an import cycle.
"""

from __future__ import annotations

import os


class DataError(ValueError):
    """Bad data, a bad setting or a failed read/write: the message says where and what rule."""


def io_error(err: OSError, doing: str) -> DataError:
    """The :class:`DataError` for a failed read or write (full disk, permission, symlink
    loop, ...): what was being done, the path and the system's reason."""
    import errno

    reason = os.strerror(err.errno) if err.errno else str(err)
    hint = {errno.ENOSPC: " (free some space and run again)",
            errno.EACCES: " (check the permissions)",
            errno.EROFS: " (a read-only file system)",
            errno.ELOOP: " (a symbolic link that points back to itself)"}.get(err.errno, "")
    where = f" {err.filename}" if err.filename else ""
    return DataError(f"{doing}{where}: {reason}{hint}")
