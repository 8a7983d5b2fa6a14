"""What one scan run gathers as it reads the tree: findings and model references, and what spans files."""

from __future__ import annotations

from dataclasses import dataclass, field

from hfmigrate.findings import Finding, ScanResult
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


@dataclass
class PythonScan:
    """What the Python pass found in one module."""

    findings: list[Finding] = field(default_factory=list)
    references: list[ModelReference] = field(default_factory=list)

    @property
    def uses_client_post(self) -> bool:
        """The module calls the removed ``InferenceClient.post`` (HFM402 names it on an old pin)."""
        return any(finding.code == "HFM302" for finding in self.findings)

    @property
    def uses_langchain_hub(self) -> bool:
        """The module uses LangChain's HuggingFaceHub-era classes (HFM404 judges the langchain pins by it)."""
        return any(finding.code in ("HFM306", "HFM307") for finding in self.findings)
