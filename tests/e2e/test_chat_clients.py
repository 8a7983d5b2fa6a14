"""Client programs pointed at what serves LLMs today (issue 9, points 3 and 4): each fails as written, and after
``hfmigrate rewrite`` runs against the router stand-in and prints the chat answer. Nothing is edited by hand.

huggingface_hub >= 1.0 refuses a token that does not start with ``hf_`` for the auto router, so these stand-ins
accept a fake ``hf_`` token (never a real one).
"""

from __future__ import annotations

import importlib
import importlib.metadata
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
    "raw_per_model_chat.py": ("requests", MISTRAL),
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
    """Every library is in the test extras (pyproject.toml): a missing one is a broken install, not a skip."""
    module = importlib.import_module(library)
    assert int(importlib.metadata.version("huggingface_hub").split(".")[0]) >= 1, "the extras require >= 1.0"
    assert module is not None


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


PREFIX_APP = PROGRAMS / "prefix_app"
PREFIX_CASES = {  # program → (what it prints, the router path it reaches)
    "classify.py": ("POSITIVE", "/hf-inference/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english"),
    "embed.py": ("384", "/hf-inference/models/sentence-transformers/all-MiniLM-L6-v2/pipeline/feature-extraction"),
}


@pytest.fixture(scope="module")
def migrated_prefix_app(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("prefix") / "prefix_app"
    shutil.copytree(PREFIX_APP, root)
    done = subprocess.run([sys.executable, "-m", "hfmigrate", "rewrite", str(root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


@pytest.mark.parametrize("program", sorted(PREFIX_CASES))
def test_host_constant_programs_fail_as_written_and_run_after_rewrite(
    program: str, migrated_prefix_app: Path, hf
) -> None:
    before = run_program(PREFIX_APP / program, [], hf.hosts, env={"HF_TOKEN": FAKE_TOKEN})
    assert before.returncode != 0 and "410" in before.stderr and not hf.router.requests
    after = run_program(migrated_prefix_app / program, [], hf.hosts, env={"HF_TOKEN": FAKE_TOKEN})
    assert after.returncode == 0, after.stderr
    printed, path = PREFIX_CASES[program]
    assert after.stdout.strip() == printed
    assert [r.path for r in hf.router.requests] == [path]


def test_the_environment_override_still_wins_after_rewrite(migrated_prefix_app: Path, hf) -> None:
    config = (migrated_prefix_app / "config.py").read_text()
    assert 'os.environ.get("HF_API_BASE", "https://router.huggingface.co/hf-inference")' in config
    assert (migrated_prefix_app / "health.py").read_text() == (PREFIX_APP / "health.py").read_text()
    custom = run_program(
        migrated_prefix_app / "classify.py",
        [],
        hf.hosts,
        env={"HF_TOKEN": FAKE_TOKEN, "HF_API_BASE": "https://api-inference.huggingface.co"},
    )
    assert custom.returncode != 0 and [r.path for r in hf.legacy.requests] == [
        "/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english"
    ]
