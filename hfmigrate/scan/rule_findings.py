"""scan's side of the rule API: run the registry's checks and turn their violations into findings.

scan keeps what a finding says (code, message, place, suggested replacement, whether rewrite fixes it) and drops
the edits themselves; rewrite runs the same checks and applies them (:mod:`hfmigrate.rewrite.rule_fixes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hfmigrate.comments import LineIndex, span_finding
from hfmigrate.engine.rule_api import FileKind, PythonViolation, TextViolation
from hfmigrate.engine.tree import TreeFacts
from hfmigrate.findings import Finding
from hfmigrate.rules import REGISTRY
from hfmigrate.scan.references import ModelReference, mentioned

if TYPE_CHECKING:
    import libcst as cst

    from hfmigrate.scan.positions import NodePositions


def python_rule_findings(
    path: str, module: cst.Module, positions: NodePositions, text: str | None, references: list[ModelReference]
) -> list[Finding]:
    """The Python checks' findings; the models they mention are added to ``references``. ``text`` (the module's
    source, when known) lets a module without needles skip the walk."""
    data = text.encode("utf-8", "surrogatepass") if text is not None else None
    if data is not None and not REGISTRY.may_match(data, FileKind.PYTHON):
        return []
    from hfmigrate.engine.python import run_python_checks

    violations = run_python_checks(module, REGISTRY.python_checks(data))
    findings = []
    for violation in violations:
        span = _span(module, violation, positions)
        findings.append(_python_finding(path, violation, span))
        references.extend(mentioned(mention, path, span[0]) for mention in violation.mentions)
    return findings


def _span(module: cst.Module, violation: PythonViolation, positions: NodePositions) -> tuple[int, int, int, int]:
    """1-based (line, column, end line, end column) of the violation: its node's, or the part ``within`` names."""
    where = positions.of(violation.node, violation.statement)
    start = (where.start.line, where.start.column + 1)
    if violation.within is None:
        return (*start, where.end.line, where.end.column + 1)
    code, shift = code_after_parens(module, violation.node)
    first, last = (offset - shift for offset in violation.within)
    return (*_moved(start, code, first), *_moved(start, code, last))


def code_after_parens(module: cst.Module, node: cst.CSTNode) -> tuple[str, int]:
    """The node's source from where its position starts, and how many characters of it came before: a node's
    source holds its parentheses (``within`` counts from there), its position starts after them."""
    code = module.code_for_node(node)
    shift = sum(len(module.code_for_node(paren)) for paren in getattr(node, "lpar", ()))
    return code[shift:], shift


def _moved(start: tuple[int, int], code: str, offset: int) -> tuple[int, int]:
    breaks = code.count("\n", 0, offset)
    if not breaks:
        return start[0], start[1] + offset
    return start[0] + breaks, offset - code.rfind("\n", 0, offset)


def _python_finding(path: str, violation: PythonViolation, span: tuple[int, int, int, int]) -> Finding:
    line, column, end_line, end_column = span
    return Finding(
        path,
        line,
        column,
        violation.code,
        violation.message,
        end_line,
        end_column,
        replacement=violation.replacement,
        fixable=violation.fix.changes_code,
    )


def text_rule_findings(path: str, text: str, index: LineIndex, dialect: str | None = None) -> list[Finding]:
    """The text checks' findings; ``dialect``: the text's format when the path does not say it (shell lines)."""
    if not REGISTRY.may_match(text.encode("utf-8", "surrogatepass"), FileKind.TEXT):
        return []
    return [_text_finding(path, index, v) for v in REGISTRY.run_text(text, FileKind.TEXT, path, dialect)]


def python_text_rule_findings(path: str, text: str, index: LineIndex | None = None) -> list[Finding]:
    """The text checks that read a Python module's whole source (hard-coded tokens), parsed or not."""
    if not REGISTRY.may_match(text.encode("utf-8", "surrogatepass"), FileKind.PYTHON):
        return []
    index = index or LineIndex(text)
    return [_text_finding(path, index, v) for v in REGISTRY.run_text(text, FileKind.PYTHON, path)]


def dependency_rule_findings(files: list[tuple[str, str]], python_codes: frozenset[str]) -> list[Finding]:
    """The dependency checks' findings in each of ``files`` ((display path, text)), judged with the whole tree:
    ``python_codes`` is what the per-file pass reported in the tree's Python modules."""
    tree = TreeFacts(python_codes, tuple(files))
    found = []
    for path, text in files:
        if REGISTRY.may_match(text.encode("utf-8", "surrogatepass"), FileKind.DEPENDENCY):
            index = LineIndex(text)
            found += [
                _text_finding(path, index, v) for v in REGISTRY.run_text(text, FileKind.DEPENDENCY, path, tree=tree)
            ]
    return found


def _text_finding(path: str, index: LineIndex, violation: TextViolation) -> Finding:
    return span_finding(
        path,
        index,
        violation.start,
        violation.end,
        violation.code,
        violation.message,
        replacement=violation.replacement,
        fixable=violation.fix.changes_code,
    )
