"""Writing a rewritten file: atomically, keeping its mode, never leaving a temp file or a half-written file behind.

:func:`atomic_write` writes the new bytes to a temp file in the same folder, flushes them to disk, gives the temp
file the original's mode and renames it over the original. Whatever fails (a folder that cannot be written, a full
disk, a file that disappeared), the temp file is removed and the original is untouched. :func:`write_new_file` is
the OS boundary: every byte rewrite writes goes through it (tests inject OS errors there).
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)


def write_new_file(path: str, data: bytes, mode: int) -> None:
    """Create ``path`` (it must not exist) with ``data``, flushed to disk. The only place rewrite writes bytes."""
    descriptor = os.open(path, _FLAGS, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, mode)
        else:  # Windows
            os.chmod(path, mode)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace the file at ``path`` with ``data``; raises OSError, and then nothing was changed."""
    target = path.resolve()
    mode = stat.S_IMODE(target.stat().st_mode)  # also: a file that disappeared is not created again
    if not os.access(target, os.W_OK):  # the rename would replace a file its owner made read-only
        raise PermissionError(errno.EACCES, "read-only file", str(target))
    _rename_into_place(target, data, mode)


def replace_or_create(path: Path, data: bytes) -> None:
    """Write a file hfmigrate owns (a report, the cache, a lockfile) atomically: a temp file in the same folder, then
    a rename, so a reader or an interrupt never sees half of it. An existing file keeps its mode; a new one gets
    the umask's."""
    target = Path(path)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    _rename_into_place(target, data, mode)


def _rename_into_place(target: Path, data: bytes, mode: int) -> None:
    """A temp file beside ``target``, then a rename over it; the temp file never outlives a failure."""
    temp = target.parent / f".{target.name}.{secrets.token_hex(4)}.hfmigrate"
    try:
        write_new_file(str(temp), data, mode)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_problem(error: OSError) -> str:
    """The one-line reason for a failed write, in the user's terms."""
    if error.errno == errno.ENOSPC:
        return "cannot write: no space left on the device; the file is unchanged"
    if isinstance(error, FileNotFoundError):
        return "cannot write: the file disappeared while hfmigrate ran; not created again"
    return f"cannot write: {error.strerror or error}; the file is unchanged"
