"""HFM306's conversion, the imports: in a module whose ``HuggingFaceHub`` is migrated, LangChain 0.x imports move
to where the names live today, and ``HuggingFaceHub`` becomes ``langchain_huggingface.HuggingFaceEndpoint``.

    from langchain import HuggingFaceHub, LLMChain, PromptTemplate
    →   from langchain_classic.chains import LLMChain
        from langchain_core.prompts import PromptTemplate
        from langchain_huggingface import HuggingFaceEndpoint

    from langchain.chains import LLMChain   →   from langchain_classic.chains import LLMChain

langchain 1.x has no names at its root and no ``langchain.chains`` / ``langchain.prompts`` / ``langchain.llms``
modules (langchain 1.5.2's wheel), so these imports fail with ImportError once the project installs today's
langchain. The homes are the ones langchain-classic 1.0.8 names in its own deprecation messages: the legacy chains
in ``langchain_classic.chains``, the prompt templates in ``langchain_core.prompts``. A name on such a line whose
home is not known stays where it was, and the line gets a marker naming it.
"""

from __future__ import annotations

import libcst as cst

from hfmigrate.planning.module_plan import ModuleContext
from hfmigrate.pysyntax import dotted_name

CODE = "HFM306"
HUB_CLASS = "HuggingFaceHub"
ENDPOINT_MODULE, ENDPOINT = "langchain_huggingface", "HuggingFaceEndpoint"
#: modules that langchain 1.x no longer has (their names must be imported from their new homes)
REMOVED_MODULES = frozenset({"langchain", "langchain.llms", "langchain.chains", "langchain.prompts"})
#: modules that held HuggingFaceHub (langchain_community still exists: its other names stay)
HUB_MODULES = REMOVED_MODULES | {
    "langchain.llms.huggingface_hub",
    "langchain_community.llms",
    "langchain_community.llms.huggingface_hub",
}
CORE_PROMPTS = "langchain_core.prompts"
CLASSIC_CHAINS = "langchain_classic.chains"
PROMPT_TEMPLATES = frozenset(
    {
        "PromptTemplate",
        "BasePromptTemplate",
        "FewShotPromptTemplate",
        "ChatPromptTemplate",
        "MessagesPlaceholder",
        "HumanMessagePromptTemplate",
        "SystemMessagePromptTemplate",
        "AIMessagePromptTemplate",
    }
)
CLASSIC_CHAIN_NAMES = frozenset({"LLMChain", "ConversationChain", "SequentialChain", "SimpleSequentialChain"})


def new_home(module: str, name: str) -> str | None:
    """Where ``from {module} import {name}`` lives in today's LangChain; None when unknown or unchanged."""
    if module not in REMOVED_MODULES:
        return None
    if name in PROMPT_TEMPLATES and module in ("langchain", "langchain.prompts"):
        return CORE_PROMPTS
    if module == "langchain.chains" or (module == "langchain" and name in CLASSIC_CHAIN_NAMES):
        return CLASSIC_CHAINS
    return None


def move_other_imports(context: ModuleContext) -> None:
    """Rewrite each LangChain 0.x ``from`` import of the module that does not import ``HuggingFaceHub`` (those are
    findings of their own, each moved by its fix). Planning it again plans the same edits."""
    for node in _hub_module_imports(context):
        if not any(dotted_name(alias.name) == HUB_CLASS for alias in node.names):  # type: ignore[union-attr]
            move_one(context, node, wrapped=False)


def move_one(context: ModuleContext, node: cst.ImportFrom, wrapped: bool) -> None:
    for old, new in _move(context, node, wrapped).items():
        if old != new:
            context.renames[old] = new


def endpoint_names(context: ModuleContext) -> dict[str, str]:
    """Old local name of ``HuggingFaceHub`` → the name its call takes once the imports are moved."""
    renamed: dict[str, str] = {}
    for node in _hub_module_imports(context):
        for alias in node.names:  # type: ignore[union-attr]
            if dotted_name(alias.name) == HUB_CLASS:
                local = cst.ensure_type(alias.asname.name, cst.Name).value if alias.asname else HUB_CLASS
                renamed[local] = local if alias.asname else ENDPOINT
    return renamed


def _hub_module_imports(context: ModuleContext) -> list[cst.ImportFrom]:
    return [
        node
        for node in context.nodes.values()
        if isinstance(node, cst.ImportFrom)
        and node.module is not None
        and not node.relative
        and not isinstance(node.names, cst.ImportStar)
        and dotted_name(node.module) in HUB_MODULES
    ]


def _move(context: ModuleContext, node: cst.ImportFrom, wrapped: bool) -> dict[str, str]:
    module = dotted_name(node.module)
    if isinstance(node.names, cst.ImportStar):
        return {}
    groups: dict[str, list[cst.ImportAlias]] = {}
    comments: dict[str, list[str]] = {}  # target module → the comments written after its names
    renamed: dict[str, str] = {}
    stranded: list[str] = []
    for alias, comment in _with_their_comments(node):
        name = dotted_name(alias.name)
        if comment:
            target = ENDPOINT_MODULE if name == HUB_CLASS else (new_home(module, name) or module)
            comments.setdefault(target, []).append(comment)
        if name == HUB_CLASS:
            extras = ["ChatHuggingFace"] if wrapped else []
            groups.setdefault(ENDPOINT_MODULE, []).extend(cst.ImportAlias(cst.Name(n)) for n in extras)
            groups[ENDPOINT_MODULE].append(cst.ImportAlias(cst.Name(ENDPOINT), asname=alias.asname))
            local = cst.ensure_type(alias.asname.name, cst.Name).value if alias.asname else name
            renamed[local] = local if alias.asname else ENDPOINT
            continue
        home = new_home(module, name)
        if home is None and module in REMOVED_MODULES:
            stranded.append(name)
        groups.setdefault(home or module, []).append(cst.ImportAlias(alias.name, asname=alias.asname))
    if list(groups) == [module]:
        return renamed  # nothing moves
    line = context.parent(node)
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return {}
    ordered = sorted(groups, key=lambda target: (target != module, target))
    opening = node.lpar.whitespace_after if node.lpar is not None else None  # "import (  # comment"
    if isinstance(opening, cst.ParenthesizedWhitespace) and opening.first_line.comment is not None:
        comments.setdefault(ordered[0], []).insert(0, opening.first_line.comment.value)
    statements = [cst.ImportFrom(module=_module_name(target), names=_with_commas(groups[target])) for target in ordered]
    first = line.with_changes(body=[statements[0]])
    if ordered[0] in comments and line.trailing_whitespace.comment is None:
        first = first.with_changes(trailing_whitespace=_trailing(comments[ordered[0]]))
    rest = [
        cst.SimpleStatementLine(body=[statement], trailing_whitespace=_trailing(comments.get(target, [])))
        for target, statement in zip(ordered[1:], statements[1:])
    ]
    context.replace(line, cst.FlattenSentinel([first, *rest]), CODE)  # type: ignore[arg-type]
    if stranded:
        names = ", ".join(f"`{name}`" for name in stranded)
        context.mark(
            line,
            CODE,
            f"langchain 1.x has no `{module}` module to import {names} from: import it from its package today "
            "(langchain_classic, langchain_core or langchain_community)",
        )
    return renamed


def _with_their_comments(node: cst.ImportFrom) -> list[tuple[cst.ImportAlias, str | None]]:
    """Each name of a parenthesised import with the comment that ends its line, so the comment moves with it."""
    assert not isinstance(node.names, cst.ImportStar)
    names = list(node.names)
    found: list[tuple[cst.ImportAlias, str | None]] = []
    for index, alias in enumerate(names):
        after = alias.comma.whitespace_after if isinstance(alias.comma, cst.Comma) else None
        if after is None and index == len(names) - 1 and node.rpar is not None:
            after = node.rpar.whitespace_before  # the last name without a comma: its line ends before ")"
        comment = after.first_line.comment if isinstance(after, cst.ParenthesizedWhitespace) else None
        found.append((alias, comment.value if comment else None))
    return found


def _trailing(comments: list[str]) -> cst.TrailingWhitespace:
    if not comments:
        return cst.TrailingWhitespace()
    return cst.TrailingWhitespace(whitespace=cst.SimpleWhitespace("  "), comment=cst.Comment("  ".join(comments)))


def _module_name(dotted: str) -> cst.Attribute | cst.Name:
    name = cst.parse_expression(dotted)
    if not isinstance(name, (cst.Attribute, cst.Name)):
        raise ValueError(f"not a dotted module name: {dotted!r}")
    return name


def _with_commas(aliases: list[cst.ImportAlias]) -> list[cst.ImportAlias]:
    last = len(aliases) - 1
    return [
        a.with_changes(
            comma=cst.MaybeSentinel.DEFAULT if i == last else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        )
        for i, a in enumerate(aliases)
    ]
