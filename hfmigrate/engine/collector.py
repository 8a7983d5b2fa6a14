"""The walk collector of the Python runner: one visit records the module's facts and the nodes checks want.

It fills the binding model (:mod:`hfmigrate.engine.bindings`: imports, client bindings per scope, method calls,
module-level constants) and keeps every node a check is registered on with its scope, nearest ancestors and
top-level statement, so the runner can call the checks once every fact is known.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from hfmigrate.engine.bindings import INFERENCE_CLIENTS, ClientBinding, ModuleFacts, Scope, binding_key
from hfmigrate.engine.walk import ReadOnlyVisitor
from hfmigrate.pysyntax import string_value

_ANCESTORS = 5  # enough to see the block a statement sits in, from a dict inside it


@dataclass(frozen=True)
class Seen:
    """A node a check is registered on, where the walk met it."""

    node: cst.CSTNode
    scope: Scope
    ancestors: tuple[cst.CSTNode, ...]  # the nearest first
    statement: cst.CSTNode | None  # the top-level statement holding it (None for the module itself)


class Collector(ReadOnlyVisitor):
    """Records imports, client bindings per scope, method calls, and every node a check is registered on."""

    def __init__(self, module: cst.Module, wanted: frozenset[type], relevant: set[int] | None):
        super().__init__()
        self.module = module
        self.facts = ModuleFacts(module)
        self.wanted = wanted
        self.relevant = relevant
        self.scope = Scope(parent=None)
        self.seen: list[Seen] = []
        self.stack: list[cst.CSTNode] = []  # on_leave runs for every node, also when its children are skipped

    def on_visit(self, node: cst.CSTNode) -> bool:
        if len(self.stack) == 1 and self.relevant is not None and id(node) not in self.relevant:
            self.stack.append(node)
            return False
        if type(node) in self.wanted:
            statement = self.stack[1] if len(self.stack) > 1 else node if self.stack else None
            self.seen.append(Seen(node, self.scope, tuple(reversed(self.stack[-_ANCESTORS:])), statement))
        self.stack.append(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.stack.pop()
        super().on_leave(original_node)

    def visit_Import(self, node: cst.Import) -> None:
        self.facts.imports.add(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.facts.imports.add(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.scope.bind(node.name.value, None)
        self.scope = Scope(parent=self.scope, is_class=True)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.scope = self.scope.parent or self.scope

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scope.bind(node.name.value, None)
        self.scope = Scope(parent=self.scope)
        params = node.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            self.scope.bind(param.name.value, self._annotated_client(param))
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                self.scope.bind(star.name.value, None)

    def _annotated_client(self, param: cst.Param) -> ClientBinding | None:
        """A parameter annotated ``InferenceClient`` (or ``"InferenceClient"``) is one, as a type checker sees it."""
        if param.annotation is None:
            return None
        annotation = param.annotation.annotation
        text = string_value(annotation)
        if text is not None:  # a forward reference: "InferenceClient", "huggingface_hub.InferenceClient"
            head, _, tail = text.strip().partition(".")
            base = self.facts.imports.names.get(head)
            qualified = f"{base}.{tail}" if base and tail else base
        else:
            qualified = self.facts.imports.qualified(annotation)
        return ClientBinding(None, None, None) if qualified in INFERENCE_CLIENTS else None

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scope = self.scope.parent or self.scope

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, self.facts.client_built_by(node.value), node.value)
            if self.scope.parent is None and isinstance(target.target, cst.Name):
                self._constant(target.target.value, string_value(node.value))

    def _constant(self, name: str, value: str | None) -> None:
        constants = self.facts.constants
        constants[name] = value if name not in constants else None

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, self.facts.client_built_by(node.value), node.value)

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target, None)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind(node.asname.name, self.facts.client_built_by(node.item), node.item)

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute):
            self.facts.method_calls.append((node, node.func, self.scope))

    def _bind(
        self, target: cst.BaseExpression, client: ClientBinding | None, value: cst.BaseExpression | None = None
    ) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind(element.value, None)
            return
        key = binding_key(self.module, target)
        holder = self.scope.enclosing_class() if key.startswith("self.") else self.scope
        (holder or self.scope).bind(key, client, value)
