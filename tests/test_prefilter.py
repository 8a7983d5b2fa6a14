"""The one-pass pre-filter (hfmigrate.scan.prefilter) against the v0.1 pre-filter it replaced (tests/old_prefilter.py).

"False is a promise": every file the old pre-filter sent on, the new one must send on too, or a finding is lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hfmigrate import needles
from hfmigrate.rules import REGISTRY
from hfmigrate.scan import prefilter
from tests import old_prefilter

# Needles added after v0.1, by rules v0.1 did not have: a file holding one may be sent on where v0.1 dropped it.
ADDED_SINCE_V01 = (b"inference_api", b"/hf-inference/models/")


def _added_since_v01(data: bytes) -> bool:
    return any(n.found_in(data) for n in REGISTRY.needles()) or any(needle in data for needle in ADDED_SINCE_V01)


ROOT = Path(__file__).resolve().parents[1]
FIXTURE_FILES = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.is_file())

# Small cases for each branch of the old pre-filter, beside the fixtures.
SNIPPETS = [
    b'URL = "https://api-inference.huggingface.co/models/gpt2"',
    b"re.compile(r'api-inference\\.huggingface\\.co')",
    b"from huggingface_hub import InferenceApi",
    b"from langchain_community.llms import HuggingFaceHub",
    b"HuggingFaceInferenceAPIEmbeddings(api_key=k)",
    b"client.list_deployed_models()",
    b'{"options": {"wait_for_model": True}}',
    b"headers = {'X-Wait-For-Model': 'true'}",
    b"curl -H 'x-use-cache: false'",
    b"X-USE-CACHE",
    b"client = InferenceClient()\nclient.post(json=payload)",
    b'payload = {"inputs": x, "options": {"use_cache": False}}',
    b"options=dict(use_gpu=True)",
    b'payload["options"] = {"use_cache": False}',
    b'{"parameters": {"max_new_tokens": 3, "use_cache": False}}',
    b'{"messages": m, "parameters": {"temperature": 0.2}}',
    b'requests.post("https://router.huggingface.co/v1/x", json={"parameters": {}})',
    b'client = InferenceClient(provider="nvidia")',
    b"{'provider': 'sambanova'}",
    b'model="meta-llama/Llama-3.1-8B-Instruct:nebius"',
    b"model='x/y:hyperbolic'\n",
    b"m = 'x/y:clarifai",
    b"https://router.huggingface.co/NVIDIA/v1/chat",
    b"# hfmigrate: TODO(HFM101): check this",
    b'TOKEN = "hf_' + b"aB3" * 12 + b'"',
    # not candidates for either
    b"from huggingface_hub import hf_hub_download\nmodel.parameters()\nuse_cache=True\nnvidia/NV-Embed-v2",
    b"InferenceClient(model=m).chat_completion(messages)",
    b'TOKEN = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
    b"name = 'nvidia'",
    b"",
]


def _agree(data: bytes) -> None:
    if old_prefilter.needs_python_parse(data):
        assert prefilter.needs_python_parse(data)
    if old_prefilter.may_have_findings(data):
        assert prefilter.may_have_findings(data)
    # and it is no broader (the same rules, one pass): what the old one dropped is still dropped, unless a rule
    # that came later looks for something in it
    if _added_since_v01(data):
        return
    if not old_prefilter.needs_python_parse(data):
        assert not prefilter.verdict(data).parse
    if not old_prefilter.may_have_findings(data):
        assert not prefilter.verdict(data).candidate


def test_fixtures_are_there():
    assert len(FIXTURE_FILES) > 50


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_accepts_every_fixture_the_old_one_accepted(path: Path):
    _agree(path.read_bytes())


@pytest.mark.parametrize("data", SNIPPETS)
def test_snippets_judged_as_before(data: bytes):
    _agree(data)


def test_snippets_cover_both_answers():
    accepted = [s for s in SNIPPETS if old_prefilter.needs_python_parse(s)]
    assert 15 < len(accepted) < len(SNIPPETS) - 3


@pytest.mark.parametrize("data", SNIPPETS[:25])
def test_standard_library_fallback_agrees_with_re2(data: bytes):
    fallback = prefilter.Search(prefilter.find_each(prefilter.declarations()), prefilter.confirmations())
    assert prefilter.judge(fallback, data) == prefilter.verdict(data)


def test_a_post_route_decorator_is_no_client_post():
    """Narrower than v0.1 on purpose: FastAPI's ``@app.post`` beside InferenceClient is not InferenceClient.post."""
    route = b"from huggingface_hub import InferenceClient\n\n@app.post('/chat')\ndef chat(): ...\n"
    assert old_prefilter.needs_python_parse(route)
    assert not prefilter.needs_python_parse(route)
    assert prefilter.needs_python_parse(route + b"client = InferenceClient()\nclient.post(json={})\n")
    assert prefilter.needs_python_parse(route + b"r = self.client.post(json={})\n")


def test_the_words_messages_and_stop_sequences_need_the_shape_their_checks_read():
    """Narrower than before on purpose (real trees: huggingface_hub's hf_api.py, smolagents' agents): HFM203 reads a
    dict whose keys are the string literals "messages" and "parameters"; HFM305 a receiver the module binds to an
    (Async)InferenceClient, so the module names that class (``InferenceClientModel`` is smolagents' own)."""
    prose = b'"""Error messages.\n\nparameters: see the docs."""\nARGS = {"parameters": 1}\n'
    assert not prefilter.needs_python_parse(prose)
    for payload in (
        b'{"messages": m, "parameters": p}',
        b"{'messages': m, 'parameters': p}",
        b"{'messages': m, \"parameters\": p}",
    ):
        assert prefilter.needs_python_parse(payload)
    smolagents = b"model = InferenceClientModel()\nmodel.generate(messages, stop_sequences=['x'])\n"
    assert not prefilter.needs_python_parse(smolagents)
    assert not prefilter.needs_python_parse(b"@patch('huggingface_hub.InferenceClient')\n" + smolagents)
    for client in (b"InferenceClient()", b"AsyncInferenceClient()", b"hub.InferenceClient(provider=p)"):
        assert prefilter.needs_python_parse(b"c = " + client + b"\nc.text_generation(p, stop_sequences=['x'])\n")


def test_companion_needles_do_not_decide_alone():
    assert not prefilter.needs_python_parse(b"client = InferenceClient()")
    assert prefilter.needs_python_parse(b"client = InferenceClient()\nclient.post(json={})")
    assert not prefilter.needs_python_parse(b'x = "nvidia"')
    assert prefilter.needs_python_parse(b'x = "nvidia"  # provider')


def test_statement_needles_are_those_of_v01():
    old = {
        "api-inference",
        "inferenceapi",
        "inferenceclient",
        "huggingfacehub",
        "inferenceapiembeddings",
        "stop_sequences",
        "wait_for_model",
        "dont_load_model",
        "wait-for-model",
        "use-cache",
        "router.huggingface",
        "hfmigrate",
        '"use_cache"',
        "'use_cache'",
        '"use_gpu"',
        "'use_gpu'",
        *(
            form.format(name)
            for name in ("black-forest-labs", "clarifai", "hyperbolic", "nebius", "nvidia", "sambanova")
            for form in ('provider="{}"', "provider='{}'", '"provider": "{}"', ':{}"', ":{}'", "co/{}")
        ),
    }
    scan_only = {  # v0.1's scan-only statement needles: both commands keep them now
        "deployed_models",
        "get_model_status",
        "get_endpoint_info",
        '"inputs"',
        "'inputs'",
        '"token"',
        "'token'",
    }
    # v0.1's scan-only '"messages"' and "'messages'": every statement holding one holds HFM203's 'messages"' or
    # "messages'", which both commands keep
    covered = {'"messages"', "'messages'"}
    added = {  # the families on the rule API add theirs: the needle's text, or the statement texts it names
        text.decode().lower() for n in REGISTRY.needles() for text in (n.text,) if n.statements is None
    } | {text.decode().lower() for n in REGISTRY.needles() for text in n.statements or ()}
    added.add("inference_api")  # HFM301 for names imported from the removed huggingface_hub.inference_api
    assert set(needles.statement_needles()) == old | scan_only | added
    assert all(any(needle in v01 for needle in needles.statement_needles()) for v01 in covered)


def test_text_rewrite_needles():
    assert needles.holds_text_needle("!curl https://api-inference.huggingface.co/models/x")
    assert needles.holds_text_needle("!curl -H 'X-Wait-For-Model: true' $URL")
    assert not needles.holds_text_needle("!pip install huggingface_hub")


NOTEBOOK_CODE = [
    'payload = {"messages": msgs, "parameters": {"max_new_tokens": 5}}\n',
    'from huggingface_hub import InferenceClient\nc = InferenceClient(provider="hf-inference")\n'
    'c.chat_completion(messages=[], model="Qwen/Qwen2.5-7B-Instruct")\n',
]
PYTHON_FIXTURES = sorted((ROOT / "fixtures").rglob("*.py"))


@pytest.mark.parametrize(
    "code",
    NOTEBOOK_CODE + [p.read_text(encoding="utf-8") for p in PYTHON_FIXTURES],
    ids=[f"snippet{i}" for i in range(len(NOTEBOOK_CODE))] + [str(p.relative_to(ROOT)) for p in PYTHON_FIXTURES],
)
def test_code_in_a_notebook_cell_is_found_as_in_a_module(tmp_path: Path, code: str):
    """A notebook's bytes are JSON: its code's double quotes are escaped, and needles that read quotes (a dict key,
    ``provider="hf-inference"``) once missed it: the notebook was never even parsed (HFM203, HFM601, HFM607, HFM609)."""
    import json
    from collections import Counter

    from hfmigrate.lines import split_lines
    from hfmigrate.scan import scan_paths

    cell = {
        "cell_type": "code",
        "metadata": {},
        "execution_count": None,
        "outputs": [],
        "source": split_lines(code, True),
    }
    (tmp_path / "n.ipynb").write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    (tmp_path / "m.py").write_text(code, encoding="utf-8")
    in_module = Counter(f.code for f in scan_paths([tmp_path / "m.py"]).findings)
    assert in_module or code not in NOTEBOOK_CODE
    assert Counter(f.code for f in scan_paths([tmp_path / "n.ipynb"]).findings) == in_module
