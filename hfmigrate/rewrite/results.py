"""What a rewrite run produced: each changed file (:class:`FileRewrite`, with its diff) and the run's totals."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hfmigrate.engine.kinds import AppliedCounts
from hfmigrate.findings import Diagnostic, DiagnosticKind, Finding
from hfmigrate.lines import split_lines


@dataclass
class FileRewrite:
    display: str
    path: Path
    before: bytes
    after: bytes
    encoding: str
    applied: AppliedCounts = field(default_factory=AppliedCounts)  # edits and markers per code
    kind: str = "python"
    diff_text: str | None = None  # a kind-specific diff (notebooks show cell numbers)

    @property
    def markers(self) -> int:
        return sum(n for key, n in self.applied.items() if key.is_marker)

    def diff(self) -> str:
        if self.diff_text is not None:
            return self.diff_text
        before = split_lines(self.before.decode(self.encoding, errors="replace"), keepends=True)
        after = split_lines(self.after.decode(self.encoding, errors="replace"), keepends=True)
        lines = difflib.unified_diff(before, after, f"a/{self.display}", f"b/{self.display}")
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


@dataclass
class RewriteResult:
    examined: int = 0
    changed: list[FileRewrite] = field(default_factory=list)
    unchanged: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: bool = False
    markers_remaining: int = 0  # markers in the examined files after this run (new and old)
    examined_by_kind: Counter = field(default_factory=Counter)
    not_rewritten: int = 0  # read, but skipped or abandoned by the rewrite itself
    models: object | None = None  # hfmigrate.rewrite.resolve.CallSiteModels: what was known about call-site models
    left_for_person: list[Finding] = field(default_factory=list)  # what scan still reports that no marker is

    def changed_by_kind(self) -> Counter:
        return Counter(change.kind for change in self.changed)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.kind is DiagnosticKind.ERROR]

    def exit_code(self, pending: bool) -> int:
        """2 when a file could not be rewritten; 1 for changes pending (--diff/--check), markers or findings left."""
        if self.errors:
            return 2
        return 1 if (pending and self.changed) or self.markers_remaining or self.left_for_person else 0

    def counts(self) -> AppliedCounts:
        total = AppliedCounts()
        for change in self.changed:
            total.update(change.applied)
        return total

    @property
    def markers(self) -> int:
        return sum(change.markers for change in self.changed)
