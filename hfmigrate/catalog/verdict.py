"""From raw catalogue data to a :class:`ModelVerdict`: pure functions, no I/O.

Sources are merged per provider: the Hub mapping says which task each provider serves and whether it is live,
staging or in error; the router catalogue adds chat facts (context length, prices, tools) and chat providers the
Hub mapping may not list yet. A provider that left the router (``urls.REMOVED_PROVIDERS``) counts as ``removed``
whatever the Hub still says about it.

Task matching: code that used legacy ``text-generation`` is served by a ``conversational`` provider too, because
rewrite moves such calls to chat completions. ``feature-extraction`` and ``sentence-similarity`` stand in for each
other: the Hub maps a sentence-transformers model to one of them, and hf-inference serves both (the router's
``/pipeline/{task}`` paths exist for exactly that). Every other task must match exactly.

Call styles (:class:`CallStyle`) narrow this: a chat call needs a ``conversational`` mapping, a client
``text_generation`` call a ``text-generation`` one (a chat-only provider fails it), embeddings either embedding
task; ``TASK`` (or no style) keeps the task rule above.
"""

from __future__ import annotations

from typing import Any

from hfmigrate import urls
from hfmigrate.catalog.fetch import HubAnswer
from hfmigrate.catalog.statuses import CallStyle, HubStatus, ProviderStatus
from hfmigrate.catalog.types import MAX_ALTERNATIVES, ModelVerdict, ProviderInfo

CHAT_TASK = "conversational"
#: The pipeline tag to search alternatives under, for a task that is not itself a pipeline tag.
TASK_PIPELINE_TAG = {CHAT_TASK: "text-generation"}


def serves_task(provider_task: str | None, wanted: str | None) -> bool:
    if wanted is None or provider_task == wanted:
        return True
    if wanted in urls.PIPELINE_SUFFIX_TASKS and provider_task in urls.PIPELINE_SUFFIX_TASKS:
        return True
    return wanted == "text-generation" and provider_task == CHAT_TASK


def serves(provider_task: str | None, wanted: str | None, style: CallStyle | None = None) -> bool:
    """Whether a provider mapped for ``provider_task`` serves a call of ``style`` for the code's ``wanted`` task."""
    if style is CallStyle.CHAT:
        return provider_task == CHAT_TASK
    if style is CallStyle.TEXT_GENERATION:
        return provider_task == "text-generation"
    if style is CallStyle.EMBEDDINGS:
        return provider_task in urls.PIPELINE_SUFFIX_TASKS
    return serves_task(provider_task, wanted)


def mapping_entries(mapping: Any) -> list[dict[str, Any]]:
    """``inferenceProviderMapping`` in either shape (dict keyed by provider, or a list with ``provider``)."""
    if isinstance(mapping, dict):
        return [dict(value, provider=name) for name, value in mapping.items() if isinstance(value, dict)]
    if isinstance(mapping, list):
        return [entry for entry in mapping if isinstance(entry, dict) and isinstance(entry.get("provider"), str)]
    return []


_MAPPED = {status.value: status for status in (ProviderStatus.LIVE, ProviderStatus.STAGING, ProviderStatus.ERROR)}


def _effective_status(name: str, status: Any) -> ProviderStatus:
    """What a provider's raw status counts as: anything but live or staging is an error; a provider that left the
    router is removed whatever the mapping says."""
    if name in urls.REMOVED_PROVIDERS:
        return ProviderStatus.REMOVED
    return _MAPPED.get(status, ProviderStatus.ERROR) if isinstance(status, str) else ProviderStatus.ERROR


def merge_providers(hub_data: dict[str, Any] | None, router_entry: dict[str, Any] | None) -> tuple[ProviderInfo, ...]:
    merged: dict[str, ProviderInfo] = {}
    for entry in mapping_entries((hub_data or {}).get("inferenceProviderMapping")):
        name = entry["provider"]
        merged[name] = ProviderInfo(
            name, _effective_status(name, entry.get("status")), entry.get("task"), entry.get("providerId"), "hub"
        )
    for entry in (router_entry or {}).get("providers") or []:
        if isinstance(entry, dict) and isinstance(entry.get("provider"), str):
            merged[entry["provider"]] = _with_router_facts(merged.get(entry["provider"]), entry)
    return tuple(sorted(merged.values(), key=lambda p: p.name))


def _with_router_facts(known: ProviderInfo | None, entry: dict[str, Any]) -> ProviderInfo:
    name = entry["provider"]
    pricing = entry["pricing"] if isinstance(entry.get("pricing"), dict) else {}
    # The router is the live view for chat: its status wins for the conversational task.
    status = _effective_status(name, entry.get("status"))
    if known is not None and known.task not in (CHAT_TASK, None):
        status, task, provider_id, source = known.status, known.task, known.provider_id, "both"
    else:
        task, provider_id, source = CHAT_TASK, known.provider_id if known else None, "both" if known else "router"
    return ProviderInfo(
        name,
        status,
        task,
        provider_id,
        source,
        context_length=_number(entry.get("context_length"), int),
        price_input=_number(pricing.get("input"), float),
        price_output=_number(pricing.get("output"), float),
        supports_tools=_flag(entry.get("supports_tools")),
        supports_structured_output=_flag(entry.get("supports_structured_output")),
        is_free=_flag(entry.get("is_free")),
        throughput=_number(entry.get("throughput"), float),
        first_token_latency_ms=_number(entry.get("first_token_latency_ms"), float),
    )


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _router_live(router_entry: dict[str, Any] | None) -> bool:
    """Listed in ``/v1/models`` with a live provider that is still routed: callable through chat completions."""
    return any(
        isinstance(e, dict)
        and e.get("status") == ProviderStatus.LIVE
        and e.get("provider") not in urls.REMOVED_PROVIDERS
        for e in (router_entry or {}).get("providers") or []
    )


def _hf_inference_tasks(live: list[ProviderInfo], router_entry: dict[str, Any] | None) -> frozenset[str]:
    tasks = {p.task for p in live if p.name == urls.HF_INFERENCE and p.task}
    if tasks & urls.PIPELINE_SUFFIX_TASKS:
        tasks |= urls.PIPELINE_SUFFIX_TASKS  # see serves_task
    if any(
        isinstance(e, dict) and e.get("provider") == urls.HF_INFERENCE and e.get("status") == ProviderStatus.LIVE
        for e in (router_entry or {}).get("providers") or []
    ):
        tasks.add(CHAT_TASK)
    return frozenset(tasks)


def _number(value: Any, kind: type) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return kind(value)


def judge(
    model: str,
    task: str | None,
    hub: HubAnswer,
    router_entry: dict[str, Any] | None,
    locations: tuple[tuple[str, int], ...] = (),
    style: CallStyle | None = None,
) -> ModelVerdict:
    """The verdict for ``model`` (suffix included) and the task the code uses; alternatives are filled later."""
    base, suffix = urls.split_model_suffix(model)
    providers = merge_providers(hub.data if hub.status is HubStatus.OK else None, router_entry)
    live = [p for p in providers if p.status is ProviderStatus.LIVE]
    reason, detail = _base_reason(hub, providers, task, base, style)
    alternatives: list[str] = []
    if reason is None and suffix:
        reason, detail = _suffix_reason(suffix, providers, task, base, style)
        if reason is not None:
            alternatives = [base]  # the model is served: dropping the pin lets the router choose
    return ModelVerdict(
        model=model,
        available=reason is None,
        reason=reason,
        detail=detail,
        base_model=base,
        suffix=suffix,
        task=task,
        chat=any(p.task == CHAT_TASK for p in live) or _router_live(router_entry),
        hf_inference_tasks=_hf_inference_tasks(live, router_entry),
        pipeline_tag=(hub.data or {}).get("pipeline_tag") if hub.status is HubStatus.OK else None,
        providers=providers,
        alternatives=alternatives,
        locations=locations,
        style=style,
    )


def _base_reason(
    hub: HubAnswer, providers: tuple[ProviderInfo, ...], task: str | None, base: str, style: CallStyle | None = None
):
    live = [p for p in providers if p.status is ProviderStatus.LIVE]
    if not live:
        if hub.status is HubStatus.NOT_FOUND:
            return "not-found", f"{base} does not exist on the Hub ({hub.message})"
        if hub.status is HubStatus.GATED_OR_PRIVATE:
            return (
                "gated-or-private",
                f"the Hub refused to describe {base} ({hub.message}); a token with access may help",
            )
        if hub.status is HubStatus.ERROR:
            return "lookup-failed", hub.message
        if any(p.status is ProviderStatus.REMOVED for p in providers):
            names = ", ".join(p.name for p in providers if p.status is ProviderStatus.REMOVED)
            return "provider-removed", f"only removed providers served it ({names})"
        if any(p.status is ProviderStatus.STAGING for p in providers):
            names = ", ".join(p.name for p in providers if p.status is ProviderStatus.STAGING)
            return "staging-only", f"only in staging at {names}"
        if providers:
            return "no-provider", "every provider reports an error: " + ", ".join(p.name for p in providers)
        return "no-provider", "no provider serves it"
    if not any(serves(p.task, task, style) for p in live):
        tasks = ", ".join(sorted({p.task or "?" for p in live}))
        return "wrong-task", f"served for {tasks}, not for {_wanted(task, style)}"
    return None, None


def _wanted(task: str | None, style: CallStyle | None) -> str:
    if style is CallStyle.CHAT:
        return "chat completions (a conversational mapping)"
    if style is CallStyle.TEXT_GENERATION:
        return "text_generation calls (they need a text-generation mapping; use chat_completion instead)"
    if style is CallStyle.EMBEDDINGS:
        return "embeddings"
    return str(task)


def _suffix_reason(
    suffix: str, providers: tuple[ProviderInfo, ...], task: str | None, base: str, style: CallStyle | None = None
):
    kind = urls.provider_status(suffix)
    if kind == "policy":
        return None, None
    if kind == "removed":
        return "provider-removed", f"{suffix} left the router on {urls.REMOVED_PROVIDERS[suffix]}; drop the suffix"
    if kind in ("unknown", "client-side"):
        why = "is client-side only (your own OpenAI key)" if kind == "client-side" else "is not a router provider"
        return "unknown-provider", f"{suffix} {why}"
    mine = [p for p in providers if p.name == suffix]
    if any(p.status is ProviderStatus.LIVE and serves(p.task, task, style) for p in mine):
        return None, None
    if any(p.status is ProviderStatus.STAGING for p in mine):
        return "staging-only", f"{suffix} serves {base} in staging only"
    return "no-provider", f"{suffix} does not serve {base}" + (f" for {task}" if task else "")


def alternatives_from_listing(
    listing: list[dict[str, Any]], exclude: str, task: str | None, style: CallStyle | None = None
) -> list[str]:
    """Up to three listed models that a live provider serves for ``task``, most downloaded first."""
    ranked = sorted(
        enumerate(listing),
        key=lambda pair: (-_downloads(pair[1]), pair[0]),  # stable on the Hub's own order
    )
    chosen: list[str] = []
    for _, item in ranked:
        model_id = item.get("id") or item.get("modelId")
        if not isinstance(model_id, str) or model_id == exclude or model_id in chosen:
            continue
        entries = mapping_entries(item.get("inferenceProviderMapping"))
        if any(
            _effective_status(e["provider"], e.get("status")) is ProviderStatus.LIVE
            and serves(e.get("task"), task, style)
            for e in entries
        ):
            chosen.append(model_id)
        if len(chosen) == MAX_ALTERNATIVES:
            break
    return chosen


def _downloads(item: dict[str, Any]) -> int:
    value = item.get("downloads")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def listing_tag(verdict: ModelVerdict) -> str | None:
    """The pipeline tag to find alternatives under: the code's task when known, else the model's own tag."""
    if verdict.task:
        return TASK_PIPELINE_TAG.get(verdict.task, verdict.task)
    if verdict.style in (CallStyle.CHAT, CallStyle.TEXT_GENERATION):
        return "text-generation"
    if verdict.style is CallStyle.EMBEDDINGS:
        return "feature-extraction"
    return verdict.pipeline_tag
