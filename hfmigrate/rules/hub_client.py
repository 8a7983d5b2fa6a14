"""HFM302-HFM304, HFM308: huggingface_hub client methods and TGI clients that call the retired host or were removed.

    client.post(json={"inputs": text}, model=M, task="feature-extraction")  →  client.feature_extraction(text, model=M)
    client.get_model_status("gpt2")                 →  marker: use HfApi().model_info(...)
    client.get_endpoint_info(model="gpt2")          →  marker: the Hub API, or an endpoint URL
    InferenceAPIClient("bigscience/bloomz")         →  marker: use huggingface_hub.InferenceClient

* HFM302: ``.post`` on a receiver known to be an (Async)InferenceClient (built there, a name or ``self.<attr>``
  bound to one, or a parameter annotated as one: :mod:`hfmigrate.engine.python`). With a literal task whose method
  is known and a payload rewrite can read, the fix converts the call (:mod:`.client_post_conversion` decides,
  :mod:`.client_post_fix` plans the edit: the chat conversion follows the result's reads); otherwise a marker.
* HFM303: ``get_model_status`` / ``list_deployed_models``, as client methods or huggingface_hub functions (their
  imports too): a marker, since the Hub API answers in another shape.
* HFM304: ``get_endpoint_info()`` for a Hub model id (its own ``model=``, else the client's): a marker.
* HFM308: TGI's ``InferenceAPIClient`` / ``InferenceAPIAsyncClient`` / ``deployed_models``: a marker.

The markers read as the leftover markers did before this family moved here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from hfmigrate.engine.rule_api import (
    CatalogueEntry,
    FileKind,
    Fix,
    FixKind,
    ModelMention,
    Needle,
    PythonViolation,
    RuleFamily,
)
from hfmigrate.rules.client_post_conversion import post_fix

if TYPE_CHECKING:
    import libcst as cst

    from hfmigrate.engine.python import ClientBinding, PythonView

FAMILY = RuleFamily("hub_client")
FAMILY.entry(
    CatalogueEntry(
        "HFM302",
        "inference-client-post",
        "`InferenceClient.post`",
        "`InferenceClient.post` was removed in huggingface_hub 0.31. Call the task method instead "
        "(`feature_extraction`, `text_classification`, ...); for text generation on a chat model, "
        "`chat_completion(messages=[...])`, read as `.choices[0].message.content` (see HFM301).",
        'client.post(json={"inputs": text}, model=MODEL, task="feature-extraction")',
        "client.feature_extraction(text, model=MODEL)",
        fix=FixKind.EDIT,
    ),
    CatalogueEntry(
        "HFM303",
        "removed-hub-functions",
        "`get_model_status` / `list_deployed_models`",
        "Both asked the retired host and were removed in huggingface_hub 0.35. Use "
        "`HfApi().model_info(id, expand=['inference', 'inferenceProviderMapping'])` or "
        "`HfApi().list_models(inference_provider='all', pipeline_tag=...)`.",
        'status = client.get_model_status("gpt2")',
        'info = HfApi().model_info("gpt2", expand=["inference"])',
    ),
    CatalogueEntry(
        "HFM304",
        "endpoint-info-legacy-host",
        "`get_endpoint_info(model=...)` reads the legacy host",
        "With a model id, huggingface_hub 2.x builds the URL from `HF_INFERENCE_ENDPOINT`, whose default is the "
        "retired host. Pass a dedicated endpoint URL, or use the Hub API for model metadata.",
        'client.get_endpoint_info(model="gpt2")',
        'HfApi().model_info("gpt2", expand=["inferenceProviderMapping"])',
    ),
    CatalogueEntry(
        "HFM308",
        "tgi-inference-api-client",
        "TGI `InferenceAPIClient` / `deployed_models`",
        "The `text-generation` package's `InferenceAPIClient` and `deployed_models()` call the retired host. Use "
        "`huggingface_hub.InferenceClient` (router) instead.",
        'client = InferenceAPIClient("bigscience/bloomz")',
        'client = InferenceClient(model="bigscience/bloomz")',
    ),
)

_PYTHON = frozenset({FileKind.PYTHON})
REMOVED_HUB_METHODS = frozenset({"get_model_status", "list_deployed_models"})
REMOVED_HUB_FUNCTIONS = frozenset(f"huggingface_hub.{name}" for name in REMOVED_HUB_METHODS)
TGI_MODULE = "text_generation"  # TGI's own client package
TGI_LEGACY = frozenset({"InferenceAPIClient", "InferenceAPIAsyncClient", "deployed_models"})


def _post_call_outside_decorators(data: bytes) -> bool:
    """A ``.post(`` call that is not a decorator: ``@app.post("/chat")`` routes sit beside InferenceClient in every
    FastAPI service, and sent each such file to the parser for nothing."""
    start = data.find(b".post(")
    while start != -1:
        line_start = data.rfind(b"\n", 0, start) + 1
        if not data[line_start:start].lstrip(b" \t").startswith(b"@"):
            return True
        start = data.find(b".post(", start + 6)
    return False


FAMILY.needle(
    Needle(b"deployed_models", _PYTHON),
    Needle(b"get_model_status", _PYTHON),
    Needle(b"get_endpoint_info", _PYTHON),
    Needle(b"InferenceAPIClient", _PYTHON),
    Needle(b"InferenceAPIAsyncClient", _PYTHON),
    # InferenceClient matters here only for its removed .post; the statements: the client's binding, the call
    Needle(b"InferenceClient", _PYTHON, confirm=_post_call_outside_decorators, statements=(b"inferenceclient",)),
)

POST_MESSAGE = "`InferenceClient.post` was removed in huggingface_hub 0.31; call the task method"
ENDPOINT_INFO_MESSAGE = "`get_endpoint_info()` builds its URL from the retired host for a Hub model id; use the Hub API"


def leftover_marker(entry: CatalogueEntry) -> str:
    """The marker text the leftover markers gave a code before its family moved here: its summary, then where to
    read more (kept, so that markers already in users' files still read the same)."""
    return f"{entry.summary}; see `hfmigrate rules {entry.code}`"


def _leftover_marker(code: str) -> str:
    return leftover_marker(next(entry for entry in FAMILY.entries if entry.code == code))


def removed_hub_function(name: str, where: str = "") -> str:
    return f"`{name}` was removed in huggingface_hub 0.35; use `HfApi().model_info(..., expand=[...])`{where}"


def tgi_message(qualified: str) -> str | None:
    """HFM308's message for a qualified name that is one of TGI's legacy clients, else None."""
    name = qualified.rsplit(".", 1)[-1]
    if qualified.startswith(TGI_MODULE) and name in TGI_LEGACY:
        return f"TGI `{name}` calls the retired host; use `huggingface_hub.InferenceClient`"
    return None


#: The tasks under which a legacy client class's migrated call style holds (a task of its own: the style is unknown).
_STYLED_TASKS = (None, "text-generation", "feature-extraction")


def client_model_mentions(
    node: cst.Call, style: str | None = None, task: str | None = None
) -> tuple[ModelMention, ...]:
    """The model id a legacy client class is built with (``repo_id=``, else a first positional argument, then
    ``model=``, ``model_name=``; literals only), for check-models. ``task``: the task the class always runs (else
    the call's ``task=``); ``style``: how the migrated client calls it (a catalog ``CallStyle`` value), when the
    task is one it calls that way."""
    from hfmigrate.pysyntax import keyword, string_value

    for name in ("repo_id", "model", "model_name"):
        arg = keyword(node, name)
        value = string_value(arg.value) if arg else None
        if value is None and name == "repo_id" and node.args and node.args[0].keyword is None:
            value = string_value(node.args[0].value)
        if value:
            task_arg = keyword(node, "task")
            used = task or (string_value(task_arg.value) if task_arg else None)
            return (ModelMention(value, used, style=style if used in _STYLED_TASKS else None),)
    return ()


@FAMILY.python("Import", "ImportFrom")
def removed_import(node: cst.Import | cst.ImportFrom, view: PythonView) -> Iterator[PythonViolation]:
    from hfmigrate.pysyntax import ImportMap

    for alias, qualified in ImportMap().add(node):
        tgi = tgi_message(qualified)
        if tgi is not None:
            yield PythonViolation("HFM308", tgi + " (imported here)", alias, Fix(marker=_leftover_marker("HFM308")))
        elif qualified in REMOVED_HUB_FUNCTIONS:
            message = removed_hub_function(qualified.rsplit(".", 1)[-1], " (imported here)")
            yield PythonViolation("HFM303", message, alias, Fix(marker=_leftover_marker("HFM303")))


@FAMILY.python("Call")
def removed_call(node: cst.Call, view: PythonView) -> Iterator[PythonViolation]:
    import libcst as cst

    qualified = view.imports.qualified(node.func) or ""
    tgi = tgi_message(qualified)
    if tgi is not None:
        mentions = client_model_mentions(node)
        yield PythonViolation("HFM308", tgi, node, Fix(marker=_leftover_marker("HFM308")), mentions=mentions)
        return
    if qualified in REMOVED_HUB_FUNCTIONS:
        message = removed_hub_function(qualified.rsplit(".", 1)[-1])
        yield PythonViolation("HFM303", message, node, Fix(marker=_leftover_marker("HFM303")))
        return
    func = node.func
    if (
        not isinstance(func, cst.Attribute)
        or func.attr.value not in {"post", "get_endpoint_info"} | REMOVED_HUB_METHODS
    ):
        return
    client = view.client_of(func.value)
    if client is None:
        return
    name = func.attr.value
    if name == "post":
        yield PythonViolation("HFM302", POST_MESSAGE, node, post_fix(node, client, view))
    elif name in REMOVED_HUB_METHODS:
        yield PythonViolation("HFM303", removed_hub_function(name), node, Fix(marker=_leftover_marker("HFM303")))
    elif _endpoint_info_on_hub_model(node, client, view):
        yield PythonViolation("HFM304", ENDPOINT_INFO_MESSAGE, node, Fix(marker=_leftover_marker("HFM304")))


def _endpoint_info_on_hub_model(node: cst.Call, client: ClientBinding, view: PythonView) -> bool:
    from hfmigrate.pysyntax import keyword

    arg = keyword(node, "model")
    model = arg.value if arg is not None else client.model_arg
    return model is not None and not _is_url(model, view)


def _is_url(value: cst.BaseExpression, view: PythonView) -> bool:
    import libcst as cst

    from hfmigrate.pysyntax import string_value

    text = string_value(value)
    if text is None and isinstance(value, cst.Name):
        text = view.constant(value.value)
    text = text if text is not None else view.code(value)
    return "://" in text or text.lstrip("rbfRBF\"'").startswith(("http:", "https:"))
