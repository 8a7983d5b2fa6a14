"""Spec helpers for rule modules: each case runs scan and rewrite on the same source and holds them to agree.

``transformed(before, after)``: rewrite turns ``before`` into ``after`` (which parses, and a second run keeps),
scan reports a fixable finding in ``before`` for every code rewrite edits, and none of them is left in ``after``.
``noop(source)``: rewrite changes nothing and scan reports nothing fixable. ``reported(source, code)``: scan
reports ``code`` with no fix. Python by default; ``path="x.js"`` (or any other name) runs the text rules, and a
dependency file's name (``requirements.txt``, ``pyproject.toml``, ``package.json`` ...) the dependency checks too,
as scan runs them on a tree holding that one file.
"""

from __future__ import annotations

import ast
import textwrap
from collections import Counter
from pathlib import PurePosixPath

from hfmigrate.comments import universal_findings
from hfmigrate.config import Settings
from hfmigrate.engine.outcomes import RewriteFailure, RewriteSuccess
from hfmigrate.files import is_dependency_file
from hfmigrate.findings import Finding
from hfmigrate.recordings import as_recording, recording_kind
from hfmigrate.rewrite.module import rewrite_source
from hfmigrate.rewrite.text import rewrite_text
from hfmigrate.scan import parse_and_scan
from hfmigrate.scan.rule_findings import python_text_rule_findings
from hfmigrate.scan.text import text_findings


def scan(source: str, path: str = "example.py") -> list[Finding]:
    if path.endswith(".py"):
        scanned = parse_and_scan(path, source)
        assert not isinstance(scanned, str), scanned
        found = scanned.findings + python_text_rule_findings(path, source)  # (what reads the whole source)
    else:
        found = text_findings(path, source)
        recording = recording_kind(path, source)  # as scan reports a cassette's findings: HFM108
        found = [as_recording(f, recording) for f in found] if recording else found
    if is_dependency_file(PurePosixPath(path)):
        from hfmigrate.scan.rule_findings import dependency_rule_findings

        found = found + dependency_rule_findings([(path, source)], frozenset())
    return found + universal_findings(path, source)


def rewrite(source: str, path: str = "example.py") -> tuple[str, Counter]:
    rewrite_one = rewrite_source if path.endswith(".py") else rewrite_text
    outcome = rewrite_one(source.encode(), path, Settings())
    assert not isinstance(outcome, RewriteFailure), outcome
    return (
        (outcome.after.decode(), Counter(outcome.applied))
        if isinstance(outcome, RewriteSuccess)
        else (source, Counter())
    )


def transformed(before: str, after: str, path: str = "example.py") -> None:
    before, after = textwrap.dedent(before), textwrap.dedent(after)
    result, applied = rewrite(before, path)
    assert result == after, f"\n--- got ---\n{result}\n--- expected ---\n{after}"
    if path.endswith(".py"):
        ast.parse(result)
    assert rewrite(result, path)[0] == result, "a second run changed the output again"
    edited = Counter({key.code: n for key, n in applied.items() if not key.is_marker})
    fixable = Counter(f.code for f in scan(before, path) if f.fixable and not f.marker)
    assert fixable == edited, f"scan's fixable findings {dict(fixable)} differ from rewrite's edits {dict(edited)}"
    left = [f for f in scan(result, path) if not f.marker and f.code in edited]
    assert not left, f"rewrite left findings it claims to fix: {left}"


def noop(source: str, path: str = "example.py") -> None:
    source = textwrap.dedent(source)
    assert rewrite(source, path)[0] == source
    assert not [f for f in scan(source, path) if f.fixable], "scan calls something fixable that rewrite leaves"


def reported(source: str, code: str, path: str = "example.py") -> list[Finding]:
    """scan reports ``code`` in ``source`` (without a fix); returns those findings."""
    found = [f for f in scan(textwrap.dedent(source), path) if f.code == code]
    assert found, f"scan reports no {code}"
    assert not any(f.fixable for f in found), f"{code} is reported as fixable"
    return found


def codes(source: str, path: str = "example.py") -> set[str]:
    return {f.code for f in scan(textwrap.dedent(source), path)}


def references(source: str, path: str = "example.py") -> list[tuple[str, int, str | None, str | None]]:
    """The model references scan makes in a Python ``source`` (what check-models reads): (model, line, task, style)."""
    scanned = parse_and_scan(path, textwrap.dedent(source))
    assert not isinstance(scanned, str), scanned
    return [(r.model, r.line, r.task, r.style) for r in scanned.references]
