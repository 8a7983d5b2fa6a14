"""HFM101-HFM105 in text (hfmigrate/rules/legacy_urls_text.py, its fix in hfmigrate/rules/legacy_urls_text_fix.py):
each legacy URL a text rewrite changes carries a planned text edit, one it cannot change its marker."""

from hfmigrate.config import Settings
from hfmigrate.engine.rule_api import PlannedTextEdit, TextContext
from hfmigrate.rewrite.text import rewrite_text
from hfmigrate.rules.legacy_urls_text import urls_in_text
from hfmigrate.rules.text_generation import generation_advice
from tests.rules.spec import noop, reported, scan, transformed

L = "https://api-inference.huggingface.co"
R = "https://router.huggingface.co"
CLASSIFIER = "distilbert/distilbert-base-uncased-finetuned-sst-2-english"
LLM = "meta-llama/Llama-3.1-8B-Instruct"


def test_each_url_with_an_equivalent_carries_a_planned_text_edit_and_one_without_a_marker():
    text = f"curl {L}/models/gpt2\ncurl {L}/status/gpt2\n"
    model, status = urls_in_text(text, TextContext("call.sh"))
    assert model.code == "HFM101" and isinstance(model.fix.edits[0], PlannedTextEdit) and model.fix.changes_code
    assert status.code == "HFM104" and not status.fix.edits and "huggingface.co/api/models/gpt2" in status.fix.marker


def test_transformed_each_url_form_in_the_format_it_is_written_in():
    transformed(
        f'fetch("{L}/models/{CLASSIFIER}", opts);\n',
        f'fetch("{R}/hf-inference/models/{CLASSIFIER}", opts);\n',
        path="a.js",
    )
    transformed(
        f"curl {L}/pipeline/feature-extraction/BAAI/bge-small-en-v1.5 -d @b.json\n",
        f"curl {R}/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction -d @b.json\n",
        path="embed.sh",
    )
    transformed(f'new OpenAI({{ baseURL: "{L}/v1/" }});\n', f'new OpenAI({{ baseURL: "{R}/v1/" }});\n', path="a.ts")
    transformed(f'url: "{L}/models/"\n', f'url: "{R}/hf-inference/models/"\n', path="config.yaml")
    transformed(
        "const u = `" + L + "/models/${model}`;\n", "const u = `" + R + "/hf-inference/models/${model}`;\n", path="a.js"
    )


def test_transformed_a_bare_host_under_a_base_url_key_in_config():
    transformed(f"HF_API_BASE={L}\n", f"HF_API_BASE={R}/hf-inference\n", path=".env")
    transformed(f'{{"endpoint": "{L}"}}\n', f'{{"endpoint": "{R}/hf-inference"}}\n', path="settings.json")


def test_transformed_prose_gets_the_url_only():
    transformed(
        f"See {L}/models/gpt2 for details.\n", f"See {R}/hf-inference/models/gpt2 for details.\n", path="README.md"
    )


def test_transformed_an_llm_url_gets_the_chat_advice_above_its_statement():
    transformed(
        f'const u = "{L}/models/{LLM}";\n',
        f'// hfmigrate: TODO(HFM107): {generation_advice()}\nconst u = "{R}/hf-inference/models/{LLM}";\n',
        path="a.js",
    )


def test_transformed_the_model_map_reaches_the_url_and_its_variable():
    settings = Settings(models={"gpt2": "openai-community/gpt2"})
    outcome = rewrite_text(f'MODEL=gpt2\ncurl "{L}/models/$MODEL"\n'.encode(), "q.sh", settings)
    assert outcome.after.decode() == f'MODEL=openai-community/gpt2\ncurl "{R}/hf-inference/models/$MODEL"\n'
    assert {key.code: n for key, n in outcome.applied.items()} == {"HFM101": 2}


def test_noop_router_urls_documentation_links_and_look_alikes():
    for source in (
        f"curl {R}/hf-inference/models/gpt2\n",
        "See https://huggingface.co/docs/api-inference/index\n",
        "curl https://api-inference.huggingface.com/models/gpt2\n",
    ):
        noop(source, path="a.sh")
        assert not [f for f in scan(source, "a.sh") if f.code.startswith("HFM10")], source


def test_reported_a_url_without_equivalent_keeps_its_marker_fix():
    (found,) = reported(f"curl {L}/status/gpt2\n", "HFM104", path="a.sh")
    assert found.line == 1 and found.column == 6


# --- behaviour changes: scan called these fixable while rewrite only marked them, or left them --------------------

HFM105_MARKER = (
    "hfmigrate: TODO(HFM105): the retired host is completed elsewhere: /models/{id} becomes "
    f"{R}/hf-inference/models/{{id}}, /v1 becomes {R}/v1; rewrite the full URLs"
)


def test_a_bare_host_completed_elsewhere_carries_its_marker_and_is_not_fixable():
    source = f'curl "$HOST/models/gpt2"\nHOST={L}\n'
    (found,) = reported(source, "HFM105", path="call.sh")
    assert found.line == 2
    transformed(source, f'curl "$HOST/models/gpt2"\n# {HFM105_MARKER}\nHOST={L}\n', path="call.sh")
    for path in ("README.md", "settings.json"):  # no comments: the finding stays, as it is
        prose = f"The old API lived at {L} until 2025.\n" if path == "README.md" else f'{{"note": "{L}"}}\n'
        noop(prose, path=path)
        reported(prose, "HFM105", path=path)


def test_an_llm_url_in_json_stays_a_finding_without_a_fix():
    source = f'{{"url": "{L}/models/{LLM}"}}\n'
    noop(source, path="settings.json")
    (found,) = reported(source, "HFM101", path="settings.json")
    assert "chat completions" in found.message
    generation = f'{{"url": "{L}/models/gpt2", "body": {{"inputs": "hi", "parameters": {{"max_new_tokens": 5}}}}}}\n'
    noop(generation, path="request.json")
    reported(generation, "HFM101", path="request.json")
    transformed(
        f'{{"url": "{L}/models/{CLASSIFIER}"}}\n', f'{{"url": "{R}/hf-inference/models/{CLASSIFIER}"}}\n', path="a.json"
    )
