"""One file never stops the others: valid Python nested deeper than the libcst visitors' recursion limit, and a
per-file step that fails, cost at most one line for that file; every other file is still scanned and rewritten.

The nested shapes are valid Python that CPython accepts (it refuses nesting past about 200 levels). They used to
raise RecursionError in the metadata or visitor pass and end the whole run with exit 2, nothing written. Now the
job that overflows is run again on a deep-stack thread (``hfmigrate.pool.guarded``), so they are migrated too.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from tests.faults import run_with_faults
from tests.project_files import hfmigrate, write

URL = '"https://api-inference.huggingface.co/models/gpt2"'
ROUTER = "https://router.huggingface.co/hf-inference/models/gpt2"
LEGACY = f"API_URL = {URL}\n"

SHAPES = {
    "calls.py": "x = " + "f(" * 140 + URL + ")" * 140 + "\n",
    "dicts.py": "x = " + "{'a': " * 140 + URL + "}" * 140 + "\n",
    "lists.py": "x = " + "[" * 140 + URL + "]" * 140 + "\n",
    "lambdas.py": "x = " + "lambda: " * 400 + URL + "\n",
    "conditional.py": "x = " + " ".join(f"{i} if y == {i} else" for i in range(2000)) + f" {URL}\n",
    "concatenation.py": "x = (\n" + "".join(f'    "part {i} "\n' for i in range(1000)) + f"    {URL}\n)\n",
}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("deep")
    (root / ".git").mkdir()
    write(root, "legacy.py", LEGACY)
    for name, code in SHAPES.items():
        write(root, name, LEGACY + code)
    for name, code in SHAPES.items():
        assert ast.parse(code), name  # valid Python, as CPython sees it
    return root


def test_scan_reports_every_file_with_its_python_rules(tree: Path):
    result = hfmigrate("scan", "--format", "json", ".", cwd=tree)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    document = json.loads(result.stdout)
    assert [d for d in document["diagnostics"] if d["kind"] != "skipped"] == []  # none downgraded to the text rules
    by_path: dict[str, list] = {}
    for finding in document["findings"]:
        by_path.setdefault(finding["path"], []).append((finding["line"], finding["code"], finding["fixable"]))
    assert by_path["legacy.py"] == [(1, "HFM101", True)]
    for name in SHAPES:
        assert (1, "HFM101", True) in by_path[name], name
        assert any(line >= 2 for line, _, _ in by_path[name]), name  # the URL inside the nesting too


def test_rewrite_migrates_every_file_and_a_second_run_changes_nothing(tree: Path, tmp_path: Path):
    work = tmp_path / "work"
    for path in tree.rglob("*.py"):
        write(work, str(path.relative_to(tree)), path.read_bytes())
    result = hfmigrate("rewrite", ".", cwd=work)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stdout + result.stderr  # the marker below is left for a person
    assert "7 changed (7 Python), 0 unchanged, 0 skipped, 0 errors." in result.stdout
    assert (work / "legacy.py").read_text() == f'API_URL = "{ROUTER}"\n'
    for name, code in SHAPES.items():
        after = (work / name).read_text()
        assert after.startswith(f'API_URL = "{ROUTER}"\n'), name
        ast.parse(after)
        markers = after.count("# hfmigrate: TODO(HFM101)")
        assert markers == (name == "concatenation.py"), name  # the URL is glued to "part 999 ": a person decides
        assert after.count("\n") == (LEGACY + code).count("\n") + markers, name  # nothing but the URLs changed
        if name != "concatenation.py":
            assert "api-inference" not in after, name
    again = hfmigrate("rewrite", "--check", ".", cwd=work)
    assert "would rewrite" not in again.stdout and "0 errors" in again.stdout
    rescan = hfmigrate("scan", "--format", "json", ".", cwd=work)
    # the glued URL is reported on its own line, 1,000 lines into the statement: no marker reaches it there (the
    # marker sits above the statement), so it stays a finding for a person, as rewrite's exit code 1 says
    found = [(f["marker"], f["line"]) for f in json.loads(rescan.stdout)["findings"]]
    assert found == [(True, 2), (False, 1004)]


@pytest.mark.parametrize("command", ["scan", "rewrite"])
def test_a_failing_file_is_one_internal_error_line_and_the_others_are_done(tmp_path: Path, command: str):
    """A read that cannot allocate its buffer (MemoryError, injected at the OS boundary) in one file."""
    write(tmp_path, "broken.py", LEGACY)
    write(tmp_path, "fine.py", LEGACY)
    result = run_with_faults({"read": {"broken.py": "MemoryError"}}, command, ".", cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 2  # a tool error: documented in README's exit-code tables
    assert "Traceback" not in output
    (line,) = [line for line in output.splitlines() if "broken.py" in line]
    assert line == (
        "hfmigrate: broken.py: error: internal error in broken.py: MemoryError: , please report it "
        "(HFMIGRATE_DEBUG=1 shows the traceback)"
    )
    if command == "scan":
        assert "fine.py:1:11  HFM101" in result.stdout
    else:
        assert (tmp_path / "fine.py").read_text() == f'API_URL = "{ROUTER}"\n'
        assert (tmp_path / "broken.py").read_text() == LEGACY
