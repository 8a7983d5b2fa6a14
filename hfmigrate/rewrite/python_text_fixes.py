"""rewrite's side of the text checks that read a Python module's whole source: the edits their findings carry.

Legacy URLs in comments and docstrings (:mod:`hfmigrate.rules.legacy_urls_prose`) are the only such edits: rewrite
applies them to the source its rules left (:func:`fix_python_text`), then :func:`mark_python_text_findings` places
the markers of what is still found (tokens, URLs without an equivalent, an edit that could not be made).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from hfmigrate.comments import MARKER_REACH
from hfmigrate.engine.rule_api import Applied, AppliedCounts, FileKind, SpanEdit
from hfmigrate.planning.module_plan import MARKER_PREFIX
from hfmigrate.rules import REGISTRY


def fix_python_text(text: str, display: str, models: Mapping[str, str], enabled) -> tuple[str, AppliedCounts]:
    """``text`` with the edits of the text checks that read a Python module's whole source (legacy URLs in its
    comments and docstrings: :mod:`hfmigrate.rules.legacy_urls_prose`), where no ``# hfmigrate: ignore`` on the
    statement holding an edit covers it, and the count of edits per code. Such an edit may change only comments and
    the values of bare string statements: the new module's ``ast`` must equal the old one with the same
    replacements made in those strings (comments are not in it at all), otherwise nothing is changed."""
    import ast

    from hfmigrate.comments import statement_lines, suppresses
    from hfmigrate.lines import line_starts, split_lines
    from hfmigrate.rules.legacy_urls_prose import line_of

    unchanged = text, AppliedCounts()
    if not REGISTRY.may_match(text.encode("utf-8", "surrogatepass"), FileKind.PYTHON):
        return unchanged
    violations = REGISTRY.run_text(text, FileKind.PYTHON, display, models=models)
    edits = [(v.code, e) for v in violations if enabled(v.code) for e in v.fix.edits if isinstance(e, SpanEdit)]
    if not edits:
        return unchanged
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return unchanged
    lines, starts = split_lines(text, keepends=True), line_starts(text)
    kept: list[tuple[str, SpanEdit, int]] = []
    for code, edit in edits:
        line = line_of(starts, edit.start)
        first, last = statement_lines(tree, line)
        if not any(suppresses(lines[n - 1], code) for n in range(min(first, line), max(last, line) + 1)):
            kept.append((code, edit, line))
    if not kept:
        return unchanged
    pieces, at = [], 0
    for _, edit, _ in sorted(kept, key=lambda item: item[1].start):
        pieces += [text[at : edit.start], edit.new]
        at = edit.end
    new_text = "".join(pieces) + text[at:]
    if not _same_program(text, new_text, [(text[e.start : e.end], e.new, line) for _, e, line in kept]):
        return unchanged
    return new_text, AppliedCounts(Applied(code) for code, _, _ in kept)


def _same_program(old_text: str, new_text: str, replacements: list[tuple[str, str, int]]) -> bool:
    """The new module parses to the old tree with the replacements (old, new, line) made in the bare strings."""
    import ast

    from hfmigrate.rules.legacy_urls_prose import bare_strings

    try:
        new_tree = ast.parse(new_text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    expected = ast.parse(old_text)
    for node in bare_strings(expected):
        value = str(node.value)  # str() only narrows: bare_strings keeps strings
        for old, new, line in replacements:
            if node.lineno <= line <= (node.end_lineno or node.lineno):
                value = value.replace(old, new)
        node.value = value
    return ast.dump(new_tree) == ast.dump(expected)


@dataclass(frozen=True)
class PythonTextMarks:
    text: str
    added: AppliedCounts  # the markers added, per code
    settled: bool  # every finding of these checks is covered by a marker (or suppressed): scan reports only markers


def mark_python_text_findings(text: str, display: str, enabled) -> PythonTextMarks:
    """The markers of the text checks that read a Python module's whole source (hard-coded tokens, legacy URLs in
    comments): a comment line above the statement holding each finding (or above its own line, when the statement
    is too long for a marker to reach it), indented as the statement. The module's ``ast`` must stay the same,
    which proves no line landed inside a string; otherwise nothing is inserted and the findings stay for scan."""
    import ast

    from hfmigrate.comments import LineIndex, statement_lines, suppressed_on_statement
    from hfmigrate.findings import Finding
    from hfmigrate.lines import split_lines

    unchanged = PythonTextMarks(text, AppliedCounts(), True)
    if not REGISTRY.may_match(text.encode("utf-8", "surrogatepass"), FileKind.PYTHON):
        return unchanged
    # an edit still found was not made (its proof failed): it gets the rule's marker, as the leftover pass gave it
    violations = [
        v
        for v in REGISTRY.run_text(text, FileKind.PYTHON, display)
        if enabled(v.code) and (v.fix.marker or v.fix.edits)
    ]
    if not violations:
        return unchanged
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return PythonTextMarks(text, AppliedCounts(), False)
    lines = split_lines(text, keepends=True)
    bare = [line.rstrip("\r\n") for line in lines]
    index = LineIndex(text)
    strings: list[tuple[int, int]] | None = None
    inserts: dict[int, list[tuple[str, str]]] = {}  # line → (code, marker line) to put above it
    settled = True
    for violation in violations:
        line = index.position(violation.start)[0]
        if suppressed_on_statement(Finding(display, line, 1, violation.code, "", line, 1), bare, tree):
            continue
        at = statement_lines(tree, line)[0]
        if any(not bare[n - 1].strip() for n in range(at, line + 1)) or line - at >= MARKER_REACH:
            strings = multiline_strings(tree) if strings is None else strings
            if any(first < line <= last for first, last in strings):
                settled = False  # inside a long string: a marker above the statement cannot reach it
            else:
                at = line  # a marker above the statement would not reach this line
        prefix = f"{MARKER_PREFIX}({violation.code})"
        indent = bare[at - 1][: len(bare[at - 1]) - len(bare[at - 1].lstrip(" \t"))]
        if _marked_above(bare, at, prefix) or any(code == violation.code for code, _ in inserts.get(at, ())):
            continue
        marker = violation.fix.marker or _unmade_edit_marker(violation.code)
        inserts.setdefault(at, []).append((violation.code, f"{indent}{prefix}: {marker}"))
    if not inserts:
        return PythonTextMarks(text, AppliedCounts(), settled)
    newline = "\r\n" if "\r\n" in text else "\n"
    marked = list(lines)
    for at in sorted(inserts, reverse=True):
        marked[at - 1 : at - 1] = [marker + newline for _, marker in inserts[at]]
    result = "".join(marked)
    if ast.dump(ast.parse(result)) != ast.dump(tree):
        return PythonTextMarks(text, AppliedCounts(), False)
    return PythonTextMarks(
        result, AppliedCounts(Applied.marker(code) for placed in inserts.values() for code, _ in placed), settled
    )


def _unmade_edit_marker(code: str) -> str:
    from hfmigrate import rules

    entry = rules.get(code)
    return f"{entry.summary if entry else 'see the rule'}; see `hfmigrate rules {code}`"


def multiline_strings(tree) -> list[tuple[int, int]]:
    """First and last line of each string spanning lines (a line inserted inside one would become part of it)."""
    import ast

    return [
        (node.lineno, node.end_lineno or node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and (node.end_lineno or node.lineno) > node.lineno
    ]


def _marked_above(lines: list[str], at: int, prefix: str) -> bool:
    """A marker of this code sits in the comment lines right above line ``at`` (a second run adds none)."""
    number = at - 1
    while number >= 1 and lines[number - 1].lstrip().startswith("#"):
        if lines[number - 1].lstrip().startswith(prefix):
            return True
        number -= 1
    return False
