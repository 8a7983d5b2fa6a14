"""The byte pre-filter: one compiled search over a file decides whether it can hold a finding at all.

The needles are the rule families' and the engine's (:mod:`hfmigrate.needles`); every needle's search key (its
``search`` pattern, or its escaped text) goes into one google-re2 ``Set``, which reports in one pass over the bytes
(a DFA, no Python per byte) every key that occurs. Only the needles found are then judged: one alone decides at
once; one that needs a companion (``text_generation`` beside ``InferenceClient``) or a narrower confirmation (the
``options`` block around ``use_cache``) gets that second cheap test. bench/prefilter_bench.py compares this with
one ``re`` alternation and two Aho-Corasick libraries; the README says why re2 won. Without re2 (an interpreter it
has no wheel for) each needle is searched with ``bytes.find``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from hfmigrate import needles as needle_table
from hfmigrate.engine.rule_api import Needle


@dataclass(frozen=True)
class Verdict:
    candidate: bool  # something a rule could report may be here (False is a promise; True is a guess)
    parse: bool  # ... and it needs the Python rules, not only the text-level token and marker rules


SearchKey = tuple[bytes, bool]  # (regular expression, ignore case)


@dataclass(frozen=True)
class Confirmation:
    """What a needle the search found still asks of the file, and what the file then needs."""

    parse: bool  # the Python rules (the needle's family has Python checks), not only the text-level ones
    companion: bytes | None = None
    confirm: Callable[[bytes], bool] | None = None  # a narrower test the search has not already made

    def holds(self, data: bytes) -> bool:
        return (self.companion is None or self.companion in data) and (self.confirm is None or self.confirm(data))


@dataclass(frozen=True)
class Search:
    found: Callable[[bytes], set[SearchKey]]  # the search keys that occur in the data
    confirmations: dict[SearchKey, tuple[Confirmation, ...]]  # search key → what each of its needles asks


def search_key(needle: Needle) -> SearchKey:
    """What the one search looks for: the needle's pattern, or its escaped text."""
    return (needle.search or re.escape(needle.text), needle.ignore_case)


def declarations() -> dict[SearchKey, tuple[Needle, ...]]:
    declared: dict[SearchKey, list[Needle]] = {}
    for needle in (*needle_table.parse_needles(), *needle_table.text_needles()):
        declared.setdefault(search_key(needle), []).append(needle)
    return {key: tuple(found) for key, found in declared.items()}


def confirmations() -> dict[SearchKey, tuple[Confirmation, ...]]:
    judged: dict[SearchKey, list[Confirmation]] = {}
    for parse, needles in ((True, needle_table.parse_needles()), (False, needle_table.text_needles())):
        for needle in needles:
            confirm = None if needle.confirm is None or _searched_as_confirmed(needle) else needle.confirms
            judged.setdefault(search_key(needle), []).append(Confirmation(parse, needle.companion, confirm))
    return {key: tuple(found) for key, found in judged.items()}


def _searched_as_confirmed(needle: Needle) -> bool:
    """The needle's search pattern is its confirmation: the one search has already run it (a second ``re`` pass
    over the file would cost more than the search itself: a pattern opening with a class has no literal prefix)."""
    confirm = needle.confirm
    return isinstance(confirm, re.Pattern) and needle.search == confirm.pattern and not confirm.flags & re.IGNORECASE


@functools.lru_cache(maxsize=1)
def _search() -> Search:
    declared = declarations()
    return Search(re2_set(list(declared)) or find_each(declared), confirmations())


def re2_set(keys: list[SearchKey]) -> Callable[[bytes], set[SearchKey]] | None:
    try:
        import re2
    except ImportError:
        return None
    options = re2.Options()
    options.max_mem = 32 << 20  # the bounded repeats of the options patterns need more than the 8 MB default
    searcher = re2.Set.SearchSet(options)
    for pattern, ignore_case in keys:
        searcher.Add((b"(?i)" if ignore_case else b"") + pattern)
    searcher.Compile()

    def found(data: bytes) -> set[SearchKey]:
        return {keys[index] for index in searcher.Match(data) or ()}

    return found


def find_each(declared: dict[SearchKey, tuple[Needle, ...]]) -> Callable[[bytes], set[SearchKey]]:
    """The same answers with the standard library: a needle's literal with ``in``, then the key's pattern (needles
    of different literals may share a pattern: ``use_cache`` and ``use_gpu`` in an options block)."""
    checks = []
    for key, needles in declared.items():
        pattern, ignore_case = key
        literals = tuple({n.text.lower() if ignore_case else n.text for n in needles})
        exact = all(re.escape(n.text) == pattern for n in needles)
        compiled = None if exact else re.compile(pattern, re.IGNORECASE if ignore_case else 0)
        checks.append((key, literals, ignore_case, compiled))

    def found(data: bytes) -> set[SearchKey]:
        lowered = data.lower() if any(check[2] for check in checks) else data
        hits = set()
        for key, literals, ignore_case, compiled in checks:
            searched = lowered if ignore_case else data
            if any(literal in searched for literal in literals) and (compiled is None or compiled.search(data)):
                hits.add(key)
        return hits

    return found


def verdict(data: bytes) -> Verdict:
    """Both answers from one search."""
    return judge(_search(), data)


def file_verdict(data: bytes, file_kind: str) -> Verdict:
    """:func:`verdict` for a whole file of ``file_kind`` (python, notebook, text).

    A notebook's code is JSON-escaped: ``"messages"`` is ``\\"messages\\"`` in its bytes, which the needles that
    read quotes (a dict key, ``provider="hf-inference"``) do not match. Such a notebook is searched once more with
    its quotes unescaped."""
    judged = verdict(data)
    if file_kind != "notebook" or judged.parse or b'\\"' not in data:
        return judged
    unescaped = verdict(data.replace(b'\\"', b'"'))
    return Verdict(judged.candidate or unescaped.candidate, unescaped.parse)


def judge(search: Search, data: bytes) -> Verdict:
    candidate = False
    for key in search.found(data):
        for confirmation in search.confirmations[key]:
            if (confirmation.parse or not candidate) and confirmation.holds(data):
                if confirmation.parse:
                    return Verdict(True, True)
                candidate = True
    return Verdict(candidate, False)


def may_have_findings(data: bytes) -> bool:
    """True when ``data`` contains something a rule could report. False is a promise; True is a guess."""
    return verdict(data).candidate


def needs_python_parse(data: bytes) -> bool:
    """Only the hard-coded-token rule and markers work on text alone; everything else needs the syntax tree."""
    return verdict(data).parse


def has_hard_coded_token(data: bytes) -> bool:
    from hfmigrate.rules.tokens import has_token

    return b"hf_" in data and has_token(data)
