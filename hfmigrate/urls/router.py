"""Router URLs: recognising them, the provider a path pins, and the forms that do not work today (router lint,
HFM6xx)."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from hfmigrate.urls.hosts import CHAT_COMPLETIONS_PATH, HF_INFERENCE, ROUTER_HOST, ROUTER_URL
from hfmigrate.urls.legacy import chat_completions_url, hf_inference_url
from hfmigrate.urls.model_ids import is_model_id
from hfmigrate.urls.templates import is_dynamic, url_end

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


def find_hf_inference_models(text: str) -> list[tuple[int, int, str]]:
    """(start, end, model id) of each ``ROUTER/hf-inference/models/{id}`` URL in ``text`` whose id is written out
    (a run-time id, ``${model}``, is left out)."""
    found = []
    for start, end, url in find_router_urls(text):
        path = url.split(ROUTER_HOST, 1)[-1].lower()
        if not path.startswith(f"/{HF_INFERENCE}/models/"):
            continue
        parts = url.split(f"/{HF_INFERENCE}/models/", 1)[-1].split("/")
        model = "/".join(parts[:2]) if len(parts) > 1 and parts[1] and parts[1] not in ("pipeline", "v1") else parts[0]
        if model and not is_dynamic(model):
            found.append((start, end, model))
    return found


# --- router URL forms that do not work today (router lint, HFM6xx) ---------------------------------------------
# Hand-migrations and old clients build these; all
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
        end = url_end(text, match)
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
