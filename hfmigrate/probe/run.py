"""Running a plan: every request at once on one ``httpx.AsyncClient``, timed, retried, and read to the end.

All requests start together; the only waits are an hf-inference request whose task the Hub must tell first
(it waits for that model's mapping request, which is running anyway) and the pool bound. So a probe takes about
as long as its slowest chain, not the sum. Retries, backoff and Retry-After come from :mod:`hfmigrate.net`.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable

from hfmigrate import net
from hfmigrate.auth import Token, redact
from hfmigrate.probe import plan as p
from hfmigrate.probe.diagnose import loading_estimate, parse_mapping
from hfmigrate.probe.results import Exchange, StreamCheck
from hfmigrate.probe.settle import settle_after_mapping

MAX_BODY = 4 * 1024 * 1024  # /v1/models is the largest answer we expect; bigger bodies are cut, not refused
EventHook = Callable[[str, p.ProbeRequest], None]  # ("start" | "done", request)


async def run_plan(
    plan: p.Plan,
    token: Token | None,
    hosts: net.Hosts,
    options: p.ProbeOptions,
    on_event: EventHook | None = None,
) -> list[Exchange]:
    """Send every request of ``plan``; the exchanges come back in plan order."""
    policy = net.RetryPolicy(retries=options.retries, base_delay=options.base_delay, cap=options.retry_cap)
    secrets = (token.value,) if token else ()
    async with net.make_client(
        token, hosts, timeout=options.timeout, max_connections=options.max_connections
    ) as client:
        hook = on_event or (lambda event, request: None)
        runner = _Runner(client, policy, secrets, hook, token is not None, options.max_connections)
        tasks = {r.key: asyncio.ensure_future(runner.run(r)) for r in plan.requests if not r.needs_task}
        for request in plan.requests:
            if request.needs_task:
                mapping = plan.mapping_for(request.model or "")
                tasks[request.key] = asyncio.ensure_future(runner.run_after_mapping(request, tasks, mapping, hosts))
        return [await tasks[r.key] for r in plan.requests]


class _Runner:
    def __init__(
        self,
        client,
        policy: net.RetryPolicy,
        secrets: tuple[str, ...],
        on_event: EventHook,
        has_token: bool,
        max_connections: int,
    ):
        self.client, self.policy, self.secrets, self.on_event, self.has_token = (
            client,
            policy,
            secrets,
            on_event,
            has_token,
        )
        # Requests beyond the pool bound wait here, untimed, rather than in httpx's pool, whose wait counts
        # against --timeout and would be reported as the host's slowness.
        self.slots = asyncio.Semaphore(max_connections)

    async def run_after_mapping(
        self, request: p.ProbeRequest, tasks: dict, mapping: p.ProbeRequest | None, hosts
    ) -> Exchange:
        """Settle a request once the Hub has said what the model is (or could not say)."""
        parsed, status = None, None
        if mapping is not None:
            answer = await tasks[mapping.key]
            status = answer.status
            parsed = parse_mapping(answer.body) if answer.status == 200 else None
        return await self.run(settle_after_mapping(request, parsed, status, hosts))

    async def run(self, request: p.ProbeRequest) -> Exchange:
        exchange = Exchange(request)
        if request.skip or (request.kind == p.TOKEN and not self.has_token):
            return exchange  # nothing to send: whoami without a token says nothing
        async with self.slots:
            self.on_event("start", request)
            try:
                await self._exchange(exchange)
            finally:
                self.on_event("done", request)
        return exchange

    async def _exchange(self, ex: Exchange) -> None:
        request = ex.request
        started = time.perf_counter()
        attempt_started = started

        async def send():
            nonlocal attempt_started
            attempt_started = time.perf_counter()
            built = self.client.build_request(request.method, request.url, json=request.body)
            return await self.client.send(built, stream=True)

        ex.sent = True
        try:
            response, ex.retries = await net.send_with_retries(
                send,
                self.policy,
                on_retry=lambda n, wait: ex.retry_waits.append(round(wait, 3)),
                wait_hint=_loading_wait,
            )
        except Exception as error:
            ex.total_ms, ex.retries = _ms(started), len(ex.retry_waits)
            self._record_error(ex, error)
            return
        ex.ttfb_ms = _ms(attempt_started)
        try:
            await self._read(ex, response)
        except Exception as error:
            self._record_error(ex, error)
        finally:
            await response.aclose()
            ex.total_ms = _ms(started)

    async def _read(self, ex: Exchange, response) -> None:
        ex.status = response.status_code
        ex.headers = {name.lower(): redact(value, self.secrets) for name, value in response.headers.items()}
        ex.final_url = redact(str(response.url), self.secrets)
        streaming = ex.request.kind == p.STREAM and response.is_success
        if streaming:
            ex.stream = await _read_sse(response, time.perf_counter())
        else:
            ex.body = await _read_body(response)

    def _record_error(self, ex: Exchange, error: BaseException) -> None:
        code, text = net.describe_transport_error(error, ex.request.url)
        ex.error_code, ex.error_text = code, redact(text, self.secrets)


async def _loading_wait(response) -> float | None:
    """A 503 "model is loading" carries its wait in the body, not in Retry-After."""
    if response.status_code != 503 or "retry-after" in response.headers:
        return None
    return loading_estimate(await _read_body(response))


async def _read_body(response) -> bytes:
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= MAX_BODY:
            break
    return b"".join(chunks)[:MAX_BODY]


async def _read_sse(response, started: float) -> StreamCheck:
    """Count ``data:`` chunks (with or without a space after the colon) until ``[DONE]``; note the first problem."""
    check = StreamCheck()
    async for line in response.aiter_lines():
        line = line.strip()
        if not line.startswith("data:"):
            continue  # blank separators, comments, "event:" lines
        payload = line[5:].strip()
        if payload == "[DONE]":
            check.done = True
            break
        if check.first_chunk_ms is None:
            check.first_chunk_ms = _ms(started)
        check.chunks += 1
        if check.problem is None:
            check.problem = _chunk_problem(payload)
    return check


def _chunk_problem(payload: str) -> str | None:
    try:
        chunk = json.loads(payload)
    except ValueError:
        return f"chunk {redact(payload[:40])!r} is not JSON"
    if not isinstance(chunk, dict) or not isinstance(chunk.get("choices"), list):
        return "a chunk has no choices list"
    return None


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)
