"""The Python scanner: the rule API's Python checks over one parsed module, as findings and model references.

Legacy URLs in comments and docstrings are read from the module's whole source by the family's text check
(:mod:`hfmigrate.rules.legacy_urls_prose`, through :func:`hfmigrate.scan.rule_findings.python_text_rule_findings`),
whichever statements were parsed here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hfmigrate.scan.outcome import PythonScan
from hfmigrate.scan.positions import NodePositions
from hfmigrate.scan.rule_findings import python_rule_findings

if TYPE_CHECKING:
    import libcst as cst


def scan_python(
    path: str, module: cst.Module, text: str | None = None, statement_lines: list[int] | None = None
) -> PythonScan:
    """``statement_lines``: the line each top-level statement starts on, as ``ast`` gives them (a short cut for
    the positions of findings)."""
    positions = NodePositions(module, text, statement_lines)  # computed only if something is reported
    result = PythonScan()
    result.findings = python_rule_findings(path, module, positions, text, result.references)
    return result
