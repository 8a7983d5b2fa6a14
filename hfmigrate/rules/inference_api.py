"""HFM301: ``huggingface_hub.InferenceApi`` (removed in 1.0, it called the retired host) becomes ``InferenceClient``.

    from huggingface_hub import InferenceApi                   from huggingface_hub import InferenceClient
    api = InferenceApi(repo_id=M, task="summarization")   →    api = InferenceClient(model=M)
    out = api(inputs=text)                                     out = api.summarization(text)

Reported at each import of ``InferenceApi`` (any alias, also from ``huggingface_hub.inference_api``) and at each
construction (also ``hh.InferenceApi(...)``). The import's fix swaps it for ``InferenceClient``; the
construction's fix is a planned edit (:mod:`.inference_api_fix`): it converts the calls of the instance and the
reads of their results, which no single node edit reaches. Any other name from the removed
``huggingface_hub.inference_api`` module (``ALL_TASKS``) is reported too, with a marker.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from hfmigrate.engine.rule_api import (
    CatalogueEntry,
    FileKind,
    Fix,
    FixKind,
    Needle,
    PlannedEdit,
    PythonViolation,
    RuleFamily,
)
from hfmigrate.rules.hub_client import client_model_mentions, leftover_marker

if TYPE_CHECKING:
    import libcst as cst

    from hfmigrate.engine.python import PythonView

FAMILY = RuleFamily("inference_api")
ENTRY = CatalogueEntry(
    "HFM301",
    "inference-api-class",
    "`huggingface_hub.InferenceApi`",
    "`InferenceApi` called the retired host and was removed in huggingface_hub 1.0. Use "
    "`InferenceClient(model=..., token=...)` and its task method. Today's LLMs are served only for chat, where "
    '`text_generation` fails with "Supported task: conversational": text generation (or the old '
    "conversational task) on a chat model becomes `chat_completion(messages=[...], max_tokens=...)`, and "
    '`[0]["generated_text"]` reads become `.choices[0].message.content`. A chat model is what the check-models '
    "cache says, else a name heuristic (Instruct, chat, -it, zephyr, ...); on any other model the call stays "
    "`text_generation`, with a marker. Every other name imported from its module `huggingface_hub.inference_api` "
    "(such as `ALL_TASKS`) is reported too; rewrite marks those imports.",
    'LLM_ID = "meta-llama/Llama-3.1-8B-Instruct"\n'
    'api = InferenceApi(repo_id=LLM_ID, task="text-generation", token=TOKEN)\n'
    'out = api(inputs="Hi", params={"max_new_tokens": 50})\nprint(out[0]["generated_text"])',
    'LLM_ID = "meta-llama/Llama-3.1-8B-Instruct"\n'
    "api = InferenceClient(model=LLM_ID, token=TOKEN)\n"
    'out = api.chat_completion(messages=[{"role": "user", "content": "Hi"}], max_tokens=50)\n'
    "print(out.choices[0].message.content)",
    fix=FixKind.EDIT,
)
FAMILY.entry(ENTRY)
# inference_api: the removed module (ALL_TASKS ...); InferenceApi: the class, however imported
FAMILY.needle(
    Needle(b"InferenceApi", frozenset({FileKind.PYTHON})), Needle(b"inference_api", frozenset({FileKind.PYTHON}))
)

INFERENCE_API = frozenset({"huggingface_hub.InferenceApi", "huggingface_hub.inference_api.InferenceApi"})
REMOVED_MODULE = "huggingface_hub.inference_api"
MESSAGE = "`InferenceApi` called the retired host and was removed; use `InferenceClient` and its task method"
REMOVED_MODULE_MESSAGE = (
    "`{}` comes from a module huggingface_hub removed with `InferenceApi`; use `InferenceClient` and its task "
    "methods (the task list is on the model's Hub page: `pipeline_tag`)"
)


def from_removed_module(qualified: str) -> bool:
    """``huggingface_hub.inference_api`` itself, or a name imported from it other than InferenceApi."""
    return qualified not in INFERENCE_API and (
        qualified == REMOVED_MODULE or qualified.startswith(REMOVED_MODULE + ".")
    )


@FAMILY.python("Import", "ImportFrom")
def legacy_import(node: cst.Import | cst.ImportFrom, view: PythonView) -> Iterator[PythonViolation]:
    import libcst as cst

    from hfmigrate.pysyntax import ImportMap

    for alias, qualified in ImportMap().add(node):
        if qualified in INFERENCE_API and isinstance(node, cst.ImportFrom):
            yield PythonViolation("HFM301", MESSAGE + " (imported here)", alias, Fix((_import_swap(node),)))
        elif from_removed_module(qualified):
            message = REMOVED_MODULE_MESSAGE.format(qualified)
            yield PythonViolation("HFM301", message, alias, Fix(marker=leftover_marker(ENTRY)))


@FAMILY.python("Call")
def construction(node: cst.Call, view: PythonView) -> Iterator[PythonViolation]:
    if (view.imports.qualified(node.func) or "") not in INFERENCE_API:
        return

    def plan(context) -> None:
        from hfmigrate.rules.inference_api_fix import convert_instance

        convert_instance(context, node)

    yield PythonViolation("HFM301", MESSAGE, node, Fix((PlannedEdit(plan),)), mentions=client_model_mentions(node))


def _import_swap(node: cst.ImportFrom) -> PlannedEdit:
    def plan(context) -> None:
        from hfmigrate.rules.inference_api_fix import convert_import

        convert_import(context, node, INFERENCE_API)

    return PlannedEdit(plan)
