"""planning/chat_parameters.py: generation parameters → chat-completions fields (hf-api.md §5), the
one mapping the POST's chat conversion and the client-library conversions (HFM301/HFM302) share."""

from __future__ import annotations

import libcst as cst

from hfmigrate.planning.chat_parameters import CLIENT_RENAMED, map_parameters
from hfmigrate.planning.module_plan import ModuleContext, collect
from hfmigrate.pysyntax import dict_items


def _mapped(parameters: str, **options) -> tuple[list[tuple[str, str]], list[str]]:
    source = f"p = {parameters}\n"
    context = collect(ModuleContext(cst.parse_module(source), "m.py", {}, {}, source_text=source))
    node = cst.ensure_type(context.module.body[0], cst.SimpleStatementLine).body[0]
    value = cst.ensure_type(cst.ensure_type(node, cst.Assign).value, cst.Dict)
    return map_parameters(context, dict(dict_items(value)), **options)


def test_transformed_renamed_and_kept_fields_in_their_order():
    assert _mapped('{"max_new_tokens": 9, "top_p": 0.9, "stop_sequences": ["\\n"], "num_return_sequences": 2}') == (
        [("max_tokens", "9"), ("top_p", "0.9"), ("stop", '["\\n"]'), ("n", "2")],
        [],
    )


def test_transformed_greedy_sampling_becomes_temperature_zero_with_a_note():
    mapped, notes = _mapped('{"do_sample": False, "temperature": 0.7, "max_new_tokens": 5}')
    assert mapped == [("temperature", "0"), ("max_tokens", "5")]
    assert notes == ["temperature 0.7 became 0 (do_sample=False means greedy)"]


def test_transformed_fields_chat_lacks_are_named_first_in_the_notes():
    mapped, notes = _mapped('{"top_k": 5, "return_full_text": True, "repetition_penalty": 1.1, "watermark": True}')
    assert mapped == []
    assert notes == [
        "dropped top_k, repetition_penalty, watermark (no chat-completions field)",
        "the answer no longer starts with the prompt (return_full_text)",
    ]


def test_transformed_a_temperature_above_the_chat_maximum_is_clamped_for_every_conversion():
    clamped = ([("temperature", "2")], ["temperature 5.0 clamped to 2 (the chat maximum)"])
    assert _mapped('{"temperature": 5.0}') == clamped
    assert _mapped('{"temperature": 5.0}', renamed=CLIENT_RENAMED) == clamped
    assert _mapped('{"temperature": 2}') == ([("temperature", "2")], [])


def test_transformed_max_length_is_max_tokens_for_the_client_libraries_only():
    assert _mapped('{"max_length": 60}', renamed=CLIENT_RENAMED) == ([("max_tokens", "60")], [])
    assert _mapped('{"max_length": 60}') == ([], ["dropped max_length (no chat-completions field)"])


def test_noop_empty_or_only_what_chat_needs_no_word_for():
    assert _mapped("{}") == ([], [])
    assert _mapped('{"do_sample": True, "return_full_text": False, "use_cache": False, "wait_for_model": True}') == (
        [],
        [],
    )
