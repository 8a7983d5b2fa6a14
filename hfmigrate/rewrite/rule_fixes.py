"""rewrite's side of the rule API: run the registry's checks and plan the fixes their findings carry.

Python fixes become edits in the module's plan (:class:`~hfmigrate.planning.module_plan.ModuleContext`), text fixes
edits in a :class:`~hfmigrate.planning.text_plan.TextPlan`; both plans are applied, verified and written by
the existing paths. A fix that would overlap an edit another rule already planned is left out (that rule owns
the node); the finding then stays for the leftover markers, so nothing is lost silently.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from hfmigrate.comments import MARKER_REACH
from hfmigrate.engine.rule_api import (
    FileKind,
    NodeEdit,
    NodeRemoval,
    PlannedEdit,
    PlannedTextEdit,
    PythonCheck,
    PythonViolation,
    SpanEdit,
    TextViolation,
)
from hfmigrate.engine.tree import RewrittenTree, TreeChange
from hfmigrate.rules import REGISTRY
from hfmigrate.scan.rule_findings import code_after_parens

if TYPE_CHECKING:
    import libcst as cst

    from hfmigrate.planning.module_plan import ModuleContext
    from hfmigrate.planning.text_plan import TextPlan
    from hfmigrate.scan.positions import NodePositions


def python_checks_for(source_text: str) -> list[PythonCheck]:
    """The registry's checks worth running on a module (its needles decide), for the walk of ``context.collect``."""
    data = source_text.encode("utf-8", "surrogatepass")
    return list(REGISTRY.python_checks(data)) if REGISTRY.may_match(data, FileKind.PYTHON) else []


def plan_python_fixes(context: ModuleContext) -> None:
    """The fixes the checks' findings carry (``context.found``: they ran in the walk of ``context.collect``),
    planned after the older rules, which claim nodes first."""
    for violation in context.found:
        _plan_python(context, violation)
    _LINES.clear()  # a large module's positions are hundreds of MB: never kept past its plan


def _plan_python(context: ModuleContext, violation: PythonViolation) -> None:
    edits = [edit for edit in violation.fix.edits if isinstance(edit, (NodeEdit, NodeRemoval))]
    if any(_blocked(context, edit) for edit in edits):
        return
    for planned in violation.fix.edits:
        if isinstance(planned, PlannedEdit):
            _plan_counted_once(context, planned)
    for index, edit in enumerate(edits):
        if id(edit.node) in context.replacements or id(edit.node) in context.removals:
            continue  # one edit already stands for several findings (in the same string, or the same statement)
        if isinstance(edit, NodeRemoval):
            context.remove(edit.node, violation.code)
        else:
            context.replace(edit.node, edit.new, violation.code)
        if index:  # a finding counts once however many nodes its fix touches
            context.uncounted.add(id(edit.node))
    # another rule may have put its own marker of this code on the statement (the chat rewrite's stream advice)
    if (
        violation.fix.marker
        and not context.marked(violation.code, violation.node)
        and _marker_reaches(context, violation)
    ):
        context.mark(violation.node, violation.code, violation.fix.marker)


def _plan_counted_once(context: ModuleContext, planned: PlannedEdit) -> None:
    """A planned conversion may edit several nodes (the call, the reads of its result): its finding counts once.
    What it added is read from the end of the (insertion-ordered) replacements: a module of 10,000 URLs plans
    10,000 of these, and a copy of every planned edit per plan was quadratic."""
    replaced, removed = len(context.replacements), set(context.removals)
    planned.plan(context)
    new_keys = len(context.replacements) - replaced
    added = list(itertools.islice(reversed(context.replacements), new_keys))[::-1] if new_keys > 0 else []
    added = [node_id for node_id in added if node_id not in removed]
    if len(context.removals) != len(removed):  # rare: a planned removal (an ``options`` key, an import)
        earlier = set(itertools.islice(context.replacements, replaced))
        added += [node_id for node_id in context.removals if node_id not in removed and node_id not in earlier]
    context.uncounted.update(added[1:])


class _Lines:
    """One module's statement spans, computed when a marker first asks (most markers sit on one-line statements)."""

    def __init__(self, module: cst.Module):
        self.module = module
        self.one_line: dict[int, bool] = {}  # id(simple statement line) → it is one physical line
        self._positions: NodePositions | None = None
        self._lines: list[str] = []

    def spans_one_line(self, context: ModuleContext, statement: cst.SimpleStatementLine) -> bool:
        if id(statement) not in self.one_line:  # once per statement: a list of 10,000 URLs is one statement
            code = context.code(statement)
            self.one_line[id(statement)] = code.count("\n") <= len(statement.leading_lines) + 1
        return self.one_line[id(statement)]

    def reach(self, statement: cst.CSTNode, node: cst.CSTNode, lines_into_node: int = 0) -> bool:
        if self._positions is None:
            from hfmigrate.lines import split_lines
            from hfmigrate.scan.positions import NodePositions

            self._positions, self._lines = NodePositions(self.module), split_lines(self.module.code)
        first, line = self._positions[statement].start.line, self._positions[node].start.line + lines_into_node
        return line - first < MARKER_REACH and all(self._lines[n - 1].strip() for n in range(first, line + 1))


_LINES: list[_Lines] = []  # the module being planned


def _marker_reaches(context: ModuleContext, violation: PythonViolation) -> bool:
    """A marker above the statement speaks for the lines below it up to a blank line, at most MARKER_REACH: a
    finding deep in a long statement (its node's line, or the line ``within`` names) is left to the leftover pass,
    which marks its own line (never two markers)."""
    import libcst as cst

    node = violation.node
    statement = context.statement_of(node)
    if statement is None:
        return True
    if not _LINES or _LINES[0].module is not context.module:
        _LINES[:] = [_Lines(context.module)]
    lines = _LINES[0]
    if isinstance(statement, cst.SimpleStatementLine) and lines.spans_one_line(context, statement):
        return True
    into = 0
    if violation.within:
        code, shift = code_after_parens(context.module, node)
        into = code.count("\n", 0, max(0, violation.within[0] - shift))
    return lines.reach(statement, node, into)


def _blocked(context: ModuleContext, edit: NodeEdit | NodeRemoval) -> bool:
    if isinstance(edit, NodeRemoval):
        return _removal_blocked(context, edit.node)
    return _overlaps_planned(context, edit.node) and not _planned_same(context, edit)


def _removal_blocked(context: ModuleContext, node: cst.CSTNode) -> bool:
    """A removal stands unless the node or an ancestor is claimed by another rule or replaced by a fixed node.
    An ancestor replaced by a function of its updated node receives the node already removed (they compose), and
    an ancestor already removed takes the node with it."""
    current: cst.CSTNode | None = node
    while current is not None:
        planned = context.replacements.get(id(current))
        if context.is_claimed(current) or (planned is not None and not callable(planned)):
            return True
        current = context.parent(current)
    return False


def _planned_same(context: ModuleContext, edit: NodeEdit) -> bool:
    """The very edit is planned already (two findings in one string share the string's new node)."""
    return context.replacements.get(id(edit.node)) is edit.new


def _overlaps_planned(context: ModuleContext, node: cst.CSTNode) -> bool:
    """The node, one of its ancestors or one of its descendants is already replaced, removed or claimed."""
    planned = set(context.replacements) | context.removals
    current: cst.CSTNode | None = node
    while current is not None:
        if id(current) in planned or context.is_claimed(current):
            return True
        current = context.parent(current)
    for node_id in planned:
        inner = context.node_by_id(node_id)
        while inner is not None:
            if inner is node:
                return True
            inner = context.parent(inner)
    return False


def plan_text_fixes(plan: TextPlan, path: str = "") -> None:
    """The text checks' fixes, and on a dependency file the dependency checks' (with empty tree facts: their fixes
    follow from the file alone, see :mod:`hfmigrate.engine.tree`)."""
    from pathlib import PurePosixPath

    from hfmigrate.files import is_dependency_file

    data = plan.text.encode("utf-8", "surrogatepass")
    kinds = [FileKind.TEXT] + ([FileKind.DEPENDENCY] if path and is_dependency_file(PurePosixPath(path)) else [])
    for kind in kinds:
        if REGISTRY.may_match(data, kind):
            _plan_text(plan, REGISTRY.run_text(plan.text, kind, path, plan.dialect.name))


def _plan_text(plan: TextPlan, violations: list[TextViolation]) -> None:
    """The planned text edits first (what a legacy URL becomes, with its markers), in the order of the text, then
    every span edit and marker: the order rewrite has always planned text in, so markers sharing a line keep it."""
    for violation in violations:
        for edit in violation.fix.edits:
            if isinstance(edit, PlannedTextEdit):
                edit.plan(plan, violation)
    for violation in violations:
        for edit in violation.fix.edits:
            if isinstance(edit, SpanEdit):
                plan.replace(edit.start, edit.end, edit.new, violation.code)
        if violation.fix.marker:
            plan.mark(violation.start, violation.code, violation.fix.marker)


def tree_changes(tree: RewrittenTree, settings) -> list[TreeChange]:
    """What the families' tree fixes change once the per-file pass is done. A dependency file a fix changed gets
    the text fixes again (a pin may now conflict with the requirement added: HFM407's marker)."""
    from hfmigrate.engine.outcomes import RewriteSuccess
    from hfmigrate.rewrite.text import rewrite_text

    by_path = {f.path: f for f in tree.files}
    changes = []
    for fix in REGISTRY.tree_fixes():
        for change in fix(tree):
            read = by_path[change.path]
            again = rewrite_text(change.after, read.display, settings, read.encoding) if read.dependency else None
            if isinstance(again, RewriteSuccess):
                change = TreeChange(change.path, again.after, change.applied + again.applied)
            changes.append(change)
    return changes
