"""HFM205: a hand-parsed TGI stream. Router chat streams send another schema; a person migrates the parser.

    {"inputs": prompt, "stream": True}                  → a marker: the stream's events change with the URL
    json.loads(event.data)["token"]["text"]              → a marker: read choices[0].delta.content instead

The ``["token"]["text"]`` read is generic (a tokenizer's output may look the same): it counts only in a module that
talks to HF inference (:mod:`hfmigrate.engine.evidence`). When the text-generation rewrite converts the call to
chat it marks these same places with its own advice; the marker is never put twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from hfmigrate.engine.rule_api import (
    CatalogueEntry,
    Fix,
    FixKind,
    PythonViolation,
    RuleFamily,
    Severity,
)

if TYPE_CHECKING:  # libcst is imported by the runner only: listing the rules must not pay for it
    import libcst as cst

    from hfmigrate.engine.python import PythonView

# Every check reads a literal "stream" key or "token" subscript, whose source ends with the word and its closing
# quote: a module holding neither is not walked ("tokenizer" and "stream=True" are everywhere in ML code).
# scan and rewrite keep the statements holding a quoted "inputs" key or "token" subscript, so that rewrite places
# the family's markers with its other fixes (the evidence gate reads an "inputs" key too)
FAMILY = RuleFamily(
    "streaming_schema",
    walk_gate=(b'stream"', b"stream'", b'token"', b"token'"),
    statements=(b'"inputs"', b"'inputs'", b'"token"', b"'token'"),
)
FAMILY.entry(
    CatalogueEntry(
        "HFM205",
        "streaming-schema-change",
        "Hand-parsed TGI stream",
        "TGI-style streams sent `token.text` events. Router chat streams send `choices[0].delta.content` and end "
        "with `data: [DONE]`. Update the parser together with the URL.",
        'for event in sseclient.SSEClient(resp).events(): text += json.loads(event.data)["token"]["text"]',
        'for event in ...: text += json.loads(event.data)["choices"][0]["delta"].get("content") or ""',
        severity=Severity.WARNING,
        fix=FixKind.MARKER,
    )
)
# No needles: "stream" and "token" are everywhere in ML code. The checks run in every module the parser reads for
# the other rules, as the older scan visitor did (see Registry.may_match): a stream is migrated with its URL.

MESSAGE = (
    "hand-parsed TGI stream (`token.text` events): router chat streams send `choices[0].delta.content` and end "
    "with `data: [DONE]`; migrate the parser with the URL"
)
MARKER = f"{FAMILY.entries[0].summary}; see `hfmigrate rules HFM205`"  # the leftover markers' wording


@FAMILY.python("Dict")
def streamed_payload(node: cst.Dict, view: PythonView) -> Iterator[PythonViolation]:
    import libcst as cst

    from hfmigrate.pysyntax import dict_items

    items = dict(dict_items(node))
    stream = items.get("stream")
    if "inputs" in items and stream is not None and isinstance(stream.value, cst.Name) and stream.value.value == "True":
        yield PythonViolation("HFM205", MESSAGE, stream, Fix(marker=MARKER))


@FAMILY.python("Subscript")
def token_text_read(node: cst.Subscript, view: PythonView) -> Iterator[PythonViolation]:
    import libcst as cst

    from hfmigrate.pysyntax import subscript_key

    inner = node.value
    if (
        subscript_key(node) == "text"
        and isinstance(inner, cst.Subscript)
        and subscript_key(inner) == "token"
        and view.talks_to_hf_inference
    ):
        yield PythonViolation("HFM205", MESSAGE, node, Fix(marker=MARKER))
