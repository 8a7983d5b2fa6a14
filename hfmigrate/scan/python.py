"""The Python scanner: a libcst visitor that reports legacy URLs and client APIs (and runs the rule API's checks).

Names are resolved through the module's imports (aliases included), never by bare name. A URL built from several
pieces is reported once, at its outermost string expression; a constant holding only the host is reported where
the host is written (HFM105), not again at each join.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from hfmigrate import urls
from hfmigrate.findings import Finding
from hfmigrate.lines import line_breaks, line_starts
from hfmigrate.pysyntax import ImportMap, build_template, is_string_expression, keyword, string_value
from hfmigrate.scan.common import LineIndex, judge_url
from hfmigrate.scan.positions import NodePositions
from hfmigrate.scan.references import ModelReference
from hfmigrate.scan.rule_findings import python_rule_findings
from hfmigrate.scan.text import url_findings

# Qualified-name suffix tests for client classes that call the retired host.
INFERENCE_API = ("huggingface_hub.InferenceApi", "huggingface_hub.inference_api.InferenceApi")
INFERENCE_CLIENTS = (
    "huggingface_hub.InferenceClient",
    "huggingface_hub.AsyncInferenceClient",
    "huggingface_hub.inference._client.InferenceClient",
)
TGI_LEGACY = ("InferenceAPIClient", "InferenceAPIAsyncClient", "deployed_models")
REMOVED_HUB_METHODS = frozenset({"get_model_status", "list_deployed_models"})
REMOVED_HUB_FUNCTIONS = frozenset(f"huggingface_hub.{name}" for name in REMOVED_HUB_METHODS)
CLIENT_METHODS = REMOVED_HUB_METHODS | {"post", "get_endpoint_info"}
ENV_GETTERS = frozenset({"os.environ.get", "os.getenv", "os.environ.setdefault"})
#: How the migrated client calls the model: HuggingFaceEndpoint calls text_generation (catalog CallStyle values).
CLIENT_CALL_STYLES = {"HFM306": "text-generation", "HFM307": "embeddings"}
TASK_BY_URL_KIND = {urls.UrlKind.OPENAI_BASE: "conversational", urls.UrlKind.MODEL_CHAT: "conversational"}


# Modules huggingface_hub removed with InferenceApi: every name imported from them fails on huggingface_hub 1.x.
REMOVED_HUB_MODULES = ("huggingface_hub.inference_api",)
REMOVED_MODULE_MESSAGE = (
    "`{}` comes from a module huggingface_hub removed with `InferenceApi`; use `InferenceClient` and its task "
    "methods (the task list is on the model's Hub page: `pipeline_tag`)"
)


def removed_module(qualified: str) -> bool:
    """``huggingface_hub.inference_api`` itself, or a name imported from it (other than InferenceApi, HFM301 proper)."""
    return qualified not in INFERENCE_API and any(
        qualified == module or qualified.startswith(module + ".") for module in REMOVED_HUB_MODULES
    )


REWRITTEN_CLIENTS = frozenset({"HFM301", "HFM306", "HFM307"})  # rewrite always converts these (HFM308 it only reports)


def client_rule(qualified: str) -> tuple[str, str] | None:
    """The rule code and message for a qualified name that is a legacy client API, if it is one."""
    if qualified in INFERENCE_API:
        return (
            "HFM301",
            "`InferenceApi` called the retired host and was removed; use `InferenceClient` and its task method",
        )
    if qualified.startswith("langchain"):
        name = qualified.rsplit(".", 1)[-1]
        if name == "HuggingFaceHub":
            return "HFM306", "LangChain `HuggingFaceHub` is broken; use `langchain_huggingface.HuggingFaceEndpoint`"
        if name == "HuggingFaceInferenceAPIEmbeddings":
            return (
                "HFM307",
                "`HuggingFaceInferenceAPIEmbeddings` calls the retired host; use "
                "`langchain_huggingface.HuggingFaceEndpointEmbeddings`",
            )
    if qualified.startswith("text_generation") and qualified.rsplit(".", 1)[-1] in TGI_LEGACY:
        return (
            "HFM308",
            f"TGI `{qualified.rsplit('.', 1)[-1]}` calls the retired host; use `huggingface_hub.InferenceClient`",
        )
    return None


@dataclass(frozen=True)
class _Client:
    """A name bound to an (Async)InferenceClient; ``hub_model`` when it was built with a Hub model id."""

    hub_model: bool


@dataclass
class _Scope:
    """The names one module, class or function body binds (flow-insensitive, as Python's own scoping is).

    A name maps to its client binding, or to None when it is bound to anything else: a local ``client`` that is an
    ``httpx.Client`` hides a module-level InferenceClient of the same name.
    """

    parent: _Scope | None
    is_class: bool = False
    names: dict[str, _Client | None] = field(default_factory=dict)

    def bind(self, name: str, client: _Client | None) -> None:
        if client is not None or name not in self.names:  # any client binding wins: a guess, not flow analysis
            self.names[name] = client

    def lookup(self, name: str) -> _Client | None:
        scope: _Scope | None = self
        while scope is not None:
            if name in scope.names and (scope is self or not scope.is_class):  # methods do not see class names
                return scope.names[name]
            scope = scope.parent
        return None

    def enclosing_class(self) -> _Scope | None:
        scope: _Scope | None = self
        while scope is not None and not scope.is_class:
            scope = scope.parent
        return scope


@dataclass
class PythonScan:
    findings: list[Finding] = field(default_factory=list)
    references: list[ModelReference] = field(default_factory=list)
    uses_client_post: bool = False
    uses_langchain_hub: bool = False


def scan_python(path: str, module: cst.Module, text: str | None = None) -> PythonScan:
    positions = NodePositions(module)  # computed only if something is reported
    visitor = _Visitor(path, module, positions)
    module.visit(visitor)
    visitor.result.findings.extend(python_rule_findings(path, module, positions, text))  # the families on the rule API
    return visitor.result


class _Visitor(cst.CSTVisitor):
    def __init__(self, path: str, module: cst.Module, positions: NodePositions):
        super().__init__()
        self.path = path
        self.module = module
        self.positions = positions
        self.imports = ImportMap()
        self.result = PythonScan()
        self.scope = _Scope(parent=None)  # the innermost scope being visited
        # Method calls whose receiver is judged once every binding in the module is known (see _Scope).
        self.pending_methods: list[tuple[cst.Call, cst.Attribute, _Scope]] = []
        self.env_defaults: dict[int, str] = {}  # id(default node) → variable name
        self.constants: dict[str, str] = {}  # module-level NAME = "string"
        self.prose_strings: set[int] = set()  # ids of bare string statements (docstrings): rewrite edits their URLs

    # --- reporting ---------------------------------------------------------------------------------------

    def report(self, node: cst.CSTNode, code: str, message: str, **extra: object) -> Finding:
        where = self.positions[node]
        finding = Finding(
            self.path,
            where.start.line,
            where.start.column + 1,
            code,
            message,
            where.end.line,
            where.end.column + 1,
            **extra,  # type: ignore[arg-type]
        )
        self.result.findings.append(finding)
        return finding

    def leave_Module(self, original_node: cst.Module) -> None:
        for node, func, scope in self.pending_methods:
            self._method_call(node, func, scope)

    def line_of(self, node: cst.CSTNode) -> int:
        return self.positions[node].start.line

    # --- imports and bindings ----------------------------------------------------------------------------

    def visit_Import(self, node: cst.Import) -> None:
        self._imported(self.imports.add(node))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._imported(self.imports.add(node))

    def _imported(self, bound: list[tuple[cst.ImportAlias, str]]) -> None:
        for alias, qualified in bound:
            rule = client_rule(qualified)
            if rule:
                self.report(alias, rule[0], rule[1] + " (imported here)", fixable=rule[0] in REWRITTEN_CLIENTS)
                self.result.uses_langchain_hub |= rule[0] in ("HFM306", "HFM307")
            elif qualified in REMOVED_HUB_FUNCTIONS:
                self._removed_hub_function(alias, qualified, " (imported here)")
            elif removed_module(qualified):
                self.report(alias, "HFM301", REMOVED_MODULE_MESSAGE.format(qualified), fixable=False)

    # Scopes: names are resolved where they are bound, so one function's `client` is not another's.

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
            self.scope.bind(param.name.value, None)  # a parameter is not known to be a client
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                self.scope.bind(star.name.value, None)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scope = self.scope.parent or self.scope

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)

    def visit_For(self, node: cst.For) -> None:
        self._bind_target(node.target, None)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind_target(node.asname.name, self._client_built_by(node.item))

    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        self._bind_target(target, self._client_built_by(value))
        if isinstance(target, cst.Name):
            literal = string_value(value)
            if literal is not None:
                self.constants.setdefault(target.value, literal)

    def _bind_target(self, target: cst.BaseExpression, client: _Client | None) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind_target(element.value, None)
            return
        key = self.module.code_for_node(target)
        holder = self.scope.enclosing_class() if key.startswith("self.") else self.scope
        (holder or self.scope).bind(key, client)

    def _client_built_by(self, value: cst.BaseExpression) -> _Client | None:
        if isinstance(value, cst.Call) and self._is_client_class(value.func):
            return _Client(hub_model=self._built_with_hub_model(value))
        return None

    def _built_with_hub_model(self, call: cst.Call) -> bool:
        """InferenceClient(model=...) or its first positional argument, when that is not an endpoint URL."""
        arg = keyword(call, "model")
        if arg is None and call.args and call.args[0].keyword is None and not call.args[0].star:
            arg = call.args[0]
        return arg is not None and not self._is_url(arg.value)

    def _is_url(self, value: cst.BaseExpression) -> bool:
        text = string_value(value)
        if text is None and isinstance(value, cst.Name):
            text = self.constants.get(value.value)
        text = text if text is not None else self.module.code_for_node(value)
        return "://" in text or text.lstrip("rbfRBF\"'").startswith(("http:", "https:"))

    def _is_client_class(self, func: cst.BaseExpression) -> bool:
        return (self.imports.qualified(func) or "") in INFERENCE_CLIENTS

    # --- strings -----------------------------------------------------------------------------------------

    def visit_Expr(self, node: cst.Expr) -> None:
        if _plain_string(node.value):  # what ast calls a bare str constant (no f-string part)
            self.prose_strings.add(id(node.value))

    def visit_SimpleString(self, node: cst.SimpleString) -> bool:
        self._string_expression(node)
        return False

    def visit_FormattedString(self, node: cst.FormattedString) -> bool:
        self._string_expression(node)
        return False

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> bool:
        self._string_expression(node)
        return False

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> bool:
        if is_string_expression(node):
            self._string_expression(node)
            return False
        return True

    def _string_expression(self, node: cst.BaseExpression) -> None:
        template = build_template(node, self.module)
        if template is None:
            return
        text = template.text
        if urls.is_legacy(text):
            self._legacy_url(node, template)
        elif urls.mentions_legacy_host(text):
            self._embedded_urls(node, text, template.names)

    def visit_Comment(self, node: cst.Comment) -> None:
        """Comments are text: a legacy URL in one is a legacy reference (positions shifted to the comment's)."""
        if not urls.mentions_legacy_host(node.value):
            return
        start = self.positions[node].start
        for found in url_findings(self.path, node.value, LineIndex(node.value)):
            shown = node.value[found.column - 1 : found.end_column - 1]
            self.result.findings.append(
                found.at(
                    line=start.line,
                    end_line=start.line,
                    fixable=_prose_fixable(shown),  # as in Markdown
                    column=start.column + found.column,
                    end_column=start.column + found.end_column,
                )
            )

    def _legacy_url(self, node: cst.BaseExpression, template) -> None:
        legacy = urls.parse_legacy(template.text.strip())
        verdict = judge_url(legacy, template.text.strip(), template.names)
        message = verdict.message
        variable = self.env_defaults.get(id(node))
        if variable:
            message += f" (default of ${variable}: changing it matters only when the variable is unset)"
        self.report(node, verdict.code, message, replacement=verdict.replacement, fixable=verdict.fixable)
        self._reference_from_url(node, legacy, template)

    def _embedded_urls(self, node: cst.BaseExpression, text: str, names: dict[int, str]) -> None:
        """URLs inside longer strings (docstrings, messages, regexes)."""
        start = self.positions[node].start
        for match in urls.find_legacy_urls(text):
            verdict = judge_url(match.url, match.text, names)
            line = start.line + line_breaks(text, 0, match.start)
            column = (
                (start.column + 1) if line == start.line else match.start - line_starts(text[: match.start])[-1] + 1
            )
            fixable = id(node) in self.prose_strings and _prose_fixable(match.text)  # rewrite edits only docstrings
            self.result.findings.append(
                Finding(
                    self.path,
                    line,
                    column,
                    verdict.code,
                    verdict.message,
                    line,
                    column + len(match.text),
                    replacement=verdict.replacement,
                    fixable=fixable,
                )
            )

    def _reference_from_url(self, node: cst.BaseExpression, legacy: urls.LegacyUrl | None, template) -> None:
        if legacy is None or not legacy.model:
            return
        model = self._resolve_model(legacy.model, template)
        if model is None and urls.placeholders_in(legacy.model):
            shown = urls.display(legacy.model, template.names)
            self.result.references.append(
                ModelReference(
                    shown,
                    self.path,
                    self.line_of(node),
                    None,
                    urls.display(template.text, template.names),
                    runtime=True,
                )
            )
        if model:
            task = legacy.task if legacy.kind is urls.UrlKind.PIPELINE else TASK_BY_URL_KIND.get(legacy.kind)
            style = "embeddings" if task in urls.EMBEDDING_TASKS else "chat" if task == "conversational" else None
            self.result.references.append(
                ModelReference(
                    model, self.path, self.line_of(node), task, urls.display(template.text, template.names), style
                )
            )

    def _resolve_model(self, model: str, template) -> str | None:
        indices = urls.placeholders_in(model)
        if not indices:
            return model if "{" not in model else None
        if len(indices) == 1 and model == urls.placeholder(indices[0]):
            hole = template.dynamic[indices[0]]
            if isinstance(hole, cst.Name) and hole.value in self.constants:
                return self.constants[hole.value]
        return None

    # --- calls -------------------------------------------------------------------------------------------

    def visit_Call(self, node: cst.Call) -> None:
        qualified = self.imports.qualified(node.func) or ""
        rule = client_rule(qualified)
        if rule:
            self.report(node, rule[0], rule[1], fixable=rule[0] in REWRITTEN_CLIENTS)
            self.result.uses_langchain_hub |= rule[0] in ("HFM306", "HFM307")
            self._reference_from_client(node, rule[0])
        if qualified in ENV_GETTERS and len(node.args) >= 2:
            variable = string_value(node.args[0].value)
            self.env_defaults[id(node.args[1].value)] = variable or "?"
        if qualified in REMOVED_HUB_FUNCTIONS:
            self._removed_hub_function(node, qualified)
        elif isinstance(node.func, cst.Attribute) and node.func.attr.value in CLIENT_METHODS:
            self.pending_methods.append((node, node.func, self.scope))

    def _removed_hub_function(self, node: cst.CSTNode, qualified: str, where: str = "") -> None:
        name = qualified.rsplit(".", 1)[-1]
        self.report(
            node,
            "HFM303",
            f"`{name}` was removed in huggingface_hub 0.35; use `HfApi().model_info(..., expand=[...])`{where}",
        )

    def _method_call(self, node: cst.Call, func: cst.Attribute, scope: _Scope) -> None:
        """Method rules (HFM302-HFM304); run once the module is visited, so every binding of the receiver is known."""
        client = self._client_of(func.value, scope)
        name = func.attr.value
        if client is None:
            return
        if name == "post":
            self.result.uses_client_post = True
            self.report(
                node, "HFM302", "`InferenceClient.post` was removed in huggingface_hub 0.31; call the task method"
            )
        elif name in REMOVED_HUB_METHODS:
            self._removed_hub_function(node, name)
        elif name == "get_endpoint_info" and self._endpoint_info_on_hub_model(node, client):
            self.report(
                node,
                "HFM304",
                "`get_endpoint_info()` builds its URL from the retired host for a Hub model id; use the Hub API",
            )

    def _endpoint_info_on_hub_model(self, node: cst.Call, client: _Client) -> bool:
        arg = keyword(node, "model")
        return client.hub_model if arg is None else not self._is_url(arg.value)

    def _client_of(self, receiver: cst.BaseExpression, scope: _Scope) -> _Client | None:
        """The client binding of a receiver: built in the expression, or a name / self.<attr> bound in scope."""
        if isinstance(receiver, cst.Call):
            return self._client_built_by(receiver)
        key = self.module.code_for_node(receiver)
        if key.startswith("self."):
            holder = scope.enclosing_class()
            return holder.names.get(key) if holder else None
        return scope.lookup(key)

    def _reference_from_client(self, node: cst.Call, code: str) -> None:
        for name in ("repo_id", "model", "model_name"):
            arg = keyword(node, name)
            value = string_value(arg.value) if arg else None
            if value is None and name == "repo_id" and node.args and node.args[0].keyword is None:
                value = string_value(node.args[0].value)
            if value:
                task_arg = keyword(node, "task")
                task = string_value(task_arg.value) if task_arg else None
                if code == "HFM307":
                    task = "feature-extraction"
                style = (
                    CLIENT_CALL_STYLES.get(code) if task in (None, "text-generation", "feature-extraction") else None
                )
                self.result.references.append(ModelReference(value, self.path, self.line_of(node), task, style=style))
                return


def _prose_fixable(shown: str) -> bool:
    """rewrite changes a URL in prose (comments, docstrings) only where its router equivalent is unambiguous."""
    return "\\" not in shown and urls.prose_equivalent(urls.parse_legacy(shown)) is not None


def _plain_string(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.ConcatenatedString):
        return _plain_string(node.left) and _plain_string(node.right)
    return isinstance(node, cst.SimpleString) and "b" not in node.prefix.lower()
