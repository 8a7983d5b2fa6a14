"""Which names other modules of the tree import from each module, found cheaply on the raw bytes.

A wrapper or a function returning a generation result that another module imports must not change the shape of
what it returns: that module's reads would break, and they are out of this module's reach. ``from m import a, b``
(parenthesised too), ``from pkg.m import a as x`` and ``import pkg.m`` with ``m.a`` are recognised; a star import
counts as importing every name (``*``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

STAR = "*"
_FROM = re.compile(rb"^[ \t]*from[ \t]+\.*([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\r\n#;]+)", re.MULTILINE)
_IMPORT = re.compile(rb"^[ \t]*import[ \t]+([\w.]+)(?:[ \t]+as[ \t]+(\w+))?", re.MULTILINE)
_NEEDLES = (b"generated_text", b"max_new_tokens", b'"inputs"', b"'inputs'")


def asking(files: Iterable[tuple[Path, bytes]]) -> set[str]:
    """The stems of the modules that do text generation: only they ask (often none, and never many)."""
    return {path.stem for path, data in files if any(needle in data for needle in _NEEDLES)}


def names_imported_from(files: Iterable[tuple[Path, bytes]], stems: set[str]) -> dict[str, frozenset[str]]:
    """Module stem (one of ``stems``) → the names other modules import from it."""
    found: dict[str, set[str]] = {}
    if not stems:
        return {}
    alternatives = b"|".join(re.escape(stem.encode()) for stem in sorted(stems))
    mentions = re.compile(
        rb"import[ \t]+[\w.]*\b(?:" + alternatives + rb")\b|\b(?:" + alternatives + rb")[ \t]+import\b"
    )
    literals = tuple(stem.encode() for stem in stems)
    for path, data in files:
        own = path.stem
        if b"import" not in data or not any(stem in data for stem in literals) or not mentions.search(data):
            continue  # most files name none of the asking modules: a byte search each, before the slow regex
        for match in _FROM.finditer(data):
            stem = match.group(1).decode("ascii", "replace").rsplit(".", 1)[-1]
            if not stem or stem == own or stem not in stems:
                continue
            names = match.group(2).decode("utf-8", "replace").strip("() \t\r\n")
            for part in names.replace("\n", ",").split(","):
                name = part.strip().split(" as ")[0].strip()
                if name:
                    found.setdefault(stem, set()).add(name)
        for match in _IMPORT.finditer(data):
            dotted = match.group(1).decode("ascii", "replace")
            stem = dotted.rsplit(".", 1)[-1]
            alias = (match.group(2) or match.group(1)).decode("ascii", "replace")
            if stem == own or stem not in stems:
                continue
            for use in re.finditer(rb"\b" + re.escape(alias.encode()) + rb"\.(\w+)", data):
                found.setdefault(stem, set()).add(use.group(1).decode("ascii", "replace"))
    return {stem: frozenset(names) for stem, names in found.items()}


def imported_elsewhere(context, name: str) -> bool:
    names: frozenset[str] = getattr(context, "imported_elsewhere", frozenset())
    return name in names or STAR in names
