"""The Python half of a scan: each module that needs the Python rules is parsed (in the pool) and checked.

A module that does not parse, or crashes the parser, still gets the text rules, and nothing found that way is
fixable (rewrite cannot touch a file it cannot parse).
"""

from __future__ import annotations

import os

from hfmigrate.findings import Diagnostic, DiagnosticKind
from hfmigrate.pool import JobFailed, JobStream, map_jobs
from hfmigrate.progress import NO_PROGRESS, Progress
from hfmigrate.scan.outcome import ScanOutcome, ScanTree
from hfmigrate.scan.text import text_findings
from hfmigrate.scan.text_references import constant_references
from hfmigrate.sources import parse_cpython, syntax_problem, without_cyclic_gc

STREAM_FROM_FILES = 100  # a tree this large is walked long enough for the workers to start meanwhile
_CRASHED = "the parser crashed on this file; text rules only"


def parse_queue(files: int) -> list[tuple[str, str]] | JobStream:
    """Where the walk puts the modules to parse: for a large tree (on more than one core), straight into worker
    processes, which import libcst (200 ms) and parse while the walk goes on, instead of after it."""
    if files < STREAM_FROM_FILES or (os.cpu_count() or 1) < 2:
        return []
    return JobStream(parse_and_scan, on_crash=lambda job: _CRASHED)


def parse_python(
    jobs: list[tuple[str, str]] | JobStream, outcome: ScanOutcome, tree: ScanTree, progress: Progress = NO_PROGRESS
) -> None:
    from contextlib import closing

    found = jobs.results() if isinstance(jobs, JobStream) else map_jobs(parse_and_scan, jobs, lambda job: _CRASHED)
    with closing(found) as results:  # closed at once on Ctrl-C
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


def parse_and_scan(display: str, text: str, *, ast_first: bool = True):
    """Parse one module and run the Python rules; returns a PythonScan, or a reason string when it does not parse.
    ``ast_first``: a module of plain URL literals is scanned from ast alone (:mod:`hfmigrate.scan.plain_urls`);
    False always runs libcst (the tests compare the two)."""
    with without_cyclic_gc():  # libcst's nodes are acyclic: the collector only slows the pass
        return _parse_and_scan(display, text, ast_first)


def _parse_and_scan(display: str, text: str, ast_first: bool):
    tree, too_deep = parse_cpython(text)
    if too_deep:
        return "too deeply nested for the parser; text rules only"
    if tree is not None and ast_first:
        from hfmigrate.scan.plain_urls import plain_url_scan  # here: a scan with nothing to parse never needs it

        plain = plain_url_scan(display, text, tree)
        if plain is not None:
            return plain  # plain URL literals only: ast said it all, libcst is not even imported
    import libcst as cst

    from hfmigrate.scan.python import scan_python

    statement_lines = None
    if tree is not None:
        from hfmigrate.scan.pruned import scan_relevant_statements

        pruned = scan_relevant_statements(display, text, tree)
        if pruned is not None:
            return pruned
        statement_lines = [statement.lineno for statement in tree.body]  # where each finding's statement starts
        del tree  # the ast of a large module is hundreds of MB: let it go before libcst builds its own
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        return f"does not parse ({syntax_problem(text, error.raw_line, error.message)}); text rules only"
    except (RecursionError, MemoryError):
        return "too deeply nested for the parser; text rules only"
    return scan_python(display, module, text, statement_lines)


def _absorb(display: str, text: str, scanned, outcome: ScanOutcome, tree: ScanTree) -> None:
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
