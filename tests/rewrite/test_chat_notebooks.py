"""Issue 9: a notebook's code cells are analysed together for text generation (URL or wrapper in an earlier cell)."""

from __future__ import annotations

import json
from pathlib import Path

from hfmigrate.rewrite import rewrite_paths

L = "https://api-inference.huggingface.co"
M = "mistralai/Mistral-7B-Instruct-v0.3"
CHAT = "https://router.huggingface.co/v1/chat/completions"


def _write(path: Path, *cells: tuple[str, str]) -> None:
    path.write_text(
        json.dumps(
            {
                "cells": [
                    {
                        "cell_type": kind,
                        "metadata": {},
                        "source": source.splitlines(True),
                        **({"outputs": [], "execution_count": None} if kind == "code" else {}),
                    }
                    for kind, source in cells
                ],
                "metadata": {},
                "nbformat": 4,
                "nbformat_minor": 5,
            },
            indent=1,
        )
        + "\n"
    )


def _sources(path: Path) -> list[str]:
    return ["".join(cell["source"]) for cell in json.loads(path.read_text())["cells"]]


def test_url_and_wrapper_in_earlier_cells_convert_where_a_later_cell_uses_them(tmp_path: Path) -> None:
    path = tmp_path / "nb.ipynb"
    _write(
        path,
        ("code", f'import requests\nAPI_URL = "{L}/models/{M}"'),
        ("code", "%%bash\necho hello"),
        ("code", "def query(payload):\n    return requests.post(API_URL, json=payload).json()"),
        ("code", 'out = query({"inputs": "Hi", "parameters": {"max_new_tokens": 5}})\nout'),
        ("code", 'print(out[0]["generated_text"])'),
    )
    rewrite_paths([path])
    sources = _sources(path)
    assert sources[0] == f'import requests\nAPI_URL = "{CHAT}"'
    assert sources[1] == "%%bash\necho hello"
    assert sources[2] == "def query(payload):\n    return requests.post(API_URL, json=payload).json()"
    assert '"messages": [{"role": "user", "content": "Hi"}], "max_tokens": 5' in sources[3]
    assert "TODO(HFM107): this shows a chat completion now" in sources[3]  # the cell displays `out`
    assert sources[4] == 'print(out["choices"][0]["message"]["content"])'
    before = path.read_text()
    rewrite_paths([path])
    assert path.read_text() == before


def test_a_blocking_use_in_a_later_cell_is_named_by_cell_and_line(tmp_path: Path) -> None:
    path = tmp_path / "nb.ipynb"
    _write(
        path,
        (
            "code",
            f'import requests\nAPI_URL = "{L}/models/{M}"\n\ndef query(payload):\n    return requests.post(API_URL, json=payload).json()',
        ),
        ("markdown", "Now with a body from a file:"),
        ("code", 'data = load()\nprint(query(data)[0]["generated_text"])'),
    )
    rewrite_paths([path])
    first, _, last = _sources(path)
    assert "the call at cell 3 line 2: `data` is not one dict assigned in reach" in first
    assert f"hf-inference/models/{M}" in first and last == 'data = load()\nprint(query(data)[0]["generated_text"])'


def test_a_notebook_with_one_code_cell_is_rewritten_as_before(tmp_path: Path) -> None:
    path = tmp_path / "nb.ipynb"
    _write(
        path,
        (
            "code",
            f'import requests\nprint(requests.post("{L}/models/{M}", json={{"inputs": "Hi"}}).json()[0]["generated_text"])',
        ),
    )
    rewrite_paths([path])
    assert _sources(path)[0].endswith(
        'json={"model": "%s", "messages": [{"role": "user", "content": "Hi"}]}).json()["choices"][0]["message"]["content"])'
        % M
    )
