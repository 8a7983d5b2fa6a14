"""The scan engine: paths in, :class:`~hfmigrate.findings.ScanResult` out.

Each file is read once. A byte pre-filter (``prefilter``) decides whether it can hold a finding; only Python
files that pass it are parsed with libcst, in a process pool once there are more than a few (a libcst crash on
pathological input then costs one worker, not the run). Text files and notebook prose go through the text rules.
Dependency files are checked after the whole tree is read, with what the code reported (:mod:`hfmigrate.engine.tree`).
"""

from __future__ import annotations

import contextlib
import functools
import gc
from dataclasses import dataclass, field, replace
from pathlib import Path

from hfmigrate.config import Settings
from hfmigrate.errors import InputError
from hfmigrate.files import SourceFile, walk
from hfmigrate.findings import Diagnostic, DiagnosticKind, Finding, ScanResult
from hfmigrate.lines import split_lines
from hfmigrate.pool import JobFailed, guarded, map_jobs
from hfmigrate.progress import NO_PROGRESS, Progress
from hfmigrate.recordings import as_recording, recording_kind
from hfmigrate.scan import prefilter
from hfmigrate.scan.common import (
    LineIndex,
    lines_covered_by_marker,
    may_suppress,
    suppressed_on_statement,
    universal_findings,
)
from hfmigrate.scan.references import ModelReference
from hfmigrate.scan.rule_findings import python_text_rule_findings
from hfmigrate.scan.text import hf_inference_llm_findings, text_findings
from hfmigrate.scan.text_references import constant_references, text_references
from hfmigrate.sources import (
    Ok,
    ReadOutcome,
    SourceText,
    TooLarge,
    Undecodable,
    decode_bytes,
    parse_cpython,
    read_source,
    syntax_problem,
)


@dataclass
class ScanOutcome:
    result: ScanResult
    references: list[ModelReference] = field(default_factory=list)


@dataclass
class _Tree:
    """What the whole tree told us, for the rules that span files."""

    python_codes: set[str] = field(default_factory=set)  # what the Python modules reported, for dependency checks
    dependency_files: list[tuple[str, str]] = field(default_factory=list)  # (display path, text)
    texts: dict[tuple[str, int | None], str] = field(default_factory=dict)  # (path, cell) → text, for suppressions


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
    outcome, tree = ScanOutcome(ScanResult()), _Tree()
    parse_jobs: list[tuple[str, str]] = []
    progress.phase("finding files")
    sources = list(walk(paths, settings, outcome.result.diagnostics))  # listed first: the display shows N of total
    progress.phase("reading", len(sources))
    for source in sources:
        failed = guarded(_scan_file, source, settings, outcome, tree, parse_jobs, retry_deep=False)
        if isinstance(failed, JobFailed):
            outcome.result.diagnostics.append(
                Diagnostic(source.display, DiagnosticKind.ERROR, failed.describe(source.display))
            )
        progress.advance()
    progress.phase("parsing", len(parse_jobs))
    _parse_python(parse_jobs, outcome, tree, progress)
    if not references_only:
        outcome.result.findings.extend(_dependency_findings(tree))
        outcome.result.findings = _finalise(outcome.result.findings, settings, tree)
    outcome.result.files_skipped = sum(
        1
        for d in outcome.result.diagnostics
        if d.kind is DiagnosticKind.SKIPPED and not d.path.endswith("/")  # folders are not files
    )
    if outcome.result.files_scanned == 0 and not _only_skipped_files_given(paths, outcome.result.diagnostics):
        raise InputError(_nothing_read(paths, outcome.result.diagnostics))
    outcome.references.sort(key=lambda r: (r.path, r.line))
    return outcome


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
    outcome, tree = ScanOutcome(ScanResult()), _Tree()
    parse_jobs: list[tuple[str, str]] = []
    for source, data in files:
        decoded = decode_bytes(data, python=source.kind == "python")
        if isinstance(decoded, SourceText):
            _scan_loaded(source, decoded, outcome, tree, parse_jobs)
        else:
            _not_parsed(source, decoded, outcome)
    _parse_python(parse_jobs, outcome, tree)
    outcome.result.findings.extend(_dependency_findings(tree))
    outcome.result.findings = _finalise(outcome.result.findings, settings, tree)
    return outcome.result


def _scan_file(source: SourceFile, settings: Settings, outcome: ScanOutcome, tree: _Tree, jobs: list) -> None:
    read = read_source(source.path, settings.max_file_size)
    if not isinstance(read, Ok):
        _not_parsed(source, read, outcome)
        return
    judged = prefilter.verdict(read.data)
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
    tree: _Tree,
    jobs: list,
    judged: prefilter.Verdict | None = None,
) -> None:
    judged = judged or prefilter.verdict(loaded.data)
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
        _scan_notebook(source, loaded.text, outcome, tree)
    else:
        found = (
            text_findings(source.display, loaded.text)
            + hf_inference_llm_findings(source.display, loaded.text)  # code and config only
            + universal_findings(source.display, loaded.text)
        )
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


def _scan_python_file(source: SourceFile, loaded: SourceText, outcome: ScanOutcome, jobs: list, parse: bool) -> None:
    outcome.result.findings.extend(universal_findings(source.display, loaded.text))
    # the whole source, parsed or not (a file that does not parse is also read by the text checks: set() in
    # _finalise keeps one of each finding)
    outcome.result.findings.extend(python_text_rule_findings(source.display, loaded.text))
    if parse:
        jobs.append((source.display, loaded.text))


def _parse_python(
    jobs: list[tuple[str, str]], outcome: ScanOutcome, tree: _Tree, progress: Progress = NO_PROGRESS
) -> None:
    from contextlib import closing

    crashed = "the parser crashed on this file; text rules only"
    with closing(map_jobs(parse_and_scan, jobs, on_crash=lambda job: crashed)) as results:  # closed at once on Ctrl-C
        for (display, text), scanned in results:
            if isinstance(scanned, JobFailed):
                _failed(display, text, scanned, outcome)
            else:
                _absorb(display, text, scanned, outcome, tree)
            progress.advance()


def _failed(display: str, text: str, failed: JobFailed, outcome: ScanOutcome) -> None:
    """The Python rules raised on this file: say so, and fall back to the text rules (the file is still searched)."""
    kind = DiagnosticKind.DOWNGRADED if failed.too_deep else DiagnosticKind.ERROR
    outcome.result.diagnostics.append(Diagnostic(display, kind, f"{failed.describe(display)}; text rules only"))
    outcome.result.findings.extend(f.at(fixable=False) for f in text_findings(display, text))


def parse_and_scan(display: str, text: str):
    """Parse one module and run the Python rules; returns a PythonScan, or a reason string when it does not parse."""
    with _without_cyclic_gc():
        return _parse_and_scan(display, text)


@contextlib.contextmanager
def _without_cyclic_gc():
    """libcst builds hundreds of thousands of acyclic nodes per large module; the cyclic collector traversing them
    again and again cost a fifth of the pass (bench/large_file_bench.py). Reference counting still frees them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _parse_and_scan(display: str, text: str):
    import libcst as cst

    from hfmigrate.scan.python import scan_python

    tree, too_deep = parse_cpython(text)
    if too_deep:
        return "too deeply nested for the parser; text rules only"
    if tree is not None:
        from hfmigrate.scan.pruned import scan_relevant_statements

        pruned = scan_relevant_statements(display, text, tree)
        if pruned is not None:
            return pruned
        del tree  # the ast of a large module is hundreds of MB: let it go before libcst builds its own
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        return f"does not parse ({syntax_problem(text, error.raw_line, error.message)}); text rules only"
    except (RecursionError, MemoryError):
        return "too deeply nested for the parser; text rules only"
    return scan_python(display, module, text)


def _absorb(display: str, text: str, scanned, outcome: ScanOutcome, tree: _Tree) -> None:
    if isinstance(scanned, str):
        outcome.result.diagnostics.append(Diagnostic(display, DiagnosticKind.DOWNGRADED, scanned))
        # rewrite cannot touch a file it cannot parse: nothing found this way is fixable by it
        outcome.result.findings.extend(f.at(fixable=False) for f in text_findings(display, text))
        return
    outcome.result.findings.extend(scanned.findings)
    outcome.references.extend(scanned.references)
    if scanned.findings or scanned.references:  # a module that talks to HF inference: its model constants count
        outcome.references.extend(constant_references(display, text, {r.model for r in scanned.references}))
    tree.python_codes.update(f.code for f in scanned.findings if not f.marker)


def _scan_notebook(source: SourceFile, text: str, outcome: ScanOutcome, tree: _Tree) -> None:
    from hfmigrate.notebooks import load_cells, mask_ipython

    try:
        cells = load_cells(text)
    except ValueError as error:  # the raw JSON text is still searched: the gate never passes on an unread file
        outcome.result.diagnostics.append(
            Diagnostic(source.display, DiagnosticKind.DOWNGRADED, f"{error}; searched as text")
        )
        found = text_findings(source.display, text) + universal_findings(source.display, text)
        outcome.result.findings.extend(f.at(fixable=False) for f in found)
        return
    for cell in cells:
        if not cell.source:
            continue
        tree.texts[(source.display, cell.number)] = cell.source
        found = universal_findings(source.display, cell.source)
        if cell.cell_type == "code":
            found += _notebook_code_cell(source.display, cell, mask_ipython(cell.source), outcome)
        else:
            found += text_findings(source.display, cell.source)
        outcome.result.findings.extend(finding.at(cell=cell.number) for finding in found)


def _notebook_code_cell(display: str, cell, masked, outcome: ScanOutcome) -> list[Finding]:
    lines = split_lines(cell.source, keepends=True)
    shell_only = "".join(line if i in masked.masked_lines else "\n" for i, line in enumerate(lines))
    found = _ipython_text_findings(display, lines, masked)
    outcome.references.extend(
        replace(r, path=f"{display}:cell {cell.number}") for r in text_references(display, shell_only)
    )
    if masked.python is None:
        return found
    found += python_text_rule_findings(display, masked.python)  # (magic lines are ``pass`` there: same positions)
    scanned = guarded(parse_and_scan, display, masked.python)
    if isinstance(scanned, JobFailed):
        kind, scanned = (
            DiagnosticKind.DOWNGRADED if scanned.too_deep else DiagnosticKind.ERROR,
            f"{scanned.describe(display)}; text rules only",
        )
    else:
        kind = DiagnosticKind.DOWNGRADED
    if isinstance(scanned, str):
        outcome.result.diagnostics.append(Diagnostic(f"{display}:cell {cell.number}", kind, scanned))
        python_only = "".join("\n" if i in masked.masked_lines else line for i, line in enumerate(lines))
        # rewrite leaves a cell that does not parse alone: nothing found this way is fixable by it
        return found + [f.at(fixable=False) for f in text_findings(display, python_only)]
    where = f"{display}:cell {cell.number}"
    outcome.references.extend(replace(r, path=where) for r in scanned.references)
    known = {r.model for r in outcome.references if r.path.startswith(f"{display}:cell ")}
    outcome.references.extend(constant_references(where, cell.source, known))  # a later cell may join it
    return found + scanned.findings


def _ipython_text_findings(display: str, lines: list[str], masked) -> list[Finding]:
    """The text rules on a cell's non-Python lines, each read in the format rewrite edits it in (shell, js, prose)."""
    from hfmigrate.notebooks import ipython_text_format

    first = lines[0] if lines else ""
    formats = {
        index: ipython_text_format(first, None if masked.python is None else lines[index])
        for index in masked.masked_lines
    }
    found: list[Finding] = []
    for name in sorted(set(formats.values())):
        text = "".join(line if formats.get(i) == name else "\n" for i, line in enumerate(lines))
        found += text_findings(display, text, dialect=name)
    return found


def _dependency_findings(tree: _Tree) -> list[Finding]:
    from hfmigrate.scan.rule_findings import dependency_rule_findings

    return dependency_rule_findings(tree.dependency_files, frozenset(tree.python_codes))


def _finalise(findings: list[Finding], settings: Settings, tree: _Tree) -> list[Finding]:
    kept = [f for f in findings if settings.is_enabled(f.code, f.path) and not _suppressed(f, tree)]
    kept = _drop_covered_by_markers(kept, tree)
    return sorted(set(kept), key=lambda f: (f.path, f.cell or 0, f.line, f.column, f.code))


def _suppressed(finding: Finding, tree: _Tree) -> bool:
    text = tree.texts.get((finding.path, finding.cell))
    if text is None:
        return False
    if not _may_suppress(text):
        return False
    python = finding.cell is None and finding.path.endswith((".py", ".pyi"))
    return suppressed_on_statement(finding, _lines(text), _python_tree(text) if python else None)


@functools.lru_cache(maxsize=64)
def _python_tree(text: str):
    return parse_cpython(text)[0]


# per text, not per finding: 10,000 findings in one file must not split it 10,000 times
_may_suppress = functools.lru_cache(maxsize=64)(may_suppress)


@functools.lru_cache(maxsize=64)
def _lines(text: str) -> list[str]:
    return split_lines(text)


def _drop_covered_by_markers(findings: list[Finding], tree: _Tree) -> list[Finding]:
    """A marker left by rewrite stands for the finding in the statement right below it: report it once."""
    covered: set[tuple[str, int | None, str, int]] = set()
    for marker in (f for f in findings if f.marker):
        lines = _lines(tree.texts.get((marker.path, marker.cell)) or "")
        for number in lines_covered_by_marker(marker.line, lines):
            covered.add((marker.path, marker.cell, marker.code, number))
    return [f for f in findings if f.marker or (f.path, f.cell, f.code, f.line) not in covered]


def line_index(text: str) -> LineIndex:
    return LineIndex(text)
