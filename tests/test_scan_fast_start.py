"""`hfmigrate scan` in its plain spellings starts without typer (hfmigrate/scan_command.py, hfmigrate/entry.py):
the same output, report files and exit codes as the typer road, and nothing heavy imported for a clean file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hfmigrate.scan_command import fast_request
from tests.project_files import hfmigrate, write

LEGACY = 'API_URL = "https://api-inference.huggingface.co/models/gpt2"\n'
TYPER_ROAD = "import sys; from hfmigrate.cli import main; sys.argv[0] = 'hfmigrate'; main()"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "app/client.py", LEGACY)
    write(tmp_path, "app/clean.py", "import os\n")
    write(tmp_path, "app/data.bin", b"\0\1\2")
    write(tmp_path, "notes.md", "See https://api-inference.huggingface.co/models/gpt2\n")
    write(tmp_path, "image.py", b"x = 1\n\0\0")  # a binary file named .py: skipped, shown with -v
    return tmp_path


def _typer_road(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", TYPER_ROAD, *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "args",
    [
        ("scan",),
        ("scan", "."),
        ("scan", "app/client.py"),
        ("scan", "app/clean.py"),
        ("scan", "--format", "json", "."),
        ("scan", "--format=sarif", "."),
        ("scan", "--format", "github", "app"),
        ("scan", ".", "--exit-zero", "-v"),
        ("scan", "--select", "HFM1", "--ignore", "HFM102", "."),
        ("scan", "--exclude", "app/*", "--exclude", "*.md", "--verbose", "."),
        ("scan", "--no-gitignore", "--include", "app/client.py", "--exclude", "app/*", "."),
        ("scan", "--format", "xml", "."),
        ("scan", "missing.py"),
        ("scan", "-o", "nope/report.json", "."),
        ("scan", "--config", "absent.toml", "."),
    ],
)
def test_the_fast_road_says_what_the_typer_road_says(project: Path, args: tuple[str, ...]):
    assert fast_request(list(args)) is not None  # these really take the fast road
    fast, full = hfmigrate(*args, cwd=project), _typer_road(*args, cwd=project)
    assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr)
    assert "Traceback" not in fast.stderr


def test_a_report_file_is_the_same_on_both_roads(project: Path, tmp_path_factory):
    reports = tmp_path_factory.mktemp("reports")  # outside the tree: the first report must not be scanned by the second
    fast = hfmigrate("scan", "--format", "json", "-o", str(reports / "fast.json"), ".", cwd=project)
    full = _typer_road("scan", "--format", "json", "--output", str(reports / "full.json"), ".", cwd=project)
    assert fast.returncode == full.returncode == 1
    assert (reports / "fast.json").read_text() == (reports / "full.json").read_text()
    assert fast.stdout == full.stdout == ""


def test_a_clean_file_is_scanned_without_typer_rich_httpx_or_libcst(project: Path):
    probe = (
        "import sys\nfrom hfmigrate.entry import main\nsys.argv = ['hfmigrate', 'scan', 'app/clean.py']\n"
        "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'rich', 'httpx', 'libcst'})\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True, text=True, timeout=120)
    assert done.stderr.strip().splitlines()[-1] == "0 []", done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["scan", "--help"],
        ["scan", "-h"],
        ["scan", "--", "x.py"],
        ["scan", "-"],
        ["scan", ""],
        ["scan", "--exit-zero=1"],
        ["scan", "--format"],
        ["scan", "-o"],
        ["scan", "--output", "-"],
        ["scan", "--form", "json"],  # abbreviations are typer's to judge
        ["scan", "-vo", "r.json"],
        ["scan", "-ofile.json"],
        ["rewrite", "."],
        ["--version"],
        [],
    ],
)
def test_anything_else_goes_to_typer(argv: list[str]):
    assert fast_request(argv) is None


def test_the_plain_spellings_parse_as_typer_parses_them():
    assert fast_request(
        ["scan", "a.py", "--exclude", "x/*", "--exclude=y/*", "-o", "r.json", "b", "--format=json"]
    ) == {
        "paths": [Path("a.py"), Path("b")],
        "exclude": ["x/*", "y/*"],
        "output": Path("r.json"),
        "output_format": "json",
    }
