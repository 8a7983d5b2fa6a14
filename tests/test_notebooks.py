"""notebooks.py (cells and IPython masking) and how scan reports notebook findings.

fixtures/rules/notebook.ipynb holds the per-rule expectations; these tests cover the reading and masking itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hfmigrate.notebooks import load_cells, mask_ipython
from hfmigrate.scan import scan_outcome, scan_paths

L = "https://api-inference.huggingface.co"


def notebook_json(cells: list[dict]) -> str:
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def cell(kind: str, source, outputs: list | None = None) -> dict:
    data = {"cell_type": kind, "metadata": {}, "source": source}
    if kind == "code":
        data.update(execution_count=None, outputs=outputs or [])
    return data


# --- load_cells ------------------------------------------------------------------------------------------------


def test_cells_are_numbered_among_all_cells_and_sources_joined():
    text = notebook_json(
        [
            cell("markdown", ["# Title\n", "text"]),
            cell("code", "x = 1\ny = 2"),
            cell("raw", []),
            "not a cell",
            cell("code", ["a\n", "b\n"]),
        ]
    )
    cells = load_cells(text)
    assert [(c.number, c.cell_type, c.source, c.source_is_list) for c in cells] == [
        (1, "markdown", "# Title\ntext", True),
        (2, "code", "x = 1\ny = 2", False),
        (3, "raw", "", True),
        (5, "code", "a\nb\n", True),
    ]


def test_a_cell_without_a_type_is_code():
    (only,) = load_cells(json.dumps({"cells": [{"source": "x"}]}))
    assert only.cell_type == "code"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "invalid notebook JSON at line 1: Expecting property name enclosed in double quotes"),
        ('{\n"cells": [\n}', "invalid notebook JSON at line 3: Expecting value"),
        ("[]", "not a notebook: no `cells` list"),
        ('{"cells": {}}', "not a notebook: no `cells` list"),
        ('{"worksheets": [{"cells": []}], "nbformat": 3}', "not a notebook: no `cells` list"),
    ],
)
def test_invalid_notebooks_raise_value_error_with_a_reason(text: str, message: str):
    with pytest.raises(ValueError) as raised:
        load_cells(text)
    assert str(raised.value) == message


# --- mask_ipython ----------------------------------------------------------------------------------------------


def test_magics_shell_and_help_lines_become_pass_at_the_same_indentation():
    source = "%pip install -q x\nimport os\n!ls -la\nos.path?\nos.path.join??\nif True:\n    %time f()\n    !echo hi\n"
    masked = mask_ipython(source)
    assert masked.python == "pass\nimport os\npass\npass\npass\nif True:\n    pass\n    pass\n"
    assert masked.masked_lines == (0, 2, 3, 4, 6, 7)
    assert masked.python.count("\n") == source.count("\n")


def test_line_endings_are_kept():
    masked = mask_ipython("!ls\r\nx = 1\r\n%env A=1")
    assert masked.python == "pass\r\nx = 1\r\npass"


@pytest.mark.parametrize("magic", ["%%time", "%%timeit -n 3", "%%capture out"])
def test_python_cell_magics_keep_the_body(magic: str):
    masked = mask_ipython(f"{magic}\nx = call()\n")
    assert masked.python == "pass\nx = call()\n"
    assert masked.masked_lines == (0,)


@pytest.mark.parametrize("magic", ["%%bash", "%%writefile app.py", "%%html", "%%sh", "%%javascript", "%%"])
def test_other_cell_magics_make_the_whole_cell_text(magic: str):
    masked = mask_ipython(f"{magic}\nprint(1)\ncurl x\n")
    assert masked.python is None
    assert masked.masked_lines == (0, 1, 2)


def test_plain_python_is_untouched():
    source = 'x = {"a": 1} if a else b\nprint(x)  # what?\ny = a % 2\n'
    assert mask_ipython(source).python == source
    assert mask_ipython(source).masked_lines == ()
    assert mask_ipython("").python == ""


# --- scanning notebooks ----------------------------------------------------------------------------------------


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(path: str = "nb.ipynb") -> list[tuple[int | None, int, int, str]]:
    return [(f.cell, f.line, f.column, f.code) for f in scan_paths([Path(path)]).findings]


def test_findings_carry_cell_and_line_within_the_cell(root: Path):
    (root / "nb.ipynb").write_text(
        notebook_json(
            [
                cell("markdown", [f"See [the old API]({L}/models/gpt2)\n"]),
                cell("code", ["import requests\n", "\n", f'API = "{L}/models/gpt2"\n']),
                cell("code", ["%pip install requests\n", f"!curl {L}/models/gpt2 -H 'x-use-cache: 0'\n"]),
                cell("code", ["%%bash\n", f"curl {L}/v1/ \\\n", '  -d \'{"options": {"wait_for_model": true}}\'\n']),
                cell("raw", [f"{L}/status/gpt2"]),
            ]
        ),
        encoding="utf-8",
    )
    assert findings() == [
        (1, 1, 19, "HFM101"),
        (2, 3, 7, "HFM101"),
        (3, 2, 7, "HFM101"),
        (3, 2, 60, "HFM202"),
        (4, 2, 6, "HFM103"),
        (4, 3, 9, "HFM201"),  # the options block (one finding, as in Python; was its key at column 21)
        (5, 1, 1, "HFM104"),
    ]


def test_outputs_are_never_read(root: Path):
    outputs = [
        {"output_type": "stream", "name": "stdout", "text": [f"{L}/models/gpt2\n"]},
        {
            "output_type": "execute_result",
            "execution_count": 1,
            "metadata": {},
            "data": {"text/plain": [f"'{L}/models/gpt2'"]},
        },
        {"output_type": "error", "ename": "HTTPError", "evalue": f"410 for {L}/models/gpt2", "traceback": []},
    ]
    (root / "nb.ipynb").write_text(notebook_json([cell("code", ["resp.status_code\n"], outputs)]), encoding="utf-8")
    result = scan_paths([Path("nb.ipynb")])
    assert result.findings == [] and result.files_scanned == 1


def test_a_python_api_in_a_code_cell_uses_the_python_rules(root: Path):
    (root / "nb.ipynb").write_text(
        notebook_json(
            [
                cell(
                    "code",
                    [
                        "from huggingface_hub import InferenceApi as Api\n",
                        "%time x = 1\n",
                        'api = Api(repo_id="gpt2", task="text-generation")\n',
                    ],
                ),
            ]
        ),
        encoding="utf-8",
    )
    assert findings() == [(1, 1, 29, "HFM301"), (1, 3, 7, "HFM301")]


def test_a_cell_that_does_not_parse_is_downgraded_alone(root: Path):
    (root / "nb.ipynb").write_text(
        notebook_json(
            [
                cell("code", ["def broken(:\n", f'    return "{L}/models/a"\n']),
                cell("code", [f'ok = "{L}/models/b"\n']),
            ]
        ),
        encoding="utf-8",
    )
    result = scan_paths([Path("nb.ipynb")])
    assert [(f.cell, f.line, f.code) for f in result.findings] == [(1, 2, "HFM101"), (2, 1, "HFM101")]
    assert [str(d) for d in result.diagnostics] == [
        "nb.ipynb:cell 1: downgraded: does not parse (line 1: invalid syntax); text rules only"
    ]


def test_only_cells_that_can_hold_a_finding_go_through_the_rules(root: Path):
    """Each cell is checked alone, so the pre-filter's promise holds per cell: a cell it rejects is not parsed
    (a broken one gets no diagnostic, as a module the pre-filter rejects gets none), but its model constants and
    its shell lines' huggingface.js calls still count for check-models."""
    (root / "nb.ipynb").write_text(
        notebook_json(
            [
                cell("markdown", ["# Plots\n", "See the model card.\n"]),
                cell("code", ['MODEL_ID = "org/constant-model"\n', "def broken(:\n"]),
                cell("code", ["!node -e \"hf.chatCompletion({model: 'org/js-model', messages})\"\n", "x = 1\n"]),
                cell("code", [f'API = "{L}/models/gpt2"\n']),
            ]
        ),
        encoding="utf-8",
    )
    outcome = scan_outcome([Path("nb.ipynb")])
    assert [(f.cell, f.code) for f in outcome.result.findings] == [(4, "HFM101")]
    assert outcome.result.diagnostics == []  # cell 2 does not parse, and could hold no finding: never parsed
    assert {(r.model, r.path) for r in outcome.references} >= {
        ("org/constant-model", "nb.ipynb:cell 2"),
        ("org/js-model", "nb.ipynb:cell 3"),
        ("gpt2", "nb.ipynb:cell 4"),
    }


def test_notebook_source_as_one_string_and_with_crlf(root: Path):
    (root / "nb.ipynb").write_text(
        notebook_json([cell("code", f'import os\r\nURL = "{L}/models/gpt2"\r\n')]), encoding="utf-8"
    )
    assert findings() == [(1, 2, 7, "HFM101")]


def test_ipython_assignment_forms_are_masked_but_python_operators_are_not():
    from hfmigrate.notebooks import mask_ipython

    masked = mask_ipython("files = !ls\nt = %timeit -o f()\nok = a != b\nx %= 3\ns = '%d' % 3\n")
    assert masked.python == "pass\npass\nok = a != b\nx %= 3\ns = '%d' % 3\n"
    assert masked.masked_lines == (0, 1)
