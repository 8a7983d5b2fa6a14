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

from pathlib import Path

from hfmigrate.config import Settings
from hfmigrate.engine.kinds import AppliedCounts
from hfmigrate.engine.outcomes import RewriteFailure, RewriteOutcome, RewriteSkip, RewriteSuccess
from hfmigrate.findings import Diagnostic, DiagnosticKind
from hfmigrate.pool import JobFailed, guarded, map_jobs
from hfmigrate.progress import NO_PROGRESS, Progress
from hfmigrate.recordings import recording_kind
from hfmigrate.rewrite import prefixes as prefix_pass
from hfmigrate.rewrite.reading import Candidate, decodable, read_files
from hfmigrate.rewrite.remaining import left_for_person
from hfmigrate.rewrite.results import FileRewrite as FileRewrite  # the package's names
from hfmigrate.rewrite.results import RewriteResult
from hfmigrate.scan import prefilter
from hfmigrate.writing import atomic_write, write_problem

MARKER_BYTES = b"hfmigrate: TODO("


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
    files = read_files(paths, settings, result, kinds, progress)
    python = [c for c in files if c.source.kind == "python"]
    parse = [c for c in python if prefilter.needs_python_parse(c.data) or prefilter.has_hard_coded_token(c.data)]
    candidates = decodable(parse, result)
    constants = [] if _one_module(files) else [k for c in candidates for k in _guarded_constants(c)]
    candidates += decodable(_joining_files(python, candidates, constants), result)
    constants = prefix_pass.with_safety(
        constants, [(Path(c.source.display), c.text) for c in candidates if c.source.kind == "python"]
    )
    candidates += decodable(
        [
            c
            for c in files
            if c.source.kind != "python"
            and (c.source.dependency or prefilter.file_verdict(c.data, c.source.kind).candidate)
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


def _apply_tree_fixes(files: list[Candidate], result: RewriteResult, settings: Settings) -> None:
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
            read.source.display,
            fix.path,
            read.data,
            fix.after,
            read.encoding,
            AppliedCounts(fix.applied),
            read.source.kind,
        )
        result.changed.append(change)
        changed[fix.path] = change


def _one_module(files: list[Candidate]) -> bool:
    """One Python module and no notebook: no other file can join its prefix constants, and its own job finds them
    (``rewrite.module``) with the same safety verdict, so the tree-wide pass would only parse it once more."""
    return sum(1 for f in files if f.source.kind == "python") == 1 and not any(
        f.source.kind == "notebook" for f in files
    )


def _guarded_constants(candidate: Candidate) -> list:
    found = guarded(prefix_pass.find_prefix_constants, candidate.source.path, candidate.text)
    return found if not isinstance(found, JobFailed) else []  # the file's own job reports what went wrong


def _joining_files(files: list[Candidate], candidates: list[Candidate], constants) -> list[Candidate]:
    """Files that hold no legacy text but join a legacy prefix constant defined elsewhere."""
    if not constants:
        return []
    import re

    chosen = {id(c) for c in candidates}
    names = sorted({re.escape(constant.name.encode()) for constant in constants})
    # the name as a whole identifier: huggingface_hub's INFERENCE_ENDPOINT is in INFERENCE_ENDPOINTS_ENDPOINT,
    # which sent its 680 KB hf_api.py through the whole rewrite (7 s) for nothing
    uses = re.compile(rb"(?<![\w])(?:" + b"|".join(names) + rb")(?![\w])")
    return [c for c in files if id(c) not in chosen and uses.search(c.data)]


def _importers(python: list[Candidate], candidates: list[Candidate]) -> dict:
    """Names each module's neighbours import from it (a wrapper imported elsewhere keeps its result shape)."""
    from hfmigrate.rules.text_generation_chat import importers

    stems = importers.asking((c.source.path, c.data) for c in candidates if c.source.kind == "python")
    if not stems:
        return {}
    return importers.names_imported_from(((c.source.path, c.data) for c in python), stems)


def _crashed(job: tuple) -> RewriteFailure:
    return RewriteFailure(Diagnostic(job[1], DiagnosticKind.ERROR, "the parser crashed on this file; not rewritten"))


def _rewrite_one(candidate: Candidate, settings: Settings, constants, catalog=None) -> RewriteOutcome:
    """Notebooks and text files, in this process (Python modules go through the worker pool)."""
    source = candidate.source
    if source.kind == "notebook":
        from hfmigrate.rewrite.notebook import rewrite_notebook

        return rewrite_notebook(candidate.data, source.display, settings, constants, catalog)
    if recording_kind(source.display, candidate.text):
        return RewriteSkip()  # a recording is re-recorded, never edited: scan reports it (HFM108), the summary lists it
    from hfmigrate.rewrite.text import rewrite_text

    return rewrite_text(candidate.data, source.display, settings, candidate.encoding, catalog)


def _record(candidate: Candidate, outcome: RewriteOutcome | JobFailed, result: RewriteResult) -> None:
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
