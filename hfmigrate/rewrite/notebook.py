"""Rewriting Jupyter notebooks (issue 4). Contract: see ``rewrite_notebook``."""

from __future__ import annotations


def rewrite_notebook(data: bytes, display: str, settings, constants=()):
    """(new bytes, applied Counter, encoding[, diff text]), None when nothing changes, or a Diagnostic."""
    return None
