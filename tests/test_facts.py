"""hfmigrate/facts.py: what is served where today."""

import pytest

from hfmigrate import facts


@pytest.mark.parametrize(
    "model",
    ["meta-llama/Llama-3.1-8B-Instruct", "google/gemma-2-9b-it", "openai/gpt-oss-120b:groq", "THUDM/chatglm3-6b"],
)
def test_chat_models_by_name(model):
    assert facts.looks_like_chat_model(model)


@pytest.mark.parametrize(
    "model", ["gpt2", "bigcode/starcoder2-3b", "BAAI/bge-small-en-v1.5", "Salesforce/blip-image-captioning-large"]
)
def test_not_chat_models_by_name(model):
    assert not facts.looks_like_chat_model(model)


def test_embeddings_advice_names_every_provider_route_and_hf_inference():
    advice = facts.embeddings_advice()
    assert all(path in advice for path in facts.EMBEDDINGS_ROUTES.values())
    assert "/pipeline/feature-extraction" in advice and "https://router.huggingface.co/v1/embeddings" not in advice
