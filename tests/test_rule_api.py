"""The rule API beneath the rule modules: catalogue entries, needles, registration, the registry, outcomes."""

from __future__ import annotations

import libcst as cst
import pytest

from hfmigrate import rules
from hfmigrate.engine.python import run_python_checks
from hfmigrate.engine.rule_api import (
    CatalogueEntry,
    FileKind,
    Fix,
    FixKind,
    Needle,
    PythonViolation,
    Registry,
    RuleFamily,
    SpanEdit,
    TextViolation,
)


def _entry(code: str, **extra) -> CatalogueEntry:
    return CatalogueEntry(code, "a-name", "summary", "explanation", "before", "after", **extra)


def test_catalogue_entry_fix_kind_and_the_older_fixable_flag_agree():
    assert _entry("HFM601", fix=FixKind.EDIT).fixable is True
    assert _entry("HFM601", fix=FixKind.MARKER).fixable is False
    assert _entry("HFM101", fixable=True).fix is FixKind.EDIT
    assert _entry("HFM101").fix is FixKind.MARKER
    assert _entry("HFM601").family == "router URLs and calls that do not work today"


def test_needle_alone_or_with_its_companion():
    alone = Needle(b"stop_sequences")
    paired = Needle(b"text_generation", companion=b"InferenceClient")
    assert alone.alone and not paired.alone
    assert alone.found_in(b"x(stop_sequences=1)")
    assert not paired.found_in(b"pipe.text_generation(x)")
    assert paired.found_in(b"InferenceClient().text_generation(x)")


def test_registry_needles_per_kind_and_may_match():
    family = RuleFamily("demo")
    family.needle(Needle(b"py-only", frozenset({FileKind.PYTHON})), Needle(b"anywhere"))
    registry = Registry([family])
    assert [n.text for n in registry.needles(FileKind.TEXT)] == [b"anywhere"]
    assert len(registry.needles()) == 2
    assert registry.may_match(b"... py-only ...", FileKind.PYTHON)
    assert not registry.may_match(b"... py-only ...", FileKind.TEXT)
    assert not registry.may_match(b"nothing here")


def test_registry_refuses_a_code_declared_twice():
    first, second = RuleFamily("a"), RuleFamily("b")
    first.entry(_entry("HFM699"))
    second.entry(_entry("HFM699"))
    with pytest.raises(ValueError, match="HFM699"):
        Registry([first, second])


def test_text_checks_run_only_where_their_family_has_a_needle():
    family = RuleFamily("demo")
    family.needle(Needle(b"bad"))

    @family.text()
    def check(text: str):
        start = text.find("bad")
        yield TextViolation("HFM699", "bad", start, start + 3, Fix((SpanEdit(start, start + 3, "good"),)))

    registry = Registry([family])
    assert [v.start for v in registry.run_text("a bad day")] == [2]
    assert registry.run_text("a fine day") == []


def test_a_text_check_may_ask_where_it_runs():
    family = RuleFamily("demo")
    family.needle(Needle(b"pin"))

    @family.text(where=True)
    def check(text: str, where):
        if where.name == "requirements.txt":
            yield TextViolation("HFM699", f"pin in {where.path}", 0, 3)

    registry = Registry([family])
    assert [v.message for v in registry.run_text("pin", path="app/requirements.txt")] == ["pin in app/requirements.txt"]
    assert registry.run_text("pin", path="app/notes.md") == []


def test_python_checks_are_called_on_their_node_type_with_the_module_facts():
    family = RuleFamily("demo")

    @family.python("Call")
    def check(node: cst.Call, view):
        if isinstance(node.func, cst.Attribute) and view.client_of(node.func.value) is not None:
            yield PythonViolation("HFM699", "client call", node)

    module = cst.parse_module(
        "from huggingface_hub import InferenceClient as IC\n"
        "def f(c):\n    return c.chat_completion(m)\n"
        "client = IC(model='m', provider='together')\nclient.chat_completion(m)\n"
    )
    found = run_python_checks(module, family.python_checks)
    assert [module.code_for_node(v.node) for v in found] == ["client.chat_completion(m)"]


def test_an_unknown_node_type_is_a_clear_error():
    family = RuleFamily("demo")
    family.python("NoSuchNode")(lambda node, view: ())
    with pytest.raises(TypeError, match="NoSuchNode"):
        run_python_checks(cst.parse_module("x = 1\n"), family.python_checks)


def test_the_catalogue_holds_every_family_entry_once_and_sorted():
    codes = [rule.code for rule in rules.RULES]
    assert codes == sorted(set(codes))
    assert {entry.code for entry in rules.REGISTRY.entries} <= set(codes)
    assert rules.get("hfm305") is rules.BY_CODE["HFM305"]


def test_a_needle_may_match_in_any_case_beside_case_sensitive_ones():
    family = RuleFamily("demo")
    family.needle(Needle(b"-wait-for-model", ignore_case=True), Needle(b"exact"))
    registry = Registry([family])
    assert registry.may_match(b'headers = {"X-Wait-For-Model": "1"}')
    assert registry.may_match(b"exact")
    assert not registry.may_match(b"EXACT wait_for_model")


def test_a_needle_names_the_statements_it_makes_relevant():
    from hfmigrate import needles

    family = RuleFamily("demo", statements=(b'"inputs"',))
    family.needle(
        Needle(b"stop_sequences", frozenset({FileKind.PYTHON})),
        Needle(b"use_cache", statements=(b'"use_cache"',)),
        Needle(b"messages", statements=()),
        Needle(b"pinned", frozenset({FileKind.DEPENDENCY})),  # a dependency file's: no statement of a module
    )
    registry = Registry([family])
    engine = ("hfmigrate",)  # the engine's (comments.ENGINE_NEEDLES: markers and ignore comments)
    assert needles.statement_needles(registry) == ("stop_sequences", '"use_cache"', *engine, '"inputs"')


def test_a_needle_for_text_files_hands_a_notebook_line_to_the_text_rewrite():
    from hfmigrate import needles

    family = RuleFamily("demo")
    family.needle(
        Needle(b"stop_sequences", frozenset({FileKind.PYTHON})),  # a Python needle sends no shell line on
        Needle(b"-wait-for-model", ignore_case=True),
        Needle(b"api-inference", frozenset({FileKind.TEXT}), companion=b"never"),  # the text alone decides
    )
    registry = Registry([family])
    assert needles.holds_text_needle("!curl https://api-inference.huggingface.co/x", registry)
    assert needles.holds_text_needle("!curl -H 'X-Wait-For-Model: 1' $URL", registry)
    assert not needles.holds_text_needle("!python run.py --stop_sequences x", registry)
    assert not needles.holds_text_needle("!pip install huggingface_hub", registry)


def test_the_prefilter_asks_for_a_parse_only_for_families_with_python_checks():
    from hfmigrate import needles

    checked, texts = RuleFamily("checked"), RuleFamily("texts")

    @checked.python("Call")
    def check(node, view):
        yield from ()

    checked.needle(Needle(b"parsed"), Needle(b"pinned", frozenset({FileKind.DEPENDENCY})))
    texts.needle(Needle(b"read-as-text"))
    registry = Registry([checked, texts])
    assert [n.text for n in needles.parse_needles(registry)] == [b"parsed"]
    assert [n.text for n in needles.text_needles(registry)] == [b"read-as-text", b"hfmigrate: TODO"]


def test_python_view_says_whether_the_module_talks_to_hf_inference():
    family = RuleFamily("demo")

    @family.python("Module")
    def check(node: cst.Module, view):
        if view.talks_to_hf_inference:
            yield PythonViolation("HFM699", "hf", node)

    def gate(source: str) -> bool:
        return bool(run_python_checks(cst.parse_module(source), family.python_checks))

    assert gate("from huggingface_hub import InferenceClient\n")
    assert gate('payload = {"inputs": x}\n')
    assert gate("payload = dict(inputs=x)\n")
    assert gate('URL = "https://router.huggingface.co/v1"\n')
    assert gate("# see https://api-inference.huggingface.co/models/gpt2\n")
    assert not gate('config = {"use_cache": True}\nprint(f"{InferenceClient}")\n')  # names inside strings do not count
    assert not gate("from mylib import dict\npayload = dict(inputs=x)\n")


def test_a_family_without_needles_runs_in_every_parsed_module_and_adds_no_prefilter_needle():
    """HFM205's words ("stream", "token") are everywhere: its checks run where other rules have the module parsed."""
    secondary = RuleFamily("secondary")

    @secondary.python("Subscript")
    def check(node, view):
        yield PythonViolation("HFM699", "read", node)

    alone = Registry([RuleFamily("other"), secondary])
    assert alone.may_match(b"x = y['token']['text']", FileKind.PYTHON)
    assert not alone.may_match(b"x = y['token']['text']", FileKind.TEXT)
    assert alone.needles() == ()
    assert not rules.REGISTRY.may_match(b"stream = {'inputs': x, 'stream': True}", FileKind.TEXT)


def test_a_family_without_needles_is_walked_only_where_its_walk_gate_is():
    """A walk gate spares the Python walk in modules that cannot hold the family's findings (10,000 URL constants)."""
    gated = RuleFamily("gated", walk_gate=(b"token", b"stream"))

    @gated.python("Subscript")
    def check(node, view):
        yield PythonViolation("HFM699", "read", node)

    registry = Registry([gated])
    assert registry.may_match(b"x = y['token']['text']", FileKind.PYTHON)
    assert registry.may_match(b"payload = {'stream': True}", FileKind.PYTHON)
    assert not registry.may_match(b'URL_0 = "https://api-inference.huggingface.co/models/gpt2"', FileKind.PYTHON)
    assert registry.needles() == ()
    assert Registry([gated, RuleFamily("ungated")]).may_match(b"x = 1", FileKind.PYTHON) is False
    from hfmigrate.rules.legacy_urls import PYTHON_HOST_NEEDLE  # what the ast scan reads itself (scan/plain_urls.py)

    assert not rules.REGISTRY.may_match(
        b'URL_0 = "https://api-inference.huggingface.co/models/gpt2"\n', FileKind.PYTHON, without=PYTHON_HOST_NEEDLE
    )


def test_module_fixes_that_claim_plan_first_in_the_families_order():
    first, second = RuleFamily("first"), RuleFamily("second")
    planned: list[str] = []
    first.module_fix("HFM601")(lambda context: planned.append("first, not claiming"))
    second.module_fix("HFM602", claims=True)(lambda context: planned.append("second, claiming"))
    first.module_fix("HFM603", claims=True)(lambda context: planned.append("first, claiming"))
    registry = Registry([first, second])
    for fix in registry.module_fixes():
        fix.plan(None)
    assert planned == ["first, claiming", "second, claiming", "first, not claiming"]
    assert [fix.codes for fix in registry.module_fixes()] == [("HFM603",), ("HFM602",), ("HFM601",)]


def test_the_module_fixes_rewrite_plans_and_their_order():
    """The client on a per-model URL claims it before the chat conversion, which claims its URLs before the joins
    of a prefix constant are planned (tests/rules/test_legacy_urls_clients.py holds the outcome)."""
    names = [(fix.family, fix.plan.__name__, fix.claims) for fix in rules.REGISTRY.module_fixes()]
    assert names == [
        ("legacy_urls", "clients_on_model_urls", True),
        ("text_generation", "llm_calls_to_chat", True),
        ("legacy_urls", "prefix_constant_joins", False),
    ]
