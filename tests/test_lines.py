"""Lines the way Python counts them (``hfmigrate.lines``): only \\n, \\r\\n and \\r end a line.

Form feed, \\x0b, \\x1c-\\x1e, \\x85, U+2028 and U+2029 end a line for ``str.splitlines()`` but not for Python,
libcst, editors or git. In a comment or a string they used to shift the line numbers that scan reports, that
the partial rewrite splices by (an ``options`` removal was silently skipped) and that markers are placed by.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from hfmigrate.lines import line_breaks, line_starts, split_lines
from tests.project_files import hfmigrate, write

NOT_LINE_ENDS = ["\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
IDS = ["form-feed", "x0b", "x1c", "x1d", "x1e", "x85", "u2028", "u2029"]
L = "https://api-inference.huggingface.co"
R = "https://router.huggingface.co/hf-inference"


@pytest.mark.parametrize("char", NOT_LINE_ENDS, ids=IDS)
def test_split_lines_splits_where_python_does(char: str):
    text = f"a{char}b\nc\r\nd\re{char}\n"
    assert split_lines(text) == [f"a{char}b", "c", "d", f"e{char}"]
    assert split_lines(text, keepends=True) == [f"a{char}b\n", "c\r\n", "d\r", f"e{char}\n"]
    assert line_starts(text) == [0, 4, 7, 9, 12]
    assert line_breaks(text) == 4


def test_split_lines_matches_splitlines_on_ordinary_text():
    for text in ["", "a", "a\n", "a\n\nb", "\n", "a\r\n\r\nb\r", "x\ry\n"]:
        assert split_lines(text) == text.splitlines()
        assert split_lines(text, keepends=True) == text.splitlines(keepends=True)


def python_module(char: str) -> str:
    """A module with ``char`` in a comment and in a string on the lines above the legacy call."""
    return (
        "import requests\n"
        f"# a comment with {char} inside\n"
        f'NOTE = "a string with {char} inside"\n'
        f'URL = "{L}/models/gpt2"\n'
        "\n"
        "def unrelated():\n"
        f'    return "x{char}y"\n'
        "\n"
        'payload = {"inputs": "hi", "options": {"wait_for_model": True}}\n'
        "requests.post(URL, json=payload)\n"
        f'STATUS = "{L}/status/gpt2"\n'
    )


@pytest.mark.parametrize("char", NOT_LINE_ENDS, ids=IDS)
def test_scan_reports_python_lines_as_python_counts_them(tmp_path: Path, char: str):
    write(tmp_path, "app.py", python_module(char))
    write(tmp_path, "notes.md", f"intro {char} more\n\nsee {L}/models/gpt2\n")
    result = hfmigrate("scan", "--format", "json", ".", cwd=tmp_path)
    found = sorted((f["path"], f["line"], f["code"]) for f in json.loads(result.stdout)["findings"])
    assert found == [
        ("app.py", 4, "HFM101"),
        ("app.py", 9, "HFM201"),
        ("app.py", 11, "HFM104"),
        ("notes.md", 3, "HFM101"),
    ]


@pytest.mark.parametrize("char", NOT_LINE_ENDS, ids=IDS)
def test_rewrite_removes_the_options_and_puts_the_marker_above_the_right_statement(tmp_path: Path, char: str):
    source = python_module(char)
    write(tmp_path, "app.py", source)
    result = hfmigrate("rewrite", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stdout  # the HFM104 marker is left for a person
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    ast.parse(after)
    lines = after.split("\n")
    assert lines[8] == 'payload = {"inputs": "hi"}'  # the options were removed, not silently skipped
    assert lines[3] == f'URL = "{R}/models/gpt2"'
    assert lines[10].startswith("# hfmigrate: TODO(HFM104)") and lines[11] == f'STATUS = "{L}/status/gpt2"'
    assert after.replace(lines[10] + "\n", "") == source.replace(f"{L}/models", f"{R}/models").replace(
        ', "options": {"wait_for_model": True}', ""
    )
    rescan = json.loads(hfmigrate("scan", "--format", "json", ".", cwd=tmp_path).stdout)["findings"]
    assert [(f["line"], f["code"], f["marker"]) for f in rescan] == [(11, "HFM104", True)]  # once, as the marker


@pytest.mark.parametrize("char", NOT_LINE_ENDS, ids=IDS)
def test_text_file_markers_and_notebook_cells(tmp_path: Path, char: str):
    write(tmp_path, "call.sh", f"# note {char} here\ncurl {L}/status/gpt2\n")
    cell = {
        "cell_type": "code",
        "metadata": {},
        "outputs": [],
        "execution_count": None,
        "source": [f"# {char} note\n", f'URL = "{L}/models/gpt2"\n', f'S = "{L}/status/x"\n'],
    }
    write(tmp_path, "nb.ipynb", json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    scan = json.loads(hfmigrate("scan", "--format", "json", ".", cwd=tmp_path).stdout)
    assert sorted((f["path"], f["line"], f["code"]) for f in scan["findings"]) == [
        ("call.sh", 2, "HFM104"),
        ("nb.ipynb", 2, "HFM101"),
        ("nb.ipynb", 3, "HFM104"),
    ]
    hfmigrate("rewrite", ".", cwd=tmp_path)
    shell = (tmp_path / "call.sh").read_text(encoding="utf-8").split("\n")
    assert shell[0] == f"# note {char} here" and shell[1].startswith("# hfmigrate: TODO(HFM104)")
    source = "".join(json.loads((tmp_path / "nb.ipynb").read_text(encoding="utf-8"))["cells"][0]["source"])
    lines = source.split("\n")
    assert lines[0] == f"# {char} note" and lines[1] == f'URL = "{R}/models/gpt2"'
    assert lines[2].startswith("# hfmigrate: TODO(HFM104)") and lines[3] == f'S = "{L}/status/x"'
