"""Text rules: legacy URLs found by pattern in any text (and the rule API's text checks: providers, options ...).

Used for JS/TS, shell, .env, YAML, JSON, TOML, INI, Markdown, reStructuredText and Dockerfiles; for notebook
markdown cells and shell lines; and as the fallback for Python that does not parse.
"""

from __future__ import annotations

from hfmigrate import urls
from hfmigrate.findings import Finding
from hfmigrate.rules.legacy_urls import judge_url, text_marker
from hfmigrate.scan.common import LineIndex, span_finding
from hfmigrate.scan.rule_findings import text_rule_findings


def text_findings(path: str, text: str, index: LineIndex | None = None, dialect: str | None = None) -> list[Finding]:
    """``dialect``: the text's format when its path does not say it (a notebook's shell lines are ``"shell"``)."""
    index = index or LineIndex(text)
    return [
        *url_findings(path, text, index),
        *text_rule_findings(path, text, index, dialect),  # the families on the rule API (providers, options ...)
    ]


def url_findings(path: str, text: str, index: LineIndex, every: bool = False) -> list[Finding]:
    """The legacy URLs in ``text`` that a text rewrite changes; with ``every`` (Python comments) all of them. The
    others are rules/legacy_urls.py's (``urls_without_rewrite_in_text``), reported with their markers."""
    findings = []
    for match in urls.find_legacy_urls(text):
        if not every and text_marker(match) is not None:
            continue
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
