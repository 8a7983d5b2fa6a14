"""Rewriting non-Python text files (issue 4): JS/TS, shell, .env, YAML, JSON, TOML, INI, Markdown, pins.

The file is decoded with its encoding (undecodable bytes ride along as surrogates, so a Latin-1 file keeps its
bytes), edited by span replacement (:mod:`hfmigrate.rewrite.textfiles`), and encoded back the same way: every
byte outside an edit stays as it was, line endings and BOM included. JSON, YAML and TOML results must still parse
(when the original did), or the file is abandoned with an error.
"""

from __future__ import annotations

import json

from hfmigrate.engine.dialects import Dialect, dialect_for
from hfmigrate.engine.kinds import AppliedCounts
from hfmigrate.engine.outcomes import RewriteFailure, RewriteOutcome, RewriteSkip, RewriteSuccess
from hfmigrate.findings import Diagnostic, DiagnosticKind
from hfmigrate.planning.text_plan import TextPlan
from hfmigrate.rewrite.rule_fixes import plan_text_fixes


def rewrite_text(data: bytes, display: str, settings, encoding: str = "utf-8", verdicts=None) -> RewriteOutcome:
    """The new bytes (a success), a skip when nothing changes, or a failure when the result would not parse."""
    if encoding.replace("_", "-").lower() not in ("utf-8", "utf8", "utf-8-sig"):
        encoding = "utf-8"
    text = data.decode(encoding, errors="surrogateescape")
    dialect = dialect_for(display)
    new_text, applied = rewrite_fragment(text, dialect, settings, display, verdicts)
    new_text, marked = mark_text_leftovers(new_text, dialect, settings, display)
    applied += marked
    if not applied:
        return RewriteSkip()
    after = new_text.encode(encoding, errors="surrogateescape")
    if after == data:
        return RewriteSkip()
    problem = _verify(dialect, text, new_text)
    if problem:
        reason = f"rewrite abandoned, the result would not parse as {dialect.verify}: {problem}"
        return RewriteFailure(Diagnostic(display, DiagnosticKind.ERROR, reason))
    return RewriteSuccess(after, applied, encoding)


def rewrite_fragment(text: str, dialect: Dialect, settings, display: str, verdicts=None) -> tuple[str, AppliedCounts]:
    """Rewrite one piece of text (a file, a notebook cell or shell line) in ``dialect``; ``verdicts``: what the
    catalogue says about the models it names (see :mod:`hfmigrate.rewrite.resolve`)."""
    if dialect.name == "prose" and display.lower().endswith((".html", ".htm")):
        return _rewrite_html(text, settings, display, verdicts)
    plan = _plan(text, dialect, settings, display, verdicts)
    plan_text_fixes(plan, display)  # the rule families' text checks, and the fixes their findings carry
    return plan.apply()


def _plan(text: str, dialect: Dialect, settings, display: str, verdicts=None) -> TextPlan:
    enabled = settings.is_enabled
    return TextPlan(text, dialect, lambda code: enabled(code, display), dict(settings.models), verdicts or {})


def mark_text_leftovers(text: str, dialect: Dialect, settings, display: str) -> tuple[str, AppliedCounts]:
    """A marker above each finding scan would still report that no marker covers (families on the rule API carry
    their own: a removed provider in JS, a token in ``.env``), in formats with comments; as Python's leftovers do.
    JSON and prose keep them as findings."""
    from hfmigrate import rules
    from hfmigrate.comments import lines_covered_by_marker, universal_findings
    from hfmigrate.scan.prefilter import may_have_findings
    from hfmigrate.scan.text import text_findings

    if dialect.comment is None or not may_have_findings(text.encode("utf-8", "surrogateescape")):
        return text, AppliedCounts()
    findings = text_findings(display, text) + universal_findings(display, text)
    lines = text.splitlines()
    covered = {(m.code, n) for m in findings if m.marker for n in lines_covered_by_marker(m.line, lines)}
    plan = TextPlan(text, dialect, enabled=lambda code: settings.is_enabled(code, display))
    for finding in findings:
        if finding.marker or (finding.code, finding.line) in covered or finding.line > len(plan.starts):
            continue
        rule = rules.get(finding.code)
        advice = f"{rule.summary if rule else 'see the rule'}; see `hfmigrate rules {finding.code}`"
        plan.mark(plan.starts[finding.line - 1] + finding.column - 1, finding.code, advice)
    return plan.apply()


def _rewrite_html(text: str, settings, display: str, verdicts=None) -> tuple[str, AppliedCounts]:
    """HTML: each ``<script>`` body is JavaScript (markers as ``//`` lines); the rest is prose (URL rewrites only)."""
    from hfmigrate.engine.dialects import JS, PROSE, html_script_spans

    out: list[str] = []
    applied, position = AppliedCounts(), 0
    for start, end in [*html_script_spans(text), (len(text), len(text))]:
        for piece, dialect in ((text[position:start], PROSE), (text[start:end], JS)):
            if not piece:
                continue
            plan = _plan(piece, dialect, settings, display, verdicts)
            plan_text_fixes(plan, display)  # as for every other text
            new, counts = plan.apply()
            out.append(new)
            applied.update(counts)
        position = end
    return "".join(out), applied


def _verify(dialect: Dialect, before: str, after: str) -> str | None:
    check = _PARSERS.get(dialect.verify or "")
    if check is None:
        return None
    try:
        check(before)
    except Exception:  # the original does not parse either (JSONC, a Helm template...): nothing to compare
        return None
    try:
        check(after)
    except Exception as error:
        return str(error).splitlines()[0] if str(error) else type(error).__name__
    return None


def _yaml(text: str) -> None:
    import yaml

    list(yaml.safe_load_all(text))


def _toml(text: str) -> None:
    from hfmigrate import toml_reader as tomllib

    tomllib.loads(text)


_PARSERS = {"json": lambda text: json.loads(text.lstrip("\ufeff")), "yaml": _yaml, "toml": _toml}
