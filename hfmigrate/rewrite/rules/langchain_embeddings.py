"""HFM307: ``HuggingFaceInferenceAPIEmbeddings`` becomes ``langchain_huggingface.HuggingFaceEndpointEmbeddings``.

    HuggingFaceInferenceAPIEmbeddings(api_key=key, model_name=M)
        →  HuggingFaceEndpointEmbeddings(model=M, huggingfacehub_api_token=key)

The old class still called the retired ``/pipeline/feature-extraction/`` URL. Other arguments are kept as written.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate.rewrite.context import ModuleContext
from hfmigrate.rewrite.imports import swap_import

CODES = ("HFM307",)
NEW_NAME = "HuggingFaceEndpointEmbeddings"
RENAMED_ARGUMENTS = {"model_name": "model", "api_key": "huggingfacehub_api_token"}
OLD_NAMES = tuple(
    f"{module}.HuggingFaceInferenceAPIEmbeddings"
    for module in (
        "langchain.embeddings",
        "langchain.embeddings.huggingface",
        "langchain_community.embeddings",
        "langchain_community.embeddings.huggingface",
    )
)


def plan(context: ModuleContext) -> None:
    calls = [call for call in context.calls if (context.imports.qualified(call.func) or "") in OLD_NAMES]
    if not calls:
        return
    renamed = swap_import(context, OLD_NAMES, "langchain_huggingface", NEW_NAME, "HFM307")
    for call in calls:
        func = context.code(call.func)
        name = renamed.get(func, NEW_NAME if "." in func else func)
        args = [_renamed(arg) for arg in call.args]
        context.replace(call, call.with_changes(func=cst.Name(name), args=args), "HFM307")


def _renamed(arg: cst.Arg) -> cst.Arg:
    if arg.keyword is not None and arg.keyword.value in RENAMED_ARGUMENTS:
        return arg.with_changes(keyword=cst.Name(RENAMED_ARGUMENTS[arg.keyword.value]))
    return arg
