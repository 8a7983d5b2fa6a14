"""HFM501: code that pins a provider removed from the router gets a marker (never a silent change).

    client = InferenceClient(provider="sambanova")
        →  # hfmigrate: TODO(HFM501): provider `sambanova` was removed from the router on 2026-07-01; ...
           client = InferenceClient(provider="sambanova")

Choosing a replacement provider depends on which ones serve the model today (``hfmigrate check-models``), so
this rule marks; it does not guess.
"""

from __future__ import annotations

from hfmigrate import urls
from hfmigrate.pysyntax import keyword, string_value
from hfmigrate.rewrite.context import ModuleContext
from hfmigrate.scan.text import removed_provider_message

CODES = ("HFM501",)


def plan(context: ModuleContext) -> None:
    for call in context.calls:
        arg = keyword(call, "provider")
        value = string_value(arg.value) if arg else None
        if value in urls.REMOVED_PROVIDERS:
            context.mark(call, "HFM501", removed_provider_message(value))
    for node, template in context.strings:
        provider = _pinned_provider(template.text)
        if provider in urls.REMOVED_PROVIDERS:
            context.mark(node, "HFM501", removed_provider_message(provider))


def _pinned_provider(text: str) -> str | None:
    if urls.is_router(text):
        return urls.router_provider(text)
    if "/" in text and " " not in text.strip():
        return urls.split_model_suffix(text.strip())[1]
    return None
