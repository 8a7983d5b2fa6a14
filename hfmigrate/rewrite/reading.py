"""Reading the files a rewrite examines: each once, decoded only when it turns out to be a candidate.

A file that cannot be read, or whose bytes cannot all be kept through an edit, is reported as scan would report it
and left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hfmigrate.config import Settings
from hfmigrate.errors import InputError
from hfmigrate.files import SourceFile, walk
from hfmigrate.findings import Diagnostic, DiagnosticKind
from hfmigrate.pool import JobFailed, guarded
from hfmigrate.progress import NO_PROGRESS, Progress
from hfmigrate.rawsearch import find_host
from hfmigrate.rewrite.results import RewriteResult
from hfmigrate.sources import Ok, ReadOutcome, SourceText, TooLarge, Undecodable, decode_bytes, read_source


@dataclass(eq=False)  # compared by identity: equality would compare whole file contents
class Candidate:
    """A file read once; it is decoded only if it turns out to be a candidate."""

    source: SourceFile
    data: bytes
    _decoded: SourceText | Undecodable | None = None

    @property
    def decoded(self) -> SourceText | Undecodable:
        if self._decoded is None:
            self._decoded = decode_bytes(self.data, python=self.source.kind == "python")
        return self._decoded

    @property
    def text(self) -> str:
        decoded = self.decoded
        return decoded.text if isinstance(decoded, SourceText) else ""  # undecodable files are set aside first

    @property
    def encoding(self) -> str:
        decoded = self.decoded
        return decoded.encoding if isinstance(decoded, SourceText) else "utf-8"


def read_files(
    paths: list[Path],
    settings: Settings,
    result: RewriteResult,
    kinds: frozenset[str],
    progress: Progress = NO_PROGRESS,
) -> list[Candidate]:
    files = []
    progress.phase("finding files")
    sources = [source for source in walk(paths, settings, result.diagnostics) if source.kind in kinds]
    progress.phase("reading", len(sources))  # listed first: the display shows N of total
    for source in sources:
        progress.advance()
        outcome = guarded(read_source, source.path, settings.max_file_size)
        if isinstance(outcome, JobFailed):
            result.diagnostics.append(
                Diagnostic(source.display, DiagnosticKind.ERROR, outcome.describe(source.display))
            )
            continue
        if not isinstance(outcome, Ok):
            result.diagnostics.append(_not_read(source.display, outcome))
            continue
        result.examined += 1
        result.examined_by_kind[source.kind] += 1
        files.append(Candidate(source, outcome.data))
    if result.examined == 0 and not any(d.kind is DiagnosticKind.SKIPPED for d in result.diagnostics):
        errors = [d for d in result.diagnostics if d.kind is DiagnosticKind.ERROR]
        shown = ", ".join(str(p) for p in paths)
        raise InputError(f"{errors[0].path}: {errors[0].reason}" if errors else f"no files to rewrite under {shown}")
    return files


def _not_read(display: str, outcome: ReadOutcome) -> Diagnostic:
    """As scan sees it: a file that could not be read is an error. One too large is left alone, and that is an
    error only when it holds the legacy host (then the run is not done); otherwise a plain skip."""
    if isinstance(outcome, TooLarge):
        if outcome.hits:
            return Diagnostic(
                display, DiagnosticKind.ERROR, f"{outcome.reason}; it holds the legacy host, not rewritten"
            )
        return Diagnostic(display, DiagnosticKind.SKIPPED, f"{outcome.reason}; not rewritten")
    return Diagnostic(display, outcome.kind, outcome.reason)


def decodable(candidates: list[Candidate], result: RewriteResult) -> list[Candidate]:
    """The candidates whose text can be edited with every other byte kept; the others are reported."""
    kept = []
    for candidate in candidates:
        decoded, display = candidate.decoded, candidate.source.display
        if isinstance(decoded, SourceText):
            if decoded.warning:
                result.diagnostics.append(Diagnostic(display, DiagnosticKind.DOWNGRADED, decoded.warning))
            kept.append(candidate)
            continue
        holds_host = bool(find_host(candidate.data))
        kind, why = (
            (DiagnosticKind.ERROR, "it holds the legacy host, not rewritten")
            if holds_host
            else (DiagnosticKind.SKIPPED, "not rewritten")
        )
        result.diagnostics.append(Diagnostic(display, kind, f"{decoded.reason}; {why}"))
        result.not_rewritten += 1
    return kept
