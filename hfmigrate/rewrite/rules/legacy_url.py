"""HFM101-HFM105: legacy URLs become their router equivalents; endpoints without one get a marker.

    "https://api-inference.huggingface.co/models/" + model
        → "https://router.huggingface.co/hf-inference/models/" + model
    f"{LEGACY}/pipeline/feature-extraction/{m}"
        → f"{ROUTER}/hf-inference/models/{m}/pipeline/feature-extraction"
    OpenAI(base_url="https://api-inference.huggingface.co/v1/")
        → OpenAI(base_url="https://router.huggingface.co/v1/")
    HF_API_BASE = "https://api-inference.huggingface.co"
        → HF_API_BASE = "https://router.huggingface.co/hf-inference"
    f"{HF_API_BASE}/pipeline/feature-extraction/{m}"
        → f"{HF_API_BASE}/models/{m}/pipeline/feature-extraction"

The model id expression is kept exactly as written. A literal model id is replaced through the model map.
``/status``, ``/framework`` and ``/models/{id}/info`` have no equivalent and are marked, never rewritten.
"""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from hfmigrate import urls
from hfmigrate.pysyntax import StringTemplate, string_value
from hfmigrate.rewrite.availability_markers import mark_unavailable
from hfmigrate.rewrite.context import LegacyPrefix, ModuleContext
from hfmigrate.rewrite.local_prefixes import LocalPrefixes, local_prefixes
from hfmigrate.rewrite.strings import retemplate

CODES = ("HFM101", "HFM102", "HFM103", "HFM104", "HFM105", "HFM502")


def plan(context: ModuleContext) -> None:
    local = local_prefixes(context)
    for node, template in context.strings:
        if context.is_claimed(node):
            continue
        if urls.is_legacy(template.text):
            _literal_url(context, node, template, local)
        else:
            _join_site(context, node, template, local)
    for call in context.calls:
        _string_surgery(context, call)


def _string_surgery(context: ModuleContext, call: cst.Call) -> None:
    """``URL.replace("/models", "/pipeline/feature-extraction")`` on a model URL that becomes the router's.

    On the router the task follows the id, so the surgery becomes an append (or nothing, for tasks that
    ``/models/{id}`` serves directly). Any other surgery on a legacy URL is marked.
    """
    func = call.func
    if not (isinstance(func, cst.Attribute) and func.attr.value == "replace" and isinstance(func.value, cst.Name)):
        return
    value = context.resolve_name(func.value)
    template = next((t for n, t in context.strings if n is value), None)
    legacy = urls.parse_legacy(template.text) if template and urls.is_legacy(template.text) else None
    if legacy is None or len(call.args) != 2:
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
    context.replace(call, cst.parse_expression(func.value.value + suffix), "HFM102")


def _literal_url(
    context: ModuleContext, node: cst.BaseExpression, template: StringTemplate, local: LocalPrefixes
) -> None:
    stripped = template.text.strip()
    legacy = urls.parse_legacy(stripped)
    if legacy is None or stripped != template.text or legacy.kind in urls.NO_EQUIVALENT:
        return  # no equivalent (HFM104): the finding carries its marker (rules/legacy_urls.py)
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
    target = _target(context, node, template, legacy)
    if target is None:
        if legacy.kind is urls.UrlKind.HOST:
            context.mark(node, "HFM105", "this prefix has no router equivalent; rewrite each URL built from it")
        return
    _write(context, node, template, target, _code_for(legacy))
    mark_unavailable(context, node, legacy, template)
    if legacy.kind is urls.UrlKind.MODEL_CHAT:
        model = urls.display(legacy.model or "", template.names)
        context.mark(node, "HFM103", f"the router takes the model in the request body: send model={model!r}")


def _blockers(context: ModuleContext, node: cst.BaseExpression, local: LocalPrefixes) -> tuple[str, ...]:
    if id(node) in local.blocked:
        return local.blocked[id(node)]
    statement = context.statement_of(node)
    assign = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and statement.body else None
    if isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name):
        prefix = context.prefixes.get(assign.targets[0].target.value)
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
    statement = context.statement_of(node)
    assign = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and statement.body else None
    if not (
        isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name)
    ):
        return False
    prefix = context.prefixes.get(assign.targets[0].target.value)
    return prefix is not None and prefix.constant_rewritten


def _only_fetched_with_get(context: ModuleContext, node: cst.BaseExpression) -> bool:
    """``requests.get(URL)`` on a model URL read its task or status; it never ran the model."""
    parent = context.parent(node)
    uses: list[cst.CSTNode] = [node]
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        target = parent.targets[0].target
        uses = [n for n in _names_by_value(context).get(target.value, ()) if n is not target]
    return bool(uses) and all(_first_argument_of_get(context, use) for use in uses)


_NAME_INDEX: list[tuple[dict, dict[str, list[cst.Name]], int]] = []  # (context.nodes, Names by value, size)


def _names_by_value(context: ModuleContext) -> dict[str, list[cst.Name]]:
    """Every Name node of the module by its value, built once per module rather than once per URL constant."""
    if _NAME_INDEX and _NAME_INDEX[0][0] is context.nodes and _NAME_INDEX[0][2] == len(context.nodes):
        return _NAME_INDEX[0][1]
    index: dict[str, list[cst.Name]] = {}
    for node in context.nodes.values():
        if isinstance(node, cst.Name):
            index.setdefault(node.value, []).append(node)
    _NAME_INDEX[:] = [(context.nodes, index, len(context.nodes))]
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


def _join_site(
    context: ModuleContext, node: cst.BaseExpression, template: StringTemplate, local: LocalPrefixes
) -> None:
    """A URL that starts with a prefix constant: rewrite it only when the constant's rewrite is not enough."""
    head = urls.placeholder(0)
    if not template.text.startswith(head) or not isinstance(template.dynamic[0], (cst.Name, cst.Attribute)):
        return
    name = context.code(template.dynamic[0])  # NAME, or module.NAME (``import config``)
    scope = context.scope_of(node)
    prefix = local.prefixes.get((id(scope.node), name))
    if (
        prefix is None
        and isinstance(scope.node, cst.FunctionDef)
        and (name in scope.assignments or _is_parameter(scope.node, name))
    ):
        return  # a local or parameter of the same name: not the module's constant
    prefix = prefix or context.prefixes.get(name)
    if prefix is None:
        return
    resolved = prefix.value + template.text[len(head) :]
    legacy = urls.parse_legacy(resolved)
    if legacy is None:
        return
    mark_unavailable(context, node, legacy, template)
    if _unchanged_by_constant_rewrite(prefix, legacy):
        return
    target = _target(context, node, template, legacy)
    if target is None:
        return
    target = _relative_to_constant(prefix, target)
    if prefix.overridable and not target.startswith(head):
        context.mark(
            node,
            _code_for(legacy),
            f"{name} comes from the environment first: this URL would become "
            f"{urls.display(target, template.names)}; migrate {name}'s value and "
            "this join together, by hand",
        )
        return
    _write(context, node, template, target, _code_for(legacy))


def _is_parameter(function: cst.FunctionDef, name: str) -> bool:
    parameters = function.params
    every = [*parameters.posonly_params, *parameters.params, *parameters.kwonly_params]
    every += [p for p in (parameters.star_arg, parameters.star_kwarg) if isinstance(p, cst.Param)]
    return any(param.name.value == name for param in every)


def _target(
    context: ModuleContext, node: cst.BaseExpression, template: StringTemplate, legacy: urls.LegacyUrl
) -> str | None:
    """The router URL for ``legacy``; endpoints with no equivalent get their HFM104 marker here and give None."""
    if legacy.kind in urls.NO_EQUIVALENT:
        context.mark(node, "HFM104", urls.no_equivalent_advice(legacy, template.names))
        return None
    return urls.router_equivalent(_mapped(context, legacy))


def _unchanged_by_constant_rewrite(prefix: LegacyPrefix, legacy: urls.LegacyUrl) -> bool:
    if not prefix.constant_rewritten:
        return False
    prefix_path = urls.parse_legacy(prefix.value).path.strip("/")  # type: ignore[union-attr]
    return prefix_path == "models" or (legacy.kind is urls.UrlKind.MODEL and legacy.path.startswith("/models/"))


def _relative_to_constant(prefix: LegacyPrefix, target: str) -> str:
    """Keep using the constant when its new value is a prefix of the target URL."""
    if prefix.constant_rewritten:
        new_prefix = urls.translate(prefix.value) or ""
        if new_prefix and target.startswith(new_prefix.rstrip("/")):
            return urls.placeholder(0) + target[len(new_prefix.rstrip("/")) :]
    return target


def _mapped(context: ModuleContext, legacy: urls.LegacyUrl) -> urls.LegacyUrl:
    if legacy.model and legacy.model in context.models:
        return replace(legacy, model=context.models[legacy.model])
    return legacy


def _code_for(legacy: urls.LegacyUrl) -> str:
    from hfmigrate.rules.legacy_urls import URL_KIND_CODES

    return URL_KIND_CODES[legacy.kind]


def _write(context: ModuleContext, node: cst.BaseExpression, template: StringTemplate, target: str, code: str) -> None:
    new = retemplate(node, template, target, context.module)
    if new is None:
        context.mark(node, code, f"rewrite this URL to {urls.display(target, template.names)}")
    else:
        context.replace(node, new, code)
