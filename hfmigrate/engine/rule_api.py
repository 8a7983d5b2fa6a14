"""The rule API: what a rule module declares, and the registry that gathers every module's declarations.

A rule family is one module under :mod:`hfmigrate.rules` holding a :class:`RuleFamily`:

* its catalogue entries (:class:`CatalogueEntry`: code, name, summary, explanation, before/after, severity and
  fix kind as enums), printed by ``hfmigrate rules``;
* its needles (:class:`Needle`): the bytes the pre-filter looks for, per file kind. A file holding none of a
  family's needles is never given to its checks, so a needle missed here is a finding missed everywhere;
* its checks: Python callbacks registered on libcst node types (``@family.python("Call")``, as pyupgrade and
  django-upgrade register fixers on ast types) and text checks per file kind (``@family.text(...)``);
* for each finding its :class:`Fix`: the edits and/or the marker that fix it, carried on the finding as ruff's
  diagnostics carry theirs. scan runs the checks and drops the edits; rewrite runs them and applies the edits.

Node types are named by their libcst class name (``"Call"``) so that importing the registry (``hfmigrate rules``,
the configuration) does not import libcst; the Python runner checks each name against libcst once.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any


class FileKind(enum.Enum):
    PYTHON = "python"  # .py/.pyi modules, and notebook code cells
    TEXT = "text"  # every other text file, notebook markdown cells and IPython shell lines


ALL_KINDS = frozenset(FileKind)


class Severity(enum.Enum):
    ERROR = "error"  # the code fails today (410, 404, a removed API)
    WARNING = "warning"  # the code may work but should change


class FixKind(enum.Enum):
    EDIT = "edit"  # rewrite changes the code (it may also leave a marker for what remains)
    MARKER = "marker"  # rewrite leaves a ``# hfmigrate: TODO(CODE)`` marker: a person decides


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


# --- fixes ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NodeEdit:
    """Python: replace ``node`` (a libcst node) with ``new``: a node, or a function of the node as updated by the
    edits planned inside it (so that edits to a call and to one of its arguments compose)."""

    node: Any
    new: Any


@dataclass(frozen=True)
class PlannedEdit:
    """Python: a conversion too wide for node edits (swap an import and rename its uses, convert the reads of a
    response), given as a function rewrite calls with its module plan (``rewrite.context.ModuleContext``). It plans
    edits there through the plan's own ``replace``/``remove``/``mark``/``claim``. Prefer :class:`NodeEdit`: scan sees
    that this fix changes code but not how."""

    plan: Callable[[Any], None]


@dataclass(frozen=True)
class NodeRemoval:
    """Python: remove ``node`` from its container (a dict element, a call argument, a statement of a block)."""

    node: Any


@dataclass(frozen=True)
class SpanEdit:
    """Text: replace ``text[start:end]`` with ``new``; offsets are those of the text the check was given."""

    start: int
    end: int
    new: str


@dataclass(frozen=True)
class Fix:
    """What rewrite does for one finding: its edits, and the marker it leaves above the statement (if any)."""

    edits: tuple[NodeEdit | NodeRemoval | PlannedEdit | SpanEdit, ...] = ()
    marker: str | None = None  # the TODO text; never names what scan looks for, or the marker is a finding

    @property
    def changes_code(self) -> bool:
        return bool(self.edits)


@dataclass(frozen=True)
class PythonViolation:
    """A finding of a Python check, at ``node``; ``replacement`` is the suggested text shown to people."""

    code: str
    message: str
    node: Any
    fix: Fix = Fix()
    replacement: str | None = None


@dataclass(frozen=True)
class TextViolation:
    """A finding of a text check, at ``text[start:end]``."""

    code: str
    message: str
    start: int
    end: int
    fix: Fix = Fix()
    replacement: str | None = None


@dataclass(frozen=True)
class TextContext:
    """Where a text check runs: the file's display path (a dependency file, a notebook, ``.env`` ...), and the
    text's format when the runner knows it better than the path says (a notebook's shell lines: ``"shell"``)."""

    path: str = ""
    dialect: str | None = None  # a name of rewrite.textfiles.dialects (None: the path's)

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


Violation = PythonViolation | TextViolation
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

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(entry.code for entry in self.entries)


_GATE = 12  # needles sharing their first bytes are searched once for what they share, then one by one


def _gated(needles: tuple[Needle, ...]) -> tuple[tuple[bytes, tuple[Needle, ...]], ...]:
    groups: dict[bytes, list[Needle]] = {}
    folded: list[Needle] = []
    for needle in needles:
        if needle.ignore_case:
            folded.append(needle)  # no case-sensitive gate can stand for it
        else:
            groups.setdefault(needle.text[:_GATE], []).append(needle)
    # the longest shared prefix: a longer needle is searched faster (the search skips by its length)
    gated = [(_shared_prefix([n.text for n in group]), tuple(group)) for group in groups.values()]
    if folded:
        gated.append((b"", tuple(folded)))
    return tuple(gated)


def _shared_prefix(texts: list[bytes]) -> bytes:
    """The bytes all of ``texts`` begin with (the first and last in sorted order share what all share)."""
    first, last = min(texts), max(texts)
    for index, byte in enumerate(first):
        if byte != last[index]:
            return first[:index]
    return first


class Registry:
    """Every family's declarations, gathered once: what the runners, the pre-filter and the catalogue read."""

    def __init__(self, families: Iterable[RuleFamily]):
        self.families = tuple(families)
        codes = [entry.code for family in self.families for entry in family.entries]
        if len(codes) != len(set(codes)):
            raise ValueError(f"a rule code is declared twice: {sorted(c for c in codes if codes.count(c) > 1)}")
        self._by_kind = {
            kind: tuple(n for f in self.families for n in f.needles if kind in n.kinds) for kind in FileKind
        }
        self._gated = {kind: _gated(self.needles(kind)) for kind in (*FileKind, None)}
        secondary = [f for f in self.families if f.python_checks and not f.needles]
        self._ungated_secondary = any(not f.walk_gate for f in secondary)
        self._secondary_gates = tuple(gate for f in secondary for gate in f.walk_gate)

    @property
    def entries(self) -> tuple[CatalogueEntry, ...]:
        return tuple(entry for family in self.families for entry in family.entries)

    def needles(self, kind: FileKind | None = None) -> tuple[Needle, ...]:
        """The needle table the pre-filter compiles (every kind's when ``kind`` is None)."""
        if kind is None:
            return tuple(n for f in self.families for n in f.needles)
        return self._by_kind[kind]

    def may_match(self, data: bytes, kind: FileKind | None = None) -> bool:
        """False is a promise: no check of this registry reports anything in ``data``. A family with Python checks
        and no needles reports only in modules other rules have the parser read (a finding that counts only where
        the module shows it talks to HF inference): it may match any Python module that holds its walk gate, and adds
        nothing to the pre-filter."""
        if kind is not FileKind.TEXT and (
            self._ungated_secondary or any(gate in data for gate in self._secondary_gates)
        ):
            return True
        return any(gate in data and any(n.found_in(data) for n in needles) for gate, needles in self._gated[kind])

    def python_checks(self) -> tuple[PythonCheck, ...]:
        return tuple(check for family in self.families for check in family.python_checks)

    def text_checks(self, kind: FileKind = FileKind.TEXT) -> Iterator[TextCheck]:
        return (check for family in self.families for check in family.text_checks if kind in check.kinds)

    def run_text(
        self, text: str, kind: FileKind = FileKind.TEXT, path: str = "", dialect: str | None = None
    ) -> list[TextViolation]:
        """Every text check's findings in ``text`` (the caller has asked :meth:`may_match` first, or not)."""
        data = text.encode("utf-8", "surrogatepass")
        where = TextContext(path, dialect)
        found: list[TextViolation] = []
        for family in self.families:
            checks = [check for check in family.text_checks if kind in check.kinds]
            if not checks or not any(n.found_in(data) for n in family.needles if kind in n.kinds):
                continue  # (the needles last: a family without checks for this kind costs nothing)
            for check in checks:
                found.extend(check.callback(text, where) if check.where else check.callback(text))
        return sorted(found, key=lambda v: (v.start, v.code))
