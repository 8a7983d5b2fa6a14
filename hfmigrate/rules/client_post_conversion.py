"""HFM302's fix as the finding carries it: a planned conversion of the removed ``InferenceClient.post`` where
rewrite can make one, else a marker saying what to call by hand.

The decision (a literal task with a known method, a payload rewrite can read, a chat model by its name) is taken
when scanning, so it lives apart from :mod:`.client_post_fix`, the conversion itself, which imports rewrite's plan
and is loaded only when rewrite applies the fix. Part of the family in :mod:`hfmigrate.rules.hub_client`.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from hfmigrate.engine.rule_api import Fix, PlannedEdit
from hfmigrate.rules.task_methods import CHAT_TASKS, TASK_METHODS

if TYPE_CHECKING:
    import libcst as cst

    from hfmigrate.engine.python import ClientBinding, PythonView

POST_REMOVED = (
    "InferenceClient.post was removed in 0.31: call the task method (text_generation, feature_extraction, ...)"
)
CHAT_BY_HAND = (
    "InferenceClient.post was removed in 0.31, and this model is served only for "
    "chat: call chat_completion(messages=[...], model=...) by hand (the payload is not a literal "
    "{'inputs': ..., 'parameters': {...}})"
)


def post_fix(call: cst.Call, client: ClientBinding, view: PythonView) -> Fix:
    """A planned conversion where rewrite can make one (the same tests :mod:`.client_post_fix` makes), else a
    marker. A chat model is judged by its name here; ``--resolve-models`` may judge it otherwise in rewrite."""
    conversion = _conversion(call, client, view)
    if conversion is not _Conversion.PLANNED:
        return Fix(marker=CHAT_BY_HAND if conversion is _Conversion.CHAT_BY_HAND else POST_REMOVED)
    constructor = client.call

    def plan(context) -> None:
        from hfmigrate.rules.client_post_fix import convert

        convert(context, call, constructor)

    return Fix((PlannedEdit(plan),))


class _Conversion(enum.Enum):
    PLANNED = "planned"  # rewrite converts the call
    CHAT_BY_HAND = "chat by hand"  # a chat model, a payload rewrite cannot read
    TASK_BY_HAND = "task by hand"  # no literal task with a known method, or no readable inputs


def _conversion(call: cst.Call, client: ClientBinding, view: PythonView) -> _Conversion:
    import libcst as cst

    from hfmigrate import facts
    from hfmigrate.pysyntax import dict_items, keyword, string_value

    task_arg = keyword(call, "task")
    task = string_value(task_arg.value) if task_arg else None
    model_arg = keyword(call, "model") or (keyword(client.call, "model") if client.call is not None else None)
    model = _literal_model(model_arg.value, view) if model_arg is not None else None
    if task in CHAT_TASKS and facts.is_chat_model(model):
        payload = keyword(call, "json")
        items = dict(dict_items(payload.value)) if payload is not None and isinstance(payload.value, cst.Dict) else {}
        parameters = items["parameters"].value if "parameters" in items else None
        readable = (
            "inputs" in items
            and not set(items) - {"inputs", "parameters", "options"}
            and (parameters is None or isinstance(parameters, cst.Dict))
            and (task != "conversational" or _plain_conversation(items["inputs"].value))
        )
        return _Conversion.PLANNED if readable else _Conversion.CHAT_BY_HAND
    if task in TASK_METHODS and inputs_of(call) is not None:
        return _Conversion.PLANNED
    return _Conversion.TASK_BY_HAND


def _literal_model(value: cst.BaseExpression, view: PythonView) -> str | None:
    import libcst as cst

    from hfmigrate.pysyntax import string_value

    literal = string_value(value)
    if literal is None and isinstance(value, cst.Name):
        literal = view.constant(value.value)
    return literal


def _plain_conversation(inputs: cst.BaseExpression) -> bool:
    """A legacy conversational input without history: a string, or ``{"text": t}``."""
    import libcst as cst

    from hfmigrate.pysyntax import dict_items

    if not isinstance(inputs, cst.Dict):
        return True
    items = dict(dict_items(inputs))
    return set(items) == {"text"} and len(items) == len(inputs.elements)


def inputs_of(call: cst.Call) -> cst.BaseExpression | None:
    """What ``post`` sends: ``data=...``, or the ``"inputs"`` of a ``json={"inputs": ...}`` literal alone."""
    import libcst as cst

    from hfmigrate.pysyntax import dict_items, keyword

    data = keyword(call, "data")
    if data is not None:
        return data.value
    payload = keyword(call, "json")
    if payload is None or not isinstance(payload.value, cst.Dict):
        return None
    items = dict(dict_items(payload.value))
    if set(items) != {"inputs"}:
        return None
    return items["inputs"].value
