"""The text runner: the rule families' text checks over one text, as findings.

Used for JS/TS, shell, .env, YAML, JSON, TOML, INI, Markdown, reStructuredText and Dockerfiles; for notebook
markdown cells and shell lines; and as the fallback for Python that does not parse.
"""

from __future__ import annotations

from hfmigrate.comments import LineIndex
from hfmigrate.findings import Finding
from hfmigrate.scan.rule_findings import text_rule_findings


def text_findings(path: str, text: str, index: LineIndex | None = None, dialect: str | None = None) -> list[Finding]:
    """``dialect``: the text's format when its path does not say it (a notebook's shell lines are ``"shell"``)."""
    return text_rule_findings(path, text, index or LineIndex(text), dialect)
