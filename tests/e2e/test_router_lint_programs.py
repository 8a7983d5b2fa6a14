"""Router lint end to end: hand-migrated programs that 404 on today's router (fixtures/router-lint-app) fail
against the local router stand-in, `hfmigrate rewrite` fixes them with no marker left, and they then work."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.harness import EMBEDDING_DIM, chat_reply_text, run_program

APP = Path(__file__).resolve().parent.parent.parent / "fixtures" / "router-lint-app"
PROGRAMS = {
    "embed.py": (["hello"], str(EMBEDDING_DIM)),
    "classify.py": (["great"], "POSITIVE"),
    "chat.py": (["hi"], chat_reply_text("mistralai/Mistral-7B-Instruct-v0.3")),
}


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("router-lint") / "app"
    shutil.copytree(APP, root)
    done = subprocess.run([sys.executable, "-m", "hfmigrate", "rewrite", str(root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr  # every fix is unambiguous here: no marker left
    return root


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_the_hand_migration_fails_today(name: str, stand_ins) -> None:
    args, _ = PROGRAMS[name]
    result = run_program(APP / name, args, stand_ins.hosts)
    assert result.returncode != 0 and "404" in result.stderr, result.stdout + result.stderr


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_after_rewrite_it_works(name: str, migrated: Path, stand_ins) -> None:
    args, expected = PROGRAMS[name]
    result = run_program(migrated / name, args, stand_ins.hosts)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_rewrite_then_scan_is_clean(migrated: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "hfmigrate", "scan", str(migrated)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
