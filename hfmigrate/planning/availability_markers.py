"""The catalogue's word on a legacy URL's model, as markers: where the model is served for the task the URL runs.

    requests.post(f"{LEGACY}/models/{M}", ...), M served by hf-inference   → nothing to add
                                               by other providers only     → HFM503 naming them
                                               by nobody                   → HFM502 with alternatives
                                               for chat                    → HFM107, unless the chat rewrite spoke

The catalogue is the check-models cache, or the network with ``--resolve-models`` (:mod:`hfmigrate.rewrite.resolve`);
a model it does not know gets no marker. Kept apart from the fixes that translate the URL itself and call
:func:`mark_unavailable` for each one they meet (:mod:`hfmigrate.rules.legacy_urls_fix`, and
:mod:`hfmigrate.rules.legacy_urls_joins` for the joins of a prefix constant).
"""

from __future__ import annotations

import libcst as cst

from hfmigrate import urls
from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import StringTemplate, string_value


def mark_unavailable(
    context: ModuleContext, node: cst.BaseExpression, legacy: urls.LegacyUrl, template: StringTemplate | None = None
) -> None:
    """What the catalogue (cache or --resolve-models) says about the URL's model, for the task the URL runs:
    hf-inference serves it → nothing to add; other providers only → HFM503 naming them; nobody → HFM502 with
    alternatives; served for chat and the chat conversion left no word → HFM107 saying so."""
    from hfmigrate.catalog.availability import Route, availability

    if legacy.kind not in (urls.UrlKind.MODEL, urls.UrlKind.PIPELINE):
        return
    model = _literal_model(context, legacy.model or "", template)
    served = availability(context.verdicts, context.models.get(model or "", model), legacy.task)
    if served is None or served.route is Route.HF_INFERENCE:
        return
    if served.route is Route.CHAT:
        if not context.marked("HFM107"):
            context.mark(
                node,
                "HFM107",
                f"{served.model} is served for chat, not by hf-inference: POST "
                f"{urls.chat_completions_url()} with model={served.model!r} and messages",
            )
        return
    code, message = served.marker()  # type: ignore[misc]
    context.mark(node, code, message)


def _literal_model(context: ModuleContext, model: str, template: StringTemplate | None) -> str | None:
    """The id in the URL: written out, or one placeholder naming a constant assigned once."""
    indices = urls.placeholders_in(model)
    if not indices:
        return model or None
    if template is not None and len(indices) == 1 and model == urls.placeholder(indices[0]):
        value = context.resolve_name(template.dynamic[indices[0]])
        return string_value(value) if value is not None else None
    return None
