"""Diagnostics carry a typed kind (findings.DiagnosticKind) that prints and serialises as its word."""

from __future__ import annotations

import json

import pytest

from hfmigrate.findings import Diagnostic, DiagnosticKind, ScanResult


def test_a_diagnostic_kind_is_typed_and_prints_as_its_word():
    diagnostic = Diagnostic("a.py", "error", "cannot read: Permission denied")  # an older caller's bare word
    assert diagnostic.kind is DiagnosticKind.ERROR
    assert str(diagnostic) == "a.py: error: cannot read: Permission denied"
    assert json.dumps({"kind": diagnostic.kind}) == '{"kind": "error"}'
    assert ScanResult(diagnostics=[diagnostic]).exit_code() == 2


def test_an_unknown_diagnostic_kind_is_refused():
    with pytest.raises(ValueError):
        Diagnostic("a.py", "warning", "no such kind")  # type: ignore[arg-type]
