"""Text rules: legacy URLs, headers, options and removed providers found by pattern in any text.

Used for JS/TS, shell, .env, YAML, JSON, TOML, INI, Markdown, reStructuredText and Dockerfiles; for notebook
markdown cells and shell lines; and as the fallback for Python that does not parse.
"""

from __future__ import annotations

import re

from hfmigrate import urls
from hfmigrate.findings import Finding
from hfmigrate.scan.common import LineIndex, judge_url, span_finding
from hfmigrate.scan.rule_findings import text_rule_findings

_HEADER = re.compile(r"(?<![\w-])x-(?:wait-for-model|use-cache)(?![\w-])", re.IGNORECASE)
_ALWAYS_LEGACY_OPTION = re.compile(r"\b(?:wait_for_model|dont_load_model)\b")
_OPTION_IN_BLOCK = re.compile(r"\b(?:use_cache|use_gpu)\b")
_OPTIONS_OPEN = re.compile(r"""["']?options["']?\s*[:=]\s*\{""")
_PROVIDER_NAMES = "|".join(re.escape(name) for name in urls.REMOVED_PROVIDERS)
_PROVIDER_VALUE = re.compile(rf"""\bprovider["']?\s*[:=]\s*["'](?P<name>{_PROVIDER_NAMES})["']""")
_MODEL_SUFFIX = re.compile(rf"""[\w.\-]+/[\w.\-]+:(?P<name>{_PROVIDER_NAMES})(?=["'`\s])""")
_ROUTER_PATH = re.compile(rf"router\.huggingface\.co/(?P<name>{_PROVIDER_NAMES})(?=[/\s\"'`]|$)", re.IGNORECASE)


def text_findings(path: str, text: str, index: LineIndex | None = None) -> list[Finding]:
    index = index or LineIndex(text)
    return [
        *url_findings(path, text, index),
        *header_findings(path, text, index),
        *option_findings(path, text, index),
        *provider_findings(path, text, index),
        *text_rule_findings(path, text, index),  # the families on the rule API
    ]


def url_findings(path: str, text: str, index: LineIndex) -> list[Finding]:
    findings = []
    for match in urls.find_legacy_urls(text):
        verdict = judge_url(match.url, match.text)
        findings.append(
            span_finding(
                path, index, match.start, match.end, verdict.code, verdict.message,
                replacement=verdict.replacement, fixable=verdict.fixable,
            )
        )
    return findings


def header_findings(path: str, text: str, index: LineIndex) -> list[Finding]:
    message = "legacy header `{}`: the router does not use it; remove it"
    return [
        span_finding(path, index, m.start(), m.end(), "HFM202", message.format(m.group(0)), fixable=False)
        for m in _HEADER.finditer(text)
    ]


def option_findings(path: str, text: str, index: LineIndex) -> list[Finding]:
    findings = []
    for match in _ALWAYS_LEGACY_OPTION.finditer(text):
        findings.append(_option_finding(path, index, match))
    for match in _OPTION_IN_BLOCK.finditer(text):
        if _inside_options_block(text, match.start()):
            findings.append(_option_finding(path, index, match))
    return findings


def _option_finding(path: str, index: LineIndex, match: re.Match[str]) -> Finding:
    message = f"legacy option `{match.group(0)}`: the router ignores it; remove it"
    return span_finding(path, index, match.start(), match.end(), "HFM201", message)


def _inside_options_block(text: str, offset: int) -> bool:
    window = text[max(0, offset - 300) : offset]
    opening = None
    for opening in _OPTIONS_OPEN.finditer(window):
        pass
    return opening is not None and "}" not in window[opening.end() :]


def provider_findings(path: str, text: str, index: LineIndex) -> list[Finding]:
    findings = []
    for pattern in (_PROVIDER_VALUE, _MODEL_SUFFIX, _ROUTER_PATH):
        for match in pattern.finditer(text):
            name = match.group("name").lower()
            start, end = match.span("name")
            findings.append(span_finding(path, index, start, end, "HFM501", removed_provider_message(name)))
    return findings


def removed_provider_message(name: str) -> str:
    return (
        f"provider `{name}` was removed from the router on {urls.REMOVED_PROVIDERS[name]}; pick a live provider "
        "(`hfmigrate check-models MODEL`) or use `:fastest`"
    )
