"""The fix a Python legacy URL carries: its router equivalent, or a marker saying why it cannot change here.

    "https://api-inference.huggingface.co/models/" + model
        → "https://router.huggingface.co/hf-inference/models/" + model                          (HFM101)
    f"https://api-inference.huggingface.co/pipeline/feature-extraction/{m}"
        → f"https://router.huggingface.co/hf-inference/models/{m}/pipeline/feature-extraction" (HFM102)
    OpenAI(base_url="https://api-inference.huggingface.co/v1/") → OpenAI(base_url="https://router.huggingface.co/v1/")
    HF_API_BASE = "https://api-inference.huggingface.co"     → the hf-inference prefix, where every join is seen
    URL.replace("/models", "/pipeline/feature-extraction")   → URL + "/pipeline/feature-extraction"   (HFM102)

The model id expression is kept exactly as written; a literal model id is replaced through the model map, and so is
the constant a bare-name model hole is bound to (:mod:`hfmigrate.rules.legacy_urls_model_map`). String
surgery on a name bound to the URL is part of the URL's fix (the finding is at the literal, as scan reports it:
fixtures/rules/README.md): on the router the task follows the id, so the surgery becomes an append. It is a
planned edit (:class:`~hfmigrate.engine.rule_api.PlannedEdit`), not a node edit, because what a URL becomes depends
on what rewrite learned of the whole tree and module: whether a host constant may change (every use of it, in every
module, follows it: ``rewrite/prefixes.py``, ``planning/local_prefixes.py``), whether a model URL is only fetched
with a GET (its metadata: a marker), the model map, and the catalogue's word on the model (HFM502/503 markers).
The joins of a prefix constant (``f"{HF_API_BASE}/pipeline/..."``), which name no host and so are no finding, are
the family's module fix (``rules/legacy_urls_joins.py``), with these helpers. Imported by rewrite only (it
imports rewrite's plan).
"""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from hfmigrate import urls
from hfmigrate.planning.availability_markers import mark_unavailable
from hfmigrate.planning.local_prefixes import LocalPrefixes, local_prefixes_of
from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.planning.strings import retemplate
from hfmigrate.pysyntax import StringTemplate, string_value
from hfmigrate.rules.legacy_urls import URL_KIND_CODES
from hfmigrate.rules.legacy_urls_model_map import map_model_constant


def plan_literal_url(
    context: ModuleContext, node: cst.BaseExpression, template: StringTemplate, legacy: urls.LegacyUrl
) -> None:
    """The edit (or marker) for a string expression that is a legacy URL (``template.text``, parsed: ``legacy``)
    with a router equivalent (HFM101-103, HFM105); a URL another rule claimed (a client's base URL, a converted
    chat call) is that rule's. A URL with spaces around it, or with no equivalent (HFM104), carries its marker."""
    map_model_constant(context, template, legacy, URL_KIND_CODES[legacy.kind])  # also when another rule owns the URL
    if context.is_claimed(node) or template.text.strip() != template.text or legacy.kind in urls.NO_EQUIVALENT:
        return
    local = local_prefixes_of(context)
    if legacy.kind is urls.UrlKind.MODEL and _only_fetched_with_get(context, node):
        model = urls.display(legacy.model or "{id}", template.names)
        context.mark(
            node,
            "HFM101",
            f"a GET on the model URL read its metadata: no router equivalent; ask the Hub, "
            f"GET {urls.HUB_URL}/api/models/{model}",
        )
        return
    if legacy.kind is urls.UrlKind.HOST and id(node) not in local.literals and not _rewritable_constant(context, node):
        context.mark(node, "HFM105", _blocked_prefix_message(_blockers(context, node, local)))
        return
    target = router_target(context, node, template, legacy)
    if target is None:
        if legacy.kind is urls.UrlKind.HOST:
            context.mark(node, "HFM105", "this prefix has no router equivalent; rewrite each URL built from it")
        return
    write_url(context, node, template, target, URL_KIND_CODES[legacy.kind])
    for call in _surgery_on(context, node):  # after the URL's own edit: the finding counts as that one
        _plan_string_surgery(context, call, legacy)
    mark_unavailable(context, node, legacy, template)
    if legacy.kind is urls.UrlKind.MODEL_CHAT:
        model = urls.display(legacy.model or "", template.names)
        context.mark(node, "HFM103", f"the router takes the model in the request body: send model={model!r}")


def router_target(
    context: ModuleContext, node: cst.BaseExpression, template: StringTemplate, legacy: urls.LegacyUrl
) -> str | None:
    """The router URL for ``legacy`` (through the model map); endpoints with no equivalent get their HFM104 marker
    here and give None."""
    if legacy.kind in urls.NO_EQUIVALENT:
        context.mark(node, "HFM104", urls.no_equivalent_advice(legacy, template.names))
        return None
    if legacy.model and legacy.model in context.models:
        legacy = replace(legacy, model=context.models[legacy.model])
    return urls.router_equivalent(legacy)


def write_url(
    context: ModuleContext, node: cst.BaseExpression, template: StringTemplate, target: str, code: str
) -> None:
    new = retemplate(node, template, target, context.module)
    if new is None:
        context.mark(node, code, f"rewrite this URL to {urls.display(target, template.names)}")
    else:
        context.replace(node, new, code)


def _single_name_assign(context: ModuleContext, node: cst.BaseExpression) -> cst.Assign | None:
    statement = context.statement_of(node)
    assign = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and statement.body else None
    if isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name):
        return assign
    return None


def _blockers(context: ModuleContext, node: cst.BaseExpression, local: LocalPrefixes) -> tuple[str, ...]:
    if id(node) in local.blocked:
        return local.blocked[id(node)]
    assign = _single_name_assign(context, node)
    if assign is not None:
        prefix = context.prefixes.get(assign.targets[0].target.value)  # type: ignore[attr-defined]
        return prefix.blockers if prefix is not None else ()
    return ()


def _blocked_prefix_message(blockers: tuple[str, ...]) -> str:
    if not blockers:
        return (
            "no use of this prefix that rewrite can follow was found (an attribute, another project): "
            "rewrite the URLs built from it, then this constant, by hand"
        )
    shown = ", ".join(blockers[:3]) + (f" and {len(blockers) - 3} more" if len(blockers) > 3 else "")
    return (
        f"this prefix is read where rewrite cannot follow it ({shown}): rewrite those uses, then this constant, by hand"
    )


def _rewritable_constant(context: ModuleContext, node: cst.BaseExpression) -> bool:
    """A host or prefix literal changes only as a module constant whose every use rewrite has seen."""
    assign = _single_name_assign(context, node)
    if assign is None:
        return False
    prefix = context.prefixes.get(assign.targets[0].target.value)  # type: ignore[attr-defined]
    return prefix is not None and prefix.constant_rewritten


def _only_fetched_with_get(context: ModuleContext, node: cst.BaseExpression) -> bool:
    """``requests.get(URL)`` on a model URL read its task or status; it never ran the model."""
    parent = context.parent(node)
    uses: list[cst.CSTNode] = [node]
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        target = parent.targets[0].target
        uses = [n for n in _names_by_value(context).get(target.value, ()) if n is not target]
    return bool(uses) and all(_first_argument_of_get(context, use) for use in uses)


def _names_by_value(context: ModuleContext) -> dict[str, list[cst.Name]]:
    """Every Name node of the module by its value, built once per module rather than once per URL constant."""
    known = context.memo.get("names by value")
    if known is not None:
        return known  # type: ignore[return-value]
    index: dict[str, list[cst.Name]] = {}
    for node in context.nodes.values():
        if isinstance(node, cst.Name):
            index.setdefault(node.value, []).append(node)
    context.memo["names by value"] = index
    return index


def _first_argument_of_get(context: ModuleContext, node: cst.CSTNode) -> bool:
    arg = context.parent(node)
    call = context.parent(arg) if isinstance(arg, cst.Arg) else None
    return (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value == "get"
        and bool(call.args)
        and call.args[0] is arg
        and arg.keyword is None
    )


def _surgery_on(context: ModuleContext, node: cst.BaseExpression) -> list[cst.Call]:
    """The ``NAME.replace(...)`` calls of the module on a name bound once to ``node`` (indexed once per module)."""
    index = context.memo.get("string surgery")
    if not isinstance(index, dict):
        index = context.memo["string surgery"] = _surgery_by_value(context)
    return index.get(id(node), [])


def _surgery_by_value(context: ModuleContext) -> dict[int, list[cst.Call]]:
    index: dict[int, list[cst.Call]] = {}
    for call in context.calls:
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value == "replace" and isinstance(func.value, cst.Name):
            value = context.resolve_name(func.value)
            if value is not None:
                index.setdefault(id(value), []).append(call)
    return index


def _plan_string_surgery(context: ModuleContext, call: cst.Call, legacy: urls.LegacyUrl) -> None:
    """``URL.replace("/models", "/pipeline/feature-extraction")`` becomes an append (or nothing, for tasks that
    ``/models/{id}`` serves directly); any other surgery on the path of a legacy URL is marked."""
    if len(call.args) != 2:
        return
    old, new = (string_value(arg.value) for arg in call.args)
    swapped = (old or "") + (new or "")
    if not ("/models" in swapped or "/pipeline" in swapped or urls.mentions_legacy_host(swapped)):
        return  # swapping a model id works the same on the router
    if (
        legacy.kind is not urls.UrlKind.MODEL
        or old is None
        or new is None
        or old.strip("/") != "models"
        or not new.startswith("/pipeline/")
    ):
        context.mark(call, "HFM102", "string surgery on a legacy URL: the router puts the task after the id")
        return
    task = new.strip("/").split("/")[1] if new.strip("/").count("/") else ""
    suffix = f' + "/pipeline/{task}"' if task in urls.PIPELINE_SUFFIX_TASKS else ""
    receiver = call.func.value  # type: ignore[attr-defined]
    context.replace(call, cst.parse_expression(context.code(receiver) + suffix), "HFM102")  # a Name: _surgery_on
