"""Bad input never shows a traceback: each bad file costs one line that says what was skipped or downgraded, and why.

Everything runs through the real command line. Unreadable files are made three ways, all of which work as root
too: a FIFO, a dangling symlink, and OS errors injected at the one function that opens files (``tests/faults.py``).
A file that could not be read at all makes the exit 2, findings or not; one that was read only in part (too large,
undecodable, an invalid notebook) is still searched, and what it holds are findings.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.faults import run_with_faults
from tests.project_files import hfmigrate, write

LEGACY = 'API_URL = "https://api-inference.huggingface.co/models/gpt2"\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "good.py", LEGACY)  # one readable finding, so that the runs below exit 1, not 2
    return tmp_path


def lines_about(output: str, name: str) -> list[str]:
    return [line for line in output.splitlines() if name in line and line.startswith("hfmigrate: ")]


def scan_reports(project: Path, name: str, *extra: str, code: int = 1) -> tuple[str, subprocess.CompletedProcess]:
    """Scan the folder in text and JSON; the one line about ``name`` (the same in both), and the text run."""
    text = hfmigrate("scan", *extra, ".", cwd=project)
    assert "Traceback" not in text.stdout + text.stderr
    assert text.returncode == code, text.stderr
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
    line, _ = scan_reports(project, "pipe.py", code=2)  # not read: the gate cannot vouch for it
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
    line, _ = scan_reports(project, "gone.py", code=2)
    assert line == "hfmigrate: gone.py: error: cannot read: No such file or directory"


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_unreadable_file_is_one_line_and_exit_2_even_with_exit_zero(project: Path, output_format: str):
    write(project, "locked.py", LEGACY)
    write(project, "other.py", LEGACY)
    faults = {"read": {"locked.py": "EACCES"}}
    result = run_with_faults(faults, "scan", "--format", output_format, "--exit-zero", ".", cwd=project)
    assert result.returncode == 2  # --exit-zero is about findings; an unread file is not a finding
    assert "Traceback" not in result.stdout + result.stderr
    lines = lines_about(result.stdout + result.stderr, "locked.py")
    assert lines == ["hfmigrate: locked.py: error: cannot read: Permission denied"]
    assert "other.py" in result.stdout and "good.py" in result.stdout  # every other file was scanned


def test_a_file_that_disappears_before_it_is_read(project: Path):
    write(project, "brief.py", LEGACY)
    result = run_with_faults({"read": {"brief.py": "vanish"}}, "scan", ".", cwd=project)
    assert result.returncode == 2
    assert lines_about(result.stdout, "brief.py") == ["hfmigrate: brief.py: error: disappeared before it could be read"]
    assert "good.py:1:11  HFM101" in result.stdout


def test_an_unlistable_folder_is_one_line_and_exit_2(project: Path):
    write(project, "locked/inside.py", LEGACY)
    result = run_with_faults({"list": {"locked": "EACCES"}}, "scan", ".", cwd=project)
    assert result.returncode == 2
    assert lines_about(result.stdout, "locked/") == ["hfmigrate: locked/: error: cannot list folder: Permission denied"]
    assert "good.py:1:11  HFM101" in result.stdout


def test_undecodable_bytes_are_kept_and_the_file_is_fully_scanned(project: Path):
    write(project, "latin.md", b"Caf\xe9 \xff docs: https://api-inference.huggingface.co/models/gpt2\n")
    line, text = scan_reports(project, "latin.md")
    assert line == (
        "hfmigrate: latin.md: downgraded: not valid utf-8 (byte 0xe9 on line 1); bytes that do not decode are kept "
        "as they are"
    )
    assert "latin.md:1:14  HFM101" in text.stdout  # one column per undecodable byte, as an editor shows them


def test_wrong_pep_263_encoding(project: Path):
    write(project, "cookie.py", b"# -*- coding: ascii -*-\nname = 'caf\xc3\xa9'\n" + LEGACY.encode())
    line, text = scan_reports(project, "cookie.py")
    assert line == (
        "hfmigrate: cookie.py: downgraded: not valid ascii (byte 0xc3 on line 2); bytes that do not decode are kept "
        "as they are"
    )
    assert "cookie.py:3:11  HFM101 [*]" in text.stdout  # the Python rules ran


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
    write(project, "huge_clean.js", "x = 1;\n" * 1000)
    line, text = scan_reports(project, "huge.js")
    assert line == (
        "hfmigrate: huge.js: downgraded: 11.9 KiB, over the 4 KiB limit (max-file-size); searched for the legacy host only"
    )
    assert "huge.js  (200 findings)" in text.stdout  # never parsed, but the gate does not pass it blind
    assert "huge.js:200:12  HFM101 legacy Inference API URL" in text.stdout
    assert "found in the raw bytes: over max-file-size; rewrite leaves this file alone" in text.stdout
    assert "huge.js:1:12  HFM101 [*]" not in text.stdout  # rewrite does not touch it
    assert lines_about(text.stdout, "huge_clean.js") == [
        "hfmigrate: huge_clean.js: downgraded: 6.8 KiB, over the 4 KiB limit (max-file-size); searched for the legacy "
        "host only"
    ]


def test_a_file_over_the_size_limit_holding_the_host_fails_the_gate_alone(project: Path):
    write(project, ".hfmigrate.yaml", "max-file-size: 100\n")
    write(project, "big.yaml", "# " + "x" * 200 + "\nurl: HTTPS://API-INFERENCE.HUGGINGFACE.CO/models/gpt2\n")
    result = hfmigrate("scan", "--format", "json", "big.yaml", cwd=project)
    assert result.returncode == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["code"], finding["fixable"]) == (2, 6, "HFM101", False)


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
    assert line == f"hfmigrate: nb.ipynb: downgraded: {reason}; searched as text"


def test_an_invalid_notebook_holding_the_url_is_still_a_finding(project: Path):
    write(
        project, "nb.ipynb", '{"cells": [{"source": "requests.post(\'https://api-inference.huggingface.co/models/gpt2'
    )
    result = hfmigrate("scan", "nb.ipynb", cwd=project)
    assert result.returncode == 1
    assert "nb.ipynb:1:39  HFM101 legacy" in result.stdout
    assert lines_about(result.stdout, "nb.ipynb") == [
        "hfmigrate: nb.ipynb: downgraded: invalid notebook JSON at line 1: Unterminated string starting at; "
        "searched as text"
    ]


def test_an_invalid_notebook_without_the_url_given_alone_is_clean_and_says_so(project: Path):
    write(project, "nb.ipynb", '{"cells": "api-inference')
    result = hfmigrate("scan", "nb.ipynb", cwd=project)
    assert result.returncode == 0
    assert lines_about(result.stdout, "nb.ipynb") == [
        "hfmigrate: nb.ipynb: downgraded: invalid notebook JSON at line 1: Unterminated string starting at; "
        "searched as text"
    ]


def test_notebook_cell_that_does_not_parse_falls_back_to_text_rules(project: Path):
    cells = [
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": ["def f(:\n", '    return "https://api-inference.huggingface.co/models/gpt2"\n'],
        }
    ]
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
    assert result.returncode == 2  # the FIFO and the dangling symlink could not be read
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
        (
            "pyproject.toml",
            "[tool.hfmigrate.per-file-ignores]\n'x' = ['NOPE']\n",
            "pyproject.toml: per-file-ignores['x']: 'NOPE' matches no rule",
        ),
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
