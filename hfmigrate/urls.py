"""Everything hfmigrate knows about Hugging Face inference URLs.

The legacy serverless host (``api-inference.huggingface.co``) answers 410 Gone on every path. Its successor is
the Inference Providers router. This module classifies legacy URL forms and translates them to their router
equivalents; scan, rewrite, probe and check-models all ask it rather than matching hosts themselves.

Since mid 2026 hf-inference serves no LLMs and today's LLMs are mapped only for chat (hf-api.md §0): the
hf-inference equivalent of ``/models/{id}`` is right for the (mostly CPU) tasks it still serves, and an LLM's only
target is ``ROUTER/v1/chat/completions`` (``chat=True`` below, or :func:`router_chat_base` for a client's base URL).

URLs may be *templates*: code often fills the model id in at run time. Callers mark each run-time part with
:func:`placeholder` so that classification and translation can move it around without knowing its source text.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

LEGACY_HOST = "api-inference.huggingface.co"
LEGACY_URL = "https://api-inference.huggingface.co"
_LEGACY_NEEDLE = (
    "api-inference"  # the host's distinctive part: also found when regex-escaped (api-inference\\.huggingface)
)


def mentions_legacy_host(text: str) -> bool:
    """A cheap first test, in any case: may ``text`` name the legacy host (plain or regex-escaped)?"""
    return _LEGACY_NEEDLE in text.lower()


ROUTER_HOST = "router.huggingface.co"
ROUTER_URL = "https://router.huggingface.co"
HUB_URL = "https://huggingface.co"

HF_INFERENCE = "hf-inference"
CHAT_COMPLETIONS_PATH = "/v1/chat/completions"

#: Providers the router serves today (huggingface_hub 2.4.0, huggingface.js and the docs agree).
LIVE_PROVIDERS = frozenset(
    {
        "baseten",
        "cerebras",
        "cohere",
        "deepinfra",
        "fal-ai",
        "featherless-ai",
        "fireworks-ai",
        "groq",
        "hf-inference",
        "novita",
        "nscale",
        "ovhcloud",
        "publicai",
        "replicate",
        "scaleway",
        "together",
        "wavespeed",
        "zai-org",
    }
)
#: ``openai`` is a client-side provider only (the user's own OpenAI key); it is valid in ``provider=``.
CLIENT_SIDE_PROVIDERS = frozenset({"openai"})
#: Providers removed from routing; code that pins them is broken.
REMOVED_PROVIDERS = {
    name: "2026-07-01" for name in ("black-forest-labs", "clarifai", "hyperbolic", "nebius", "nvidia", "sambanova")
}
ROUTING_POLICIES = frozenset({"fastest", "cheapest", "preferred"})

#: Tasks that hf-inference serves under ``/models/{id}/pipeline/{task}`` rather than ``/models/{id}``.
PIPELINE_SUFFIX_TASKS = frozenset({"feature-extraction", "sentence-similarity"})

_PLACEHOLDER_OPEN, _PLACEHOLDER_CLOSE = "\ue000", "\ue001"
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")


def placeholder(index: int) -> str:
    """The token that stands for the ``index``-th run-time part of a URL template."""
    return f"{_PLACEHOLDER_OPEN}{index}{_PLACEHOLDER_CLOSE}"


def placeholders_in(text: str) -> list[int]:
    return [int(m.group(1)) for m in _PLACEHOLDER.finditer(text)]


def display(template: str, names: dict[int, str] | None = None) -> str:
    """Render a template for people: placeholders become ``{name}`` (or ``{…}``)."""
    names = names or {}
    return _PLACEHOLDER.sub(lambda m: "{" + names.get(int(m.group(1)), "…") + "}", template)


class UrlKind(enum.Enum):
    """The legacy URL forms of hf-api.md §1."""

    HOST = "host"  # the bare host, or a prefix such as /models/ that code completes elsewhere
    MODEL = "model"  # /models/{id}
    PIPELINE = "pipeline"  # /pipeline/{task}/{id}
    OPENAI_BASE = "openai-base"  # /v1/... with the model in the body
    MODEL_CHAT = "model-chat"  # /models/{id}/v1/...
    STATUS = "status"  # /status/{id}
    FRAMEWORK = "framework"  # /framework/{framework}
    MODEL_INFO = "model-info"  # /models/{id}/info
    OTHER = "other"


#: Forms with no router equivalent: report them, never rewrite them.
NO_EQUIVALENT = frozenset({UrlKind.STATUS, UrlKind.FRAMEWORK, UrlKind.MODEL_INFO, UrlKind.OTHER})


@dataclass(frozen=True)
class LegacyUrl:
    """A legacy URL (or template) split into the parts a migration needs.

    ``origin`` is the scheme and host as written (``https://api-inference.huggingface.co``, or the host alone).
    ``model`` and ``task`` are the path segments as written, placeholders included. ``rest`` is what follows the
    model id (``/v1/chat/completions``), and ``tail`` a query string or fragment, kept verbatim.
    """

    kind: UrlKind
    origin: str
    path: str
    model: str | None = None
    task: str | None = None
    rest: str = ""
    tail: str = ""

    @property
    def prefix_path(self) -> str | None:
        """For a HOST prefix, the path it ends with (``""``, ``/models/``, ``/pipeline/feature-extraction/``)."""
        return self.path if self.kind is UrlKind.HOST else None

    @property
    def trailing_slash(self) -> bool:
        return (self.rest or self.path).endswith("/")


# The host ends where a host character could not continue it: "api-inference.huggingface.com" is another domain.
_HOST_END = r"(?![\w\-]|\.[\w\-])"
_ORIGIN = re.compile(rf"^(?:(?:https?:)?//)?api-inference\.huggingface\.co{_HOST_END}(?::443)?", re.IGNORECASE)
# A legacy host inside free text. The look-behind keeps out internal.api-inference.huggingface.co and friends.
_LEGACY_IN_TEXT = re.compile(
    r"(?:(?<![\w])https?://|(?<![\w.\-/\\]))api-inference\.huggingface\.co" + _HOST_END + r"(?::443)?"
    r"(?P<path>(?:/|\$\{[^}\s]*\}|\{[^}\s]*\}|[^\s\"'`<>()\[\]\\|,;{}])*)",
    re.IGNORECASE,
)
# The host written as a regular expression, as in test mocks: r"^https://api-inference\.huggingface\.co/..."
_ESCAPED_LEGACY_IN_TEXT = re.compile(r"(?<![\w.\-])api-inference\\\.huggingface\\\.co(?![\w\-])", re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,:;!?"


def is_legacy(url: str) -> bool:
    return bool(_ORIGIN.match(url.strip()))


def parse_legacy(url: str) -> LegacyUrl | None:
    """Classify ``url`` if it starts with the legacy host; None for any other URL."""
    match = _ORIGIN.match(url)
    if not match:
        return None
    origin, remainder = url[: match.end()], url[match.end() :]
    path, tail = _split_tail(remainder)
    return _classify_path(origin, path, tail)


def _split_tail(remainder: str) -> tuple[str, str]:
    for index, char in enumerate(remainder):
        if char in "?#":
            return remainder[:index], remainder[index:]
    return remainder, ""


def _classify_path(origin: str, path: str, tail: str) -> LegacyUrl:
    segments = path.strip("/").split("/") if path.strip("/") else []
    head = segments[0] if segments else ""
    if not segments or (head in ("models", "pipeline") and len(segments) == 1):
        return LegacyUrl(UrlKind.HOST, origin, path, tail=tail)
    if head == "pipeline" and len(segments) == 2 and path.endswith("/"):
        return LegacyUrl(UrlKind.HOST, origin, path, task=segments[1], tail=tail)
    if head == "v1":
        return LegacyUrl(UrlKind.OPENAI_BASE, origin, path, rest=path, tail=tail)
    if head == "models":
        return _classify_model_path(origin, path, segments[1:], tail)
    if head == "pipeline" and len(segments) >= 3:
        return LegacyUrl(UrlKind.PIPELINE, origin, path, model="/".join(segments[2:]), task=segments[1], tail=tail)
    if head == "status" and len(segments) >= 2:
        return LegacyUrl(UrlKind.STATUS, origin, path, model="/".join(segments[1:]), tail=tail)
    if head == "framework":
        return LegacyUrl(UrlKind.FRAMEWORK, origin, path, tail=tail)
    return LegacyUrl(UrlKind.OTHER, origin, path, tail=tail)


def _classify_model_path(origin: str, path: str, segments: list[str], tail: str) -> LegacyUrl:
    if "v1" in segments:
        at = segments.index("v1")
        rest = "/" + "/".join(segments[at:]) + ("/" if path.endswith("/") and segments[-1] != "" else "")
        return LegacyUrl(UrlKind.MODEL_CHAT, origin, path, model="/".join(segments[:at]), rest=rest, tail=tail)
    if segments[-1] == "info" and len(segments) >= 2:
        return LegacyUrl(UrlKind.MODEL_INFO, origin, path, model="/".join(segments[:-1]), tail=tail)
    model = "/".join(segments)
    return LegacyUrl(UrlKind.MODEL, origin, path, model=model, rest="/" if path.endswith("/") else "", tail=tail)


def _router_origin(origin: str) -> str:
    """Keep the scheme convention of the original: a bare host stays bare."""
    if "//" not in origin:
        return ROUTER_HOST
    return ROUTER_URL  # http://, HTTPS:// and protocol-relative //host all become https://router...


#: Providers whose own embeddings route the router exposes (huggingface_hub _providers/scaleway.py, together.py,
#: deepinfra.py); each takes the provider's model id. ``ROUTER/v1/embeddings`` (the root) does not exist.
PROVIDER_EMBEDDING_PATHS = {
    "scaleway": "/scaleway/v1/embeddings",
    "together": "/together/v1/embeddings",
    "deepinfra": "/deepinfra/v1/openai/embeddings",
}


def provider_embeddings_url(provider: str, origin: str = ROUTER_URL) -> str:
    return origin.rstrip("/") + PROVIDER_EMBEDDING_PATHS[provider]


def hf_inference_url(model: str, task: str | None = None, origin: str = ROUTER_URL) -> str:
    """``ROUTER/hf-inference/models/{id}``, with ``/pipeline/{task}`` for the tasks that need it."""
    url = f"{origin}/{HF_INFERENCE}/models/{model}"
    if task in PIPELINE_SUFFIX_TASKS or (task and is_dynamic(task)):
        url += f"/pipeline/{task}"  # a task only known at run time keeps its place after the id
    return url


def is_dynamic(segment: str) -> bool:
    """A URL segment filled in at run time: a placeholder, or a template field in JS/shell/f-string text."""
    return bool(placeholders_in(segment)) or any(mark in segment for mark in ("{", "$"))


def chat_completions_url(origin: str = ROUTER_URL) -> str:
    return origin + CHAT_COMPLETIONS_PATH


def router_equivalent(url: LegacyUrl, *, chat: bool = False) -> str | None:
    """The router URL that replaces ``url``, or None when there is none (see :func:`no_equivalent_advice`).

    ``chat`` asks for the chat-completions URL of a ``/models/{id}`` call whose payload moves to chat. Without it,
    a ``/models/{id}`` URL maps to hf-inference, which answers 404 for every LLM (hf-api.md §0).
    """
    origin = _router_origin(url.origin)
    if url.kind is UrlKind.MODEL:
        if chat:
            return chat_completions_url(origin) + url.tail
        return hf_inference_url(url.model or "", origin=origin) + url.rest + url.tail
    if url.kind is UrlKind.PIPELINE:
        return hf_inference_url(url.model or "", url.task, origin) + url.tail
    if url.kind is UrlKind.OPENAI_BASE:
        return origin + url.rest + url.tail
    if url.kind is UrlKind.MODEL_CHAT:
        return origin + url.rest + url.tail
    if url.kind is UrlKind.HOST:
        return _router_prefix(url, origin)
    return None


def router_chat_base(url: LegacyUrl) -> str | None:
    """``ROUTER/v1`` for a per-model URL that a client uses as its base URL (``LEGACY/models/{id}`` or
    ``.../models/{id}/v1/``): the router takes the model in the request body, not in the path (hf-api.md §1)."""
    if url.tail or not url.model:
        return None
    if url.kind is UrlKind.MODEL or (url.kind is UrlKind.MODEL_CHAT and url.rest.rstrip("/") == "/v1"):
        return _router_origin(url.origin) + "/v1" + ("/" if url.trailing_slash else "")
    return None


def _router_prefix(url: LegacyUrl, origin: str) -> str | None:
    """A bare host or ``/models/`` prefix that code completes with ``/models/{id}`` or ``{id}``."""
    path = url.path
    if path in ("", "/"):
        return f"{origin}/{HF_INFERENCE}{path}" + url.tail
    if path.strip("/") == "models":
        return f"{origin}/{HF_INFERENCE}{path}" + url.tail
    return None


def prose_equivalent(url: LegacyUrl | None) -> str | None:
    """The router URL that replaces ``url`` where it is only mentioned (a comment, a docstring, Markdown, a raw cell).

    Only unambiguous forms: ``/models/{id}``, ``/pipeline/{task}/{id}``, ``/v1/...`` and the ``/models/`` prefix.
    The bare host (what is appended decides), per-model chat URLs and endpoints with no equivalent give None.
    """
    if url is None or url.kind in NO_EQUIVALENT or url.kind is UrlKind.MODEL_CHAT:
        return None
    if url.kind is UrlKind.HOST and url.path.strip("/") != "models":
        return None
    return router_equivalent(url)


def translate(url: str, *, chat: bool = False) -> str | None:
    """Translate a legacy URL or template string; None when it is not legacy or has no equivalent."""
    parsed = parse_legacy(url)
    return router_equivalent(parsed, chat=chat) if parsed else None


def no_equivalent_advice(url: LegacyUrl, names: dict[int, str] | None = None) -> str:
    """What to do instead for a legacy endpoint that the router does not offer."""
    model = display(url.model or "{id}", names)
    if url.kind is UrlKind.STATUS:
        return f"no router equivalent: ask the Hub, GET {HUB_URL}/api/models/{model}?expand[]=inference"
    if url.kind is UrlKind.FRAMEWORK:
        return f"no router equivalent: list served models with GET {HUB_URL}/api/models?inference_provider=all"
    if url.kind is UrlKind.MODEL_INFO:
        return "no router equivalent: TGI server info is not exposed by the router"
    return f"no known router equivalent for path {display(url.path)!r}"


@dataclass(frozen=True)
class UrlMatch:
    """A legacy URL found in free text: its span and its classification."""

    start: int
    end: int
    text: str
    url: LegacyUrl | None  # None for a regex-escaped host, which cannot be classified


def find_legacy_urls(text: str) -> list[UrlMatch]:
    """Every legacy URL in ``text`` (JS, shell, YAML, Markdown, ...), including regex-escaped hosts."""
    found = []
    for match in _LEGACY_IN_TEXT.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in _TRAILING_PUNCTUATION:
            end -= 1
        url_text = text[match.start() : end]
        found.append(UrlMatch(match.start(), end, url_text, parse_legacy(url_text)))
    for match in _ESCAPED_LEGACY_IN_TEXT.finditer(text):
        found.append(UrlMatch(match.start(), match.end(), match.group(0), None))
    return sorted(found, key=lambda m: m.start)


# --- the router ----------------------------------------------------------------------------------------------

_ROUTER_ORIGIN = re.compile(r"^(?:https?://)?router\.huggingface\.co", re.IGNORECASE)
_ROUTER_IN_TEXT = re.compile(r"(?:https?://)?router\.huggingface\.co(?P<path>/[\w\-./{}$]*)?", re.IGNORECASE)


def is_router(url: str) -> bool:
    return bool(_ROUTER_ORIGIN.match(url.strip()))


def router_provider(url: str) -> str | None:
    """The provider a router URL pins in its path (``ROUTER/nebius/v1`` → ``nebius``); None for ``/v1/...``."""
    match = _ROUTER_ORIGIN.match(url.strip())
    if not match:
        return None
    first = url.strip()[match.end() :].strip("/").split("/", 1)[0]
    return first if first and first != "v1" else None


def is_router_chat_url(url: str) -> bool:
    return is_router(url) and url.rstrip("/").endswith(CHAT_COMPLETIONS_PATH)


def find_router_urls(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _ROUTER_IN_TEXT.finditer(text)]


# org/name or a legacy un-namespaced name (gpt2), optionally :provider or :policy. Hub names: letters, digits, - _ .
_MODEL_ID = re.compile(
    r"^(?:[A-Za-z0-9][A-Za-z0-9_.\-]*/)?[A-Za-z0-9][A-Za-z0-9_.\-]*(?::[A-Za-z0-9][A-Za-z0-9_.\-]*)?$"
)
MAX_MODEL_ID = 200


def is_model_id(text: str) -> bool:
    """Whether ``text`` has the shape of a Hub model id; ``..`` is refused since ids become URL paths."""
    return len(text) <= MAX_MODEL_ID and bool(_MODEL_ID.match(text)) and ".." not in text


def split_model_suffix(model_id: str) -> tuple[str, str | None]:
    """``openai/gpt-oss-120b:groq`` → (``openai/gpt-oss-120b``, ``groq``)."""
    base, sep, suffix = model_id.rpartition(":")
    return (base, suffix) if sep and base and "/" not in suffix else (model_id, None)


def provider_status(name: str) -> str:
    """``live``, ``removed``, ``client-side``, ``policy`` (``fastest``...) or ``unknown``."""
    if name in LIVE_PROVIDERS:
        return "live"
    if name in REMOVED_PROVIDERS:
        return "removed"
    if name in CLIENT_SIDE_PROVIDERS:
        return "client-side"
    if name in ROUTING_POLICIES:
        return "policy"
    return "unknown"


# --- hosts allowed to receive a token -------------------------------------------------------------------------

_HF_DOMAINS = ("huggingface.co", "hf.co")


def is_hugging_face_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in _HF_DOMAINS)


# --- endpoints that probe asks ---------------------------------------------------------------------------------

INFERENCE_PERMISSION = "inference.serverless.write"
#: Tasks whose models answer on hf-inference's ``/pipeline/feature-extraction`` route (embedding models).
EMBEDDING_TASKS = frozenset({"feature-extraction", "sentence-similarity"})
# Name fragments of embedding models, for when the Hub cannot tell us the task. Whole name parts (split on
# ``/-_.``) for the short ones so that "e5" does not match inside other words; substrings for the long ones.
_EMBEDDING_NAME_PARTS = frozenset({"bge", "e5", "gte"})
_EMBEDDING_NAME_SUBSTRINGS = ("sentence-transformers/", "minilm", "embed", "mpnet")


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


def rebase_legacy(url: str, origin: str) -> str | None:
    """The path of a legacy URL on another legacy origin (a mirror, a test server); None if ``url`` is not legacy."""
    parsed = parse_legacy(url)
    if parsed is None or placeholders_in(url):
        return None
    return origin + (parsed.path or "/") + parsed.tail


def looks_like_embedding_model(model: str) -> bool:
    """A guess from the model id alone: sentence-transformers/*, bge, e5, gte, MiniLM, mpnet, *embed*."""
    lowered = model.lower()
    if any(fragment in lowered for fragment in _EMBEDDING_NAME_SUBSTRINGS):
        return True
    return bool(_EMBEDDING_NAME_PARTS & set(re.split(r"[/\-_.]", lowered)))


# Models whose name says they are not LLMs although they answer ``generated_text`` (captioning, OCR, speech):
# text generation through them must never move to chat completions.
_NOT_LLM_NAME_SUBSTRINGS = (
    "blip",
    "caption",
    "vit-gpt2",
    "pix2struct",
    "git-base",
    "git-large",
    "trocr",
    "donut",
    "florence",
    "kosmos",
    "whisper",
    "wav2vec",
    "image-to-text",
    "img2text",
)


def looks_like_non_llm_model(model: str) -> bool:
    lowered = model.lower()
    return any(fragment in lowered for fragment in _NOT_LLM_NAME_SUBSTRINGS)


# --- router URL forms that do not work today (router lint, HFM6xx) ---------------------------------------------
# Kept apart from the sections above (other work edits them). Hand-migrations and old clients build these; all
# answer 404 or are retired (hf-api.md §0). Each is classified from the URL text alone; templates keep their
# run-time parts (``{model}``, ``${MODEL}``, placeholders) where they were.


class RouterProblem(enum.Enum):
    MODELS_PATH = "models-path"  # ROUTER/models/{id}
    PIPELINE_PATH = "pipeline-path"  # ROUTER/pipeline/{task}/{id}
    HF_INFERENCE_PIPELINE = "hf-inference-pipeline"  # ROUTER/hf-inference/pipeline/{task}/{id}
    ROOT_EMBEDDINGS = "root-embeddings"  # ROUTER/v1/embeddings
    MODEL_IN_V1_PATH = "model-in-v1-path"  # ROUTER/v1/{id}/chat/completions, ROUTER/models/{id}/v1/...
    HF_INFERENCE_CHAT = "hf-inference-chat"  # ROUTER/hf-inference/models/{id}/v1/chat/completions
    INFERENCE_PROXY = "inference-proxy"  # HUB/api/inference-proxy/{provider}/...


@dataclass(frozen=True)
class BrokenRouterUrl:
    """A router (or retired Hub proxy) URL that does not work today, and the one that does when it is mechanical.

    ``fixed`` is None when the working URL needs a choice (an LLM behind ``/models/{id}``, embeddings) or a
    prefix the code completes elsewhere. ``model`` is the id as written (a template part included).
    """

    problem: RouterProblem
    start: int
    end: int
    text: str
    model: str | None = None
    task: str | None = None
    provider: str | None = None
    fixed: str | None = None


_BROKEN_ROUTER_IN_TEXT = re.compile(
    r"(?<![\w.\-/])(?P<origin>(?:https?://)?router\.huggingface\.co)(?P<path>/[\w\-./{}$]*)"
    r"|(?<![\w.\-/])(?P<hub>(?:https?://)?huggingface\.co)/api/inference-proxy/(?P<provider>[\w\-{}$]+)(?P<rest>/[\w\-./{}$]*)?"
)  # case-sensitive, as the pre-filter's needles are
_V1_ROUTES = frozenset({"", "chat/completions", "completions", "models", "responses", "messages"})
_V1_ROUTE_WORDS = frozenset({"chat", "completions", "responses", "messages"})
# OpenAI API families the router may or may not offer: a path under them is not a model id in the wrong place
_OPENAI_ROUTE_HEADS = frozenset(
    {
        "audio",
        "images",
        "files",
        "batches",
        "moderations",
        "fine_tuning",
        "assistants",
        "threads",
        "uploads",
        "vector_stores",
        "realtime",
        "videos",
    }
)


def find_broken_router_urls(text: str) -> list[BrokenRouterUrl]:
    """Every router URL in ``text`` that does not work today (plus the retired Hub inference proxy)."""
    found = []
    for match in _BROKEN_ROUTER_IN_TEXT.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in _TRAILING_PUNCTUATION:
            end -= 1
        url = text[match.start() : end]
        broken = classify_router_url(url)
        if broken is not None:
            found.append(
                BrokenRouterUrl(
                    broken.problem, match.start(), end, url, broken.model, broken.task, broken.provider, broken.fixed
                )
            )
    return found


def classify_router_url(url: str) -> BrokenRouterUrl | None:
    """The problem with a router URL (or template), or None when its form works today."""
    proxy = re.match(r"^((?:https?://)?)huggingface\.co/api/inference-proxy/([^/]+)(.*)$", url)
    if proxy:
        origin = ROUTER_URL if proxy.group(1) else ROUTER_HOST
        provider, rest = proxy.group(2), proxy.group(3)
        return _broken(RouterProblem.INFERENCE_PROXY, url, provider=provider, fixed=f"{origin}/{provider}{rest}")
    match = _ROUTER_ORIGIN.match(url)
    if not match:
        return None
    origin = ROUTER_URL if "//" in url[: match.end()] else ROUTER_HOST
    path = url[match.end() :]
    segments = [s for s in path.strip("/").split("/")] if path.strip("/") else []
    head = segments[0] if segments else ""
    if head == "models":
        return _models_path(url, origin, segments[1:], path.endswith("/"))
    if head == "pipeline" and len(segments) >= 2:
        return _pipeline(RouterProblem.PIPELINE_PATH, url, origin, segments[1:], path.endswith("/"))
    if head == HF_INFERENCE and len(segments) >= 2 and segments[1] == "pipeline":
        return _pipeline(RouterProblem.HF_INFERENCE_PIPELINE, url, origin, segments[2:], path.endswith("/"))
    if head == HF_INFERENCE and len(segments) >= 3 and segments[1] == "models" and "v1" in segments[3:]:
        at = segments.index("v1", 3)
        model, rest = "/".join(segments[2:at]), "/".join(segments[at:])
        return _broken(RouterProblem.HF_INFERENCE_CHAT, url, model=model, fixed=f"{origin}/{rest}")
    if head == "v1":
        return _v1_path(url, origin, segments[1:])
    return None


def _broken(problem: RouterProblem, url: str, **parts: str | None) -> BrokenRouterUrl:
    return BrokenRouterUrl(problem, 0, len(url), url, **parts)


def _models_path(url: str, origin: str, segments: list[str], prefix: bool) -> BrokenRouterUrl:
    """``ROUTER/models/{id}``: hf-inference's route (callers decide whether the model is one hf-inference serves)."""
    if "v1" in segments:
        at = segments.index("v1")
        return _broken(
            RouterProblem.MODEL_IN_V1_PATH,
            url,
            model="/".join(segments[:at]),
            fixed=f"{origin}/" + "/".join(segments[at:]),
        )
    model = "/".join(s for s in segments if s)
    if not model:  # the prefix ROUTER/models/ that code completes with an id
        return _broken(RouterProblem.MODELS_PATH, url, fixed=f"{origin}/{HF_INFERENCE}/models/" if prefix else None)
    return _broken(RouterProblem.MODELS_PATH, url, model=model, fixed=hf_inference_url(model, origin=origin))


def _pipeline(problem: RouterProblem, url: str, origin: str, segments: list[str], prefix: bool) -> BrokenRouterUrl:
    """``.../pipeline/{task}/{id}``: the task moves after the id (a prefix ending in the task cannot be moved)."""
    task = segments[0]
    model = "/".join(s for s in segments[1:] if s)
    if not model:
        return _broken(problem, url, task=task)
    return _broken(problem, url, model=model, task=task, fixed=hf_inference_url(model, task, origin))


def _v1_path(url: str, origin: str, segments: list[str]) -> BrokenRouterUrl | None:
    rest = "/".join(s for s in segments if s)
    if rest == "embeddings":
        return _broken(RouterProblem.ROOT_EMBEDDINGS, url)
    catalogue = bool(segments) and segments[0] == "models"  # GET ROUTER/v1/models/{id} is the chat catalogue
    if rest in _V1_ROUTES or (catalogue and "completions" not in segments):
        return None
    if segments and segments[0] in _OPENAI_ROUTE_HEADS:
        return None
    words = _V1_ROUTE_WORDS | ({"models"} if catalogue else set())
    model = "/".join(s for s in segments if s and s not in words)
    if not model or not (is_model_id(model) or is_dynamic(model)):
        return None
    chat = "completions" in segments
    return _broken(
        RouterProblem.MODEL_IN_V1_PATH, url, model=model, fixed=chat_completions_url(origin) if chat else f"{origin}/v1"
    )


# The one place that guesses from a model id alone that it is an LLM (for HFM107 when nothing else in the code
# says so). The check-models catalogue, when it has an answer, always wins over this guess.
# Chat checkpoints: today's LLM families and chat/instruct markers; providers serve them as `conversational`.
_CHAT_NAME_PARTS = frozenset({"instruct", "chat", "it", "sft", "dpo", "rlhf"})
_CHAT_NAME_SUBSTRINGS = (
    "llama",
    "mistral",
    "mixtral",
    "zephyr",
    "gemma",
    "qwen",
    "phi-3",
    "phi-4",
    "deepseek",
    "starcoder",
    "codellama",
    "gpt-oss",
    "vicuna",
    "openchat",
    "olmo",
    "smollm",
    "command-r",
    "instruct",
    "-chat",
    "hermes",
    "tinyllama",
)
# Older generative models that answered on the retired host and that no provider serves today (hf-api.md §0).
_OLD_LLM_SUBSTRINGS = ("gpt2", "dialogpt", "flan-t5", "t5-", "bloom", "gpt-j", "gpt-neo", "opt-", "falcon", "phi-")


def looks_like_chat_model(model: str) -> bool:
    """A guess from the model id: a chat/instruct checkpoint (``-Instruct``, ``-chat``, ``-it``, Llama, Mistral,
    Zephyr, Qwen, Gemma ...); never for captioning, OCR, speech or embedding models."""
    lowered = model.lower()
    if not lowered or looks_like_non_llm_model(lowered) or looks_like_embedding_model(lowered):
        return False
    if any(fragment in lowered for fragment in _CHAT_NAME_SUBSTRINGS):
        return True
    return bool(_CHAT_NAME_PARTS & set(re.split(r"[/\-_.]", lowered)))


def looks_like_llm_model(model: str) -> bool:
    """A chat model (above), or an older generative one (gpt2, DialoGPT, flan-t5, BLOOM, GPT-J ...)."""
    lowered = model.lower()
    if looks_like_chat_model(lowered):
        return True
    if not lowered or looks_like_non_llm_model(lowered) or looks_like_embedding_model(lowered):
        return False
    return any(fragment in lowered for fragment in _OLD_LLM_SUBSTRINGS)
