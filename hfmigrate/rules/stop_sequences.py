"""HFM305: ``text_generation(..., stop_sequences=...)`` becomes ``stop=`` (huggingface_hub 2.x removed the old name).

    client.text_generation(prompt, stop_sequences=["\\n"])   →   client.text_generation(prompt, stop=["\\n"])

Only on receivers known to be an (Async)InferenceClient: built in the expression, a name or ``self.<attr>``
bound to one in the module, or a parameter annotated as one. TGI's own ``text_generation.Client`` still takes
``stop_sequences``, and an object of unknown type (a parameter, a wrapper) is not ours to rename. When the call
already passes ``stop=`` the two cannot be merged mechanically: a marker asks a person.
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
)

if TYPE_CHECKING:  # libcst is imported by the runner only: listing the rules must not pay for it
    import libcst as cst

    from hfmigrate.engine.python import PythonView

FAMILY = RuleFamily("stop_sequences")
FAMILY.entry(
    CatalogueEntry(
        "HFM305",
        "stop-sequences",
        "`text_generation(stop_sequences=...)`",
        "huggingface_hub 2.x removed `stop_sequences`; the argument is `stop`.",
        'client.text_generation(prompt, stop_sequences=["\\n"])',
        'client.text_generation(prompt, stop=["\\n"])',
        fix=FixKind.EDIT,
    )
)
_CLIENT_CLASS = re.compile(rb"InferenceClient\b")  # not smolagents' InferenceClientModel


def _client_text_generation(data: bytes) -> bool:
    """A ``text_generation`` call on a receiver bound to an (Async)InferenceClient: the module names both."""
    return b"text_generation" in data and _CLIENT_CLASS.search(data) is not None


FAMILY.needle(Needle(b"stop_sequences", frozenset({FileKind.PYTHON}), confirm=_client_text_generation))

MESSAGE = "`stop_sequences` was removed in huggingface_hub 2.x; use `stop=`"
BOTH_GIVEN = "the call passes both `stop` and the removed `stop_sequences`: keep one list, named `stop`"


@FAMILY.python("Call")
def renamed_keyword(node: cst.Call, view: PythonView) -> Iterator[PythonViolation]:
    import libcst as cst

    from hfmigrate.pysyntax import keyword

    if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "text_generation"):
        return
    old = keyword(node, "stop_sequences")
    if old is None or old.keyword is None or view.client_of(node.func.value) is None:
        return
    if keyword(node, "stop") is not None:
        yield PythonViolation("HFM305", MESSAGE, old.keyword, Fix(marker=BOTH_GIVEN))
        return
    yield PythonViolation("HFM305", MESSAGE, old.keyword, Fix((NodeEdit(old.keyword, cst.Name("stop")),)), "stop")
