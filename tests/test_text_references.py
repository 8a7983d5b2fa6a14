"""Model ids at call sites in text files and notebook shell lines, with their call style."""

from __future__ import annotations

from hfmigrate.scan.text_references import constant_references, text_references

L = "https://api-inference.huggingface.co"


def refs(text, path="f.js"):
    return [(r.model, r.line, r.task, r.style, r.runtime) for r in text_references(path, text)]


def test_literal_ids_in_env_and_shell():
    assert refs(f"HF_URL={L}/models/org/llm\nEMB={L}/pipeline/feature-extraction/org/emb\n", ".env") == [
        ("org/llm", 1, None, None, False),
        ("org/emb", 2, "feature-extraction", "embeddings", False),
    ]
    assert refs(f'URL="${{HF_URL:-{L}/models/org/llm}}"\n', "q.sh") == [("org/llm", 1, None, None, False)]


def test_a_variable_the_file_fills_with_one_id():
    js = f'function s(text, model = "org/bart") {{\n  return fetch(`{L}/models/${{model}}`);\n}}\n'
    assert refs(js) == [("org/bart", 2, None, None, False)]
    shell = f'MODEL=org/llm\ncurl "{L}/models/$MODEL"\n'
    assert refs(shell, "q.sh") == [("org/llm", 2, None, None, False)]


def test_a_variable_with_two_values_is_chosen_at_run_time():
    js = f'let model = "org/a";\nif (x) model = "org/b";\nfetch(`{L}/models/${{model}}`);\n'
    assert refs(js) == [("${model}", 3, None, None, True)]


def test_js_task_calls_and_openai_chat_carry_their_call_style():
    js = (
        'await hf.textGeneration({ model: "org/llm", inputs: "hi" });\n'
        'await hf.featureExtraction({ model: "org/emb", inputs: "hi" });\n'
        'await hf.textToImage({ inputs: "a cat", model: "org/sdxl" });\n'
        f'const c = new OpenAI({{ baseURL: "{L}/v1/" }});\n'
        'await c.chat.completions.create({ model: "org/chat", messages: [{ role: "user", content: "hi" }] });\n'
    )
    assert refs(js) == [
        ("org/llm", 1, "text-generation", "text-generation", False),
        ("org/emb", 2, "feature-extraction", "embeddings", False),
        ("org/sdxl", 3, "text-to-image", "task", False),
        ("org/chat", 5, "conversational", "chat", False),
    ]


def test_noop_openai_chat_on_another_host_and_prose():
    assert refs('await c.chat.completions.create({ model: "org/chat" });\n') == []
    assert refs("Use a model such as org/name with the router.\n", "README.md") == []


def test_model_constants_in_python():
    text = 'IMAGE_MODEL = "org/sdxl"\nmodel_id: str = "org/x"  # default\nNAME = "org/not-a-model-name"\nTOKENIZER_MODEL = "gpt2"\n'
    assert [(r.model, r.line) for r in constant_references("a.py", text)] == [("org/sdxl", 1), ("org/x", 2)]
    assert constant_references("a.py", text, {"org/sdxl"})[0].model == "org/x"
