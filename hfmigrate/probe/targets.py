"""What probe is asked about: the options checked, and the targets (models, with where they came from) taken from
``--model`` ids or from the legacy call sites scan finds in code."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hfmigrate import urls
from hfmigrate.auth import HF_TOKEN_PATTERN, redact
from hfmigrate.errors import UsageError
from hfmigrate.probe.plan import DEFAULT_MODELS, ENDPOINT_CHOICES, RUNTIME_MODEL, ProbeOptions, Source, Target

# --- input checks ---------------------------------------------------------------------------------------------


def check_model_id(model: str, where: str = "--model") -> str:
    model = model.strip()
    if HF_TOKEN_PATTERN.search(model):
        # a token pasted where an id belongs: never echo it, never send it to a host as part of a path
        raise UsageError(
            f"{where}: the value looks like a Hugging Face token, not a model id; pass tokens with --token or $HF_TOKEN"
        )
    if not urls.is_model_id(model):
        shown = redact(model[: urls.MAX_MODEL_ID])
        raise UsageError(f"{where} {shown!r} is not a Hub model id: use org/name, e.g. {DEFAULT_MODELS[0]}")
    return model


def check_options(options: ProbeOptions) -> None:
    if options.endpoint not in ENDPOINT_CHOICES:
        raise UsageError(f"--endpoint {options.endpoint!r} is not one of {', '.join(ENDPOINT_CHOICES)}")
    if not options.timeout > 0:
        raise UsageError(f"--timeout {options.timeout:g} must be a positive number of seconds")
    if not 0 <= options.retries <= 10:
        raise UsageError(f"--retries {options.retries} must be between 0 and 10")
    if options.stream and not options.inference:
        raise UsageError("--stream sends a chat request, which --no-inference forbids: drop one of them")


# --- targets --------------------------------------------------------------------------------------------------


def targets_from_models(models: list[str] | tuple[str, ...]) -> list[Target]:
    seen: dict[str, Target] = {}
    for model in models:
        model = check_model_id(model)
        seen.setdefault(model, Target(model))
    return list(seen.values())


def targets_from_code(paths: list[Path]) -> list[Target]:
    """Each distinct (model, legacy URL) that scan finds under ``paths``, with every file and line it came from."""
    from hfmigrate.scan.references import find_model_references

    for path in paths:
        if not path.exists():
            raise UsageError(f"--from-code {path}: no such file or folder")
    grouped: dict[tuple[str, str | None], Target] = {}
    for ref in find_model_references(list(paths), runtime=True):
        legacy = ref.url if ref.url and urls.is_legacy(ref.url) else None
        model = RUNTIME_MODEL if ref.runtime else ref.model
        parsed = urls.parse_legacy(legacy) if legacy else None
        written = parsed.model if parsed else None
        if legacy and not ref.runtime and written and urls.is_dynamic(written):
            legacy = legacy.replace(written, ref.model, 1)  # the id, never {name}
        key = (model, legacy)
        known = grouped.get(key) or Target(model, ref.task, legacy, runtime=ref.runtime)
        grouped[key] = replace(
            known, task=known.task or ref.task, sources=known.sources + (Source(ref.path, ref.line),)
        )
    return list(grouped.values())
