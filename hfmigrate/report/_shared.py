"""Small helpers every renderer shares: redaction, ordering, severity and counts.

Findings arrive with their text already redacted; every renderer still passes each string it emits through
:func:`clean` so that a scanner bug can never turn into a leaked token in a CI log or a SARIF upload.
"""

from __future__ import annotations

from hfmigrate import rules
from hfmigrate.auth import redact
from hfmigrate.engine.rule_api import Severity
from hfmigrate.findings import Diagnostic, DiagnosticKind, Finding, ScanResult


def clean(text: str) -> str:
    """``text`` with every Hugging Face token removed (defence in depth; see the module docstring)."""
    return redact(text)


def unmentioned_replacement(finding: Finding) -> str | None:
    """The finding's replacement when its message does not already name it (scan messages often say "use X")."""
    if finding.replacement and finding.replacement not in finding.message:
        return finding.replacement
    return None


def ordered(findings: list[Finding]) -> list[Finding]:
    """Findings by file, then notebook cell, then position: Finding's own order puts line before cell."""
    return sorted(findings, key=lambda f: (f.path, f.cell or 0, f.line, f.column, f.code, f.message))


def level(code: str) -> Severity:
    """A rule's severity as its entry declares it (its value is the SARIF level and GitHub command)."""
    entry = rules.get(code)
    return entry.severity if entry is not None else Severity.ERROR


def summary_of(code: str) -> str:
    rule = rules.get(code)
    return rule.summary if rule else ""


def fixable_count(result: ScanResult) -> int:
    return sum(1 for finding in result.findings if finding.fixable)


def skipped(result: ScanResult) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.kind is DiagnosticKind.SKIPPED]


def skipped_count(result: ScanResult) -> int:
    """Files skipped; folders (``.git/``, ``node_modules/``) are listed with --verbose but are not files."""
    # files_skipped may count files without a diagnostic of their own; never report fewer than were listed
    return max(result.files_skipped, sum(1 for d in skipped(result) if not d.path.endswith("/")))


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
