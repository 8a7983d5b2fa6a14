"""The registry: every rule family's declarations gathered once, for the runners, the pre-filter and the catalogue.

The pre-filter asks :meth:`Registry.may_match` per file: needles sharing their first bytes are searched once for
what they share, then one by one, so a file pays one substring search per group, not per needle.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from hfmigrate.engine.fixes import ModuleFix, TextContext, TextViolation
from hfmigrate.engine.kinds import ALL_KINDS, FileKind
from hfmigrate.engine.tree import TreeFacts, TreeFix

if TYPE_CHECKING:
    from hfmigrate.engine.rule_api import CatalogueEntry, Needle, PythonCheck, RuleFamily, TextCheck


_BY_PLACE = operator.attrgetter("start", "code")  # a violation's place in its text (C-level: 10,000 URLs in a file)
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
        self._own_family = tuple(
            (n, f) for f in self.families for n in f.needles if n.own_family and FileKind.PYTHON in n.kinds
        )

    @property
    def entries(self) -> tuple[CatalogueEntry, ...]:
        return tuple(entry for family in self.families for entry in family.entries)

    def needles(self, kind: FileKind | None = None) -> tuple[Needle, ...]:
        """The families' needles for ``kind`` (every per-file kind's when ``kind`` is None: a dependency file is read
        whatever the pre-filter says), which :mod:`hfmigrate.needles` hands to the pre-filter and the other readers
        with the engine's own."""
        if kind is None:
            return tuple(n for f in self.families for n in f.needles if n.kinds & ALL_KINDS)
        return self._by_kind[kind]

    def may_match(self, data: bytes, kind: FileKind | None = None, without: Needle | None = None) -> bool:
        """False is a promise: no check of this registry reports anything in ``data``. A family with Python checks
        and no needles reports only in modules other rules have the parser read (a finding that counts only where
        the module shows it talks to HF inference): it may match any Python module that holds its walk gate, and adds
        nothing to the pre-filter. ``without``: a needle not to count (what a caller knows how to read itself: the
        ast scan of plain URL literals)."""
        if kind in (FileKind.PYTHON, None) and (
            self._ungated_secondary or any(gate in data for gate in self._secondary_gates)
        ):
            return True
        return any(
            gate in data and any(n is not without and n.found_in(data) for n in needles)
            for gate, needles in self._gated[kind]
        )

    def python_checks(self, data: bytes | None = None) -> tuple[PythonCheck, ...]:
        """Every family's Python checks; given a module's bytes that only an ``own_family`` needle brings in, just
        that needle's family's (a module of 10,000 URL calls is not walked for every family's ``Call`` check)."""
        if data is not None:
            own = [(needle, family) for needle, family in self._own_family if needle.found_in(data)]
            if len(own) == 1 and not self.may_match(data, FileKind.PYTHON, without=own[0][0]):
                return tuple(own[0][1].python_checks)
        return tuple(check for family in self.families for check in family.python_checks)

    def text_checks(self, kind: FileKind = FileKind.TEXT) -> Iterator[TextCheck]:
        return (check for family in self.families for check in family.text_checks if kind in check.kinds)

    def run_text(
        self,
        text: str,
        kind: FileKind = FileKind.TEXT,
        path: str = "",
        dialect: str | None = None,
        tree: TreeFacts | None = None,
        models: Mapping[str, str] | None = None,
    ) -> list[TextViolation]:
        """Every text check's findings in ``text`` (the caller has asked :meth:`may_match` first, or not);
        ``models``: rewrite's model map, for the fixes that write a model id."""
        data = text.encode("utf-8", "surrogatepass")
        where = TextContext(path, dialect, tree or TreeFacts(), dict(models or {}))
        found: list[TextViolation] = []
        for family in self.families:
            checks = [check for check in family.text_checks if kind in check.kinds]
            if not checks or not any(n.found_in(data) for n in family.needles if kind in n.kinds):
                continue  # (the needles last: a family without checks for this kind costs nothing)
            for check in checks:
                found.extend(check.callback(text, where) if check.where else check.callback(text))
        return sorted(found, key=_BY_PLACE)

    def module_fixes(self) -> tuple[ModuleFix, ...]:
        """Every family's module fixes in the order rewrite plans them: those that claim what they convert first."""
        every = [fix for family in self.families for fix in family.module_fixes]
        return tuple(sorted(every, key=lambda fix: not fix.claims))  # (stable: the families' order within each)

    def tree_fixes(self) -> tuple[TreeFix, ...]:
        return tuple(fix for family in self.families for fix in family.tree_fixes)
