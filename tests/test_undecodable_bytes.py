"""Bytes that are not valid UTF-8 (and no cookie says otherwise) are kept: every byte outside an edit is written
back as it was, and scan reads the whole file with all its rules, positions counted one column per byte.

The files hold latin-1 and cp1252 bytes in comments, in strings, on the first two lines (where a PEP 263 cookie
would be) and on the edited line, in Python, notebooks and text files. Each rewrite is checked against the
original bytes with only the intended edit applied.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.project_files import hfmigrate, write

LEGACY = b"https://api-inference.huggingface.co/models/gpt2"
ROUTER = b"https://router.huggingface.co/hf-inference/models/gpt2"
CALL = b"requests.post(URL, headers=HEADERS, json=payload)\n"

PYTHON = {
    "comment_line_1.py": b'# caf\xe9: the first line, where a cookie would be\nURL = "' + LEGACY + b'"\n',
    "string_line_2.py": b"import os\nNAME = '\x93quoted\x94 \x80'\nURL = \"" + LEGACY + b'"\n',
    "edited_line.py": b'URL = "' + LEGACY + b'"  # r\xe9sum\xe9 \x85 \xa0\n',
    "crlf.py": b'# \xff\xfe\r\nURL = "' + LEGACY + b"\"  # \xe9\r\nX = '\xe9'\r\n",
}


def expected(data: bytes) -> bytes:
    return data.replace(LEGACY, ROUTER)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    for name, data in PYTHON.items():
        write(tmp_path, name, data)
    return tmp_path


def test_rewrite_keeps_every_byte_outside_the_edit(project: Path):
    result = hfmigrate("rewrite", ".", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 changed" in result.stdout and "0 errors" in result.stdout
    for name, data in PYTHON.items():
        assert (project / name).read_bytes() == expected(data), name
    again = hfmigrate("rewrite", "--check", ".", cwd=project)
    assert again.returncode == 0 and "would rewrite" not in again.stdout


def test_rewrite_says_once_per_file_that_the_bytes_were_kept(project: Path):
    result = hfmigrate("rewrite", ".", cwd=project)
    lines = [line for line in result.stdout.splitlines() if line.startswith("hfmigrate: string_line_2.py")]
    assert lines == [
        "hfmigrate: string_line_2.py: downgraded: not valid utf-8 (byte 0x93 on line 2); bytes that do not decode "
        "are kept as they are"
    ]


def test_scan_runs_the_python_rules_with_columns_counted_per_byte(project: Path):
    write(project, "columns.py", b"X = '\xe9\xe9\xe9'; URL = \"" + LEGACY + b'"\n')
    result = hfmigrate("scan", "--format", "json", ".", cwd=project)
    assert result.returncode == 1
    findings = {
        (f["path"], f["line"], f["column"], f["code"], f["fixable"]) for f in json.loads(result.stdout)["findings"]
    }
    assert findings == {
        ("comment_line_1.py", 2, 7, "HFM101", True),
        ("string_line_2.py", 3, 7, "HFM101", True),
        ("edited_line.py", 1, 7, "HFM101", True),
        ("crlf.py", 2, 7, "HFM101", True),
        ("columns.py", 1, 18, "HFM101", True),
    }


def test_a_legacy_option_removed_on_a_line_with_cp1252_bytes(tmp_path: Path):
    data = (
        b"import requests\n"
        b'URL = "' + LEGACY + b'"\n'
        b'payload = {"inputs": "\x93hi\x94", "options": {"wait_for_model": True}}  # \xe9\n'
        b"requests.post(URL, json=payload)\n"
    )
    write(tmp_path, "opts.py", data)
    result = hfmigrate("rewrite", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert (tmp_path / "opts.py").read_bytes() == expected(data).replace(b', "options": {"wait_for_model": True}', b"")


def test_a_marker_above_a_statement_in_a_latin1_file(tmp_path: Path):
    data = b'# \xe9t\xe9\nSTATUS = "https://api-inference.huggingface.co/status/gpt2"  # \xe9\n'
    write(tmp_path, "status.py", data)
    result = hfmigrate("rewrite", ".", cwd=tmp_path)
    assert result.returncode == 1  # the marker is left for a person
    after = (tmp_path / "status.py").read_bytes()
    first, marker, rest = after.split(b"\n", 2)
    assert first == b"# \xe9t\xe9" and marker.startswith(b"# hfmigrate: TODO(HFM104)")
    assert rest == data.split(b"\n", 1)[1]


def test_a_file_that_also_holds_the_escape_characters_is_not_rewritten_but_still_gated(tmp_path: Path):
    """U+F7E9 (written as UTF-8) is what a lone 0xE9 would stand for: the bytes could not be told apart."""
    data = "# \uf7e9\n".encode() + b'# \xe9\nURL = "' + LEGACY + b'"\n'
    write(tmp_path, "odd.py", data)
    rewrite = hfmigrate("rewrite", ".", cwd=tmp_path)
    assert rewrite.returncode == 2
    assert (
        "hfmigrate: odd.py: error: not valid utf-8 (byte 0xe9 on line 2), and it holds private-use characters; "
        "it holds the legacy host, not rewritten" in rewrite.stdout
    )
    assert (tmp_path / "odd.py").read_bytes() == data
    scan = hfmigrate("scan", "--format", "json", ".", cwd=tmp_path)
    assert scan.returncode == 1
    (finding,) = json.loads(scan.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["code"], finding["fixable"]) == (3, 8, "HFM101", False)


# --- notebooks and text files -----------------------------------------------------------------------------


def notebook_bytes() -> bytes:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Caf@E9@ notes\n", "docs: @URL@\n"]},
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": ["# r@E9@sum@E9@\n", 'URL = "@URL@"  # @93@x@94@\n', "print('@E9@')"],
        },
    ]
    text = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"
    data = text.encode().replace(b"@URL@", LEGACY)
    for code in ("E9", "93", "94"):
        data = data.replace(f"@{code}@".encode(), bytes([int(code, 16)]))
    return data


TEXT = {
    "app.js": b'// caf\xe9\nfetch("' + LEGACY + b'"); // \x93edited line\x94\n',
    ".env": b"# \xe9\nHF_URL=" + LEGACY + b"\nNAME=\xe9\n",
    "config.yaml": b"name: caf\xe9\nurl: " + LEGACY + b"  # \xe9\n",
    "README.md": b"Caf\xe9 \x85 docs: " + LEGACY + b" \xa0\n",
}


def test_notebook_and_text_files_keep_their_bytes(tmp_path: Path):
    write(tmp_path, "nb.ipynb", notebook_bytes())
    for name, data in TEXT.items():
        write(tmp_path, name, data)
    scan = hfmigrate("scan", "--format", "json", ".", cwd=tmp_path)
    assert scan.returncode == 1
    paths = {(f["path"], f["cell"]) for f in json.loads(scan.stdout)["findings"] if f["code"] == "HFM101"}
    assert paths == {("nb.ipynb", 1), ("nb.ipynb", 2), *((name, None) for name in TEXT)}
    result = hfmigrate("rewrite", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "nb.ipynb").read_bytes() == expected(notebook_bytes())
    for name, data in TEXT.items():
        assert (tmp_path / name).read_bytes() == expected(data), name
