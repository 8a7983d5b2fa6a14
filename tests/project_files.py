"""Helpers for tests that lay out a small project on disk and run hfmigrate on it the way a user does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def write(root: Path, relative: str, data: str | bytes = "x = 1\n") -> Path:
    """Write ``data`` (text as UTF-8, or bytes as they are) to ``root/relative``, making folders; a tiny Python file by default."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def hfmigrate(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m hfmigrate ARGS`` in a real process, as a user or CI would run it; text output captured."""
    return subprocess.run(
        [sys.executable, "-m", "hfmigrate", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
    )
