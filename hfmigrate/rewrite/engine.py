"""The rewrite engine: pre-filter, parse, plan, apply, verify, write atomically.

1. Walk the paths; read each Python file once. A byte pre-filter picks the files that can need a change.
2. First pass (``ast``): constants that hold the legacy host or a prefix, so joins in other modules are known.
   Files that mention one of those constant names become candidates too.
3. Per candidate (in worker processes when there are many): see :mod:`hfmigrate.rewrite.module`: only the
   relevant statements are parsed with libcst, planned, applied and spliced back into the untouched text.
4. The new bytes must parse again (``compile``) or the file is abandoned with an error.
5. Written atomically (temp file in the same folder, then rename), keeping the file mode.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hfmigrate.config import Settings
from hfmigrate.errors import InputError
from hfmigrate.files import SourceFile, walk
from hfmigrate.findings import Diagnostic
from hfmigrate.pool import map_jobs
from hfmigrate.progress import NO_PROGRESS, Progress
from hfmigrate.rewrite import prefixes as prefix_pass
from hfmigrate.scan import prefilter
from hfmigrate.sources import SourceText, decode_bytes, read_source

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
        before = self.before.decode(self.encoding, errors="replace").splitlines(keepends=True)
        after = self.after.decode(self.encoding, errors="replace").splitlines(keepends=True)
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

    def changed_by_kind(self) -> Counter:
        return Counter(change.kind for change in self.changed)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.kind == "error"]

    def exit_code(self, pending: bool) -> int:
        """2 when a file could not be rewritten; 1 for changes pending (--diff/--check) or markers left; else 0."""
        if self.errors:
            return 2
        return 1 if (pending and self.changed) or self.markers_remaining else 0

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
    _decoded: SourceText | None = None

    @property
    def decoded(self) -> SourceText:
        if self._decoded is None:
            self._decoded = decode_bytes(self.data, python=self.source.kind == "python")
        return self._decoded

    @property
    def text(self) -> str:
        return self.decoded.text

    @property
    def encoding(self) -> str:
        return self.decoded.encoding


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
    candidates = [c for c in python if prefilter.needs_python_parse(c.data)]
    constants = [k for c in candidates for k in prefix_pass.find_prefix_constants(c.source.path, c.text)]
    candidates += _joining_files(python, candidates, constants)
    constants = prefix_pass.with_safety(constants, [(c.source.path, c.text) for c in candidates if c.source.kind == "python"])
    candidates += [
        c for c in files if c.source.kind != "python" and (c.source.dependency or prefilter.may_have_findings(c.data))
    ]
    if callable(catalog):  # rewrite.resolve.CallSiteLookup: ask about the models of the candidates only
        catalog = catalog([c.source.path for c in candidates])
    python_jobs = [(c.data, c.source.display, settings, constants, catalog, c.text) for c in candidates if c.source.kind == "python"]
    by_display = {c.source.display: c for c in candidates}
    from hfmigrate.rewrite.module import rewrite_source  # here: libcst is imported only when there is work

    progress.phase("rewriting", len(candidates))
    with closing(map_jobs(rewrite_source, python_jobs, on_crash=_crashed)) as outcomes:  # closed at once on Ctrl-C
        for job, outcome in outcomes:
            _record(by_display[job[1]], outcome, result)
            progress.advance()
    for candidate in candidates:
        if candidate.source.kind != "python":
            _rewrite_one(candidate, settings, constants, result, catalog)
            progress.advance()
    result.unchanged = result.examined - len(result.changed) - result.not_rewritten
    after = {change.display: change.after for change in result.changed}
    result.markers_remaining = sum(after.get(f.source.display, f.data).count(MARKER_BYTES) for f in files)
    if write:
        progress.phase("writing", len(result.changed))
        for change in list(result.changed):
            _write_change(change, result, progress)
            progress.advance()
    return result


def _read_files(
    paths: list[Path], settings: Settings, result: RewriteResult, kinds: frozenset[str], progress: Progress = NO_PROGRESS
) -> list[_Candidate]:
    files = []
    progress.phase("finding files")
    sources = [source for source in walk(paths, settings, result.diagnostics) if source.kind in kinds]
    progress.phase("reading", len(sources))  # listed first: the display shows N of total
    for source in sources:
        progress.advance()
        data = read_source(source.path, settings.max_file_size)
        if isinstance(data, str):
            kind = "skipped" if data.startswith(("binary", "larger", "not a regular")) else "error"  # as scan does
            result.diagnostics.append(Diagnostic(source.display, kind, data))
            continue
        result.examined += 1
        result.examined_by_kind[source.kind] += 1
        files.append(_Candidate(source, data))
    if result.examined == 0 and not any(d.kind == "skipped" for d in result.diagnostics):
        errors = [d for d in result.diagnostics if d.kind == "error"]
        shown = ", ".join(str(p) for p in paths)
        raise InputError(f"{errors[0].path}: {errors[0].reason}" if errors else f"no files to rewrite under {shown}")
    return files


def _joining_files(files: list[_Candidate], candidates: list[_Candidate], constants) -> list[_Candidate]:
    """Files that hold no legacy text but join a legacy prefix constant defined elsewhere."""
    if not constants:
        return []
    chosen = {id(c) for c in candidates}
    needles = {constant.name.encode() for constant in constants}
    return [c for c in files if id(c) not in chosen and any(needle in c.data for needle in needles)]


def _crashed(job: tuple) -> Diagnostic:
    return Diagnostic(job[1], "error", "the parser crashed on this file; not rewritten")


def _rewrite_one(candidate: _Candidate, settings: Settings, constants, result: RewriteResult, catalog) -> None:
    """Notebooks and text files, in this process (Python modules go through the worker pool)."""
    source = candidate.source
    if source.kind == "notebook":
        from hfmigrate.rewrite.notebook import rewrite_notebook

        outcome = rewrite_notebook(candidate.data, source.display, settings, constants, catalog)
    else:
        from hfmigrate.rewrite.text import rewrite_text

        outcome = rewrite_text(candidate.data, source.display, settings, candidate.encoding, catalog)
    _record(candidate, outcome, result)


def _record(candidate: _Candidate, outcome, result: RewriteResult) -> None:
    source = candidate.source
    if isinstance(outcome, Diagnostic):
        result.diagnostics.append(outcome)
        result.not_rewritten += 1
    elif outcome is not None:
        after, applied, encoding = outcome[:3]
        change = FileRewrite(source.display, source.path, candidate.data, after, encoding, applied, source.kind)
        change.diff_text = outcome[3] if len(outcome) > 3 else None
        if len(outcome) > 4:
            result.diagnostics.extend(outcome[4])  # notebook cells that did not parse, beside the cells that changed
        result.changed.append(change)


def _write_change(change: FileRewrite, result: RewriteResult, progress: Progress = NO_PROGRESS) -> None:
    from hfmigrate.interrupts import deferred

    try:
        with deferred():  # a Ctrl-C waits for the rename and its record: never a file changed but not reported
            atomic_write(change.path, change.after)
            progress.wrote(change.display)
    except OSError as error:
        result.diagnostics.append(Diagnostic(change.display, "error", f"cannot write: {error.strerror or error}"))
        result.changed.remove(change)  # the summary counts only what was written
        result.not_rewritten += 1


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` through a temp file in the same folder and a rename; the file mode is kept."""
    target = path.resolve()
    mode = stat.S_IMODE(target.stat().st_mode)
    descriptor, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".hfmigrate")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
        raise
