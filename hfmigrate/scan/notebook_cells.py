"""The notebook half of a scan: code cells through the Python rules, the rest (prose, shell lines) as text."""

from __future__ import annotations

from dataclasses import replace

from hfmigrate.comments import universal_findings
from hfmigrate.files import SourceFile
from hfmigrate.findings import Diagnostic, DiagnosticKind, Finding
from hfmigrate.lines import split_lines
from hfmigrate.pool import JobFailed, guarded
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
        if not _may_have_findings(cell.source):
            if cell.cell_type == "code":
                _cell_references_without_findings(source.display, cell, mask_ipython(cell.source), outcome)
            continue
        found = universal_findings(source.display, cell.source)
        if cell.cell_type == "code":
            found += _notebook_code_cell(source.display, cell, mask_ipython(cell.source), outcome)
        else:
            found += text_findings(source.display, cell.source)
        outcome.result.findings.extend(finding.at(cell=cell.number) for finding in found)


def _may_have_findings(cell_source: str) -> bool:
    """The pre-filter's promise holds for a cell as for a file (each cell is checked alone): of a cookbook's
    notebooks, the one cell that calls the legacy host is worth the rules; its prose and plots are not."""
    from hfmigrate.scan import prefilter

    return prefilter.may_have_findings(cell_source.encode("utf-8", "surrogatepass"))


def _cell_references_without_findings(display: str, cell, masked, outcome: ScanOutcome) -> None:
    """What a code cell the pre-filter rejects still gives check-models: the model ids of its shell lines' calls
    (a huggingface.js call needs no needle) and its model constants, as :func:`_notebook_code_cell` records them."""
    _shell_references(display, cell, split_lines(cell.source, keepends=True), masked, outcome)
    if masked.python is not None:
        _constant_references(display, cell, outcome)


def _shell_references(display: str, cell, lines: list[str], masked, outcome: ScanOutcome) -> None:
    shell_only = "".join(line if i in masked.masked_lines else "\n" for i, line in enumerate(lines))
    outcome.references.extend(
        replace(r, path=f"{display}:cell {cell.number}") for r in text_references(display, shell_only)
    )


def _constant_references(display: str, cell, outcome: ScanOutcome) -> None:
    known = {r.model for r in outcome.references if r.path.startswith(f"{display}:cell ")}
    outcome.references.extend(constant_references(f"{display}:cell {cell.number}", cell.source, known))


def _notebook_code_cell(display: str, cell, masked, outcome: ScanOutcome) -> list[Finding]:
    lines = split_lines(cell.source, keepends=True)
    found = _ipython_text_findings(display, lines, masked)
    _shell_references(display, cell, lines, masked, outcome)
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
    outcome.references.extend(replace(r, path=f"{display}:cell {cell.number}") for r in scanned.references)
    _constant_references(display, cell, outcome)  # a later cell may join it
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
