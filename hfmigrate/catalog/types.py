"""The data check-models works with: options in, one verdict per model out.

Kept free of I/O so that renderers, the lockfile and ``rewrite --resolve-models`` can import it cheaply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hfmigrate.auth import Token
from hfmigrate.catalog.statuses import CallStyle, MigrationRoute, ProviderStatus, VerdictStatus
from hfmigrate.net import Hosts, RetryPolicy

DEFAULT_MAX_AGE = 3600.0
DEFAULT_CONCURRENCY = 8
MAX_ALTERNATIVES = 3

#: Why a model is unavailable. ``unknown-provider`` and ``lookup-failed`` extend the issue's list: a suffix that
#: names no provider at all, and a Hub lookup that kept failing (that one makes the exit code 2, not 1).
REASONS = {
    "not-found": "the Hub has no such model (404 RepoNotFound)",
    "gated-or-private": "the Hub refused the lookup (401/403): gated or private; set a token with access",
    "no-provider": "no live provider serves it (or not the provider the id pins)",
    "staging-only": "providers are only in staging for it: not callable by users yet",
    "provider-removed": "its only providers, or the provider the id pins, left the router",
    "wrong-task": "served, but not for the task the code uses",
    "unknown-provider": "the id pins a provider the router does not know",
    "lookup-failed": "the Hub kept answering with an error; availability is unknown",
}


_PROBLEMS_FIRST = {VerdictStatus.ERROR: 0, VerdictStatus.UNAVAILABLE: 1, VerdictStatus.AVAILABLE: 2}


@dataclass(frozen=True)
class CatalogOptions:
    """Where to look and how: hosts, token, cache, network limits.

    ``cache_dir`` None means the default (see :func:`hfmigrate.catalog.cache.default_cache_dir`); ``use_cache``
    False turns the on-disk cache off entirely. ``warn`` receives one-line warnings (default: stderr);
    ``progress`` is called with (done, total) as Hub lookups finish.
    """

    hosts: Hosts = field(default_factory=Hosts)
    token: Token | None = None
    cache_dir: Path | None = None
    use_cache: bool = True
    max_age: float = DEFAULT_MAX_AGE
    refresh: bool = False
    offline: bool = False
    concurrency: int = DEFAULT_CONCURRENCY
    retry: RetryPolicy = field(default_factory=lambda: RetryPolicy(retries=3))
    timeout: float = 15.0
    alternatives: bool = True
    warn: Callable[[str], None] | None = None
    progress: Callable[[int, int], None] | None = None
    cache_only: bool = (
        False  # read only the cache; a model it does not hold stays unknown (rewrite without --resolve-models)
    )


@dataclass(frozen=True)
class ModelRequest:
    """One model id to check, with the task the code uses (None: any task) and where it was found."""

    model: str
    task: str | None = None
    locations: tuple[tuple[str, int], ...] = ()
    style: CallStyle | None = None  # how the code calls it; None: judged on the task alone


@dataclass(frozen=True)
class ProviderInfo:
    """One provider for one model (``status``: see :class:`ProviderStatus`)."""

    name: str
    status: ProviderStatus
    task: str | None
    provider_id: str | None = None
    source: str = "hub"  # hub, router or both
    context_length: int | None = None
    price_input: float | None = None
    price_output: float | None = None
    supports_tools: bool | None = None
    supports_structured_output: bool | None = None
    is_free: bool | None = None
    throughput: float | None = None  # tokens per second, as the router catalogue reports it
    first_token_latency_ms: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", ProviderStatus(self.status))  # a member, also when given its value


@dataclass(frozen=True)
class ModelVerdict:
    """Whether ``model`` works on the router, and what to pick if not.

    ``chat``: served for chat (a live provider with task ``conversational``, or listed in ``/v1/models`` with a
    live provider). ``hf_inference_tasks``: the tasks hf-inference serves it for, live, so rewrite can keep the
    legacy payload. ``alternatives``: model ids to use instead, best first (at most three).
    """

    model: str
    available: bool
    reason: str | None = None
    detail: str | None = None
    base_model: str = ""
    suffix: str | None = None
    task: str | None = None
    chat: bool = False
    hf_inference_tasks: frozenset[str] = frozenset()
    pipeline_tag: str | None = None
    providers: tuple[ProviderInfo, ...] = ()
    alternatives: list[str] = field(default_factory=list)
    locations: tuple[tuple[str, int], ...] = ()
    style: CallStyle | None = None

    def providers_with(self, status: ProviderStatus) -> list[str]:
        """Names of the providers in ``status``, sorted."""
        return sorted(p.name for p in self.providers if p.status is status)

    @property
    def live_providers(self) -> list[str]:
        return self.providers_with(ProviderStatus.LIVE)

    @property
    def staging_providers(self) -> list[str]:
        return self.providers_with(ProviderStatus.STAGING)

    @property
    def error_providers(self) -> list[str]:
        return self.providers_with(ProviderStatus.ERROR)

    @property
    def removed_providers(self) -> list[str]:
        return self.providers_with(ProviderStatus.REMOVED)

    @property
    def failed(self) -> bool:
        """True when availability is unknown because a lookup failed (exit 2, not 1)."""
        return self.reason == "lookup-failed"

    @property
    def status(self) -> VerdictStatus:
        if self.failed:
            return VerdictStatus.ERROR
        return VerdictStatus.AVAILABLE if self.available else VerdictStatus.UNAVAILABLE

    def sort_key(self) -> tuple:
        """Problems first (errors, then unavailable), then by id: the order every report uses."""
        return (_PROBLEMS_FIRST[self.status], self.model.lower(), self.task or "")

    def route(self, task: str | None = None) -> MigrationRoute:
        """How rewrite should migrate a call site that uses ``task`` (default: the verdict's own task).

        ``chat`` (chat completions), ``hf-inference`` (the legacy payload on ``ROUTER/hf-inference``), or
        ``marker`` (leave a marker naming :attr:`alternatives`). Embedding and ranking tasks stay on hf-inference
        even when some provider also offers chat for the model.
        """
        task = task if task is not None else (self.task or self.pipeline_tag)
        if self.suffix and not self.available:
            return MigrationRoute.MARKER  # a pinned provider that is gone: a person picks the replacement
        if self.chat and task in (None, "text-generation", "conversational", "text2text-generation"):
            return MigrationRoute.CHAT
        if task in self.hf_inference_tasks:
            return MigrationRoute.HF_INFERENCE
        return MigrationRoute.MARKER

    def providers_for(self, task: str | None, style: CallStyle | None = None) -> list[str]:
        """Live providers that serve ``task`` called in ``style`` (see :func:`hfmigrate.catalog.verdict.serves`)."""
        from hfmigrate.catalog.verdict import serves

        return sorted(p.name for p in self.providers if p.status is ProviderStatus.LIVE and serves(p.task, task, style))

    def price_range(self) -> dict[str, tuple[float, float]] | None:
        """USD per 1M tokens over live providers: ``{"input": (min, max), "output": (min, max)}``."""
        live = [p for p in self.providers if p.status is ProviderStatus.LIVE]
        ranges = {}
        for key, values in (
            ("input", [p.price_input for p in live if p.price_input is not None]),
            ("output", [p.price_output for p in live if p.price_output is not None]),
        ):
            if values:
                ranges[key] = (min(values), max(values))
        return ranges or None

    @property
    def context_length(self) -> int | None:
        lengths = [p.context_length for p in self.providers if p.status is ProviderStatus.LIVE and p.context_length]
        return max(lengths) if lengths else None

    @property
    def supports_tools(self) -> bool | None:
        return self._any_live("supports_tools")

    @property
    def supports_structured_output(self) -> bool | None:
        return self._any_live("supports_structured_output")

    @property
    def is_free(self) -> bool | None:
        return self._any_live("is_free")

    @property
    def throughput(self) -> float | None:
        """The best throughput among live providers (tokens/s), when the catalogue gives one."""
        values = [p.throughput for p in self.providers if p.status is ProviderStatus.LIVE and p.throughput is not None]
        return max(values) if values else None

    @property
    def first_token_latency_ms(self) -> float | None:
        """The lowest first-token latency among live providers, when the catalogue gives one."""
        values = [
            p.first_token_latency_ms
            for p in self.providers
            if p.status is ProviderStatus.LIVE and p.first_token_latency_ms is not None
        ]
        return min(values) if values else None

    def _any_live(self, flag: str) -> bool | None:
        flags = [
            getattr(p, flag) for p in self.providers if p.status is ProviderStatus.LIVE and getattr(p, flag) is not None
        ]
        return any(flags) if flags else None


@dataclass
class CheckReport:
    """Everything one check-models run found, in input order."""

    verdicts: list[ModelVerdict]
    hosts: Hosts
    from_cache: bool = False
    errors: list[str] = field(default_factory=list)
    unknown: list[ModelRequest] = field(default_factory=list)  # cache_only: requests the cache could not answer
    warnings: list[str] = field(default_factory=list)  # e.g. /v1/models failed and the Hub mapping alone was used

    @property
    def unavailable(self) -> list[ModelVerdict]:
        return [v for v in self.verdicts if not v.available and not v.failed]

    @property
    def failed(self) -> list[ModelVerdict]:
        return [v for v in self.verdicts if v.failed]

    @property
    def exit_code(self) -> int:
        if self.failed or self.errors:
            return 2
        return 1 if self.unavailable else 0
