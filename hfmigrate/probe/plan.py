"""What ``hfmigrate probe`` asks: targets (models, with where they came from) turned into a list of requests.

A plan is data only; nothing here touches the network. Every request is as cheap as a request can be: chat asks
for one token of a one-word prompt, embeddings embed one short string, and with ``inference=False`` only free
metadata is requested. Requests that depend on what the model is are marked ``needs_task``: the runner settles
them once the Hub mapping has said (see :func:`hfmigrate.probe.settle.settle_after_mapping`). That covers the
hf-inference request of a model whose task is not known yet or is text generation (hf-inference serves no LLMs
unless its mapping says so), and the chat request of a model whose name does not say it is a chat model: no chat
request goes to a model that is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TypedDict

from hfmigrate import urls
from hfmigrate.net import Hosts, check_base_url  # noqa: F401 - re-exported by hfmigrate.probe
from hfmigrate.words import Word

ENDPOINT_CHOICES = ("legacy", "hf-inference", "router", "all")


class ProbeKind(Word):
    """What one request probes; its value is the "endpoint" column of every report (a ``str``, so reports print
    and serialise it as that word)."""

    LEGACY = "legacy"
    HF_INFERENCE = "hf-inference"
    CHAT = "router-chat"
    STREAM = "router-stream"
    PROVIDER = "router-provider"  # a provider's own route (embeddings), when hf-inference does not serve the model
    MODELS = "router-models"
    MAPPING = "hub-mapping"
    TOKEN = "token"


LEGACY, HF_INFERENCE, CHAT, STREAM = ProbeKind.LEGACY, ProbeKind.HF_INFERENCE, ProbeKind.CHAT, ProbeKind.STREAM
PROVIDER, MODELS, MAPPING, TOKEN = ProbeKind.PROVIDER, ProbeKind.MODELS, ProbeKind.MAPPING, ProbeKind.TOKEN
INFERENCE_KINDS = frozenset({HF_INFERENCE, CHAT, STREAM, PROVIDER})

#: One chat model served by providers, one embedding model served by hf-inference.
DEFAULT_MODELS = ("meta-llama/Llama-3.1-8B-Instruct", "sentence-transformers/all-MiniLM-L6-v2")
PROMPT = "Hi"
EMBEDDING_INPUT = "hello"
GLOBAL_GROUP = "(account and catalogue)"

# Tasks hf-inference may run with a one-word text input for at most one generated token. Anything else (images,
# audio, long generations) is not sent: a probe must never cost more than a token.
_TEXT_TASKS_ONE_TOKEN = frozenset({"text-generation", "text2text-generation", "summarization", "translation"})
_TEXT_TASKS_NO_GENERATION = frozenset({"text-classification", "token-classification"})
LLM_TASKS = frozenset({"text-generation", "conversational"})
#: Names that say "chat model" beyond doubt; any other model's chat request waits for its Hub mapping.
_CHAT_NAME = re.compile(r"(?i)(instruct|chat|-it(?:-|$)|gpt-oss)")
#: Shown instead of a model id for a call site whose id is chosen at run time.
RUNTIME_MODEL = "model chosen at run time"


@dataclass(frozen=True)
class Source:
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Target:
    """A model to probe. ``legacy_url`` is the legacy URL found in code, probed as written (on the legacy host)."""

    model: str
    task: str | None = None
    legacy_url: str | None = None
    sources: tuple[Source, ...] = ()
    runtime: bool = False  # a call site whose id is chosen at run time: reported, never probed


@dataclass(frozen=True)
class ProbeOptions:
    endpoint: str = "all"
    inference: bool = True
    stream: bool = False
    timeout: float = 10.0
    retries: int = 2
    base_delay: float = 0.5  # first backoff step; doubled per retry, with full jitter
    retry_cap: float = 30.0  # longest wait we accept from Retry-After / estimated_time
    max_connections: int = 32  # the pool bound; a default probe sends fewer requests than this

    def includes(self, family: str) -> bool:
        return self.endpoint in ("all", family)


@dataclass(frozen=True)
class ProbeRequest:
    """One HTTP request of the plan. ``group`` is the model it belongs to (or :data:`GLOBAL_GROUP`)."""

    key: str
    kind: ProbeKind
    group: str
    method: str
    url: str
    body: dict | None = None
    model: str | None = None
    task: str | None = None
    needs_task: bool = False
    skip: str | None = None  # why this request is not sent (it still appears in the report)
    sources: tuple[Source, ...] = ()

    @property
    def inference(self) -> bool:
        return self.kind in INFERENCE_KINDS


class _Shared(TypedDict):
    """The fields every request for one model shares."""

    group: str
    model: str
    sources: tuple[Source, ...]
    task: str | None


@dataclass(frozen=True)
class Plan:
    requests: tuple[ProbeRequest, ...]
    targets: tuple[Target, ...] = field(default_factory=tuple)

    def mapping_for(self, model: str) -> ProbeRequest | None:
        return next((r for r in self.requests if r.kind == MAPPING and r.model == model), None)


# --- the plan -------------------------------------------------------------------------------------------------


def build_plan(targets: list[Target], options: ProbeOptions, hosts: Hosts) -> Plan:
    """Per model: legacy, Hub mapping, hf-inference, chat (and stream); then /v1/models and the token, once."""
    by_model: dict[str, list[Target]] = {}
    for target in targets:
        if not target.runtime:
            by_model.setdefault(target.model, []).append(target)
    requests: list[ProbeRequest] = [_runtime_site(t) for t in targets if t.runtime]
    for same_model in by_model.values():
        requests.extend(_model_requests(same_model, options, hosts))
    if options.includes("router"):
        requests.append(
            ProbeRequest("router-models", MODELS, GLOBAL_GROUP, "GET", urls.router_models_url(hosts.router))
        )
    if options.endpoint != "legacy":
        requests.append(ProbeRequest("token", TOKEN, GLOBAL_GROUP, "GET", urls.whoami_url(hosts.hub)))
    return Plan(tuple(requests), tuple(targets))


def _runtime_site(target: Target) -> ProbeRequest:
    """A call site whose model id is chosen at run time: listed with its file and line, never sent."""
    where = ", ".join(str(source) for source in target.sources) or "code"
    skip = f"model chosen at run time at {where}: nothing probed; pass --model ID to probe the ids it takes"
    return ProbeRequest(
        f"runtime:{target.legacy_url}",
        LEGACY,
        RUNTIME_MODEL,
        "POST",
        target.legacy_url or "",
        skip=skip,
        sources=target.sources,
    )


def _model_requests(same_model: list[Target], options: ProbeOptions, hosts: Hosts) -> list[ProbeRequest]:
    """One legacy request per distinct legacy URL (with the lines it came from); the rest once per model."""
    first = same_model[0]
    merged = Target(
        first.model,
        next((t.task for t in same_model if t.task), None),
        None,
        tuple(source for t in same_model for source in t.sources),
    )
    model, suffix = urls.split_model_suffix(merged.model)
    common = _Shared(group=merged.model, model=model, sources=merged.sources, task=merged.task)
    key = merged.model
    out: list[ProbeRequest] = []
    if options.includes("legacy"):
        out.extend(_legacy_requests(same_model, options, hosts, common))
    if options.endpoint != "legacy":
        out.append(ProbeRequest(f"{key}:mapping", MAPPING, method="GET", url=_mapping_url(model, hosts), **common))
    if options.includes("hf-inference") and not suffix:
        out.append(_hf_inference_request(key, merged, options, hosts, common))
    if options.includes("router"):
        out.extend(_chat_requests(key, merged, options, hosts, common))
    return out


def _legacy_requests(
    same_model: list[Target], options: ProbeOptions, hosts: Hosts, common: _Shared
) -> list[ProbeRequest]:
    by_url: dict[str, ProbeRequest] = {}
    for target in same_model:
        request = _legacy_request(target.model, target, options, hosts, {**common, "sources": target.sources})
        known = by_url.get(request.url)
        by_url[request.url] = replace(known, sources=known.sources + target.sources) if known else request
    return [replace(request, key=f"{request.key}:{request.url}") for request in by_url.values()]


def _mapping_url(model: str, hosts: Hosts) -> str:
    return urls.hub_model_url(model, ("inferenceProviderMapping", "pipeline_tag"), hosts.hub)


def _legacy_request(key: str, target: Target, options: ProbeOptions, hosts: Hosts, common: _Shared) -> ProbeRequest:
    model = common["model"]
    url = urls.rebase_legacy(target.legacy_url, hosts.legacy) if target.legacy_url else None
    url = url or urls.legacy_model_url(model, hosts.legacy)
    if not options.inference:
        # The retired host answers 410 to every method; a GET runs no model anywhere, so it stays free.
        return ProbeRequest(f"{key}:legacy", LEGACY, method="GET", url=url, **common)
    parsed = urls.parse_legacy(target.legacy_url) if target.legacy_url else None
    chat = parsed is not None and parsed.kind in (urls.UrlKind.OPENAI_BASE, urls.UrlKind.MODEL_CHAT)
    if chat and url.rstrip("/").endswith("/v1"):
        url = url.rstrip("/") + "/chat/completions"  # code used it as an OpenAI base_url
    body = _chat_body(target.model) if chat else {"inputs": PROMPT, "parameters": {"max_new_tokens": 1}}
    return ProbeRequest(f"{key}:legacy", LEGACY, method="POST", url=url, body=body, **common)


def _hf_inference_request(
    key: str, target: Target, options: ProbeOptions, hosts: Hosts, common: _Shared
) -> ProbeRequest:
    request = ProbeRequest(f"{key}:hf-inference", HF_INFERENCE, method="POST", url="", **common)
    if not options.inference:
        return settle_hf_inference(request, None, hosts, skip="--no-inference: no inference request sent")
    task = target.task or ("feature-extraction" if urls.looks_like_embedding_model(common["model"]) else None)
    if task is None or task in LLM_TASKS:
        # The task decides URL, body and cost, and hf-inference serves an LLM only when its mapping says so:
        # wait for the Hub rather than guess.
        return replace(request, url=urls.hf_inference_url(common["model"], origin=hosts.router), needs_task=True)
    return settle_hf_inference(request, task, hosts)


def settle_hf_inference(request: ProbeRequest, task: str | None, hosts: Hosts, skip: str | None = None) -> ProbeRequest:
    """Fix URL and body of an hf-inference request for ``task``, or mark it skipped when no cheap probe exists."""
    model = request.model or ""
    pipeline = "feature-extraction" if task in urls.EMBEDDING_TASKS else None
    url = urls.hf_inference_url(model, pipeline, hosts.router)
    settled = replace(request, url=url, task=task, needs_task=False)
    if skip:
        return replace(settled, skip=skip)
    if pipeline:
        return replace(settled, body={"inputs": EMBEDDING_INPUT})
    if task in _TEXT_TASKS_ONE_TOKEN:
        return replace(settled, body={"inputs": PROMPT, "parameters": {"max_new_tokens": 1}})
    if task in _TEXT_TASKS_NO_GENERATION:
        return replace(settled, body={"inputs": PROMPT})
    if task is None:
        return replace(settled, skip="task unknown (the Hub did not say): no inference sent, to keep the probe free")
    return replace(settled, skip=f"task {task}: no cheap one-word probe exists, so none is sent")


def _chat_requests(
    key: str, target: Target, options: ProbeOptions, hosts: Hosts, common: _Shared
) -> list[ProbeRequest]:
    url = urls.chat_completions_url(hosts.router)
    embedding = (target.task in urls.EMBEDDING_TASKS) or (
        target.task is None and urls.looks_like_embedding_model(common["model"])
    )
    skip = None
    if not options.inference:
        skip = "--no-inference: no chat request sent"
    elif embedding:
        skip = "an embedding model: it has no chat route"
    wait = skip is None and options.endpoint != "legacy" and not _CHAT_NAME.search(common["model"])
    chat = ProbeRequest(
        f"{key}:chat", CHAT, method="POST", url=url, body=_chat_body(target.model), skip=skip, needs_task=wait, **common
    )
    if not options.stream:
        return [chat]
    stream_body = dict(_chat_body(target.model), stream=True)
    return [chat, replace(chat, key=f"{key}:stream", kind=STREAM, body=stream_body)]


def _chat_body(model: str) -> dict:
    return {"model": model, "messages": [{"role": "user", "content": PROMPT}], "max_tokens": 1}
