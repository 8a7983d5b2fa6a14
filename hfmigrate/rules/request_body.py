"""The request body beside a router URL in Python: when a model id leaves the URL (HFM605, HFM606), the ``json=``
dict literal of the call the URL is passed to gets ``"model"`` added."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hfmigrate import urls
from hfmigrate.engine.rule_api import NodeEdit

if TYPE_CHECKING:  # libcst is imported by the runner only: listing the rules must not pay for it
    import libcst as cst

    from hfmigrate.engine.python import PythonView


def can_take_model(model: str | None, url_code: str) -> bool:
    """The model can be written into the body: a plain id, or an f-string's ``{name}`` part."""
    if model is None:
        return False
    if urls.is_model_id(model):
        return True
    inner = model[1:-1]
    return model.startswith("{") and model.endswith("}") and inner.isidentifier() and "f" in url_code[:2].lower()


def json_body(node: cst.CSTNode, view: PythonView) -> cst.Dict | None:
    """The ``json={...}`` dict literal without a "model" key of the call this URL is the first argument of."""
    import libcst as cst

    from hfmigrate.pysyntax import dict_items, keyword

    parent, call = (view.ancestors + (None, None))[:2]
    if not (isinstance(parent, cst.Arg) and isinstance(call, cst.Call) and parent.value is node):
        return None
    if parent is not call.args[0] and not (parent.keyword is not None and parent.keyword.value == "url"):
        return None
    body = keyword(call, "json")
    if body is None or not isinstance(body.value, cst.Dict) or "model" in dict(dict_items(body.value)):
        return None
    return body.value


def with_model(body: cst.Dict, model: str, url_code: str) -> NodeEdit:
    """``{"messages": ...}`` → ``{"model": "<id>", "messages": ...}``; a template's run-time part stays an
    expression."""
    import libcst as cst

    value = cst.Name(model[1:-1]) if model.startswith("{") else cst.SimpleString(f'"{model}"')
    element = cst.DictElement(
        cst.SimpleString('"model"'), value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    )
    return NodeEdit(body, body.with_changes(elements=[element, *body.elements]))
