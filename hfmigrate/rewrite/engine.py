"""The rewrite engine: pre-filter, parse, plan, apply, verify, write atomically.

1. Walk the paths; read each Python file once. A byte pre-filter picks the files that can need a change.
2. First pass (``ast``): constants that hold the legacy host or a prefix, so joins in other modules are known.
   Files that mention one of those constant names become candidates too.
3. Per candidate: parse the bytes with libcst (encoding cookie and BOM included) and refuse files that do not
   round-trip exactly. Every rule plans its edits; one transformation applies them.
4. The new bytes must parse again (libcst and ``compile``) or the file is abandoned with an error.
5. Written atomically (temp file in the same folder, then rename), keeping the file mode.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hfmigrate.config import Settings
from hfmigrate.errors import InputError, RewriteError
from hfmigrate.files import SourceFile, walk
from hfmigrate.findings import Diagnostic
from hfmigrate.rewrite import prefixes as prefix_pass
from hfmigrate.scan import prefilter
from hfmigrate.sources import decode_source, syntax_problem

MARKER_BYTES = b"hfmigrate: TODO("
_IGNORE = re.compile(r"hfmigrate:\s*ignore(?:\[(?P<codes>[A-Z0-9,\s]+)\])?", re.IGNORECASE)


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

    def changed_by_kind(self) -> Counter:
        return Counter(change.kind for change in self.changed)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.kind == "error"]

    def counts(self) -> Counter:
        total: Counter = Counter()
        for change in self.changed:
            total.update(change.applied)
        return total

    @property
    def markers(self) -> int:
        return sum(change.markers for change in self.changed)


@dataclass
class _Candidate:
    source: SourceFile
    data: bytes
    text: str
    encoding: str = "utf-8"


def rewrite_paths(
    paths: list[Path],
    settings: Settings | None = None,
    *,
    write: bool = True,
    catalog=None,
    kinds: frozenset[str] = frozenset({"python", "notebook", "text"}),
) -> RewriteResult:
    """Rewrite files under ``paths``; with ``write=False`` only compute the changes. ``kinds`` picks file kinds."""
    settings = settings or Settings()
    result = RewriteResult(written=write)
    files = _read_files(paths, settings, result, kinds)
    python = [c for c in files if c.source.kind == "python"]
    candidates = [c for c in python if prefilter.needs_python_parse(c.data)]
    constants = [k for c in candidates for k in prefix_pass.find_prefix_constants(c.source.path, c.text)]
    candidates += _joining_files(python, candidates, constants)
    candidates += [
        c for c in files if c.source.kind != "python" and (c.source.dependency or prefilter.may_have_findings(c.data))
    ]
    for candidate in candidates:
        _rewrite_one(candidate, settings, constants, result, catalog)
    result.unchanged = result.examined - len(result.changed) - result.not_rewritten
    after = {change.display: change.after for change in result.changed}
    result.markers_remaining = sum(after.get(f.source.display, f.data).count(MARKER_BYTES) for f in files)
    if write:
        for change in result.changed:
            _write_change(change, result)
    return result


def _read_files(paths: list[Path], settings: Settings, result: RewriteResult, kinds: frozenset[str]) -> list[_Candidate]:
    files = []
    for source in walk(paths, settings, result.diagnostics):
        if source.kind not in kinds:
            continue
        loaded = decode_source(source.path, settings.max_file_size)
        if isinstance(loaded, str):
            result.diagnostics.append(Diagnostic(source.display, "skipped", loaded))
            continue
        result.examined += 1
        result.examined_by_kind[source.kind] += 1
        files.append(_Candidate(source, loaded.data, loaded.text, loaded.encoding))
    if result.examined == 0 and not any(d.kind == "skipped" for d in result.diagnostics):
        errors = [d for d in result.diagnostics if d.kind == "error"]
        shown = ", ".join(str(p) for p in paths)
        raise InputError(f"nothing could be read: {errors[0]}" if errors else f"no files to rewrite under {shown}")
    return files


def _joining_files(files: list[_Candidate], candidates: list[_Candidate], constants) -> list[_Candidate]:
    """Files that hold no legacy text but join a legacy prefix constant defined elsewhere."""
    if not constants:
        return []
    chosen = {id(c) for c in candidates}
    needles = {constant.name.encode() for constant in constants}
    return [c for c in files if id(c) not in chosen and any(needle in c.data for needle in needles)]


def _rewrite_one(candidate: _Candidate, settings: Settings, constants, result: RewriteResult, catalog) -> None:
    source = candidate.source
    if source.kind == "notebook":
        from hfmigrate.rewrite.notebook import rewrite_notebook

        outcome = rewrite_notebook(candidate.data, source.display, settings, constants)
    elif source.kind == "text":
        from hfmigrate.rewrite.text import rewrite_text

        outcome = rewrite_text(candidate.data, source.display, settings, candidate.encoding)
    else:
        outcome = rewrite_source(candidate.data, source.display, settings, constants, catalog, candidate.text)
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


def rewrite_source(data: bytes, display: str, settings: Settings, constants=(), catalog=None, text: str | None = None):
    """New bytes for one module: (bytes, applied counts, encoding), None when nothing changes, or a Diagnostic."""
    import libcst as cst

    from hfmigrate.rewrite.apply import apply_plan
    from hfmigrate.rewrite.context import ModuleContext, collect
    from hfmigrate.rewrite.rules import RULES

    try:
        module = cst.parse_module(data)
    except cst.ParserSyntaxError as error:
        return Diagnostic(display, "skipped", f"does not parse ({syntax_problem(data, error.raw_line, error.message)})")
    except (RecursionError, MemoryError):
        return Diagnostic(display, "skipped", "too deeply nested for the parser")
    if module.bytes != data:
        return Diagnostic(display, "skipped", "libcst does not reproduce this file byte for byte; not rewritten")
    source_text = text if text is not None else data.decode(module.encoding, errors="replace")
    own_prefixes = prefix_pass.prefixes_for_module(prefix_pass.from_imports(source_text), list(constants), Path(display).stem)
    context = ModuleContext(
        module, display, dict(settings.models), own_prefixes, verdicts=catalog or {},
        enabled=lambda code: settings.is_enabled(code, display),
    )
    collect(context)
    for rule in RULES:
        if any(settings.is_enabled(code, display) for code in rule.CODES):
            rule.plan(context)
    _drop_suppressed(context)
    try:
        new_module = apply_plan(context)
    except RewriteError as error:
        return Diagnostic(display, "error", f"rewrite abandoned: {error}")
    after = new_module.bytes
    if after == data:
        return None
    problem = _verify(after, display)
    if problem:
        return Diagnostic(display, "error", f"rewrite abandoned, the result would not parse: {problem}")
    return after, context.applied, module.encoding


def _drop_suppressed(context) -> None:
    """Honour ``# hfmigrate: ignore[...]`` on the statement, and per-file ignores, for planned edits."""
    for table in (context.replacements, context.markers):
        for node_id in list(table):
            if _statement_ignores(context, node_id):
                del table[node_id]
    for node_id in list(context.removals):
        if _statement_ignores(context, node_id):
            context.removals.discard(node_id)


def _statement_ignores(context, node_id: int) -> bool:
    node = context.node_by_id(node_id)
    statement = context.statement_of(node) if node is not None else None
    if statement is None:
        return False
    import libcst as cst

    code = context.code(statement)
    if not isinstance(statement, cst.SimpleStatementLine):
        code = code.split("\n", 1)[0]
    return bool(_IGNORE.search(code))


def _verify(after: bytes, display: str) -> str | None:
    import libcst as cst

    try:
        cst.parse_module(after)
        compile(after, display, "exec", dont_inherit=True)
    except cst.ParserSyntaxError as error:
        return f"line {error.raw_line}: {error.message.splitlines()[0]}"
    except (SyntaxError, ValueError) as error:
        return str(error)
    return None


def _write_change(change: FileRewrite, result: RewriteResult) -> None:
    try:
        atomic_write(change.path, change.after)
    except OSError as error:
        result.diagnostics.append(Diagnostic(change.display, "error", f"cannot write: {error.strerror or error}"))


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
