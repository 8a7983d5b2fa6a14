"""The scan engine: paths in, :class:`~hfmigrate.findings.ScanResult` out.

Each file is read once. A byte pre-filter (``prefilter``) decides whether it can hold a finding; only Python
files that pass it are parsed with libcst, in a process pool once there are more than a few (a libcst crash on
pathological input then costs one worker, not the run). Text files and notebook prose go through the text rules.
Dependency files are checked after the whole tree is read, with what the code reported (:mod:`hfmigrate.engine.tree`).
"""

from __future__ import annotations

from pathlib import Path

from hfmigrate.comments import (
    LineIndex,
    universal_findings,
)
from hfmigrate.config import Settings
from hfmigrate.errors import InputError
from hfmigrate.files import SourceFile, walk
from hfmigrate.findings import Diagnostic, DiagnosticKind, Finding, ScanResult
from hfmigrate.pool import JobFailed, JobStream, guarded
from hfmigrate.progress import NO_PROGRESS, Progress
from hfmigrate.recordings import as_recording, recording_kind
from hfmigrate.scan import prefilter
from hfmigrate.scan.finalise import finalise
from hfmigrate.scan.notebook_cells import scan_notebook
from hfmigrate.scan.outcome import ScanOutcome, ScanTree
from hfmigrate.scan.python_jobs import parse_and_scan as parse_and_scan  # rewrite's leftover pass, tests
from hfmigrate.scan.python_jobs import parse_python, parse_queue
from hfmigrate.scan.rule_findings import python_text_rule_findings
from hfmigrate.scan.text import text_findings
from hfmigrate.scan.text_references import text_references
from hfmigrate.sources import (
    Ok,
    ReadOutcome,
    SourceText,
    TooLarge,
    Undecodable,
    decode_bytes,
    read_source,
)


def scan_paths(paths: list[Path], settings: Settings | None = None, progress: Progress = NO_PROGRESS) -> ScanResult:
    """Scan files and folders. Raises InputError when nothing at all could be read."""
    return scan_outcome(paths, settings, progress).result


def scan_outcome(
    paths: list[Path],
    settings: Settings | None = None,
    progress: Progress = NO_PROGRESS,
    *,
    references_only: bool = False,
) -> ScanOutcome:
    """Findings and model references; ``references_only`` skips what only findings need (pins, suppressions)."""
    settings = settings or Settings()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise InputError(f"{path}: no such file or directory")
    outcome, tree = ScanOutcome(ScanResult()), ScanTree()
    progress.phase("finding files")
    sources = list(walk(paths, settings, outcome.result.diagnostics))  # listed first: the display shows N of total
    progress.phase("reading", len(sources))
    parse_jobs = parse_queue(len(sources))
    try:
        _read_all(sources, settings, outcome, tree, parse_jobs, progress)
        progress.phase("parsing", len(parse_jobs))
        parse_python(parse_jobs, outcome, tree, progress)
    finally:
        if isinstance(parse_jobs, JobStream):
            parse_jobs.close()  # at once on Ctrl-C (after the results, nothing is left to stop)
    if not references_only:
        outcome.result.findings.extend(_dependency_findings(tree))
        outcome.result.findings = finalise(outcome.result.findings, settings, tree)
    outcome.result.files_skipped = sum(
        1
        for d in outcome.result.diagnostics
        if d.kind is DiagnosticKind.SKIPPED and not d.path.endswith("/")  # folders are not files
    )
    if outcome.result.files_scanned == 0 and not _only_skipped_files_given(paths, outcome.result.diagnostics):
        raise InputError(_nothing_read(paths, outcome.result.diagnostics))
    outcome.references.sort(key=lambda r: (r.path, r.line))
    return outcome


def _read_all(
    sources: list[SourceFile],
    settings: Settings,
    outcome: ScanOutcome,
    tree: ScanTree,
    parse_jobs: list | JobStream,
    progress: Progress,
) -> None:
    for source in sources:
        failed = guarded(_scan_file, source, settings, outcome, tree, parse_jobs, retry_deep=False)
        if isinstance(failed, JobFailed):
            outcome.result.diagnostics.append(
                Diagnostic(source.display, DiagnosticKind.ERROR, failed.describe(source.display))
            )
        progress.advance()


def _only_skipped_files_given(paths: list[Path], diagnostics: list[Diagnostic]) -> bool:
    """Files named one by one (pre-commit) and all skipped on purpose (excluded, binary): a clean run, not an error."""
    return (
        bool(diagnostics)
        and all(p.is_file() for p in paths)
        and all(d.kind is DiagnosticKind.SKIPPED for d in diagnostics)
    )


def _nothing_read(paths: list[Path], diagnostics: list[Diagnostic]) -> str:
    errors = [d for d in diagnostics if d.kind is DiagnosticKind.ERROR]
    if errors:
        return f"nothing could be read: {errors[0]}"
    shown = ", ".join(str(p) for p in paths)
    return f"no Python, notebook or text files to scan under {shown} (check the paths, --exclude and .gitignore)"


def scan_contents(files: list[tuple[SourceFile, bytes]], settings: Settings | None = None) -> ScanResult:
    """Scan bytes already in memory (what rewrite is about to write) exactly as ``scan_paths`` reads them from disk.

    Files the pre-filter rejects cannot hold a finding, so callers may pass only those it accepts (and the
    dependency files, which the dependency checks read with the whole tree).
    """
    settings = settings or Settings()
    outcome, tree = ScanOutcome(ScanResult()), ScanTree()
    parse_jobs: list[tuple[str, str]] = []
    for source, data in files:
        decoded = decode_bytes(data, python=source.kind == "python")
        if isinstance(decoded, SourceText):
            _scan_loaded(source, decoded, outcome, tree, parse_jobs)
        else:
            _not_parsed(source, decoded, outcome)
    parse_python(parse_jobs, outcome, tree)
    outcome.result.findings.extend(_dependency_findings(tree))
    outcome.result.findings = finalise(outcome.result.findings, settings, tree)
    return outcome.result


def _scan_file(
    source: SourceFile, settings: Settings, outcome: ScanOutcome, tree: ScanTree, jobs: list | JobStream
) -> None:
    read = read_source(source.path, settings.max_file_size)
    if not isinstance(read, Ok):
        _not_parsed(source, read, outcome)
        return
    judged = prefilter.file_verdict(read.data, source.kind)
    if not (judged.candidate or source.dependency) and _decodes_without_warning(read.data, source.kind):
        outcome.result.files_scanned += 1
        return  # the common case: read once, searched once, never decoded
    loaded = decode_bytes(read.data, python=source.path.suffix in (".py", ".pyi"))
    if not isinstance(loaded, SourceText):
        _not_parsed(source, loaded, outcome)
        return
    _scan_loaded(source, loaded, outcome, tree, jobs, judged)


def _scan_loaded(
    source: SourceFile,
    loaded: SourceText,
    outcome: ScanOutcome,
    tree: ScanTree,
    jobs: list | JobStream,
    judged: prefilter.Verdict | None = None,
) -> None:
    judged = judged or prefilter.file_verdict(loaded.data, source.kind)
    outcome.result.files_scanned += 1
    if loaded.warning:
        outcome.result.diagnostics.append(Diagnostic(source.display, DiagnosticKind.DOWNGRADED, loaded.warning))
    if source.dependency:
        tree.dependency_files.append((source.display, loaded.text))
        tree.texts[(source.display, None)] = loaded.text
    if not judged.candidate:
        return
    tree.texts[(source.display, None)] = loaded.text
    if source.kind == "python":
        _scan_python_file(source, loaded, outcome, jobs, judged.parse)
    elif source.kind == "notebook":
        scan_notebook(source, loaded.text, outcome, tree)
    else:
        found = text_findings(source.display, loaded.text) + universal_findings(source.display, loaded.text)
        recording = recording_kind(source.display, loaded.text)  # reported as HFM108, never edited
        outcome.result.findings.extend([as_recording(f, recording) for f in found] if recording else found)
        outcome.references.extend(text_references(source.display, loaded.text))


def _not_parsed(source: SourceFile, loaded: ReadOutcome, outcome: ScanOutcome) -> None:
    """A file that could not be read is an error; one too large or undecodable is still searched for the host."""
    from hfmigrate.scan.blind import bytes_findings, host_findings

    if isinstance(loaded, (TooLarge, Undecodable)):
        outcome.result.files_scanned += 1
        found = (
            host_findings(source.display, loaded.hits, "over max-file-size")
            if isinstance(loaded, TooLarge)
            else (bytes_findings(source.display, loaded.data, "not decodable"))
        )
        outcome.result.findings.extend(found)
        reason = f"{loaded.reason}; searched for the legacy host only"
    else:
        reason = loaded.reason
    outcome.result.diagnostics.append(Diagnostic(source.display, loaded.kind, reason))


def _decodes_without_warning(data: bytes, kind: str) -> bool:
    """ASCII decodes in every codec a file may declare, so a file that fails the pre-filter need not be decoded
    just to learn it has no encoding problem to report. A Python file naming a codec of its own is decoded."""
    if not data.isascii():
        return False
    second_line_end = data.find(b"\n", data.find(b"\n") + 1)  # PEP 263: the cookie is on line 1 or 2
    return kind != "python" or b"coding" not in (data if second_line_end == -1 else data[:second_line_end])


def _scan_python_file(
    source: SourceFile, loaded: SourceText, outcome: ScanOutcome, jobs: list | JobStream, parse: bool
) -> None:
    outcome.result.findings.extend(universal_findings(source.display, loaded.text))
    # the whole source, parsed or not (a file that does not parse is also read by the text checks: set() in
    # _finalise keeps one of each finding)
    outcome.result.findings.extend(python_text_rule_findings(source.display, loaded.text))
    if parse:
        jobs.append((source.display, loaded.text))


def _dependency_findings(tree: ScanTree) -> list[Finding]:
    from hfmigrate.scan.rule_findings import dependency_rule_findings

    return dependency_rule_findings(tree.dependency_files, frozenset(tree.python_codes))


def line_index(text: str) -> LineIndex:
    return LineIndex(text)
