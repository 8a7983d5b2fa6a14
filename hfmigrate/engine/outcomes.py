"""Typed outcomes of rewriting one file, as LibCST's ``TransformSuccess`` / ``TransformFailure`` / ``TransformSkip``.

Every per-kind rewriter (a Python module, a notebook, a text file) returns one of these; nothing counts tuple
lengths or tests a diagnostic's words to learn what happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hfmigrate.engine.kinds import AppliedCounts
from hfmigrate.findings import Diagnostic


@dataclass(frozen=True)
class RewriteSuccess:
    """The file changes: its new bytes, the edits and markers per code, and what else the run noticed."""

    after: bytes
    applied: AppliedCounts = field(default_factory=AppliedCounts)  # edits and markers per code
    encoding: str = "utf-8"
    diff_text: str | None = None  # a kind-specific diff (notebooks show cell numbers)
    diagnostics: tuple[Diagnostic, ...] = ()  # e.g. notebook cells left alone beside the cells that changed

    @property
    def text(self) -> str:
        """The new bytes decoded as they were encoded (undecodable bytes ride along as surrogates)."""
        return self.after.decode(self.encoding, errors="surrogateescape")


@dataclass(frozen=True)
class RewriteSkip:
    """Nothing to change."""


@dataclass(frozen=True)
class RewriteFailure:
    """The file is left as it was, for the reason the diagnostic gives (an error, or a skip by the rewriter).

    ``unparsable``: the source itself does not parse (or is nested too deeply for the parser), as opposed to a
    rewrite that was abandoned; a notebook leaves such a cell alone and reports it as downgraded."""

    diagnostic: Diagnostic
    unparsable: bool = False


RewriteOutcome = RewriteSuccess | RewriteSkip | RewriteFailure
