"""Typed outcomes of rewriting one file, as LibCST's ``TransformSuccess`` / ``TransformFailure`` / ``TransformSkip``.

The older per-kind rewriters still return ``None``, a tuple of 3 to 5 parts, or a ``Diagnostic``;
:func:`typed` reads those once, at the engine's door, so nothing past it counts tuple lengths.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from hfmigrate.findings import Diagnostic


@dataclass(frozen=True)
class RewriteSuccess:
    """The file changes: its new bytes, the edits and markers per code, and what else the run noticed."""

    after: bytes
    applied: Counter = field(default_factory=Counter)  # rule code (or "marker:CODE") → count
    encoding: str = "utf-8"
    diff_text: str | None = None  # a kind-specific diff (notebooks show cell numbers)
    diagnostics: tuple[Diagnostic, ...] = ()  # e.g. notebook cells left alone beside the cells that changed


@dataclass(frozen=True)
class RewriteSkip:
    """Nothing to change."""


@dataclass(frozen=True)
class RewriteFailure:
    """The file is left as it was, for the reason the diagnostic gives (an error, or a skip by the rewriter)."""

    diagnostic: Diagnostic


RewriteOutcome = RewriteSuccess | RewriteSkip | RewriteFailure


def typed(outcome: object) -> RewriteOutcome:
    """The typed form of an older rewriter's return value (None, a tuple, a Diagnostic) or a typed one."""
    if isinstance(outcome, (RewriteSuccess, RewriteSkip, RewriteFailure)):
        return outcome
    if outcome is None:
        return RewriteSkip()
    if isinstance(outcome, Diagnostic):
        return RewriteFailure(outcome)
    if isinstance(outcome, tuple) and 3 <= len(outcome) <= 5:
        after, applied, encoding, *rest = outcome
        diff_text = rest[0] if rest else None
        diagnostics = tuple(rest[1]) if len(rest) > 1 else ()
        return RewriteSuccess(after, Counter(applied), encoding, diff_text, diagnostics)
    raise TypeError(f"not a rewrite outcome: {type(outcome).__name__}")
