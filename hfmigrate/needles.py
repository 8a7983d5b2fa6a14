"""The one table of needles: the byte strings that make a file (or a top-level statement) worth a closer look.

Each :class:`Needle` says what it is, which file kinds it counts in, and whether it suffices alone or only
together with a companion (``router.huggingface`` matters only with ``parameters``). The pre-filter
(:mod:`hfmigrate.scan.prefilter`) compiles every ``FILE`` needle into one search; the statement picker
(:mod:`hfmigrate.relevance`) and the notebook rewrite take theirs from here too. A rule module contributes a
needle by adding a declaration to :data:`NEEDLES` (or with :func:`register`); nothing else keeps a copy.

Every needle is rare in ordinary code. ``huggingface.co`` and ``huggingface_hub`` are deliberately absent: a third
of an HF-adjacent repository mentions them (performance-notes.md). Common words (``use_cache``, ``nvidia``,
``messages``) only count with a companion and a narrower confirmation that mirrors what the rules look for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

ALL_KINDS = frozenset({"python", "notebook", "text"})

# Where a needle counts. FILE: the pre-filter. PARSE: the file needs the Python rules (not only the text-level
# token and marker rules). STATEMENT: a top-level statement holding it is relevant to rewrite and scan;
# SCAN_STATEMENT: relevant to scan only (what HFM203/HFM205 read beyond the rewrite's needles).
# TEXT_REWRITE: what the text rewriter changes (a notebook's shell lines are handed to it only when one is there).
FILE, PARSE, STATEMENT, SCAN_STATEMENT = "file", "parse", "statement", "scan-statement"
TEXT_REWRITE = "text-rewrite"


@dataclass(frozen=True)
class Needle:
    text: bytes  # a literal that every occurrence contains
    uses: frozenset[str]  # FILE, PARSE, STATEMENT, SCAN_STATEMENT
    kinds: frozenset[str] = ALL_KINDS
    companions: tuple[bytes, ...] = ()  # when given, at least one must be in the file too
    confirm: Callable[[bytes], bool] | None = None  # a narrower test on the whole file, run only when the rest hold
    ignore_case: bool = False
    # The exact shape (a regular expression in the syntax re2 and re share), searched for in the same pass instead
    # of ``text``, for a needle whose literal is common: ``hf_`` is in every ``hf_hub_download``.
    pattern: bytes | None = None

    @property
    def sufficient(self) -> bool:
        """Whether the needle alone sends a file on (no companion, no confirmation)."""
        return not self.companions and self.confirm is None

    @property
    def search_key(self) -> tuple[bytes, bool]:
        """What the one search looks for: the pattern, or the escaped literal."""
        return (self.pattern or re.escape(self.text), self.ignore_case)


def _uses(*names: str) -> frozenset[str]:
    return frozenset(names)


NEEDLES: list[Needle] = []


def register(needle: Needle) -> None:
    """Add a rule module's needle. Call at import time, before the first scan (the compiled search is cached)."""
    NEEDLES.append(needle)
    from hfmigrate.scan import prefilter

    prefilter.forget_compiled()


_rule_api_needles_added = False


def all_needles() -> list[Needle]:
    """The needles of the families on the rule API (:mod:`hfmigrate.rules`) and the engine's, added on first use."""
    global _rule_api_needles_added
    if not _rule_api_needles_added:
        _rule_api_needles_added = True
        from hfmigrate.engine.rule_api import ALL_KINDS
        from hfmigrate.rules import REGISTRY  # here, not at the top: the rule modules sit above this table
        from hfmigrate.scan.common import ENGINE_NEEDLES

        NEEDLES.extend(
            converted
            for family in REGISTRY.families
            for needle in family.needles
            if needle.kinds & ALL_KINDS  # (a dependency file is read whatever the pre-filter says)
            for converted in _from_rule_api(needle, parse=bool(family.python_checks))
        )
        for needle in ENGINE_NEEDLES:
            file_needle, *statements = _from_rule_api(needle, parse=False)
            NEEDLES.append(Needle(needle.text, _uses(FILE)))
            NEEDLES.extend(statements)
        NEEDLES.extend(
            Needle(text, _uses(SCAN_STATEMENT)) for family in REGISTRY.families for text in family.scan_statements
        )
    return NEEDLES


def _from_rule_api(declared, parse: bool = True) -> list[Needle]:
    """A rule-API needle (:class:`hfmigrate.engine.rule_api.Needle`) as declarations of this table (the file needle,
    and the statement needles it names when they are not its own text); ``parse``: its family has Python checks
    (a family of text checks only, such as tokens, sends no file to the parser)."""
    from hfmigrate.engine.rule_api import FileKind

    kinds = {"notebook"} | {"python" if kind is FileKind.PYTHON else "text" for kind in declared.kinds}
    confirm = None if _searched_as_confirmed(declared) else declared.confirms if declared.confirm is not None else None
    companions = (declared.companion,) if declared.companion is not None else ()
    uses = _uses(FILE, PARSE, TEXT_REWRITE) if FileKind.TEXT in declared.kinds else _uses(FILE, PARSE)
    if not parse:
        uses -= {PARSE}
    if declared.statements is None:
        uses |= {STATEMENT}
    file_needle = Needle(
        declared.text, uses, frozenset(kinds), companions, confirm, declared.ignore_case, declared.search
    )
    return [file_needle, *(Needle(text, _uses(STATEMENT)) for text in declared.statements or ())]


def _searched_as_confirmed(declared) -> bool:
    """The needle's search pattern is its confirmation: the one search has already run it (a second ``re`` pass
    over the file would cost more than the search itself: a pattern opening with a class has no literal prefix)."""
    confirm = declared.confirm
    return isinstance(confirm, re.Pattern) and declared.search == confirm.pattern and not confirm.flags & re.IGNORECASE


def needles_for(use: str) -> list[Needle]:
    return [needle for needle in all_needles() if use in needle.uses]


def statement_needles(scan: bool) -> tuple[str, ...]:
    """Lower-cased needles that make a top-level statement relevant (to rewrite; with ``scan``, to scan too)."""
    uses = {STATEMENT, SCAN_STATEMENT} if scan else {STATEMENT}
    found = dict.fromkeys(n.text.decode().lower() for n in all_needles() if uses & n.uses)
    return tuple(found)


def mentions(text: str, use: str) -> bool:
    """Whether ``text`` holds the literal of a needle for ``use`` (for short texts: a notebook line)."""
    lowered = None
    for needle in needles_for(use):
        literal = needle.text.decode()
        if needle.ignore_case:
            lowered = text.lower() if lowered is None else lowered
            if literal.lower() in lowered:
                return True
        elif literal in text:
            return True
    return False
