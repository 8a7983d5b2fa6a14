"""The data a probe produces: raw exchanges (what went over the wire) and diagnosed results (what it means)."""

from __future__ import annotations

from dataclasses import dataclass, field

from hfmigrate.net import Hosts
from hfmigrate.probe.plan import ProbeOptions, ProbeRequest
from hfmigrate.words import Word


class Outcome(Word):
    """What one result means. Only FAIL makes the exit code 1; EXPECTED is the legacy host's 410, the answer we
    hope for. A ``str``, so reports print and serialise it as its word."""

    OK = "ok"
    EXPECTED = "expected"
    WARN = "warn"
    INFO = "info"
    SKIPPED = "skipped"
    FAIL = "fail"


OK, EXPECTED, WARN, INFO = Outcome.OK, Outcome.EXPECTED, Outcome.WARN, Outcome.INFO
SKIPPED, FAIL = Outcome.SKIPPED, Outcome.FAIL

#: Reason codes with their meaning; the README and docs/probe-json.md list the same set.
REASONS = {
    "ok": "2xx with a body of the expected shape",
    "legacy-retired": "410 whose body says the host is no longer supported",
    "gone": "410 without the retirement notice",
    "not-deployed": "404 from hf-inference: HF's own provider does not serve the model",
    "model-not-supported": "400 model_not_supported on chat: no enabled provider serves the model",
    "model-not-found": "404: the Hub or the router does not know the model",
    "gated-or-private": "401/403 from the Hub: the model is gated or private for this token",
    "no-provider": "the Hub lists no live provider for the model",
    "bad-request": "400/422: the router rejected the request",
    "no-token": "no token was found",
    "unauthorized": '401: no usable credentials reached the router ("Invalid username or password."), or a bad token',
    "forbidden": "403, or a token without inference.serverless.write",
    "permission-unconfirmed": (
        "a classic (read, write, admin, contributor) token: whether it may call Inference Providers is undocumented"
    ),
    "payment-required": "402: the account is out of credits",
    "rate-limited": "429: too many requests",
    "loading": "503 with estimated_time: the model is loading",
    "server-error": "5xx",
    "client-error": "another 4xx",
    "timeout": "no answer within --timeout",
    "dns-error": "the host name does not resolve",
    "connect-error": "no connection, or the connection was dropped",
    "tls-error": "the TLS handshake failed",
    "bad-response": "2xx with a body that is not what the endpoint returns",
    "bad-stream": "a streamed answer that is not SSE or does not end with [DONE]",
    "skipped": "no request sent (see the diagnosis for why)",
}


@dataclass
class StreamCheck:
    """What an SSE answer contained: chunk count, whether ``[DONE]`` came, and the first problem seen."""

    chunks: int = 0
    done: bool = False
    problem: str | None = None
    first_chunk_ms: float | None = None


@dataclass
class Exchange:
    """One request as it went: the final response (or transport error), timings and retries. No diagnosis yet."""

    request: ProbeRequest
    sent: bool = False
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error_code: str | None = None  # timeout, dns-error, connect-error, tls-error
    error_text: str | None = None
    ttfb_ms: float | None = None
    total_ms: float | None = None
    retries: int = 0
    retry_waits: list[float] = field(default_factory=list)
    final_url: str | None = None
    stream: StreamCheck | None = None


@dataclass
class Result:
    """A diagnosed exchange. Every text field is redacted before it gets here."""

    exchange: Exchange
    reason: str
    diagnosis: str
    fix: str = ""
    outcome: Outcome = FAIL

    @property
    def request(self) -> ProbeRequest:
        return self.exchange.request

    @property
    def provider(self) -> str | None:
        return self.exchange.headers.get("x-inference-provider")

    @property
    def request_id(self) -> str | None:
        headers = self.exchange.headers
        return headers.get("x-request-id") or headers.get("x-amz-cf-id")

    @property
    def rate_limit(self) -> dict[str, str]:
        return {
            name: value
            for name, value in self.exchange.headers.items()
            if name.startswith(("ratelimit", "x-ratelimit")) or name == "retry-after"
        }


@dataclass
class ProbeReport:
    results: list[Result]
    hosts: Hosts
    options: ProbeOptions
    token_source: str | None
    elapsed_ms: float
    verdict: str
    model_verdicts: dict[str, str]
    no_network: bool
    exit_code: int

    def groups(self) -> dict[str, list[Result]]:
        grouped: dict[str, list[Result]] = {}
        for result in self.results:
            grouped.setdefault(result.request.group, []).append(result)
        return grouped
