"""The POSTs to a legacy ``/models/{id}`` URL in a module, each with the bodies it sends and where its result goes.

A site's body is an inline dict, a variable, or the parameter of a thin wrapper (then each of the wrapper's calls
in the module brings its own body); its result is followed by :mod:`.flow` from the request call onwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from hfmigrate import urls
from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import StringTemplate, keyword, string_value
from hfmigrate.rules.text_generation_chat import names
from hfmigrate.rules.text_generation_chat.flow import Flow, Kind, follow
from hfmigrate.rules.text_generation_chat.payload import Blocked, Body, WrapperParameter, body_source, request_body


@dataclass
class Site:
    """One POST to a legacy model URL, with the bodies it sends and where its result goes."""

    call: cst.Call
    url_node: cst.BaseExpression
    template: StringTemplate
    legacy: urls.LegacyUrl
    source: Body | WrapperParameter | Blocked
    bodies: list[tuple[cst.Call | None, Body | Blocked]] = field(default_factory=list)  # (wrapper call, body)
    flow: Flow = field(default_factory=Flow)


# --- finding the sites -----------------------------------------------------------------------------------------


def find_site(context: ModuleContext, call: cst.Call, templates: dict) -> Site | None:
    url_arg = post_url(call)
    if url_arg is None:
        return None
    url_node: cst.BaseExpression | None = url_arg.value
    if isinstance(url_node, cst.Name):
        url_node = context.resolve_name(url_node)
    if url_node is None or id(url_node) not in templates:
        return None
    template = templates[id(url_node)]
    legacy = context.legacy_url(template)
    if legacy is None or legacy.kind is not urls.UrlKind.MODEL or legacy.rest or legacy.tail:
        return None
    site = Site(call, url_node, template, legacy, body_source(context, request_body(call, context)))
    if isinstance(site.source, WrapperParameter):
        site.bodies = _wrapper_bodies(context, site.source)
    else:
        site.bodies = [(None, site.source)]
    follow(context, call, Kind.RESPONSE, site.flow)
    return site


def _wrapper_bodies(context: ModuleContext, wrapper: WrapperParameter) -> list[tuple[cst.Call | None, Body | Blocked]]:
    """The body each call of the wrapper passes; a Blocked entry where one cannot be followed."""
    bodies: list[tuple[cst.Call | None, Body | Blocked]] = []
    name = wrapper.function.name.value
    for load in names.loads_of_function(context, wrapper.function):
        call = context.parent(load)
        line = names.line_ref(context, load)
        if not (isinstance(call, cst.Call) and call.func is load):
            bodies.append((None, Blocked(load, f"line {line}: `{name}` is passed as a value")))
            continue
        arg = keyword(call, wrapper.load.value)
        positional = [a for a in call.args if a.keyword is None]
        if arg is None and 0 <= wrapper.index < len(positional):
            arg = positional[wrapper.index]
        found = body_source(context, arg.value if arg is not None and not arg.star else None)
        if isinstance(found, WrapperParameter):
            found = Blocked(call, "the body is a parameter of the caller")
        if isinstance(found, Blocked):
            found = Blocked(found.node, f"the call at line {line}: {found.reason}")
        bodies.append((call, found))
    if not bodies:
        bodies.append(
            (None, Blocked(wrapper.function, f"`{name}` is not called in this module (its callers are out of reach)"))
        )
    return bodies


def post_url(call: cst.Call) -> cst.Arg | None:
    """The URL argument of ``x.post(url, ...)`` or ``x.request("POST", url, ...)``; None for anything else."""
    if not isinstance(call.func, cst.Attribute):
        return None
    positional = [arg for arg in call.args if arg.keyword is None]
    if call.func.attr.value == "post":
        return keyword(call, "url") or (positional[0] if positional else None)
    if call.func.attr.value == "request":
        method = keyword(call, "method") or (positional[0] if positional else None)
        if method is not None and (string_value(method.value) or "").upper() == "POST":
            return keyword(call, "url") or (positional[1] if len(positional) > 1 else None)
    return None
