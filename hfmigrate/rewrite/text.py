"""Rewriting non-Python text files (issue 4). Contract: see ``rewrite_text``."""

from __future__ import annotations


def rewrite_text(data: bytes, display: str, settings, encoding: str = "utf-8"):
    """(new bytes, applied Counter, encoding[, diff text]), None when nothing changes, or a Diagnostic."""
    return None
