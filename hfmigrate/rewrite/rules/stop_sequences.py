"""HFM305: ``text_generation(..., stop_sequences=...)`` becomes ``stop=`` (huggingface_hub 2.x removed the old name).

    client.text_generation(prompt, stop_sequences=["\\n"])   →   client.text_generation(prompt, stop=["\\n"])

Only calls of ``text_generation`` in modules that import huggingface_hub are touched, and never when the call
already passes ``stop=``.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate.pysyntax import keyword
from hfmigrate.rewrite.context import ModuleContext

CODES = ("HFM305",)


def plan(context: ModuleContext) -> None:
    if not context.imports.imports_module("huggingface_hub"):
        return
    for call in context.calls:
        if not (isinstance(call.func, cst.Attribute) and call.func.attr.value == "text_generation"):
            continue
        old = keyword(call, "stop_sequences")
        if old is not None and keyword(call, "stop") is None:
            context.replace(old.keyword, cst.Name("stop"), "HFM305")  # type: ignore[arg-type]
