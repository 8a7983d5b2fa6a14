"""HFM201-HFM203 (hfmigrate/rules/legacy_options.py): legacy options, headers and chat ``parameters``, in Python."""

from tests.rules.spec import codes, noop, reported, transformed

HFM201_MARKER = "# hfmigrate: TODO(HFM201): Legacy `options` in the request body; see `hfmigrate rules HFM201`"
HFM203_MARKER = "# hfmigrate: TODO(HFM203): Legacy `parameters` block sent to router chat; see `hfmigrate rules HFM203`"


def test_transformed_options_block_inline_and_multiline():
    transformed(
        'payload = {"inputs": text, "options": {"wait_for_model": True}}\n'
        'other = {\n    "inputs": text,\n    "options": {"use_cache": False},\n}\n',
        'payload = {"inputs": text}\nother = {\n    "inputs": text,\n}\n',
    )


def test_transformed_misplaced_wait_for_model_and_use_cache_in_parameters():
    transformed(
        'p = {"inputs": t, "wait_for_model": True, "parameters": {"max_length": 9, "use_cache": False}}\n',
        'p = {"inputs": t, "parameters": {"max_length": 9}}\n',
    )


def test_transformed_headers_and_header_statements():
    transformed(
        'headers = {"Authorization": auth, "x-wait-for-model": "true", "X-Use-Cache": "false"}\n'
        'session.headers.update({"x-wait-for-model": "true"})\n'
        'headers["X-Use-Cache"] = "0"\n'
        'payload["options"] = {"wait_for_model": True}\n'
        "send()\n",
        'headers = {"Authorization": auth}\nsend()\n',
    )


def test_transformed_dict_call_keywords():
    transformed('p = dict(inputs=x, options={"wait_for_model": True})\n', "p = dict(inputs=x)\n")


def test_transformed_update_that_is_the_only_statement_of_its_block_keeps_the_call():
    transformed(
        'if fresh:\n    data.update({"options": {"wait_for_model": True}})\n',
        "if fresh:\n    data.update({})\n",
    )


def test_transformed_generic_options_in_a_module_that_talks_to_hf_inference():
    transformed(
        'from huggingface_hub import InferenceClient\nCACHE = {"options": {"use_cache": False}}\n',
        "from huggingface_hub import InferenceClient\nCACHE = {}\n",
    )


def test_transformed_the_only_statement_of_a_block_is_kept_and_marked():
    transformed(
        'if legacy:\n    payload["options"] = {"wait_for_model": True}\n',
        f'if legacy:\n    {HFM201_MARKER}\n    payload["options"] = {{"wait_for_model": True}}\n',
    )


def test_transformed_marker_on_an_assignment_with_two_targets():
    """scan used to call this fixable while rewrite could not remove it; now both say: a marker."""
    transformed(
        'a["options"] = b["options"] = {"wait_for_model": True}\nsend(a, b)\n',
        f'{HFM201_MARKER}\na["options"] = b["options"] = {{"wait_for_model": True}}\nsend(a, b)\n',
    )


def test_transformed_marker_for_parameters_in_a_chat_body():
    before = 'body = {"model": m, "messages": msgs, "parameters": {"max_new_tokens": 50}}\n'
    transformed(before, f"{HFM203_MARKER}\n{before}")
    reported(before, "HFM203")


def test_the_family_places_its_own_parameters_marker_where_no_other_needle_makes_the_statement_relevant():
    """A chat payload in a module with nothing else to rewrite: its quoted ``"messages"`` key makes the statement
    relevant to rewrite's rules, so the family's finding places the marker before the leftover pass runs (the
    rules used to skip the module, and only the leftover pass marked it)."""
    from hfmigrate.config import Settings
    from hfmigrate.engine.outcomes import RewriteSuccess
    from hfmigrate.rewrite.module import _rewrite_with_rules
    from hfmigrate.sources import decode_bytes

    before = 'x = 1\noutput = query(payload={"messages": m, "parameters": {"max_tokens": 9}})\n'
    decoded = decode_bytes(before.encode(), python=True)
    by_the_rules = _rewrite_with_rules(decoded, "m.py", Settings(), (), None, None, {})  # type: ignore[arg-type]
    assert isinstance(by_the_rules, RewriteSuccess)
    assert by_the_rules.after.decode() == before.replace("output", f"{HFM203_MARKER}\noutput")
    transformed(before, before.replace("output", f"{HFM203_MARKER}\noutput"))


def test_noop_unrelated_options_and_transformers_use_cache():
    noop('cli = {"options": {"verbose": True}}\nmodel.generate(ids, use_cache=True)\nconfig = {"use_cache": True}\n')


def test_noop_generic_options_in_a_module_with_no_hf_inference():
    """The disagreement: rewrite removed these, scan (rightly, they are a job runner's) reported nothing."""
    source = 'JOB = {"options": {"use_cache": False, "use_gpu": True}}\nP = {"parameters": {"use_cache": True}}\n'
    noop(source)
    assert "HFM201" not in codes(source)


def test_noop_dict_that_is_not_the_builtin():
    """The disagreement: rewrite removed ``wait_for_model=`` from any ``dict(...)``, scan only from the builtin."""
    source = "from mylib import dict\nsettings = dict(wait_for_model=True)\n"
    noop(source)
    assert "HFM201" not in codes(source)


def test_noop_wait_for_model_outside_a_payload():
    noop('flags = {"wait_for_model": True}\nresponse.headers.get("x-inference-provider")\n')


# --- text files: the text check's fixes (behaviour change: scan used to call these findings not fixable, while
# rewrite/textfiles/rules.py removed them; scan now says fixable exactly where rewrite edits)

OPTIONS_MARKER = "hfmigrate: TODO(HFM201): remove the legacy `options` from this request body: the router ignores them"
HEADER_MARKER = (
    "hfmigrate: TODO(HFM202): remove the legacy wait-for-model / use-cache header: the router does not use it"
)


def test_transformed_in_text_curl_headers_in_any_case_and_a_retired_option_member():
    source = (
        'curl -H \'X-Wait-For-Model: true\' -H "x-use-cache: 0" -d \'{"inputs": "x", "wait_for_model": true}\' $URL\n'
    )
    found = [f for f in _scan(source, "call.sh") if f.code == "HFM202"]
    assert [(f.column, f.fixable) for f in found] == [(10, True), (38, True)]
    transformed(source, 'curl -d \'{"inputs": "x"}\' $URL\n', path="call.sh")


def test_transformed_in_text_a_one_line_options_block_is_one_finding_and_one_edit():
    source = "const body = {inputs: x, options: {use_cache: false, use_gpu: true}};\nconst cfg = {use_cache: true};\n"
    found = [f for f in _scan(source, "call.js") if f.code == "HFM201"]
    assert [(f.line, f.column, f.fixable) for f in found] == [(1, 26, True)]
    transformed(source, "const body = {inputs: x};\nconst cfg = {use_cache: true};\n", path="call.js")
    transformed("body:\n  inputs: hi\n  options: {wait_for_model: true}\n", "body:\n  inputs: hi\n", path="req.yaml")
    transformed(
        'headers = {\n  "X-Wait-For-Model": "true",\n  Accept: "json",\n}\n',
        'headers = {\n  Accept: "json",\n}\n',
        path="a.js",
    )


def test_noop_in_text_generic_names_outside_options_and_an_empty_options_block():
    """(rewrite used to remove an empty ``options: {}``, of which scan reported nothing)"""
    noop("const cfg = {use_cache: true, options: {}};\n", path="call.js")
    assert "HFM201" not in codes("const cfg = {use_cache: true, options: {}};\n", path="call.js")


def test_reported_in_prose_and_settings_files_without_a_fix():
    """Markdown, .env, TOML, INI are not requests: scan reports, rewrite leaves the text to its leftover markers."""
    assert [f.column for f in reported("Pass `dont_load_model` to skip loading.\n", "HFM201", path="notes.md")] == [7]
    reported("HF_HEADERS=x-wait-for-model:true\n", "HFM202", path=".env")


def test_marked_in_text_where_no_line_can_lose_it():
    multi_line = "const body = {\n  inputs: x,\n  options: {\n    wait_for_model: true,\n  },\n};\n"
    found = reported(multi_line, "HFM201", path="call.js")
    assert [(f.line, f.column) for f in found] == [(3, 3)]
    transformed(multi_line, multi_line.replace("  options", f"  // {OPTIONS_MARKER}\n  options"), path="call.js")
    yaml = "options:\n  wait_for_model: true\n"  # removing the line would leave options: null
    transformed(yaml, f"options:\n  # {OPTIONS_MARKER}\n  wait_for_model: true\n", path="req.yaml")
    dynamic = 'fetch(url, {headers: {"x-wait-for-model": req.flag}});\n'
    reported(dynamic, "HFM202", path="call.js")
    transformed(dynamic, f"// {HEADER_MARKER}\n{dynamic}", path="call.js")
    transformed('curl $URL -H "x-use-cache: 0"\n', "curl $URL\n", path="call.sh")


def test_a_notebook_shell_line_is_edited_as_shell():
    from hfmigrate.engine.rule_api import TextContext
    from hfmigrate.rules.legacy_options import options_and_headers_in_text

    line = "!curl $URL -H 'x-use-cache: 0' -d @body.json\n"
    as_shell = list(options_and_headers_in_text(line, TextContext("nb.ipynb", "shell")))
    as_prose = list(options_and_headers_in_text(line, TextContext("nb.ipynb")))
    assert [v.fix.changes_code for v in as_shell] == [True] and [v.fix.changes_code for v in as_prose] == [False]


def _scan(source: str, path: str):
    from tests.rules.spec import scan

    return scan(source, path)
