"""Errors from the real entry point: one line, exit 2, and never a token echoed back from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.project_files import hfmigrate, write

PASTED = "hf_" + "Zq7Xw2Lk9Pm4Rt6Yb1Nc8Vd3Fg5Hj0Qs"


@pytest.mark.parametrize(
    "args",
    [
        ("rules", PASTED),
        ("scan", "--select", PASTED, "."),
        ("rewrite", "--check", "--model-map", PASTED, "."),
    ],
)
def test_a_token_given_where_something_else_belongs_is_not_echoed(tmp_path: Path, args):
    result = hfmigrate(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("hfmigrate: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert PASTED not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "hfmigrate: error: cannot read config settings.yaml: no such file"),
        (b"\xff\xfe", "hfmigrate: error: cannot read config settings.yaml: not UTF-8 text"),
    ],
)
def test_an_unreadable_config_says_why_in_words(tmp_path: Path, content, message):
    if content is not None:
        write(tmp_path, "settings.yaml", content)
    result = hfmigrate("scan", "--config", "settings.yaml", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [message]
