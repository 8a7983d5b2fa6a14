"""Carrying out a planned set of edits in one libcst transformation.

Elements of a dict or an argument list are removed by their container, so the commas and line breaks stay
right: when the last element goes, the one before it takes over its comma (and with it the layout of the
closing bracket), so ``{"a": 1, "options": {...}}`` becomes ``{"a": 1}``, never ``{"a": 1, }``.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate.errors import RewriteError
from hfmigrate.lines import line_breaks
from hfmigrate.planning.module_plan import STATEMENT_TYPES, Marker, ModuleContext


def apply_plan(context: ModuleContext) -> cst.Module:
    if not (context.replacements or context.removals or context.markers or context.renames):
        return context.module
    module = context.module.visit(_Applier(context, _paths_to_edits(context)))
    return module.visit(_Renamer(context.renames)) if context.renames else module


class _Renamer(cst.CSTTransformer):
    """Renames uses of names whose import a rule swapped (the import statements were rewritten already)."""

    def __init__(self, renames: dict[str, str]):
        super().__init__()
        self.renames = renames

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # only the leftmost name of a dotted access can be an imported name
        return False

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        new = self.renames.get(updated_node.value)
        return updated_node.with_changes(value=new) if new else updated_node


def _paths_to_edits(context: ModuleContext) -> set[int]:
    """Every node on the way from the module to a planned edit: the only subtrees the applier has to enter."""
    hot: set[int] = set()
    for node_id in (*context.replacements, *context.removals, *context.markers):
        current = context.node_by_id(node_id)
        while current is not None and id(current) not in hot:
            hot.add(id(current))
            current = context.parent(current)
    return hot


class _Applier(cst.CSTTransformer):
    def __init__(self, context: ModuleContext, hot: set[int]):
        super().__init__()
        self.context = context
        self.hot = hot

    def on_visit(self, node: cst.CSTNode) -> bool:
        return id(node) in self.hot

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):
        key = id(original_node)
        if key in self.context.removals and isinstance(original_node, STATEMENT_TYPES):
            return cst.RemoveFromParent()
        result = self._replacement(original_node, updated_node)
        if result is updated_node:
            result = self._drop_elements(original_node, updated_node)
        if isinstance(original_node, STATEMENT_TYPES) and key in self.context.markers:
            result = _with_markers(result, self.context.markers[key])
        return result

    def _replacement(self, original: cst.CSTNode, updated: cst.CSTNode):
        """A planned replacement: a function of the updated node, or a fixed node that must not hide inner edits."""
        planned = self.context.replacements.get(id(original))
        if planned is None:
            return updated
        if callable(planned):
            return planned(updated)
        if not isinstance(updated, cst.CSTNode) or not updated.deep_equals(original):
            raise RewriteError(f"overlapping edits around line {self._line(original)}; file left unchanged")
        return planned

    def _line(self, node: cst.CSTNode) -> str:
        code = self.context.code(node)
        offset = self.context.module.code.find(code)
        return str(line_breaks(self.context.module.code, 0, offset) + 1) if offset >= 0 else "?"

    def _drop_elements(self, original: cst.CSTNode, updated: cst.CSTNode) -> cst.CSTNode:
        if isinstance(original, cst.Dict) and isinstance(updated, cst.Dict):
            return updated.with_changes(elements=self._kept(original.elements, updated.elements))
        if isinstance(original, cst.Call) and isinstance(updated, cst.Call):
            return updated.with_changes(args=self._kept(original.args, updated.args))
        return updated

    def _kept(self, originals, updated):
        removals = self.context.removals
        if not any(id(node) in removals for node in originals):
            return updated
        kept = [new for old, new in zip(originals, updated) if id(old) not in removals]
        last_original = originals[-1]
        if kept and id(last_original) in removals:
            kept[-1] = kept[-1].with_changes(comma=updated[-1].comma)
        return kept


def _with_markers(statement, markers: list[Marker]):
    if isinstance(statement, cst.FlattenSentinel):  # one statement became several: the marker goes above the first
        first, *rest = statement.nodes
        return cst.FlattenSentinel([_with_markers(first, markers), *rest])
    lines = list(getattr(statement, "leading_lines", ()))
    lines += [cst.EmptyLine(indent=True, comment=cst.Comment(marker.text)) for marker in markers]
    return statement.with_changes(leading_lines=lines)
