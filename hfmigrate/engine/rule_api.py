"""The rule API: what a rule module declares, and the registry that gathers every module's declarations.

A rule family is one module under :mod:`hfmigrate.rules` holding a :class:`RuleFamily`:

* its catalogue entries (:class:`CatalogueEntry`: code, name, summary, explanation, before/after, severity and
  fix kind as enums), printed by ``hfmigrate rules``;
* its needles (:class:`Needle`): the bytes the pre-filter looks for, per file kind. A file holding none of a
  family's needles is never given to its checks, so a needle missed here is a finding missed everywhere;
* its checks: Python callbacks registered on libcst node types (``@family.python("Call")``, as pyupgrade and
  django-upgrade register fixers on ast types) and text checks per file kind (``@family.text(...)``);
* for each finding its :class:`Fix`: the edits and/or the marker that fix it, carried on the finding as ruff's
  diagnostics carry theirs. scan runs the checks and drops the edits; rewrite runs them and applies the edits;
* for the few rules that span files (dependency pins): checks on ``FileKind.DEPENDENCY`` files, which get
  :class:`~hfmigrate.engine.tree.TreeFacts` on their :class:`TextContext` (``where.tree``), and tree fixes
  (``@family.tree_fix``) rewrite calls once after the per-file pass. :mod:`hfmigrate.engine.tree` says when each
  runs and what it may rely on;
* for the conversions no finding of the module can carry (the joins of a prefix constant another module holds,
  the chat conversion of an LLM call): module fixes (``@family.module_fix(codes)``, :class:`ModuleFix`), which
  rewrite plans on each Python module before the findings' fixes.

Node types are named by their libcst class name (``"Call"``) so that importing the registry (``hfmigrate rules``,
the configuration) does not import libcst; the Python runner checks each name against libcst once.

This module declares entries, needles and families; the enums live in :mod:`~hfmigrate.engine.kinds`, fixes and
violations in :mod:`~hfmigrate.engine.fixes`, the registry in :mod:`~hfmigrate.engine.registry`. Rule modules import
every name from here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from hfmigrate.engine.fixes import (
    Fix,
    ModelMention,
    ModuleFix,
    NodeEdit,
    NodeRemoval,
    PlannedEdit,
    PlannedTextEdit,
    PythonViolation,
    SpanEdit,
    TextContext,
    TextViolation,
    Violation,
)
from hfmigrate.engine.kinds import ALL_KINDS, Applied, AppliedCounts, FileKind, FixKind, Severity
from hfmigrate.engine.registry import Registry
from hfmigrate.engine.tree import TreeFix

__all__ = [
    "ALL_KINDS",
    "FAMILIES",
    "Applied",
    "AppliedCounts",
    "CatalogueEntry",
    "FileKind",
    "Fix",
    "FixKind",
    "ModelMention",
    "ModuleFix",
    "Needle",
    "NodeEdit",
    "NodeRemoval",
    "PlannedEdit",
    "PlannedTextEdit",
    "PythonCallback",
    "PythonCheck",
    "PythonViolation",
    "Registry",
    "RuleFamily",
    "Severity",
    "SpanEdit",
    "TextCallback",
    "TextCheck",
    "TextContext",
    "TextViolation",
    "Violation",
]


FAMILIES = {
    "1": "legacy URLs",
    "2": "legacy payloads and headers",
    "3": "client libraries",
    "4": "dependency pins",
    "5": "providers and models",
    "6": "router URLs and calls that do not work today",
    "9": "security",
}


@dataclass(frozen=True)
class CatalogueEntry:
    """One code in the catalogue. ``fixable`` is the catalogue's older spelling of ``fix is FixKind.EDIT``."""

    code: str
    name: str
    summary: str
    explanation: str
    before: str
    after: str
    fixable: bool = False
    severity: Severity = Severity.ERROR
    fix: FixKind | None = None

    def __post_init__(self) -> None:
        if self.fix is None:
            object.__setattr__(self, "fix", FixKind.EDIT if self.fixable else FixKind.MARKER)
        object.__setattr__(self, "fixable", self.fix is FixKind.EDIT)

    @property
    def family(self) -> str:
        return FAMILIES[self.code[3]]


@dataclass(frozen=True)
class Needle:
    """Bytes whose presence makes a file a candidate for a family's checks.

    A needle with a ``companion`` counts only when the companion is in the file too (``text_generation`` is
    common; with ``InferenceClient`` beside it, it is worth a parse). A ``confirm`` pattern is a second, narrower
    test run only where the needle is found (``router.huggingface.co/v1/`` is in every migrated chat call; only a
    path that goes on with something other than a known route is a finding). ``kinds``: the file kinds it is for.
    ``ignore_case``: the text in any case (``X-Wait-For-Model``). ``statements``: the (lower-case) substrings that
    make a top-level statement worth the checks, when they are not the text itself (a common word such as
    ``messages`` should not make every statement holding it relevant); ``()``: the checks need no statement of
    their own (what they report is left to the leftover markers in rewrite).
    """

    text: bytes
    kinds: frozenset[FileKind] = ALL_KINDS
    companion: bytes | None = None
    confirm: re.Pattern[bytes] | Callable[[bytes], bool] | None = None  # a pattern, or a test on the bytes
    ignore_case: bool = False
    statements: tuple[bytes, ...] | None = None  # None: the text itself
    # a regular expression (in the syntax re2 and re share) the pre-filter searches for instead of ``text``, for a
    # needle whose text is common: ``hf_`` is in every ``hf_hub_download``, a token's shape is rare
    search: bytes | None = None
    # it brings a Python module in for its own family's checks only: a module no other needle matches is walked for
    # them alone (the legacy host in a module of plain URL literals has nothing for the other families to read)
    own_family: bool = False

    @property
    def alone(self) -> bool:
        return self.companion is None and self.confirm is None

    def found_in(self, data: bytes) -> bool:
        return (
            (self.text in data if not self.ignore_case else _folded(self.text).search(data) is not None)
            and (self.companion is None or self.companion in data)
            and (self.confirm is None or self.confirms(data))
        )

    def confirms(self, data: bytes) -> bool:
        if isinstance(self.confirm, re.Pattern):
            return self.confirm.search(data) is not None
        return self.confirm is None or bool(self.confirm(data))


@functools.cache
def _folded(text: bytes) -> re.Pattern[bytes]:
    return re.compile(re.escape(text), re.IGNORECASE)


PythonCallback = Callable[[Any, Any], Iterable[PythonViolation]]  # (node, PythonView) → violations
TextCallback = Callable[..., Iterable[TextViolation]]  # (text) or, registered with where=True, (text, TextContext)


@dataclass(frozen=True)
class PythonCheck:
    node_type: str  # a libcst class name: "Call", "SimpleString", ...
    callback: PythonCallback
    family: str


@dataclass(frozen=True)
class TextCheck:
    kinds: frozenset[FileKind]
    callback: TextCallback
    family: str
    where: bool = False  # the callback takes the TextContext as its second argument


@dataclass
class RuleFamily:
    """What one rule module declares. Build it at import time; the registry reads it."""

    name: str
    entries: list[CatalogueEntry] = field(default_factory=list)
    needles: list[Needle] = field(default_factory=list)
    python_checks: list[PythonCheck] = field(default_factory=list)
    text_checks: list[TextCheck] = field(default_factory=list)
    #: For a family without needles (it adds nothing to the pre-filter): bytes one of which a module must hold for
    #: its Python checks to report there. Without it the checks walk every module the parser reads.
    walk_gate: tuple[bytes, ...] = ()
    #: The (lower-case) substrings that make a top-level statement worth the family's checks, in scan and rewrite,
    #: for a family whose checks read words too common to be needles (HFM205: an ``"inputs"`` key, a ``"token"``
    #: subscript). Not a :class:`Needle`: a needle makes a file a candidate, and these words are in most ML code.
    statements: tuple[bytes, ...] = ()
    tree_fixes: list[TreeFix] = field(default_factory=list)  # see hfmigrate.engine.tree
    module_fixes: list[ModuleFix] = field(default_factory=list)

    def entry(self, *entries: CatalogueEntry) -> None:
        self.entries.extend(entries)

    def needle(self, *needles: Needle) -> None:
        self.needles.extend(needles)

    def python(self, *node_types: str) -> Callable[[PythonCallback], PythonCallback]:
        """Register the decorated function on each libcst node type named."""

        def register(callback: PythonCallback) -> PythonCallback:
            self.python_checks.extend(PythonCheck(t, callback, self.name) for t in node_types)
            return callback

        return register

    def text(
        self, kinds: frozenset[FileKind] = frozenset({FileKind.TEXT}), *, where: bool = False
    ) -> Callable[[TextCallback], TextCallback]:
        """Register a text check; with ``where=True`` it is called as ``callback(text, TextContext)``."""

        def register(callback: TextCallback) -> TextCallback:
            self.text_checks.append(TextCheck(kinds, callback, self.name, where))
            return callback

        return register

    def module_fix(self, *codes: str, claims: bool = False) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
        """Register the decorated function as a :class:`ModuleFix`, planned when one of ``codes`` is enabled."""

        def register(plan: Callable[[Any], None]) -> Callable[[Any], None]:
            self.module_fixes.append(ModuleFix(plan, codes, self.name, claims))
            return plan

        return register

    def tree_fix(self, fix: TreeFix) -> TreeFix:
        """Register a fix rewrite calls once after the per-file pass (:mod:`hfmigrate.engine.tree`)."""
        self.tree_fixes.append(fix)
        return fix

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(entry.code for entry in self.entries)
