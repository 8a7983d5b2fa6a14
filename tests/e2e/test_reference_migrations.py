"""Hand-written reference migrations of the fixture programs, run against the stand-ins.

Each test copies fixtures/legacy-app to a temporary directory, applies a minimal hand migration (exact text
replacements, so fixture drift is caught), runs the program with ``run_program`` and checks the output the
rewrite engine's result should also produce. Some tests show that the *wrong* migration fails visibly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.e2e.harness import (
    EMBEDDING_DIM,
    FIXTURE_APP,
    GENERATED_IMAGE,
    IMAGE_CAPTION,
    TEST_TOKEN,
    chat_reply_text,
    run_program,
)


@pytest.fixture
def app(tmp_path: Path) -> Path:
    root = tmp_path / "legacy-app"
    shutil.copytree(FIXTURE_APP, root)
    return root


def edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text()
    for old, new in pairs:
        assert old in text, f"fixture changed: {old!r} not in {path.name}"
        text = text.replace(old, new)
    path.write_text(text)


def test_generate_migrated_to_chat_completions(app: Path, stand_ins) -> None:
    edit(
        app / "app/generate.py",
        (
            'API_URL = f"{HF_API_BASE}/models/{MODEL_ID}"',
            'API_URL = "https://router.huggingface.co/v1/chat/completions"',
        ),
        (
            """    payload = {
        "inputs": prompt,
        "parameters": {"max_new_tokens": 200, "temperature": 0.7, "top_k": 50, "return_full_text": False},
        "options": {"wait_for_model": True},
    }""",
            """    payload = {
        "model": MODEL_ID,
        "messages": [{"role": "user", "content": prompt}],
        "max_tokens": 200,
        "temperature": 0.7,
    }""",
        ),
        ('return response.json()[0]["generated_text"]', 'return response.json()["choices"][0]["message"]["content"]'),
    )
    result = run_program(app / "app/generate.py", ["Summarise: printer offline"], stand_ins.hosts)
    assert result.returncode == 0, result.stderr
    assert result.stdout == chat_reply_text("mistralai/Mistral-7B-Instruct-v0.3") + "\n"
    [request] = stand_ins.router.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {TEST_TOKEN}"
    assert request.json() == {
        "model": "mistralai/Mistral-7B-Instruct-v0.3",
        "messages": [{"role": "user", "content": "Summarise: printer offline"}],
        "max_tokens": 200,
        "temperature": 0.7,
    }
    assert stand_ins.legacy.requests == []


def test_generate_moved_to_hf_inference_fails_because_the_llm_is_not_deployed_there(app: Path, stand_ins) -> None:
    edit(
        app / "app/config.py",
        (
            '"HF_API_BASE", "https://api-inference.huggingface.co"',
            '"HF_API_BASE", "https://router.huggingface.co/hf-inference"',
        ),
    )
    result = run_program(app / "app/generate.py", [], stand_ins.hosts)
    assert result.returncode == 1
    assert "JSONDecodeError" in result.stderr  # 404 text/plain "Not Found"
    assert [r.path for r in stand_ins.router.requests] == ["/hf-inference/models/mistralai/Mistral-7B-Instruct-v0.3"]


def test_embed_migrated_to_hf_inference_pipeline_route(app: Path, stand_ins) -> None:
    edit(
        app / "app/embed.py",
        (
            'f"https://api-inference.huggingface.co/pipeline/feature-extraction/{model_id}"',
            'f"https://router.huggingface.co/hf-inference/models/{model_id}/pipeline/feature-extraction"',
        ),
        ('payload = {"inputs": texts, "options": {"wait_for_model": True}}', 'payload = {"inputs": texts}'),
    )
    result = run_program(app / "app/embed.py", ["first ticket", "second ticket"], stand_ins.hosts)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{EMBEDDING_DIM}\n"
    [request] = stand_ins.router.requests
    assert request.path == "/hf-inference/models/sentence-transformers/all-MiniLM-L6-v2/pipeline/feature-extraction"
    assert request.json() == {"inputs": ["first ticket", "second ticket"]}


def test_illustrate_migrated_via_the_config_constant(app: Path, stand_ins, tmp_path: Path) -> None:
    edit(
        app / "app/config.py",
        (
            'HF_MODELS_URL = "https://api-inference.huggingface.co/models/"',
            'HF_MODELS_URL = "https://router.huggingface.co/hf-inference/models/"',
        ),
    )
    edit(app / "app/illustrate.py", ('    "x-use-cache": "false",\n', ""))
    out = tmp_path / "run"
    out.mkdir()
    result = run_program(app / "app/illustrate.py", [], stand_ins.hosts, cwd=out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {len(GENERATED_IMAGE)} bytes to illustration.png\n"
    assert (out / "illustration.png").read_bytes() == GENERATED_IMAGE
    [request] = stand_ins.router.requests
    assert request.path == "/hf-inference/models/stabilityai/stable-diffusion-xl-base-1.0"
    assert "x-use-cache" not in request.headers


def test_caption_stays_on_hf_inference(app: Path, stand_ins) -> None:
    edit(
        app / "app/caption.py",
        (
            '"https://api-inference.huggingface.co/models/Salesforce/blip-image-captioning-large"',
            '"https://router.huggingface.co/hf-inference/models/Salesforce/blip-image-captioning-large"',
        ),
    )
    result = run_program(app / "app/caption.py", [], stand_ins.hosts)
    assert result.returncode == 0, result.stderr
    assert result.stdout == IMAGE_CAPTION + "\n"
    assert stand_ins.router.requests[0].body == (FIXTURE_APP / "data/screenshot.png").read_bytes()


def test_caption_converted_to_chat_breaks(app: Path, stand_ins) -> None:
    edit(
        app / "app/caption.py",
        (
            '"https://api-inference.huggingface.co/models/Salesforce/blip-image-captioning-large"',
            '"https://router.huggingface.co/v1/chat/completions"',
        ),
        ('response.json()[0]["generated_text"]', 'response.json()["choices"][0]["message"]["content"]'),
    )
    result = run_program(app / "app/caption.py", [], stand_ins.hosts)
    assert result.returncode == 1
    assert "JSONDecodeError" in result.stderr  # raw image bytes are not a chat body: 422 text/plain


def test_status_migrated_by_hand_to_the_hub_api(app: Path, stand_ins) -> None:
    edit(
        app / "app/status.py",
        (
            'requests.get(f"https://api-inference.huggingface.co/status/{model_id}", headers=HEADERS, timeout=10)',
            'requests.get(f"https://huggingface.co/api/models/{model_id}", params={"expand[]": "inference"}, headers=HEADERS, timeout=10)',
        ),
        ("loaded={info['loaded']} state={info['state']}", "inference={info.get('inference', 'cold')}"),
    )
    result = run_program(app / "app/status.py", [], stand_ins.hosts)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "mistralai/Mistral-7B-Instruct-v0.3: inference=warm\n"
    assert stand_ins.hub.requests[0].query == {"expand[]": ["inference"]}


def test_hub_client_migrated_to_inference_client(app: Path, stand_ins) -> None:
    hub = pytest.importorskip("huggingface_hub")
    if not hasattr(hub, "InferenceClient"):
        pytest.skip("huggingface_hub without InferenceClient")
    edit(
        app / "app/hub_client.py",
        ("from huggingface_hub.inference_api import InferenceApi", "from huggingface_hub import InferenceClient"),
        (
            """    api = InferenceApi(repo_id="distilbert/distilbert-base-uncased-finetuned-sst-2-english", task="text-classification", token=TOKEN)
    result = api(inputs=text)
    best = max(result[0], key=lambda item: item["score"])""",
            """    client = InferenceClient(model="distilbert/distilbert-base-uncased-finetuned-sst-2-english", token=TOKEN)
    result = client.text_classification(text)
    best = max(result, key=lambda item: item["score"])""",
        ),
    )
    result = run_program(app / "app/hub_client.py", [], stand_ins.hosts)
    if tuple(int(x) for x in hub.__version__.split(".")[:2]) < (0, 29):
        # huggingface_hub<0.29 InferenceClient still calls the legacy host: the pin must be raised too
        assert result.returncode == 1
        assert "410 Client Error: Gone" in result.stderr
        assert [r.path for r in stand_ins.legacy.requests] == [
            "/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english"
        ]
        return
    assert result.returncode == 0, result.stderr
    assert result.stdout == "POSITIVE 0.99\n"
    assert [r.path for r in stand_ins.router.requests] == [
        "/hf-inference/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english"
    ]


def test_openai_client_migrated_to_router_base_url(app: Path, stand_ins) -> None:
    pytest.importorskip("openai")
    edit(
        app / "app/chat_openai.py",
        ('base_url="https://api-inference.huggingface.co/v1/"', 'base_url="https://router.huggingface.co/v1"'),
    )
    result = run_program(app / "app/chat_openai.py", [], stand_ins.hosts)
    assert result.returncode == 0, result.stderr
    assert result.stdout == chat_reply_text("meta-llama/Llama-3.1-8B-Instruct") + "\n"
    assert [r.path for r in stand_ins.router.requests] == ["/v1/chat/completions"]
