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


@pytest.mark.parametrize(
    ("model", "todays", "retired"),
    [
        ("meta-llama/Llama-3.1-8B", True, False),  # a base checkpoint of today's family: hf-inference serves it not
        ("bigcode/starcoder2-3b", True, False),
        ("HuggingFaceH4/starchat-beta", True, False),  # a chat model by name is today's LLM too
        ("gpt2", False, True),
        ("google/flan-t5-xxl", False, True),
        ("microsoft/DialoGPT-medium", False, True),
        ("microsoft/phi-2", False, True),
        ("microsoft/Phi-3-mini-4k-instruct", True, False),
        ("Salesforce/blip-image-captioning-large", False, False),  # answers generated_text, is no LLM
        ("sentence-transformers/all-MiniLM-L6-v2", False, False),
        ("acme/ranker", False, False),
    ],
)
def test_the_llm_questions_share_the_chat_heuristic(model, todays, retired):
    assert facts.looks_like_todays_llm(model) is todays
    assert facts.looks_like_retired_llm(model) is retired
    assert facts.looks_like_llm_model(model) is (todays or retired)
    if facts.looks_like_chat_model(model):
        assert todays


def test_the_heuristics_live_in_facts_only():
    from hfmigrate import urls

    assert not hasattr(urls, "looks_like_chat_model") and not hasattr(urls, "looks_like_llm_model")
