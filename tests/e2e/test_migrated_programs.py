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

from tests.e2e.harness import EMBEDDING_DIM, FIXTURE_APP, GENERATED_IMAGE, IMAGE_CAPTION, chat_reply_text, run_program


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
