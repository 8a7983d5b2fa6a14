"""HFM101-HFM105 in Python: a string expression that is a legacy URL, its finding and the model it names.

    requests.post("https://api-inference.huggingface.co/models/gpt2", ...)      → HFM101, model gpt2
    f"https://api-inference.huggingface.co/pipeline/feature-extraction/{MODEL}"   → HFM102, MODEL's value
    OpenAI(base_url="https://api-inference.huggingface.co/v1/")                   → HFM103
    HF_API_BASE = "https://api-inference.huggingface.co"                          → HFM105 (a prefix)
    requests.get(f"https://api-inference.huggingface.co/status/{m}")             → HFM104, its advice as a marker

A URL built from several pieces (an f-string, a ``+`` join, literals side by side) is one finding, at its outermost
string expression; as the default of an environment variable (``os.getenv("HF_API", URL)``) its message says that
it matters only when the variable is unset. Each finding carries the model ids its URL names (check-models reads
them): a literal id, a module constant's value for an id that is one bare name, a run-time mention for another
hole. Part of the family in :mod:`hfmigrate.rules.legacy_urls`; URLs inside longer strings are
:mod:`hfmigrate.rules.legacy_urls_in_strings`'s.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from hfmigrate import urls
from hfmigrate.engine.rule_api import Fix, PlannedEdit, PythonViolation
from hfmigrate.rules.legacy_urls import (
    ENV_GETTERS,
    NO_EQUIVALENT_CODE,
    env_default_note,
    judge_url,
    summary_marker,
    url_mentions,
)

if TYPE_CHECKING:  # libcst is imported by the runner only: listing the rules must not pay for it
    import libcst as cst

    from hfmigrate.engine.python import PythonView
    from hfmigrate.planning.module_plan import ModuleContext
    from hfmigrate.pysyntax import StringTemplate


def whole_url(node: cst.BaseExpression, view: PythonView, template: StringTemplate) -> Iterator[PythonViolation]:
    """The finding of a string expression whose text is a legacy URL (``urls.is_legacy``)."""
    stripped = template.text.strip()
    legacy = urls.parse_legacy(stripped)
    if legacy is None:
        return  # the host written as a pattern: escaped_hosts_in_python's (HFM106)
    if legacy.kind not in urls.NO_EQUIVALENT and _inside_a_hole(view):
        return  # a string in an f-string's hole, deeper down: neither the older scan nor rewrite looked there
    verdict = judge_url(legacy, stripped, template.names)
    message = verdict.message
    variable = _environment_default_of(node, view)
    if variable:
        message += env_default_note(variable)
    mentions = url_mentions(legacy, template.text, template.names, lambda hole: _constant(view, template, hole))
    if legacy.kind in urls.NO_EQUIVALENT:
        # spaces around the URL: the advice would not be about this exact text
        advice = urls.no_equivalent_advice(legacy, template.names) if stripped == template.text else None
        marker = Fix(marker=advice or summary_marker(NO_EQUIVALENT_CODE))
        yield PythonViolation(NO_EQUIVALENT_CODE, message, node, marker, mentions=mentions)
        return
    if stripped != template.text:  # spaces around the URL: no rewrite of it would be this exact text
        marker = Fix(marker=summary_marker(verdict.code))
        yield PythonViolation(verdict.code, message, node, marker, verdict.replacement, mentions=mentions)
        return
    # a prefix with no router equivalent only gets a marker, worded from what rewrite learned of its uses
    fix = Fix((PlannedEdit(functools.partial(_plan, node, template, legacy), changes_code=verdict.fixable),))
    yield PythonViolation(verdict.code, message, node, fix, verdict.replacement, mentions=mentions)


def _plan(node: cst.BaseExpression, template: StringTemplate, legacy: urls.LegacyUrl, context: ModuleContext) -> None:
    from hfmigrate.rules.legacy_urls_fix import plan_literal_url

    plan_literal_url(context, node, template, legacy)


def _inside_a_hole(view: PythonView) -> bool:
    from hfmigrate.pysyntax import is_string_expression

    return any(is_string_expression(n) for n in view.ancestors[2:])  # (the two nearest: the caller's test)


def _environment_default_of(node: cst.BaseExpression, view: PythonView) -> str | None:
    """``os.environ.get("VAR", URL)``: the variable whose default the URL is."""
    import libcst as cst

    from hfmigrate.pysyntax import string_value

    if len(view.ancestors) < 2:
        return None
    arg, call = view.ancestors[0], view.ancestors[1]
    if not (isinstance(arg, cst.Arg) and isinstance(call, cst.Call) and len(call.args) >= 2 and call.args[1] is arg):
        return None
    if (view.imports.qualified(call.func) or "") not in ENV_GETTERS:
        return None
    return string_value(call.args[0].value) or "?"


def _constant(view: PythonView, template: StringTemplate, hole: int) -> str | None:
    """The string a hole that is a bare name is bound to: the first ``NAME = "..."`` of the module, anywhere (as
    the ast scan of plain URL literals reads names, :mod:`hfmigrate.scan.plain_urls`)."""
    import libcst as cst

    name = template.dynamic[hole]
    return view.first_string(name.value) if isinstance(name, cst.Name) else None
