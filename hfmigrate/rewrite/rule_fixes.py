"""rewrite's side of the rule API: run the registry's checks and plan the fixes their findings carry.

Python fixes become edits in the module's plan (:class:`~hfmigrate.rewrite.context.ModuleContext`), text fixes
edits in a :class:`~hfmigrate.rewrite.textfiles.plan.TextPlan`; both plans are applied, verified and written by
the existing paths. A fix that would overlap an edit another rule already planned is left out (that rule owns
the node); the finding then stays for the leftover markers, so nothing is lost silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hfmigrate.engine.rule_api import FileKind, NodeEdit, NodeRemoval, PlannedEdit, PythonViolation, SpanEdit
from hfmigrate.rewrite.context import MARKER_PREFIX
from hfmigrate.rules import REGISTRY

if TYPE_CHECKING:
    import libcst as cst

    from hfmigrate.rewrite.context import ModuleContext
    from hfmigrate.rewrite.textfiles.plan import TextPlan


def plan_python_fixes(context: ModuleContext, relevant: set[int] | None) -> None:
    if not REGISTRY.may_match(context.source_text.encode("utf-8", "surrogatepass"), FileKind.PYTHON):
        return
    from hfmigrate.engine.python import run_python_checks

    for violation in run_python_checks(context.module, REGISTRY.python_checks(), relevant):
        _plan_python(context, violation)


def _plan_python(context: ModuleContext, violation: PythonViolation) -> None:
    edits = [edit for edit in violation.fix.edits if isinstance(edit, (NodeEdit, NodeRemoval))]
    if any(_blocked(context, edit) for edit in edits):
        return
    for planned in violation.fix.edits:
        if isinstance(planned, PlannedEdit):
            planned.plan(context)
    for index, edit in enumerate(edits):
        if id(edit.node) in context.replacements or id(edit.node) in context.removals:
            continue  # one edit already stands for several findings (in the same string, or the same statement)
        if isinstance(edit, NodeRemoval):
            context.remove(edit.node, violation.code)
        else:
            context.replace(edit.node, edit.new, violation.code)
        if index:  # a finding counts once however many nodes its fix touches
            context.uncounted.add(id(edit.node))
    if violation.fix.marker and not _marked_already(context, violation):
        context.mark(violation.node, violation.code, violation.fix.marker)


def _marked_already(context: ModuleContext, violation: PythonViolation) -> bool:
    """Another rule put its own marker of this code on the statement (the chat rewrite's stream advice)."""
    statement = context.statement_of(violation.node)
    prefix = f"{MARKER_PREFIX}({violation.code})"
    return statement is not None and any(text.startswith(prefix) for text in context.markers.get(id(statement), ()))


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
    if not REGISTRY.may_match(plan.text.encode("utf-8", "surrogatepass"), FileKind.TEXT):
        return
    for violation in REGISTRY.run_text(plan.text, FileKind.TEXT, path, plan.dialect.name):
        for edit in violation.fix.edits:
            if isinstance(edit, SpanEdit):
                plan.replace(edit.start, edit.end, edit.new, violation.code)
        if violation.fix.marker:
            plan.mark(violation.start, violation.code, violation.fix.marker)
