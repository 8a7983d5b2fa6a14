"""``rewrite --resolve-models``: which literal model ids at legacy call sites the router serves, and how.

A scan pass collects the ids (with the task the code uses, when known); the catalog answers through the same
cache as ``check-models``. Rules read the verdicts from ``ModuleContext.verdicts``: chat completions when the
model is served for chat; hf-inference (legacy payload kept) when it serves the task; otherwise an HFM502 marker
naming alternatives. Without this option, rewrite stays offline and uses only local evidence.
"""

from __future__ import annotations

from pathlib import Path


def resolve_call_site_models(paths: list[Path], settings) -> dict:
    from hfmigrate.auth import find_token
    from hfmigrate.catalog import CatalogOptions, resolve_models
    from hfmigrate.net import resolve_hosts
    from hfmigrate.scan.references import find_model_references

    references = find_model_references(paths, settings)
    tasks: dict[str, str | None] = {}
    for reference in references:
        model = settings.models.get(reference.model, reference.model)
        tasks.setdefault(model, reference.task)
    if not tasks:
        return {}
    options = CatalogOptions(hosts=resolve_hosts(), token=find_token())
    return resolve_models(list(tasks), task_by_model=tasks, options=options)


def unavailable_message(verdict) -> str:
    alternatives = ", ".join(verdict.alternatives) or "none found for its pipeline tag"
    return f"{verdict.model} is not served ({verdict.reason}); alternatives: {alternatives}"
