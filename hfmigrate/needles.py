"""Every needle, for every reader: the rule families' (``FAMILY.needle(...)``, gathered by :data:`~hfmigrate.rules.
REGISTRY`) and the engine's few (:data:`hfmigrate.comments.ENGINE_NEEDLES`: the markers rewrite left, ignore
comments). Nothing here declares a needle: a rule module declares its own, and each reader finds it here.

Each reader asks in the rule API's terms (:class:`~hfmigrate.engine.rule_api.Needle`):

* the pre-filter (:mod:`hfmigrate.scan.prefilter`): every per-file needle, split by what a file holding it needs:
  the parse (:func:`parse_needles`: its family has Python checks) or only the text-level rules
  (:func:`text_needles`: a family of text checks alone, such as hard-coded tokens, and the engine's markers);
* the statement pruning of rewrite (:mod:`hfmigrate.relevance`) and scan (:mod:`hfmigrate.scan.pruned`):
  :func:`statement_needles`, each needle's ``statements`` (its text when it names none) and the families'
  ``statements`` (words too common to be needles);
* the text rewrite of a notebook's cells and shell lines (:mod:`hfmigrate.rewrite.notebook`):
  :func:`holds_text_needle`, the text of each needle for text files (``FileKind.TEXT``).

Every needle is rare in ordinary code. ``huggingface.co`` and ``huggingface_hub`` are deliberately absent: a third
of an HF-adjacent repository mentions them (performance-notes.md). Common words (``use_cache``, ``nvidia``,
``messages``) only count with a companion and a narrower confirmation that mirrors what the rules look for.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from hfmigrate.engine.kinds import ALL_KINDS, FileKind

if TYPE_CHECKING:
    from hfmigrate.engine.registry import Registry
    from hfmigrate.engine.rule_api import Needle


def _registry(registry: Registry | None) -> Registry:
    from hfmigrate.rules import REGISTRY  # here, not at the top: the rule modules sit above this table

    return registry or REGISTRY


def _engine_needles() -> tuple[Needle, ...]:
    from hfmigrate.comments import ENGINE_NEEDLES

    return ENGINE_NEEDLES


@functools.cache
def parse_needles(registry: Registry | None = None) -> tuple[Needle, ...]:
    """The per-file needles of the families with Python checks: a file holding one needs the Python parse."""
    return tuple(
        needle
        for family in _registry(registry).families
        if family.python_checks
        for needle in family.needles
        if needle.kinds & ALL_KINDS  # (a dependency file is read whatever the pre-filter says)
    )


@functools.cache
def text_needles(registry: Registry | None = None) -> tuple[Needle, ...]:
    """The per-file needles read as text alone: those of families without Python checks (a hard-coded token)
    and the engine's (a marker rewrite left). A file holding one is a candidate, but no parse is needed."""
    families = _registry(registry).families
    return (
        *(
            needle
            for family in families
            if not family.python_checks
            for needle in family.needles
            if needle.kinds & ALL_KINDS
        ),
        *_engine_needles(),
    )


@functools.cache
def statement_needles(registry: Registry | None = None) -> tuple[str, ...]:
    """The lower-cased substrings that make a top-level statement relevant to scan and rewrite."""
    chosen = _registry(registry)
    declared = (*chosen.needles(), *_engine_needles())
    texts = [text for needle in declared for text in (needle.text,) if needle.statements is None]
    texts += [text for needle in declared for text in needle.statements or ()]
    texts += [text for family in chosen.families for text in family.statements]
    return tuple(dict.fromkeys(text.decode().lower() for text in texts))


@functools.cache
def _text_rewrite_literals(registry: Registry | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The texts of the needles for text files: (those matched as written, those in any case, lower-cased)."""
    needles = _registry(registry).needles(FileKind.TEXT)
    exact = tuple(dict.fromkeys(n.text.decode() for n in needles if not n.ignore_case))
    folded = tuple(dict.fromkeys(n.text.decode().lower() for n in needles if n.ignore_case))
    return exact, folded


def holds_text_needle(text: str, registry: Registry | None = None) -> bool:
    """Whether ``text`` (a notebook cell, a shell line) holds the text of a needle for text files: only then is it
    handed to the text rewrite. A needle's text alone decides here (no companion, no confirmation)."""
    exact, folded = _text_rewrite_literals(registry)
    if any(literal in text for literal in exact):
        return True
    if not folded:
        return False
    lowered = text.lower()
    return any(literal in lowered for literal in folded)
