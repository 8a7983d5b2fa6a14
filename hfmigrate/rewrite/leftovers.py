"""The last step of rewrite on a module: mark what is left, so that ``hfmigrate scan`` afterwards reports only markers.

Every finding carries its fix, and most fixes carry their marker, placed with the edits. A few findings are still
left after that: a marker cannot reach them from above their statement (a URL deep in a docstring, or in a statement
too long for the marker's reach), a fix was left out because another rule's edit owns the node, or the rewritten
code itself is a finding (a check that reads the result differently from the source). So the families' checks run
once more, on the result (scan's runner: the same checks, nothing of its own), and every finding that no marker
covers gets one, on the first line that reaches it, worded from its rule's summary (which names no URL or option, so
the marker line is never a finding itself). Inserted comments must leave the module's ``ast`` unchanged, which
proves none landed inside a string; otherwise none are inserted and rewrite's exit code says a person is needed.

The fixes are not re-run until nothing changes (as ``ruff --fix`` loops): a second run of rewrite changes nothing
on every fixture, the real repositories the project is measured on and the pathological inputs (the tests hold
it), and a second round here would judge joins of another module's prefix constant by the values that module had
before its own rewrite.
"""

from __future__ import annotations

import ast
import bisect
import itertools
import re
from dataclasses import dataclass

from hfmigrate import rules
from hfmigrate.comments import lines_covered_by_marker, statement_lines, suppressed_on_statement, universal_findings
from hfmigrate.engine.kinds import Applied, AppliedCounts
from hfmigrate.findings import Finding
from hfmigrate.lines import split_lines
from hfmigrate.planning.module_plan import MARKER_PREFIX
from hfmigrate.rewrite.python_text_fixes import multiline_strings
from hfmigrate.scan import parse_and_scan, prefilter


@dataclass(frozen=True)
class MarkedLeftovers:
    text: str
    added: AppliedCounts  # the markers added, per code
    settled: bool  # scan will report nothing but markers in this module (its own rules; pins are judged elsewhere)


def mark_leftovers(text: str, display: str, enabled) -> MarkedLeftovers:
    """``text`` with markers above the findings nothing covers, the markers added, and whether that settles it."""
    data = text.encode("utf-8", "surrogatepass")
    if not (prefilter.needs_python_parse(data) or prefilter.has_hard_coded_token(data)):
        return MarkedLeftovers(
            text, AppliedCounts(), True
        )  # only markers (or nothing) can be left: they need no marker
    scanned = parse_and_scan(display, text)
    if isinstance(scanned, str):
        return MarkedLeftovers(text, AppliedCounts(), False)
    lines = split_lines(text, keepends=True)
    bare = [line.rstrip("\r\n") for line in lines]
    findings = scanned.findings + universal_findings(display, text)
    covered = {(m.code, n) for m in findings if m.marker for n in lines_covered_by_marker(m.line, bare)}
    tree = ast.parse(text)
    leftovers = [
        f
        for f in findings
        if not f.marker
        and (f.code, f.line) not in covered
        and enabled(f.code)
        and not suppressed_on_statement(f, bare, tree)
    ]
    inserts = _inserts(tree, leftovers, bare)
    if not inserts:
        return MarkedLeftovers(text, AppliedCounts(), not leftovers)
    marked = _with_inserts(lines, inserts, _newline_of(text))
    if ast.dump(ast.parse(marked)) != ast.dump(tree):
        return MarkedLeftovers(text, AppliedCounts(), False)
    added = AppliedCounts(Applied.marker(code) for texts in inserts.values() for code, _ in texts)
    return MarkedLeftovers(marked, added, _all_covered(marked, display, findings, inserts, enabled))


def _all_covered(marked: str, display: str, findings: list[Finding], inserts, enabled) -> bool:
    """Whether scan of ``marked`` finds only markers: the old findings, moved down by the inserted lines, must each be
    covered by a marker of their code or suppressed (inserted comments change no finding, only positions)."""

    at_lines = sorted(inserts)
    inserted_before = list(itertools.accumulate(len(inserts[at]) for at in at_lines))

    def moved(line: int) -> int:  # a bisect: summing over every insert per finding was quadratic in markers
        count = bisect.bisect_right(at_lines, line)
        return line + (inserted_before[count - 1] if count else 0)

    lines = split_lines(marked)
    markers = [m for m in universal_findings(display, marked) if m.marker]
    covered = {(m.code, n) for m in markers for n in lines_covered_by_marker(m.line, lines)}
    tree = ast.parse(marked)
    for finding in findings:
        if finding.marker or not enabled(finding.code):
            continue
        now = finding.at(line=moved(finding.line), end_line=moved(finding.end_line))
        if (now.code, now.line) not in covered and not suppressed_on_statement(now, lines, tree):
            return False
    return True


def _inserts(tree: ast.Module, leftovers: list[Finding], lines: list[str]) -> dict[int, list[tuple[str, str]]]:
    """Line number → (code, marker line) to put above it; only where the marker will cover the finding."""
    inserts: dict[int, list[tuple[str, str]]] = {}
    strings: list[tuple[int, int]] | None = None
    for finding in sorted(leftovers, key=lambda f: (f.line, f.code)):
        at = statement_lines(tree, finding.line)[0]
        if any(not lines[n - 1].strip() for n in range(at, finding.line + 1)) or finding.line - at >= 15:
            if strings is None:
                strings = multiline_strings(tree)  # once per module, and only when a finding asks
            if not any(first < finding.line <= last for first, last in strings):  # inside a docstring: no marker
                at = finding.line  # the statement is too long for a marker above it to reach the finding
        if _marked_above(lines, at, finding.code):
            continue  # a marker the finding is out of reach of (inside a docstring) is already there: never twice
        line = lines[at - 1]
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        rule = rules.get(finding.code)
        summary = rule.summary if rule else "see the rule"
        marker = f"{indent}{MARKER_PREFIX}({finding.code}): {summary}; see `hfmigrate rules {finding.code}`"
        if all(code != finding.code for code, _ in inserts.get(at, [])):
            inserts.setdefault(at, []).append((finding.code, marker))
    return inserts


def _marked_above(lines: list[str], at: int, code: str) -> bool:
    number = at - 1
    while number >= 1 and MARKER_PREFIX in lines[number - 1]:
        if f"TODO({code})" in lines[number - 1]:
            return True
        number -= 1
    return False


def _with_inserts(lines: list[str], inserts: dict[int, list[tuple[str, str]]], newline: str) -> str:
    result = list(lines)
    for at in sorted(inserts, reverse=True):
        result[at - 1 : at - 1] = [marker + newline for _, marker in inserts[at]]
    return "".join(result)


def _newline_of(text: str) -> str:
    match = re.search(r"\r\n|\n|\r", text)
    return match.group(0) if match else "\n"
