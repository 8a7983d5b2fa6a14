"""HFM607, HFM609 (hfmigrate/rules/router_calls.py): client calls the router cannot serve today."""

from tests.rules.spec import codes, noop, reported, transformed

PINNED_LLM = (
    "# hfmigrate: TODO(HFM607): hf-inference serves no LLMs: move this generation to chat_completion and drop the "
    "provider pin (or pick one that serves the model: hfmigrate check-models MODEL)\n"
)


def _chat_only(model: str, indent: str = "") -> str:
    return (
        f"{indent}# hfmigrate: TODO(HFM609): {model} is served for chat only today: call "
        "chat_completion(messages=[...]) and read .choices[0].message.content\n"
    )


# --- HFM607 provider="hf-inference" -----------------------------------------------------------------------------


def test_transformed_pinned_chat_client_lets_the_router_choose():
    transformed(
        """
        from huggingface_hub import InferenceClient
        client = InferenceClient(provider="hf-inference", api_key=TOKEN)
        out = client.chat_completion(messages, model="Qwen/Qwen2.5-7B-Instruct")
        """,
        """
        from huggingface_hub import InferenceClient
        client = InferenceClient(provider="auto", api_key=TOKEN)
        out = client.chat_completion(messages, model="Qwen/Qwen2.5-7B-Instruct")
        """,
    )


def test_transformed_openai_style_chat_on_self_attribute_keeps_the_quote_style():
    transformed(
        """
        import huggingface_hub

        class Bot:
            def __init__(self):
                self.llm = huggingface_hub.InferenceClient(provider='hf-inference')

            def ask(self, msgs):
                return self.llm.chat.completions.create(model="m", messages=msgs)
        """,
        """
        import huggingface_hub

        class Bot:
            def __init__(self):
                self.llm = huggingface_hub.InferenceClient(provider='auto')

            def ask(self, msgs):
                return self.llm.chat.completions.create(model="m", messages=msgs)
        """,
    )


def test_transformed_pinned_text_generation_is_marked():
    transformed(
        'from huggingface_hub import InferenceClient\nclient = InferenceClient("gpt2", provider="hf-inference")\nclient.text_generation("hi")\n',
        "from huggingface_hub import InferenceClient\n"
        + PINNED_LLM
        + 'client = InferenceClient("gpt2", provider="hf-inference")\nclient.text_generation("hi")\n',
    )


def test_transformed_smolagents_chat_model():
    transformed(
        'from smolagents import InferenceClientModel\nmodel = InferenceClientModel(model_id="Qwen/Qwen2.5-72B-Instruct", provider="hf-inference")\n',
        'from smolagents import InferenceClientModel\nmodel = InferenceClientModel(model_id="Qwen/Qwen2.5-72B-Instruct", provider="auto")\n',
    )


def test_noop_hf_inference_for_tasks_it_serves():
    noop(
        """
        from huggingface_hub import InferenceClient
        client = InferenceClient(provider="hf-inference")
        vectors = client.feature_extraction("hello", model="BAAI/bge-small-en-v1.5")
        labels = client.text_classification("great", model="distilbert/distilbert-base-uncased-finetuned-sst-2-english")
        """
    )
    assert "HFM607" not in codes(
        'from huggingface_hub import InferenceClient\nInferenceClient(provider="hf-inference").feature_extraction("x")\n'
    )


def test_noop_on_a_class_that_is_not_an_inference_client():
    noop('from mylib import InferenceClient\nc = InferenceClient(provider="hf-inference")\nc.chat_completion(m)\n')


# --- HFM609 text_generation on a chat-only model ----------------------------------------------------------------


def test_transformed_text_generation_on_an_instruct_model_is_marked():
    before = (
        "from huggingface_hub import InferenceClient\n"
        'client = InferenceClient(model="meta-llama/Llama-3.1-8B-Instruct")\n\n'
        "def answer(prompt):\n"
        "    return client.text_generation(prompt, max_new_tokens=50)\n"
    )
    after = before.replace("    return", _chat_only("meta-llama/Llama-3.1-8B-Instruct", "    ") + "    return")
    transformed(before, after)


def test_the_model_passed_to_the_call_wins_over_the_clients():
    [finding] = reported(
        'from huggingface_hub import InferenceClient\nInferenceClient("gpt2").text_generation(p, model="google/gemma-2-9b-it")\n',
        "HFM609",
    )
    assert "google/gemma-2-9b-it" in finding.message


def test_noop_text_generation_on_a_base_model_or_an_unknown_receiver():
    noop('from huggingface_hub import InferenceClient\nInferenceClient("bigcode/starcoder2-3b").text_generation(p)\n')
    noop(
        'import huggingface_hub\n\ndef f(gen):\n    return gen.text_generation("hi", model="meta-llama/Llama-3.1-8B-Instruct")\n'
    )


# --- JS ---------------------------------------------------------------------------------------------------------


def test_transformed_js_pinned_chat_completion():
    transformed(
        'const out = await hf.chatCompletion({ model: "Qwen/Qwen2.5-7B-Instruct", provider: "hf-inference", messages });\n',
        'const out = await hf.chatCompletion({ model: "Qwen/Qwen2.5-7B-Instruct", provider: "auto", messages });\n',
        path="chat.ts",
    )


def test_transformed_js_text_generation_on_a_chat_model_is_marked():
    transformed(
        'const out = await hf.textGeneration({\n  model: "mistralai/Mistral-7B-Instruct-v0.3",\n  inputs: prompt,\n});\n',
        "// hfmigrate: TODO(HFM609): mistralai/Mistral-7B-Instruct-v0.3 is served for chat only today: call "
        "chatCompletion(messages=[...]) and read .choices[0].message.content\n"
        'const out = await hf.textGeneration({\n  model: "mistralai/Mistral-7B-Instruct-v0.3",\n  inputs: prompt,\n});\n',
        path="gen.js",
    )


def test_noop_js_feature_extraction_on_hf_inference():
    noop('await hf.featureExtraction({ model: "BAAI/bge-m3", provider: "hf-inference", inputs });\n', path="emb.js")


def test_the_pre_filter_sends_on_only_files_that_name_a_chat_model_where_hfm609_reads_it():
    """A library calling InferenceClient.text_generation with run-time models is not parsed for HFM609 (ast decides)."""
    from hfmigrate.scan import prefilter

    run_time = b"from huggingface_hub import InferenceClient\n\ndef f(m):\n    return InferenceClient(model=m).text_generation('x')\n"
    assert not prefilter.needs_python_parse(run_time)
    aliased = b'from huggingface_hub import InferenceClient as IC\nc = IC(model="meta-llama/Llama-3.1-8B-Instruct")\nc.text_generation("x")\n'
    positional = (
        b'import huggingface_hub as hh\nc = hh.AsyncInferenceClient("google/gemma-2-9b-it")\nc.text_generation("x")\n'
    )
    keyword = b'from huggingface_hub import InferenceClient\nInferenceClient().text_generation("x", model="Qwen/Qwen2.5-7B-Instruct")\n'
    broken = keyword + b"def broken(:\n"  # ast cannot tell: sent on
    spread = b'from huggingface_hub import InferenceClient\nInferenceClient(  # a comment\n    (\n "google/gemma-2-9b-it")\n).text_generation("x")\n'
    for data in (aliased, positional, keyword, broken, spread):
        assert prefilter.needs_python_parse(data), data


def test_the_byte_test_before_ast_rejects_only_files_with_no_literal_where_hfm609_reads_one():
    """No string literal after ``model=`` or a client class's parenthesis: no HFM609, whatever ast makes of it."""
    from hfmigrate.scan import prefilter

    default_only = (
        b"from huggingface_hub import InferenceClient\n\n"
        b'def f(prompt, model: str = "meta-llama/Llama-3.1-8B-Instruct"):\n'
        b"    return InferenceClient(model=model).text_generation(prompt)\n"
    )
    assert not prefilter.needs_python_parse(default_only)
    assert not prefilter.needs_python_parse(default_only + b"def broken(:\n")
    assert "HFM609" not in codes(default_only.decode())  # what the rule itself says when the file is parsed
