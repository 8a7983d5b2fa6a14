"""Whether a Python module talks to HF inference: the gate for findings on generic names.

``use_cache`` and ``use_gpu`` are also transformers' and job runners' vocabulary, so a finding on them counts only
in a module that shows it calls HF inference: a legacy or router URL in a string or comment, an
``InferenceClient`` / ``AsyncInferenceClient`` / ``InferenceApi`` name, or a payload with an ``"inputs"`` key
(a dict display, or ``dict(inputs=...)``). Names inside string expressions (f-string holes) do not count.
Computed on demand, once per module, and only when a check asks.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate import urls
from hfmigrate.engine.walk import walk
from hfmigrate.pysyntax import ImportMap, build_template, dict_items, is_string_expression

HF_INFERENCE_NAMES = frozenset({"InferenceClient", "AsyncInferenceClient", "InferenceApi"})


def talks_to_hf_inference(module: cst.Module, imports: ImportMap) -> bool:
    walker = _Evidence(module, imports)
    walk(module, walker, trivia=True)  # comments count
    return walker.found


class _Evidence(cst.CSTVisitor):
    def __init__(self, module: cst.Module, imports: ImportMap):
        super().__init__()
        self.module = module
        self.imports = imports
        self.found = False

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self.found:
            return False
        if is_string_expression(node):
            self.found = _names_hf_inference(build_template(node, self.module))  # type: ignore[arg-type]
            return False  # as the scan visitor: nothing inside a string expression is looked at
        return super().on_visit(node)

    def visit_Name(self, node: cst.Name) -> None:
        self.found |= node.value in HF_INFERENCE_NAMES

    def visit_Comment(self, node: cst.Comment) -> None:
        self.found |= urls.mentions_legacy_host(node.value) and bool(urls.find_legacy_urls(node.value))

    def visit_Dict(self, node: cst.Dict) -> None:
        self.found |= any(key == "inputs" for key, _ in dict_items(node))

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == "dict" and "dict" not in self.imports.names:
            self.found |= any(arg.keyword is not None and arg.keyword.value == "inputs" for arg in node.args)


def _names_hf_inference(template) -> bool:
    if template is None:
        return False
    text = template.text
    if urls.ROUTER_HOST in text or urls.is_legacy(text):
        return True
    return urls.mentions_legacy_host(text) and bool(urls.find_legacy_urls(text))
