"""What the Hub says about a model (``expand[]=inferenceProviderMapping``): its pipeline tag and each provider's
status, task and own id for it."""

from __future__ import annotations

from dataclasses import dataclass, field

from hfmigrate import urls
from hfmigrate.probe.bodies import parsed_json


@dataclass(frozen=True)
class ModelMapping:
    """What the Hub says about a model: its pipeline tag and, per provider, status and task."""

    pipeline_tag: str | None = None
    providers: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    provider_ids: dict[str, str] = field(default_factory=dict)  # provider → its own id for the model

    @property
    def live(self) -> list[str]:
        return sorted(name for name, (status, _) in self.providers.items() if status == "live")

    @property
    def chat_live(self) -> list[str]:
        return sorted(n for n, (s, task) in self.providers.items() if s == "live" and task == "conversational")

    @property
    def task(self) -> str | None:
        """hf-inference's own task when it lists the model, else the pipeline tag."""
        own = self.providers.get(urls.HF_INFERENCE)
        return (own[1] if own and own[1] else None) or self.pipeline_tag


def parse_mapping(body: bytes) -> ModelMapping | None:
    """``inferenceProviderMapping`` as an object keyed by provider, or as a list with a ``provider`` key."""
    data = parsed_json(body)
    if not isinstance(data, dict):
        return None
    raw = data.get("inferenceProviderMapping") or {}
    providers = {
        str(name): (str(entry.get("status", "")), entry.get("task"))
        for name, entry in _entries(raw)
        if name and isinstance(entry, dict)
    }
    tag = data.get("pipeline_tag")
    ids = {
        str(name): entry["providerId"]
        for name, entry in _entries(raw)
        if name and isinstance(entry, dict) and isinstance(entry.get("providerId"), str)
    }
    return ModelMapping(tag if isinstance(tag, str) else None, providers, ids)


def _entries(raw: object):
    if isinstance(raw, dict):
        return raw.items()
    return ((e.get("provider"), e) for e in raw if isinstance(e, dict)) if isinstance(raw, list) else ()
