"""``hfmigrate rules``: the rule catalogue as plain text, all of it or one rule at a time."""

from __future__ import annotations

import textwrap
from itertools import groupby

from hfmigrate import rules
from hfmigrate.errors import UsageError
from hfmigrate.report._shared import clean

WIDTH = 100
FIXABLE_MARK = "[*]"


def render_rule_table() -> str:
    """Every rule, grouped by family: code, name, fixable mark, summary."""
    name_width = max(len(rule.name) for rule in rules.RULES)
    lines: list[str] = []
    for family, group in groupby(sorted(rules.RULES, key=lambda r: r.code), key=lambda r: r.family):
        lines += [f"{family}:" if not lines else f"\n{family}:"]
        for rule in group:
            mark = FIXABLE_MARK if rule.fixable else " " * len(FIXABLE_MARK)
            lines.append(f"  {rule.code}  {rule.name:<{name_width}}  {mark}  {clean(rule.summary)}")
    lines.append(f"\n{FIXABLE_MARK} fixed by `hfmigrate rewrite`. `hfmigrate rules CODE` explains one rule.")
    return "\n".join(lines) + "\n"


def render_rule(code: str) -> str:
    """One rule, named by its code or its name, in full: summary, explanation, before/after example and whether
    rewrite fixes it (each rule of a prefix such as ``HFM6``)."""
    rule = rules.get(code) or next((r for r in rules.RULES if r.name == code.strip().lower()), None)
    if (
        rule is None and len(code.strip()) >= 4 and code.upper() != "ALL" and rules.matching([code])
    ):  # HFM6: each 6xx rule
        return "\n".join(render_rule(chosen) for chosen in sorted(rules.matching([code])))
    if rule is None:
        raise UsageError(f"unknown rule {clean(code)!r}; run `hfmigrate rules` to list them")
    fix = (
        "Fixable: yes, `hfmigrate rewrite` fixes this."
        if rule.fixable
        else "Fixable: no, `hfmigrate rewrite` leaves this to you."
    )
    sections = [
        f"{rule.code} ({rule.name}): {clean(rule.summary)}",
        f"Family: {rule.family}",
        _wrap(clean(rule.explanation)),
        "Before:\n" + _indent(clean(rule.before)),
        "After:\n" + _indent(clean(rule.after)),
        fix,
    ]
    return "\n\n".join(sections) + "\n"


def _wrap(text: str) -> str:
    # URLs and code spans must not be split, or they stop being copyable
    return textwrap.fill(text, WIDTH, break_long_words=False, break_on_hyphens=False)


def _indent(code: str) -> str:
    return textwrap.indent(code, "    ", lambda line: True)
