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


# --- text files: scan reports by pattern; the removal is still rewrite/textfiles/rules.py's (tests/test_rewrite_text.py)


def test_reported_in_text_headers_in_any_case_and_retired_options_anywhere():
    found = reported(
        'curl -H \'X-Wait-For-Model: true\' -H "x-use-cache: 0" -d \'{"inputs": "x", "wait_for_model": true}\' $URL\n',
        "HFM202",
        path="call.sh",
    )
    assert [f.column for f in found] == [10, 38]
    assert [f.column for f in reported("Pass `dont_load_model` to skip loading.\n", "HFM201", path="notes.md")] == [7]


def test_reported_in_text_generic_options_only_inside_an_options_block():
    source = "const body = {inputs: x, options: {use_cache: false, use_gpu: true}};\nconst cfg = {use_cache: true};\n"
    found = reported(source, "HFM201", path="call.js")
    assert [(f.line, f.column) for f in found] == [(1, 36), (1, 54)]
    assert "HFM201" not in codes("const cfg = {use_cache: true, options: {}};\n", path="call.js")
