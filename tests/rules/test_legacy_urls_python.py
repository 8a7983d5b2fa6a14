"""HFM101-HFM105 in Python (hfmigrate/rules/legacy_urls_python.py): a string expression that is a legacy URL, its
finding, its fix, and the model it names (the references check-models reads)."""

from hfmigrate.scan.python_jobs import parse_and_scan
from hfmigrate.scan.references import ModelReference
from tests.rules.spec import noop, reported, rewrite, scan, transformed

L = "https://api-inference.huggingface.co"
R = "https://router.huggingface.co"


def _references(source: str) -> list[ModelReference]:
    scanned = parse_and_scan("m.py", source, ast_first=False)  # the libcst check (the ast path is held to it)
    assert not isinstance(scanned, str), scanned
    return scanned.references


def test_transformed_a_model_url_in_a_call():
    transformed(
        f'import requests\nrequests.post("{L}/models/gpt2", json={{"inputs": "hi"}})\n',
        f'import requests\nrequests.post("{R}/hf-inference/models/gpt2", json={{"inputs": "hi"}})\n',
    )


def test_transformed_a_pipeline_f_string_puts_the_task_after_the_id():
    transformed(
        f'def embed(m):\n    return f"{L}/pipeline/feature-extraction/{{m}}"\n',
        f'def embed(m):\n    return f"{R}/hf-inference/models/{{m}}/pipeline/feature-extraction"\n',
    )


def test_transformed_an_openai_base_url():
    transformed(
        f'from openai import OpenAI\nclient = OpenAI(base_url="{L}/v1/", api_key="x")\n',
        f'from openai import OpenAI\nclient = OpenAI(base_url="{R}/v1/", api_key="x")\n',
    )


def test_transformed_a_host_constant_whose_every_join_is_seen():
    transformed(
        f'HF_API_BASE = "{L}"\nURL = HF_API_BASE + "/models/gpt2"\n',
        f'HF_API_BASE = "{R}/hf-inference"\nURL = HF_API_BASE + "/models/gpt2"\n',
    )


def test_a_url_built_from_pieces_is_one_finding_at_its_outermost_expression():
    found = [f for f in scan(f'URL = ("{L}/models/" "org/" + name)\n') if f.code == "HFM101"]
    assert [(f.line, f.column, f.end_column, f.fixable) for f in found] == [(1, 8, 68, True)]


def test_an_environment_default_says_so_in_the_message_and_stays_fixable():
    (found,) = scan(f'import os\nURL = os.getenv("HF_URL", "{L}/models/gpt2")\n')
    assert found.code == "HFM101" and found.fixable
    assert found.message.endswith("(default of $HF_URL: changing it matters only when the variable is unset)")


def test_noop_router_urls_and_other_hosts():
    noop(f'A = "{R}/hf-inference/models/gpt2"\nB = "https://huggingface.co/api/models/gpt2"\n')


def test_the_model_a_url_names_is_a_reference_with_its_task_and_call_style():
    source = (
        f'A = "{L}/models/gpt2"\n'
        f'B = "{L}/pipeline/feature-extraction/BAAI/bge-small-en-v1.5"\n'
        f'C = "{L}/models/meta-llama/Llama-3.1-8B-Instruct/v1/chat/completions"\n'
    )
    assert [(r.model, r.line, r.task, r.style) for r in _references(source)] == [
        ("gpt2", 1, None, None),
        ("BAAI/bge-small-en-v1.5", 2, "feature-extraction", "embeddings"),
        ("meta-llama/Llama-3.1-8B-Instruct", 3, "conversational", "chat"),
    ]


def test_a_model_that_is_a_bare_name_is_the_first_string_it_is_bound_to_anywhere():
    """Also a name bound below the URL: the ast scan of plain URL literals always read it so, the older visitor
    only above it (the two scan paths disagreed; tests/test_scan_plain_urls.py holds them together now)."""
    source = f'URL = f"{L}/models/{{MODEL}}"\nMODEL = "gpt2"\nMODEL = "other"\n'
    assert [(r.model, r.url, r.runtime) for r in _references(source)] == [("gpt2", f"{L}/models/{{MODEL}}", False)]


def test_a_model_chosen_at_run_time_is_a_runtime_reference():
    source = f'def query(model_id):\n    return f"{L}/models/{{model_id}}"\n'
    assert [(r.model, r.line, r.runtime) for r in _references(source)] == [("{model_id}", 2, True)]


def test_a_status_url_names_its_model_too():
    assert [r.model for r in _references(f'S = "{L}/status/gpt2"\n')] == ["gpt2"]


def test_a_url_with_spaces_around_it_carries_its_marker_and_is_not_called_fixable():
    """No rewrite of it would be this exact text: rewrite only ever marked it (the leftover pass did), while scan
    called it fixable (the unification's fix: the finding carries the marker)."""
    source = f'URL = "  {L}/models/gpt2"\n'
    (found,) = reported(source, "HFM101")
    assert found.replacement == f"{R}/hf-inference/models/gpt2"
    result, applied = rewrite(source)
    assert (
        result
        == "# hfmigrate: TODO(HFM101): Legacy model URL on the retired host; see `hfmigrate rules HFM101`\n" + source
    )
    assert {(key.code, key.is_marker) for key in applied} == {("HFM101", True)}
