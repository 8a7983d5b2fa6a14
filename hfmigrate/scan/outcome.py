"""What one scan run gathers as it reads the tree: findings and model references, and what spans files."""

from __future__ import annotations

from dataclasses import dataclass, field

from hfmigrate.findings import ScanResult
from hfmigrate.scan.references import ModelReference


@dataclass
class ScanOutcome:
    result: ScanResult
    references: list[ModelReference] = field(default_factory=list)


@dataclass
class ScanTree:
    """What the whole tree told us, for the rules that span files."""

    python_codes: set[str] = field(default_factory=set)  # what the Python modules reported, for dependency checks
    dependency_files: list[tuple[str, str]] = field(default_factory=list)  # (display path, text)
    texts: dict[tuple[str, int | None], str] = field(default_factory=dict)  # (path, cell) → text, for suppressions
