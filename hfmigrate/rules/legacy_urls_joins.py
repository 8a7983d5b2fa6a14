"""HFM101-HFM105 where no finding is: the joins of a prefix constant.

    HF_API_BASE = "https://api-inference.huggingface.co"          (its finding carries its fix: the constant's value)
    f"{HF_API_BASE}/pipeline/feature-extraction/{m}"
        → f"{HF_API_BASE}/models/{m}/pipeline/feature-extraction"
    MODEL = "gpt2"  (joined as f"{HF_API_BASE}/models/{MODEL}")  → MODEL = "openai-community/gpt2"  (--model-map)

A join names no host (the constant may be another module's), so scan has no finding there to carry its fix: this
module fix of the family (registered in :mod:`hfmigrate.rules.legacy_urls`) finds them, over the module's string
expressions, as rewrite's first pass over the tree found the constants (``rewrite/prefixes.py``,
``planning/local_prefixes.py``). A string that is itself a legacy URL is the finding's
(:mod:`hfmigrate.rules.legacy_urls_fix`), and so is string surgery on a name bound to it (``URL.replace(...)``).
"""

from __future__ import annotations

import libcst as cst

from hfmigrate import urls
from hfmigrate.planning.availability_markers import mark_unavailable
from hfmigrate.planning.local_prefixes import LocalPrefixes, local_prefixes_of
from hfmigrate.planning.module_plan import LegacyPrefix, ModuleContext
from hfmigrate.pysyntax import StringTemplate
from hfmigrate.rules.legacy_urls import URL_KIND_CODES
from hfmigrate.rules.legacy_urls_fix import router_target, write_url
from hfmigrate.rules.legacy_urls_model_map import map_model_constant


def plan_joins(context: ModuleContext) -> None:
    local = local_prefixes_of(context)
    if context.prefixes or local.prefixes:  # no constant holding the host: no join
        for node, template in context.strings:
            if not urls.is_legacy(template.text):
                _map_joined_model(context, template)
                if not context.is_claimed(node):
                    _join_site(context, node, template, local)


def _map_joined_model(context: ModuleContext, template: StringTemplate) -> None:
    """``--model-map`` for the model constant of ``f"{HF_API_BASE}/models/{MODEL}"`` (a module constant's join)."""
    legacy = context.legacy_url(template) if context.models else None  # (the template is no legacy URL itself)
    if legacy is not None:
        map_model_constant(context, template, legacy, URL_KIND_CODES[legacy.kind])


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
    target = router_target(context, node, template, legacy)
    if target is None:
        return
    target = _relative_to_constant(prefix, target)
    if prefix.overridable and not target.startswith(head):
        context.mark(
            node,
            URL_KIND_CODES[legacy.kind],
            f"{name} comes from the environment first: this URL would become "
            f"{urls.display(target, template.names)}; migrate {name}'s value and "
            "this join together, by hand",
        )
        return
    write_url(context, node, template, target, URL_KIND_CODES[legacy.kind])


def _is_parameter(function: cst.FunctionDef, name: str) -> bool:
    parameters = function.params
    every = [*parameters.posonly_params, *parameters.params, *parameters.kwonly_params]
    every += [p for p in (parameters.star_arg, parameters.star_kwarg) if isinstance(p, cst.Param)]
    return any(param.name.value == name for param in every)


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
