"""Where a request's body comes from, and whether it can become a chat body.

    payload = {"inputs": prompt}                    a dict held in a variable (local or module level) ...
    payload["parameters"] = {"max_new_tokens": 9}   ... and built over several statements before the call
    requests.post(URL, json=payload)

    def query(payload):                             the parameter of a thin wrapper: the dicts are at the
        return requests.post(URL, json=payload)     wrapper's call sites, each analysed like the above
                                                    (see ``wrappers``)

What blocks a conversion (each a :class:`Blocked` with its reason): ``**`` in the dict, comments inside it,
a body also used for anything else, changed after the call or by ``.update``, assigned more than once, or
built somewhere rewrite cannot see.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from hfmigrate.engine.walk import walk
from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import dict_items, keyword, subscript_key
from hfmigrate.rules.text_generation_chat import names

TOP_LEVEL_BUILDERS = ("inputs", "parameters")


@dataclass
class Builder:
    """``payload["parameters"] = {...}``, ``payload["parameters"]["top_p"] = 0.9`` or ``payload["inputs"] = p``."""

    assign: cst.Assign
    keys: tuple[str, ...]

    @property
    def value(self) -> cst.BaseExpression:
        return self.assign.value


@dataclass
class Body:
    """A legacy request body in reach: the dict, and the statements that add keys to it before the call."""

    node: cst.Dict
    builders: list[Builder] = field(default_factory=list)

    def item(self, key: str) -> cst.BaseExpression | None:
        """The value the body sends for a top-level ``key`` (a builder wins over the dict)."""
        for builder in reversed(self.builders):
            if builder.keys == (key,):
                return builder.value
        element = dict(dict_items(self.node)).get(key)
        return element.value if element is not None else None

    def parameter_keys(self) -> set[str]:
        keys: set[str] = set()
        parameters = self.item("parameters")
        if isinstance(parameters, cst.Dict):
            keys |= {key for key, _ in dict_items(parameters)}
        keys |= {b.keys[1] for b in self.builders if len(b.keys) == 2 and b.keys[0] == "parameters"}
        return keys


@dataclass
class WrapperParameter:
    """The body is the parameter ``name`` of ``function``: its call sites hold the dicts."""

    function: cst.FunctionDef
    load: cst.Name
    index: int  # position of the parameter, for positional call sites


@dataclass
class Blocked:
    node: cst.CSTNode
    reason: str


def request_body(call: cst.Call, context: ModuleContext) -> cst.BaseExpression | None:
    """The body expression of ``post(url, json=X)`` or ``post(url, data=json.dumps(X))``."""
    arg = keyword(call, "json")
    if arg is not None:
        return arg.value
    data = keyword(call, "data")
    dumped = data.value if data else None
    if isinstance(dumped, cst.Call) and dumped.args and context.code(dumped.func) in ("json.dumps", "dumps"):
        return dumped.args[0].value
    return None


def body_source(context: ModuleContext, expression: cst.BaseExpression | None) -> Body | WrapperParameter | Blocked:
    """What ``expression`` (the body handed to a request or to a wrapper) is."""
    if expression is None:
        return Blocked(context.module, "no JSON body (raw bytes, or none)")
    if isinstance(expression, cst.Dict):
        return _checked(context, Body(expression))
    if not isinstance(expression, cst.Name):
        return Blocked(expression, f"the body `{_short(context, expression)}` is built where rewrite cannot see")
    function = names.function_of(context, expression)
    binding = names.binding_for(context, expression)
    if binding is None and function is not None and expression.value in names.parameters(function):
        return _wrapper_parameter(context, function, expression)
    if binding is None or not isinstance(binding.value, cst.Dict) or len(binding.targets) != 1:
        return Blocked(expression, f"`{expression.value}` is not one dict assigned in reach")
    loads = names.loads_reached(context, binding, expression.value)
    if loads is None:
        return Blocked(expression, f"`{expression.value}` is assigned more than once at module level")
    body = Body(binding.value)
    for load in loads:
        if load is expression:
            continue
        builder = _builder(context, load)
        if builder is None:
            return Blocked(load, f"the body `{expression.value}` is also used at line {names.line_ref(context, load)}")
        if names.position(context, load) > names.position(context, expression):
            return Blocked(
                load, f"the body `{expression.value}` is changed after the call (line {names.line_ref(context, load)})"
            )
        if isinstance(builder, Blocked):
            return builder
        body.builders.append(builder)
    return _checked(context, body)


def _wrapper_parameter(context: ModuleContext, function: cst.FunctionDef, load: cst.Name) -> WrapperParameter | Blocked:
    others = [n for n in names.descendants_named(context, function, load.value) if n is not load]
    if others:
        return Blocked(
            others[0], f"the parameter `{load.value}` is also used at line {names.line_ref(context, others[0])}"
        )
    positional = [p.name.value for p in (*function.params.posonly_params, *function.params.params)]
    index = positional.index(load.value) if load.value in positional else -1
    return WrapperParameter(function, load, index)


def _builder(context: ModuleContext, load: cst.Name) -> Builder | Blocked | None:
    """``load`` as the base of ``load["k"] = v`` or ``load["parameters"]["k"] = v``; None for any other use."""
    keys: list[str] = []
    node: cst.CSTNode = load
    while isinstance(parent := context.parent(node), cst.Subscript) and parent.value is node:
        node = parent
        key = subscript_key(parent)
        if key is None:
            return None
        keys.append(key)
    target = context.parent(node)
    assign = context.parent(target) if isinstance(target, cst.AssignTarget) else None
    if not keys or not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
        method = context.parent(load)
        if isinstance(method, cst.Attribute) and method.attr.value in ("update", "setdefault", "pop"):
            return Blocked(
                load, f"the body is changed with `.{method.attr.value}` at line {names.line_ref(context, load)}"
            )
        return None
    if len(keys) > 2 or (len(keys) == 2 and keys[0] != "parameters"):
        line = names.line_ref(context, load)
        return Blocked(load, f"a nested key of the body is set at line {line}")
    if keys == ["parameters"] and not isinstance(assign.value, cst.Dict):
        return Blocked(load, f"the parameters are built elsewhere (line {names.line_ref(context, load)})")
    if keys == ["options"]:
        return Blocked(load, f"legacy options are set at line {names.line_ref(context, load)}")
    return Builder(assign, tuple(keys))


def _checked(context: ModuleContext, body: Body) -> Body | Blocked:
    for dict_node in (body.node, body.item("parameters")):
        if not isinstance(dict_node, cst.Dict):
            continue
        if any(not isinstance(element, cst.DictElement) for element in dict_node.elements):
            return Blocked(dict_node, "the body is built with ** (its keys are not known)")
        if _has_comment(body.node):
            return Blocked(body.node, "comments inside the body (a rebuilt dict would lose them)")
    parameters = body.item("parameters")
    if parameters is not None and not isinstance(parameters, cst.Dict):
        return Blocked(parameters, "the parameters are built elsewhere")
    return body


def _has_comment(node: cst.CSTNode) -> bool:
    comments = _Comments()
    walk(node, comments, trivia=True)
    return comments.found


class _Comments(cst.CSTVisitor):
    """Defined once: a class made per call is a reference cycle, and the rewrite runs without the cyclic collector."""

    found = False

    def visit_Comment(self, comment: cst.Comment) -> None:
        self.found = True


def _short(context: ModuleContext, node: cst.CSTNode) -> str:
    code = " ".join(context.code(node).split())
    return code if len(code) <= 40 else code[:37] + "..."
