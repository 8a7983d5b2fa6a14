"""Settling a ``needs_task`` request once the Hub mapping of its model is known: what to send, or why not.

Chat goes only to a model with a live ``conversational`` mapping (or one the Hub could not describe for a reason
other than gating or absence); hf-inference gets the task its own mapping entry lists, and an LLM only when that
entry exists (hf-inference serves no LLMs since mid 2026). Everything else is ``skipped`` with the reason.
"""

from __future__ import annotations

from dataclasses import replace

from hfmigrate import urls
from hfmigrate.net import Hosts
from hfmigrate.probe import plan as p
from hfmigrate.probe.diagnose import ModelMapping

_NO_LLMS = "hf-inference serves no LLMs since mid 2026 and the Hub did not say otherwise; chat is probed instead"


def settle_after_mapping(
    request: p.ProbeRequest, mapping: ModelMapping | None, mapping_status: int | None, hosts: Hosts
) -> p.ProbeRequest:
    """Settle a ``needs_task`` request once the Hub mapping is known (None: it could not be read)."""
    if request.kind == p.HF_INFERENCE:
        return _settle_hf_inference_by_mapping(request, mapping, hosts)
    return _settle_chat(request, mapping, mapping_status)


def _settle_hf_inference_by_mapping(
    request: p.ProbeRequest, mapping: ModelMapping | None, hosts: Hosts
) -> p.ProbeRequest:
    if mapping is None:
        task = request.task
        if task in p.LLM_TASKS:
            return p.settle_hf_inference(request, task, hosts, skip=_NO_LLMS)
        return p.settle_hf_inference(request, task, hosts)
    own = mapping.providers.get(urls.HF_INFERENCE)
    if own and own[0] == "live":
        return p.settle_hf_inference(request, own[1] or mapping.pipeline_tag, hosts)
    elsewhere = _provider_embeddings(request, mapping, hosts)
    if elsewhere is not None:
        return elsewhere
    served = ", ".join(mapping.live) or "no live provider"
    return p.settle_hf_inference(
        request,
        mapping.task or request.task,
        hosts,
        skip=(f"hf-inference does not serve {request.model} (the Hub maps it to: {served}); no request sent"),
    )


def _provider_embeddings(request: p.ProbeRequest, mapping: ModelMapping, hosts: Hosts) -> p.ProbeRequest | None:
    """An embedding model hf-inference does not serve: one short string on a provider's own embeddings route."""
    if (mapping.task or request.task) not in urls.EMBEDDING_TASKS:
        return None
    for name in sorted(urls.PROVIDER_EMBEDDING_PATHS):
        state, task = mapping.providers.get(name, ("", None))
        if state == "live" and task in urls.EMBEDDING_TASKS and name in mapping.provider_ids:
            body = {"model": mapping.provider_ids[name], "input": p.EMBEDDING_INPUT}
            return replace(
                request,
                kind=p.PROVIDER,
                url=urls.provider_embeddings_url(name, hosts.router),
                body=body,
                task=task,
                needs_task=False,
            )
    return None


def _settle_chat(request: p.ProbeRequest, mapping: ModelMapping | None, status: int | None) -> p.ProbeRequest:
    model = request.model
    if mapping is None:
        if status in (401, 403):
            return replace(
                request,
                needs_task=False,
                skip=(f"the Hub will not describe {model} (gated or private): no chat request sent"),
            )
        if status == 404:
            return replace(request, needs_task=False, skip=f"the Hub does not know {model}: no chat request sent")
        return replace(request, needs_task=False)  # the Hub could not say: chat itself is the test
    if mapping.chat_live:
        return replace(request, needs_task=False)
    if mapping.live:
        tasks = ", ".join(sorted({task or "?" for state, task in mapping.providers.values() if state == "live"}))
        return replace(
            request,
            needs_task=False,
            skip=(f"not a chat model: the Hub maps it for {tasks} ({', '.join(mapping.live)}); no chat request sent"),
        )
    return replace(request, needs_task=False, skip=f"no live provider serves {model}: no chat request sent")
