"""Scanning only the top-level statements that can hold a finding, then mapping positions back to the file.

Same idea as the rewrite's partial path (:mod:`hfmigrate.partial`, :mod:`hfmigrate.relevance`): ``ast`` picks the
statements that hold a needle, libcst parses and visits only those. Comment lines between statements are not in
any statement; when one of them holds a needle the whole module is scanned instead, so comment URLs and the
"this file talks to HF inference" evidence are never lost to pruning.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from hfmigrate import members, partial, relevance
from hfmigrate.lines import split_lines
from hfmigrate.scan.python import PythonScan, scan_python

_LOWERED_NEEDLES = tuple(n.lower() for n in relevance.NEEDLES)  # the statement needles of scan and rewrite alike


def scan_relevant_statements(display: str, text: str, tree: ast.Module) -> PythonScan | None:
    """The scan of the relevant statements only; None when the whole module has to be scanned instead."""
    lowered = text.lower()
    if not any(needle in lowered for needle in _LOWERED_NEEDLES):
        # only the imports would be visited, and an import holding no needle reports nothing: no libcst at all
        # (most notebook cells of a candidate notebook)
        return PythonScan()
    groups, chosen, spans = members.relevant_spans(tree, text)
    if (len(chosen) == len(groups) and len(spans) == len(chosen)) or _gaps_hold_needles(text, groups):
        return None
    if not chosen:
        return PythonScan()
    parsed = partial.parse(text, spans, round_trip=False)
    if parsed is None:
        return None
    piece, module = parsed
    return _remapped(scan_python(display, module, piece.source), partial.line_map(piece))


def _gaps_hold_needles(text: str, groups) -> bool:
    covered: set[int] = set()
    for start, end, _ in groups:
        covered.update(range(start, end + 1))
    for number, line in enumerate(split_lines(text), start=1):
        if number not in covered and any(needle in line.lower() for needle in _LOWERED_NEEDLES):
            return True
    return False


def _remapped(scanned: PythonScan, lines: list[int]) -> PythonScan:
    scanned.findings = [replace(f, line=lines[f.line], end_line=lines[f.end_line]) for f in scanned.findings]
    scanned.references = [replace(r, line=lines[r.line]) for r in scanned.references]
    return scanned
