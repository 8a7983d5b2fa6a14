"""HFM306: LangChain ``HuggingFaceHub`` becomes ``langchain_huggingface.HuggingFaceEndpoint``.

    from langchain import HuggingFaceHub, LLMChain             from langchain import LLMChain
                                                          →    from langchain_huggingface import HuggingFaceEndpoint
    HuggingFaceHub(repo_id=M, model_kwargs={                   HuggingFaceEndpoint(repo_id=M, temperature=0.5,
        "temperature": 0.5, "max_length": 64})                                     max_new_tokens=64)

Known generation keys of ``model_kwargs`` become explicit arguments (``max_length`` becomes ``max_new_tokens``);
the rest stay in ``model_kwargs``. Chat models are better wrapped in ``ChatHuggingFace``: a marker says so.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate.pysyntax import dict_items
from hfmigrate.rewrite.context import ModuleContext
from hfmigrate.rewrite.imports import swap_import

CODES = ("HFM306",)
ENDPOINT_ARGUMENTS = frozenset(
    {
        "max_new_tokens", "top_k", "top_p", "typical_p", "temperature", "repetition_penalty", "return_full_text",
        "truncate", "stop_sequences", "seed", "do_sample", "watermark",
    }
)
RENAMED = {"max_length": "max_new_tokens"}
OLD_NAMES = tuple(
    f"{module}.HuggingFaceHub"
    for module in ("langchain", "langchain.llms", "langchain.llms.huggingface_hub", "langchain_community.llms",
                   "langchain_community.llms.huggingface_hub")
)


def plan(context: ModuleContext) -> None:
    calls = [call for call in context.calls if (context.imports.qualified(call.func) or "") in OLD_NAMES]
    if not calls:
        return
    renamed = swap_import(context, OLD_NAMES, "langchain_huggingface", "HuggingFaceEndpoint", "HFM306")
    for call in calls:
        _convert(context, call, renamed)


def _convert(context: ModuleContext, call: cst.Call, renamed: dict[str, str]) -> None:
    func = context.code(call.func)
    name = renamed.get(func, "HuggingFaceEndpoint" if "." in func else func)
    args = []
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "model_kwargs" and isinstance(arg.value, cst.Dict):
            args += _explicit_arguments(context, arg.value)
        else:
            args.append(context.code(arg).rstrip().rstrip(","))
    context.replace(call, cst.parse_expression(f"{name}({', '.join(args)})"), "HFM306")
    context.mark(call, "HFM306", "for a chat model, wrap the endpoint in langchain_huggingface.ChatHuggingFace")


def _explicit_arguments(context: ModuleContext, kwargs: cst.Dict) -> list[str]:
    explicit, rest = [], []
    for key, element in dict_items(kwargs):
        target = RENAMED.get(key, key)
        value = context.code(element.value)
        (explicit if target in ENDPOINT_ARGUMENTS else rest).append((target, value))
    arguments = [f"{key}={value}" for key, value in explicit]
    if rest:
        arguments.append("model_kwargs={" + ", ".join(f'"{key}": {value}' for key, value in rest) + "}")
    return arguments
