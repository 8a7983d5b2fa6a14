"""The acceptance loop of `hfmigrate rewrite`: migrate a copy of fixtures/legacy-app with the real CLI, then *run*
the migrated programs against the local router stand-in. Nothing in the migrated code is edited by hand; the
harness only redirects the Hugging Face hosts from outside the program (tests/e2e/sitecustomize).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.harness import (
    EMBEDDING_DIM,
    FIXTURE_APP,
    GENERATED_IMAGE,
    IMAGE_CAPTION,
    chat_reply_text,
    run_program,
    start_stand_ins,
)

MISTRAL = "mistralai/Mistral-7B-Instruct-v0.3"
FAKE_TOKEN = "hf_" + "standin" + "0" * 8  # huggingface_hub >= 1.0 sends only hf_ tokens to the auto router


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("migrated") / "legacy-app"
    shutil.copytree(FIXTURE_APP, root)
    done = subprocess.run([sys.executable, "-m", "hfmigrate", "rewrite", str(root)], capture_output=True, text=True)
    assert done.returncode == 1, done.stdout + done.stderr  # 1: markers are left for a person
    assert "errors" in done.stdout and " 0 errors" in done.stdout
    return root


def test_text_generation_runs_as_chat(migrated: Path, stand_ins):
    result = run_program(migrated / "app" / "generate.py", ["Summarise: printer offline"], stand_ins.hosts)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == chat_reply_text("mistralai/Mistral-7B-Instruct-v0.3")
    body = stand_ins.router.requests[-1].json()
    assert body["messages"] == [{"role": "user", "content": "Summarise: printer offline"}]
    assert body["max_tokens"] == 200 and "parameters" not in body and "options" not in body


def test_embeddings_run_on_hf_inference(migrated: Path, stand_ins):
    result = run_program(migrated / "app" / "embed.py", ["reset password"], stand_ins.hosts)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(EMBEDDING_DIM)
    assert stand_ins.router.requests[-1].path.endswith("/pipeline/feature-extraction")


def test_text_to_image_still_returns_bytes(migrated: Path, stand_ins, tmp_path: Path):
    result = run_program(migrated / "app" / "illustrate.py", ["a robot", "out.png"], stand_ins.hosts, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.png").read_bytes() == GENERATED_IMAGE
    assert "x-use-cache" not in stand_ins.router.requests[-1].headers


def test_image_to_text_stays_on_hf_inference(migrated: Path, stand_ins):
    result = run_program(migrated / "app" / "caption.py", [], stand_ins.hosts)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == IMAGE_CAPTION
    assert stand_ins.router.requests[-1].path == "/hf-inference/models/Salesforce/blip-image-captioning-large"


def test_openai_client_reaches_router_v1(migrated: Path, stand_ins):
    pytest.importorskip("openai")
    result = run_program(migrated / "app" / "chat_openai.py", ["wrong VAT"], stand_ins.hosts)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == chat_reply_text("meta-llama/Llama-3.1-8B-Instruct")


@pytest.mark.parametrize("program", ["generate.py", "embed.py", "caption.py"])
def test_unmigrated_programs_get_410(program: str, stand_ins):
    result = run_program(FIXTURE_APP / "app" / program, [], stand_ins.hosts)
    assert result.returncode != 0
    assert stand_ins.legacy.requests and not stand_ins.router.requests


def test_a_langchain_0_1_chain_on_a_chat_model_runs_after_rewrite(migrated: Path):
    faq = (migrated / "app" / "faq_chat.py").read_text()
    assert "from langchain_classic.chains import LLMChain\n" in faq and "TODO" not in faq
    assert "from langchain_core.prompts import PromptTemplate\n" in faq
    assert "llm = ChatHuggingFace(llm=HuggingFaceEndpoint(\n" in faq
    with start_stand_ins(token=FAKE_TOKEN) as hf:
        result = run_program(
            migrated / "app" / "faq_chat.py", ["Where are my invoices?"], hf.hosts, env={"HF_TOKEN": FAKE_TOKEN}
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == chat_reply_text(MISTRAL)
        chat = [r for r in hf.router.requests if r.path == "/v1/chat/completions"]
        assert len(chat) == 1 and not hf.legacy.requests
        body = chat[0].json()
        assert body["model"] == MISTRAL and body["max_tokens"] == 128 and body["temperature"] == 0.2
        assert body["messages"][-1]["content"].endswith("Question: Where are my invoices?")


# --- app/chain.py: LangChain 0.1 code on google/flan-t5-xxl, a model no provider serves today ---------------------


def test_the_langchain_chain_is_left_with_a_marker_that_says_why_and_what_to_do(migrated: Path):
    chain = (migrated / "app" / "chain.py").read_text()
    assert "from langchain_classic.chains import LLMChain\nfrom langchain_core.prompts import PromptTemplate\n" in chain
    assert "from langchain import" not in chain  # langchain 1.x has no names at its root
    marker = next(line for line in chain.splitlines() if "TODO(HFM306)" in line)
    assert "google/flan-t5-xxl is an older model that no provider serves today" in marker
    assert "--model-map google/flan-t5-xxl=<chat model>" in marker and "ChatHuggingFace" in marker
    assert 'llm = HuggingFaceEndpoint(repo_id="google/flan-t5-xxl", temperature=0.5, max_new_tokens=64)' in chain


@pytest.fixture(scope="module")
def migrated_with_a_chat_model(tmp_path_factory) -> Path:
    """The fixture app rewritten as its owner would after reading the marker: flan-t5 replaced by a chat model."""
    root = tmp_path_factory.mktemp("model-map") / "legacy-app"
    shutil.copytree(FIXTURE_APP, root)
    mapping = f"google/flan-t5-xxl={MISTRAL}"
    done = subprocess.run(
        [sys.executable, "-m", "hfmigrate", "rewrite", "--model-map", mapping, str(root)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and " 0 errors" in done.stdout, done.stdout + done.stderr
    return root


def test_the_langchain_chain_fails_as_written_and_runs_on_a_chat_model_after_rewrite(migrated_with_a_chat_model: Path):
    chain = (migrated_with_a_chat_model / "app" / "chain.py").read_text()
    assert "TODO" not in chain
    assert f'llm = ChatHuggingFace(llm=HuggingFaceEndpoint(repo_id="{MISTRAL}", temperature=0.5' in chain
    with start_stand_ins(token=FAKE_TOKEN) as hf:
        before = run_program(FIXTURE_APP / "app" / "chain.py", [], hf.hosts, env={"HF_TOKEN": FAKE_TOKEN})
        assert before.returncode != 0 and "Error" in before.stderr and not hf.router.requests
        after = run_program(
            migrated_with_a_chat_model / "app" / "chain.py",
            ["Where are my invoices?"],
            hf.hosts,
            env={"HF_TOKEN": FAKE_TOKEN},
        )
        assert after.returncode == 0, after.stderr
        assert after.stdout.strip() == chat_reply_text(MISTRAL)
        chat = [r for r in hf.router.requests if r.path == "/v1/chat/completions"]
        assert len(chat) == 1 and not hf.legacy.requests
        body = chat[0].json()
        assert body["model"] == MISTRAL and body["max_tokens"] == 64 and body["temperature"] == 0.5
        assert "Question: Where are my invoices?" in body["messages"][-1]["content"]
