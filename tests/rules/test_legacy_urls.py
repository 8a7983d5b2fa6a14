"""HFM101-HFM108 (hfmigrate/rules/legacy_urls.py): the retired host's URLs. So far on the rule API: the entries,
the URL verdicts, and HFM106 (the host written as a pattern), in Python and in text."""

from hfmigrate import rules
from hfmigrate.rules import REGISTRY
from tests.rules.spec import noop, reported, rewrite, scan, transformed

HFM106_MARKER = (
    "# hfmigrate: TODO(HFM106): Legacy host inside a regular expression or pattern; see `hfmigrate rules HFM106`"
)
HFM106_TEXT_MARKER = (
    "// hfmigrate: TODO(HFM106): this pattern matches the retired host: update it to match the router URL"
)


def test_the_family_declares_its_entries_and_the_catalogue_keeps_them_once():
    family = next(f for f in REGISTRY.families if f.name == "legacy_urls")
    assert {e.code for e in family.entries} == {"HFM101", "HFM102", "HFM103", "HFM104", "HFM105", "HFM106", "HFM108"}
    assert rules.get("HFM101").name == "legacy-model-url" and rules.get("HFM101").fixable
    assert rules.get("HFM104").fixable is False and rules.get("HFM107").name == "text-generation-to-chat"


def test_transformed_a_raw_regex_gets_the_marker_above_its_statement():
    transformed(
        'import re\nPATTERN = re.compile(r"^https://api-inference\\.huggingface\\.co/models/.*$")\n',
        f'import re\n{HFM106_MARKER}\nPATTERN = re.compile(r"^https://api-inference\\.huggingface\\.co/models/.*$")\n',
    )


def test_transformed_escaped_backslashes_an_f_string_and_a_concatenation():
    transformed(
        "def mock(m):\n"
        '    a = "api-inference\\\\.huggingface\\\\.co"\n'
        '    b = rf"https://api-inference\\.huggingface\\.co/models/{m}"\n'
        '    c = (r"^https://api-inference\\.huggingface\\.co" r"/.*$")\n',
        "def mock(m):\n"
        f"    {HFM106_MARKER}\n"
        '    a = "api-inference\\\\.huggingface\\\\.co"\n'
        f"    {HFM106_MARKER}\n"
        '    b = rf"https://api-inference\\.huggingface\\.co/models/{m}"\n'
        f"    {HFM106_MARKER}\n"
        '    c = (r"^https://api-inference\\.huggingface\\.co" r"/.*$")\n',
    )


def test_transformed_a_pattern_in_a_comment_is_marked_above_the_statement_holding_it():
    transformed(
        "def mock():\n    # matches api-inference\\.huggingface\\.co in the recorded URLs\n    return 1\n",
        f"{HFM106_MARKER}\ndef mock():\n    # matches api-inference\\.huggingface\\.co in the recorded URLs\n    return 1\n",
    )


def test_each_pattern_is_one_finding_at_its_own_place_and_none_is_fixable():
    found = reported(
        'import re\nA = re.compile(r"api-inference\\.huggingface\\.co/a|api-inference\\.huggingface\\.co/b")\n',
        "HFM106",
    )
    assert [(f.line, f.column, f.end_column) for f in found] == [(2, 18, 48), (2, 51, 81)]


def test_a_pattern_and_a_url_in_one_module_are_two_codes():
    found = scan(
        'import re\nA = r"api-inference\\.huggingface\\.co"\nB = "https://api-inference.huggingface.co/models/gpt2"\n'
    )
    assert sorted(f.code for f in found) == ["HFM101", "HFM106"]


def test_noop_lookalikes_of_the_escaped_host():
    noop(
        'import re\nA = re.compile(r"^https://router\\.huggingface\\.co/hf-inference/models/.*$")\n'
        'B = re.compile(r"^https://internal\\.api-inference\\.huggingface\\.co/.*$")\n'
        'C = re.compile(r"huggingface\\.co/docs/api-inference/.*")\n'
        'D = b"api-inference\\\\.huggingface\\\\.co"\n'
    )
    assert not scan('D = b"api-inference\\\\.huggingface\\\\.co"\n')


def test_transformed_text_a_js_regex_gets_the_text_marker():
    transformed(
        "const LEGACY = /^https:\\/\\/api-inference\\.huggingface\\.co\\/models\\/.*$/;\n",
        f"{HFM106_TEXT_MARKER}\nconst LEGACY = /^https:\\/\\/api-inference\\.huggingface\\.co\\/models\\/.*$/;\n",
        path="mock.js",
    )


def test_text_without_comments_keeps_the_finding():
    source = "Mocks match `api-inference\\.huggingface\\.co` today.\n"
    noop(source, path="README.md")
    assert [f.code for f in scan(source, "README.md")] == ["HFM106"]


# --- HFM104: endpoints with no router equivalent --------------------------------------------------------------

L = "https://api-inference.huggingface.co"
HFM104_SUMMARY = "# hfmigrate: TODO(HFM104): Legacy endpoint with no router equivalent; see `hfmigrate rules HFM104`"


def test_transformed_a_status_url_gets_the_hub_advice_as_its_marker():
    transformed(
        f'import requests\nrequests.get(f"{L}/status/{{model}}")\n',
        "import requests\n"
        "# hfmigrate: TODO(HFM104): no router equivalent: ask the Hub, "
        "GET https://huggingface.co/api/models/{model}?expand[]=inference\n"
        f'requests.get(f"{L}/status/{{model}}")\n',
    )


def test_transformed_framework_info_and_unknown_paths_built_from_pieces():
    transformed(
        f'A = "{L}/framework/pytorch"\nB = "{L}/models/" + m + "/info"\nC = "{L}/" + path\n',
        "# hfmigrate: TODO(HFM104): no router equivalent: list served models with "
        "GET https://huggingface.co/api/models?inference_provider=all\n"
        f'A = "{L}/framework/pytorch"\n'
        "# hfmigrate: TODO(HFM104): no router equivalent: TGI server info is not exposed by the router\n"
        f'B = "{L}/models/" + m + "/info"\n'
        "# hfmigrate: TODO(HFM104): no known router equivalent for path '/{…}'\n"
        f'C = "{L}/" + path\n',
    )


def test_an_environment_default_says_so_in_the_message():
    found = reported(f'import os\nURL = os.environ.get("STATUS_URL", "{L}/status/gpt2")\n', "HFM104")
    assert [
        f.message.endswith("(default of $STATUS_URL: changing it matters only when the variable is unset)")
        for f in found
    ] == [True]


def test_a_url_inside_a_docstring_is_reported_where_it_is_written():
    source = f'def status():\n    """Reads it.\n\n    It used {L}/status/gpt2 first, then {L}/status/bert.\n    """\n'
    found = reported(source, "HFM104")
    assert [(f.line, f.column, f.end_column) for f in found] == [(4, 13, 61), (4, 74, 122)]
    marked, _ = rewrite(source)
    assert marked == source.replace('    """Reads', f'    {HFM104_SUMMARY}\n    """Reads')


def test_transformed_text_a_status_url_in_shell_gets_its_marker_and_json_keeps_the_finding():
    transformed(
        f"curl {L}/status/gpt2\n",
        "# hfmigrate: TODO(HFM104): no router equivalent: ask the Hub, "
        "GET https://huggingface.co/api/models/gpt2?expand[]=inference\n"
        f"curl {L}/status/gpt2\n",
        path="check.sh",
    )
    noop(f'{{"status": "{L}/status/gpt2"}}\n', path="settings.json")
    assert [f.code for f in scan(f'{{"status": "{L}/status/gpt2"}}\n', "settings.json")] == ["HFM104"]


def test_noop_urls_that_have_an_equivalent_are_not_hfm104():
    source = f'A = "{L}/models/gpt2"\nB = "{L}/pipeline/feature-extraction/x"\nC = "{L}/v1/"\n'
    assert "HFM104" not in {f.code for f in scan(source)}


def test_transformed_a_pattern_deep_in_a_long_statement_gets_one_marker_on_its_own_line():
    items = "".join(f"    {i},\n" for i in range(16))
    before = f'import re\nimport responses\nresponses.add(\n    responses.POST,\n{items}    re.compile(r"api-inference\\.huggingface\\.co/.*"),\n)\n'
    marker_line = "    " + HFM106_MARKER + "\n"
    after = before.replace("    re.compile(", marker_line + "    re.compile(")
    transformed(before, after)


# --- URLs inside longer strings (messages, regexes, docstrings) ----------------------------------------------

HFM101_SUMMARY = "# hfmigrate: TODO(HFM101): Legacy model URL on the retired host; see `hfmigrate rules HFM101`"


def test_transformed_a_url_in_a_message_gets_the_rule_marker_and_is_not_fixable():
    transformed(
        f'def check(r):\n    raise ValueError("moved: see {L}/models/gpt2")\n',
        f'def check(r):\n    {HFM101_SUMMARY}\n    raise ValueError("moved: see {L}/models/gpt2")\n',
    )
    assert [(f.code, f.column, f.fixable) for f in scan(f'E = "see {L}/models/gpt2"\n')] == [("HFM101", 10, False)]


def test_a_docstring_url_with_an_equivalent_is_still_rewritten_in_place():
    transformed(
        f'"""Calls {L}/models/gpt2."""\n', '"""Calls https://router.huggingface.co/hf-inference/models/gpt2."""\n'
    )


def test_joined_text_before_a_url_is_a_url_inside_a_longer_text():
    for source in (
        f'E = "see " + "{L}/models/gpt2"\n',
        f'E = ("see "\n     "{L}/models/gpt2")\n',
        f'E = prefix + "{L}/models/gpt2"\n',
        f'E = f"{{prefix}}{L}/models/gpt2"\n',
    ):
        assert [f.code for f in scan(source)] == ["HFM101"], source
        assert not any(f.fixable for f in scan(source)), source


def test_the_gate_of_the_ast_scan_passes_every_module_the_string_checks_report_in():
    """``needs_string_checks`` is a promise: a module it rejects (with no other family's needle) is scanned from ast
    alone (scan/plain_urls.py), so it must hold no finding of the checks on URLs inside strings; a module of plain
    URL strings is rejected (the 10,000-constants shape stays off libcst), while the host alone still makes any
    module a candidate for the check on whole URLs."""
    from hfmigrate.engine.rule_api import FileKind
    from hfmigrate.rules.legacy_urls import PYTHON_HOST_NEEDLE, needs_string_checks

    reported = [
        f'a = "see {L}/models/x"\n',
        f'a = "see " + "{L}/models/x"\n',
        f'a = ("see "\n "{L}/models/x")\n',
        f'a = p + "{L}/models/x"\n',
        f'a = f"{{p}}{L}/models/x"\n',
        f'a = "{L}/status/x"\n',
        f'a = "{L}" + path\n',
        f'a = "{L}/" + path\n',
        f'a = f"{L}/pipeline/{{task}}"\n',
        f'a = "{L}/models/" + m + "/info"\n',
        f'"""Docs.\n\n{L}/status/x\n"""\n',
        'a = r"api-inference\\.huggingface\\.co"\n',
        f'a = \'{{"url": "{L}/models/x"}}\'\n',  # JSON inside a string
        f'a = """{{"url": "{L}/models/x"}}"""\n',
        f'a = """\nbody:\n  "url": "{L}/models/x"\n"""\n',  # a line inside a triple-quoted string
        f"a = 'fetch(\"{L}/models/x\")'\n",  # JS inside a string
        f'a = "fetch(\\"{L}/models/x\\")"\n',  # an escaped quote
    ]
    for source in reported:
        assert {"HFM104", "HFM106", "HFM101"} & {f.code for f in scan(source)}, source
        data = source.encode()
        assert needs_string_checks(data) or REGISTRY.may_match(data, FileKind.PYTHON, without=PYTHON_HOST_NEEDLE)
    plain = (
        "".join(f'URL_{i} = "{L}/models/org/model-{i}"\n' for i in range(3))
        + f'B = ["{L}/v1/",\n     "{L}/models/x"]\n'
        + f'requests.post("{L}/models/gpt2", json=p)\nM = {{"gpt2": "{L}/models/gpt2"}}\n'
    )
    assert not needs_string_checks(plain.encode())
    assert not REGISTRY.may_match(plain.encode(), FileKind.PYTHON, without=PYTHON_HOST_NEEDLE)
    assert REGISTRY.may_match(plain.encode(), FileKind.PYTHON)


# --- text: the URLs no text rewrite changes carry their markers -----------------------------------------------


def test_transformed_text_a_per_model_chat_url_is_marked_and_no_longer_called_fixable():
    """scan used to call it fixable while rewrite only marked it (the unification's fix)."""
    url = f"{L}/models/meta-llama/Llama-3.1-8B-Instruct/v1/chat/completions"
    transformed(
        f"curl {url} -d @body.json\n",
        "# hfmigrate: TODO(HFM103): POST https://router.huggingface.co/v1/chat/completions and send the model in the "
        'body: "model": "meta-llama/Llama-3.1-8B-Instruct"\n'
        f"curl {url} -d @body.json\n",
        path="chat.sh",
    )
    assert [(f.code, f.fixable) for f in scan(f"curl {url}\n", "chat.sh")] == [("HFM103", False)]


def test_transformed_text_a_prefix_with_no_equivalent_is_marked():
    transformed(
        f"BASE={L}/pipeline/feature-extraction/\n",
        "# hfmigrate: TODO(HFM105): this prefix has no router equivalent; rewrite each URL built from it\n"
        f"BASE={L}/pipeline/feature-extraction/\n",
        path="run.sh",
    )


def test_transformed_html_script_bodies_get_the_markers_prose_keeps_the_finding():
    before = f'<p>See {L}/status/gpt2</p>\n<script>\nfetch("{L}/status/gpt2");\n</script>\n'
    after = before.replace(
        "fetch(",
        "// hfmigrate: TODO(HFM104): no router equivalent: ask the Hub, "
        "GET https://huggingface.co/api/models/gpt2?expand[]=inference\nfetch(",
    )
    transformed(before, after, path="page.html")
    assert [f.line for f in scan(after, "page.html") if not f.marker] == [1, 4]


def test_quoted_urls_in_json_and_js_carry_their_markers_or_stay_findings():
    chat = f"{L}/models/meta-llama/Llama-3.1-8B-Instruct/v1/chat/completions"
    prefix = f"{L}/pipeline/feature-extraction/"
    assert [(f.code, f.fixable) for f in scan(f'{{"url": "{chat}", "base": "{prefix}"}}\n', "app.json")] == [
        ("HFM103", False),
        ("HFM105", False),
    ]
    transformed(
        f'const BASE = "{prefix}";\n',
        "// hfmigrate: TODO(HFM105): this prefix has no router equivalent; rewrite each URL built from it\n"
        f'const BASE = "{prefix}";\n',
        path="app.js",
    )


def test_a_module_only_the_host_brings_in_is_walked_for_this_family_s_checks_alone():
    """``own_family``: the other families' checks never read a module of plain URL literals (the 10,000-calls shape
    is not walked for every family's Call check); a URL inside a longer string, or another needle, brings every
    family's checks back."""
    plain = f'import requests\nrequests.post("{L}/models/gpt2", json={{"inputs": 1}})\n'.encode()
    assert {check.family for check in REGISTRY.python_checks(plain)} == {"legacy_urls"}
    for other in (f'a = "see {L}/models/x"\n', f'from huggingface_hub import InferenceApi\nA = "{L}/models/x"\n'):
        assert len({check.family for check in REGISTRY.python_checks(other.encode())}) > 1, other
    assert REGISTRY.python_checks(None) == REGISTRY.python_checks()
