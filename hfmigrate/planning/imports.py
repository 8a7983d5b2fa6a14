"""Swapping an imported class for its successor, splitting mixed import lines when needed.

    from huggingface_hub import InferenceApi            → from huggingface_hub import InferenceClient
    from langchain import HuggingFaceHub, LLMChain      → from langchain import LLMChain
                                                          from langchain_huggingface import HuggingFaceEndpoint
    from x import InferenceApi as IA                    → from huggingface_hub import InferenceClient as IA

Uses of the old local name are renamed unless the import kept an alias. Returns the local name to call.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import dotted_name


def swap_import(
    context: ModuleContext,
    qualified_names: tuple[str, ...],
    new_module: str,
    new_name: str,
    code: str,
    also: tuple[str, ...] = (),
) -> dict[str, str]:
    """Rewrite every ``from`` import of ``qualified_names``; returns old local name → new local name.

    ``also``: more names the new import brings in, before ``new_name`` (``ChatHuggingFace, HuggingFaceEndpoint``).
    """
    renamed: dict[str, str] = {}
    for node in list(context.nodes.values()):
        if isinstance(node, cst.ImportFrom) and node.module is not None and not isinstance(node.names, cst.ImportStar):
            renamed.update(_swap_in(context, node, qualified_names, new_module, new_name, code, also))
    for old, new in renamed.items():
        if old != new:
            _rename_uses(context, old, new, code)
    return renamed


def swap_one_import(
    context: ModuleContext,
    node: cst.ImportFrom,
    qualified_names: tuple[str, ...],
    new_module: str,
    new_name: str,
    code: str,
) -> dict[str, str]:
    """:func:`swap_import` for one ``from`` import (the one a finding is at)."""
    renamed = _swap_in(context, node, qualified_names, new_module, new_name, code)
    for old, new in renamed.items():
        if old != new:
            _rename_uses(context, old, new, code)
    return renamed


def _swap_in(
    context, node: cst.ImportFrom, qualified_names, new_module: str, new_name: str, code: str, also=()
) -> dict[str, str]:
    if isinstance(node.names, cst.ImportStar):
        return {}
    module = dotted_name(node.module)
    matches = [a for a in node.names if f"{module}.{dotted_name(a.name)}" in qualified_names]
    if not matches:
        return {}
    alias = matches[0]
    local = dotted_name(alias.asname.name) if alias.asname else dotted_name(alias.name)
    new_alias = cst.ImportAlias(cst.Name(new_name), asname=alias.asname)
    names = [cst.ImportAlias(cst.Name(extra)) for extra in also if extra != new_name] + [new_alias]
    new_import = cst.ImportFrom(module=_module_name(new_module), names=names)
    if len(node.names) == 1:
        context.replace(node, new_import, code)
    else:
        _split_line(context, node, alias, new_import, code)
    return {local: local if alias.asname else new_name}


def _module_name(dotted: str) -> cst.Attribute | cst.Name:
    name = cst.parse_expression(dotted)
    if not isinstance(name, (cst.Attribute, cst.Name)):
        raise ValueError(f"not a dotted module name: {dotted!r}")
    return name


def _split_line(context, node: cst.ImportFrom, alias: cst.ImportAlias, new_import: cst.ImportFrom, code: str) -> None:
    """Remove the old name from a mixed import and add the new import on the next line."""
    line = context.parent(node)
    if not isinstance(line, cst.SimpleStatementLine):
        return
    if isinstance(node.names, cst.ImportStar):
        return
    trimmed = line.with_changes(body=[_without_alias(node, alias)])
    added = cst.SimpleStatementLine(body=[new_import])
    context.replace(line, cst.FlattenSentinel([trimmed, added]), code)


def _without_alias(node: cst.ImportFrom, alias: cst.ImportAlias) -> cst.ImportFrom:
    """``node`` without ``alias``, every other name's comma, comment and line kept as written.

    Only when the last name goes does the new last name's comma change: on one line it goes; in parentheses it
    stays (a trailing comma is valid there), keeping its comment, and the line break before ``)`` is the removed
    name's."""
    assert not isinstance(node.names, cst.ImportStar)
    names = list(node.names)
    kept = [a for a in names if a is not alias]
    if alias is not names[-1]:
        return node.with_changes(names=kept)
    last = kept[-1]
    if node.rpar is None or not isinstance(last.comma, cst.Comma):
        kept[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return node.with_changes(names=kept)
    after = last.comma.whitespace_after
    if not isinstance(after, cst.ParenthesizedWhitespace):  # (HfApi, InferenceApi): one line
        kept[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return node.with_changes(names=kept)
    ending = alias.comma.whitespace_after if isinstance(alias.comma, cst.Comma) else None
    if isinstance(ending, cst.ParenthesizedWhitespace):  # the removed line ended "name,  # comment\n)"
        after = after.with_changes(indent=ending.indent, last_line=ending.last_line)
        kept[-1] = last.with_changes(comma=last.comma.with_changes(whitespace_after=after))
        return node.with_changes(names=kept)
    # the removed name had no comma: the line break before ")" is the parenthesis's own
    comma = last.comma
    if isinstance(after.first_line.comment, cst.Comment):  # keep the comment: it ends the line before ")"
        ends_line = after.with_changes(indent=False, last_line=cst.SimpleWhitespace(""))
        kept[-1] = last.with_changes(comma=comma.with_changes(whitespace_after=ends_line))
        return node.with_changes(names=kept, rpar=node.rpar.with_changes(whitespace_before=cst.SimpleWhitespace("")))
    kept[-1] = last.with_changes(comma=comma.with_changes(whitespace_after=cst.SimpleWhitespace("")))
    return node.with_changes(names=kept)


def _rename_uses(context: ModuleContext, old: str, new: str, code: str) -> None:
    """Uses are renamed in a pass after the plan, so calls that rules rebuilt are renamed too, without overlap."""
    context.renames[old] = new
