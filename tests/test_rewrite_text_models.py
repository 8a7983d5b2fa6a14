"""Text files: --model-map on an id in its own literal, and the catalogue's word on each URL's model."""

from __future__ import annotations

from hfmigrate import rules
from hfmigrate.catalog.types import ModelVerdict, ProviderInfo
from hfmigrate.config import Settings
from hfmigrate.rewrite import rewrite_paths

L = "https://api-inference.huggingface.co"
R = "https://router.huggingface.co"
MAP = {"gpt2": "openai-community/gpt2"}


def test_transformed_js_variable_literal_is_mapped(tmp_path):
    target = tmp_path / "app.js"
    target.write_text(f'const model = "gpt2";\nfetch(`{L}/models/${{model}}`, opts);\n')
    rewrite_paths([target], Settings(models=dict(MAP)))
    assert (
        target.read_text()
        == f'const model = "openai-community/gpt2";\nfetch(`{R}/hf-inference/models/${{model}}`, opts);\n'
    )
    rewrite_paths([target], Settings(models=dict(MAP)))  # a second run changes nothing
    assert target.read_text().count("openai-community/gpt2") == 1


def test_transformed_shell_variable_literal_is_mapped(tmp_path):
    target = tmp_path / "q.sh"
    target.write_text(f'MODEL=gpt2\ncurl "{L}/models/$MODEL"\n')
    rewrite_paths([target], Settings(models=dict(MAP)))
    assert target.read_text() == f'MODEL=openai-community/gpt2\ncurl "{R}/hf-inference/models/$MODEL"\n'


def test_noop_a_variable_with_two_values_or_no_map(tmp_path):
    target = tmp_path / "app.js"
    source = f'let model = "gpt2";\nif (x) model = "distilgpt2";\nfetch(`{L}/models/${{model}}`);\n'
    target.write_text(source)
    rewrite_paths([target], Settings(models=dict(MAP)))
    assert target.read_text() == source.replace(f"{L}/models/", f"{R}/hf-inference/models/")


def test_json_without_comments_keeps_an_unserved_url_for_scan(tmp_path):
    target = tmp_path / "config.json"
    target.write_text(f'{{"url": "{L}/models/gpt2"}}\n')
    gone = ModelVerdict("gpt2", False, "no-provider", pipeline_tag="text-generation")
    rewrite_paths([target], Settings(), catalog={"gpt2": gone})
    assert target.read_text() == f'{{"url": "{L}/models/gpt2"}}\n'  # no comment possible: the finding stays


def test_a_chat_model_in_env_gets_the_chat_marker(tmp_path):
    target = tmp_path / ".env"
    target.write_text(f"HF_URL={L}/models/org/llm\n")
    llm = ModelVerdict(
        "org/llm",
        True,
        chat=True,
        pipeline_tag="text-generation",
        providers=(ProviderInfo("novita", "live", "conversational"),),
    )
    rewrite_paths([target], Settings(), catalog={"org/llm": llm})
    text = target.read_text()
    assert text.startswith("# hfmigrate: TODO(HFM107): org/llm is served for chat, not by hf-inference: POST ")
    assert f"HF_URL={R}/hf-inference/models/org/llm" in text


def test_ignoring_the_marker_code_still_rewrites_the_url(tmp_path):
    target = tmp_path / ".env"
    target.write_text(f"HF_URL={L}/models/gpt2\n")
    gone = ModelVerdict("gpt2", False, "no-provider", pipeline_tag="text-generation")
    rewrite_paths([target], Settings(enabled_codes=frozenset(rules.BY_CODE) - {"HFM502"}), catalog={"gpt2": gone})
    assert target.read_text() == f"HF_URL={R}/hf-inference/models/gpt2\n"
