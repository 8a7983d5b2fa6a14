"""The notebook half of a scan: code cells through the Python rules, the rest (prose, shell lines) as text."""

from __future__ import annotations

from dataclasses import replace

from hfmigrate.files import SourceFile
from hfmigrate.findings import Diagnostic, DiagnosticKind, Finding
from hfmigrate.lines import split_lines
from hfmigrate.pool import JobFailed, guarded
from hfmigrate.scan.common import universal_findings
from hfmigrate.scan.outcome import ScanOutcome, ScanTree
from hfmigrate.scan.python_jobs import parse_and_scan
from hfmigrate.scan.rule_findings import python_text_rule_findings
from hfmigrate.scan.text import text_findings
from hfmigrate.scan.text_references import constant_references, text_references


def scan_notebook(source: SourceFile, text: str, outcome: ScanOutcome, tree: ScanTree) -> None:
    from hfmigrate.notebooks import load_cells, mask_ipython

    try:
        cells = load_cells(text)
    except ValueError as error:  # the raw JSON text is still searched: the gate never passes on an unread file
        outcome.result.diagnostics.append(
            Diagnostic(source.display, DiagnosticKind.DOWNGRADED, f"{error}; searched as text")
        )
        found = text_findings(source.display, text) + universal_findings(source.display, text)
        outcome.result.findings.extend(f.at(fixable=False) for f in found)
        return
    for cell in cells:
        if not cell.source:
            continue
        tree.texts[(source.display, cell.number)] = cell.source
        found = universal_findings(source.display, cell.source)
        if cell.cell_type == "code":
            found += _notebook_code_cell(source.display, cell, mask_ipython(cell.source), outcome)
        else:
            found += text_findings(source.display, cell.source)
        outcome.result.findings.extend(finding.at(cell=cell.number) for finding in found)


def _notebook_code_cell(display: str, cell, masked, outcome: ScanOutcome) -> list[Finding]:
    lines = split_lines(cell.source, keepends=True)
    shell_only = "".join(line if i in masked.masked_lines else "\n" for i, line in enumerate(lines))
    found = _ipython_text_findings(display, lines, masked)
    outcome.references.extend(
        replace(r, path=f"{display}:cell {cell.number}") for r in text_references(display, shell_only)
    )
    if masked.python is None:
        return found
    found += python_text_rule_findings(display, masked.python)  # (magic lines are ``pass`` there: same positions)
    scanned = guarded(parse_and_scan, display, masked.python)
    if isinstance(scanned, JobFailed):
        kind, scanned = (
            DiagnosticKind.DOWNGRADED if scanned.too_deep else DiagnosticKind.ERROR,
            f"{scanned.describe(display)}; text rules only",
        )
    else:
        kind = DiagnosticKind.DOWNGRADED
    if isinstance(scanned, str):
        outcome.result.diagnostics.append(Diagnostic(f"{display}:cell {cell.number}", kind, scanned))
        python_only = "".join("\n" if i in masked.masked_lines else line for i, line in enumerate(lines))
        # rewrite leaves a cell that does not parse alone: nothing found this way is fixable by it
        return found + [f.at(fixable=False) for f in text_findings(display, python_only)]
    where = f"{display}:cell {cell.number}"
    outcome.references.extend(replace(r, path=where) for r in scanned.references)
    known = {r.model for r in outcome.references if r.path.startswith(f"{display}:cell ")}
    outcome.references.extend(constant_references(where, cell.source, known))  # a later cell may join it
    return found + scanned.findings


def _ipython_text_findings(display: str, lines: list[str], masked) -> list[Finding]:
    """The text rules on a cell's non-Python lines, each read in the format rewrite edits it in (shell, js, prose)."""
    from hfmigrate.notebooks import ipython_text_format

    first = lines[0] if lines else ""
    formats = {
        index: ipython_text_format(first, None if masked.python is None else lines[index])
        for index in masked.masked_lines
    }
    found: list[Finding] = []
    for name in sorted(set(formats.values())):
        text = "".join(line if formats.get(i) == name else "\n" for i, line in enumerate(lines))
        found += text_findings(display, text, dialect=name)
    return found
