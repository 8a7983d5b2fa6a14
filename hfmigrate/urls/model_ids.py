"""The shape of a Hub model id (ids become URL paths) and its ``:provider`` / ``:policy`` suffix; the literal id a
text file gives the variable a URL names its model by (``${MODEL}``, ``$MODEL``, ``${MODEL:-org/name}``)."""

from __future__ import annotations

import functools
import re

# org/name or a legacy un-namespaced name (gpt2), optionally :provider or :policy. Hub names: letters, digits, - _ .
_MODEL_ID = re.compile(
    r"^(?:[A-Za-z0-9][A-Za-z0-9_.\-]*/)?[A-Za-z0-9][A-Za-z0-9_.\-]*(?::[A-Za-z0-9][A-Za-z0-9_.\-]*)?$"
)
MAX_MODEL_ID = 200
#: a model id as text files write it beside a variable or a key (no suffix; in a larger pattern)
MODEL_ID_IN_TEXT = r"[A-Za-z0-9][\w.\-]*/[A-Za-z0-9][\w.\-]*|[A-Za-z0-9][\w.\-]*"
_VARIABLE = re.compile(r"^\$\{?([A-Za-z_]\w*)(?::?-[^}]*)?\}?$")


def is_model_id(text: str) -> bool:
    """Whether ``text`` has the shape of a Hub model id; ``..`` is refused since ids become URL paths."""
    return len(text) <= MAX_MODEL_ID and bool(_MODEL_ID.match(text)) and ".." not in text


def split_model_suffix(model_id: str) -> tuple[str, str | None]:
    """``openai/gpt-oss-120b:groq`` → (``openai/gpt-oss-120b``, ``groq``)."""
    base, sep, suffix = model_id.rpartition(":")
    return (base, suffix) if sep and base and "/" not in suffix else (model_id, None)


def literal_of_variable(text: str, segment: str) -> str | None:
    """The one literal id the file gives the variable in ``${model}`` / ``$MODEL`` / ``${MODEL:-id}``."""
    default = re.match(r"^\$\{\w+:?-(?P<id>[^}]+)\}$", segment)
    if default and is_model_id(default.group("id")) and "/" in default.group("id"):
        return default.group("id")
    spans = variable_literal_spans(text, segment)
    values = {text[start:end] for start, end in spans}
    return values.pop() if len(values) == 1 else None


# Asked once per URL that names the variable (scan's references, rewrite's model map and catalogue markers): 5,000
# ``${MODEL}`` URLs in one script took 50 s in scan before. A few entries: they hold the texts they were asked about.
@functools.lru_cache(maxsize=8)
def variable_literal_spans(text: str, segment: str) -> tuple[tuple[int, int], ...]:
    """Where the file assigns a literal id to the variable of ``${model}`` / ``$MODEL`` (offsets of the id)."""
    match = _VARIABLE.match(segment)
    if not match:
        return ()
    name = re.escape(match.group(1))
    assigned = re.compile(
        rf"""(?<![\w.]){name}(?P<sp>\s*)=\s*(?P<q>["'`]?)(?P<id>{MODEL_ID_IN_TEXT})(?P=q)(?=\s*[,;)\n]|\s*$)""",
        re.MULTILINE,
    )
    # an unquoted word is a literal only in shell syntax (MODEL=gpt2); in JS `model = gpt2` names a variable
    return tuple(
        m.span("id") for m in assigned.finditer(text) if "/" in m.group("id") or m.group("q") or not m.group("sp")
    )
