"""The router and Hub stand-ins answer like the real hosts (hf-api.md §1-§5), so wrong migrations fail."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import requests

from tests.e2e.harness import EMBEDDING_DIM, TEST_TOKEN, chat_reply_text, run_program

AUTH = {"Authorization": f"Bearer {TEST_TOKEN}"}
CHAT = {"model": "meta-llama/Llama-3.1-8B-Instruct", "messages": [{"role": "user", "content": "hi"}]}


def test_legacy_answers_410_everywhere(stand_ins) -> None:
    for method in ("GET", "POST", "OPTIONS"):
        r = requests.request(method, stand_ins.legacy.url + "/models/gpt2", timeout=5)
        assert r.status_code == 410 and "no longer supported" in r.json()["error"]


def test_router_chat(stand_ins) -> None:
    url = stand_ins.router.url
    r = requests.post(f"{url}/v1/chat/completions", headers=AUTH, json=CHAT, timeout=5)
    assert r.status_code == 200 and r.headers["x-inference-provider"] == "novita"
    assert r.json()["choices"][0]["message"]["content"] == chat_reply_text("meta-llama/Llama-3.1-8B-Instruct")
    pinned = dict(CHAT, model="meta-llama/Llama-3.1-8B-Instruct:groq")
    assert (
        requests.post(f"{url}/v1/chat/completions", headers=AUTH, json=pinned, timeout=5).headers[
            "x-inference-provider"
        ]
        == "groq"
    )
    assert (
        requests.post(f"{url}/featherless-ai/v1/chat/completions", headers=AUTH, json=CHAT, timeout=5).status_code
        == 200
    )
    # errors
    assert requests.post(f"{url}/v1/chat/completions", json=CHAT, timeout=5).status_code == 401
    assert (
        requests.post(
            f"{url}/v1/chat/completions", headers={"Authorization": "Bearer hf_wrong"}, json=CHAT, timeout=5
        ).status_code
        == 401
    )
    r = requests.post(f"{url}/v1/chat/completions", headers=AUTH, json={"model": "gpt2", "messages": []}, timeout=5)
    assert r.status_code == 400 and r.json()["error"]["code"] == "model_not_supported"
    r = requests.post(
        f"{url}/v1/chat/completions", headers=AUTH, json={"model": CHAT["model"], "inputs": "hi"}, timeout=5
    )
    assert r.status_code == 422 and "missing field `messages`" in r.text
    r = requests.post(f"{url}/v1/chat/completions", headers=AUTH, json=dict(CHAT, provider="novita"), timeout=5)
    assert r.status_code == 422


def test_router_chat_stream_through_the_redirect(stand_ins, tmp_path: Path) -> None:
    prog = tmp_path / "stream.py"
    prog.write_text(
        textwrap.dedent("""
        import json, os, requests
        r = requests.post(
            "https://router.huggingface.co/v1/chat/completions",
            headers={"Authorization": "Bearer " + os.environ["HF_TOKEN"]},
            json={"model": "mistralai/Mistral-7B-Instruct-v0.3", "messages": [{"role": "user", "content": "hi"}], "stream": True},
            stream=True,
        )
        text = ""
        for line in r.iter_lines(decode_unicode=True):
            if line.startswith("data:") and line[5:].strip() != "[DONE]":
                text += json.loads(line[5:])["choices"][0]["delta"]["content"]
        print(text)
    """)
    )
    result = run_program(prog, [], stand_ins.hosts, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == chat_reply_text("mistralai/Mistral-7B-Instruct-v0.3") + "\n"


def test_router_hf_inference_tasks(stand_ins) -> None:
    base = stand_ins.router.url + "/hf-inference/models"

    def post(path: str, **kwargs):
        return requests.post(base + path, headers=AUTH, timeout=5, **kwargs)

    assert post("/Salesforce/blip-image-captioning-large", data=b"\x89PNG...").json()[0]["generated_text"]
    r = post("/distilbert/distilbert-base-uncased-finetuned-sst-2-english", json={"inputs": "great"})
    assert r.json()[0][0]["label"] == "POSITIVE"
    r = post("/stabilityai/stable-diffusion-xl-base-1.0", json={"inputs": "a cat"})
    assert r.headers["content-type"] == "image/png" and r.content.startswith(b"\x89PNG")
    r = post("/sentence-transformers/all-MiniLM-L6-v2/pipeline/feature-extraction", json={"inputs": "a"})
    assert len(r.json()) == EMBEDDING_DIM and all(isinstance(x, float) for x in r.json())
    r = post("/sentence-transformers/all-MiniLM-L6-v2/pipeline/feature-extraction", json={"inputs": ["a", "b"]})
    assert [len(v) for v in r.json()] == [EMBEDDING_DIM, EMBEDDING_DIM]
    assert post("/sentence-transformers/all-MiniLM-L6-v2", json={"inputs": "a"}).status_code == 400
    assert post("/facebook/bart-large-cnn", json={"inputs": "long"}).json()[0]["summary_text"]
    # not deployed on hf-inference: chat LLMs and unknown models
    for path in (
        "/mistralai/Mistral-7B-Instruct-v0.3",
        "/meta-llama/Llama-3.1-8B-Instruct/v1/chat/completions",
        "/acme/nope",
    ):
        r = post(path, json={"inputs": "x"})
        assert (r.status_code, r.text, r.headers["x-inference-provider"]) == (404, "Not Found", "hf-inference")
    assert requests.post(base + "/facebook/bart-large-cnn", json={"inputs": "x"}, timeout=5).status_code == 401


def test_hf_inference_serves_no_llm_and_llms_answer_only_as_chat(stand_ins) -> None:
    """hf-api.md §0: hf-inference serves no LLMs (its chat route included); LLMs answer on /v1/chat/completions."""
    base = stand_ins.router.url
    for model in ("mistralai/Mistral-7B-Instruct-v0.3", "meta-llama/Llama-3.1-8B-Instruct"):
        for path in (f"/hf-inference/models/{model}", f"/hf-inference/models/{model}/v1/chat/completions"):
            body = (
                {"inputs": "x", "parameters": {"max_new_tokens": 5}}
                if path.endswith(model)
                else dict(CHAT, model=model)
            )
            r = requests.post(base + path, headers=AUTH, json=body, timeout=5)
            assert (r.status_code, r.text) == (404, "Not Found"), path
        r = requests.post(base + "/v1/chat/completions", headers=AUTH, json=dict(CHAT, model=model), timeout=5)
        assert r.json()["choices"][0]["message"]["content"] == chat_reply_text(model)
        assert (
            requests.post(base + f"/models/{model}", headers=AUTH, json={"inputs": "x"}, timeout=5).status_code == 404
        )


def test_old_models_are_served_nowhere(stand_ins) -> None:
    base = stand_ins.router.url
    for model in ("gpt2", "openai-community/gpt2", "google/flan-t5-xxl", "microsoft/DialoGPT-medium"):
        r = requests.post(f"{base}/hf-inference/models/{model}", headers=AUTH, json={"inputs": "Hello"}, timeout=5)
        assert r.status_code == 404, model
        r = requests.post(f"{base}/v1/chat/completions", headers=AUTH, json=dict(CHAT, model=model), timeout=5)
        assert r.status_code == 400 and r.json()["error"]["code"] == "model_not_supported", model
        info = requests.get(
            f"{stand_ins.hub.url}/api/models/{model}",
            params={"expand[]": ["inference", "inferenceProviderMapping"]},
            timeout=5,
        ).json()
        assert info["inferenceProviderMapping"] == {} and "inference" not in info, model


def test_client_text_generation_fails_for_a_chat_only_model(stand_ins, tmp_path: Path) -> None:
    """The real client reads the Hub mapping (task `conversational`) and refuses text-generation, as it does today."""
    import pytest

    pytest.importorskip("huggingface_hub")
    prog = tmp_path / "tg.py"
    prog.write_text(
        textwrap.dedent("""
        from huggingface_hub import InferenceClient
        client = InferenceClient(model="mistralai/Mistral-7B-Instruct-v0.3")
        try:
            client.text_generation("hi", max_new_tokens=5)
        except Exception as error:
            print(error)
    """)
    )  # (chat_completion needs an hf_ token for the auto-router: tests/e2e/test_chat_clients.py runs it)
    result = run_program(prog, [], stand_ins.hosts, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        "not supported for task text-generation" in result.stdout and "Supported task: conversational" in result.stdout
    )


def test_hub_model_info(stand_ins) -> None:
    url = stand_ins.hub.url + "/api/models/mistralai/Mistral-7B-Instruct-v0.3"
    assert requests.get(url, timeout=5).json()["pipeline_tag"] == "text-generation"
    assert requests.get(url, params={"expand[]": "inference"}, timeout=5).json()["inference"] == "warm"
    mapping = requests.get(url, params={"expand[]": "inferenceProviderMapping"}, timeout=5).json()[
        "inferenceProviderMapping"
    ]
    assert mapping["featherless-ai"]["task"] == "conversational"
    r = requests.get(stand_ins.hub.url + "/api/models/acme/nope", timeout=5)
    assert r.status_code == 404 and r.headers["x-error-code"] == "RepoNotFound"
    assert requests.get(stand_ins.hub.url + "/api/whoami-v2", headers=AUTH, timeout=5).json()["name"] == "test-user"


def test_router_catalogue(stand_ins) -> None:
    data = requests.get(stand_ins.router.url + "/v1/models", timeout=5).json()
    assert {m["id"] for m in data["data"]} == {"meta-llama/Llama-3.1-8B-Instruct", "mistralai/Mistral-7B-Instruct-v0.3"}
    json.dumps(data)
