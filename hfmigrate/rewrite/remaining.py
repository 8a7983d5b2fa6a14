"""What ``hfmigrate scan`` will still report once rewrite's changes are written, besides markers.

rewrite exits 1 while anything is left for a person (recordings, JSON that cannot hold a marker, prose without
comments, files that do not parse), so that "rewrite exit 0" always means "scan exit 0" on the same paths.
The files' new bytes are scanned in memory, with the same settings, by scan's own engine.
"""

from __future__ import annotations

from hfmigrate.config import Settings
from hfmigrate.engine.tree import TreeFacts
from hfmigrate.findings import Finding
from hfmigrate.scan import prefilter, scan_contents
from hfmigrate.sources import Undecodable, decode_bytes


def left_for_person(
    files: list,
    candidates: list,
    after: dict[str, bytes],
    settings: Settings,
    settled: set[str] | frozenset[str] = frozenset(),
) -> list[Finding]:
    """What ``scan`` will report once the changes are written, apart from markers: recordings, JSON that cannot hold
    a marker, files that do not parse ... Each keeps rewrite's exit code at 1, so "rewrite exit 0" means scan passes.

    Only the changed files, the unchanged candidates and the dependency files (the dependency checks read them
    with the whole tree) are scanned again: the pre-filter already promised that the others hold nothing but
    markers. So are modules whose own leftover scan (in the worker) found only markers, unless a dependency check
    judges a pin by what the code reports."""
    chosen = {id(c) for c in candidates}
    if _pins_depend_on_code(files, after):
        settled = frozenset()
    final = [
        (f.source, after[f.source.display]) if f.source.display in after else (f.source, f.data)
        for f in files
        if f.source.dependency or ((id(f) in chosen or f.source.display in after) and f.source.display not in settled)
    ]
    final = [
        (source, data)
        for source, data in final
        if source.dependency or prefilter.file_verdict(data, source.kind).candidate
    ]
    if not final:
        return []
    return [finding for finding in scan_contents(final, settings).findings if not finding.marker]


def _pins_depend_on_code(files: list, after: dict[str, bytes]) -> bool:
    """A dependency file whose findings would change with what the tree's code reports (HFM404: a
    langchain-community pin beside code that uses HuggingFaceHub)."""
    from hfmigrate.engine.rule_api import FileKind
    from hfmigrate.rules import BY_CODE, REGISTRY

    everything = TreeFacts(frozenset(BY_CODE))  # as if the code reported every rule
    for f in files:
        if not f.source.dependency:
            continue
        decoded = decode_bytes(after.get(f.source.display, f.data), python=False)
        if isinstance(decoded, Undecodable) or not REGISTRY.may_match(decoded.data, FileKind.DEPENDENCY):
            continue  # nothing in it can be read as a pin
        alone = REGISTRY.run_text(decoded.text, FileKind.DEPENDENCY, f.source.display)
        judged = REGISTRY.run_text(decoded.text, FileKind.DEPENDENCY, f.source.display, tree=everything)
        if _places(judged) != _places(alone):  # (a message that only names more, as HFM402's, does not count)
            return True
    return False


def _places(violations: list) -> list[tuple[str, int]]:
    return [(violation.code, violation.start) for violation in violations]
