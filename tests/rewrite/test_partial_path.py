"""The partial path (relevant statements only, spliced back) must give exactly what the whole-module path gives."""

from __future__ import annotations

import ast

import pytest

from hfmigrate.config import Settings
from hfmigrate.engine.outcomes import RewriteSkip, RewriteSuccess
from hfmigrate.rewrite import module as rewrite_module
from hfmigrate.rewrite.module import rewrite_source

L = "https://api-inference.huggingface.co"
FILLER = "".join(f"\n\ndef helper_{i}(x):\n    # plain code\n    return x + {i}\n" for i in range(30))

CASES = {
    "url in the middle": f'import os\n{FILLER}\nAPI_URL = "{L}/models/gpt2"\n{FILLER}',
    "chat chain across statements": (
        f'import requests\n{FILLER}\nURL = "{L}/models/org/llm"\n{FILLER}\n'
        'def ask(p):\n    payload = {"inputs": p, "parameters": {"max_new_tokens": 5, "top_k": 3}}\n'
        '    return requests.post(URL, json=payload).json()[0]["generated_text"]\n'
    ),
    "decorated function": f'import requests\n{FILLER}\n@cache\n@other(1)\ndef f():\n    return requests.get("{L}/status/x")\n',
    "semicolons": f'import os\n{FILLER}\na = 1; URL = "{L}/models/gpt2"; b = 2\n',
    "no final newline": f'import os\n{FILLER}\nURL = "{L}/models/gpt2"',
    "import split": f'from langchain import HuggingFaceHub, LLMChain\n{FILLER}\nllm = HuggingFaceHub(repo_id="x/y")\n',
    "crlf": (f'import os\n{FILLER}\nURL = "{L}/models/gpt2"  # note\n{FILLER}').replace("\n", "\r\n"),
    "top-level removal falls back": f'import os\n{FILLER}\npayload = {{"inputs": 1}}\npayload["options"] = {{"wait_for_model": True}}\nsend(payload)\n',
    "marker above first relevant statement": f'import os\n{FILLER}\nx = 1\nrequests.get("{L}/status/a")\n',
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_partial_equals_whole(name: str):
    source = CASES[name]
    data = source.encode()
    partial = rewrite_source(data, "m.py", Settings())
    whole = rewrite_module._whole_rewrite(
        rewrite_module._Job(data, source, "utf-8", "m.py", Settings(), {}, {}), ast.parse(source)
    )
    assert isinstance(partial, RewriteSuccess) and isinstance(whole, RewriteSuccess)
    assert partial.after == whole.after
    ast.parse(partial.after)
    assert rewrite_source(partial.after, "m.py", Settings()) == RewriteSkip(), "a second run changed it again"


def test_only_the_relevant_statement_changes_in_a_latin1_file_with_a_bom_free_cookie():
    source = f"# -*- coding: latin-1 -*-\n# Café\n{FILLER}\nURL = '{L}/models/gpt2'\nname = 'Müller'\n"
    after = rewrite_source(source.encode("latin-1"), "m.py", Settings()).after  # type: ignore[union-attr]
    assert after == source.replace(f"{L}/models", "https://router.huggingface.co/hf-inference/models").encode("latin-1")


def test_bom_is_kept_on_the_partial_path():
    source = f"import os\n{FILLER}\nURL = '{L}/models/gpt2'\n"
    after = rewrite_source(b"\xef\xbb\xbf" + source.encode(), "m.py", Settings()).after  # type: ignore[union-attr]
    assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\xef\xbb\xbf") == 1
