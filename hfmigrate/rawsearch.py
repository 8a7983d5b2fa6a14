"""Finding the legacy host in the raw bytes of a file that was not parsed (over ``max-file-size``, undecodable).

The gate never passes blind: such a file is still searched, a chunk at a time (it may be far larger than memory),
for ``api-inference.huggingface.co`` in any case. Each place is a :class:`HostHit` with its line (lines end where
Python ends them) and byte column, and enough bytes around it to classify the URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from hfmigrate import urls

LEGACY_HOST = urls.LEGACY_HOST.encode()
_CHUNK = 1 << 20
_SNIPPET = 240  # bytes kept around each hit: enough to classify the URL


@dataclass(frozen=True)
class HostHit:
    """Where the legacy host appears in bytes that were not parsed."""

    line: int  # 1-based; lines end at \\n, \\r\\n or \\r
    column: int  # 1-based, in bytes
    snippet: bytes  # from the start of the URL's scheme (when there is one) to a little past the host


def streamed_hits(handle: BinaryIO) -> tuple[HostHit, ...]:
    """The legacy host's places, read a chunk at a time (the file may be far larger than memory)."""
    found: dict[tuple[int, int], HostHit] = {}
    line, column, tail = 1, 1, b""
    while chunk := handle.read(_CHUNK):
        window = tail + chunk
        for hit in find_host(window, line, column):
            found.setdefault((hit.line, hit.column), hit)
        split = max(0, len(window) - _SNIPPET)  # what is left may hold a host the next chunk completes
        if 0 < split < len(window) and window[split - 1 : split + 1] == b"\r\n":
            split -= 1
        line, column = _advance(window[:split], line, column)
        tail = window[split:]
    return tuple(found.values())


def find_host(data: bytes, line: int = 1, column: int = 1) -> list[HostHit]:
    """Every place the legacy host appears in ``data`` (in any case), ``data`` starting at ``line``:``column``."""
    lowered, hits, previous, start = data.lower(), [], 0, 0
    while (at := lowered.find(LEGACY_HOST, start)) >= 0:
        line, column = _advance(data[previous:at], line, column)
        scheme = lowered.rfind(b"http", max(0, at - 8), at)
        scheme = scheme if scheme >= 0 and not line_breaks(data[scheme:at]) else at
        hits.append(HostHit(line, column - (at - scheme), data[scheme : at + _SNIPPET]))
        previous, start = at, at + 1
    return hits


def _advance(data: bytes, line: int, column: int) -> tuple[int, int]:
    """The position just after ``data``, when ``data`` starts at ``line``:``column``."""
    breaks = line_breaks(data)
    if not breaks:
        return line, column + len(data)
    last = max(data.rfind(b"\n"), data.rfind(b"\r"))
    return line + breaks, len(data) - last


def line_breaks(data: bytes) -> int:
    """Line ends in ``data``: \\n, \\r\\n and \\r, as Python counts them (see :mod:`hfmigrate.lines`)."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
