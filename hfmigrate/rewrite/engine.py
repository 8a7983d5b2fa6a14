"""The rewrite engine: pre-filter, parse, plan, apply, verify, write atomically.

1. Walk the paths; read each Python file once. A byte pre-filter picks the files that can need a change.
2. First pass (``ast``): constants that hold the legacy host or a prefix, so joins in other modules are known.
   Files that mention one of those constant names become candidates too.
3. Per candidate (in worker processes when there are many): see :mod:`hfmigrate.rewrite.module`: only the
   relevant statements are parsed with libcst, planned, applied and spliced back into the untouched text.
4. The new bytes must parse again (``compile``) or the file is abandoned with an error.
5. Written atomically (:mod:`hfmigrate.writing`), keeping the file mode. Every per-file step is guarded: a file
   that fails costs one line, and the other files are still rewritten.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hfmigrate.config import Settings
from hfmigrate.engine.outcomes import RewriteFailure, RewriteOutcome, RewriteSkip, RewriteSuccess
from hfmigrate.errors import InputError
from hfmigrate.files import SourceFile, walk
from hfmigrate.findings import Diagnostic, DiagnosticKind, Finding
from hfmigrate.lines import split_lines
from hfmigrate.pool import JobFailed, guarded, map_jobs
from hfmigrate.progress import NO_PROGRESS, Progress
from hfmigrate.rawsearch import find_host
from hfmigrate.recordings import recording_kind
from hfmigrate.rewrite import prefixes as prefix_pass
from hfmigrate.rewrite.remaining import left_for_person
from hfmigrate.scan import prefilter
from hfmigrate.sources import Ok, ReadOutcome, SourceText, TooLarge, Undecodable, decode_bytes, read_source
from hfmigrate.writing import atomic_write, write_problem

MARKER_BYTES = b"hfmigrate: TODO("


@dataclass
class FileRewrite:
    display: str
    path: Path
    before: bytes
    after: bytes
    encoding: str
    applied: Counter = field(default_factory=Counter)  # rule code (or "marker:CODE") → count
    kind: str = "python"
    diff_text: str | None = None  # a kind-specific diff (notebooks show cell numbers)

    @property
    def markers(self) -> int:
        return sum(n for code, n in self.applied.items() if code.startswith("marker:"))

    def diff(self) -> str:
        if self.diff_text is not None:
            return self.diff_text
        before = split_lines(self.before.decode(self.encoding, errors="replace"), keepends=True)
        after = split_lines(self.after.decode(self.encoding, errors="replace"), keepends=True)
        lines = difflib.unified_diff(before, after, f"a/{self.display}", f"b/{self.display}")
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


@dataclass
class RewriteResult:
    examined: int = 0
    changed: list[FileRewrite] = field(default_factory=list)
    unchanged: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: bool = False
    markers_remaining: int = 0  # markers in the examined files after this run (new and old)
    examined_by_kind: Counter = field(default_factory=Counter)
    not_rewritten: int = 0  # read, but skipped or abandoned by the rewrite itself
    models: object | None = None  # hfmigrate.rewrite.resolve.CallSiteModels: what was known about call-site models
    left_for_person: list[Finding] = field(default_factory=list)  # what scan still reports that no marker is

    def changed_by_kind(self) -> Counter:
        return Counter(change.kind for change in self.changed)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.kind is DiagnosticKind.ERROR]

    def exit_code(self, pending: bool) -> int:
        """2 when a file could not be rewritten; 1 for changes pending (--diff/--check), markers or findings left."""
        if self.errors:
            return 2
        return 1 if (pending and self.changed) or self.markers_remaining or self.left_for_person else 0

    def counts(self) -> Counter:
        total: Counter = Counter()
        for change in self.changed:
            total.update(change.applied)
        return total

    @property
    def markers(self) -> int:
        return sum(change.markers for change in self.changed)


@dataclass(eq=False)  # compared by identity: equality would compare whole file contents
class _Candidate:
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


def rewrite_paths(
    paths: list[Path],
    settings: Settings | None = None,
    *,
    write: bool = True,
    catalog=None,
    kinds: frozenset[str] = frozenset({"python", "notebook", "text"}),
    progress: Progress = NO_PROGRESS,
) -> RewriteResult:
    """Rewrite files under ``paths``; with ``write=False`` only compute the changes. ``kinds`` picks file kinds.

    ``progress`` hears of each phase and file, and of each file written (see :mod:`hfmigrate.progress`)."""
    from contextlib import closing

    settings = settings or Settings()
    result = RewriteResult(written=write)
    files = _read_files(paths, settings, result, kinds, progress)
    python = [c for c in files if c.source.kind == "python"]
    parse = [c for c in python if prefilter.needs_python_parse(c.data) or prefilter.has_hard_coded_token(c.data)]
    candidates = _decodable(parse, result)
    constants = [] if _one_module(files) else [k for c in candidates for k in _guarded_constants(c)]
    candidates += _decodable(_joining_files(python, candidates, constants), result)
    constants = prefix_pass.with_safety(
        constants, [(Path(c.source.display), c.text) for c in candidates if c.source.kind == "python"]
    )
    candidates += _decodable(
        [
            c
            for c in files
            if c.source.kind != "python" and (c.source.dependency or prefilter.may_have_findings(c.data))
        ],
        result,
    )
    if callable(catalog):  # rewrite.resolve.CallSiteLookup: ask about the models of the candidates only
        catalog = catalog([c.source.path for c in candidates])
    importers = _importers(python, candidates)
    python_jobs = [
        (c.data, c.source.display, settings, constants, catalog, c.text, importers)
        for c in candidates
        if c.source.kind == "python"
    ]
    by_display = {c.source.display: c for c in candidates}
    from hfmigrate.rewrite.module import ModuleRewrite, rewrite_module  # here: libcst is imported only if needed

    progress.phase("rewriting", len(candidates))
    settled: set[str] = set()  # modules whose own leftover scan found only markers: not scanned again
    crashed = lambda job: ModuleRewrite(_crashed(job), False)  # noqa: E731
    with closing(map_jobs(rewrite_module, python_jobs, on_crash=crashed)) as outcomes:  # closed at once on Ctrl-C
        for job, checked in outcomes:
            if not isinstance(checked, ModuleRewrite):  # a JobFailed: the job raised
                _record(by_display[job[1]], checked, result)
            else:
                _record(by_display[job[1]], checked.outcome, result)
                if checked.settled:
                    settled.add(job[1])
            progress.advance()
    for candidate in candidates:
        if candidate.source.kind != "python":
            _record(candidate, guarded(_rewrite_one, candidate, settings, constants, catalog), result)
            progress.advance()
    _apply_tree_fixes(files, result, settings)
    result.unchanged = result.examined - len(result.changed) - result.not_rewritten
    after = {change.display: change.after for change in result.changed}
    result.markers_remaining = sum(after.get(f.source.display, f.data).count(MARKER_BYTES) for f in files)
    result.left_for_person = left_for_person(files, candidates, after, settings, settled)
    if write:
        progress.phase("writing", len(result.changed))
        for change in list(result.changed):
            _write_change(change, result, progress)
            progress.advance()
    return result


def _apply_tree_fixes(files: list[_Candidate], result: RewriteResult, settings: Settings) -> None:
    """The families' tree fixes (the requirement a LangChain migration needs: HFM404), over every file as read and
    as the per-file pass leaves it (:mod:`hfmigrate.engine.tree`)."""
    from hfmigrate.engine.tree import RewrittenFile, RewrittenTree
    from hfmigrate.rewrite.rule_fixes import tree_changes

    changed = {change.path: change for change in result.changed}
    tree = RewrittenTree(
        tuple(
            RewrittenFile(
                f.source.path,
                f.source.display,
                f.source.kind,
                f.source.dependency,
                f.data,
                changed[f.source.path].after if f.source.path in changed else f.data,
                changed[f.source.path].encoding if f.source.path in changed else "utf-8",
            )
            for f in files
        ),
        settings.is_enabled,
    )
    for fix in tree_changes(tree, settings):
        if fix.path in changed:
            changed[fix.path].after = fix.after
            changed[fix.path].diff_text = None
            changed[fix.path].applied.update(fix.applied)
            continue
        read = next(f for f in files if f.source.path == fix.path)
        change = FileRewrite(
            read.source.display, fix.path, read.data, fix.after, read.encoding, Counter(fix.applied), read.source.kind
        )
        result.changed.append(change)
        changed[fix.path] = change


def _read_files(
    paths: list[Path],
    settings: Settings,
    result: RewriteResult,
    kinds: frozenset[str],
    progress: Progress = NO_PROGRESS,
) -> list[_Candidate]:
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
        files.append(_Candidate(source, outcome.data))
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


def _decodable(candidates: list[_Candidate], result: RewriteResult) -> list[_Candidate]:
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


def _one_module(files: list[_Candidate]) -> bool:
    """One Python module and no notebook: no other file can join its prefix constants, and its own job finds them
    (``rewrite.module``) with the same safety verdict, so the tree-wide pass would only parse it once more."""
    return sum(1 for f in files if f.source.kind == "python") == 1 and not any(
        f.source.kind == "notebook" for f in files
    )


def _guarded_constants(candidate: _Candidate) -> list:
    found = guarded(prefix_pass.find_prefix_constants, candidate.source.path, candidate.text)
    return found if not isinstance(found, JobFailed) else []  # the file's own job reports what went wrong


def _joining_files(files: list[_Candidate], candidates: list[_Candidate], constants) -> list[_Candidate]:
    """Files that hold no legacy text but join a legacy prefix constant defined elsewhere."""
    if not constants:
        return []
    chosen = {id(c) for c in candidates}
    needles = {constant.name.encode() for constant in constants}
    return [c for c in files if id(c) not in chosen and any(needle in c.data for needle in needles)]


def _importers(python: list[_Candidate], candidates: list[_Candidate]) -> dict:
    """Names each module's neighbours import from it (a wrapper imported elsewhere keeps its result shape)."""
    from hfmigrate.rewrite.chat import importers

    stems = importers.asking((c.source.path, c.data) for c in candidates if c.source.kind == "python")
    if not stems:
        return {}
    return importers.names_imported_from(((c.source.path, c.data) for c in python), stems)


def _crashed(job: tuple) -> RewriteFailure:
    return RewriteFailure(Diagnostic(job[1], DiagnosticKind.ERROR, "the parser crashed on this file; not rewritten"))


def _rewrite_one(candidate: _Candidate, settings: Settings, constants, catalog=None) -> RewriteOutcome:
    """Notebooks and text files, in this process (Python modules go through the worker pool)."""
    source = candidate.source
    if source.kind == "notebook":
        from hfmigrate.rewrite.notebook import rewrite_notebook

        return rewrite_notebook(candidate.data, source.display, settings, constants, catalog)
    if recording_kind(source.display, candidate.text):
        return RewriteSkip()  # a recording is re-recorded, never edited: scan reports it (HFM108), the summary lists it
    from hfmigrate.rewrite.text import rewrite_text

    return rewrite_text(candidate.data, source.display, settings, candidate.encoding, catalog)


def _record(candidate: _Candidate, outcome: RewriteOutcome | JobFailed, result: RewriteResult) -> None:
    source = candidate.source
    if isinstance(outcome, JobFailed):
        reason = outcome.describe(source.display)
        outcome = RewriteFailure(
            Diagnostic(source.display, DiagnosticKind.ERROR, reason if outcome.expected else f"{reason}; not rewritten")
        )
    if isinstance(outcome, RewriteFailure):
        result.diagnostics.append(outcome.diagnostic)
        result.not_rewritten += 1
    elif isinstance(outcome, RewriteSuccess):
        change = FileRewrite(
            source.display, source.path, candidate.data, outcome.after, outcome.encoding, outcome.applied, source.kind
        )
        change.diff_text = outcome.diff_text
        result.diagnostics.extend(
            outcome.diagnostics
        )  # notebook cells that did not parse, beside the cells that changed
        result.changed.append(change)


def _write_change(change: FileRewrite, result: RewriteResult, progress: Progress = NO_PROGRESS) -> None:
    problem = guarded(_write, change, progress, retry_deep=False)
    if problem is None:
        return
    reason = problem.describe(change.display) if isinstance(problem, JobFailed) else problem
    result.diagnostics.append(Diagnostic(change.display, DiagnosticKind.ERROR, reason))
    result.changed.remove(change)  # the summary counts only what was written
    result.not_rewritten += 1


def _write(change: FileRewrite, progress: Progress = NO_PROGRESS) -> str | None:
    """None once written; otherwise why not, and the file is unchanged."""
    from hfmigrate.interrupts import deferred

    try:
        with deferred():  # a Ctrl-C waits for the rename and its record: never a file changed but not reported
            atomic_write(change.path, change.after)
            progress.wrote(change.display)
    except OSError as error:
        return write_problem(error)
    return None
