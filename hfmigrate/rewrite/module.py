"""Rewriting one Python module's bytes: the partial path, the whole-module path, and their shared steps.

Partial path (the usual one): ``ast`` finds the relevant top-level statements (``relevance``); only they are
parsed with libcst, planned, applied, and spliced back into the original text (``partial``). The whole-module
path parses everything; it is taken when the partial one cannot be trusted: ``ast`` and libcst disagree on the
statements, a sentinel was lost, or a rule removes a whole top-level statement.

Both refuse code that libcst does not reproduce byte for byte, and both re-parse the result with CPython's own
parser before handing it back.
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from hfmigrate import members, partial, relevance
from hfmigrate.comments import may_suppress, suppresses
from hfmigrate.config import Settings
from hfmigrate.engine.kinds import AppliedCounts
from hfmigrate.engine.outcomes import RewriteFailure, RewriteOutcome, RewriteSkip, RewriteSuccess
from hfmigrate.errors import RewriteError
from hfmigrate.findings import Diagnostic, DiagnosticKind
from hfmigrate.lines import split_lines
from hfmigrate.planning.module_plan import ModuleContext, collect
from hfmigrate.rewrite import prefixes
from hfmigrate.rewrite.apply import apply_plan
from hfmigrate.rewrite.python_text_fixes import fix_python_text, mark_python_text_findings
from hfmigrate.rewrite.rule_fixes import plan_python_fixes, python_checks_for
from hfmigrate.sources import (
    SourceText,
    Undecodable,
    decode_bytes,
    parse_cpython,
    syntax_problem,
    without_cyclic_gc,
)


@dataclass(frozen=True)
class ModuleRewrite:
    outcome: RewriteOutcome  # what :func:`rewrite_source` returns
    settled: bool  # scan of the result reports nothing but markers (its file-local rules): no need to scan again


def rewrite_source(
    data: bytes, display: str, settings: Settings, constants=(), catalog=None, text: str | None = None, importers=None
) -> RewriteOutcome:
    """New bytes for one module (a success), a skip when nothing changes, or a failure.

    The rules run first; then the fixes of the text checks over the whole source (the URLs in comments and
    docstrings) and their markers; then whatever scan would still report and no marker covers gets one
    (``leftovers``).
    """
    return rewrite_module(data, display, settings, constants, catalog, text, importers).outcome


def rewrite_module(
    data: bytes, display: str, settings: Settings, constants=(), catalog=None, text: str | None = None, importers=None
) -> ModuleRewrite:
    """:func:`rewrite_source`, and whether the result is settled (the engine then skips its leftover scan)."""
    with without_cyclic_gc():  # as scan does: see sources.without_cyclic_gc
        return _rewrite_module(data, display, settings, constants, catalog, text, importers)


def _rewrite_module(
    data: bytes, display: str, settings: Settings, constants, catalog, text: str | None, importers
) -> ModuleRewrite:
    from hfmigrate.rewrite.leftovers import mark_leftovers

    decoded = decode_bytes(data, python=True)
    if isinstance(decoded, Undecodable):
        return ModuleRewrite(_failed(display, f"{decoded.reason}; not rewritten"), False)
    try:
        outcome = _rewrite_with_rules(decoded, display, settings, constants, catalog, text, importers or {})
        if isinstance(outcome, RewriteFailure):
            return ModuleRewrite(outcome, False)
        current = decode_bytes(outcome.after, python=True) if isinstance(outcome, RewriteSuccess) else decoded
        assert isinstance(current, SourceText)  # the same bytes that did not decode, around ASCII edits
        enabled = lambda code: settings.is_enabled(code, display)  # noqa: E731
        prose, edited = fix_python_text(current.text, display, dict(settings.models), enabled)  # comments, docstrings
        text_marks = mark_python_text_findings(prose, display, enabled)  # the whole-text checks (tokens)
        edited += text_marks.added
        marked = mark_leftovers(text_marks.text, display, enabled)
        settled = marked.settled and text_marks.settled
        if not marked.added and not edited:
            return ModuleRewrite(outcome, settled)
        after = decoded.encode(marked.text)
    except RewriteError as error:
        return ModuleRewrite(_failed(display, f"rewrite abandoned: {error}"), False)
    problem = _verify(after, display, decoded, marked.text)
    if problem:
        return ModuleRewrite(_failed(display, f"rewrite abandoned, the result would not parse: {problem}"), False)
    applied = (outcome.applied if isinstance(outcome, RewriteSuccess) else AppliedCounts()) + edited + marked.added
    return ModuleRewrite(RewriteSuccess(after, applied, decoded.encoding), settled)


def _failed(display: str, reason: str, unparsable: bool = False) -> RewriteFailure:
    return RewriteFailure(Diagnostic(display, DiagnosticKind.ERROR, reason), unparsable)


def _rewrite_with_rules(
    decoded: SourceText, display: str, settings: Settings, constants, catalog, text: str | None, importers
) -> RewriteOutcome:
    text = decoded.text if text is None else text
    tree, too_deep = parse_cpython(text)
    if too_deep:
        return _failed(display, "too deeply nested for the parser; not rewritten", unparsable=True)
    own = prefixes.find_prefix_constants(Path(display), text, tree) if tree is not None else []
    known_names = {(c.module, c.name) for c in constants}
    own = prefixes.with_safety([c for c in own if (c.module, c.name) not in known_names], [(Path(display), text, tree)])
    known = list(constants) + own  # a module rewritten on its own (a notebook cell, a test) knows its own constants
    prefix_names = prefixes.prefixes_for_module(prefixes.from_imports(tree), known, Path(display).stem)
    job = _Job(decoded.data, text, decoded.encoding, display, settings, prefix_names, catalog or {}, decoded)
    job.imported_elsewhere = importers.get(Path(display).stem, frozenset())
    if tree is not None:
        groups, chosen, spans = members.relevant_spans(tree, text, tuple(prefix_names))
        if not chosen:
            return RewriteSkip()
        if len(chosen) < len(groups) or len(spans) > len(chosen):  # statements left out, or a class body pruned
            del groups, tree  # the ast of a large module is hundreds of MB: let it go before libcst and _verify
            outcome = _partial_rewrite(job, spans)
            if outcome is not None:
                return outcome
            tree, _ = parse_cpython(text)
    return _whole_rewrite(job, tree)


class _Job:
    def __init__(
        self, data, text, encoding, display, settings, prefix_names, verdicts, source: SourceText | None = None
    ):
        self.data, self.text, self.encoding, self.display = data, text, encoding, display
        self.source = source or SourceText(data, text, encoding)  # how the new text becomes bytes
        self.settings, self.prefix_names, self.verdicts = settings, prefix_names, verdicts
        self.imported_elsewhere: frozenset[str] = frozenset()
        self.line_map: list[int] | None = None


def _partial_rewrite(job: _Job, spans: list[partial.Span]) -> RewriteOutcome | None:
    """The outcome of rewriting only the relevant statements; None when the whole module must be rewritten."""
    parsed = partial.parse(job.text, spans)
    if parsed is None:
        return None
    piece, module = parsed
    job.line_map = partial.line_map(piece)  # markers that name lines name the file's lines
    context = _planned(job, module, relevant=None)
    if any(id(statement) in context.removals for statement in partial.statements(module, piece)):
        return None  # a removed statement would take its sentinel with it
    new_source = _applied(job, context)
    if isinstance(new_source, RewriteFailure):
        return new_source
    if new_source == piece.source:
        return RewriteSkip()
    new_text = partial.splice(job.text, piece, new_source)
    if new_text is None:
        return None
    return _finished(job, new_text, context)


def _whole_rewrite(job: _Job, tree: ast.Module | None) -> RewriteOutcome:
    try:
        module = cst.parse_module(job.text)  # the decoded text: libcst would refuse bytes that do not decode
    except cst.ParserSyntaxError as error:
        problem = syntax_problem(job.text, error.raw_line, error.message)
        return _failed(job.display, f"does not parse ({problem}); not rewritten", unparsable=True)
    except (RecursionError, MemoryError):
        return _failed(job.display, "too deeply nested for the parser; not rewritten", unparsable=True)
    code = module.code  # generated anew on every access: once is enough
    if code != job.text or job.source.encode(code) != job.data:
        return _failed(job.display, "libcst does not reproduce this file byte for byte; not rewritten")
    relevant = relevance.relevant_statements(module, job.text, tree, tuple(job.prefix_names))
    context = _planned(job, module, relevant)
    new_source = _applied(job, context)
    if isinstance(new_source, RewriteFailure):
        return new_source
    return RewriteSkip() if new_source == job.text else _finished(job, new_source, context)


def _planned(job: _Job, module: cst.Module, relevant: set[int] | None) -> ModuleContext:
    from hfmigrate.rules import REGISTRY

    settings, display = job.settings, job.display
    context = ModuleContext(
        module,
        display,
        dict(settings.models),
        job.prefix_names,
        verdicts=job.verdicts,
        enabled=lambda code: settings.is_enabled(code, display),
        source_text=job.text,
        imported_elsewhere=job.imported_elsewhere,
        line_map=job.line_map,
    )
    collect(context, relevant, python_checks_for(job.text))  # the rule API's checks run in the same walk
    for fix in REGISTRY.module_fixes():
        if any(settings.is_enabled(code, display) for code in fix.codes):
            fix.plan(context)
    plan_python_fixes(context)  # the findings' fixes, after the module fixes
    _drop_suppressed(context)
    context.count_edits()
    return context


def _applied(job: _Job, context: ModuleContext) -> str | RewriteFailure:
    try:
        return apply_plan(context).code
    except RewriteError as error:
        return _failed(job.display, f"rewrite abandoned: {error}")


def _finished(job: _Job, new_text: str, context: ModuleContext) -> RewriteSuccess | RewriteFailure:
    after = job.source.encode(new_text)
    problem = _verify(after, job.display, job.source, new_text)
    if problem:
        return _failed(job.display, f"rewrite abandoned, the result would not parse: {problem}")
    return RewriteSuccess(after, context.applied, job.encoding)


def _drop_suppressed(context: ModuleContext) -> None:
    """Honour ``# hfmigrate: ignore[...]`` on the statement of each planned edit."""
    if context.source_text and not may_suppress(context.source_text):
        return  # no ignore comment anywhere: nothing to look up per edit
    statement_lines: dict[int, list[str]] = {}  # id(statement) → its lines, generated once for all its edits
    for node_id in list(context.replacements):
        if _statement_ignores(context, node_id, context.edit_codes.get(node_id, ""), statement_lines):
            del context.replacements[node_id]
    for node_id in list(context.removals):
        if _statement_ignores(context, node_id, context.edit_codes.get(node_id, ""), statement_lines):
            context.removals.discard(node_id)
    for node_id, planned in list(context.markers.items()):
        kept = [m for m in planned if not _statement_ignores(context, node_id, m.code, statement_lines)]
        if kept:
            context.markers[node_id] = kept
        else:
            del context.markers[node_id]


def _statement_ignores(context: ModuleContext, node_id: int, code: str, cache: dict[int, list[str]]) -> bool:
    node = context.node_by_id(node_id)
    statement = context.statement_of(node) if node is not None else None
    if statement is None:
        return False
    lines = cache.get(id(statement))
    if lines is None:
        # the comments above a statement are not its lines: an ignore on its own line suppresses nothing below it
        lines = split_lines(context.code(statement))[len(getattr(statement, "leading_lines", ())) :]
        if not isinstance(statement, cst.SimpleStatementLine):
            lines = lines[:1]  # a compound statement's own line, not its body
        lines = cache[id(statement)] = [line for line in lines if may_suppress(line)]
    return any(suppresses(line, code) for line in lines)


def _verify(after: bytes, display: str, source: SourceText, new_text: str) -> str | None:
    """Re-parse the new bytes with CPython's own parser: the authority on whether they run.

    Bytes that did not decode (and which CPython would refuse to run, with or without the rewrite) are kept; then
    the text is what is compiled, and the bytes must decode back to it.
    """
    try:
        if source.escaped:
            again = decode_bytes(after, python=True)
            if not isinstance(again, SourceText) or again.text != new_text:
                return "the new bytes do not decode back to the rewritten text"
        _parses(new_text if source.escaped else after, display)
    except (SyntaxError, ValueError) as error:
        return str(error)
    return None


def _parses(code: str | bytes, display: str) -> None:
    """Raise what CPython's parser raises on ``code``. A full compile is tried first: it keeps its tree in C (the
    Python objects of an ast are hundreds of MB for a large module), and what compiles also parses. Only when it
    fails (a ``return`` outside a function is a compile error, not a parse error) does the parser decide."""
    try:
        with warnings.catch_warnings():  # the compiler's own warnings (``is`` with a literal ...) are not ours
            warnings.simplefilter("ignore")
            compile(code, display, "exec", dont_inherit=True)
        return
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
    compile(code, display, "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
