"""HFM101-HFM105 in text (hfmigrate/rules/legacy_urls.py ``urls_in_text``, its fix in
hfmigrate/rules/legacy_urls_text_fix.py): each legacy URL a text rewrite changes carries a planned text edit."""

from hfmigrate.config import Settings
from hfmigrate.engine.rule_api import PlannedTextEdit
from hfmigrate.rewrite.text import rewrite_text
from hfmigrate.rules.legacy_urls import urls_in_text
from hfmigrate.rules.text_generation import generation_advice
from tests.rules.spec import noop, reported, scan, transformed

L = "https://api-inference.huggingface.co"
R = "https://router.huggingface.co"
CLASSIFIER = "distilbert/distilbert-base-uncased-finetuned-sst-2-english"
LLM = "meta-llama/Llama-3.1-8B-Instruct"


def test_each_url_with_an_equivalent_carries_a_planned_text_edit_and_one_without_a_marker():
    text = f"curl {L}/models/gpt2\ncurl {L}/status/gpt2\n"
    model, status = urls_in_text(text)
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
