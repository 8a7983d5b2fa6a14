"""Where check-models gets its model ids: arguments, ``--from-file`` and ``--from-code``.

``--from-file`` reads a text file (one id per line, ``#`` starts a comment) or YAML (``.yaml``/``.yml``, or text
that starts like YAML): a list of ids, a mapping with a ``models:`` list, or the ``models:`` mapping of
``.hfmigrate.yaml`` (old id → new id). For that mapping the *new* ids are checked, since they are what the code
calls after rewrite; an entry without a new id checks the old one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from hfmigrate.auth import HF_TOKEN_PATTERN, redact
from hfmigrate.catalog.statuses import CallStyle
from hfmigrate.catalog.types import ModelRequest
from hfmigrate.errors import InputError, UsageError
from hfmigrate.lines import split_lines
from hfmigrate.urls import MAX_MODEL_ID, is_model_id

#: The Hub's pipeline tags (``pipeline_tag`` on a model page), plus the retired ``conversational`` and
#: ``text2text-generation`` that legacy code still names.
KNOWN_TASKS = frozenset(
    {
        "any-to-any",
        "audio-classification",
        "audio-text-to-text",
        "audio-to-audio",
        "automatic-speech-recognition",
        "conversational",
        "depth-estimation",
        "document-question-answering",
        "feature-extraction",
        "fill-mask",
        "graph-ml",
        "image-classification",
        "image-feature-extraction",
        "image-segmentation",
        "image-text-to-image",
        "image-text-to-text",
        "image-text-to-video",
        "image-to-3d",
        "image-to-image",
        "image-to-text",
        "image-to-video",
        "keypoint-detection",
        "mask-generation",
        "multiple-choice",
        "object-detection",
        "other",
        "question-answering",
        "reinforcement-learning",
        "robotics",
        "sentence-similarity",
        "summarization",
        "table-question-answering",
        "table-to-text",
        "tabular-classification",
        "tabular-regression",
        "tabular-to-text",
        "text-classification",
        "text-generation",
        "text-ranking",
        "text-retrieval",
        "text-to-3d",
        "text-to-audio",
        "text-to-image",
        "text-to-speech",
        "text-to-video",
        "text2text-generation",
        "time-series-forecasting",
        "token-classification",
        "translation",
        "unconditional-image-generation",
        "video-classification",
        "video-text-to-text",
        "video-to-video",
        "visual-document-retrieval",
        "visual-question-answering",
        "voice-activity-detection",
        "zero-shot-classification",
        "zero-shot-image-classification",
        "zero-shot-object-detection",
    }
)


def validate_task(task: str | None) -> str | None:
    """``--task`` must name a Hub pipeline tag: a typo would otherwise make every model look like the wrong task."""
    if task is None:
        return None
    if task.strip() in KNOWN_TASKS:
        return task.strip()
    import difflib

    close = difflib.get_close_matches(task.strip().lower(), sorted(KNOWN_TASKS), n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise UsageError(
        f"--task {redact(task)!r} is not a Hub task; {hint}"
        "use a pipeline tag such as text-generation or feature-extraction"
    )


def validate_model_id(model_id: str, where: str = "") -> str:
    model_id = model_id.strip()
    prefix = f"{where}: " if where else ""
    if HF_TOKEN_PATTERN.search(model_id):
        # a token pasted where an id belongs: never echo it, never send it to the Hub as a path
        raise UsageError(
            f"{prefix}an argument looks like a Hugging Face token, not a model id; "
            "pass tokens with --token or $HF_TOKEN"
        )
    if not is_model_id(model_id):
        shown = redact(model_id[:MAX_MODEL_ID])
        raise UsageError(f"{prefix}{shown!r} is not a Hugging Face model id (expected org/name, optionally :provider)")
    return model_id


def from_arguments(ids: list[str], task: str | None) -> list[ModelRequest]:
    return [ModelRequest(validate_model_id(m), task) for m in ids]


def from_file(path: Path, task: str | None) -> list[ModelRequest]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"--from-file {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"--from-file {path}: cannot read it ({getattr(error, 'strerror', None) or error})") from None
    if path.suffix.lower() in (".yaml", ".yml") or _looks_like_yaml(text):
        ids = _ids_from_yaml(text, path)
    else:
        ids = [(line.split("#", 1)[0].strip(), n) for n, line in enumerate(split_lines(text), 1)]
        ids = [(m, n) for m, n in ids if m]
    return [ModelRequest(validate_model_id(m, f"{path}:{n}" if n else str(path)), task) for m, n in ids]


def _looks_like_yaml(text: str) -> bool:
    first = next((line for line in split_lines(text) if line.strip() and not line.lstrip().startswith("#")), "")
    return first.lstrip().startswith("- ") or first.rstrip().endswith(":") or first.startswith("models:")


def _ids_from_yaml(text: str, path: Path) -> list[tuple[str, int]]:
    import yaml

    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise UsageError(
            f"--from-file {where}: not valid YAML ({getattr(error, 'problem', None) or 'syntax error'})"
        ) from None
    if isinstance(document, dict):
        if "models" not in document:
            raise UsageError(f"--from-file {path}: expected a list of model ids or a 'models:' key")
        document = document["models"]
    return [(m, 0) for m in _ids_from_value(document, path)]


def _ids_from_value(value: Any, path: Path) -> list[str]:
    if isinstance(value, list):
        if not all(isinstance(item, str) for item in value):
            raise UsageError(f"--from-file {path}: every entry of the list must be a model id string")
        return list(value)
    if isinstance(value, dict):
        ids = []
        for old, new in value.items():
            if new is not None and not isinstance(new, str):
                raise UsageError(f"--from-file {path}: models: {old!r} must map to a model id string")
            ids.append(str(new or old))
        return ids
    if value is None:
        return []
    raise UsageError(f"--from-file {path}: expected a list of model ids or a 'models:' mapping")


def from_code(path: Path, on_runtime: Callable[[list[tuple[str, int]]], None] | None = None) -> list[ModelRequest]:
    """Every model id that scan finds at call sites, one request per (id, task, call style), with locations.
    ``on_runtime`` receives the (path, line) of call sites whose model is chosen at run time (not checkable)."""
    from hfmigrate.scan.references import find_model_references

    if not path.exists():
        raise InputError(f"--from-code {path}: no such file or folder")
    grouped: dict[tuple[str, str | None, CallStyle | None], list[tuple[str, int]]] = {}
    references = find_model_references([path], runtime=True)
    runtime = [(ref.path, ref.line) for ref in references if ref.runtime]
    if runtime and on_runtime:
        on_runtime(runtime)
    for ref in (r for r in references if not r.runtime):
        try:
            model = validate_model_id(ref.model)
        except UsageError:
            continue  # scan may see something id-shaped that is not one; it is not the user's input
        grouped.setdefault((model, ref.task, CallStyle.parse(ref.style)), []).append((ref.path, ref.line))
    return [ModelRequest(model, task, tuple(places), style) for (model, task, style), places in grouped.items()]


def merge(requests: list[ModelRequest]) -> list[ModelRequest]:
    """One request per (id, task, call style), locations joined, first-seen order."""
    merged: dict[tuple[str, str | None, CallStyle | None], ModelRequest] = {}
    for request in requests:
        key = (request.model, request.task, request.style)
        if key in merged:
            merged[key] = replace(merged[key], locations=merged[key].locations + request.locations)
        else:
            merged[key] = request
    return list(merged.values())


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str, option: str = "--max-age") -> float:
    """``3600``, ``90s``, ``30m``, ``2h``, ``1d`` → seconds."""
    match = _DURATION.match(text)
    if not match:
        raise UsageError(f"{option} {text!r} is not a duration (examples: 3600, 30m, 2h, 1d)")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
