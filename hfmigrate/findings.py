"""What scan reports: :class:`Finding`, and the diagnostics about files it skipped or downgraded.

Lines and columns are 1-based, as in ruff and SARIF. ``end_column`` is exclusive. In a notebook, ``cell`` is the
1-based index among all cells and ``line`` counts within that cell's source.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from hfmigrate.words import Word


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    code: str
    message: str
    end_line: int
    end_column: int
    cell: int | None = None
    replacement: str | None = None  # the suggested replacement text, where one exists
    fixable: bool = False  # whether `hfmigrate rewrite` changes this
    marker: bool = False  # reported from a `# hfmigrate: TODO(...)` comment that rewrite left

    def at(self, **changes: Any) -> Finding:
        return replace(self, **changes)

    @property
    def location(self) -> str:
        cell = f"cell {self.cell}:" if self.cell is not None else ""
        return f"{self.path}:{cell}{self.line}:{self.column}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class DiagnosticKind(Word):
    """How much of a file was checked. A ``str`` so that reports print and serialise it as its word."""

    SKIPPED = "skipped"  # left alone on purpose (excluded, binary, a symlinked folder ...)
    DOWNGRADED = "downgraded"  # read with less than its full rules (text rules only, a cell left alone ...)
    ERROR = "error"  # could not be read or checked: the run is not done (exit 2)


@dataclass(frozen=True)
class Diagnostic:
    """A file scan skipped, or read with less than its full rules, and why. Shown with one line each."""

    path: str
    kind: DiagnosticKind
    reason: str
    unexpected: bool = False  # a skip nobody asked for (a notebook that is not JSON): shown without --verbose

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", DiagnosticKind(self.kind))  # a bare word from older callers, checked

    def __str__(self) -> str:
        return f"{self.path}: {self.kind}: {self.reason}"


@dataclass
class ScanResult:
    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_scanned: int = 0
    files_skipped: int = 0

    @property
    def errors(self) -> list[Diagnostic]:
        """Files (or folders) that could not be read or checked: the gate cannot vouch for them."""
        return [d for d in self.diagnostics if d.kind is DiagnosticKind.ERROR]

    def exit_code(self, exit_zero: bool = False) -> int:
        """2 when something could not be read or checked (``--exit-zero`` does not change that), 1 for findings."""
        if self.errors:
            return 2
        return 0 if exit_zero or not self.findings else 1

    @property
    def files_with_findings(self) -> int:
        return len({f.path for f in self.findings})

    def counts_by_code(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for finding in self.findings:
            counts[finding.code] = counts.get(finding.code, 0) + 1
        return dict(sorted(counts.items()))
