"""What ``hfmigrate rewrite`` prints: diffs or the list of files, then a summary with counts per rule."""

from __future__ import annotations

from hfmigrate import rules
from hfmigrate.auth import redact


KIND_LABELS = (("python", "Python"), ("notebook", "notebooks"), ("text", "text"))


def render_rewrite(result, *, show_diff: bool = False, list_only: bool = False, verbose: bool = False) -> str:
    out: list[str] = []
    if show_diff:
        out += [redact(change.diff()) for change in result.changed]
    elif list_only:
        out += [f"would rewrite {change.display}\n" for change in result.changed]
    out += _diagnostics(result, verbose)
    out.append(_summary(result, pending=show_diff or list_only))
    return "".join(out)


def _diagnostics(result, verbose: bool) -> list[str]:
    lines = []
    for diagnostic in result.diagnostics:
        if diagnostic.kind != "skipped" or verbose or "parse" in diagnostic.reason or "byte for byte" in diagnostic.reason:
            lines.append(f"hfmigrate: {diagnostic}\n")
    return lines


def _summary(result, pending: bool) -> str:
    verb = "would change" if pending else "changed"
    skipped = sum(1 for d in result.diagnostics if d.kind == "skipped" and not d.path.endswith("/"))
    kinds = ", ".join(
        f"{result.examined_by_kind[kind]} {label}" for kind, label in KIND_LABELS if result.examined_by_kind[kind]
    )
    changed = ", ".join(f"{n} {kind}" for kind, n in sorted(result.changed_by_kind().items()))
    lines = [
        f"{result.examined} files examined ({kinds or 'none'}): {len(result.changed)} {verb}"
        f"{f' ({changed})' if changed else ''}, {result.unchanged} unchanged, {skipped} skipped, "
        f"{len(result.errors)} errors.\n"
    ]
    counts = result.counts()
    for code in sorted({key.removeprefix("marker:") for key in counts}):
        edits, markers = counts.get(code, 0), counts.get(f"marker:{code}", 0)
        rule = rules.get(code)
        detail = ", ".join(part for part in (f"{edits} edits" if edits else "", f"{markers} markers" if markers else "") if part)
        lines.append(f"  {code}  {detail:<22} {rule.summary if rule else ''}\n")
    if result.markers_remaining:
        lines.append(
            f"{result.markers_remaining} `# hfmigrate: TODO(...)` markers need a person; `hfmigrate scan` reports them.\n"
        )
    return "".join(lines)
