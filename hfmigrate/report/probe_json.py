"""``hfmigrate probe --json``: the report as JSON, schema version 1 (documented in docs/probe-json.md).

Version 1 only grows: new keys may appear, existing keys keep their meaning and type. A change that breaks that
bumps ``schema_version``. :data:`SCHEMA` is the JSON Schema of the document; the tests validate against it.
"""

from __future__ import annotations

import json

from hfmigrate import __version__
from hfmigrate.auth import redact
from hfmigrate.probe.results import REASONS, Outcome, ProbeReport, Result

SCHEMA_VERSION = 1
OUTCOMES = [outcome.value for outcome in Outcome]

_NUMBER_OR_NULL = {"type": ["number", "null"]}
_STRING_OR_NULL = {"type": ["string", "null"]}
_RESULT = {
    "type": "object",
    "required": [
        "model",
        "endpoint",
        "method",
        "url",
        "sent",
        "status",
        "ttfb_ms",
        "total_ms",
        "provider",
        "request_id",
        "rate_limit",
        "retries",
        "retry_waits_s",
        "reason",
        "outcome",
        "diagnosis",
        "fix",
        "sources",
    ],
    "properties": {
        "model": _STRING_OR_NULL,
        "endpoint": {
            "enum": [
                "legacy",
                "hf-inference",
                "router-provider",
                "router-chat",
                "router-stream",
                "router-models",
                "hub-mapping",
                "token",
            ]
        },
        "method": {"enum": ["GET", "POST"]},
        "url": {"type": "string"},
        "final_url": _STRING_OR_NULL,
        "sent": {"type": "boolean"},
        "status": {"type": ["integer", "null"]},
        "ttfb_ms": _NUMBER_OR_NULL,
        "total_ms": _NUMBER_OR_NULL,
        "provider": _STRING_OR_NULL,
        "request_id": _STRING_OR_NULL,
        "rate_limit": {"type": "object", "additionalProperties": {"type": "string"}},
        "retries": {"type": "integer", "minimum": 0},
        "retry_waits_s": {"type": "array", "items": {"type": "number"}},
        "reason": {"enum": sorted(REASONS)},
        "outcome": {"enum": OUTCOMES},
        "diagnosis": {"type": "string"},
        "fix": {"type": "string"},
        "task": _STRING_OR_NULL,
        "stream": {
            "type": ["object", "null"],
            "properties": {
                "chunks": {"type": "integer"},
                "done": {"type": "boolean"},
                "first_chunk_ms": _NUMBER_OR_NULL,
            },
        },
        "sources": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "line"],
                "properties": {"path": {"type": "string"}, "line": {"type": "integer"}},
            },
        },
    },
}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "hfmigrate probe report",
    "type": "object",
    "required": [
        "schema_version",
        "tool",
        "hosts",
        "token",
        "options",
        "elapsed_ms",
        "verdict",
        "exit_code",
        "no_network",
        "models",
        "results",
    ],
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "tool": {"type": "object", "required": ["name", "version"]},
        "hosts": {"type": "object", "required": ["router", "legacy", "hub"]},
        "token": {
            "type": "object",
            "required": ["present", "source"],
            "properties": {"present": {"type": "boolean"}, "source": _STRING_OR_NULL},
        },
        "options": {"type": "object", "required": ["endpoint", "inference", "stream", "timeout_s", "retries"]},
        "elapsed_ms": {"type": "number"},
        "verdict": {"type": "string"},
        "exit_code": {"enum": [0, 1, 2]},
        "no_network": {"type": "boolean"},
        "models": {"type": "array", "items": {"type": "object", "required": ["model", "verdict"]}},
        "results": {"type": "array", "items": _RESULT},
    },
}


def report_dict(report: ProbeReport, secrets: tuple[str, ...] = ()) -> dict:
    options = report.options
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "hfmigrate", "version": __version__},
        "hosts": {"router": report.hosts.router, "legacy": report.hosts.legacy, "hub": report.hosts.hub},
        "token": {"present": report.token_source is not None, "source": report.token_source},
        "options": {
            "endpoint": options.endpoint,
            "inference": options.inference,
            "stream": options.stream,
            "timeout_s": options.timeout,
            "retries": options.retries,
        },
        "elapsed_ms": report.elapsed_ms,
        "verdict": report.verdict,
        "exit_code": report.exit_code,
        "no_network": report.no_network,
        "models": [{"model": model, "verdict": verdict} for model, verdict in report.model_verdicts.items()],
        "results": [_result_dict(result) for result in report.results],
    }


def _result_dict(result: Result) -> dict:
    ex, request = result.exchange, result.request
    stream = ex.stream
    return {
        "model": request.model,
        "endpoint": request.kind,
        "method": request.method,
        "url": request.url,
        "final_url": ex.final_url if ex.final_url != request.url else None,
        "sent": ex.sent,
        "status": ex.status,
        "ttfb_ms": ex.ttfb_ms,
        "total_ms": ex.total_ms,
        "provider": result.provider,
        "request_id": result.request_id,
        "rate_limit": result.rate_limit,
        "retries": ex.retries,
        "retry_waits_s": ex.retry_waits,
        "reason": result.reason,
        "outcome": result.outcome,
        "diagnosis": result.diagnosis,
        "fix": result.fix,
        "task": request.task,
        "stream": None
        if stream is None
        else {
            "chunks": stream.chunks,
            "done": stream.done,
            "first_chunk_ms": stream.first_chunk_ms,
        },
        "sources": [{"path": s.path, "line": s.line} for s in request.sources],
    }


def render_json(report: ProbeReport, secrets: tuple[str, ...] = ()) -> str:
    """The JSON document, redacted as a whole once more (model ids and URLs come from the user)."""
    return redact(json.dumps(report_dict(report), indent=2, ensure_ascii=False), secrets) + "\n"
