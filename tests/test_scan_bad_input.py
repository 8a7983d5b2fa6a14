"""Bad input never shows a traceback: each bad file costs one line that says what was skipped or downgraded, and why.

Everything runs through the real command line. Unreadable files are made three ways: a FIFO and a dangling
symlink work for every user; chmod 000 only when not running as root (root reads it anyway).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.project_files import hfmigrate, write

LEGACY = 'API_URL = "https://api-inference.huggingface.co/models/gpt2"\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "good.py", LEGACY)  # one readable finding, so that the runs below exit 1, not 2
    return tmp_path


def lines_about(output: str, name: str) -> list[str]:
    return [line for line in output.splitlines() if name in line and line.startswith("hfmigrate: ")]


def scan_reports(project: Path, name: str, *extra: str) -> tuple[str, subprocess.CompletedProcess]:
    """Scan the folder in text and JSON; the one line about ``name`` (the same in both), and the text run."""
    text = hfmigrate("scan", *extra, ".", cwd=project)
    assert "Traceback" not in text.stdout + text.stderr
    assert text.returncode == 1, text.stderr
    (line,) = lines_about(text.stdout, name)
    machine = hfmigrate("scan", "--format", "json", *extra, ".", cwd=project)
    assert "Traceback" not in machine.stderr
    assert lines_about(machine.stderr, name) == [line]
    diagnostics = [d for d in json.loads(machine.stdout)["diagnostics"] if name in d["path"]]
    assert len(diagnostics) == 1
    assert line == f"hfmigrate: {diagnostics[0]['path']}: {diagnostics[0]['kind']}: {diagnostics[0]['reason']}"
    return line, text


def test_fifo(project: Path):
    os.mkfifo(project / "pipe.py")
    line, _ = scan_reports(project, "pipe.py")
    assert line == "hfmigrate: pipe.py: error: not a regular file (a FIFO, socket or device); not read"


def test_fifo_given_alone_exits_2_in_one_line(project: Path):
    os.mkfifo(project / "pipe.py")
    result = hfmigrate("scan", "pipe.py", cwd=project)
    assert result.returncode == 2
    assert result.stderr == (
        "hfmigrate: error: nothing could be read: pipe.py: error: not a regular file (a FIFO, socket or device); "
        "not read\n"
    )


def test_dangling_symlink(project: Path):
    (project / "gone.py").symlink_to(project / "deleted.py")
    line, _ = scan_reports(project, "gone.py")
    assert line == "hfmigrate: gone.py: error: cannot read: No such file or directory"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads a chmod 000 file")
def test_unreadable_file(project: Path):
    locked = write(project, "locked.py", LEGACY)
    locked.chmod(0)
    try:
        line, _ = scan_reports(project, "locked.py")
    finally:
        locked.chmod(0o644)
    assert line == "hfmigrate: locked.py: error: cannot read: Permission denied"


def test_undecodable_bytes_are_read_with_replacement_and_still_scanned(project: Path):
    write(project, "latin.md", b"Caf\xe9 \xff docs: https://api-inference.huggingface.co/models/gpt2\n")
    line, text = scan_reports(project, "latin.md")
    assert line == "hfmigrate: latin.md: downgraded: not valid utf-8; read with replacement characters"
    assert "latin.md:1:14  HFM101" in text.stdout  # the text rules point at the URL itself


def test_wrong_pep_263_encoding(project: Path):
    write(project, "cookie.py", b"# -*- coding: ascii -*-\nname = 'caf\xc3\xa9'\n" + LEGACY.encode())
    line, text = scan_reports(project, "cookie.py")
    assert line == "hfmigrate: cookie.py: downgraded: not valid ascii; read with replacement characters"
    assert "cookie.py:3:11  HFM101" in text.stdout


def test_binary_file_with_a_text_suffix(project: Path):
    write(project, "weights.json", b"\x00\x01\x02api-inference.huggingface.co\x00")
    text = hfmigrate("scan", ".", cwd=project)
    assert lines_about(text.stdout, "weights.json") == []  # a plain skip: counted, listed with --verbose
    assert "1 file skipped; use --verbose to see why."  # weights.json; .git/ is a folder, not counted in text.stdout
    line, _ = scan_reports(project, "weights.json", "--verbose")
    assert line == "hfmigrate: weights.json: skipped: binary file"


def test_file_over_the_size_limit(project: Path):
    write(project, ".hfmigrate.yaml", "max-file-size: 4096\n")
    write(project, "huge.js", LEGACY * 200)
    line, text = scan_reports(project, "huge.js")
    assert line == "hfmigrate: huge.js: error: 11.9 KiB, over the 4 KiB limit (max-file-size)"
    assert "huge.js:" not in text.stdout.replace(line, "")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ('{"cells": [\n  "api-inference",', "invalid notebook JSON at line 2: Expecting value"),
        ('["api-inference"]', "not a notebook: no `cells` list"),
        ('{"nbformat": 4, "note": "api-inference"}', "not a notebook: no `cells` list"),
    ],
)
def test_invalid_notebook(project: Path, data: str, reason: str):
    # (a notebook that cannot hold a finding is never decoded: only these, which mention the host, are read)
    write(project, "nb.ipynb", data)
    line, _ = scan_reports(project, "nb.ipynb")
    assert line == f"hfmigrate: nb.ipynb: error: {reason}"


def test_an_invalid_notebook_given_alone_exits_2(project: Path):
    write(project, "nb.ipynb", '{"cells": "api-inference')
    result = hfmigrate("scan", "nb.ipynb", cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("hfmigrate: error: nothing could be read: nb.ipynb: error: invalid notebook JSON")
    assert result.stderr.count("\n") == 1


def test_notebook_cell_that_does_not_parse_falls_back_to_text_rules(project: Path):
    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "source": ["def f(:\n", '    return "https://api-inference.huggingface.co/models/gpt2"\n']}]
    write(project, "nb.ipynb", json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    line, text = scan_reports(project, "nb.ipynb")
    assert line == "hfmigrate: nb.ipynb:cell 1: downgraded: does not parse (line 1: invalid syntax); text rules only"
    assert "nb.ipynb:cell 1:2:13  HFM101" in text.stdout


def test_python_that_does_not_parse_falls_back_to_text_rules_and_says_so(project: Path):
    write(project, "old.py", 'print "hi"\n' + LEGACY)
    line, text = scan_reports(project, "old.py")
    assert line.startswith("hfmigrate: old.py: downgraded: does not parse (line 1: ")
    assert line.endswith("); text rules only")
    assert "old.py:2:12  HFM101" in text.stdout  # found by the text rules


def test_deeply_nested_python_does_not_crash(project: Path):
    write(project, "deep.py", "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n" + LEGACY)
    result = hfmigrate("scan", "--format", "json", "deep.py", cwd=project)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["HFM101"]
    assert lines_about(result.stderr, "deep.py") == [
        "hfmigrate: deep.py: downgraded: too deeply nested for the parser; text rules only"
    ]


def test_every_kind_of_bad_input_at_once(project: Path):
    os.mkfifo(project / "pipe.py")
    (project / "gone.py").symlink_to(project / "deleted.py")
    write(project, "latin.md", b"\xff\n")
    write(project, "weights.json", b"\x00")
    write(project, "nb.ipynb", '{"cells": "api-inference')
    write(project, "old.py", 'print "hi"\n' + LEGACY)
    result = hfmigrate("scan", "--verbose", ".", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for name in ("pipe.py", "gone.py", "latin.md", "weights.json", "nb.ipynb", "old.py"):
        assert len(lines_about(result.stdout, name)) == 1, name


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (".hfmigrate.yaml", "select: [HFM1\n", ".hfmigrate.yaml: invalid YAML at line 2"),
        (".hfmigrate.yaml", "colour: red\n", ".hfmigrate.yaml: unknown key 'colour'"),
        (".hfmigrate.yaml", "ignore: [HFM999]\n", ".hfmigrate.yaml: ignore: 'HFM999' matches no rule"),
        ("pyproject.toml", "[tool.hfmigrate]\nselect = 'HFM1\n", "pyproject.toml: invalid TOML"),
        ("pyproject.toml", "[tool.hfmigrate]\nexclud = []\n", "pyproject.toml: unknown key 'exclud'"),
        ("pyproject.toml", "[tool.hfmigrate.per-file-ignores]\n'x' = ['NOPE']\n",
         "pyproject.toml: per-file-ignores['x']: 'NOPE' matches no rule"),
    ],
)
def test_bad_config_exits_2_with_one_line_naming_the_file(project: Path, name: str, text: str, message: str):
    write(project, name, text)
    result = hfmigrate("scan", ".", cwd=project)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("hfmigrate: error: ")
    assert message in result.stderr
    assert str(project / name) in result.stderr


def test_nonexistent_path_exits_2_with_one_line(project: Path):
    result = hfmigrate("scan", "good.py", "nowhere/", cwd=project)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "hfmigrate: error: nowhere: no such file or directory\n"
