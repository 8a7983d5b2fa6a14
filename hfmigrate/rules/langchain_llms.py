"""HFM306, HFM307: LangChain's ``HuggingFaceHub`` and ``HuggingFaceInferenceAPIEmbeddings``, broken today.

    from langchain import HuggingFaceHub                        from langchain_huggingface import HuggingFaceEndpoint
    llm = HuggingFaceHub(repo_id=M, model_kwargs={...})   →    llm = HuggingFaceEndpoint(repo_id=M, temperature=...)
    HuggingFaceInferenceAPIEmbeddings(api_key=k, model_name=M)
        →  HuggingFaceEndpointEmbeddings(huggingfacehub_api_token=k, model=M)

Reported at each import of either name from a LangChain module and at each construction. HFM306's fixes are
planned edits (:mod:`.langchain_hub_fix`): whether an endpoint is wrapped in ``ChatHuggingFace`` depends on every
use of its model, and the module's LangChain 0.x imports move with it. HFM307's are node edits: the import is
swapped and the call's arguments renamed (uses of the old name follow the import). A class from a module rewrite
does not know gets a marker.
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
    NodeEdit,
    PlannedEdit,
    PythonViolation,
    RuleFamily,
)
from hfmigrate.rules.hub_client import client_model_mentions, leftover_marker

if TYPE_CHECKING:
    import libcst as cst

    from hfmigrate.engine.python import PythonView

FAMILY = RuleFamily("langchain_llms")
HUB_ENTRY = CatalogueEntry(
    "HFM306",
    "langchain-huggingfacehub",
    "LangChain `HuggingFaceHub`",
    "`HuggingFaceHub` is deprecated and broken (it calls the removed `InferenceClient.post`). Use "
    "`langchain_huggingface.HuggingFaceEndpoint` with the model kwargs as explicit arguments. It calls "
    "`text_generation`, which fails on today's chat-only LLMs, so a chat model is wrapped: "
    "`ChatHuggingFace(llm=HuggingFaceEndpoint(...))`, where every use takes a chat model (a chain or agent, a "
    "pipe stage with a next stage, `llm(x)` → `llm.invoke(x).content`); otherwise a marker names the use. "
    "LangChain 0.1 imports in the module move to today's homes (`LLMChain` → `langchain_classic.chains`, prompt "
    "templates → `langchain_core.prompts`). A model no provider serves (`google/flan-t5-xxl`) gets a marker: "
    "choose a chat model, or rewrite with `--model-map OLD=NEW`, which also wraps it in `ChatHuggingFace`.",
    'llm = HuggingFaceHub(repo_id="google/flan-t5-xxl", model_kwargs={"temperature": 0.5})',
    'llm = HuggingFaceEndpoint(repo_id="google/flan-t5-xxl", temperature=0.5)',
    fix=FixKind.EDIT,
)
EMBEDDINGS_ENTRY = CatalogueEntry(
    "HFM307",
    "langchain-inference-api-embeddings",
    "LangChain `HuggingFaceInferenceAPIEmbeddings`",
    "It still calls the retired `/pipeline/feature-extraction/` URL. Use "
    "`langchain_huggingface.HuggingFaceEndpointEmbeddings(model=..., huggingfacehub_api_token=...)`.",
    'emb = HuggingFaceInferenceAPIEmbeddings(api_key=key, model_name="BAAI/bge-small-en-v1.5")',
    'emb = HuggingFaceEndpointEmbeddings(huggingfacehub_api_token=key, model="BAAI/bge-small-en-v1.5")',
    fix=FixKind.EDIT,
)
FAMILY.entry(HUB_ENTRY, EMBEDDINGS_ENTRY)
FAMILY.needle(
    Needle(b"HuggingFaceHub", frozenset({FileKind.PYTHON})),
    Needle(b"InferenceAPIEmbeddings", frozenset({FileKind.PYTHON})),
)

HUB, EMBEDDINGS = "HuggingFaceHub", "HuggingFaceInferenceAPIEmbeddings"
_HUB_MODULES = (
    "langchain",
    "langchain.llms",
    "langchain.llms.huggingface_hub",
    "langchain_community.llms",
    "langchain_community.llms.huggingface_hub",
)
_EMBEDDINGS_MODULES = (
    "langchain.embeddings",
    "langchain.embeddings.huggingface",
    "langchain_community.embeddings",
    "langchain_community.embeddings.huggingface",
)
#: The qualified names rewrite converts (a LangChain module holding the class under another path is reported).
HUB_CLASSES = tuple(f"{module}.{HUB}" for module in _HUB_MODULES)
EMBEDDINGS_CLASSES = tuple(f"{module}.{EMBEDDINGS}" for module in _EMBEDDINGS_MODULES)
NEW_EMBEDDINGS = "HuggingFaceEndpointEmbeddings"
RENAMED_ARGUMENTS = {"model_name": "model", "api_key": "huggingfacehub_api_token"}
HUB_MESSAGE = "LangChain `HuggingFaceHub` is broken; use `langchain_huggingface.HuggingFaceEndpoint`"
EMBEDDINGS_MESSAGE = f"`{EMBEDDINGS}` calls the retired host; use `langchain_huggingface.{NEW_EMBEDDINGS}`"


def langchain_class_code(qualified: str) -> str | None:
    """HFM306 / HFM307 for a LangChain qualified name of either class, else None."""
    if not qualified.startswith("langchain"):
        return None
    name = qualified.rsplit(".", 1)[-1]
    return "HFM306" if name == HUB else "HFM307" if name == EMBEDDINGS else None


@FAMILY.python("ImportFrom")
def legacy_import(node: cst.ImportFrom, view: PythonView) -> Iterator[PythonViolation]:
    from hfmigrate.pysyntax import ImportMap

    for alias, qualified in ImportMap().add(node):
        code = langchain_class_code(qualified)
        if code == "HFM306":
            fix = Fix((_planned("convert_import", node),)) if qualified in HUB_CLASSES else _unknown(HUB_ENTRY)
            yield PythonViolation(code, HUB_MESSAGE + " (imported here)", alias, fix)
        elif code == "HFM307":
            fix = Fix((_embeddings_import(node),)) if qualified in EMBEDDINGS_CLASSES else _unknown(EMBEDDINGS_ENTRY)
            yield PythonViolation(code, EMBEDDINGS_MESSAGE + " (imported here)", alias, fix)


@FAMILY.python("Call")
def construction(node: cst.Call, view: PythonView) -> Iterator[PythonViolation]:
    import libcst as cst

    qualified = view.imports.qualified(node.func) or ""
    code = langchain_class_code(qualified)
    if code == "HFM306":
        if qualified in HUB_CLASSES and (isinstance(node.func, cst.Name) or _endpoint_imported(view)):
            fix = Fix((_planned("convert_call", node),))
        else:  # module.Class, and nothing imports the new class by name: a bare HuggingFaceEndpoint would not resolve
            fix = _unknown(HUB_ENTRY)
        yield PythonViolation(code, HUB_MESSAGE, node, fix, mentions=client_model_mentions(node, "text-generation"))
    elif code == "HFM307":
        if qualified in EMBEDDINGS_CLASSES and isinstance(node.func, cst.Name):
            fix = Fix((NodeEdit(node, _renamed_arguments),))
        else:  # an attribute (module.Class): no import of the new class to swap
            fix = _unknown(EMBEDDINGS_ENTRY)
        mentions = client_model_mentions(node, "embeddings", task="feature-extraction")
        yield PythonViolation(code, EMBEDDINGS_MESSAGE, node, fix, mentions=mentions)


def _endpoint_imported(view: PythonView) -> bool:
    """The module binds ``HuggingFaceEndpoint`` by name, or will once its ``from ... import HuggingFaceHub`` is
    swapped: a ``module.HuggingFaceHub(...)`` call can then become a bare ``HuggingFaceEndpoint(...)``."""
    names = view.imports.names
    swapped = any(full in HUB_CLASSES and local == full.rsplit(".", 1)[1] for local, full in names.items())
    return swapped or names.get("HuggingFaceEndpoint", "").startswith("langchain_huggingface")


def _unknown(entry: CatalogueEntry) -> Fix:
    return Fix(marker=leftover_marker(entry))


def _planned(name: str, node: cst.CSTNode) -> PlannedEdit:
    def plan(context) -> None:
        from hfmigrate.rules import langchain_hub_fix

        getattr(langchain_hub_fix, name)(context, node)

    return PlannedEdit(plan)


def _embeddings_import(node: cst.ImportFrom) -> PlannedEdit:
    """The import swap renames the old name's uses (a pass after the plan): a planned edit for that reason."""

    def plan(context) -> None:
        from hfmigrate.planning.imports import swap_one_import

        swap_one_import(context, node, EMBEDDINGS_CLASSES, "langchain_huggingface", NEW_EMBEDDINGS, "HFM307")

    return PlannedEdit(plan)


def _renamed_arguments(updated: cst.Call) -> cst.Call:
    import libcst as cst

    args = [
        arg.with_changes(keyword=cst.Name(RENAMED_ARGUMENTS[arg.keyword.value]))
        if arg.keyword is not None and arg.keyword.value in RENAMED_ARGUMENTS
        else arg
        for arg in updated.args
    ]
    return updated.with_changes(args=args)
