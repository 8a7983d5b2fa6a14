from tests.rewrite.helpers import noop, transformed


def test_options_block_is_dropped_inline_and_multiline():
    transformed(
        'payload = {"inputs": text, "options": {"wait_for_model": True}}\n'
        'other = {\n    "inputs": text,\n    "options": {"use_cache": False},\n}\n',
        'payload = {"inputs": text}\nother = {\n    "inputs": text,\n}\n',
    )


def test_misplaced_wait_for_model_and_use_cache_in_parameters():
    transformed(
        'p = {"inputs": t, "wait_for_model": True, "parameters": {"max_length": 9, "use_cache": False}}\n',
        'p = {"inputs": t, "parameters": {"max_length": 9}}\n',
    )


def test_headers_and_header_statements():
    transformed(
        'headers = {"Authorization": auth, "x-wait-for-model": "true", "X-Use-Cache": "false"}\n'
        'session.headers.update({"x-wait-for-model": "true"})\n'
        'headers["X-Use-Cache"] = "0"\n'
        'payload["options"] = {"wait_for_model": True}\n'
        "send()\n",
        'headers = {"Authorization": auth}\nsend()\n',
    )


def test_dict_call_keywords():
    transformed('p = dict(inputs=x, options={"wait_for_model": True})\n', "p = dict(inputs=x)\n")


def test_unrelated_options_and_transformers_use_cache_are_noops():
    noop('cli = {"options": {"verbose": True}}\nmodel.generate(ids, use_cache=True)\nconfig = {"use_cache": True}\n')


def test_the_only_statement_of_a_block_is_kept_and_marked():
    transformed(
        'if legacy:\n    payload["options"] = {"wait_for_model": True}\n',
        "if legacy:\n"
        "    # hfmigrate: TODO(HFM201): Legacy `options` in the request body; see `hfmigrate rules HFM201`\n"
        '    payload["options"] = {"wait_for_model": True}\n',
        enabled_codes=frozenset({"HFM201"}),
    )
