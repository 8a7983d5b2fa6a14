"""The hosts: the retired legacy host, the router, the Hub, and the Hub endpoints that probe and check-models ask."""

from __future__ import annotations

import re

LEGACY_HOST = "api-inference.huggingface.co"
LEGACY_URL = "https://api-inference.huggingface.co"
LEGACY_NEEDLE = (
    "api-inference"  # the host's distinctive part: also found when regex-escaped (api-inference\\.huggingface)
)


def mentions_legacy_host(text: str) -> bool:
    """A cheap first test, in any case: may ``text`` name the legacy host (plain or regex-escaped)?

    It answers as the case-blind URL patterns do: ``str.lower`` is 70 times faster than their search, but outside
    ASCII it disagrees with them (``re.IGNORECASE`` matches "İ" to "i", ``lower`` makes it two characters)."""
    return LEGACY_NEEDLE in text.lower() if text.isascii() else _LEGACY_NEEDLE_ANY_CASE.search(text) is not None


_LEGACY_NEEDLE_ANY_CASE = re.compile(re.escape(LEGACY_NEEDLE), re.IGNORECASE)


ROUTER_HOST = "router.huggingface.co"
ROUTER_URL = "https://router.huggingface.co"
HUB_URL = "https://huggingface.co"

HF_INFERENCE = "hf-inference"
CHAT_COMPLETIONS_PATH = "/v1/chat/completions"

#: The fine-grained token permission that allows calls to Inference Providers.
INFERENCE_PERMISSION = "inference.serverless.write"

# Hosts allowed to receive a token: Hugging Face's own domains and their subdomains.
_HF_DOMAINS = ("huggingface.co", "hf.co")


def is_hugging_face_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in _HF_DOMAINS)


def legacy_model_url(model: str, origin: str = LEGACY_URL) -> str:
    """``LEGACY/models/{id}``: the form most legacy code called."""
    return f"{origin}/models/{model}"


def router_models_url(origin: str = ROUTER_URL) -> str:
    """``ROUTER/v1/models``: the public catalogue of chat models."""
    return f"{origin}/v1/models"


def whoami_url(hub: str = HUB_URL) -> str:
    return f"{hub}/api/whoami-v2"


def hub_model_url(model: str, expand: tuple[str, ...] = (), hub: str = HUB_URL) -> str:
    """``HUB/api/models/{id}`` with ``expand[]=`` fields (``inferenceProviderMapping``, ``pipeline_tag``...)."""
    query = "&".join(f"expand[]={field}" for field in expand)
    return f"{hub}/api/models/{model}" + (f"?{query}" if query else "")


def fine_grained_token_url(hub: str = HUB_URL) -> str:
    """The Hub page that creates a fine-grained token with the Inference Providers permission ticked."""
    return f"{hub}/settings/tokens/new?ownUserPermissions={INFERENCE_PERMISSION}&tokenType=fineGrained"


def billing_url(hub: str = HUB_URL) -> str:
    return f"{hub}/settings/billing"
