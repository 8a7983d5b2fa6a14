"""Generation parameters → chat-completions fields (hf-api.md §5), for every conversion of text generation to chat.

    {"max_new_tokens": 9, "stop_sequences": s, "do_sample": False, "temperature": 0.7, "top_k": 5}
        → max_tokens=9, stop=s, temperature=0; notes: dropped top_k (no chat-completions field),
          temperature 0.7 became 0 (do_sample=False means greedy)

The chat conversion of a POST (``rules/text_generation_chat/edits.py``) and the client-library conversions
(:mod:`.chat_calls`, for InferenceApi and ``InferenceClient.post``) map with it. Both clamp a temperature above 2,
the chat maximum (the legacy API took up to 100); only the clients' renames ``max_length``, a transformers
pipeline argument InferenceApi passed on.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate.planning.module_plan import ModuleContext

RENAMED = {"max_new_tokens": "max_tokens", "stop_sequences": "stop", "num_return_sequences": "n"}
#: The client libraries' renames: ``max_length`` (a transformers pipeline argument InferenceApi passed on) too.
CLIENT_RENAMED = {**RENAMED, "max_length": "max_tokens"}
KEPT = frozenset({"temperature", "top_p", "seed", "stop"})
SILENTLY_DROPPED = frozenset({"do_sample", "return_full_text", "use_cache", "wait_for_model"})


def map_parameters(
    context: ModuleContext,
    parameters: dict[str, cst.DictElement],
    *,
    renamed: dict[str, str] = RENAMED,
) -> tuple[list[tuple[str, str]], list[str]]:
    """Chat fields for the legacy parameters (hf-api.md §5), and notes on everything that did not carry over."""
    mapped, no_field, notes = [], [], []
    greedy = "do_sample" in parameters and context.code(parameters["do_sample"].value) == "False"
    for key, element in parameters.items():
        value = context.code(element.value)
        if key in renamed:
            mapped.append((renamed[key], value))
        elif key == "temperature" and greedy:
            notes.append(f"temperature {value} became 0 (do_sample=False means greedy)")
        elif key == "temperature" and _number(element.value, above=2.0):
            mapped.append((key, "2"))
            notes.append(f"temperature {value} clamped to 2 (the chat maximum)")
        elif key in KEPT:
            mapped.append((key, value))
        elif key == "do_sample" and greedy:
            mapped.append(("temperature", "0"))
        elif key == "return_full_text" and value != "False":
            notes.append("the answer no longer starts with the prompt (return_full_text)")
        elif key not in SILENTLY_DROPPED:
            no_field.append(key)
    if no_field:
        notes.insert(0, f"dropped {', '.join(no_field)} (no chat-completions field)")
    return mapped, notes


def _number(node: cst.BaseExpression, above: float) -> bool:
    if isinstance(node, (cst.Integer, cst.Float)):
        return float(node.value) > above
    return False
