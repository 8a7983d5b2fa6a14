"""Legacy URLs: the forms of the retired host (hf-api.md §1), found in text, classified, and translated to their
router equivalents.

Since mid 2026 hf-inference serves no LLMs and today's LLMs are mapped only for chat (hf-api.md §0): the
hf-inference equivalent of ``/models/{id}`` is right for the (mostly CPU) tasks it still serves, and an LLM's only
target is ``ROUTER/v1/chat/completions`` (``chat=True`` below, or :func:`router_chat_base` for a client's base URL).
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass

from hfmigrate.served import PIPELINE_SUFFIX_TASKS
from hfmigrate.urls.hosts import (
    CHAT_COMPLETIONS_PATH,
    HF_INFERENCE,
    HUB_URL,
    ROUTER_HOST,
    ROUTER_URL,
    mentions_legacy_host,
)
from hfmigrate.urls.templates import display, is_dynamic, placeholders_in, url_end


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


def is_legacy(url: str) -> bool:
    return bool(_ORIGIN.match(url.strip()))


@functools.lru_cache(maxsize=1 << 14)  # rewrite's rules ask about each URL of a module in turn: 3 times each
def parse_legacy(url: str) -> LegacyUrl | None:
    """Classify ``url`` if it starts with the legacy host; None for any other URL. (A LegacyUrl is frozen: the
    cache hands out the same one.)"""
    match = _ORIGIN.match(url)
    if not match:
        return None
    origin, remainder = url[: match.end()], url[match.end() :]
    path, tail = _split_tail(remainder)
    return _classify_path(origin, path, tail)


def _split_tail(remainder: str) -> tuple[str, str]:
    """The path, and the query or fragment from the first ``?`` or ``#`` on."""
    cut = min((at for at in (remainder.find("?"), remainder.find("#")) if at >= 0), default=len(remainder))
    return remainder[:cut], remainder[cut:]


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
    """Every legacy URL in ``text`` (JS, shell, YAML, Markdown, ...), including regex-escaped hosts.

    The same text is searched by several rules (the older detectors, the rule family's checks, the model
    references): the matches of the last few texts are kept, so a file's URLs are found and classified once."""
    return list(_legacy_urls_in(text))


@functools.lru_cache(maxsize=8)
def _legacy_urls_in(text: str) -> tuple[UrlMatch, ...]:
    if not mentions_legacy_host(text):  # the patterns' look-behinds make them slow to find nothing in long prose
        return ()
    found = []
    for match in _LEGACY_IN_TEXT.finditer(text):
        end = url_end(text, match)
        url_text = text[match.start() : end]
        found.append(UrlMatch(match.start(), end, url_text, parse_legacy(url_text)))
    for match in _ESCAPED_LEGACY_IN_TEXT.finditer(text):
        found.append(UrlMatch(match.start(), match.end(), match.group(0), None))
    return tuple(sorted(found, key=lambda m: m.start))


def rebase_legacy(url: str, origin: str) -> str | None:
    """The path of a legacy URL on another legacy origin (a mirror, a test server); None if ``url`` is not legacy."""
    parsed = parse_legacy(url)
    if parsed is None or placeholders_in(url):
        return None
    return origin + (parsed.path or "/") + parsed.tail
