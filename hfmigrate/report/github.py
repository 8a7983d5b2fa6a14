"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

GitHub shows only a handful of annotations per step, so when ``GITHUB_STEP_SUMMARY`` is set the renderer also
appends a markdown summary (per-rule counts and the first findings) to that file, where nothing is cut off.
Escaping follows GitHub's runner: ``%``, CR and LF in the message, and also ``:`` and ``,`` in properties.
"""

from __future__ import annotations

import os

from hfmigrate.findings import Finding, ScanResult
from hfmigrate.report._shared import clean, fixable_count, level, ordered, plural, summary_of, unmentioned_replacement

SUMMARY_ROWS = 200


def redact_known(text: str) -> str:
    from hfmigrate.report.streams import redact_known as redact_all  # the secrets main() collected

    return redact_all(text)


def render(result: ScanResult, *, verbose: bool = False, to_terminal: bool = False) -> str:
    lines = [annotation(finding) for finding in ordered(result.findings)]
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        try:
            with open(summary_file, "a", encoding="utf-8") as handle:
                handle.write(redact_known(step_summary(result)))
        except OSError as error:
            # the annotations are the main output; say why the summary is missing instead of failing the scan
            lines.append(f"::warning::{escape_data(f'hfmigrate could not write the step summary: {error.strerror}')}")
    return "".join(line + "\n" for line in lines)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    properties = {"file": clean(finding.path)}
    if finding.cell is None:
        properties.update(
            line=str(finding.line),
            col=str(finding.column),
            endLine=str(finding.end_line),
            endColumn=str(finding.end_column),
        )
    # else: cell lines are not lines of the .ipynb file, so annotate the file and name the cell in the message
    properties["title"] = finding.code
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{level(finding.code).value} {rendered}::{escape_data(_message(finding))}"


def _message(finding: Finding) -> str:
    text = finding.message
    if finding.cell is not None:
        text = f"cell {finding.cell}:{finding.line}:{finding.column}: {text}"
    replacement = unmentioned_replacement(finding)
    if replacement:
        text = f"{text} (suggested: {replacement})"
    return clean(text)


# --- step summary ----------------------------------------------------------------------------------------------


def step_summary(result: ScanResult) -> str:
    if not result.findings:
        scanned = plural(result.files_scanned, "file")
        return f"## hfmigrate scan\n\nNo legacy Inference API usage found in {scanned}.\n\n"
    parts = [
        "## hfmigrate scan\n\n",
        f"{plural(len(result.findings), 'finding')} in {plural(result.files_with_findings, 'file')} "
        f"({plural(result.files_scanned, 'file')} scanned); {fixable_count(result)} fixable with "
        "`hfmigrate rewrite`.\n\n",
        _rule_table(result),
        _finding_table(result.findings),
    ]
    return "".join(parts)


def _rule_table(result: ScanResult) -> str:
    rows = ["| Rule | Findings | Summary |", "| --- | ---: | --- |"]
    counts = result.counts_by_code().items()
    rows += [f"| {code} | {count} | {_table_text(summary_of(code))} |" for code, count in counts]
    return "\n".join(rows) + "\n\n"


def _finding_table(findings: list[Finding]) -> str:
    shown = ordered(findings)[:SUMMARY_ROWS]
    rows = ["| Location | Rule | Message |", "| --- | --- | --- |"]
    rows += [f"| {_table_text(_short_location(f))} | {f.code} | {_table_text(_summary_message(f))} |" for f in shown]
    text = "\n".join(rows) + "\n\n"
    if len(findings) > len(shown):
        text += f"…and {len(findings) - len(shown)} more; run `hfmigrate scan` for the full list.\n\n"
    return text


def _short_location(finding: Finding) -> str:
    cell = f"cell {finding.cell}:" if finding.cell is not None else ""
    return f"{finding.path}:{cell}{finding.line}"


def _summary_message(finding: Finding) -> str:
    replacement = unmentioned_replacement(finding)
    return f"{finding.message} → {replacement}" if replacement else finding.message


def _table_text(text: str) -> str:
    """``text`` safe inside a markdown table cell: one line, no column breaks, no raw HTML."""
    text = clean(text)
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|")):
        text = text.replace(raw, escaped)
    return " ".join(text.split())
