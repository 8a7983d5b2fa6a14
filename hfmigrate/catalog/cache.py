"""The on-disk catalogue cache: one JSON file per source and host, written atomically, read with a TTL.

Layout: ``<cache dir>/<scheme>_<host>[_<port>]/<source>.json``, so a mirror's answers (``HF_ENDPOINT``) never mix
with huggingface.co's. Sources: ``router-models`` (``/v1/models``), ``hub-models`` (one entry per model id) and
``hub-listings`` (alternatives, one entry per pipeline tag). Each entry carries its own ``fetched_at``.

The cache stores server answers only, never request headers; before writing, any occurrence of the token (or of
anything shaped like an ``hf_`` token) is redacted, defensively. A cache that cannot be written (read-only folder)
costs one warning line and the run goes on uncached; a corrupt file is ignored and rebuilt.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hfmigrate.auth import Token, redact
from hfmigrate.errors import CacheError

CACHE_FORMAT = 1


def default_cache_dir(environ: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    """``$HFMIGRATE_CACHE_DIR``, else ``$XDG_CACHE_HOME/hfmigrate``, else the platform's user cache folder."""
    environ = os.environ if environ is None else environ
    platform = platform or sys.platform
    if environ.get("HFMIGRATE_CACHE_DIR"):
        return Path(environ["HFMIGRATE_CACHE_DIR"]).expanduser()
    if environ.get("XDG_CACHE_HOME"):
        return Path(environ["XDG_CACHE_HOME"]).expanduser() / "hfmigrate"
    home = Path(environ.get("HOME") or Path.home())
    if platform == "darwin":
        return home / "Library" / "Caches" / "hfmigrate"
    if platform.startswith("win"):
        local = environ.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(local) / "hfmigrate" / "Cache"
    return home / ".cache" / "hfmigrate"


def host_key(base_url: str) -> str:
    """A folder name for a base URL: ``https_huggingface.co``, ``http_127.0.0.1_8080``."""
    parts = urlsplit(base_url)
    name = f"{parts.scheme or 'https'}_{(parts.hostname or base_url).lower()}"
    if parts.port:
        name += f"_{parts.port}"
    path = parts.path.strip("/").replace("/", "_")
    return f"{name}_{path}" if path else name


def format_age(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m {seconds % 60:02d}s"
    if seconds < 86400:
        return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"
    return f"{seconds // 86400}d {seconds % 86400 // 3600}h"


@dataclass(frozen=True)
class Entry:
    fetched_at: float
    data: Any
    authenticated: bool = False

    def age(self, now: float | None = None) -> float:
        return max(0.0, (now or time.time()) - self.fetched_at)


class SourceFile:
    """One cache file in memory: read once, updated by the run, written back once."""

    def __init__(self, path: Path, label: str, entries: dict[str, Entry], corrupt: bool):
        self.path = path
        self.label = label
        self.entries = entries
        self.corrupt = corrupt
        self.dirty: dict[str, Entry] = {}

    def put(self, key: str, data: Any, authenticated: bool) -> None:
        entry = Entry(time.time(), data, authenticated)
        self.entries[key] = entry
        self.dirty[key] = entry


class Cache:
    """Reads and writes :class:`SourceFile`s under ``root`` (None: caching off)."""

    def __init__(self, root: Path | None, *, token: Token | None = None, warn: Callable[[str], None] | None = None):
        self.root = root
        self._secrets = (token.value,) if token else ()
        self._warn = warn or (lambda message: print(f"hfmigrate: warning: {message}", file=sys.stderr))
        self._write_disabled = root is None
        self._files: dict[tuple[str, str], SourceFile] = {}

    def warn(self, message: str) -> None:
        """One warning line, where this run sends its warnings."""
        self._warn(message)

    def source(self, base_url: str, source: str, label: str) -> SourceFile:
        key = (base_url, source)
        if key not in self._files:
            self._files[key] = self._read(base_url, source, label)
        return self._files[key]

    def path_for(self, base_url: str, source: str) -> Path | None:
        return None if self.root is None else self.root / host_key(base_url) / f"{source}.json"

    def _read(self, base_url: str, source: str, label: str) -> SourceFile:
        path = self.path_for(base_url, source)
        if path is None:
            return SourceFile(Path(os.devnull), label, {}, False)
        entries, corrupt = _load_entries(path)
        if corrupt:
            self._warn(f"ignoring unreadable cache file {path}; it will be rebuilt")
        return SourceFile(path, label, entries, corrupt)

    def flush(self) -> None:
        """Write every changed file back, merging with what another run may have written meanwhile."""
        for source in self._files.values():
            if source.dirty and not self._write_disabled:
                self._write(source)

    def _write(self, source: SourceFile) -> None:
        on_disk, _ = _load_entries(source.path)
        for key, entry in source.dirty.items():
            if key not in on_disk or on_disk[key].fetched_at <= entry.fetched_at:
                on_disk[key] = entry
        document = {
            "format": CACHE_FORMAT,
            "entries": {
                key: {"fetched_at": e.fetched_at, "authenticated": e.authenticated, "data": e.data}
                for key, e in sorted(on_disk.items())
            },
        }
        text = redact(json.dumps(document, ensure_ascii=False, separators=(",", ":")), self._secrets)
        try:
            _atomic_write(source.path, text)
        except OSError as error:
            # One line, once: a read-only or full cache folder must not stop the check.
            self._write_disabled = True
            reason = error.strerror or error
            self._warn(f"cannot write the cache in {source.path.parent} ({reason}); continuing without caching")
        else:
            source.dirty.clear()


def _load_entries(path: Path) -> tuple[dict[str, Entry], bool]:
    """The entries of a cache file, and whether the file exists but cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):  # nothing cached yet, or no cache folder possible
        return {}, False
    except (OSError, UnicodeDecodeError):
        return {}, True
    try:
        document = json.loads(text)
        if document.get("format") != CACHE_FORMAT:
            return {}, True
        entries = {
            str(key): Entry(float(raw["fetched_at"]), raw["data"], bool(raw.get("authenticated")))
            for key, raw in document["entries"].items()
        }
    except (ValueError, TypeError, KeyError, AttributeError):
        return {}, True
    return entries, False


def _atomic_write(path: Path, text: str) -> None:
    from hfmigrate.writing import replace_or_create

    path.parent.mkdir(parents=True, exist_ok=True)
    replace_or_create(path, text.encode("utf-8"))


def offline_entry(source: SourceFile, key: str, what: str, max_age: float, host: str) -> Entry:
    """The cached entry for ``key`` in ``--offline`` mode, or a :class:`CacheError` saying why there is none."""
    if source.corrupt:
        raise CacheError(
            f"--offline: the cache file {source.path} is unusable (corrupt); run once without --offline to rebuild it"
        )
    entry = source.entries.get(key)
    if entry is None:
        raise CacheError(
            f"--offline: no cached {what} from {host} (looked in {source.path}); run once without --offline first"
        )
    if entry.age() > max_age:
        raise CacheError(
            f"--offline: the cached {what} from {host} is {format_age(entry.age())} old, older than --max-age "
            f"{format_age(max_age)}; run without --offline or raise --max-age"
        )
    return entry
