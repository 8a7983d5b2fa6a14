"""Rewriting notebooks (issue 4): code cells through the Python rewrite, the raw JSON kept byte for byte elsewhere.

Fixtures in fixtures/rewrite/notebooks come from make_fixtures.py there: ``mixed`` is nbformat's layout (indent 1,
UTF-8, trailing newline); ``escaped-crlf`` the same notebook with indent 2, ``\\uXXXX`` escapes, CRLF and no trailing
newline. Both hold magics, shell lines, a markdown doc link, outputs showing the legacy URL, a string ``source``,
an unparseable cell, a ``%%bash`` cell and a raw cell.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hfmigrate.cli import app
from hfmigrate.config import Settings
from hfmigrate.engine.kinds import Applied
from hfmigrate.engine.outcomes import RewriteSuccess
from hfmigrate.notebooks import load_cells, mask_ipython
from hfmigrate.rewrite import rewrite_paths
from hfmigrate.rewrite.notebook import rewrite_notebook
from hfmigrate.scan import scan_paths

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "fixtures" / "rewrite" / "notebooks"
LEGACY_APP = ROOT / "fixtures" / "legacy-app"
FIXTURES = ["mixed", "escaped-crlf"]
LEGACY_LINE = re.compile(r"api-inference\.huggingface\.co|wait_for_model|x-wait-for-model|x-use-cache", re.IGNORECASE)
BROKEN_CELL = 6


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / f"{name}.ipynb"
    shutil.copyfile(NOTEBOOKS / f"{name}.before.ipynb", target)
    return target


def _compiles(cell) -> bool:
    masked = mask_ipython(cell.source)
    if masked.python is None:
        return True
    try:
        compile(masked.python, f"cell {cell.number}", "exec", dont_inherit=True)
    except SyntaxError:
        return False
    return True


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_after_matches_and_second_run_is_a_noop(tmp_path, name):
    target = _copy(tmp_path, name)
    result = rewrite_paths([target], Settings())
    assert not result.errors and [c.kind for c in result.changed] == ["notebook"]
    assert target.read_bytes() == (NOTEBOOKS / f"{name}.after.ipynb").read_bytes()
    again = rewrite_paths([target], Settings())
    assert not again.changed
    assert target.read_bytes() == (NOTEBOOKS / f"{name}.after.ipynb").read_bytes()


@pytest.mark.parametrize("name", FIXTURES)
def test_json_differs_only_in_intended_source_lines(tmp_path, name):
    target = _copy(tmp_path, name)
    before_bytes = target.read_bytes()
    rewrite_paths([target], Settings())
    after_bytes = target.read_bytes()
    old, new = json.loads(before_bytes), json.loads(after_bytes)
    assert old.keys() == new.keys() and old["metadata"] == new["metadata"]
    assert len(old["cells"]) == len(new["cells"])
    changed_cells = set()
    for number, (old_cell, new_cell) in enumerate(zip(old["cells"], new["cells"]), start=1):
        assert {k: v for k, v in old_cell.items() if k != "source"} == {
            k: v for k, v in new_cell.items() if k != "source"
        }
        assert type(old_cell["source"]) is type(new_cell["source"])
        old_lines = "".join(old_cell["source"]).splitlines(keepends=True)
        new_lines = "".join(new_cell["source"]).splitlines(keepends=True)
        if old_lines != new_lines:
            changed_cells.add(number)
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(a=old_lines, b=new_lines).get_opcodes():
            if tag != "equal":
                assert i2 > i1 and all(LEGACY_LINE.search(line) for line in old_lines[i1:i2]), (number, tag)
    # markdown (doc link + code block), shell line, %%time cell, indented !curl, string source, %%bash, raw
    assert changed_cells == {1, 2, 3, 4, 5, 7, 8}
    # raw bytes: every changed line of the file held a legacy line, and the rest is identical
    before_text, after_text = before_bytes.decode(), after_bytes.decode()
    before_lines, after_lines = before_text.splitlines(keepends=True), after_text.splitlines(keepends=True)
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(a=before_lines, b=after_lines, autojunk=False).get_opcodes():
        if tag != "equal":
            assert all(LEGACY_LINE.search(line) for line in before_lines[i1:i2]), before_lines[i1:i2]
    assert before_text.endswith("\n") == after_text.endswith("\n")
    crlf = "\r\n" in before_text
    assert after_text.count("\n") == (after_text.count("\r\n") if crlf else after_text.count("\n")) > 0
    assert ("\r\n" in after_text) == crlf


@pytest.mark.parametrize("name", FIXTURES)
def test_outputs_doc_links_and_broken_cells_are_untouched_raw_cells_get_url_rewrites(tmp_path, name):
    target = _copy(tmp_path, name)
    rewrite_paths([target], Settings())
    old_doc = json.loads((NOTEBOOKS / f"{name}.before.ipynb").read_bytes())
    new_doc = json.loads(target.read_bytes())
    assert "api-inference.huggingface.co/models/gpt2" in json.dumps(new_doc["cells"][4]["outputs"])
    assert new_doc["cells"][4]["outputs"] == old_doc["cells"][4]["outputs"]
    assert "https://huggingface.co/docs/api-inference/index" in "".join(new_doc["cells"][0]["source"])
    raw = "".join(
        new_doc["cells"][7]["source"]
    )  # raw cells are prose: the unambiguous URL is rewritten, as in Markdown
    assert raw == "".join(old_doc["cells"][7]["source"]).replace(
        "https://api-inference.huggingface.co/models/gpt2", "https://router.huggingface.co/hf-inference/models/gpt2"
    )
    assert {k: v for k, v in new_doc["cells"][7].items() if k != "source"} == {
        k: v for k, v in old_doc["cells"][7].items() if k != "source"
    }
    assert new_doc["cells"][BROKEN_CELL - 1] == old_doc["cells"][BROKEN_CELL - 1]


@pytest.mark.parametrize("name", FIXTURES)
def test_every_code_cell_still_parses_and_escaping_is_kept(tmp_path, name):
    target = _copy(tmp_path, name)
    rewrite_paths([target], Settings())
    text = target.read_bytes().decode()
    cells = load_cells(text)
    assert [c.number for c in cells if c.cell_type == "code" and not _compiles(c)] == [BROKEN_CELL]
    if name == "mixed":
        assert "héllo" in text and "\\u00e9" not in text
    else:
        assert "h\\u00e9llo" in text and "héllo" not in text


def test_unparseable_cell_is_reported_with_cell_and_line():
    data = (NOTEBOOKS / "mixed.before.ipynb").read_bytes()
    outcome = rewrite_notebook(data, "mixed.ipynb", Settings())
    assert isinstance(outcome, RewriteSuccess)
    diagnostics = outcome.diagnostics
    assert [(d.path, d.kind) for d in diagnostics] == [(f"mixed.ipynb:cell {BROKEN_CELL}", "downgraded")]
    assert "does not parse (line 1" in diagnostics[0].reason


def test_a_notebook_whose_only_legacy_cell_does_not_parse(tmp_path):
    document = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "outputs": [],
                "execution_count": None,
                "source": ["x = (\n", "requests.post('https://api-inference.huggingface.co/models/gpt2')"],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    target = tmp_path / "broken.ipynb"
    target.write_text(json.dumps(document, indent=1) + "\n")
    before = target.read_bytes()
    result = rewrite_paths([target], Settings())
    assert not result.changed and target.read_bytes() == before
    assert [(d.path, d.kind) for d in result.diagnostics] == [(f"{target}:cell 1", "downgraded")]
    assert "line" in result.diagnostics[0].reason


def test_invalid_notebook_json_is_skipped(tmp_path):
    target = tmp_path / "bad.ipynb"
    target.write_text('{"cells": [ {"source": "https://api-inference.huggingface.co/models/gpt2" ')
    before = target.read_bytes()
    result = rewrite_paths([target], Settings())
    assert not result.changed and target.read_bytes() == before
    assert result.diagnostics and "does not parse" in result.diagnostics[0].reason


def test_markers_in_code_cells_are_not_duplicated(tmp_path):
    target = tmp_path / "explore.ipynb"
    shutil.copyfile(LEGACY_APP / "notebooks" / "explore.ipynb", target)
    first = rewrite_paths([target], Settings())
    assert first.counts()[Applied.marker("HFM107")] == 1
    text = target.read_text()
    assert text.count("hfmigrate: TODO(HFM107)") == 1
    assert not rewrite_paths([target], Settings()).changed


def test_legacy_app_notebook_scan_afterwards_reports_only_markers(tmp_path):
    target = tmp_path / "explore.ipynb"
    shutil.copyfile(LEGACY_APP / "notebooks" / "explore.ipynb", target)
    old = json.loads(target.read_text())
    rewrite_paths([target], Settings())
    new = json.loads(target.read_text())
    for old_cell, new_cell in zip(old["cells"], new["cells"]):
        assert old_cell.get("outputs") == new_cell.get("outputs")
    assert "!curl https://router.huggingface.co/hf-inference/models/gpt2 " in "".join(new["cells"][3]["source"])
    findings = scan_paths([target], Settings()).findings
    assert findings and all(f.marker for f in findings), [(f.cell, f.code) for f in findings]


def test_diff_shows_cell_numbers_and_writes_nothing(tmp_path):
    target = _copy(tmp_path, "mixed")
    before = target.read_bytes()
    result = CliRunner().invoke(app, ["rewrite", "--diff", str(target)])
    assert result.exit_code == 1
    assert f"--- a/{target} (cell 3)\n+++ b/{target} (cell 3)\n" in result.output
    assert (
        '+API_URL = "https://router.huggingface.co/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction"'
        in result.output
    )
    assert f"--- a/{target} (cell {BROKEN_CELL})" not in result.output
    assert target.read_bytes() == before


def test_no_notebooks_switch(tmp_path):
    target = _copy(tmp_path, "mixed")
    before = target.read_bytes()
    result = CliRunner().invoke(app, ["rewrite", "--no-notebooks", str(tmp_path)])
    assert target.read_bytes() == before, result.output
    result = CliRunner().invoke(app, ["rewrite", str(tmp_path)])
    assert target.read_bytes() != before
    assert "(1 notebook)" in result.output and "1 notebooks" not in result.output, result.output


def test_source_forms_and_indent_are_kept_for_a_single_line_list(tmp_path):
    document = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "outputs": [],
                "execution_count": 1,
                "source": ["!curl https://api-inference.huggingface.co/models/gpt2"],
            },
            {
                "cell_type": "markdown",
                "metadata": {},
                "source": "See https://api-inference.huggingface.co/models/gpt2 — été",
            },
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    for indent in (1, 2, 4):
        target = tmp_path / f"n{indent}.ipynb"
        before = json.dumps(document, indent=indent, ensure_ascii=False) + "\n"
        target.write_text(before, encoding="utf-8")
        rewrite_paths([target], Settings())
        expected = before.replace("api-inference.huggingface.co/models/", "router.huggingface.co/hf-inference/models/")
        assert target.read_text(encoding="utf-8") == expected
