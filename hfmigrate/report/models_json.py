"""``hfmigrate check-models --json``: a versioned document, described in ``docs/check-models-json.md``.

``schema_version`` changes only when a field is removed or changes meaning; new fields may appear without a bump.
"""

from __future__ import annotations

import json
from typing import Any

from hfmigrate import __version__
from hfmigrate.catalog.types import REASONS, CheckReport, ModelVerdict

SCHEMA_VERSION = 1


def document(report: CheckReport) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "hfmigrate", "version": __version__},
        "hosts": {"hub": report.hosts.hub, "router": report.hosts.router},
        "from_cache": report.from_cache,
        "summary": {
            "checked": len(report.verdicts),
            "available": sum(1 for v in report.verdicts if v.available),
            "unavailable": len(report.unavailable),
            "errors": len(report.failed),
        },
        "exit_code": report.exit_code,
        "warnings": list(report.warnings),
        "models": [_model(v) for v in sorted(report.verdicts, key=ModelVerdict.sort_key)],
    }


def _model(v: ModelVerdict) -> dict[str, Any]:
    ranges = v.price_range() or {}
    return {
        "model": v.model,
        "base_model": v.base_model,
        "suffix": v.suffix,
        "task": v.task,
        "status": v.status,
        "available": v.available,
        "reason": v.reason,
        "reason_text": REASONS.get(v.reason) if v.reason else None,
        "detail": v.detail,
        "chat": v.chat,
        "pipeline_tag": v.pipeline_tag,
        "hf_inference_tasks": sorted(v.hf_inference_tasks),
        "live_providers": v.live_providers,
        "staging_providers": v.staging_providers,
        "error_providers": v.error_providers,
        "removed_providers": v.removed_providers,
        "providers": [
            {
                "provider": p.name,
                "status": p.status.value,
                "task": p.task,
                "provider_id": p.provider_id,
                "source": p.source,
                "context_length": p.context_length,
                "pricing": None
                if p.price_input is None and p.price_output is None
                else {"input": p.price_input, "output": p.price_output},
                "supports_tools": p.supports_tools,
                "supports_structured_output": p.supports_structured_output,
                "is_free": p.is_free,
                "throughput": p.throughput,
                "first_token_latency_ms": p.first_token_latency_ms,
            }
            for p in v.providers
        ],
        "price_range": {key: {"min": low, "max": high} for key, (low, high) in ranges.items()} or None,
        "context_length": v.context_length,
        "supports_tools": v.supports_tools,
        "supports_structured_output": v.supports_structured_output,
        "is_free": v.is_free,
        "throughput": v.throughput,
        "first_token_latency_ms": v.first_token_latency_ms,
        "call_style": v.style.value if v.style else None,
        "alternatives": list(v.alternatives),
        "locations": [{"path": path, "line": line} for path, line in v.locations],
    }


def render(report: CheckReport) -> str:
    return json.dumps(document(report), indent=2, ensure_ascii=False) + "\n"


def render_drift(drifts, report: CheckReport) -> str:
    """``--verify-lock --json``: the same envelope, with one ``drift`` entry per locked model."""
    body = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "hfmigrate", "version": __version__},
        "hosts": {"hub": report.hosts.hub, "router": report.hosts.router},
        "drift": [
            {
                "model": d.model,
                "task": d.task,
                "broken": d.broken,
                "reason": d.reason,
                "locked_providers": list(d.locked),
                "live_providers": list(d.now),
                "lost": d.lost,
                "gained": d.gained,
            }
            for d in drifts
        ],
        "broken": sum(1 for d in drifts if d.broken),
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
