"""``--format json``: one versioned JSON document per scan, described by ``scan-report.schema.json``.

``schema_version`` changes only when a field is removed or changes meaning; new fields may appear without it.
The format is documented in docs/scan-json.md.
"""

from __future__ import annotations

import json

from hfmigrate import __version__
from hfmigrate.findings import Diagnostic, Finding, ScanResult
from hfmigrate.report._shared import clean, fixable_count, ordered, skipped_count

SCHEMA_VERSION = 1


def render(result: ScanResult, *, verbose: bool = False, to_terminal: bool = False) -> str:
    # machines read this: every diagnostic is included whatever --verbose says, and ASCII output avoids
    # surprises from the console encoding
    return json.dumps(document(result), indent=2) + "\n"


def document(result: ScanResult) -> dict[str, object]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "hfmigrate", "version": __version__},
        "summary": _summary(result),
        "findings": [_finding(f) for f in ordered(result.findings)],
        "diagnostics": [_diagnostic(d) for d in result.diagnostics],
    }


def _summary(result: ScanResult) -> dict[str, object]:
    return {
        "files_scanned": result.files_scanned,
        "files_skipped": skipped_count(result),
        "files_with_findings": result.files_with_findings,
        "findings": len(result.findings),
        "fixable": fixable_count(result),
        "by_code": result.counts_by_code(),
    }


def _finding(finding: Finding) -> dict[str, object]:
    return {
        "path": clean(finding.path),
        "cell": finding.cell,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "code": finding.code,
        "message": clean(finding.message),
        "replacement": clean(finding.replacement) if finding.replacement is not None else None,
        "fixable": finding.fixable,
        "marker": finding.marker,
    }


def _diagnostic(diagnostic: Diagnostic) -> dict[str, str]:
    return {"path": clean(diagnostic.path), "kind": diagnostic.kind, "reason": clean(diagnostic.reason)}
