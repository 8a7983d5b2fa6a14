"""The last step of a scan: the selection, ``# hfmigrate: ignore`` suppressions, and one report per marker."""

from __future__ import annotations

import functools

from hfmigrate.comments import lines_covered_by_marker, may_suppress, suppressed_on_statement
from hfmigrate.config import Settings
from hfmigrate.findings import Finding
from hfmigrate.lines import split_lines
from hfmigrate.scan.outcome import ScanTree
from hfmigrate.sources import parse_cpython


def finalise(findings: list[Finding], settings: Settings, tree: ScanTree) -> list[Finding]:
    kept = [f for f in findings if settings.is_enabled(f.code, f.path) and not _suppressed(f, tree)]
    kept = _drop_covered_by_markers(kept, tree)
    return sorted(set(kept), key=lambda f: (f.path, f.cell or 0, f.line, f.column, f.code))


def _suppressed(finding: Finding, tree: ScanTree) -> bool:
    text = tree.texts.get((finding.path, finding.cell))
    if text is None:
        return False
    if not _may_suppress(text):
        return False
    python = finding.cell is None and finding.path.endswith((".py", ".pyi"))
    return suppressed_on_statement(finding, _lines(text), _python_tree(text) if python else None)


@functools.lru_cache(maxsize=64)
def _python_tree(text: str):
    return parse_cpython(text)[0]


# per text, not per finding: 10,000 findings in one file must not split it 10,000 times
_may_suppress = functools.lru_cache(maxsize=64)(may_suppress)


@functools.lru_cache(maxsize=64)
def _lines(text: str) -> list[str]:
    return split_lines(text)


def _drop_covered_by_markers(findings: list[Finding], tree: ScanTree) -> list[Finding]:
    """A marker left by rewrite stands for the finding in the statement right below it: report it once."""
    covered: set[tuple[str, int | None, str, int]] = set()
    for marker in (f for f in findings if f.marker):
        lines = _lines(tree.texts.get((marker.path, marker.cell)) or "")
        for number in lines_covered_by_marker(marker.line, lines):
            covered.add((marker.path, marker.cell, marker.code, number))
    return [f for f in findings if f.marker or (f.path, f.cell, f.code, f.line) not in covered]
