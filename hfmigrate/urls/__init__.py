"""Everything hfmigrate knows about Hugging Face inference URLs.

The legacy serverless host (``api-inference.huggingface.co``) answers 410 Gone on every path. Its successor is
the Inference Providers router. This package classifies legacy URL forms and translates them to their router
equivalents; scan, rewrite, probe and check-models all ask it rather than matching hosts themselves.

- :mod:`~hfmigrate.urls.hosts`: the hosts, the legacy-host test, and the Hub endpoints probe and check-models ask;
- :mod:`~hfmigrate.urls.templates`: placeholders for the run-time parts of URL templates;
- :mod:`~hfmigrate.urls.model_ids`: the shape of a model id and its ``:provider`` suffix;
- :mod:`~hfmigrate.urls.legacy`: legacy URL forms, found in text, classified and translated;
- :mod:`~hfmigrate.urls.router`: router URLs and the forms that do not work today (HFM6xx).

What is served where today (providers, tasks, what a model id says) is :mod:`hfmigrate.served`, beside it; this
package re-exports it so that ``urls.X`` keeps answering for every caller.
"""

from __future__ import annotations

from hfmigrate.served import (
    CLIENT_SIDE_PROVIDERS,
    EMBEDDING_TASKS,
    LIVE_PROVIDERS,
    PIPELINE_SUFFIX_TASKS,
    REMOVED_PROVIDERS,
    ROUTING_POLICIES,
    looks_like_embedding_model,
    looks_like_non_llm_model,
    provider_status,
)
from hfmigrate.urls.hosts import (
    CHAT_COMPLETIONS_PATH,
    HF_INFERENCE,
    HUB_URL,
    INFERENCE_PERMISSION,
    LEGACY_HOST,
    LEGACY_NEEDLE,
    LEGACY_URL,
    ROUTER_HOST,
    ROUTER_URL,
    billing_url,
    fine_grained_token_url,
    hub_model_url,
    is_hugging_face_host,
    legacy_model_url,
    mentions_legacy_host,
    router_models_url,
    whoami_url,
)
from hfmigrate.urls.legacy import (
    NO_EQUIVALENT,
    PROVIDER_EMBEDDING_PATHS,
    LegacyUrl,
    UrlKind,
    UrlMatch,
    chat_completions_url,
    find_legacy_urls,
    hf_inference_url,
    is_legacy,
    no_equivalent_advice,
    parse_legacy,
    prose_equivalent,
    provider_embeddings_url,
    rebase_legacy,
    router_chat_base,
    router_equivalent,
    translate,
)
from hfmigrate.urls.model_ids import (
    MAX_MODEL_ID,
    is_model_id,
    split_model_suffix,
)
from hfmigrate.urls.router import (
    BrokenRouterUrl,
    RouterProblem,
    classify_router_url,
    find_broken_router_urls,
    find_hf_inference_models,
    find_router_urls,
    is_router,
    is_router_chat_url,
    router_provider,
)
from hfmigrate.urls.templates import (
    display,
    is_dynamic,
    placeholder,
    placeholders_in,
)

__all__ = [
    "CHAT_COMPLETIONS_PATH",
    "HF_INFERENCE",
    "HUB_URL",
    "INFERENCE_PERMISSION",
    "LEGACY_HOST",
    "LEGACY_NEEDLE",
    "LEGACY_URL",
    "ROUTER_HOST",
    "ROUTER_URL",
    "billing_url",
    "fine_grained_token_url",
    "hub_model_url",
    "is_hugging_face_host",
    "legacy_model_url",
    "mentions_legacy_host",
    "router_models_url",
    "whoami_url",
    "display",
    "is_dynamic",
    "placeholder",
    "placeholders_in",
    "MAX_MODEL_ID",
    "is_model_id",
    "split_model_suffix",
    "NO_EQUIVALENT",
    "PROVIDER_EMBEDDING_PATHS",
    "LegacyUrl",
    "UrlKind",
    "UrlMatch",
    "chat_completions_url",
    "find_legacy_urls",
    "hf_inference_url",
    "is_legacy",
    "no_equivalent_advice",
    "parse_legacy",
    "prose_equivalent",
    "provider_embeddings_url",
    "rebase_legacy",
    "router_chat_base",
    "router_equivalent",
    "translate",
    "BrokenRouterUrl",
    "RouterProblem",
    "classify_router_url",
    "find_broken_router_urls",
    "find_hf_inference_models",
    "find_router_urls",
    "is_router",
    "is_router_chat_url",
    "router_provider",
    "CLIENT_SIDE_PROVIDERS",
    "EMBEDDING_TASKS",
    "LIVE_PROVIDERS",
    "PIPELINE_SUFFIX_TASKS",
    "REMOVED_PROVIDERS",
    "ROUTING_POLICIES",
    "looks_like_embedding_model",
    "looks_like_non_llm_model",
    "provider_status",
]
