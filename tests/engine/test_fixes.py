"""engine/fixes.py: what a check yields."""

from __future__ import annotations

import dataclasses

from hfmigrate.engine.fixes import PythonViolation


def test_a_violation_under_its_statement_keeps_every_other_field() -> None:
    # a distinct value in every field, so that a field added to PythonViolation and not to under() is caught
    values = {field.name: object() for field in dataclasses.fields(PythonViolation)}
    violation = PythonViolation(**values)  # type: ignore[arg-type]
    statement = object()
    placed = violation.under(statement)
    assert placed.statement is statement
    assert all(getattr(placed, name) is value for name, value in values.items() if name != "statement")
