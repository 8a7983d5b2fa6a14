"""The binding model the Python runner fills: which names are (Async)InferenceClients, scope by scope.

Kept apart from the walk that fills it (:mod:`hfmigrate.engine.collector`) and the view checks read it through
(:mod:`hfmigrate.engine.python`): this is what a name resolves to, as Python scopes it, flow-insensitively.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from hfmigrate.pysyntax import ImportMap, StringTemplate, keyword, string_value

INFERENCE_CLIENTS = frozenset(
    {
        "huggingface_hub.InferenceClient",
        "huggingface_hub.AsyncInferenceClient",
        "huggingface_hub.inference._client.InferenceClient",
        "huggingface_hub.inference._generated._async_client.AsyncInferenceClient",
    }
)


def binding_key(module: cst.Module, node: cst.BaseExpression) -> str:
    """The name a binding is kept under: the expression's code, as ``module.code_for_node`` writes it. A bare name
    and ``self.attr`` (most targets) are spelled directly: generating code costs ~40 µs a node, which 10,000
    module constants turned into a second of every rewrite."""
    if isinstance(node, cst.Name) and not node.lpar:
        return node.value
    if (
        isinstance(node, cst.Attribute)
        and not node.lpar
        and isinstance(node.value, cst.Name)
        and not node.value.lpar
        and _tight(node.dot)
    ):
        return f"{node.value.value}.{node.attr.value}"
    return module.code_for_node(node)


def _tight(dot: cst.Dot) -> bool:
    return all(
        isinstance(space, cst.SimpleWhitespace) and not space.value
        for space in (dot.whitespace_before, dot.whitespace_after)
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
class Scope:
    """One function, class or module scope: the names bound in it and what each is bound to."""

    parent: Scope | None
    is_class: bool = False
    names: dict[str, ClientBinding | None] = field(default_factory=dict)
    calls: dict[str, cst.Call | None] = field(default_factory=dict)  # name → the call it is bound to, if only that

    def bind(self, name: str, client: ClientBinding | None, value: cst.BaseExpression | None = None) -> None:
        if client is not None or name not in self.names:
            self.names[name] = client
        call = value if isinstance(value, cst.Call) else None
        self.calls[name] = call if name not in self.calls else None

    def lookup_call(self, name: str) -> cst.Call | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.calls and (scope is self or not scope.is_class):
                return scope.calls[name]
            scope = scope.parent
        return None

    def lookup(self, name: str) -> ClientBinding | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.names and (scope is self or not scope.is_class):
                return scope.names[name]
            scope = scope.parent
        return None

    def enclosing_class(self) -> Scope | None:
        scope: Scope | None = self
        while scope is not None and not scope.is_class:
            scope = scope.parent
        return scope


class ModuleFacts:
    """What the walk learned about the whole module: imports, client bindings, method calls, constants."""

    def __init__(self, module: cst.Module):
        self.module = module
        self.imports = ImportMap()
        self.bindings: dict[int, ClientBinding] = {}  # id(constructor call) → binding
        self.method_calls: list[tuple[cst.Call, cst.Attribute, Scope]] = []
        self.constants: dict[str, str | None] = {}  # module-level NAME = "literal"; None when bound more than once
        self.about_hf_inference: bool | None = None  # computed when a check first asks
        self.first_strings: dict[str, str] | None = None  # NAME → the first "literal" it is bound to (when asked)
        self.templates: dict[int, StringTemplate | None] = {}  # id(string expression) → its template, once built

    def client_built_by(self, value: cst.BaseExpression) -> ClientBinding | None:
        if not (isinstance(value, cst.Call) and (self.imports.qualified(value.func) or "") in INFERENCE_CLIENTS):
            return None
        if id(value) not in self.bindings:
            model = _model_arg(value)
            self.bindings[id(value)] = ClientBinding(
                value, _literal(model), _literal(keyword(value, "provider")), model.value if model else None
            )
        return self.bindings[id(value)]

    def client_of(self, receiver: cst.BaseExpression, scope: Scope) -> ClientBinding | None:
        if isinstance(receiver, cst.Call):
            return self.client_built_by(receiver)
        key = binding_key(self.module, receiver)
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
