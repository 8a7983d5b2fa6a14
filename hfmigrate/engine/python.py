"""The Python runner: one walk over a libcst module collects the facts checks need, then runs the checks.

Facts are collected before any check runs, so a check sees every binding in the module (a method is often
defined above the ``__init__`` that binds ``self.client``). Names resolve as Python scopes them, flow-insensitively:
a function's parameter or local hides a module-level name (a parameter annotated ``InferenceClient`` is one),
methods do not see class-level names, and any binding to an (Async)InferenceClient wins over other bindings of
the same name (a guess, not flow analysis).
scan and rewrite run the same walk on the same statements, so they cannot disagree about what a check sees.
The walk is :mod:`hfmigrate.engine.collector`, the binding model it fills :mod:`hfmigrate.engine.bindings`; this
module holds the runner and the view a check reads them through (``ClientBinding`` and ``INFERENCE_CLIENTS`` are
re-exported here, where the rule modules import them from).
"""

from __future__ import annotations

from collections.abc import Iterable

import libcst as cst

from hfmigrate.engine.bindings import INFERENCE_CLIENTS, ClientBinding, ModuleFacts, Scope, binding_key
from hfmigrate.engine.collector import Collector
from hfmigrate.engine.rule_api import PythonCheck, PythonViolation
from hfmigrate.engine.walk import TRIVIA_TYPES, walk
from hfmigrate.pysyntax import ImportMap, StringTemplate, build_template, string_value

__all__ = [
    "INFERENCE_CLIENTS",
    "ClientBinding",
    "Collector",
    "PythonView",
    "call_checks",
    "checks_by_node_type",
    "run_python_checks",
]


class PythonView:
    """What a check may ask about the module, from where its node sits."""

    def __init__(self, facts: ModuleFacts, scope: Scope, ancestors: tuple[cst.CSTNode, ...] = ()):
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

    def template(self, node: cst.BaseExpression) -> StringTemplate | None:
        """:func:`hfmigrate.pysyntax.build_template` of a string expression, built once per node (rewrite's walk
        builds the outermost ones anyway: ``planning.module_plan.collect``)."""
        templates = self._facts.templates
        if id(node) not in templates:
            templates[id(node)] = build_template(node, self._facts.module)
        return templates[id(node)]

    def client_of(self, receiver: cst.BaseExpression) -> ClientBinding | None:
        """The client a receiver expression is: built right there, or a name / ``self.<attr>`` bound to one."""
        return self._facts.client_of(receiver, self._scope)

    def client_built_by(self, call: cst.Call) -> ClientBinding | None:
        return self._facts.bindings.get(id(call))

    def call_bound_to(self, receiver: cst.BaseExpression) -> cst.Call | None:
        """The call a receiver was built by (``OpenAI(...)``): right there, or the only value of a name in scope."""
        if isinstance(receiver, cst.Call):
            return receiver
        key = binding_key(self._facts.module, receiver)
        if key.startswith("self."):
            holder = self._scope.enclosing_class()
            return holder.calls.get(key) if holder else None
        return self._scope.lookup_call(key)

    def constant(self, name: str) -> str | None:
        """The string a module-level name is bound to, when it is bound once, to a literal, and the name means the
        module's here: a local or parameter of the same name in a function around the check hides it."""
        scope: Scope | None = self._scope
        while scope is not None and scope.parent is not None:  # (the module's own scope is the last)
            if name in scope.names and (scope is self._scope or not scope.is_class):
                return None
            scope = scope.parent
        return self._facts.constants.get(name)

    def first_string(self, name: str) -> str | None:
        """The first plain string ``NAME = "..."`` binds, in any scope, anywhere in the module: what a URL's model
        that is a bare name most likely is (the module is walked for it once, when first asked)."""
        if self._facts.first_strings is None:
            self._facts.first_strings = _first_strings(self._facts.module)
        return self._facts.first_strings.get(name)

    @property
    def talks_to_hf_inference(self) -> bool:
        """The module shows it calls HF inference (the gate for generic names: :mod:`hfmigrate.engine.evidence`)."""
        if self._facts.about_hf_inference is None:
            from hfmigrate.engine.evidence import talks_to_hf_inference

            self._facts.about_hf_inference = talks_to_hf_inference(self._facts.module, self._facts.imports)
        return self._facts.about_hf_inference


class _FirstStrings(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)

    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            literal = string_value(value)
            if literal is not None:
                self.found.setdefault(target.value, literal)


def _first_strings(module: cst.Module) -> dict[str, str]:
    visitor = _FirstStrings()
    walk(module, visitor)
    return visitor.found


def run_python_checks(
    module: cst.Module, checks: Iterable[PythonCheck], relevant: set[int] | None = None
) -> list[PythonViolation]:
    """Every violation the checks find in ``module``; ``relevant`` limits the walk to those top-level statements."""
    by_type = checks_by_node_type(checks)
    if not by_type:
        return []
    collector = Collector(module, frozenset(by_type), relevant)
    walk(module, collector, trivia=any(kind in TRIVIA_TYPES for kind in by_type))
    return call_checks(collector, by_type)


def checks_by_node_type(checks: Iterable[PythonCheck]) -> dict[type, list[PythonCheck]]:
    """The checks keyed by the libcst node type each is registered on (what a :class:`Collector` wants)."""
    by_type: dict[type, list[PythonCheck]] = {}
    for check in checks:
        node_type = getattr(cst, check.node_type, None)
        if not (isinstance(node_type, type) and issubclass(node_type, cst.CSTNode)):
            raise TypeError(f"{check.family}: {check.node_type!r} is not a libcst node type")
        by_type.setdefault(node_type, []).append(check)
    return by_type


def call_checks(collector: Collector, by_type: dict[type, list[PythonCheck]]) -> list[PythonViolation]:
    """Once a walk is over: each check on each node of its type, with every fact of the module known. (rewrite
    walks with its own subclass of :class:`Collector`, which gathers its plan's facts in the same pass.)"""
    collector.facts.resolve_methods()
    found: list[PythonViolation] = []
    for seen in collector.seen:
        view = PythonView(collector.facts, seen.scope, seen.ancestors)
        for check in by_type[type(seen.node)]:
            found.extend(v.under(seen.statement) for v in check.callback(seen.node, view))
    return found
