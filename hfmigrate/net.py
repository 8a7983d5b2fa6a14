"""The one place where hfmigrate sets up HTTP: hosts, timeouts, retries, user agent and token safety.

The token is attached by an ``httpx.Auth`` (built by ``_auth_class``, so that httpx loads lazily), only to Hugging
Face hosts and to hosts the user configured explicitly. httpx drops the ``Authorization`` header itself when a
redirect leaves the origin, so a token never follows a redirect to another host. httpx is imported lazily: scan
never needs it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from hfmigrate import __version__, urls
from hfmigrate.auth import Token, redact
from hfmigrate.errors import UsageError

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"hfmigrate/{__version__}"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
DEFAULT_TIMEOUT = 15.0
DEFAULT_RETRY_AFTER_CAP = 30.0


@dataclass(frozen=True)
class Hosts:
    """Base URLs of the three Hugging Face services; ``explicit`` holds those the user set by hand."""

    router: str = urls.ROUTER_URL
    legacy: str = urls.LEGACY_URL
    hub: str = urls.HUB_URL
    explicit: frozenset[str] = field(default_factory=frozenset)

    def may_receive_token(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return urls.is_hugging_face_host(host) or host in self.explicit


def resolve_hosts(
    router_url: str | None = None,
    legacy_url: str | None = None,
    hub_url: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Hosts:
    """Options win over the environment (``HFMIGRATE_ROUTER_URL``, ``HF_INFERENCE_ENDPOINT``, ``HF_ENDPOINT``)."""
    environ = os.environ if environ is None else environ
    router = router_url or environ.get("HFMIGRATE_ROUTER_URL") or urls.ROUTER_URL
    legacy = legacy_url or environ.get("HF_INFERENCE_ENDPOINT") or urls.LEGACY_URL
    hub = hub_url or environ.get("HF_ENDPOINT") or urls.HUB_URL
    explicit = {
        (urlsplit(value).hostname or "").lower()
        for value, default in ((router, urls.ROUTER_URL), (legacy, urls.LEGACY_URL), (hub, urls.HUB_URL))
        if value != default
    }
    return Hosts(router.rstrip("/"), legacy.rstrip("/"), hub.rstrip("/"), frozenset(explicit - {""}))


# host name in Hosts, the option that sets it, the variable that sets it when the option is absent, an example
_HOST_SOURCES = (
    ("router", "--router-url", "HFMIGRATE_ROUTER_URL", urls.ROUTER_URL),
    ("legacy", "--legacy-url", "HF_INFERENCE_ENDPOINT", urls.LEGACY_URL),
    ("hub", "--hub-url", "HF_ENDPOINT", urls.HUB_URL),
)


def check_base_url(value: str, where: str, example: str = urls.ROUTER_URL) -> None:
    """A UsageError naming ``where`` unless ``value`` is an http(s) URL with a host."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{where} {value!r} is not an http(s) URL: give e.g. {example}")


def checked_hosts(
    router_url: str | None = None,
    legacy_url: str | None = None,
    hub_url: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Hosts:
    """:func:`resolve_hosts` for user input: a base URL that is not http(s), from an option or its variable,
    is one clear line naming where it came from instead of a failed request later."""
    environ = os.environ if environ is None else environ
    given = {"router": router_url, "legacy": legacy_url, "hub": hub_url}
    for name, option, variable, example in _HOST_SOURCES:
        value = given[name] if given[name] is not None else environ.get(variable)
        if value is not None:
            check_base_url(value, option if given[name] is not None else f"${variable}", example)
    return resolve_hosts(router_url, legacy_url, hub_url, environ=environ)


def _auth_class():
    import httpx

    class AllowListAuth(httpx.Auth):
        def __init__(self, token: Token | None, hosts: Hosts):
            self._token = token
            self._hosts = hosts

        def auth_flow(self, request):
            if self._token and self._hosts.may_receive_token(str(request.url)):
                request.headers["Authorization"] = f"Bearer {self._token.value}"
            yield request

    return AllowListAuth


def make_client(
    token: Token | None,
    hosts: Hosts,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_connections: int = 16,
    follow_redirects: bool = True,
) -> httpx.AsyncClient:
    """The shared ``httpx.AsyncClient``: bounded pool, timeouts, user agent, token only for allowed hosts."""
    import httpx

    redact_http_logs(token)

    return httpx.AsyncClient(
        auth=_auth_class()(token, hosts),
        timeout=httpx.Timeout(timeout, connect=timeout),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
        headers={"User-Agent": USER_AGENT},
        follow_redirects=follow_redirects,
        trust_env=True,
    )


# httpcore's DEBUG log prints response headers verbatim, so a server that echoes the token would put it in a
# log line. These loggers get a filter that redacts the token (and any hf_ token) from every record.
_HTTP_LOGGERS = ("httpx", "httpcore.connection", "httpcore.http11", "httpcore.http2", "httpcore.proxy")


class _RedactingFilter(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message, tuple(self.secrets))
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


_LOG_FILTER = _RedactingFilter()


def redact_http_logs(token: Token | None) -> None:
    """Make sure no log record of httpx or httpcore can carry ``token`` (idempotent)."""
    if token:
        _LOG_FILTER.secrets.add(token.value)
    for name in _HTTP_LOGGERS:
        logger = logging.getLogger(name)
        if _LOG_FILTER not in logger.filters:
            logger.addFilter(_LOG_FILTER)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter; ``Retry-After`` and ``RateLimit`` are honoured up to ``cap``."""

    retries: int = 2
    base_delay: float = 0.5
    cap: float = DEFAULT_RETRY_AFTER_CAP

    def delay(self, attempt: int, response: httpx.Response | None = None) -> float:
        advised = server_advised_wait(response.headers) if response is not None else None
        if advised is not None:
            return min(advised, self.cap)
        return min(self.cap, random.uniform(0, self.base_delay * 2**attempt))


_RATELIMIT_RESET = re.compile(r"(?:^|[;,\s])(?:t|reset)=(\d+(?:\.\d+)?)")


def server_advised_wait(headers: Mapping[str, str]) -> float | None:
    """Seconds the server asks us to wait: ``Retry-After`` (seconds), else the reset of an exhausted ``RateLimit``."""
    retry_after = headers.get("retry-after")
    if retry_after is not None:
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            return _http_date_wait(retry_after)
    ratelimit = headers.get("ratelimit")
    if ratelimit and re.search(r"(?:^|[;,\s])(?:r|remaining)=0\b", ratelimit):
        match = _RATELIMIT_RESET.search(ratelimit)
        if match:
            return float(match.group(1))
    return None


def _http_date_wait(value: str) -> float | None:
    from datetime import datetime, timezone
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def is_retryable_error(error: BaseException) -> bool:
    """Dropped or refused connections may heal; a name that does not resolve will not within a few seconds."""
    import httpx

    if isinstance(error, httpx.ConnectError) and is_dns_error(error):
        return False
    return isinstance(error, (httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError, httpx.ConnectTimeout))


_DNS_WORDS = (
    "name or service not known",
    "nodename nor servname",
    "getaddrinfo",
    "name resolution",
    "temporary failure in name resolution",
    "no address associated",
)


def is_dns_error(error: BaseException) -> bool:
    text = str(error).lower()
    return "ssl" not in text and any(word in text for word in _DNS_WORDS)


async def send_with_retries(
    send: Callable[[], Awaitable[httpx.Response]],
    policy: RetryPolicy,
    *,
    on_retry: Callable[[int, float], None] | None = None,
    wait_hint: Callable[[httpx.Response], Awaitable[float | None]] | None = None,
) -> tuple[httpx.Response, int]:
    """Call ``send`` until it gives a final answer; returns the response and the number of retries made.

    Retries 429, 5xx and connection errors; never other 4xx. The last error is raised when retries run out.
    ``wait_hint`` may read a retried response for a wait the headers do not carry (a 503 body's
    ``estimated_time``); its answer is capped like ``Retry-After``.
    """
    attempt = 0
    while True:
        try:
            response = await send()
        except Exception as error:
            if attempt >= policy.retries or not is_retryable_error(error):
                raise
            wait = policy.delay(attempt)
        else:
            if response.status_code not in RETRY_STATUSES or attempt >= policy.retries:
                return response, attempt
            hinted = await wait_hint(response) if wait_hint else None
            wait = policy.delay(attempt, response) if hinted is None else min(max(hinted, 0.0), policy.cap)
            await response.aclose()
        if on_retry:
            on_retry(attempt + 1, wait)
        await asyncio.sleep(wait)
        attempt += 1


def describe_transport_error(error: BaseException, url: str) -> tuple[str, str]:
    """A reason code (``timeout``, ``dns-error``, ``connect-error``, ``tls-error``) and a one-line description."""
    import httpx

    host = urlsplit(url).hostname or url
    text = str(error) or type(error).__name__
    if isinstance(error, httpx.TimeoutException):
        return "timeout", f"{host} did not answer in time ({type(error).__name__})"
    lowered = text.lower()
    if isinstance(error, httpx.ConnectError):
        if "ssl" in lowered or "certificate" in lowered or "tls" in lowered:
            return "tls-error", f"TLS handshake with {host} failed: {text}"
        if is_dns_error(error):
            return "dns-error", f"cannot resolve {host}: {text}"
        return "connect-error", f"cannot connect to {host}: {text}"
    return "connect-error", f"connection to {host} failed: {text}"
