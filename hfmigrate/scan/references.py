"""Model ids and legacy URLs that scan finds at call sites, for ``probe --from-code`` and ``check-models --from-code``.

Interface (stable): ``find_model_references(paths, settings=None) -> list[ModelReference]``. Python modules and
notebook code cells are read by the Python scanner; text files and notebook shell lines by
:mod:`hfmigrate.scan.text_references`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hfmigrate.engine.fixes import ModelMention


@dataclass(frozen=True)
class ModelReference:
    model: str  # a literal Hub model id, e.g. "meta-llama/Llama-3.1-8B-Instruct" (possibly with a ":provider" suffix)
    path: str  # display path of the file
    line: int
    task: str | None = None  # the task the code uses, when known ("feature-extraction", "text-generation", ...)
    url: str | None = None  # the legacy or router URL the id was found in, when it came from a URL
    style: str | None = None  # how the code calls it: a hfmigrate.catalog.statuses.CallStyle value, when known
    runtime: bool = False  # the id is chosen at run time; ``model`` is then the placeholder as written ({model_id})


def mentioned(mention: ModelMention, path: str, line: int) -> ModelReference:
    """The reference a check's model mention makes, at ``line`` of ``path``."""
    return ModelReference(mention.model, path, line, mention.task, mention.url, mention.style, mention.runtime)


def find_model_references(paths: list[Path], settings=None, *, runtime: bool = False) -> list[ModelReference]:
    """Every literal model id used at a legacy call site under ``paths``, in file and line order; with
    ``runtime``, also the call sites whose id is chosen at run time (``runtime=True``, never a model id)."""
    from hfmigrate.scan import scan_outcome

    return [r for r in scan_outcome(paths, settings, references_only=True).references if runtime or not r.runtime]
