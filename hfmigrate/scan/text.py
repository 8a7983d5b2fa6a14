"""Text rules: legacy URLs found by pattern in any text (and the rule API's text checks: providers, options ...).

Used for JS/TS, shell, .env, YAML, JSON, TOML, INI, Markdown, reStructuredText and Dockerfiles; for notebook
markdown cells and shell lines; and as the fallback for Python that does not parse.
"""

from __future__ import annotations

import re

from hfmigrate import facts, urls
from hfmigrate.findings import Finding
from hfmigrate.rules.legacy_urls import judge_url, text_marker
from hfmigrate.scan.common import LineIndex, span_finding
from hfmigrate.scan.rule_findings import text_rule_findings

_SCRIPT = re.compile(r"<script\b[^>]*>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)


def text_findings(path: str, text: str, index: LineIndex | None = None, dialect: str | None = None) -> list[Finding]:
    """``dialect``: the text's format when its path does not say it (a notebook's shell lines are ``"shell"``)."""
    index = index or LineIndex(text)
    return [
        *url_findings(path, text, index),
        *text_rule_findings(path, text, index, dialect),  # the families on the rule API (providers, options ...)
    ]


_PROSE_SUFFIXES = (".md", ".markdown", ".mdx", ".rst", ".txt")


def hf_inference_llm_findings(path: str, text: str, index: LineIndex | None = None) -> list[Finding]:
    """HFM107: ``ROUTER/hf-inference/models/{llm}`` in code or config: hf-inference serves no LLM (hf-api.md §0),
    so the call answers 404 however it was migrated. In HTML only ``<script>`` bodies count; prose never does."""
    lowered = path.lower()
    if lowered.endswith(_PROSE_SUFFIXES):
        return []
    spans = html_script_spans(text) if lowered.endswith((".html", ".htm")) else [(0, len(text))]
    index = index or LineIndex(text)
    findings = []
    for start, end, model in hf_inference_llm_urls(text):
        if any(low <= start < high for low, high in spans):
            message = (
                f"hf-inference serves no LLM: `{model}` answers 404 there; POST {urls.chat_completions_url()} "
                f'with "model": "{model}" and "messages"'
            )
            findings.append(span_finding(path, index, start, end, "HFM107", message, fixable=False))
    return findings


def hf_inference_llm_urls(text: str) -> list[tuple[int, int, str]]:
    """(start, end, model id) of each router hf-inference URL whose model id names a chat LLM."""
    found = []
    for start, end, url in urls.find_router_urls(text):
        path = url.split("router.huggingface.co", 1)[-1].lower()
        if not path.startswith("/hf-inference/models/"):
            continue
        parts = url.split("/hf-inference/models/", 1)[-1].split("/")
        model = "/".join(parts[:2]) if len(parts) > 1 and parts[1] and parts[1] not in ("pipeline", "v1") else parts[0]
        if model and not urls.is_dynamic(model) and facts.looks_like_todays_llm(model):
            found.append((start, end, model))
    return found


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


def html_script_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of each ``<script>`` element's body in an HTML page (JavaScript lives there)."""
    return [match.span("body") for match in _SCRIPT.finditer(text)]
