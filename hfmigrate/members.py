"""Pruning a chosen class body to the members that matter, so that libcst never sees the rest of a large class.

``relevance`` picks top-level statements; a class is one of them, and a generated or vendored class can be most of
a 5 MB module (a 4.8 MB class took 2.6 GB and minutes to parse whole). Inside a chosen class the same selection runs
again on its members: those holding a needle, every simple statement (class attributes, the docstring), every
member that uses what the module's other chosen statements bind or binds what they use, and then, to a fixed point,
the members that use what a chosen member binds (its name, the ``self.x`` attributes it sets), plus one step
backward (the members binding what the chosen ones use). Method-to-method flows go through those names only: a
method's local variables cannot reach another method. The class keeps its header and the chosen members, each
after its own indented sentinel (:mod:`hfmigrate.partial`); the other members are never parsed by libcst.

A class is kept whole when its header (decorators, bases) holds a needle or a name the module's other chosen
statements bind (a subclass of a legacy client: its overrides are the point), when a comment between members holds
a needle, when a member declares ``global`` or ``nonlocal``, or when the body shares a line with the header.
"""

from __future__ import annotations

import ast
import bisect
import keyword
from collections import Counter
from dataclasses import dataclass

from hfmigrate import partial, relevance
from hfmigrate.lines import split_lines

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# Names no member passes to another: keywords, and ``self``/``cls`` (every method has them; only an attribute named
# ``self`` could bind one). Leaving them out keeps the walk of a member's statements to the members that matter.
_NOT_BOUND = frozenset(keyword.kwlist) | {"self", "cls"}


@dataclass(frozen=True)
class Context:
    """What the module's other chosen (non-import) statements bind and use."""

    bound: frozenset[str]
    used: frozenset[str]


def relevant_spans(
    tree: ast.Module, source: str, extra_needles: tuple[str, ...] = ()
) -> tuple[list, list[int], list[partial.Span]]:
    """``relevance.relevant_groups``, and the spans to parse: a chosen class keeps only its relevant members."""
    groups, chosen = relevance.relevant_groups(tree, source, extra_needles)
    classes = {i for i in chosen if _prunable(groups[i][2])}
    lines = split_lines(source, keepends=True) if classes else []
    names = _ChosenNames(groups, chosen, lines) if classes else None
    needles = tuple(n.lower() for n in relevance.NEEDLES + extra_needles)
    spans: list[partial.Span] = []
    for i in chosen:
        start, end, statements = groups[i]
        pruned = (
            _pruned_class(lines, start, statements[0], names.without(i), needles) if names and i in classes else None
        )
        spans.extend(pruned or [partial.Span(start, end)])
    return groups, chosen, spans


def _prunable(statements: list[ast.stmt]) -> bool:
    return (
        len(statements) == 1
        and isinstance(statements[0], ast.ClassDef)
        and len(statements[0].body) > 1
        and statements[0].body[0].lineno > statements[0].lineno
    )


class _ChosenNames:
    """What the chosen non-import statements bind and use, counted, so that each class can leave out its own."""

    def __init__(self, groups, chosen: list[int], lines: list[str]):
        self.bound: dict[int, set[str]] = {}
        self.used: dict[int, set[str]] = {}
        for i in chosen:
            start, end, statements = groups[i]
            if all(isinstance(s, (ast.Import, ast.ImportFrom)) for s in statements):
                continue
            self.bound[i] = relevance._bound(statements)
            self.used[i] = relevance._names("".join(lines[start - 1 : end]))
        self.bound_count = Counter(name for names in self.bound.values() for name in names)
        self.used_count = Counter(name for names in self.used.values() for name in names)

    def without(self, own: int) -> Context:
        bound = self.bound_count - Counter(self.bound.get(own, ()))
        used = self.used_count - Counter(self.used.get(own, ()))
        return Context(frozenset(bound), frozenset(used))


def _pruned_class(
    lines: list[str], start: int, node: ast.ClassDef, context: Context, needles: tuple[str, ...]
) -> list[partial.Span] | None:
    """The class header's span and its chosen members' spans; None when the class is to be kept whole."""
    members = relevance._with_attached_comments(relevance._line_groups(node.body), lines, node.lineno)
    header_end = members[0][0] - 1
    if header_end < node.lineno:
        return None
    hits = relevance.needle_lines("".join(lines[start - 1 : node.end_lineno or header_end]), needles, start)
    header_names = relevance._names("".join(lines[start - 1 : header_end])) - {node.name}
    if any(line <= header_end for line in hits) or not context.bound.isdisjoint(header_names):
        return None  # a subclass of a legacy client, or of something the module's chosen statements bind
    hit_members = _members_at(members, hits)
    if None in hit_members:
        return None  # a comment between members holds a needle: scan reports it, and it is in no member
    texts = ["".join(lines[first - 1 : last]) for first, last, _ in members]
    chosen = _chosen_members(members, texts, context, hit_members)
    if chosen is None or len(chosen) == len(members):
        return None
    spans = [partial.Span(start, header_end)]
    for i in sorted(chosen):
        first, last, statements = members[i]
        own_line = lines[
            min([statements[0].lineno] + [d.lineno for d in getattr(statements[0], "decorator_list", [])]) - 1
        ]
        indent = own_line[: len(own_line) - len(own_line.lstrip(" \t"))]
        if not indent:
            return None
        spans.append(partial.Span(first, last, indent))
    return spans


def _members_at(members, hit_lines: set[int]) -> set[int | None]:
    """The index of the member holding each line (None for a line between members)."""
    firsts = [first for first, _, _ in members]
    found: set[int | None] = set()
    for line in hit_lines:
        i = bisect.bisect_right(firsts, line) - 1
        found.add(i if i >= 0 and line <= members[i][1] else None)
    return found


def _chosen_members(members, texts: list[str], context: Context, hits: set[int | None]) -> set[int] | None:
    names = [relevance._names(text) for text in texts]
    bound: dict[int, set[str]] = {}

    def bound_of(i: int) -> set[str]:  # walked only where a name could meet it: most members never are
        if i not in bound:
            found = _member_bound(members[i][2])
            if found is None:
                raise _KeepWhole
            bound[i] = found
        return bound[i]

    try:
        for i in range(len(members)):
            if "global" in names[i] or "nonlocal" in names[i]:
                bound_of(i)
        outer_used = context.used - _NOT_BOUND
        chosen = {
            i
            for i, (_, _, statements) in enumerate(members)
            if i in hits
            or not all(isinstance(s, _DEFINITIONS) or hasattr(s, "body") for s in statements)  # simple statements
            or not context.bound.isdisjoint(names[i])
            or (not outer_used.isdisjoint(names[i]) and not outer_used.isdisjoint(bound_of(i)))
        }
        frontier = set(chosen)
        while frontier:  # forward: users of what the chosen bind, to a fixed point
            spread = {name for i in frontier for name in bound_of(i)}
            frontier = {i for i in range(len(members)) if i not in chosen and not spread.isdisjoint(names[i])}
            chosen |= frontier
        used = {name for i in chosen for name in names[i]} - _NOT_BOUND  # backward, one step: their binders
        chosen |= {i for i in range(len(members)) if not used.isdisjoint(names[i]) and not used.isdisjoint(bound_of(i))}
    except _KeepWhole:
        return None  # a member declares ``global`` or ``nonlocal``: it reaches past the class
    return chosen


class _KeepWhole(Exception):
    pass


def _member_bound(statements: list[ast.stmt]) -> set[str] | None:
    """The names through which a member reaches the others: its own name, class-level names it assigns, and the
    attributes it sets or stores into (``self.url = ...``, ``self.payload["k"] = ...``, ``self.n += 1``).
    None when it declares ``global`` or ``nonlocal``. Only statements and their targets are walked: an
    expression cannot store into an attribute (a walrus binds a plain name)."""
    names = relevance._bound(statements)
    for statement in relevance.walk_statements(statements):
        if isinstance(statement, (ast.Global, ast.Nonlocal)):
            return None
        for target in _targets(statement):
            for node in ast.walk(target):
                if isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del)):
                    names.add(node.attr)
                elif isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)):
                    stored = node.value
                    while isinstance(stored, ast.Subscript):
                        stored = stored.value
                    if isinstance(stored, ast.Attribute):
                        names.add(stored.attr)
    return names


def _targets(statement: ast.stmt) -> list[ast.expr]:
    if isinstance(statement, (ast.Assign, ast.Delete)):
        return statement.targets
    if isinstance(statement, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
        return [statement.target]
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return [item.optional_vars for item in statement.items if item.optional_vars is not None]
    return []
