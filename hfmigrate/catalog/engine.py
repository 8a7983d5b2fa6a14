"""The check-models engine: requests in, verdicts out, in three steps.

1. The router catalogue (one request) and the Hub metadata of every distinct model (concurrently, bounded).
2. A verdict per request (model id + task), computed by :mod:`hfmigrate.catalog.verdict`.
3. For unavailable models, alternatives from the Hub listing of their pipeline tag (one request per tag).

Everything is read through the cache; the run is synchronous from outside (``asyncio.run``) so that rewrite can
call :func:`resolve_models` without knowing about asyncio.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from typing import Any

from hfmigrate.catalog.cache import Cache, default_cache_dir
from hfmigrate.catalog.fetch import Fetcher, HubAnswer
from hfmigrate.catalog.statuses import CallStyle, HubStatus
from hfmigrate.catalog.types import CatalogOptions, CheckReport, ModelRequest, ModelVerdict
from hfmigrate.catalog.verdict import alternatives_from_listing, judge, listing_tag
from hfmigrate.urls import split_model_suffix


def check_models(requests: list[ModelRequest], options: CatalogOptions | None = None) -> CheckReport:
    """Check every request; network and cache problems raise ``NetworkError`` / ``CacheError``."""
    options = options or CatalogOptions()
    return asyncio.run(_check(requests, options))


def resolve_models(
    model_ids: list[str],
    *,
    task_by_model: dict[str, str | None] | None = None,
    options: CatalogOptions | None = None,
    style_by_model: dict[str, CallStyle | None] | None = None,
) -> dict[str, ModelVerdict]:
    """The verdict for each id (suffix included), keyed by the id as given. ``task_by_model``: the code's task;
    ``style_by_model``: how the code calls it. With ``options.cache_only``, ids the cache cannot answer are absent."""
    task_by_model, style_by_model = task_by_model or {}, style_by_model or {}
    unique = list(dict.fromkeys(model_ids))
    report = check_models([ModelRequest(m, task_by_model.get(m), style=style_by_model.get(m)) for m in unique], options)
    return {v.model: v for v in report.verdicts}


def _cache_for(options: CatalogOptions) -> Cache:
    root = (options.cache_dir or default_cache_dir()) if options.use_cache else None
    return Cache(root, token=options.token, warn=options.warn)


async def _check(requests: list[ModelRequest], options: CatalogOptions) -> CheckReport:
    cache = _cache_for(options)
    async with Fetcher(options, cache) as fetcher:
        router, answers = await _fetch_all(fetcher, requests, options)
        known = [r for r in requests if answers[split_model_suffix(r.model)[0]].status is not HubStatus.UNKNOWN]
        verdicts = [
            judge(
                r.model,
                r.task,
                answers[split_model_suffix(r.model)[0]],
                router.get(split_model_suffix(r.model)[0]),
                r.locations,
                r.style,
            )
            for r in known
        ]
        if options.alternatives:
            verdicts = await _with_alternatives(fetcher, verdicts)
    unknown = [r for r in requests if r not in known]
    return CheckReport(
        verdicts,
        options.hosts,
        from_cache=fetcher.network_requests == 0,
        unknown=unknown,
        warnings=list(fetcher.warnings),
    )


async def _fetch_all(fetcher: Fetcher, requests: list[ModelRequest], options: CatalogOptions):
    bases = list(dict.fromkeys(split_model_suffix(r.model)[0] for r in requests))
    done = 0

    async def lookup(model_id: str) -> tuple[str, HubAnswer]:
        nonlocal done
        answer = await fetcher.hub_model(model_id)
        done += 1
        if options.progress:
            options.progress(done, len(bases))
        return model_id, answer

    router_task = asyncio.ensure_future(fetcher.router_models())
    lookups = [asyncio.ensure_future(lookup(b)) for b in bases]
    await _all_or_first_error([router_task, *lookups])
    router = router_task.result()
    if fetcher.router_listing_failed:
        router = await fetcher.router_models_one_by_one(bases)
    return router, dict(t.result() for t in lookups)


async def _all_or_first_error(tasks: Sequence[asyncio.Future[Any]]) -> None:
    """Wait for every task; on the first failure cancel the rest (a host that is down fails fast) and raise it."""
    if not tasks:
        return
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)
    # Retrieve every failure, not only the first: asyncio logs a traceback for each one left unretrieved.
    failures = [task.exception() for task in tasks if task.done() and not task.cancelled()]
    errors = [error for error in failures if error is not None]
    if errors:
        raise errors[0]


async def _with_alternatives(fetcher: Fetcher, verdicts: list[ModelVerdict]) -> list[ModelVerdict]:
    tags = (listing_tag(v) for v in verdicts if _needs_alternatives(v))
    wanted = {tag for tag in tags if tag is not None}
    tasks = {tag: asyncio.ensure_future(fetcher.listing(tag)) for tag in sorted(wanted)}
    await _all_or_first_error(list(tasks.values()))
    listings = {tag: task.result() for tag, task in tasks.items()}
    return [_with_listing(v, listings) for v in verdicts]


def _with_listing(verdict: ModelVerdict, listings: dict[str, list[dict[str, Any]]]) -> ModelVerdict:
    tag = listing_tag(verdict)
    if not _needs_alternatives(verdict) or tag is None or tag not in listings:
        return verdict
    alternatives = alternatives_from_listing(listings[tag], verdict.base_model, verdict.task, verdict.style)
    return dataclasses.replace(verdict, alternatives=alternatives)


def _needs_alternatives(verdict: ModelVerdict) -> bool:
    # A pinned-provider problem already has its answer (drop the suffix); a failed lookup has no facts to go on.
    return not verdict.available and not verdict.alternatives and not verdict.failed
