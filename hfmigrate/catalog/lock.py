"""The lockfile: the provider mapping the code was migrated against, and the check that it still holds.

``check-models --lock hfmigrate.lock`` writes JSON (stable key order, so diffs stay small)::

    {"lock_version": 1, "generated_by": "hfmigrate 0.1.0", "generated_at": "2026-11-22T12:00:00Z",
     "hosts": {"hub": "...", "router": "..."},
     "models": [{"model": "id[:suffix]", "task": "conversational" | null, "available": true,
                 "pipeline_tag": "...", "chat": true, "hf_inference_tasks": [...],
                 "live_providers": ["groq", ...],             # live providers for the task
                 "providers": {"groq": {"status": "live", "task": "conversational", "provider_id": "..."}}}]}

``task`` is the task the code uses; when unknown, ``conversational`` for chat models (rewrite moves them to chat
completions), else null (any task). ``--verify-lock`` checks the same ids and tasks again: a model that was
available when locked and is not any more (its last live provider for the task left, the provider it pins was
removed, ...) is drift, and the run exits 1.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from hfmigrate import __version__
from hfmigrate.catalog.types import CheckReport, ModelRequest, ModelVerdict
from hfmigrate.errors import InputError, UsageError

LOCK_VERSION = 1


def locked_task(verdict: ModelVerdict) -> str | None:
    if verdict.task:
        return verdict.task
    return "conversational" if verdict.chat else None


def lock_document(report: CheckReport) -> dict[str, Any]:
    return {
        "lock_version": LOCK_VERSION,
        "generated_by": f"hfmigrate {__version__}",
        "generated_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "hosts": {"hub": report.hosts.hub, "router": report.hosts.router},
        "models": [_lock_entry(v) for v in report.verdicts],
    }


def _lock_entry(verdict: ModelVerdict) -> dict[str, Any]:
    task = locked_task(verdict)
    return {
        "model": verdict.model,
        "task": task,
        "available": verdict.available,
        "pipeline_tag": verdict.pipeline_tag,
        "chat": verdict.chat,
        "hf_inference_tasks": sorted(verdict.hf_inference_tasks),
        "live_providers": verdict.providers_for(task),
        "providers": {
            p.name: {"status": p.status.value, "task": p.task, "provider_id": p.provider_id} for p in verdict.providers
        },
    }


def write_lock(path: Path, report: CheckReport) -> None:
    from hfmigrate.report.streams import redact_known  # ids and providers only; a token must still never land here

    text = redact_known(json.dumps(lock_document(report), indent=2, sort_keys=True) + "\n")
    from hfmigrate.writing import replace_or_create

    try:
        replace_or_create(path, text.encode("utf-8"))
    except OSError as error:
        raise UsageError(f"--lock {path}: cannot write it ({error.strerror or error})") from None


@dataclass(frozen=True)
class LockedModel:
    model: str
    task: str | None
    available: bool
    live_providers: tuple[str, ...]


def read_lock(path: Path) -> list[LockedModel]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"--verify-lock {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            f"--verify-lock {path}: cannot read it ({getattr(error, 'strerror', None) or error})"
        ) from None
    except json.JSONDecodeError as error:
        raise UsageError(f"--verify-lock {path}: not a hfmigrate lockfile (invalid JSON: {error.msg})") from None
    if not isinstance(document, dict) or document.get("lock_version") != LOCK_VERSION:
        raise UsageError(f"--verify-lock {path}: not a version {LOCK_VERSION} hfmigrate lockfile")
    try:
        return [
            LockedModel(str(e["model"]), e.get("task"), bool(e.get("available")), tuple(e.get("live_providers") or ()))
            for e in document["models"]
        ]
    except (KeyError, TypeError, AttributeError):
        raise UsageError(f"--verify-lock {path}: malformed 'models' list") from None


def lock_requests(locked: list[LockedModel]) -> list[ModelRequest]:
    from hfmigrate.catalog.inputs import validate_model_id

    return [ModelRequest(validate_model_id(m.model, "lockfile"), m.task) for m in locked]


@dataclass(frozen=True)
class Drift:
    """One locked model compared with today: ``broken`` when it was available and is not any more."""

    model: str
    task: str | None
    locked: tuple[str, ...]
    now: tuple[str, ...]
    broken: bool
    reason: str | None

    @property
    def lost(self) -> list[str]:
        return sorted(set(self.locked) - set(self.now))

    @property
    def gained(self) -> list[str]:
        return sorted(set(self.now) - set(self.locked))


def compare(locked: list[LockedModel], report: CheckReport) -> list[Drift]:
    drifts = []
    for pinned, verdict in zip(locked, report.verdicts):
        now = tuple(verdict.providers_for(pinned.task))
        broken = pinned.available and not verdict.available
        drifts.append(Drift(pinned.model, pinned.task, pinned.live_providers, now, broken, verdict.reason))
    return drifts
