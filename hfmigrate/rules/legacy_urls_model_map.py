"""``--model-map`` / ``models:`` for a model constant that a legacy URL uses as its whole model segment.

    MODEL = "gpt2"                                              → MODEL = "openai-community/gpt2"
    url = f"https://api-inference.huggingface.co/models/{MODEL}"   (the URL's own edit: legacy_urls_fix.py)

Part of the fix a legacy URL's finding carries (:mod:`hfmigrate.rules.legacy_urls_fix`), and of the joins of a
prefix constant (``rules/legacy_urls_joins.py``). Only a string that is exactly a mapped id, assigned once to the
name the URL's model hole is, changes: the same word elsewhere (a tokenizer name, a log line) is left alone. An id
written inside the URL is mapped with the URL. Imported by rewrite only (it edits rewrite's module plan).
"""

from __future__ import annotations

import re

import libcst as cst

from hfmigrate import urls
from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import StringTemplate


def map_model_constant(context: ModuleContext, template: StringTemplate, legacy: urls.LegacyUrl, code: str) -> None:
    """Map the literal bound to the name that is ``legacy``'s whole model segment (``template``: the URL as written)."""
    if not context.models or not legacy.model:
        return
    holes = urls.placeholders_in(legacy.model)
    if len(holes) != 1 or legacy.model != urls.placeholder(holes[0]):
        return
    hole = template.dynamic[holes[0]]
    if not isinstance(hole, cst.Name):
        return
    for literal, old in _mapped_literals(context).get(hole.value, ()):
        if id(literal) in context.replacements:
            continue  # mapped already, for another URL that uses the same name
        if context.is_claimed(literal) or not _assigned_once(context, hole.value):
            continue
        new = context.models[old]
        if urls.is_model_id(new) and "\\" not in literal.value:
            head = len(literal.prefix) + len(literal.quote)
            edited = literal.with_changes(value=literal.value[:head] + new + literal.value[-len(literal.quote) :])
            context.replace(literal, edited, code)


def _mapped_literals(context: ModuleContext) -> dict[str, list[tuple[cst.SimpleString, str]]]:
    """Name → the plain literals (and the id each holds) that ``NAME = "<mapped id>"`` binds, once per module."""
    known = context.memo.get("mapped model literals")
    if isinstance(known, dict):
        return known
    index: dict[str, list[tuple[cst.SimpleString, str]]] = {}
    for node, template in context.strings:
        if template.dynamic or template.text not in context.models or not isinstance(node, cst.SimpleString):
            continue
        assign = context.parent(node)
        if isinstance(assign, cst.Assign) and len(assign.targets) == 1 and assign.value is node:
            target = assign.targets[0].target
            if isinstance(target, cst.Name):
                index.setdefault(target.value, []).append((node, template.text))
    context.memo["mapped model literals"] = index
    return index


def _assigned_once(context: ModuleContext, name: str) -> bool:
    """Counted in the whole file: the parsed module may hold only the relevant statements. Once per name: every URL
    whose hole is the name asks (10,000 of them would each search the whole file)."""
    answers = context.memo.setdefault("assigned once", {})
    assert isinstance(answers, dict)
    if name not in answers:
        answers[name] = _bound_once_in(context.source_text or context.module.code, name)
    return answers[name]


def _bound_once_in(source: str, name: str) -> bool:
    binding = re.compile(
        rf"^[ \t]*(?:global[ \t]+)?{re.escape(name)}[ \t]*(?::[^=\n]+)?(?:=(?!=)|[+|]=)|\bas[ \t]+{re.escape(name)}\b"
        rf"|\bfor[ \t]+{re.escape(name)}\b|\b{re.escape(name)}[ \t]*:=",
        re.MULTILINE,
    )
    return len(binding.findall(source)) == 1
