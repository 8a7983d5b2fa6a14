"""Run the real command line with OS errors injected at the file-system boundary, as any user (root included) meets them.

hfmigrate reads every file it examines through ``hfmigrate.sources.open_binary``, writes every rewritten byte
through ``hfmigrate.writing.write_new_file`` and lists folders with ``os.scandir``. This script replaces those
three OS calls, for the files named in ``$HFMIGRATE_FAULTS`` only, with what the OS does in the situation named:

- ``EACCES`` / ``EIO`` / ... (any errno name): the call fails with that error;
- ``vanish`` (read only): the file is deleted just before it is opened, so the real ``open`` fails;
- ``vanish-after-read`` (read only): the file is deleted once it is open (another process removed it mid-run);
- ``MemoryError`` (read only): the read cannot allocate its buffer;
- ``ENOSPC`` (write only): half the bytes reach the temp file, then the disk is full.

Nothing of hfmigrate's own logic is replaced. Use :func:`run_with_faults` from tests.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path


def run_with_faults(faults: dict[str, dict[str, str]], *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``hfmigrate ARGS`` in a real process, with ``faults`` = {"read"|"write"|"list": {file name: fault}}."""
    env = {**os.environ, "HFMIGRATE_FAULTS": json.dumps(faults)}
    return subprocess.run(
        [sys.executable, __file__, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
    )


def _error(name: str, path: str) -> OSError:
    code = getattr(errno, name)
    return OSError(code, os.strerror(code), path)


def _fault(kind: str, path: str | os.PathLike) -> str | None:
    table = json.loads(os.environ.get("HFMIGRATE_FAULTS", "{}")).get(kind, {})
    return table.get(Path(path).name)


def _install() -> None:
    from hfmigrate import sources, writing

    real_open, real_write, real_scandir = sources.open_binary, writing.write_new_file, os.scandir

    def open_binary(path):
        fault = _fault("read", path)
        if fault == "vanish":
            os.unlink(path)
        elif fault == "MemoryError":  # what a read that cannot allocate raises
            raise MemoryError()
        elif fault == "vanish-after-read":
            handle = real_open(path)
            os.unlink(path)  # the open file stays readable; the path is gone before rewrite writes
            return handle
        elif fault:
            raise _error(fault, str(path))
        return real_open(path)

    def write_new_file(path: str, data: bytes, mode: int) -> None:
        fault = _fault("write", Path(path).name[1:].rsplit(".", 2)[0])  # the temp file ".NAME.<hex>.hfmigrate"
        if fault == "ENOSPC":
            real_write(path, data[: len(data) // 2], mode)
            raise _error("ENOSPC", path)
        if fault:
            raise _error(fault, path)
        real_write(path, data, mode)

    def scandir(path="."):
        fault = _fault("list", path)
        if fault:
            raise _error(fault, os.fspath(path))
        return real_scandir(path)

    sources.open_binary = open_binary
    writing.write_new_file = write_new_file
    os.scandir = scandir


if __name__ == "__main__":
    _install()
    sys.argv[0] = "hfmigrate"
    from hfmigrate.cli import main

    main()
