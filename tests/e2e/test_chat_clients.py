"""Client programs pointed at what serves LLMs today (issue 9, points 3 and 4): each fails as written, and after
``hfmigrate rewrite`` runs against the router stand-in and prints the chat answer. Nothing is edited by hand.

huggingface_hub >= 1.0 refuses a token that does not start with ``hf_`` for the auto router, so these stand-ins
accept a fake ``hf_`` token (never a real one).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.harness import chat_reply_text, run_program, start_stand_ins

PROGRAMS = Path(__file__).parent / "programs"
FAKE_TOKEN = "hf_" + "standin" + "0" * 8
LLAMA, MISTRAL = "meta-llama/Llama-3.1-8B-Instruct", "mistralai/Mistral-7B-Instruct-v0.3"
CASES = {  # program → (the library it needs, the model that answers)
    "per_model_openai.py": ("openai", LLAMA),
    "per_model_inference_client.py": ("huggingface_hub", MISTRAL),
    "inference_api_chat.py": ("huggingface_hub", MISTRAL),
    "client_post_chat.py": ("huggingface_hub", LLAMA),
    "langchain_chat.py": ("langchain_huggingface", MISTRAL),
}


@pytest.fixture
def hf():
    with start_stand_ins(token=FAKE_TOKEN) as stand_ins:
        yield stand_ins


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("chat-clients")
    for name in CASES:
        shutil.copy(PROGRAMS / name, root / name)
    done = subprocess.run([sys.executable, "-m", "hfmigrate", "rewrite", str(root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr  # converted whole: no marker left for a person
    return root


def _needs(library: str) -> None:
    module = pytest.importorskip(library)
    if library == "huggingface_hub" and int(module.__version__.split(".")[0]) < 1:
        pytest.skip("huggingface_hub < 1.0 has no server-side chat router")


@pytest.mark.parametrize("program", sorted(CASES))
def test_the_program_fails_as_written(program: str, hf) -> None:
    result = run_program(PROGRAMS / program, [], hf.hosts, env={"HF_TOKEN": FAKE_TOKEN})
    assert result.returncode != 0
    assert not hf.router.requests  # 410 from the legacy host, or a client API that no longer exists


@pytest.mark.parametrize("program", sorted(CASES))
def test_the_migrated_program_prints_the_chat_answer(program: str, migrated: Path, hf) -> None:
    library, model = CASES[program]
    _needs(library)
    result = run_program(migrated / program, [], hf.hosts, env={"HF_TOKEN": FAKE_TOKEN})
    assert result.returncode == 0, result.stderr
    replies = result.stdout.splitlines()
    assert replies and set(replies) == {chat_reply_text(model)}
    assert {r.path for r in hf.router.requests} == {"/v1/chat/completions"}
    assert {r.json()["model"] for r in hf.router.requests} == {model}
    assert not hf.legacy.requests


def test_the_migrated_sources_keep_their_multi_line_calls(migrated: Path) -> None:
    langchain = (migrated / "langchain_chat.py").read_text()
    assert "llm = ChatHuggingFace(llm=HuggingFaceEndpoint(\n    repo_id=" in langchain
    assert "    temperature=0.5,\n    max_new_tokens=64,\n))" in langchain
    assert 'print(llm.invoke("Hi").content)' in langchain
    post = (migrated / "client_post_chat.py").read_text()
    assert "answer = client.chat_completion(\n    messages=" in post and "answer.choices[0].message.content" in post
