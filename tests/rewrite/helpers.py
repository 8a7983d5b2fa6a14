"""Spec-style helpers for rewrite rules: ``transformed(before, after)`` and ``noop(source)``.

Every check also proves that the output parses and that a second run changes nothing.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from hfmigrate.config import Settings
from hfmigrate.engine.outcomes import RewriteFailure, RewriteSuccess
from hfmigrate.rewrite.module import rewrite_source
from hfmigrate.rewrite.prefixes import PrefixConstant


def run(source: str, path: str = "example.py", constants: tuple[PrefixConstant, ...] = (), **settings) -> str:
    outcome = rewrite_source(source.encode(), path, Settings(**settings), list(constants))
    assert not isinstance(outcome, RewriteFailure), outcome
    return outcome.after.decode() if isinstance(outcome, RewriteSuccess) else source


def transformed(before: str, after: str, **options) -> None:
    before, after = textwrap.dedent(before), textwrap.dedent(after)
    result = run(before, **options)
    assert result == after, f"\n--- got ---\n{result}\n--- expected ---\n{after}"
    ast.parse(result)
    assert run(result, **options) == result, "a second run changed the output again"


def noop(source: str, **options) -> None:
    source = textwrap.dedent(source)
    assert run(source, **options) == source


def constant(module: str, name: str, value: str, safe: bool = True) -> PrefixConstant:
    """A prefix constant found elsewhere in the tree; ``safe``: the engine saw only joins it can follow."""
    return PrefixConstant(module, name, value, safe)


def here(name: str) -> Path:
    return Path(__file__).parent / name
