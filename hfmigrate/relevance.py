"""Which top-level statements of a module a rewrite needs to look at, found cheaply with ``ast``.

libcst visits cost far more than the parse (performance-notes.md). A module that needs a rewrite usually has a
few relevant statements among hundreds, so the collector visits only those: statements whose text holds a
needle (the legacy host, a legacy client name, an option key, a prefix constant ...), every import, and, one step
away from those, statements that use a name they bind or bind a name they use. When
the ``ast`` and libcst statement lists do not line up one to one, everything is relevant.
"""

from __future__ import annotations

import ast
import bisect
import re
from typing import TYPE_CHECKING

from hfmigrate import needles
from hfmigrate.lines import line_starts, split_lines

if TYPE_CHECKING:  # the statement walk is read where libcst is not loaded (a scan's whole-source checks)
    import libcst as cst

# Rare strings only (hfmigrate.needles): common ML words (generated_text, use_cache=True, nvidia) would select every
# statement. The reads of a result are in the call's own scope or reached through the names it binds.
NEEDLES = needles.statement_needles()
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def relevant_groups(tree: ast.Module, source: str, extra_needles: tuple[str, ...] = ()) -> tuple[list, list[int]]:
    """The module's top-level statement groups (first line, last line, ast statements) and the relevant ones.

    A group's first line includes the comment lines directly above it (libcst's leading lines: markers live there).
    """
    lines = split_lines(source, keepends=True)
    groups = _with_attached_comments(_line_groups(tree.body), lines)
    texts = ["".join(lines[start - 1 : end]) for start, end, _ in groups]
    firsts = [start for start, _, _ in groups]
    chosen = set()
    for line in needle_lines(source, tuple(n.lower() for n in NEEDLES + extra_needles)):
        i = bisect.bisect_right(firsts, line) - 1
        if i >= 0 and line <= groups[i][1]:
            chosen.add(i)
    if chosen and follows_results(source):
        chosen |= _result_closure(groups, texts, chosen)
    chosen |= _users_and_binders(groups, texts, chosen)
    # every import is visited (the import map needs them), but only those holding a needle spread relevance
    chosen |= {
        i
        for i, (_, _, statements) in enumerate(groups)
        if any(isinstance(s, (ast.Import, ast.ImportFrom)) for s in statements)
    }
    return groups, sorted(chosen)


def relevant_statements(
    module: cst.Module, source: str, tree: ast.Module | None, extra_needles: tuple[str, ...] = ()
) -> set[int] | None:
    """ids of the libcst top-level statements to visit; None means all of them (also when ``tree`` is None)."""
    if tree is None:
        return None
    groups, chosen = relevant_groups(tree, source, extra_needles)
    if len(groups) != len(module.body):
        return None
    return {id(module.body[i]) for i in chosen}


def needle_lines(text: str, needles: tuple[str, ...], first: int = 1) -> set[int]:
    """The lines on which a (lowercase, one-line) needle starts, ``text`` starting at line ``first``: the lowered
    text is searched once per needle, not each statement's text once per needle (1.2 s for 10,000 statements)."""
    lowered = text.lower()  # lowering keeps every line end, so line numbers still hold
    starts = line_starts(lowered)
    found = set()
    for needle in needles:
        at = lowered.find(needle)
        while at >= 0:
            found.add(first + bisect.bisect_right(starts, at) - 1)
            at = lowered.find(needle, at + 1)
    return found


def follows_results(source: str) -> bool:
    """Text generation: the chat conversion follows a result through any number of names and calls (a wrapper,
    its call sites, the variables they assign), so the users of what relevant statements bind are followed to a
    fixed point (``_result_closure``); a partial view with fewer could convert a request and miss a read."""
    return any(needle in source for needle in ("generated_text", "max_new_tokens", '"inputs"', "'inputs'"))


def _with_attached_comments(groups, lines: list[str], previous_end: int = 0):
    """Each group with the comment lines directly above it, never reaching back to line ``previous_end``."""
    attached = []
    for start, end, statements in groups:
        while start - 1 > previous_end and lines[start - 2].lstrip().startswith("#"):
            start -= 1
        attached.append((start, end, statements))
        previous_end = end
    return attached


def _line_groups(body: list[ast.stmt]) -> list[tuple[int, int, list[ast.stmt]]]:
    """ast statements grouped as libcst groups them: ``a = 1; b = 2`` on one line is one statement line."""
    groups: list[tuple[int, int, list[ast.stmt]]] = []
    for statement in body:
        start = min([statement.lineno] + [d.lineno for d in getattr(statement, "decorator_list", [])])
        end = statement.end_lineno or statement.lineno
        if groups and start == groups[-1][1] and not _is_compound(statement) and not _is_compound(groups[-1][2][-1]):
            groups[-1] = (groups[-1][0], end, groups[-1][2] + [statement])
        else:
            groups.append((start, end, [statement]))
    return groups


def _is_compound(statement: ast.stmt) -> bool:
    return hasattr(statement, "body")


def _users_and_binders(groups, texts: list[str], seeds: set[int]) -> set[int]:
    """Forward, two steps: statements using a name the seeds bind, then users of what those bind
    (``IA`` → ``api = IA(...)`` → ``api("Hello")``). Backward, one step: statements binding a name the seeds use.
    Going backward and then forward again would reach every statement that shares a constant."""
    found: set[int] = set()
    frontier = set(seeds)
    names = [_names(text) for text in texts]  # once per statement, not once per round
    for _ in range(2):
        bound = {name for i in frontier for name in _bound(groups[i][2])}
        reached = seeds | found  # once per round: inside the comprehension it made the pass quadratic
        frontier = (
            {i for i in range(len(groups)) if i not in reached and not bound.isdisjoint(names[i])} if bound else set()
        )
        found |= frontier
    used = {name for i in seeds for name in names[i]}
    found |= {i for i in range(len(groups)) if i not in seeds and not used.isdisjoint(_bound(groups[i][2]))}
    return found


def _result_closure(groups, texts: list[str], seeds: set[int]) -> set[int]:
    """Every statement that uses a name bound by a chosen one, transitively (imports bind nothing here: every
    module uses them). The binders of what they use come from ``_users_and_binders``, one step, as before."""
    names = [_names(text) for text in texts]
    chosen, frontier = set(seeds), set(seeds)
    seen: set[str] = set()
    while frontier:
        bound = {
            n
            for i in frontier
            for n in _bound([s for s in groups[i][2] if not isinstance(s, (ast.Import, ast.ImportFrom))])
        }
        bound -= seen
        seen |= bound
        frontier = {i for i in range(len(groups)) if i not in chosen and bound & names[i]}
        chosen |= frontier
    # a module-level body dict the closure sends: every statement touching it (a later `payload["k"] = v` blocks)
    used = {name for i in chosen for name in names[i]}
    bodies = {
        target.id
        for _, _, statements in groups
        for statement in statements
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Dict)
        for target in statement.targets
        if isinstance(target, ast.Name)
    } & used
    chosen |= {i for i in range(len(groups)) if bodies & names[i]}
    return chosen - seeds


def walk_statements(statements: list[ast.stmt]):
    """Every statement in ``statements`` and in their bodies, at any depth, without walking expressions (a tenth of
    the nodes: ``ast.walk`` over a large module costs seconds)."""
    stack = list(reversed(statements))
    while stack:
        statement = stack.pop()
        yield statement
        nested: list[ast.stmt] = []
        for field in ("body", "orelse", "finalbody"):
            value = getattr(statement, field, None)
            if isinstance(value, list):
                nested += value
        for handler in getattr(statement, "handlers", ()):
            nested += handler.body
        for case in getattr(statement, "cases", ()):
            nested += case.body
        stack.extend(reversed(nested))


def _names(text: str) -> set[str]:
    return set(_IDENTIFIER.findall(text))


def _bound(statements: list[ast.stmt]) -> set[str]:
    names: set[str] = set()
    for statement in statements:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(statement.name)
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in statement.names}
        targets = statement.targets if isinstance(statement, ast.Assign) else [getattr(statement, "target", None)]
        for target in targets:
            if isinstance(target, ast.Name):
                names.add(target.id)
    return names
