"""Fetching the three catalogue sources, through the cache, with bounded concurrency and retries.

- ``ROUTER/v1/models``: one request per run (the chat catalogue). When it fails, the run goes on with a warning:
  ``ROUTER/v1/models/{id}`` per model (unless the router cannot be reached at all), else the Hub mapping alone.
- ``HUB/api/models/{id}?expand[]=inferenceProviderMapping&expand[]=pipeline_tag``: one per distinct model.
- ``HUB/api/models?inference_provider=all&pipeline_tag=...&sort=downloads``: one per pipeline tag that needs
  alternatives.

Retries (429, 5xx, dropped connections) go through :func:`hfmigrate.net.send_with_retries`. A shared gate makes
every request wait when the Hub asked one of them to (``Retry-After``, or an exhausted ``RateLimit``), so eight
concurrent lookups do not hammer a host that said "slow down". A host that cannot be reached at all stops the run
with a :class:`NetworkError` naming it.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from hfmigrate import net
from hfmigrate.catalog.cache import Cache, offline_entry
from hfmigrate.catalog.statuses import HubStatus
from hfmigrate.catalog.types import CatalogOptions
from hfmigrate.errors import CacheError, NetworkError

if TYPE_CHECKING:
    import httpx

LISTING_LIMIT = 20


@dataclass(frozen=True)
class HubAnswer:
    """The Hub's answer for one model: ``OK`` (with ``data``), ``NOT_FOUND``, ``GATED_OR_PRIVATE`` or ``ERROR``;
    ``UNKNOWN`` only with ``cache_only``, when the cache holds no usable answer."""

    status: HubStatus
    data: dict[str, Any] | None = None
    message: str | None = None

    def cached(self) -> dict[str, Any]:
        """The answer as the cache file holds it (the status as its word)."""
        return {"status": self.status.value, "data": self.data, "message": self.message}


class _Gate:
    """A pause shared by all requests to one run: set when a server advises waiting."""

    def __init__(self) -> None:
        self._until = 0.0

    def push(self, seconds: float) -> None:
        self._until = max(self._until, time.monotonic() + seconds)

    async def wait(self) -> None:
        delay = self._until - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)


class Fetcher:
    """One run's view of the sources: cache first (unless ``refresh``), network second (unless ``offline``)."""

    def __init__(self, options: CatalogOptions, cache: Cache):
        self.options = options
        self.cache = cache
        self.hosts = options.hosts
        self._client: httpx.AsyncClient | None = None
        self._semaphore = asyncio.Semaphore(max(1, options.concurrency))
        self._gate = _Gate()
        self._listing_locks: dict[str, asyncio.Lock] = {}
        self.network_requests = 0
        self.warnings: list[str] = []
        self.router_listing_failed = False  # /v1/models answered an error: ask /v1/models/{id} per model

    async def __aenter__(self) -> Fetcher:
        return self

    def _client_now(self) -> httpx.AsyncClient:
        # Made on first use: a run answered from the cache never imports httpx nor builds a TLS context (~0.15 s).
        if self._client is None:
            self._client = net.make_client(
                self.options.token,
                self.hosts,
                timeout=self.options.timeout,
                max_connections=max(1, self.options.concurrency) + 1,
            )
        return self._client

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
        self.cache.flush()

    # --- the three sources ----------------------------------------------------------------------------------

    async def router_models(self) -> dict[str, dict[str, Any]]:
        """``/v1/models`` as ``{model id: entry}``."""
        source = self.cache.source(self.hosts.router, "router-models", "router catalogue")
        data = self._cached(source, "v1/models", "router catalogue (/v1/models)", self.hosts.router)
        if data is None:
            if self.options.cache_only:
                return {}  # the Hub mapping alone says whether a model is served for chat
            try:
                response = await self._get(f"{self.hosts.router}/v1/models")
                if response.status_code != 200:
                    self.router_listing_failed = True
                    return self._without_router(
                        f"answered {response.status_code} for /v1/models",
                        "trying /v1/models/{id} per model, then the Hub mapping",
                    )
                data = _json_or_fail(response, "/v1/models", self.hosts.router)
            except NetworkError as error:
                return self._without_router(f"could not be read ({error})", "using the Hub mapping alone")
            source.put("v1/models", data, self.options.token is not None)
        return _router_entries(data)

    def _without_router(self, what: str, then: str) -> dict[str, dict[str, Any]]:
        message = f"the router catalogue at {_host(self.hosts.router)} {what}; {then}"
        self.warnings.append(message)
        self.cache.warn(message)
        return {}

    async def router_models_one_by_one(self, model_ids: list[str]) -> dict[str, dict[str, Any]]:
        """``/v1/models/{id}`` for each model, when the list failed; a model it does not know is left out."""

        async def one(model_id: str) -> dict[str, Any] | None:
            try:
                response = await self._get(f"{self.hosts.router}/v1/models/{quote(model_id, safe='/')}")
                data = response.json() if response.status_code == 200 else None
            except (NetworkError, ValueError):
                return None
            return data if isinstance(data, dict) and isinstance(data.get("providers"), list) else None

        answers = await asyncio.gather(*(one(m) for m in model_ids))
        return {model_id: entry for model_id, entry in zip(model_ids, answers) if entry is not None}

    async def hub_model(self, model_id: str) -> HubAnswer:
        source = self.cache.source(self.hosts.hub, "hub-models", "Hub model metadata")
        cached = source.entries.get(model_id)
        known = _answer_from(cached.data) if cached is not None else None
        if (
            known
            and self._usable(cached)
            and not (known.status is HubStatus.GATED_OR_PRIVATE and self._token_upgrade(cached))
        ):
            return known
        if self.options.cache_only:
            return known if known and self._usable(cached) else HubAnswer(HubStatus.UNKNOWN)
        if self.options.offline:
            offline_entry(
                source, model_id, f"Hub metadata of {model_id}", self.options.max_age, _host(self.hosts.hub)
            )  # raises when missing or too old
            if known is None:
                raise CacheError(f"--offline: the cache file {source.path} is unusable (bad entry for {model_id})")
            return known
        answer = await self._fetch_hub_model(model_id)
        if answer.status is not HubStatus.ERROR:  # a failure is not knowledge: never cache it
            source.put(model_id, answer.cached(), self.options.token is not None)
        return answer

    async def listing(self, pipeline_tag: str) -> list[dict[str, Any]]:
        """Models live providers serve for ``pipeline_tag``, most downloaded first (as the Hub sorts them)."""
        lock = self._listing_locks.setdefault(pipeline_tag, asyncio.Lock())
        async with lock:  # several unavailable models with one tag share one request
            source = self.cache.source(self.hosts.hub, "hub-listings", "Hub listings")
            data = self._cached(source, pipeline_tag, f"Hub listing for {pipeline_tag}", self.hosts.hub)
            if data is None and self.options.cache_only:
                return []
            if data is None:
                response = await self._get(
                    f"{self.hosts.hub}/api/models",
                    params=[
                        ("inference_provider", "all"),
                        ("pipeline_tag", pipeline_tag),
                        ("sort", "downloads"),
                        ("direction", "-1"),
                        ("limit", str(LISTING_LIMIT)),
                        ("expand[]", "inferenceProviderMapping"),
                        ("expand[]", "downloads"),
                        ("expand[]", "pipeline_tag"),
                    ],
                )
                if response.status_code != 200:
                    return []  # alternatives are advice: a failed listing leaves them out, it does not fail the run
                data = _json_or_fail(response, "/api/models", self.hosts.hub)
                data = data if isinstance(data, list) else []
                source.put(pipeline_tag, data, self.options.token is not None)
            return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []

    # --- plumbing --------------------------------------------------------------------------------------------

    def _usable(self, entry) -> bool:
        return entry is not None and not self.options.refresh and entry.age() <= self.options.max_age

    def _token_upgrade(self, entry) -> bool:
        """A refusal seen without a token says nothing about what the token may see."""
        return self.options.token is not None and not entry.authenticated

    def _cached(self, source, key: str, what: str, base_url: str) -> Any | None:
        entry = source.entries.get(key)
        if self._usable(entry):
            return entry.data
        if self.options.offline and not self.options.cache_only:
            return offline_entry(source, key, what, self.options.max_age, _host(base_url)).data
        return None

    async def _fetch_hub_model(self, model_id: str) -> HubAnswer:
        url = f"{self.hosts.hub}/api/models/{quote(model_id, safe='/')}"
        params = [("expand[]", "inferenceProviderMapping"), ("expand[]", "pipeline_tag")]
        response = await self._get(url, params=params)
        code = response.headers.get("x-error-code", "")
        if response.status_code == 200:
            data = _json_or_fail(response, f"/api/models/{model_id}", self.hosts.hub)
            return HubAnswer(HubStatus.OK, data if isinstance(data, dict) else {})
        if response.status_code == 404 or code == "RepoNotFound":
            return HubAnswer(HubStatus.NOT_FOUND, message=f"{_host(self.hosts.hub)} answered 404 {code}".strip())
        if response.status_code in (401, 403) or code == "GatedRepo":
            return HubAnswer(
                HubStatus.GATED_OR_PRIVATE,
                message=f"{_host(self.hosts.hub)} answered {response.status_code} {code}".strip(),
            )
        return HubAnswer(
            HubStatus.ERROR, message=f"{_host(self.hosts.hub)} answered {response.status_code} for {model_id}"
        )

    async def _get(self, url: str, params=None):
        assert not (self.options.offline or self.options.cache_only), "offline runs never reach the network"
        client = self._client_now()

        async def send():
            await self._gate.wait()
            self.network_requests += 1
            response = await client.get(url, params=params)
            advised = net.server_advised_wait(response.headers)
            if advised:
                self._gate.push(min(advised, self.options.retry.cap))
            return response

        def on_retry(attempt: int, wait: float) -> None:
            self._gate.push(wait)

        async with self._semaphore:
            try:
                response, _ = await net.send_with_retries(send, self.options.retry, on_retry=on_retry)
            except Exception as error:
                if _is_httpx_error(error):
                    _, message = net.describe_transport_error(error, url)
                    raise NetworkError(message, _host(url)) from None
                raise
            await response.aread()
            return response


def _router_entries(data: Any) -> dict[str, dict[str, Any]]:
    models = data.get("data") if isinstance(data, dict) else data
    return {m["id"]: m for m in models or [] if isinstance(m, dict) and isinstance(m.get("id"), str)}


#: The answers a cache file may hold, by their word (an error is never cached; unknown is never an answer).
_CACHED = {s.value: s for s in (HubStatus.OK, HubStatus.NOT_FOUND, HubStatus.GATED_OR_PRIVATE)}


def _answer_from(data: Any) -> HubAnswer | None:
    """A cached answer, or None when the entry is not one (hand-edited or from another version)."""
    word = data.get("status") if isinstance(data, dict) else None
    status = _CACHED.get(word) if isinstance(word, str) else None  # (a hand-edited file may hold anything)
    if status is None:
        return None
    payload = data.get("data")
    return HubAnswer(status, payload if isinstance(payload, dict) else None, data.get("message"))


def _is_httpx_error(error: BaseException) -> bool:
    import httpx

    return isinstance(error, httpx.HTTPError)


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc or url


def _json_or_fail(response, what: str, base_url: str) -> Any:
    try:
        return response.json()
    except ValueError:
        raise NetworkError(
            f"{_host(base_url)} answered {what} with something that is not JSON", _host(base_url)
        ) from None
