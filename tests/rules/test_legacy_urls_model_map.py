"""--model-map / models: the constant a legacy URL uses as its whole model segment (rules/legacy_urls_model_map.py)."""

from __future__ import annotations

from tests.rewrite.helpers import noop, transformed

MAP = {"gpt2": "openai-community/gpt2"}


def test_transformed_constant_used_in_an_f_string():
    transformed(
        """
        MODEL = "gpt2"
        URL = f"https://api-inference.huggingface.co/models/{MODEL}"
        """,
        """
        MODEL = "openai-community/gpt2"
        URL = f"https://router.huggingface.co/hf-inference/models/{MODEL}"
        """,
        models=MAP,
    )


def test_transformed_local_constant_keeps_its_quotes():
    transformed(
        """
        def query(text):
            model = 'gpt2'
            return requests.post("https://api-inference.huggingface.co/models/" + model, json={"inputs": text})
        """,
        """
        def query(text):
            model = 'openai-community/gpt2'
            return requests.post("https://router.huggingface.co/hf-inference/models/" + model, json={"inputs": text})
        """,
        models=MAP,
    )


def test_noop_the_same_word_elsewhere_is_left_alone():
    noop(
        """
        TOKENIZER = "gpt2"
        tok = AutoTokenizer.from_pretrained("gpt2")
        """,
        models=MAP,
    )


def test_a_name_assigned_twice_is_not_followed():
    transformed(
        """
        MODEL = "gpt2"
        if fast:
            MODEL = "distilgpt2"
        URL = f"https://api-inference.huggingface.co/models/{MODEL}"
        """,
        """
        MODEL = "gpt2"
        if fast:
            MODEL = "distilgpt2"
        URL = f"https://router.huggingface.co/hf-inference/models/{MODEL}"
        """,
        models=MAP,
    )


def test_noop_without_a_map():
    noop(
        """
        MODEL = "gpt2"
        URL = f"https://router.huggingface.co/hf-inference/models/{MODEL}"
        """,
    )


def test_transformed_the_model_constant_of_a_prefix_constant_s_join():
    transformed(
        """
        HF_API_BASE = "https://api-inference.huggingface.co"
        MODEL = "gpt2"
        URL = f"{HF_API_BASE}/models/{MODEL}"
        """,
        """
        HF_API_BASE = "https://router.huggingface.co/hf-inference"
        MODEL = "openai-community/gpt2"
        URL = f"{HF_API_BASE}/models/{MODEL}"
        """,
        models=MAP,
    )


def test_transformed_one_constant_that_two_urls_use_is_mapped_once():
    transformed(
        """
        MODEL = "gpt2"
        A = f"https://api-inference.huggingface.co/models/{MODEL}"
        B = "https://api-inference.huggingface.co/models/" + MODEL
        """,
        """
        MODEL = "openai-community/gpt2"
        A = f"https://router.huggingface.co/hf-inference/models/{MODEL}"
        B = "https://router.huggingface.co/hf-inference/models/" + MODEL
        """,
        models=MAP,
    )


def test_the_mapped_constant_is_part_of_its_url_s_fix_one_finding_one_counted_edit():
    """Behaviour change: the constant's edit used to count as an edit of its own in the summary."""
    from hfmigrate.config import Settings
    from hfmigrate.engine.outcomes import RewriteSuccess
    from hfmigrate.rewrite.module import rewrite_source

    source = 'MODEL = "gpt2"\nURL = f"https://api-inference.huggingface.co/models/{MODEL}"\n'
    outcome = rewrite_source(source.encode(), "example.py", Settings(models=MAP))
    assert isinstance(outcome, RewriteSuccess)
    assert {(key.code, key.is_marker): count for key, count in outcome.applied.items()} == {("HFM101", False): 1}
