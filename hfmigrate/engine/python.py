"""The Python runner: one walk over a libcst module collects the facts checks need, then runs the checks.

Facts are collected before any check runs, so a check sees every binding in the module (a method is often
defined above the ``__init__`` that binds ``self.client``). Names resolve as Python scopes them, flow-insensitively:
a function's parameter or local hides a module-level name (a parameter annotated ``InferenceClient`` is one),
methods do not see class-level names, and any binding to an (Async)InferenceClient wins over other bindings of
the same name (a guess, not flow analysis).
scan and rewrite run the same walk on the same statements, so they cannot disagree about what a check sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import libcst as cst

from hfmigrate.engine.rule_api import PythonCheck, PythonViolation
from hfmigrate.engine.walk import TRIVIA_TYPES, walk
from hfmigrate.pysyntax import ImportMap, keyword, string_value

_ANCESTORS = 5  # enough to see the block a statement sits in, from a dict inside it
INFERENCE_CLIENTS = frozenset(
    {
        "huggingface_hub.InferenceClient",
        "huggingface_hub.AsyncInferenceClient",
        "huggingface_hub.inference._client.InferenceClient",
        "huggingface_hub.inference._generated._async_client.AsyncInferenceClient",
    }
)


@dataclass(eq=False)
class ClientBinding:
    """An (Async)InferenceClient built by ``call``; ``methods`` are the method names called on it in the module."""

    call: cst.Call | None  # None for a parameter annotated as a client (``def f(client: InferenceClient)``)
    model: str | None  # the model= (or first positional) literal, when it is one
    provider: str | None  # the provider= literal, when it is one
    model_arg: cst.BaseExpression | None = None  # the model= (or first positional) argument as written
    methods: set[str] = field(default_factory=set)
    method_calls: list[cst.Call] = field(default_factory=list)


@dataclass(eq=False)
class _Scope:
    parent: _Scope | None
    is_class: bool = False
    names: dict[str, ClientBinding | None] = field(default_factory=dict)
    calls: dict[str, cst.Call | None] = field(default_factory=dict)  # name → the call it is bound to, if only that

    def bind(self, name: str, client: ClientBinding | None, value: cst.BaseExpression | None = None) -> None:
        if client is not None or name not in self.names:
            self.names[name] = client
        call = value if isinstance(value, cst.Call) else None
        self.calls[name] = call if name not in self.calls else None

    def lookup_call(self, name: str) -> cst.Call | None:
        scope: _Scope | None = self
        while scope is not None:
            if name in scope.calls and (scope is self or not scope.is_class):
                return scope.calls[name]
            scope = scope.parent
        return None

    def lookup(self, name: str) -> ClientBinding | None:
        scope: _Scope | None = self
        while scope is not None:
            if name in scope.names and (scope is self or not scope.is_class):
                return scope.names[name]
            scope = scope.parent
        return None

    def enclosing_class(self) -> _Scope | None:
        scope: _Scope | None = self
        while scope is not None and not scope.is_class:
            scope = scope.parent
        return scope


class PythonView:
    """What a check may ask about the module, from where its node sits."""

    def __init__(self, facts: _Facts, scope: _Scope, ancestors: tuple[cst.CSTNode, ...] = ()):
        self._facts = facts
        self._scope = scope
        self.ancestors = ancestors  # the nearest first, up to a few levels: enough to see the call holding an arg

    @property
    def imports(self) -> ImportMap:
        return self._facts.imports

    @property
    def module(self) -> cst.Module:
        """The module walked (for :func:`hfmigrate.pysyntax.build_template`, which names a string's run-time parts)."""
        return self._facts.module

    def code(self, node: cst.CSTNode) -> str:
        return self._facts.module.code_for_node(node)

    def client_of(self, receiver: cst.BaseExpression) -> ClientBinding | None:
        """The client a receiver expression is: built right there, or a name / ``self.<attr>`` bound to one."""
        return self._facts.client_of(receiver, self._scope)

    def client_built_by(self, call: cst.Call) -> ClientBinding | None:
        return self._facts.bindings.get(id(call))

    def call_bound_to(self, receiver: cst.BaseExpression) -> cst.Call | None:
        """The call a receiver was built by (``OpenAI(...)``): right there, or the only value of a name in scope."""
        if isinstance(receiver, cst.Call):
            return receiver
        key = self._facts.module.code_for_node(receiver)
        if key.startswith("self."):
            holder = self._scope.enclosing_class()
            return holder.calls.get(key) if holder else None
        return self._scope.lookup_call(key)

    def constant(self, name: str) -> str | None:
        """The string a module-level name is bound to, when it is bound once, to a literal."""
        return self._facts.constants.get(name)

    @property
    def talks_to_hf_inference(self) -> bool:
        """The module shows it calls HF inference (the gate for generic names: :mod:`hfmigrate.engine.evidence`)."""
        if self._facts.about_hf_inference is None:
            from hfmigrate.engine.evidence import talks_to_hf_inference

            self._facts.about_hf_inference = talks_to_hf_inference(self._facts.module, self._facts.imports)
        return self._facts.about_hf_inference


def run_python_checks(
    module: cst.Module, checks: Iterable[PythonCheck], relevant: set[int] | None = None
) -> list[PythonViolation]:
    """Every violation the checks find in ``module``; ``relevant`` limits the walk to those top-level statements."""
    by_type: dict[type, list[PythonCheck]] = {}
    for check in checks:
        node_type = getattr(cst, check.node_type, None)
        if not (isinstance(node_type, type) and issubclass(node_type, cst.CSTNode)):
            raise TypeError(f"{check.family}: {check.node_type!r} is not a libcst node type")
        by_type.setdefault(node_type, []).append(check)
    if not by_type:
        return []
    collector = _Collector(module, frozenset(by_type), relevant)
    walk(module, collector, trivia=any(kind in TRIVIA_TYPES for kind in by_type))
    collector.facts.resolve_methods()
    found: list[PythonViolation] = []
    for seen in collector.seen:
        view = PythonView(collector.facts, seen.scope, seen.ancestors)
        for check in by_type[type(seen.node)]:
            found.extend(replace(v, statement=seen.statement) for v in check.callback(seen.node, view))
    return found


@dataclass(frozen=True)
class _Seen:
    """A node a check is registered on, where the walk met it."""

    node: cst.CSTNode
    scope: _Scope
    ancestors: tuple[cst.CSTNode, ...]  # the nearest first
    statement: cst.CSTNode | None  # the top-level statement holding it (None for the module itself)


class _Facts:
    def __init__(self, module: cst.Module):
        self.module = module
        self.imports = ImportMap()
        self.bindings: dict[int, ClientBinding] = {}  # id(constructor call) → binding
        self.method_calls: list[tuple[cst.Call, cst.Attribute, _Scope]] = []
        self.constants: dict[str, str | None] = {}  # module-level NAME = "literal"; None when bound more than once
        self.about_hf_inference: bool | None = None  # computed when a check first asks

    def client_built_by(self, value: cst.BaseExpression) -> ClientBinding | None:
        if not (isinstance(value, cst.Call) and (self.imports.qualified(value.func) or "") in INFERENCE_CLIENTS):
            return None
        if id(value) not in self.bindings:
            model = _model_arg(value)
            self.bindings[id(value)] = ClientBinding(
                value, _literal(model), _literal(keyword(value, "provider")), model.value if model else None
            )
        return self.bindings[id(value)]

    def client_of(self, receiver: cst.BaseExpression, scope: _Scope) -> ClientBinding | None:
        if isinstance(receiver, cst.Call):
            return self.client_built_by(receiver)
        key = self.module.code_for_node(receiver)
        if key.startswith("self."):
            holder = scope.enclosing_class()
            return holder.names.get(key) if holder else None
        return scope.lookup(key)

    def resolve_methods(self) -> None:
        for call, func, scope in self.method_calls:
            receiver, name = func.value, func.attr.value
            if _is_chat_completions(receiver):  # client.chat.completions.create(...), the OpenAI-style spelling
                receiver, name = receiver.value.value, f"chat.completions.{name}"  # type: ignore[attr-defined]
            client = self.client_of(receiver, scope)
            if client is not None:
                client.methods.add(name)
                client.method_calls.append(call)


def _is_chat_completions(node: cst.BaseExpression) -> bool:
    return (
        isinstance(node, cst.Attribute)
        and node.attr.value == "completions"
        and isinstance(node.value, cst.Attribute)
        and node.value.attr.value == "chat"
    )


def _literal(arg: cst.Arg | None) -> str | None:
    return string_value(arg.value) if arg is not None else None


def _model_arg(call: cst.Call) -> cst.Arg | None:
    arg = keyword(call, "model")
    if arg is None and call.args and call.args[0].keyword is None and not call.args[0].star:
        arg = call.args[0]
    return arg


class _Collector(cst.CSTVisitor):
    """Records imports, client bindings per scope, method calls, and every node a check is registered on."""

    def __init__(self, module: cst.Module, wanted: frozenset[type], relevant: set[int] | None):
        super().__init__()
        self.module = module
        self.facts = _Facts(module)
        self.wanted = wanted
        self.relevant = relevant
        self.scope = _Scope(parent=None)
        self.seen: list[_Seen] = []
        self.stack: list[cst.CSTNode] = []  # on_leave runs for every node, also when its children are skipped

    def on_visit(self, node: cst.CSTNode) -> bool:
        if len(self.stack) == 1 and self.relevant is not None and id(node) not in self.relevant:
            self.stack.append(node)
            return False
        if type(node) in self.wanted:
            statement = self.stack[1] if len(self.stack) > 1 else node if self.stack else None
            self.seen.append(_Seen(node, self.scope, tuple(reversed(self.stack[-_ANCESTORS:])), statement))
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
        self.scope = _Scope(parent=self.scope, is_class=True)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.scope = self.scope.parent or self.scope

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scope.bind(node.name.value, None)
        self.scope = _Scope(parent=self.scope)
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
        key = self.module.code_for_node(target)
        holder = self.scope.enclosing_class() if key.startswith("self.") else self.scope
        (holder or self.scope).bind(key, client, value)
