"""rewrite's side of the text checks that read a Python module's whole source: the edits their findings carry.

Legacy URLs in comments and docstrings (:mod:`hfmigrate.rules.legacy_urls_prose`) are the only such edits: rewrite
applies them to the source its rules left, then :func:`hfmigrate.rewrite.rule_fixes.mark_python_text_findings`
places the markers of what is still found (tokens, URLs without an equivalent, an edit that could not be made).
"""

from __future__ import annotations

from collections.abc import Mapping

from hfmigrate.engine.rule_api import Applied, AppliedCounts, FileKind, SpanEdit
from hfmigrate.rules import REGISTRY


def fix_python_text(text: str, display: str, models: Mapping[str, str], enabled) -> tuple[str, AppliedCounts]:
    """``text`` with the edits of the text checks that read a Python module's whole source (legacy URLs in its
    comments and docstrings: :mod:`hfmigrate.rules.legacy_urls_prose`), where no ``# hfmigrate: ignore`` on the
    statement holding an edit covers it, and the count of edits per code. Such an edit may change only comments and
    the values of bare string statements: the new module's ``ast`` must equal the old one with the same
    replacements made in those strings (comments are not in it at all), otherwise nothing is changed."""
    import ast

    from hfmigrate.lines import line_starts, split_lines
    from hfmigrate.rules.legacy_urls_prose import line_of
    from hfmigrate.scan.common import statement_lines, suppresses

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
