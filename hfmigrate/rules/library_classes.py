"""HFM309-HFM312: library classes that are broken today, in code and where a string names them.

    from langchain_community.llms import HuggingFaceEndpoint   →   from langchain_huggingface import HuggingFaceEndpoint
    from smolagents import HfApiModel                           →   from smolagents import InferenceClientModel
    HuggingFaceInferenceAPI(model_name=m)                       →   marker: pass provider= (hf-inference serves no LLM)
    mock.patch("app.chain.HuggingFaceHub")                      →   marker: the patch target names a broken class

* HFM309: LangChain community classes that call the removed ``InferenceClient.post`` or the retired host.
  ``langchain_community.llms.HuggingFaceEndpoint`` has a drop-in successor (the partner package's class was copied
  from it), so a sole-name import is moved; the others (``HuggingFaceHubEmbeddings``, the deprecated
  ``HuggingFaceTextGenInference``, the text-to-speech tool) take other arguments: a marker says which.
* HFM310: smolagents removed ``HfApiModel``; ``InferenceClientModel`` takes the same ``model_id=``.
* HFM311: LlamaIndex ``HuggingFaceInferenceAPI`` without ``provider=`` goes to hf-inference, which serves no LLM
  since mid 2026; which provider to pass is a choice (``hfmigrate check-models MODEL``), so it is a marker.
* HFM312: a dotted path to one of these classes inside a string (Hydra's ``_target_:``, ``mock.patch("...")``,
  entry points): the string is rewritten where the class has a drop-in successor, otherwise marked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from hfmigrate.engine.rule_api import (
    CatalogueEntry,
    FileKind,
    Fix,
    FixKind,
    Needle,
    NodeEdit,
    PythonViolation,
    RuleFamily,
    SpanEdit,
    TextViolation,
)

if TYPE_CHECKING:
    import libcst as cst

    from hfmigrate.engine.python import PythonView

FAMILY = RuleFamily("library_classes")
FAMILY.entry(
    CatalogueEntry(
        "HFM309",
        "langchain-community-inference-class",
        "LangChain community class that calls a removed API",
        "`langchain_community.llms.HuggingFaceEndpoint` and `langchain_community.embeddings.HuggingFaceHubEmbeddings` "
        "call `InferenceClient.post`, which huggingface_hub 0.31 removed; `HuggingFaceTextGenInference` is deprecated "
        "and the community text-to-speech tool hard-codes the retired host. Use `langchain_huggingface`'s "
        "`HuggingFaceEndpoint` (wrap it in `ChatHuggingFace` for chat models) and `HuggingFaceEndpointEmbeddings`.",
        "from langchain_community.llms import HuggingFaceEndpoint",
        "from langchain_huggingface import HuggingFaceEndpoint",
        fix=FixKind.EDIT,
    ),
    CatalogueEntry(
        "HFM310",
        "smolagents-hfapimodel",
        "smolagents `HfApiModel` was removed",
        "smolagents renamed `HfApiModel` to `InferenceClientModel` (same `model_id=`, `provider=`, `token=`) and "
        "then removed the old name.",
        'from smolagents import HfApiModel\nmodel = HfApiModel(model_id="Qwen/Qwen2.5-Coder-32B-Instruct")',
        "from smolagents import InferenceClientModel\n"
        'model = InferenceClientModel(model_id="Qwen/Qwen2.5-Coder-32B-Instruct")',
        fix=FixKind.EDIT,
    ),
    CatalogueEntry(
        "HFM311",
        "llamaindex-inference-api-without-provider",
        "LlamaIndex `HuggingFaceInferenceAPI` without `provider=`",
        "Without `provider=`, `HuggingFaceInferenceAPI` sends requests to hf-inference, which serves no LLM since mid "
        "2026: chat and completion calls 404. Pass a provider that serves the model (`hfmigrate check-models MODEL` "
        'lists them), or `provider="auto"` with a llama-index-llms-huggingface-api release that accepts it.',
        "from llama_index.llms.huggingface_api import HuggingFaceInferenceAPI\n"
        'llm = HuggingFaceInferenceAPI(model_name="meta-llama/Llama-3.1-8B-Instruct")',
        "from llama_index.llms.huggingface_api import HuggingFaceInferenceAPI\n"
        'llm = HuggingFaceInferenceAPI(model_name="meta-llama/Llama-3.1-8B-Instruct", provider="auto")',
    ),
    CatalogueEntry(
        "HFM312",
        "broken-class-path-in-string",
        "A string names a broken library class",
        "A dotted path in a string (Hydra `_target_:`, `mock.patch(...)`, a plugin table) names a class that is "
        "broken or removed today. Where the class has a drop-in successor the path is rewritten; otherwise the "
        "string must follow the code's migration by hand (a patch target names the class the module uses after it).",
        'patcher = mock.patch("smolagents.HfApiModel")',
        'patcher = mock.patch("smolagents.InferenceClientModel")',
        fix=FixKind.EDIT,
    ),
)

#: Qualified name → (its drop-in successor or None, what to do instead). One table for code and strings.
BROKEN_CLASSES: dict[str, tuple[str | None, str]] = {
    "langchain_community.llms.HuggingFaceEndpoint": (
        "langchain_huggingface.HuggingFaceEndpoint",
        "calls the removed `InferenceClient.post`",
    ),
    "langchain_community.llms.huggingface_endpoint.HuggingFaceEndpoint": (
        "langchain_huggingface.HuggingFaceEndpoint",
        "calls the removed `InferenceClient.post`",
    ),
    "langchain_community.embeddings.HuggingFaceHubEmbeddings": (
        None,
        "calls the removed `InferenceClient.post`; "
        "use `langchain_huggingface.HuggingFaceEndpointEmbeddings(model=...)`",
    ),
    "langchain_community.llms.HuggingFaceTextGenInference": (
        None,
        "is deprecated; use `langchain_huggingface.HuggingFaceEndpoint(endpoint_url=...)`",
    ),
    "langchain_community.tools.HuggingFaceTextToSpeechModelInference": (
        None,
        "hard-codes the retired host; use `huggingface_hub.InferenceClient(...).text_to_speech(...)`",
    ),
    "smolagents.HfApiModel": ("smolagents.InferenceClientModel", "was removed"),
    "smolagents.models.HfApiModel": ("smolagents.models.InferenceClientModel", "was removed"),
}
_CODE_BY_PACKAGE = {"langchain_community": "HFM309", "smolagents": "HFM310"}
LLAMAINDEX_CLASSES = frozenset(
    {"llama_index.llms.huggingface_api.HuggingFaceInferenceAPI", "llama_index.llms.huggingface.HuggingFaceInferenceAPI"}
)
# Classes of other families whose dotted path in a string HFM312 reports too (no drop-in successor).
_OTHER_BROKEN_NAMES = ("HuggingFaceHub", "HuggingFaceInferenceAPIEmbeddings", "InferenceApi")

_CLASS_NAMES = frozenset(q.rsplit(".", 1)[1] for q in BROKEN_CLASSES)
_NAMES = sorted(_CLASS_NAMES | {"HuggingFaceInferenceAPI", *_OTHER_BROKEN_NAMES})
FAMILY.needle(*(Needle(name.encode(), frozenset({FileKind.PYTHON})) for name in _NAMES))
FAMILY.needle(*(Needle(name.encode(), frozenset({FileKind.TEXT}), companion=b".") for name in _NAMES))

# A dotted path of at least two parts ending in a broken class name.
_PATH = re.compile(
    r"(?<![\w.])(?P<path>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\.(?P<name>" + "|".join(_NAMES) + r"))\b(?![\w(])"
)


def _code_for(qualified: str) -> str:
    return _CODE_BY_PACKAGE[qualified.split(".", 1)[0]]


@FAMILY.python("ImportFrom")
def broken_import(node: cst.ImportFrom, view: PythonView) -> Iterator[PythonViolation]:
    import libcst as cst

    from hfmigrate.pysyntax import dotted_name

    if node.module is None or node.relative or isinstance(node.names, cst.ImportStar):
        return
    module = dotted_name(node.module)
    for alias in node.names:
        qualified = f"{module}.{dotted_name(alias.name)}"
        if qualified not in BROKEN_CLASSES:
            continue
        successor, why = BROKEN_CLASSES[qualified]
        if successor and _same_module(qualified, successor) and alias.asname is None:
            continue  # the bound name is a use like any other: broken_name renames it
        message = f"`{qualified}` {why}" + (f"; use `{successor}`" if successor else "")
        yield PythonViolation(_code_for(qualified), message, alias, _import_fix(node, alias, successor, why), successor)


def _import_fix(node: cst.ImportFrom, alias: cst.ImportAlias, successor: str | None, why: str) -> Fix:
    """Rename an aliased import in place; move a sole-name import to the successor's module; else a marker."""
    import libcst as cst

    from hfmigrate.pysyntax import dotted_name

    if successor is None:
        return Fix(marker=f"this class {_marker_words(why)}")
    new_module, new_name = successor.rsplit(".", 1)
    if new_module == dotted_name(node.module):
        return Fix((NodeEdit(alias.name, cst.Name(new_name)),))
    if isinstance(node.names, cst.ImportStar) or len(node.names) != 1 or new_name != dotted_name(alias.name):
        return Fix(marker=f"import {new_name} from {new_module} instead; this class {_marker_words(why)}")
    return Fix((NodeEdit(node.module, cst.parse_expression(new_module)),))


@FAMILY.python("Name", "Attribute")
def broken_name(node: cst.Name | cst.Attribute, view: PythonView) -> Iterator[PythonViolation]:
    """``HfApiModel(...)`` gets the new name; ``llms.HuggingFaceEndpoint`` through a module alias a marker."""
    import libcst as cst

    name = node.attr if isinstance(node, cst.Attribute) else node
    if name.value not in _CLASS_NAMES:
        return
    qualified = view.imports.qualified(node)
    if qualified not in BROKEN_CLASSES:
        return
    successor, why = BROKEN_CLASSES[qualified]
    message = f"`{qualified}` {why}" + (f"; use `{successor}`" if successor else "")
    if successor and _same_module(qualified, successor):
        new_name = successor.rsplit(".", 1)[1]
        yield PythonViolation(_code_for(qualified), message, name, Fix((NodeEdit(name, cst.Name(new_name)),)), new_name)
    elif isinstance(node, cst.Attribute):  # a bare name was bound by an import, whose finding covers it
        yield PythonViolation(
            _code_for(qualified),
            message,
            node,
            Fix(marker=f"use {successor or 'its successor'}: this class {_marker_words(why)}"),
        )


def _same_module(qualified: str, successor: str) -> bool:
    return qualified.rsplit(".", 1)[0] == successor.rsplit(".", 1)[0]


@FAMILY.python("Call")
def llamaindex_without_provider(node: cst.Call, view: PythonView) -> Iterator[PythonViolation]:
    from hfmigrate.pysyntax import keyword

    if (view.imports.qualified(node.func) or "") not in LLAMAINDEX_CLASSES or keyword(node, "provider") is not None:
        return
    if any(arg.star == "**" for arg in node.args):
        return  # provider= may come from the mapping
    yield PythonViolation(
        "HFM311",
        "`HuggingFaceInferenceAPI` without `provider=` calls hf-inference, which serves no LLM today; pass a provider",
        node.func,
        Fix(marker="pass provider= (one that serves this model: hfmigrate check-models MODEL lists them)"),
    )


@FAMILY.python("SimpleString")
def class_path_in_python_string(node: cst.SimpleString, view: PythonView) -> Iterator[PythonViolation]:
    import libcst as cst

    value = node.evaluated_value if "b" not in node.prefix.lower() else None
    if not isinstance(value, str) or "\\" in node.value:
        return
    for match in _PATH.finditer(value):
        verdict = _path_verdict(match.group("path"), match.group("name"))
        if verdict is None:
            continue
        successor, message = verdict
        if successor is None:
            yield PythonViolation("HFM312", message, node, Fix(marker=_path_marker(match.group("path"))))
        else:
            new_value = node.value.replace(match.group("path"), successor, 1)
            yield PythonViolation(
                "HFM312", message, node, Fix((NodeEdit(node, cst.SimpleString(new_value)),)), successor
            )
        return  # one finding (and at most one edit) per string node


@FAMILY.text(frozenset({FileKind.TEXT}))
def class_path_in_text(text: str) -> Iterator[TextViolation]:
    """Only where the path is a value (``_target_: x.y.Z``, ``key = "x.y.Z"``, a quoted string), not in prose."""
    for match in _PATH.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if not _VALUE_BEFORE.search(text[line_start : match.start()]):
            continue
        verdict = _path_verdict(match.group("path"), match.group("name"))
        if verdict is None:
            continue
        successor, message = verdict
        start, end = match.span("path")
        if successor is None:
            yield TextViolation("HFM312", message, start, end, Fix(marker=_path_marker(match.group("path"))))
        else:
            yield TextViolation("HFM312", message, start, end, Fix((SpanEdit(start, end, successor),)), successor)


_VALUE_BEFORE = re.compile(r"""(?:[:=]\s*["']?|["'])$""")


def _path_verdict(path: str, name: str) -> tuple[str | None, str] | None:
    """(the successor path when there is a drop-in one, the message), or None when the path is fine."""
    if path in BROKEN_CLASSES:
        successor, why = BROKEN_CLASSES[path]
        return successor, f"this string names `{path}`, which {why}" + (f"; use `{successor}`" if successor else "")
    if name in ("HuggingFaceEndpoint", "HuggingFaceInferenceAPI") and path not in BROKEN_CLASSES:
        return None  # the partner package's class, LlamaIndex's (fine with provider=), users' own
    return None, f"this string names `{name}` (`{path}`), a class that is broken today: update it with the migration"


def _path_marker(path: str) -> str:
    return f"a string names {path.rsplit('.', 1)[1]}; make it name the class the code uses after migrating"


def _marker_words(why: str) -> str:
    return why.replace("`", "")
