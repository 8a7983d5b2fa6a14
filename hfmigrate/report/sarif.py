"""``--format sarif``: a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` is the whole rule catalogue (so ``ruleIndex`` is stable across scans); results
point at files relative to ``%SRCROOT%``. No ``fixes`` are emitted: a Finding's replacement is a suggestion whose
exact extent in the file is not recorded, and a SARIF fix must name the exact region it replaces.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from hfmigrate import __version__, rules
from hfmigrate.findings import Finding, ScanResult
from hfmigrate.report._shared import clean, level, ordered, unmentioned_replacement

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/hfmigrate/"
SRCROOT = "%SRCROOT%"
_INDEX = {rule.code: index for index, rule in enumerate(rules.RULES)}


def render(result: ScanResult, *, verbose: bool = False, to_terminal: bool = False) -> str:
    return json.dumps(log(result), indent=2) + "\n"


def log(result: ScanResult) -> dict[str, object]:
    run = {
        "tool": {"driver": _driver()},
        # Finding columns count characters (Python str indices), not SARIF's default UTF-16 code units
        "columnKind": "unicodeCodePoints",
        "results": [_result(f) for f in ordered(result.findings)],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _driver() -> dict[str, object]:
    return {
        "name": "hfmigrate",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(rule) for rule in rules.RULES],
    }


def _rule(rule: rules.Rule) -> dict[str, object]:
    # GitHub code scanning files results tagged "security" under security alerts; tags must be unique
    tags = sorted({rule.family, "security"} if rule.code.startswith("HFM9") else {rule.family})
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": clean(rule.summary)},
        "fullDescription": {"text": clean(rule.explanation)},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": level(rule.code).value},
        "properties": {"tags": tags, "fixable": rule.fixable},
    }


def _help_text(rule: rules.Rule) -> str:
    fix = "`hfmigrate rewrite` fixes this." if rule.fixable else "Fix by hand; `hfmigrate rewrite` does not."
    return clean(f"{rule.explanation}\n\nBefore:\n{rule.before}\n\nAfter:\n{rule.after}\n\n{fix}")


def _help_markdown(rule: rules.Rule) -> str:
    fix = "`hfmigrate rewrite` fixes this." if rule.fixable else "Fix by hand; `hfmigrate rewrite` does not."
    return clean(
        f"{rule.explanation}\n\n**Before:**\n\n```\n{rule.before}\n```\n\n**After:**\n\n```\n{rule.after}\n```\n\n{fix}"
    )


def _result(finding: Finding) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": finding.code,
        "level": level(finding.code).value,
        "message": {"text": _message(finding)},
        "locations": [{"physicalLocation": _physical_location(finding)}],
    }
    if finding.code in _INDEX:
        result["ruleIndex"] = _INDEX[finding.code]
    properties = _properties(finding)
    if properties:
        result["properties"] = properties
    return result


def _message(finding: Finding) -> str:
    text = finding.message
    if finding.cell is not None:
        text = f"cell {finding.cell}, line {finding.line}, column {finding.column}: {text}"
    replacement = unmentioned_replacement(finding)
    if replacement:
        text = f"{text} Suggested replacement: {replacement}"
    return clean(text)


def _physical_location(finding: Finding) -> dict[str, object]:
    location: dict[str, object] = {"artifactLocation": _artifact_location(finding.path)}
    if finding.cell is None:
        location["region"] = {
            "startLine": finding.line,
            "startColumn": finding.column,
            "endLine": finding.end_line,
            "endColumn": finding.end_column,
        }
    else:
        # cell lines are not lines of the .ipynb file; GitHub needs a startLine, so point at the file's top
        # and give the cell position in the message and properties
        location["region"] = {"startLine": 1}
    return location


def _artifact_location(path: str) -> dict[str, str]:
    path = clean(path)
    if PureWindowsPath(path).is_absolute() and not path.startswith("/"):
        return {"uri": PureWindowsPath(path).as_uri()}
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return {"uri": posix.as_uri()}
    # a relative URI reference: percent-encode spaces and the like, keep the slashes
    return {"uri": quote(str(posix), safe="/"), "uriBaseId": SRCROOT}


def _properties(finding: Finding) -> dict[str, object]:
    properties: dict[str, object] = {}
    if finding.cell is not None:
        properties.update(
            notebookCell=finding.cell,
            cellStartLine=finding.line,
            cellStartColumn=finding.column,
            cellEndLine=finding.end_line,
            cellEndColumn=finding.end_column,
        )
    if finding.replacement:
        properties["replacement"] = clean(finding.replacement)
    if finding.fixable:
        properties["fixable"] = True
    if finding.marker:
        properties["marker"] = True
    return properties
