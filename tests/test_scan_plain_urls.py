"""scan/plain_urls.py: a module of plain URL literals is scanned from ast exactly as libcst scans it, and anything
else is left to libcst."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from hfmigrate.scan.plain_urls import plain_url_scan
from hfmigrate.scan.python_jobs import parse_and_scan

ROOT = Path(__file__).resolve().parents[1]
HOST = "https://api-inference.huggingface.co"


def _both(source: str, display: str = "m.py"):
    """(the ast scan or None, the libcst scan) of ``source``."""
    return plain_url_scan(display, source, ast.parse(source)), parse_and_scan(display, source, ast_first=False)


def _fixture_sources() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "fixtures").rglob("*.py")) + sorted((ROOT / "bench").glob("*.py")):
        try:
            source = path.read_text("utf-8")
            ast.parse(source)
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        found.append((path.relative_to(ROOT).as_posix(), source))
    return found


FIXTURES = _fixture_sources()

# each is a module the ast scan takes: its findings and references must be libcst's
TAKEN = {
    "a model URL": f'API_URL = "{HOST}/models/gpt2"\n',
    "a call's first argument": f'import requests\nrequests.post("{HOST}/models/org/m", json={{"inputs": 1}})\n',
    "a keyword": f'from openai import OpenAI\nclient = OpenAI(base_url="{HOST}/v1/", api_key="x")\n',
    "a pipeline URL": f'URL = "{HOST}/pipeline/feature-extraction/sentence-transformers/all-MiniLM-L6-v2"\n',
    "a chat URL": f'URL = "{HOST}/models/meta-llama/Llama-3.1-8B-Instruct/v1/chat/completions"\n',
    "single quotes, r and u prefixes": f"A = r'{HOST}/models/a'\nB = u'{HOST}/models/b'\n",
    "parentheses": f'URL = (\n    "{HOST}/models/gpt2"\n)\n',
    "non-ASCII before it on the line": f'NOM = "café"; URL = "{HOST}/models/gpt2"  # é\n',
    "CRLF line endings": f'import os\r\nURL = "{HOST}/models/gpt2"\r\n',
    "CR line endings": f'import os\rURL = "{HOST}/models/gpt2"\r',
    "tabs": f'if True:\n\tURL = "{HOST}/models/gpt2"\n',
    "a default argument": f'def query(url="{HOST}/models/gpt2"):\n    return url\n',
    "a dict value": f'MODELS = {{"a": "{HOST}/models/a", "b": "{HOST}/models/b"}}\n',
    "a placeholder in a plain string": f'URL = "{HOST}/models/{{model}}"\n',
    "an f-string with a name": f'def query(model):\n    return f"{HOST}/models/{{model}}"\n',
    "an f-string naming a constant": f'MODEL = "gpt2"\nURL = f"{HOST}/models/{{MODEL}}"\n',
    "a constant bound twice": f'MODEL = "a"\nMODEL = "b"\nURL = f"{HOST}/models/{{MODEL}}"\n',
    "a constant bound in a function": f'def f():\n    M = "x"\nURL = f"{HOST}/models/{{M}}"\n',
    # the two paths disagreed here: the older visitor read only names bound above the URL
    "a constant bound below the URL": f'URL = f"{HOST}/models/{{M}}"\nM = "x"\n',
    # ... and the ast path made a run-time reference of an empty one
    "a constant bound to an empty string": f'M = ""\nURL = f"{HOST}/models/{{M}}"\n',
    "an f-string pipeline": f'URL = f"{HOST}/pipeline/feature-extraction/{{MODEL_ID}}"\n',
    "an f-string with two holes": f'URL = f"{HOST}/models/{{org}}/{{name}}"\n',
    "an rf-string and braces": f'URL = rf"{HOST}/models/{{{{x}}}}{{m}}"\n',
    "deep in a long module": "".join(f"def f{i}(x):\n    return [x for x in range({i})]\n\n" for i in range(50))
    + f'class Client:\n    def call(self):\n        return post(\n            "{HOST}/models/gpt2",\n        )\n',
    "a join": f'URL = "{HOST}/models/" + model\n',
    "a join of three": f'URL = "{HOST}/models/" + org + "/" + name\n',
    "a join with a constant": f'MODEL = "gpt2"\nURL = "{HOST}/models/" + MODEL\n',
    "a join in a call": f'import requests\nrequests.post("{HOST}/pipeline/feature-extraction/" + m, json={{}})\n',
    "a join in parentheses": f'URL = ("{HOST}/models/" + model)\n',
    "a join without spaces": f'URL = "{HOST}/models/"+model\n',
    "an f-string chat URL": f'URL = F"{HOST}/models/{{m}}/v1/chat/completions"\n',
}

# each is a module the ast scan must leave to libcst
LEFT = {
    "spaces around the URL": f'URL = " {HOST}/models/gpt2 "\n',  # (a marker, not an edit: libcst's check says so)
    "a comment": f'# see {HOST}/models/gpt2\nURL = "{HOST}/models/gpt2"\n',
    "a docstring": f'"""{HOST}/models/gpt2"""\n',
    "a module docstring with text": f'"""Calls {HOST}/models/gpt2."""\nURL = "{HOST}/models/x"\n',
    "an f-string hole that is not a bare name": f"URL = f\"{HOST}/models/{{cfg['model']}}\"\n",
    "an f-string hole with a conversion": f'URL = f"{HOST}/models/{{model!r}}"\n',
    "an f-string hole with a format": f'URL = f"{HOST}/models/{{model:>10}}"\n',
    "an f-string hole with spaces": f'URL = f"{HOST}/models/{{ model }}"\n',
    "an f-string with an escape": f'URL = f"{HOST}/models/{{model}}\\n"\n',
    "an f-string joined to another": f'URL = f"{HOST}/models/" f"{{model}}"\n',
    "a triple-quoted f-string": f'URL = f"""{HOST}/models/{{model}}"""\n',
    "an f-string inside an f-string hole": f"URL = f\"{{prefix}}{{f'{HOST}/models/x'}}\"\n",
    "a join with a parenthesised side": f'URL = "{HOST}/models/" + (model)\n',
    "a join with an expression": f'URL = "{HOST}/models/" + cfg["model"]\n',
    "a join with a call": f'URL = "{HOST}/models/" + str(model)\n',
    "a join of names first": f'URL = a + b + "{HOST}/models/x"\n',
    "a join with an f-string": f'URL = "{HOST}/models/" + f"{{model}}"\n',
    "a join after a name (the template does not start with the URL)": f'URL = prefix + "{HOST}/models/x"\n',
    "a join times two": f'URL = ("{HOST}/models/" + m) * 2\n',
    "a join over two lines": f'URL = (\n    "{HOST}/models/"\n    + model\n)\n',
    "a % format": f'URL = "{HOST}/models/%s" % model\n',
    "side by side": f'URL = ("{HOST}" "/models/gpt2")\n',
    "an escape": f'URL = "{HOST}/models/gpt\\x32"\n',
    "triple quotes": f'URL = """{HOST}/models/gpt2"""\n',
    "bytes": f'URL = b"{HOST}/models/gpt2"\n',
    "an environment default": f'import os\nURL = os.getenv("HF_URL", "{HOST}/models/gpt2")\n',
    "text before the URL": f'MESSAGE = "POST to {HOST}/models/gpt2"\n',
    "a status endpoint": f'URL = "{HOST}/status/gpt2"\n',
    "InferenceApi named": f'from huggingface_hub import InferenceApi\nURL = "{HOST}/models/gpt2"\n',
    "a rule-API needle (options)": f'URL = "{HOST}/models/x"\nbody = {{"options": {{"wait_for_model": True}}}}\n',
    "an escaped host": f'PATTERN = r"api-inference\\.huggingface\\.co"\nURL = "{HOST}/models/x"\n',
    # the gate of the rule module's string checks passes on these (an unknown path may follow the host; text
    # before a URL): its checks may report, and they run on libcst only
    "the host alone": f'BASE = "{HOST}"\nurl = BASE + "/models/gpt2"\n',
    "padded with spaces": f'URL = " {HOST}/models/gpt2 "\n',
    "a form feed": f'\x0cURL = "{HOST}/models/gpt2"\n',
    "over two lines": f'URL = "{HOST}/models/gpt2\\\n"\n',
}


@pytest.mark.parametrize("source", TAKEN.values(), ids=TAKEN.keys())
def test_transformed_the_ast_scan_reports_what_libcst_reports(source: str) -> None:
    plain, libcst = _both(source)
    assert plain is not None, "the ast scan should take this module"
    assert plain.findings and plain.findings == libcst.findings
    assert plain.references == libcst.references


@pytest.mark.parametrize("source", LEFT.values(), ids=LEFT.keys())
def test_noop_the_ast_scan_leaves_the_module_to_libcst(source: str) -> None:
    assert plain_url_scan("m.py", source, ast.parse(source)) is None


@pytest.mark.parametrize(("name", "source"), FIXTURES, ids=[name for name, _ in FIXTURES])
def test_on_every_fixture_the_ast_scan_agrees_with_libcst_or_declines(name: str, source: str) -> None:
    plain, libcst = _both(source, name)
    if plain is not None:
        assert plain.findings == libcst.findings
        assert plain.references == libcst.references


def test_the_fixtures_include_modules_the_ast_scan_takes() -> None:
    taken = [name for name, source in FIXTURES if plain_url_scan(name, source, ast.parse(source)) is not None]
    assert len(taken) >= 3, taken


def test_a_module_without_the_host_is_taken_with_nothing_found() -> None:
    assert plain_url_scan("m.py", "import os\n", ast.parse("import os\n")) is not None


def _legacy_literals() -> list[str]:
    """Every str literal naming the host in the fixtures: the URL shapes real code has."""
    found = set()
    for _, source in FIXTURES:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "api-inference" in node.value:
                if "\n" not in node.value and '"' not in node.value and "\\" not in node.value:
                    found.add(node.value)
    return sorted(found)


LITERALS = _legacy_literals()


@pytest.mark.parametrize("value", LITERALS)
def test_each_url_shape_of_the_fixtures_reads_the_same_alone_and_in_a_call(value: str) -> None:
    for source in (f'URL = "{value}"\n', f'import requests\n\nr = requests.post(  # é\n    "{value}", json={{}}\n)\n'):
        plain, libcst = _both(source)
        if plain is not None:
            assert plain.findings == libcst.findings
            assert plain.references == libcst.references


def test_most_url_shapes_are_taken() -> None:
    taken = [v for v in LITERALS if plain_url_scan("m.py", f'URL = "{v}"\n', ast.parse(f'URL = "{v}"\n'))]
    assert len(LITERALS) >= 20 and len(taken) >= len(LITERALS) // 2, (len(taken), len(LITERALS))


# --- mixed modules: whatever the ast scan takes, it reports as libcst does ------------------------------------

_PIECES = [
    *TAKEN.values(),
    *LEFT.values(),
    "import os\nimport requests\n",
    "x = 1  # a comment, café\n",
    'headers = {"Authorization": f"Bearer {os.environ[\'HF_TOKEN\']}"}\n',
    "def query(payload):\n    return requests.post(API_URL, headers=headers, json=payload).json()\n",
    'output = query({"inputs": "Hello", "parameters": {"max_new_tokens": 5}})\n',
    'print(output[0]["generated_text"])\n',
    'MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"\n',
    "class Settings:\n    timeout = 30\n\n    def url(self, model):\n        return model\n",
    'DOCS = "https://huggingface.co/docs/api-inference/index"\n',
    'OTHER = "https://internal.api-inference.huggingface.co/models/x"\n',
    'ROUTER = "https://router.huggingface.co/v1/"\n',
]


def _mixed_modules(count: int) -> list[str]:
    import random

    chooser = random.Random(13)
    modules = []
    for _ in range(count):
        pieces = [chooser.choice(_PIECES) for _ in range(chooser.randint(1, 5))]
        source = "\n".join(piece.replace("\r\n", "\n").replace("\r", "\n") for piece in pieces)
        if chooser.random() < 0.2:
            source = source.replace("\n", "\r\n")
        modules.append(source)
    return modules


def _parses(source: str) -> bool:
    try:
        ast.parse(source)
    except SyntaxError:
        return False
    return True


MIXED = [m for m in _mixed_modules(200) if _parses(m)]


@pytest.mark.parametrize("source", MIXED, ids=[f"mixed-{n}" for n in range(len(MIXED))])
def test_a_mixed_module_is_scanned_alike_or_left_to_libcst(source: str) -> None:
    plain, libcst = _both(source)
    if plain is not None:
        assert plain.findings == libcst.findings
        assert plain.references == libcst.references


def test_the_mixed_modules_include_many_the_ast_scan_takes() -> None:
    taken = [m for m in MIXED if plain_url_scan("m.py", m, ast.parse(m)) is not None]
    assert len(taken) >= 30, len(taken)
