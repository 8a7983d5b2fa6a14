"""``--model-map`` / ``models:``: an old id in its own literal is replaced when that literal feeds a legacy URL.

    MODEL = "gpt2"                                              → MODEL = "openai-community/gpt2"
    url = f"https://api-inference.huggingface.co/models/{MODEL}"   (the URL itself is the URL rule's)

Only a string that is exactly a mapped id, assigned once to a name that a legacy URL uses as its whole model
segment, changes: the same word elsewhere (a tokenizer name, a log line) is left alone. An id written inside the
URL is mapped by the URL rule.
"""

from __future__ import annotations

import re

import libcst as cst

from hfmigrate import urls
from hfmigrate.rewrite.context import ModuleContext
from hfmigrate.rules.legacy_urls import URL_KIND_CODES

CODES = ("HFM101", "HFM102", "HFM103")


def plan(context: ModuleContext) -> None:
    if not context.models:
        return
    feeding = _names_feeding_urls(context)
    for node, template in context.strings:
        if template.dynamic or template.text not in context.models or not isinstance(node, cst.SimpleString):
            continue
        assign = context.parent(node)
        if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1 and assign.value is node):
            continue
        target = assign.targets[0].target
        if not isinstance(target, cst.Name):
            continue
        code = feeding.get(target.value)
        if code is None or context.is_claimed(node) or not _assigned_once(context, target.value):
            continue
        new = context.models[template.text]
        if urls.is_model_id(new) and "\\" not in node.value:
            head = len(node.prefix) + len(node.quote)
            context.replace(
                node, node.with_changes(value=node.value[:head] + new + node.value[-len(node.quote) :]), code
            )


def _assigned_once(context: ModuleContext, name: str) -> bool:
    """Counted in the whole file: the parsed module may hold only the relevant statements."""
    source = context.source_text or context.module.code
    binding = re.compile(
        rf"^[ \t]*(?:global[ \t]+)?{re.escape(name)}[ \t]*(?::[^=\n]+)?(?:=(?!=)|[+|]=)|\bas[ \t]+{re.escape(name)}\b"
        rf"|\bfor[ \t]+{re.escape(name)}\b|\b{re.escape(name)}[ \t]*:=",
        re.MULTILINE,
    )
    return len(binding.findall(source)) == 1


def _names_feeding_urls(context: ModuleContext) -> dict[str, str]:
    """Names used as the whole model segment of a legacy URL template → that URL's rule code."""
    found: dict[str, str] = {}
    for _, template in context.strings:
        legacy = _legacy(context, template)
        if legacy is None or not legacy.model:
            continue
        indices = urls.placeholders_in(legacy.model)
        if len(indices) == 1 and legacy.model == urls.placeholder(indices[0]):
            hole = template.dynamic[indices[0]]
            if isinstance(hole, cst.Name):
                found.setdefault(hole.value, URL_KIND_CODES[legacy.kind])
    return found


def _legacy(context: ModuleContext, template) -> urls.LegacyUrl | None:
    if urls.is_legacy(template.text):
        return urls.parse_legacy(template.text.strip())
    head = urls.placeholder(0)
    if template.text.startswith(head) and isinstance(template.dynamic[0], cst.Name):
        prefix = context.prefixes.get(template.dynamic[0].value)
        if prefix:
            return urls.parse_legacy(prefix.value + template.text[len(head) :])
    return None
