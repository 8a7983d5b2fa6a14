"""Does this call do LLM text generation? And what does the check-models catalogue say about its model?

The evidence (issue 9, point 2): generation parameters in the body, ``generated_text`` reads of the result, a
hand-built chat template or a message list in ``inputs``, or an LLM model id
(:func:`hfmigrate.facts.looks_like_llm_model`, the one name heuristic). Captioning, OCR and speech models answer
``generated_text`` too: they never count.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import libcst as cst

from hfmigrate import facts, urls
from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import dict_items

if TYPE_CHECKING:
    from hfmigrate.catalog.statuses import MigrationRoute

GENERATION_PARAMETERS = frozenset(
    {
        "max_new_tokens",
        "return_full_text",
        "do_sample",
        "repetition_penalty",
        "top_k",
        "top_p",
        "temperature",
        "num_return_sequences",
        "stop",
        "stop_sequences",
        "typical_p",
        "watermark",
        "details",
        "best_of",
        "max_time",
        "truncate",
        "seed",
    }
)
BINARY_HINTS = ("b64encode", "base64", ".read()", "open(")
CHAT_TEMPLATE = re.compile(
    r"\[INST\]|<\|(?:user|im_start|system|assistant|start_header_id)\|>|<start_of_turn>|### (?:Instruction|Human)"
)


def generation_parameters(parameters: cst.BaseExpression | None) -> bool:
    if not isinstance(parameters, cst.Dict):
        return False
    return bool({key for key, _ in dict_items(parameters)} & GENERATION_PARAMETERS)


def chat_template_in(context: ModuleContext, inputs: cst.BaseExpression | None) -> str | None:
    """The chat-template token a hand-built prompt holds (``[INST]``, ``<|user|>`` ...), or None."""
    if inputs is None:
        return None
    code = context.code(inputs)
    resolved = context.resolve_name(inputs) if isinstance(inputs, cst.Name) else None
    if resolved is not None:
        code += context.code(resolved)
    match = CHAT_TEMPLATE.search(code)
    return match.group(0) if match else None


def message_list(inputs: cst.BaseExpression | None) -> bool:
    """``"inputs": [{"role": ..., "content": ...}, ...]``: chat messages sent to the legacy endpoint."""
    if not isinstance(inputs, cst.List) or not inputs.elements:
        return False
    return all(
        isinstance(element.value, cst.Dict) and "role" in dict(dict_items(element.value)) for element in inputs.elements
    )


def binary_inputs(context: ModuleContext, inputs: cst.BaseExpression | None) -> bool:
    """Image or audio bytes (base64, ``open(...).read()``): captioning or speech, never an LLM."""
    if inputs is None:
        return False
    if isinstance(inputs, cst.SimpleString) and "b" in inputs.prefix.lower():
        return True
    resolved = context.resolve_name(inputs) if isinstance(inputs, cst.Name) else None
    code = context.code(inputs) + (context.code(resolved) if resolved is not None else "")
    return any(hint in code for hint in BINARY_HINTS)


def catalog_route(
    context: ModuleContext, model: str | None, task: str = "text-generation", node: cst.CSTNode | None = None
) -> MigrationRoute | None:
    """The catalogue's verdict for ``model`` at ``node`` (the request call or the URL): ``chat``, ``hf-inference``,
    ``marker``, or None when it has none.

    The one place rewrite's chat conversion asks about availability (with ``--resolve-models``, through the
    check-models cache); plug a per-call-site verdict in here.
    """
    if not model:
        return None
    verdict = context.verdicts.get(context.models.get(model, model))
    return verdict.route(task) if verdict is not None else None


def module_does_generation(context: ModuleContext) -> bool:
    """The module's text reads or sends generated text somewhere (used where no call chain is in reach)."""
    source = context.source_text or context.module.code
    if any(hint in source for hint in BINARY_HINTS):
        return False
    return "generated_text" in source or "max_new_tokens" in source or bool(CHAT_TEMPLATE.search(source))


def model_is_llm(model: str | None) -> bool:
    return bool(model) and not urls.is_dynamic(model or "") and facts.looks_like_llm_model(model or "")


def model_is_chat(model: str | None) -> bool:
    return bool(model) and not urls.is_dynamic(model or "") and facts.looks_like_todays_llm(model or "")


def model_is_not_llm(model: str | None) -> bool:
    return bool(model) and not urls.is_dynamic(model or "") and urls.looks_like_non_llm_model(model or "")
