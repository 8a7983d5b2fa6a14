"""The Python scanner: a libcst visitor that reports legacy URLs and client APIs (and runs the rule API's checks).

Names are resolved through the module's imports (aliases included), never by bare name. A URL built from several
pieces is reported once, at its outermost string expression; a constant holding only the host is reported where
the host is written (HFM105), not again at each join.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate import urls
from hfmigrate.engine.walk import walk
from hfmigrate.findings import Finding
from hfmigrate.lines import line_breaks, line_starts
from hfmigrate.pysyntax import ImportMap, build_template, is_string_expression, keyword, string_value
from hfmigrate.rules.legacy_urls import ENV_GETTERS, judge_url, prose_fixable
from hfmigrate.scan.common import LineIndex
from hfmigrate.scan.outcome import PythonScan
from hfmigrate.scan.positions import NodePositions
from hfmigrate.scan.references import ModelReference
from hfmigrate.scan.rule_findings import python_rule_findings
from hfmigrate.scan.text import url_findings
from hfmigrate.scan.url_reports import OWN_CHECKS, env_default_note, url_reference

#: How the migrated client calls the model: HuggingFaceEndpoint calls text_generation (catalog CallStyle values).
CLIENT_CALL_STYLES = {"HFM306": "text-generation", "HFM307": "embeddings"}


def _legacy_client_code(qualified: str) -> str | None:
    """The code of the legacy client class a call builds (its rule module knows), for the call's model reference."""
    from hfmigrate.rules import hub_client, inference_api, langchain_llms

    if qualified in inference_api.INFERENCE_API:
        return "HFM301"
    if hub_client.tgi_message(qualified) is not None:
        return "HFM308"
    return langchain_llms.langchain_class_code(qualified)


def scan_python(
    path: str, module: cst.Module, text: str | None = None, statement_lines: list[int] | None = None
) -> PythonScan:
    """``statement_lines``: the line each top-level statement starts on, as ``ast`` gives them (a short cut for
    the positions of findings)."""
    positions = NodePositions(module, text, statement_lines)  # computed only if something is reported
    visitor = _Visitor(path, module, positions)
    walk(module, visitor, trivia=urls.mentions_legacy_host(module.code if text is None else text))  # comment URLs
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
        self.env_defaults: dict[int, str] = {}  # id(default node) → variable name
        self.constants: dict[str, str] = {}  # module-level NAME = "string"
        self.prose_strings: set[int] = set()  # ids of bare string statements (docstrings): rewrite edits their URLs
        self._top_level = {id(statement) for statement in module.body}
        self._statement: cst.CSTNode | None = None  # the top-level statement being walked: positions are its own

    def on_visit(self, node: cst.CSTNode) -> bool:
        if id(node) in self._top_level:
            self._statement = node
        return super().on_visit(node)

    # --- reporting ---------------------------------------------------------------------------------------

    def report(self, node: cst.CSTNode, code: str, message: str, **extra: object) -> Finding:
        where = self.position(node)
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

    def line_of(self, node: cst.CSTNode) -> int:
        return self.position(node).start.line

    def position(self, node: cst.CSTNode):
        return self.positions.of(node, self._statement)

    # --- imports and bindings ----------------------------------------------------------------------------

    def visit_Import(self, node: cst.Import) -> None:
        self.imports.add(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.imports.add(node)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._constant(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._constant(node.target, node.value)

    def _constant(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            literal = string_value(value)
            if literal is not None:
                self.constants.setdefault(target.value, literal)

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
        start = self.position(node).start
        for found in url_findings(self.path, node.value, LineIndex(node.value), every=True):
            shown = node.value[found.column - 1 : found.end_column - 1]
            self.result.findings.append(
                found.at(
                    line=start.line,
                    end_line=start.line,
                    fixable=prose_fixable(shown),  # as in Markdown
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
            message += env_default_note(variable)
        if verdict.code not in OWN_CHECKS:  # those codes' checks are in rules/legacy_urls.py
            self.report(node, verdict.code, message, replacement=verdict.replacement, fixable=verdict.fixable)
        self._reference_from_url(node, legacy, template)

    def _embedded_urls(self, node: cst.BaseExpression, text: str, names: dict[int, str]) -> None:
        """URLs inside docstrings that rewrite/prose.py changes; the others (and messages, regexes) are
        rules/legacy_urls_in_strings.py's."""
        start = self.position(node).start
        for match in urls.find_legacy_urls(text):
            if match.url is None or id(node) not in self.prose_strings or not prose_fixable(match.text):
                continue  # rules/legacy_urls_in_strings.py reports it, with its marker
            verdict = judge_url(match.url, match.text, names)
            line = start.line + line_breaks(text, 0, match.start)
            column = (
                (start.column + 1) if line == start.line else match.start - line_starts(text[: match.start])[-1] + 1
            )
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
                    fixable=True,  # rewrite/prose.py
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
            shown = urls.display(template.text, template.names)
            self.result.references.append(url_reference(legacy, model, self.path, self.line_of(node), shown))

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
        code = _legacy_client_code(qualified) if qualified else None
        if code is not None:
            self._reference_from_client(node, code)
        if qualified in ENV_GETTERS and len(node.args) >= 2:
            variable = string_value(node.args[0].value)
            self.env_defaults[id(node.args[1].value)] = variable or "?"

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


def _plain_string(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.ConcatenatedString):
        return _plain_string(node.left) and _plain_string(node.right)
    return isinstance(node, cst.SimpleString) and "b" not in node.prefix.lower()
