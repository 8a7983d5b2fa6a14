"""The scan engine (hfmigrate.scan): paths and settings in, findings and diagnostics out.

Per-rule behaviour lives in tests/test_rule_fixtures.py; these tests cover what the engine adds around the rules:
suppression comments in every comment syntax, settings, ordering, the parser pool, references and errors.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hfmigrate.config import Settings, load_settings
from hfmigrate.errors import InputError
from hfmigrate.pool import PARALLEL_THRESHOLD
from hfmigrate.scan import scan_outcome, scan_paths
from hfmigrate.scan.references import find_model_references
from tests.project_files import write

L = "https://api-inference.huggingface.co"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def found(paths=(Path("."),), settings: Settings | None = None) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.code) for f in scan_paths(list(paths), settings).findings]


def problems(result) -> list[str]:
    """Diagnostics other than the .git folder every tmp project has."""
    return [str(d) for d in result.diagnostics if d.path != ".git/"]


def notebook(*cells: tuple[str, str]) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": kind,
                    "metadata": {},
                    "source": source.splitlines(keepends=True),
                    **({"outputs": [], "execution_count": None} if kind == "code" else {}),
                }
                for kind, source in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_every_kind_of_file_is_scanned(root: Path):
    write(root, "a.py", f'URL = "{L}/models/gpt2"\n')
    write(root, "b.js", f"const u = `{L}/models/${{model}}`;\n")
    write(root, "c.sh", f'curl -X POST {L}/models/gpt2 -H "x-wait-for-model: true"\n')
    write(root, ".env", f"HF_URL={L}/v1/\n")
    write(root, "d.ipynb", notebook(("markdown", f"See {L}/status/gpt2"), ("code", f'u = "{L}/models/gpt2"')))
    write(root, "requirements.txt", "huggingface_hub==0.20.3\n")
    result = scan_paths([Path(".")])
    assert [(f.path, f.cell, f.line, f.code) for f in result.findings] == [
        (".env", None, 1, "HFM103"),
        ("a.py", None, 1, "HFM101"),
        ("b.js", None, 1, "HFM101"),
        ("c.sh", None, 1, "HFM101"),
        ("c.sh", None, 1, "HFM202"),
        ("d.ipynb", 1, 1, "HFM104"),
        ("d.ipynb", 2, 1, "HFM101"),
        ("requirements.txt", None, 1, "HFM401"),
    ]
    assert result.files_scanned == 6
    assert problems(result) == []


def test_findings_are_sorted_and_never_repeated(root: Path):
    write(root, "b.py", f'A = "{L}/models/x"\nB = "{L}/models/y"\n')
    write(root, "a.py", f'A = "{L}/models/x"\n')
    findings = scan_paths([Path("b.py"), Path("a.py"), Path("."), Path("b.py")]).findings
    assert [(f.path, f.line) for f in findings] == [("a.py", 1), ("b.py", 1), ("b.py", 2)]


# --- suppression -----------------------------------------------------------------------------------------------


def test_suppression_on_the_line_in_python(root: Path):
    write(
        root,
        "a.py",
        "\n".join(
            [
                f'A = "{L}/models/a"  # hfmigrate: ignore',
                f'B = "{L}/models/b"  # hfmigrate: ignore[HFM101]',
                f'C = "{L}/models/c"  # hfmigrate: ignore[HFM102]',
                f'D = "{L}/models/d"  # hfmigrate: ignore[HFM105, HFM101]',
                f'E = "{L}/models/e"  # HFMigrate: Ignore[hfm101]',
                f'F = "{L}/models/f"',
                "# hfmigrate: ignore",
                f'G = "{L}/models/g"',
            ]
        )
        + "\n",
    )
    assert found() == [("a.py", 3, "HFM101"), ("a.py", 6, "HFM101"), ("a.py", 8, "HFM101")]


def test_suppression_covers_every_line_of_a_multi_line_finding(root: Path):
    write(root, "a.py", f'URL = (\n    "{L}"  # hfmigrate: ignore\n    "/models/gpt2"\n)\n')
    assert found() == []


def test_suppression_in_other_comment_syntaxes(root: Path):
    write(root, "a.js", f'const A = "{L}/models/a"; // hfmigrate: ignore[HFM101]\nconst B = "{L}/models/b";\n')
    write(root, "b.ts", f'const A = "{L}/v1/"; /* hfmigrate: ignore */\n')
    write(root, "c.sh", f"curl {L}/models/a  # hfmigrate: ignore\ncurl {L}/models/b\n")
    write(root, "d.yaml", f"url: {L}/models/a  # hfmigrate: ignore[HFM101]\nother: {L}/models/b\n")
    write(root, "e.md", f"Old: {L}/models/a <!-- hfmigrate: ignore -->\n")
    write(root, "f.toml", f'url = "{L}/models/a"  # hfmigrate: ignore[HFM999]\n')
    assert found() == [("a.js", 2, "HFM101"), ("c.sh", 2, "HFM101"), ("d.yaml", 2, "HFM101"), ("f.toml", 1, "HFM101")]


def test_suppression_in_notebook_cells_and_dependency_files(root: Path):
    write(
        root,
        "n.ipynb",
        notebook(
            ("code", f'a = "{L}/models/a"  # hfmigrate: ignore\nb = "{L}/models/b"'),
            ("code", f"!curl {L}/models/c  # hfmigrate: ignore[HFM101]"),
            ("markdown", f"{L}/models/d <!-- hfmigrate: ignore -->"),
        ),
    )
    write(root, "requirements.txt", "huggingface_hub==0.20.3  # hfmigrate: ignore[HFM401]\nlangchain-community==0.2\n")
    result = scan_paths([Path(".")])
    assert [(f.path, f.cell, f.line, f.code) for f in result.findings] == [("n.ipynb", 1, 2, "HFM101")]


def test_a_suppression_comment_on_another_line_suppresses_nothing(root: Path):
    write(root, "a.js", f'// hfmigrate: ignore\nconst A = "{L}/models/a";\n')
    assert found() == [("a.js", 2, "HFM101")]


# --- settings --------------------------------------------------------------------------------------------------


def test_select_ignore_and_per_file_ignores(root: Path):
    write(root, "app/a.py", f'A = "{L}/models/a"\nH = {{"x-use-cache": "0"}}\n')
    write(root, "tests/test_a.py", f'A = "{L}/models/a"\nH = {{"x-use-cache": "0"}}\n')
    write(root, ".hfmigrate.yaml", "ignore: [HFM202]\nper-file-ignores:\n  'tests/*': [HFM1]\n")
    settings = load_settings([Path(".")])
    assert found(settings=settings) == [("app/a.py", 1, "HFM101")]
    settings = load_settings([Path(".")], select="HFM2", ignore="HFM201")  # both replace the config's
    assert found(settings=settings) == [("app/a.py", 2, "HFM202"), ("tests/test_a.py", 2, "HFM202")]


def test_max_file_size_skips_big_files_with_a_reason(root: Path):
    write(root, "big.py", f'A = "{L}/models/a"\n' + "# padding\n" * 300)
    write(root, "small.py", f'A = "{L}/models/a"\n')
    result = scan_paths([Path(".")], Settings(max_file_size=1024))
    assert [(f.path, f.fixable) for f in result.findings] == [("big.py", False), ("small.py", True)]
    assert problems(result) == [
        "big.py: downgraded: 3 KiB, over the 1 KiB limit (max-file-size); searched for the legacy host only"
    ]


# --- the parser and its pool -----------------------------------------------------------------------------------


def test_many_candidates_in_the_pool_give_what_one_by_one_gives(root: Path):
    count = PARALLEL_THRESHOLD * 2 + 1
    for index in range(count):
        write(root, f"m{index:02d}.py", f'import os\n\nURL{index} = "{L}/models/org/m{index}"\nX = 1\n')
    write(root, "broken.py", f'def f(:\n    return "{L}/models/b"\n')
    together = scan_paths([Path(".")])
    alone = [f for path in sorted(root.glob("*.py")) for f in scan_paths([Path(path.name)]).findings]
    assert together.findings == alone
    assert len(together.findings) == count + 1
    assert problems(together) == ["broken.py: downgraded: does not parse (line 1: invalid syntax); text rules only"]


def test_python_that_does_not_parse_falls_back_to_text_rules(root: Path):
    write(root, "broken.py", f'print "old"\nAPI = "{L}/pipeline/feature-extraction/BAAI/bge-small-en-v1.5"\n')
    result = scan_paths([Path(".")])
    assert [(f.line, f.code) for f in result.findings] == [(2, "HFM102")]
    assert problems(result) == [
        "broken.py: downgraded: does not parse (line 1: Missing parentheses in call to 'print'. Did you mean print(...)?); text rules only"
    ]


def test_a_clean_python_file_is_never_parsed(root: Path):
    # a file that fails the byte pre-filter is read once and never parsed: not even a syntax error shows
    write(root, "clean.py", "def f(:\n    return 'huggingface_hub transformers use_cache=True nvidia'\n")
    result = scan_paths([Path(".")])
    assert result.findings == [] and problems(result) == [] and result.files_scanned == 1


# --- references for probe and check-models ---------------------------------------------------------------------


def test_model_references_from_urls_and_clients(root: Path):
    write(
        root,
        "app.py",
        "\n".join(
            [
                "from huggingface_hub import InferenceApi",
                f'EMBED = "{L}/pipeline/feature-extraction/BAAI/bge-small-en-v1.5"',
                'MODEL = "mistralai/Mistral-7B-Instruct-v0.3"',
                f'CHAT = f"{L}/models/{{MODEL}}"',
                'api = InferenceApi(repo_id="gpt2", task="text-generation")',
                f'dynamic = f"{L}/models/{{name}}"',
            ]
        )
        + "\n",
    )
    write(root, "nb.ipynb", notebook(("code", f'x = "{L}/models/org/nb-model/v1/chat/completions"')))
    references = find_model_references([Path(".")])
    assert [(r.model, r.path, r.line, r.task) for r in references] == [
        ("BAAI/bge-small-en-v1.5", "app.py", 2, "feature-extraction"),
        ("mistralai/Mistral-7B-Instruct-v0.3", "app.py", 4, None),
        ("gpt2", "app.py", 5, "text-generation"),
        ("org/nb-model", "nb.ipynb:cell 1", 1, "conversational"),
    ]
    everything = scan_outcome([Path(".")]).references
    assert [r for r in everything if not r.runtime] == references
    assert [(r.model, r.line) for r in everything if r.runtime] == [("{name}", 6)]  # chosen at run time
    assert [(r.model, r.line) for r in find_model_references([Path(".")], runtime=True) if r.runtime] == [("{name}", 6)]


# --- nothing to read -------------------------------------------------------------------------------------------


def test_nothing_readable_raises_input_error(root: Path):
    write(root, "image.png", "x")
    with pytest.raises(InputError, match=r"no Python, notebook or text files to scan under \."):
        scan_paths([Path(".")])
    with pytest.raises(InputError, match=r"^missing\.py: no such file or directory$"):
        scan_paths([Path("missing.py")])
    (root / "dangling.py").symlink_to(root / "gone.py")
    with pytest.raises(InputError, match=r"^nothing could be read: dangling\.py: error: cannot read: No such file"):
        scan_paths([Path("dangling.py")])


def test_an_ignore_anywhere_on_a_multiline_python_statement_suppresses_its_findings(tmp_path):
    from hfmigrate.scan import scan_paths

    path = tmp_path / "m.py"
    path.write_text(
        "import requests\n"
        "r = requests.post(  # hfmigrate: ignore[HFM101]\n"
        '    "https://api-inference.huggingface.co/models/gpt2",\n'
        '    json={"inputs": "x", "options": {"wait_for_model": True}},\n'
        ")\n"
        "s = requests.post(\n"
        '    "https://api-inference.huggingface.co/models/gpt2",\n'
        ")  # hfmigrate: ignore\n"
    )
    assert [(f.line, f.code) for f in scan_paths([path]).findings] == [(4, "HFM201")]


def test_a_legacy_url_in_a_comment_is_found_in_any_case(root: Path):
    # hosts are case-insensitive: the comment check asks urls.mentions_legacy_host, not a lowercase substring
    write(root, "a.py", f'URL = "{L}/models/gpt2"\n# was: {L.upper()}/models/gpt2\n')
    assert found() == [("a.py", 1, "HFM101"), ("a.py", 2, "HFM101")]
