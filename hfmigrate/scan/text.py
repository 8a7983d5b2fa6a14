"""The text runner: the rule families' text checks over one text, as findings.

Used for JS/TS, shell, .env, YAML, JSON, TOML, INI, Markdown, reStructuredText and Dockerfiles; for notebook
markdown cells and shell lines; and as the fallback for Python that does not parse.
"""

from __future__ import annotations

from hfmigrate import urls
from hfmigrate.findings import Finding
from hfmigrate.rules.legacy_urls import judge_url
from hfmigrate.scan.common import LineIndex, span_finding
from hfmigrate.scan.rule_findings import text_rule_findings


def text_findings(path: str, text: str, index: LineIndex | None = None, dialect: str | None = None) -> list[Finding]:
    """``dialect``: the text's format when its path does not say it (a notebook's shell lines are ``"shell"``)."""
    return text_rule_findings(path, text, index or LineIndex(text), dialect)


def url_findings(path: str, text: str, index: LineIndex, every: bool = True) -> list[Finding]:
    """Every legacy URL in a Python comment (``scan/python.py``), as the older visitor reports them; in text files
    they are the legacy-URL family's text check's (``rules/legacy_urls.urls_in_text``). ``every`` must be True."""
    if not every:
        raise ValueError("url_findings reads Python comments only: text files are the text checks' (text_findings)")
    findings = []
    for match in urls.find_legacy_urls(text):
        verdict = judge_url(match.url, match.text)
        findings.append(
            span_finding(
                path,
                index,
                match.start,
                match.end,
                verdict.code,
                verdict.message,
                replacement=verdict.replacement,
                fixable=verdict.fixable,
            )
        )
    return findings
