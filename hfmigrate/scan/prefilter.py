"""The byte pre-filter: one compiled search over a file decides whether it can hold a finding at all.

The needles come from :data:`hfmigrate.needles.NEEDLES`; every ``FILE`` needle text goes into one google-re2
``Set``, which reports in one pass over the bytes (a DFA, no Python per byte) every needle that occurs. Only the
needles found are then judged: a sufficient one decides at once; one that needs a companion (``.post(`` beside
``InferenceClient``) or a narrower confirmation (the ``options`` block around ``use_cache``) gets that second cheap
test. bench/prefilter_bench.py compares this with one ``re`` alternation and two Aho-Corasick libraries; the README
says why re2 won. Without re2 (an interpreter it has no wheel for) each needle is searched with ``bytes.find``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from hfmigrate import needles as needle_table
from hfmigrate.needles import FILE, PARSE, Needle


@dataclass(frozen=True)
class Verdict:
    candidate: bool  # something a rule could report may be here (False is a promise; True is a guess)
    parse: bool  # ... and it needs the Python rules, not only the text-level token and marker rules


SearchKey = tuple[bytes, bool]  # (regular expression, ignore case)


@dataclass(frozen=True)
class Search:
    found: Callable[[bytes], set[SearchKey]]  # the search keys that occur in the data
    needles: dict[SearchKey, tuple[Needle, ...]]  # search key → its declarations


def search_table() -> list[SearchKey]:
    """The distinct patterns the one search looks for."""
    return list(declarations())


def declarations() -> dict[SearchKey, tuple[Needle, ...]]:
    declared: dict[SearchKey, list[Needle]] = {}
    for needle in needle_table.needles_for(FILE):
        declared.setdefault(needle.search_key, []).append(needle)
    return {key: tuple(found) for key, found in declared.items()}


@functools.lru_cache(maxsize=1)
def _search() -> Search:
    declared = declarations()
    return Search(re2_set(list(declared)) or find_each(declared), declared)


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


def forget_compiled() -> None:
    _search.cache_clear()


def found_needles(data: bytes) -> set[SearchKey]:
    """The search keys that occur in ``data`` (one pass)."""
    return _search().found(data)


def verdict(data: bytes, kind: str | None = None) -> Verdict:
    """Both answers from one search. ``kind`` (python, notebook, text) limits the needles to those for that kind."""
    return judge(_search(), data, kind)


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


def judge(search: Search, data: bytes, kind: str | None) -> Verdict:
    candidate = False
    for key in search.found(data):
        for needle in search.needles[key]:
            if (
                (kind is None or kind in needle.kinds)
                and (PARSE in needle.uses or not candidate)
                and _holds(needle, data)
            ):
                if PARSE in needle.uses:
                    return Verdict(True, True)
                candidate = True
    return Verdict(candidate, False)


def _holds(needle: Needle, data: bytes) -> bool:
    if needle.companions and not any(companion in data for companion in needle.companions):
        return False
    return needle.confirm is None or bool(needle.confirm(data))


def may_have_findings(data: bytes, kind: str | None = None) -> bool:
    """True when ``data`` contains something a rule could report. False is a promise; True is a guess."""
    return verdict(data, kind).candidate


def needs_python_parse(data: bytes, kind: str | None = None) -> bool:
    """Only the hard-coded-token rule and markers work on text alone; everything else needs the syntax tree."""
    return verdict(data, kind).parse


def has_hard_coded_token(data: bytes) -> bool:
    from hfmigrate.rules.tokens import has_token

    return b"hf_" in data and has_token(data)
