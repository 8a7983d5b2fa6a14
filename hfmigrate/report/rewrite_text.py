"""What ``hfmigrate rewrite`` prints: diffs or the list of files (the body), then a summary with counts per rule.

The two are kept apart so that ``--diff`` can print the summary on standard error: standard output is then a patch
that ``git apply`` takes as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from hfmigrate import rules
from hfmigrate.auth import redact
from hfmigrate.engine.kinds import Applied
from hfmigrate.findings import DiagnosticKind
from hfmigrate.report._shared import plural

#: (kind, singular label, plural label)
KIND_LABELS = (("python", "Python", "Python"), ("notebook", "notebook", "notebooks"), ("text", "text", "text"))


@dataclass(frozen=True)
class RewriteReport:
    body: str  # the diffs, or the list of files that would change
    summary: str  # diagnostics, counts per rule, markers left


def render_rewrite(result, *, show_diff: bool = False, list_only: bool = False, verbose: bool = False) -> RewriteReport:
    body: list[str] = []
    if show_diff:
        body += [redact(change.diff()) for change in result.changed]
    elif list_only:
        body += [f"would rewrite {change.display}\n" for change in result.changed]
    summary = _diagnostics(result, verbose) + [_summary(result, pending=show_diff or list_only)]
    return RewriteReport("".join(body), redact("".join(summary)))


def _diagnostics(result, verbose: bool) -> list[str]:
    lines = []
    for diagnostic in result.diagnostics:
        if diagnostic.kind is not DiagnosticKind.SKIPPED or verbose or diagnostic.unexpected:
            lines.append(f"hfmigrate: {redact(str(diagnostic))}\n")
    return lines


def _summary(result, pending: bool) -> str:
    verb = "would change" if pending else "changed"
    skipped = sum(1 for d in result.diagnostics if d.kind is DiagnosticKind.SKIPPED and not d.path.endswith("/"))
    kinds = ", ".join(
        _count(result.examined_by_kind[kind], one, many)
        for kind, one, many in KIND_LABELS
        if result.examined_by_kind[kind]
    )
    by_kind = result.changed_by_kind()
    changed = ", ".join(_count(by_kind[kind], one, many) for kind, one, many in KIND_LABELS if by_kind[kind])
    lines = [
        f"{plural(result.examined, 'file')} examined ({kinds or 'none'}): {len(result.changed)} {verb}"
        f"{f' ({changed})' if changed else ''}, {result.unchanged} unchanged, {skipped} skipped, "
        f"{plural(len(result.errors), 'error')}.\n"
    ]
    counts = result.counts()
    for code in sorted({key.code for key in counts}):
        edits, markers = counts.get(Applied(code), 0), counts.get(Applied.marker(code), 0)
        rule = rules.get(code)
        detail = ", ".join(
            part
            for part in (plural(edits, "edit") if edits else "", plural(markers, "marker") if markers else "")
            if part
        )
        lines.append(f"  {code}  {detail:<22} {rule.summary if rule else ''}\n")
    models_line = result.models.summary() if getattr(result, "models", None) is not None else None
    if models_line and (result.changed or not getattr(result.models, "no_cache", False)):
        lines.append(models_line + "\n")
    if result.markers_remaining:
        one = result.markers_remaining == 1
        markers, needs = ("marker", "needs") if one else ("markers", "need")
        lines.append(
            f"{result.markers_remaining} `# hfmigrate: TODO(...)` {markers} {needs} a person; "
            "`hfmigrate scan` reports them.\n"
        )
    lines += _left_for_person(result)
    return "".join(lines)


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _left_for_person(result) -> list[str]:
    """Findings rewrite does not fix and cannot mark (recordings, JSON, files that do not parse), one line per file."""
    left = getattr(result, "left_for_person", [])
    if not left:
        return []
    by_file: dict[str, list[str]] = {}
    for finding in left:
        by_file.setdefault(finding.path, []).append(finding.code)
    noun = "finding" if len(left) == 1 else "findings"
    lines = [f"{len(left)} {noun} left for a person (rewrite does not change these); `hfmigrate scan` lists them:\n"]
    for path, codes in by_file.items():
        shown = ", ".join(f"{codes.count(code)} {code}" for code in sorted(set(codes)))
        lines.append(f"  {path}: {shown}{_why(path, codes)}\n")
    return lines


def _why(path: str, codes: list[str]) -> str:
    if "HFM108" in codes:
        return " (a recording: re-record it, never edit it)"
    from hfmigrate.engine.dialects import dialect_for
    from hfmigrate.files import file_kind

    if file_kind(PurePosixPath(path)) != "text" or dialect_for(path).comment is not None:
        return ""
    return (
        " (JSON has no comments for a marker)"
        if dialect_for(path).name == "json"
        else " (no comment syntax for a marker)"
    )
