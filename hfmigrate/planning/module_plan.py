"""What the rewrite rules share about one module: its syntax facts, and the plan of edits they build.

Rules never transform the tree themselves. Each one reads the facts collected here in a single pass (imports,
assignments per scope, parents, string templates) and plans edits: replace a node, remove a collection element or
a statement, or put a marker comment above a statement. :mod:`hfmigrate.rewrite.apply` then carries the plan out
in one transformation, so rules cannot trip over each other's half-finished trees.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import libcst as cst

from hfmigrate import urls
from hfmigrate.engine.kinds import Applied, AppliedCounts
from hfmigrate.engine.python import Collector, call_checks, checks_by_node_type
from hfmigrate.engine.rule_api import PythonCheck, PythonViolation
from hfmigrate.engine.walk import walk
from hfmigrate.pysyntax import ImportMap, StringTemplate, build_template, is_string_expression

MARKER_PREFIX = "# hfmigrate: TODO"
STATEMENT_TYPES = (
    cst.SimpleStatementLine,
    cst.If,
    cst.For,
    cst.While,
    cst.With,
    cst.Try,
    cst.FunctionDef,
    cst.ClassDef,
)


@dataclass(frozen=True)
class LegacyPrefix:
    """A constant elsewhere in the tree that holds the legacy host or a prefix, and what to do with its joins."""

    value: str  # the legacy prefix, e.g. "https://api-inference.huggingface.co"
    constant_rewritten: bool  # True when the constant itself becomes the router prefix; joins stay as they are
    blockers: tuple[str, ...] = ()  # when not rewritten: the uses rewrite could not follow ("file:line what")
    overridable: bool = False  # the environment may override its value: joins must keep using it


@dataclass(frozen=True)
class Marker:
    """A planned ``# hfmigrate: TODO(CODE): message`` comment: its rule code is data, never read back from the text."""

    code: str
    message: str

    @property
    def text(self) -> str:
        return f"{MARKER_PREFIX}({self.code}): {self.message}"


@dataclass
class Scope:
    node: cst.CSTNode
    assignments: dict[str, list[cst.BaseExpression]] = field(default_factory=dict)
    loads: Counter = field(default_factory=Counter)


@dataclass
class ModuleContext:
    module: cst.Module
    path: str
    models: dict[str, str]  # --model-map / config `models:`
    prefixes: dict[str, LegacyPrefix]  # local name → legacy prefix constant (own module or imported)
    verdicts: dict = field(default_factory=dict)  # model id → catalog verdict, when --resolve-models
    enabled: Callable[[str], bool] = lambda code: True  # rule selection for this file
    source_text: str = ""  # the whole file (the module above may hold only its relevant statements)
    imported_elsewhere: frozenset[str] = frozenset()  # names other modules of the tree import from this one
    line_map: list[int] | None = None  # line of the partial module → line of the file (None: the same)
    imports: ImportMap = field(default_factory=ImportMap)
    nodes: dict[int, cst.CSTNode] = field(default_factory=dict)
    parents: dict[int, cst.CSTNode] = field(default_factory=dict)
    scopes: dict[int, Scope] = field(default_factory=dict)  # id(function or module) → Scope
    strings: list[tuple[cst.BaseExpression, StringTemplate]] = field(default_factory=list)
    calls: list[cst.Call] = field(default_factory=list)
    dicts: list[cst.Dict] = field(default_factory=list)
    # the plan
    replacements: dict[int, object] = field(default_factory=dict)  # a node, or a function of the updated node
    removals: set[int] = field(default_factory=set)
    markers: dict[int, list[Marker]] = field(default_factory=dict)  # id(statement) → its planned markers
    claimed: set[int] = field(default_factory=set)  # nodes one rule owns; others leave them alone
    renames: dict[str, str] = field(default_factory=dict)  # local names whose import was swapped: old → new
    applied: AppliedCounts = field(default_factory=AppliedCounts)  # edits and markers per code
    edit_codes: dict[int, str] = field(default_factory=dict)  # planned edit → its rule code
    uncounted: set[int] = field(default_factory=set)  # edits completing another edit of the same finding
    memo: dict[str, object] = field(default_factory=dict)  # what a fix works out once per module (local prefixes)
    found: list[PythonViolation] = field(default_factory=list)  # what the rule API's checks found (``collect``)

    # --- facts -------------------------------------------------------------------------------------------

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def node_by_id(self, node_id: int) -> cst.CSTNode | None:
        return self.nodes.get(node_id)

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self.parents.get(id(node))

    def statement_of(self, node: cst.CSTNode) -> cst.CSTNode | None:
        current: cst.CSTNode | None = node
        while current is not None and not isinstance(current, STATEMENT_TYPES):
            current = self.parent(current)
        return current

    def scope_of(self, node: cst.CSTNode) -> Scope:
        current: cst.CSTNode | None = node
        while current is not None:
            current = self.parent(current)
            if isinstance(current, (cst.FunctionDef, cst.Module)) and id(current) in self.scopes:
                return self.scopes[id(current)]
        return self.scopes[id(self.module)]

    def resolve_name(self, node: cst.BaseExpression) -> cst.BaseExpression | None:
        """The value a Name was assigned, when it is assigned exactly once in its function or the module."""
        if not isinstance(node, cst.Name):
            return None
        for scope in (self.scope_of(node), self.scopes[id(self.module)]):
            values = scope.assignments.get(node.value)
            if values is not None:
                return values[0] if len(values) == 1 else None
        return None

    def load_count(self, name: str) -> int:
        return sum(scope.loads[name] for scope in self.scopes.values())

    def is_binding(self, node: cst.Name) -> bool:
        """Whether the name is written here, not read: an assignment's target, an attribute's name, a keyword."""
        parent = self.parent(node)
        return (
            (isinstance(parent, cst.AssignTarget) and parent.target is node)
            or (isinstance(parent, cst.Attribute) and parent.attr is node)
            or (isinstance(parent, cst.Arg) and parent.keyword is node)
        )

    def snippet(self, node: cst.CSTNode, width: int = 40) -> str:
        """The first line of the statement holding ``node``, for a marker (line numbers shift as markers go in)."""
        statement = self.statement_of(node)
        line = self.code(statement).strip().splitlines()[0] if statement is not None else self.code(node)
        return "`" + (line if len(line) <= width else line[: width - 1] + "…") + "`"

    def legacy_url(self, template: StringTemplate) -> urls.LegacyUrl | None:
        """The legacy URL a string expression is: written out, or joined to a module prefix constant
        (``f"{HF_API_BASE}/models/{m}"``, the constant found by rewrite's first pass over the tree)."""
        if urls.is_legacy(template.text):
            return urls.parse_legacy(template.text)
        head = urls.placeholder(0)
        if template.text.startswith(head) and isinstance(template.dynamic[0], cst.Name):
            prefix = self.prefixes.get(template.dynamic[0].value)
            if prefix is not None:
                return urls.parse_legacy(prefix.value + template.text[len(head) :])
        return None

    # --- the plan ----------------------------------------------------------------------------------------

    def replace(self, node: cst.CSTNode, new: cst.CSTNode | Callable[[cst.CSTNode], cst.CSTNode], code: str) -> None:
        if not self.enabled(code):
            return
        self.replacements[id(node)] = new
        self.edit_codes[id(node)] = code

    def remove(self, node: cst.CSTNode, code: str) -> None:
        if not self.enabled(code):
            return
        self.removals.add(id(node))
        self.edit_codes[id(node)] = code

    def count_edits(self) -> None:
        """Count the edits that survived suppression (``# hfmigrate: ignore``) into ``applied``."""
        for node_id in (*self.replacements, *self.removals):
            if node_id in self.edit_codes and node_id not in self.uncounted:
                self.applied[Applied(self.edit_codes[node_id])] += 1

    def mark(self, node: cst.CSTNode, code: str, message: str) -> None:
        statement = self.statement_of(node)
        if statement is None or not self.enabled(code):
            return
        marker = Marker(code, message)
        pending = self.markers.setdefault(id(statement), [])
        if marker not in pending and not self._has_marker(statement, code):
            pending.append(marker)
            self.applied[Applied.marker(code)] += 1

    def marked(self, code: str, node: cst.CSTNode | None = None) -> bool:
        """A marker of ``code`` is planned on the statement holding ``node`` (None: anywhere in the module)."""
        if node is None:
            return any(marker.code == code for planned in self.markers.values() for marker in planned)
        statement = self.statement_of(node)
        return statement is not None and any(marker.code == code for marker in self.markers.get(id(statement), ()))

    def _has_marker(self, statement: cst.CSTNode, code: str) -> bool:
        """A marker is never inserted twice. Comments above a module's first statement live in its header."""
        lines = list(getattr(statement, "leading_lines", ()))
        if self.module.body and statement is self.module.body[0]:
            lines = list(self.module.header) + lines
        prefix = f"{MARKER_PREFIX}({code})"
        return any(line.comment is not None and line.comment.value.startswith(prefix) for line in lines)

    def claim(self, node: cst.CSTNode) -> None:
        self.claimed.add(id(node))

    def is_claimed(self, node: cst.CSTNode) -> bool:
        return id(node) in self.claimed


def collect(
    context: ModuleContext, relevant: set[int] | None = None, checks: Iterable[PythonCheck] = ()
) -> ModuleContext:
    """Gather the facts rules need; ``relevant`` limits the visit to those top-level statements (None: all). The
    rule API's ``checks`` gather their facts in the same walk (a second pass over a module of 10,000 URLs cost a
    tenth of its rewrite); what they find is ``context.found``."""
    by_type = checks_by_node_type(checks)
    collector = _Collector(context, frozenset(by_type), relevant)
    walk(context.module, collector, trivia=True)  # rules look up any node's parent
    context.found = call_checks(collector, by_type) if by_type else []
    return context


_SCOPE_TYPES = frozenset({cst.Module, cst.FunctionDef})


class _Collector(Collector):
    """The runner's walk (:class:`hfmigrate.engine.collector.Collector`: its stack, bindings and wanted nodes), and
    rewrite's own facts: every node with its parent, assignments and loads per scope, outermost string templates,
    calls and dicts. The two share the import map."""

    def __init__(self, context: ModuleContext, wanted: frozenset[type], relevant: set[int] | None):
        super().__init__(context.module, wanted, relevant)
        self.facts.imports = context.imports
        self.context = context
        self.scope_stack: list[Scope] = []
        self.string_depth = 0

    def on_visit(self, node: cst.CSTNode) -> bool:
        stack = self.stack
        if len(stack) == 1 and self.relevant is not None and id(node) not in self.relevant:
            return super().on_visit(node)  # an irrelevant top-level statement: its subtree is never looked at
        context = self.context
        context.nodes[id(node)] = node
        if stack:
            context.parents[id(node)] = stack[-1]
        if type(node) in _SCOPE_TYPES:  # exact types: see pysyntax.is_string_expression
            scope = Scope(node)
            context.scopes[id(node)] = scope
            self.scope_stack.append(scope)
        if self.string_depth == 0 and is_string_expression(node):
            template = build_template(node, context.module)  # type: ignore[arg-type]
            self.facts.templates[id(node)] = template  # the checks' too (PythonView.template)
            if template is not None:
                context.strings.append((node, template))  # type: ignore[arg-type]
            self.string_depth += 1
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        super().on_leave(original_node)
        if type(original_node) in _SCOPE_TYPES and self.scope_stack and self.scope_stack[-1].node is original_node:
            self.scope_stack.pop()
        if (
            self.string_depth
            and is_string_expression(original_node)
            and not any(is_string_expression(n) for n in self.stack)
        ):
            self.string_depth = 0

    def visit_Assign(self, node: cst.Assign) -> None:
        super().visit_Assign(node)
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self.scope_stack[-1].assignments.setdefault(target.target.value, []).append(node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        super().visit_AnnAssign(node)
        if isinstance(node.target, cst.Name) and node.value is not None:
            self.scope_stack[-1].assignments.setdefault(node.target.value, []).append(node.value)

    def visit_Name(self, node: cst.Name) -> None:
        parent = self.context.parent(node)
        if not (isinstance(parent, cst.AssignTarget) and parent.target is node):
            self.scope_stack[-1].loads[node.value] += 1

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        self.context.calls.append(node)

    def visit_Dict(self, node: cst.Dict) -> None:
        self.context.dicts.append(node)
