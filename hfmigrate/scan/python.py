"""The Python scanner: runs the rule API's checks, and a libcst visitor for what is not on it yet.

The visitor reads the legacy URLs in prose, which rewrite/prose.py rewrites over the module's text (comments, and
the URLs inside docstrings that have one equivalent). Legacy URLs in code are the checks' of
:mod:`hfmigrate.rules.legacy_urls`; the model ids given to legacy client classes are their families' mentions.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate import urls
from hfmigrate.engine.walk import walk
from hfmigrate.findings import Finding
from hfmigrate.lines import line_breaks, line_starts
from hfmigrate.pysyntax import build_template
from hfmigrate.rules.legacy_urls import judge_url, prose_fixable
from hfmigrate.rules.legacy_urls_in_strings import plain_string
from hfmigrate.scan.common import LineIndex
from hfmigrate.scan.outcome import PythonScan
from hfmigrate.scan.positions import NodePositions
from hfmigrate.scan.rule_findings import python_rule_findings
from hfmigrate.scan.text import url_findings


def scan_python(
    path: str, module: cst.Module, text: str | None = None, statement_lines: list[int] | None = None
) -> PythonScan:
    """``statement_lines``: the line each top-level statement starts on, as ``ast`` gives them (a short cut for
    the positions of findings)."""
    positions = NodePositions(module, text, statement_lines)  # computed only if something is reported
    visitor = _Visitor(path, module, positions)
    if urls.mentions_legacy_host(module.code if text is None else text):  # all the visitor reads is prose URLs
        walk(module, visitor, trivia=True)  # comments too
    rule_findings = python_rule_findings(path, module, positions, text, visitor.result.references)
    visitor.result.findings.extend(rule_findings)  # the families on the rule API (legacy URLs in strings too)
    return visitor.result


class _Visitor(cst.CSTVisitor):
    def __init__(self, path: str, module: cst.Module, positions: NodePositions):
        super().__init__()
        self.path = path
        self.module = module
        self.positions = positions
        self.result = PythonScan()
        self._top_level = {id(statement) for statement in module.body}
        self._statement: cst.CSTNode | None = None  # the top-level statement being walked: positions are its own

    def on_visit(self, node: cst.CSTNode) -> bool:
        if id(node) in self._top_level:
            self._statement = node
        return super().on_visit(node)

    # --- positions ---------------------------------------------------------------------------------------

    def line_of(self, node: cst.CSTNode) -> int:
        return self.position(node).start.line

    def position(self, node: cst.CSTNode):
        return self.positions.of(node, self._statement)

    # --- prose: docstrings and comments (rewrite/prose.py rewrites their URLs) ----------------------------------

    def visit_Expr(self, node: cst.Expr) -> None:
        """A bare string statement (a docstring): rewrite/prose.py changes its URLs that have one equivalent."""
        if plain_string(node.value) and urls.mentions_legacy_host(self.module.code_for_node(node.value)):
            template = build_template(node.value, self.module)
            if template is not None and not urls.is_legacy(template.text):
                self._prose_urls(node.value, template.text, template.names)

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

    def _prose_urls(self, node: cst.BaseExpression, text: str, names: dict[int, str]) -> None:
        """URLs inside docstrings that rewrite/prose.py changes; the others (and messages, regexes) are
        rules/legacy_urls_in_strings.py's."""
        start = self.position(node).start
        for match in urls.find_legacy_urls(text):
            if match.url is None or not prose_fixable(match.text):
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
