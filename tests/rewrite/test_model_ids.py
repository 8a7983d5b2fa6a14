"""--model-map / models: an old id in its own literal, when that literal feeds a legacy URL."""

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
