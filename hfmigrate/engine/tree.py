"""The rule API's tree level: what a check or a fix may know about the whole tree, beyond the file it is given.

Most checks judge one file. A few cannot: a dependency pin is wrong or right by what the tree's code uses
(``langchain-community`` matters only where the code uses ``HuggingFaceHub``), and the requirement a migration
needs goes into the tree's one dependency list. Two small, typed doors serve them:

* :class:`TreeFacts`, on the :class:`~hfmigrate.engine.rule_api.TextContext` of a check registered for
  ``FileKind.DEPENDENCY`` files. scan runs those checks once the per-file pass is done, with the codes it
  reported in the tree's Python modules and the text of every dependency file. rewrite runs them on each
  dependency file with empty facts: a fix must follow from the file alone (a tree fact may change a finding's
  message, or add a finding without a fix, never change a fix).
* a tree fix (``@family.tree_fix``): a function rewrite calls once, after the per-file pass, with every file
  as read and as rewritten (:class:`RewrittenTree`); it returns whole-file changes (:class:`TreeChange`).
  rewrite runs the text fixes again on each dependency file a tree fix changed (a pin may now conflict with what
  was added), then verifies and writes as for any other change. scan never runs tree fixes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hfmigrate.engine.kinds import AppliedCounts


@dataclass(frozen=True)
class TreeFacts:
    """What the whole tree holds, for a check on a dependency file (empty in rewrite: see the module docstring)."""

    python_codes: frozenset[str] = frozenset()  # codes the per-file pass reported in the tree's Python modules
    dependency_files: tuple[tuple[str, str], ...] = ()  # (display path, text) of every dependency file


@dataclass(frozen=True)
class RewrittenFile:
    """One file of the tree as rewrite read it (``before``) and as its per-file pass leaves it (``after``)."""

    path: Path
    display: str
    kind: str  # "python" | "notebook" | "text"
    dependency: bool  # requirements*.txt, pyproject.toml, setup.cfg, Pipfile, package.json
    before: bytes
    after: bytes
    encoding: str = "utf-8"


@dataclass(frozen=True)
class RewrittenTree:
    files: tuple[RewrittenFile, ...]
    enabled: Callable[[str, str], bool] = lambda code, display: True  # the configuration's rule selection


@dataclass(frozen=True)
class TreeChange:
    """New bytes for one file, and what they count for in rewrite's summary (edits and markers per code)."""

    path: Path
    after: bytes
    applied: AppliedCounts = field(default_factory=AppliedCounts)


TreeFix = Callable[[RewrittenTree], Iterable[TreeChange]]
