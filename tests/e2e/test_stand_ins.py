"""The router and Hub stand-ins answer like the real hosts (hf-api.md §1-§5), so wrong migrations fail."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import requests

from tests.e2e.harness import EMBEDDING_DIM, GENERATED_CONTINUATION, TEST_TOKEN, chat_reply_text, run_program

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
    assert requests.post(f"{url}/v1/chat/completions", headers=AUTH, json=pinned, timeout=5).headers["x-inference-provider"] == "groq"
    assert requests.post(f"{url}/featherless-ai/v1/chat/completions", headers=AUTH, json=CHAT, timeout=5).status_code == 200
    # errors
    assert requests.post(f"{url}/v1/chat/completions", json=CHAT, timeout=5).status_code == 401
    assert requests.post(f"{url}/v1/chat/completions", headers={"Authorization": "Bearer hf_wrong"}, json=CHAT, timeout=5).status_code == 401
    r = requests.post(f"{url}/v1/chat/completions", headers=AUTH, json={"model": "gpt2", "messages": []}, timeout=5)
    assert r.status_code == 400 and r.json()["error"]["code"] == "model_not_supported"
    r = requests.post(f"{url}/v1/chat/completions", headers=AUTH, json={"model": CHAT["model"], "inputs": "hi"}, timeout=5)
    assert r.status_code == 422 and "missing field `messages`" in r.text
    r = requests.post(f"{url}/v1/chat/completions", headers=AUTH, json=dict(CHAT, provider="novita"), timeout=5)
    assert r.status_code == 422


def test_router_chat_stream_through_the_redirect(stand_ins, tmp_path: Path) -> None:
    prog = tmp_path / "stream.py"
    prog.write_text(textwrap.dedent("""
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
    """))
    result = run_program(prog, [], stand_ins.hosts, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == chat_reply_text("mistralai/Mistral-7B-Instruct-v0.3") + "\n"


def test_router_hf_inference_tasks(stand_ins) -> None:
    base = stand_ins.router.url + "/hf-inference/models"

    def post(path: str, **kwargs):
        return requests.post(base + path, headers=AUTH, timeout=5, **kwargs)

    r = post("/gpt2", json={"inputs": "Hello"})
    assert r.json() == [{"generated_text": "Hello" + GENERATED_CONTINUATION}]  # return_full_text defaults to true
    r = post("/gpt2", json={"inputs": "Hello", "parameters": {"return_full_text": False}})
    assert r.json() == [{"generated_text": GENERATED_CONTINUATION}]
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
    for path in ("/mistralai/Mistral-7B-Instruct-v0.3", "/meta-llama/Llama-3.1-8B-Instruct/v1/chat/completions", "/acme/nope"):
        r = post(path, json={"inputs": "x"})
        assert (r.status_code, r.text, r.headers["x-inference-provider"]) == (404, "Not Found", "hf-inference")
    assert requests.post(base + "/gpt2", json={"inputs": "x"}, timeout=5).status_code == 401


def test_hub_model_info(stand_ins) -> None:
    url = stand_ins.hub.url + "/api/models/mistralai/Mistral-7B-Instruct-v0.3"
    assert requests.get(url, timeout=5).json()["pipeline_tag"] == "text-generation"
    assert requests.get(url, params={"expand[]": "inference"}, timeout=5).json()["inference"] == "warm"
    mapping = requests.get(url, params={"expand[]": "inferenceProviderMapping"}, timeout=5).json()["inferenceProviderMapping"]
    assert mapping["featherless-ai"]["task"] == "conversational"
    r = requests.get(stand_ins.hub.url + "/api/models/acme/nope", timeout=5)
    assert r.status_code == 404 and r.headers["x-error-code"] == "RepoNotFound"
    assert requests.get(stand_ins.hub.url + "/api/whoami-v2", headers=AUTH, timeout=5).json()["name"] == "test-user"


def test_router_catalogue(stand_ins) -> None:
    data = requests.get(stand_ins.router.url + "/v1/models", timeout=5).json()
    assert {m["id"] for m in data["data"]} == {"meta-llama/Llama-3.1-8B-Instruct", "mistralai/Mistral-7B-Instruct-v0.3"}
    json.dumps(data)
