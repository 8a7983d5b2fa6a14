"""Outcomes, verdicts and the exit code: which answers are failures, and the one line that sums a probe up.

The rule is "everything that should work works". The legacy host's 410 is the expected answer. A model passes
when at least one of its router paths works: a chat model need not be on hf-inference, nor an embedding model on
chat, so a 404 / model_not_supported beside a working path is a warning, not a failure.
"""

from __future__ import annotations

from hfmigrate.probe import plan as p
from hfmigrate.probe.results import EXPECTED, FAIL, INFO, OK, SKIPPED, WARN, Outcome, Result

_NOT_HERE = frozenset({"not-deployed", "model-not-supported", "model-not-found"})
_NO_NETWORK = frozenset({"dns-error", "connect-error"})


def assign_outcomes(results: list[Result], inference: bool) -> None:
    for result in results:
        result.outcome = _first_outcome(result, inference)
    working = {
        r.request.group for r in results if r.request.kind in (p.HF_INFERENCE, p.CHAT, p.PROVIDER) and r.reason == "ok"
    }
    for result in results:
        if result.outcome == FAIL and result.request.group in working:
            # The Hub lookup only explains; when inference works, its failure is not the model's.
            if result.reason in _NOT_HERE or result.request.kind == p.MAPPING:
                result.outcome = WARN


def _first_outcome(result: Result, inference: bool) -> Outcome:
    kind, reason = result.request.kind, result.reason
    if reason == "skipped":
        return SKIPPED
    if kind == p.LEGACY:
        return EXPECTED if reason == "legacy-retired" else INFO
    if reason == "ok":
        return OK
    if reason == "permission-unconfirmed":
        return WARN
    if kind == p.MAPPING and reason == "no-provider" and inference:
        return WARN  # the inference probes beside it are the ground truth
    return FAIL


def no_network(results: list[Result]) -> bool:
    """True when requests were sent and not one of them reached a host."""
    sent = [r for r in results if r.exchange.sent]
    return bool(sent) and all(r.reason in _NO_NETWORK for r in sent)


def exit_code(results: list[Result]) -> int:
    if no_network(results):
        return 2
    return 1 if any(r.outcome == FAIL for r in results) else 0


def model_verdict(results: list[Result]) -> str:
    """One model's line: which paths work, and the first reason why the others do not."""
    parts = []
    for kind, label in (
        (p.LEGACY, "legacy"),
        (p.HF_INFERENCE, "hf-inference"),
        (p.PROVIDER, "provider route"),
        (p.CHAT, "router chat"),
        (p.STREAM, "stream"),
    ):
        mine = [r for r in results if r.request.kind == kind and r.outcome != SKIPPED]
        if mine:
            parts.append(_path_phrase(label, mine))
    mapping = next((r for r in results if r.request.kind == p.MAPPING), None)
    if not parts and mapping is not None:
        parts.append(mapping.diagnosis if mapping.reason == "ok" else f"hub: {mapping.reason}")
    return "; ".join(parts) or "nothing probed"


def _path_phrase(label: str, results: list[Result]) -> str:
    good = [r for r in results if r.reason == "ok"]
    if label == "legacy":
        return (
            "legacy retired" if all(r.reason == "legacy-retired" for r in results) else f"legacy: {results[0].reason}"
        )
    if good:
        providers = sorted({r.provider for r in good if r.provider})
        return f"{label} works" + (f" with provider {', '.join(providers)}" if providers else "")
    return f"{label}: {results[0].reason}"


def overall_verdict(results: list[Result]) -> str:
    """The summary line, e.g. ``legacy retired; router works with provider novita; token ok``."""
    if no_network(results):
        hosts = sorted({_host(r.request.url) for r in results if r.exchange.sent})
        return f"no network: could not reach {', '.join(hosts)}"
    parts = [_legacy_phrase(results), _router_phrase(results), _hf_phrase(results), _token_phrase(results)]
    return "; ".join(part for part in parts if part) or "nothing probed"


def _legacy_phrase(results: list[Result]) -> str | None:
    legacy = [r for r in results if r.request.kind == p.LEGACY and r.outcome != SKIPPED]
    if not legacy:
        return None
    if all(r.reason == "legacy-retired" for r in legacy):
        return "legacy retired"
    if any(r.reason == "ok" for r in legacy):
        return "legacy host still answers"
    return f"legacy: {', '.join(sorted({r.reason for r in legacy}))}"


def _router_phrase(results: list[Result]) -> str | None:
    chat = [r for r in results if r.request.kind in (p.CHAT, p.STREAM) and r.outcome != SKIPPED]
    if not chat:
        catalogue = next((r for r in results if r.request.kind == p.MODELS), None)
        if catalogue is None:
            return None
        return "router catalogue ok" if catalogue.reason == "ok" else f"router: {catalogue.reason}"
    good = [r for r in chat if r.reason == "ok"]
    if not good:
        return f"router chat fails ({', '.join(sorted({r.reason for r in chat}))})"
    providers = sorted({r.provider for r in good if r.provider})
    failing = sorted({r.reason for r in chat if r.outcome == FAIL})
    text = "router works" + (f" with provider {', '.join(providers)}" if providers else "")
    return text + (f" (but: {', '.join(failing)})" if failing else "")


def _hf_phrase(results: list[Result]) -> str | None:
    hf = [r for r in results if r.request.kind == p.HF_INFERENCE and r.outcome != SKIPPED]
    if not hf:
        return None
    served = [r.request.model for r in hf if r.reason == "ok" and r.request.model]
    if served:
        return f"hf-inference serves {', '.join(sorted(set(served)))}"
    return f"hf-inference: {', '.join(sorted({r.reason for r in hf}))}"


def _token_phrase(results: list[Result]) -> str | None:
    token = next((r for r in results if r.request.kind == p.TOKEN), None)
    if token is None:
        return None
    return "token ok" if token.reason == "ok" else f"token: {token.reason}"


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.netloc or url
