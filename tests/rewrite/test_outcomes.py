"""Every per-kind rewriter returns a typed outcome (engine/outcomes.py): a success, a skip or a failure."""

from __future__ import annotations

import json

from hfmigrate.config import Settings
from hfmigrate.engine.kinds import Applied
from hfmigrate.engine.outcomes import RewriteFailure, RewriteSkip, RewriteSuccess
from hfmigrate.rewrite.module import rewrite_source
from hfmigrate.rewrite.notebook import rewrite_notebook
from hfmigrate.rewrite.text import rewrite_text

LEGACY = "https://api-inference.huggingface.co/models/gpt2"
ROUTER = "https://router.huggingface.co/hf-inference/models/gpt2"


def _notebook(*cells: str) -> bytes:
    return json.dumps(
        {
            "cells": [{"cell_type": "code", "metadata": {}, "source": source, "outputs": []} for source in cells],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    ).encode()


def test_a_module_that_changes_is_a_success_with_its_counts():
    outcome = rewrite_source(f'URL = "{LEGACY}"\n'.encode(), "m.py", Settings())
    assert isinstance(outcome, RewriteSuccess)
    assert outcome.after == f'URL = "{ROUTER}"\n'.encode()
    assert outcome.applied[Applied("HFM101")] == 1 and outcome.encoding == "utf-8"
    assert outcome.text == f'URL = "{ROUTER}"\n'


def test_noop_a_module_with_nothing_to_change_is_a_skip():
    assert rewrite_source(b'URL = "https://example.com"\n', "m.py", Settings()) == RewriteSkip()
    assert rewrite_source(f'URL = "{ROUTER}"\n'.encode(), "m.py", Settings()) == RewriteSkip()


def test_a_module_that_does_not_parse_is_a_failure_marked_unparsable():
    outcome = rewrite_source(f'URL = "{LEGACY}"\ndef (:\n'.encode(), "m.py", Settings())
    assert isinstance(outcome, RewriteFailure) and outcome.unparsable
    assert outcome.diagnostic.kind == "error" and "does not parse" in outcome.diagnostic.reason


def test_a_text_file_that_changes_is_a_success_and_one_that_does_not_a_skip():
    changed = rewrite_text(f"curl {LEGACY}\n".encode(), "run.sh", Settings())
    assert isinstance(changed, RewriteSuccess) and changed.after == f"curl {ROUTER}\n".encode()
    assert rewrite_text(b"curl https://example.com\n", "run.sh", Settings()) == RewriteSkip()


def test_a_notebook_lists_the_cells_left_alone_beside_the_cells_that_changed():
    data = _notebook(f'URL = "{LEGACY}"\n', f'requests.get("{LEGACY}")\ndef (:\n')
    outcome = rewrite_notebook(data, "n.ipynb", Settings())
    assert isinstance(outcome, RewriteSuccess) and outcome.diff_text and "(cell 1)" in outcome.diff_text
    assert [(d.path, d.kind) for d in outcome.diagnostics] == [("n.ipynb:cell 2", "downgraded")]


def test_a_notebook_whose_only_legacy_cell_does_not_parse_is_a_downgraded_failure():
    outcome = rewrite_notebook(_notebook(f'URL = "{LEGACY}"\ndef (:\n'), "n.ipynb", Settings())
    assert isinstance(outcome, RewriteFailure)
    assert (outcome.diagnostic.path, outcome.diagnostic.kind) == ("n.ipynb:cell 1", "downgraded")


def test_noop_a_notebook_without_legacy_use_is_a_skip_and_one_that_is_not_json_a_failure():
    assert rewrite_notebook(_notebook("x = 1\n"), "n.ipynb", Settings()) == RewriteSkip()
    broken = rewrite_notebook(b"{not json", "n.ipynb", Settings())
    assert isinstance(broken, RewriteFailure) and broken.diagnostic.kind == "skipped"


def test_a_notebook_that_is_not_json_is_shown_without_verbose_and_an_excluded_file_is_not(tmp_path):
    from hfmigrate.report.rewrite_text import render_rewrite
    from hfmigrate.rewrite import rewrite_paths

    (tmp_path / "broken.ipynb").write_text(f'{{"cells": [ "{LEGACY}"\n')
    (tmp_path / "vendor.py").write_text(f'URL = "{LEGACY}"\n')
    result = rewrite_paths([tmp_path], Settings(exclude=("vendor.py",)), write=False)
    summary = render_rewrite(result, show_diff=False, list_only=True, verbose=False).summary
    assert "broken.ipynb: skipped: does not parse as a notebook" in summary
    assert "vendor.py" not in summary
    verbose = render_rewrite(result, show_diff=False, list_only=True, verbose=True).summary
    assert "vendor.py: skipped: excluded" in verbose
