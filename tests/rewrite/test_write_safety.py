"""Nothing half-written: a write that fails (full disk, read-only folder, a file removed mid-run) leaves the
original byte for byte, no temp file, one line for that file, exit 2, and every other file rewritten.

The OS errors are injected at the one function that writes bytes (``hfmigrate.writing.write_new_file``) or
opens files (``hfmigrate.sources.open_binary``) by ``tests/faults.py``, so these tests hold when run as root.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.faults import run_with_faults

L = "https://api-inference.huggingface.co"
R = "https://router.huggingface.co/hf-inference"
FILES = {
    "app.py": f'URL = "{L}/models/gpt2"\n',
    "web.js": f'fetch("{L}/models/gpt2");\n',
    "nb.ipynb": json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "metadata": {},
                    "outputs": [],
                    "execution_count": None,
                    "source": [f'URL = "{L}/models/gpt2"\n'],
                }
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )
    + "\n",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        (tmp_path / f"other_{name}").write_text(text, encoding="utf-8")
    (tmp_path / "app.py").chmod(0o640)
    return tmp_path


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".") or "hfmigrate" in p.name)


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_full_disk_leaves_the_file_as_it_was_and_no_temp_file(project: Path, name: str):
    result = run_with_faults({"write": {name: "ENOSPC"}}, "rewrite", ".", cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith(f"hfmigrate: {name}")]
    assert lines == [f"hfmigrate: {name}: error: cannot write: no space left on the device; the file is unchanged"]
    assert (project / name).read_bytes() == FILES[name].encode()
    assert leftovers(project) == []  # the half-written temp file was removed
    for other in FILES:
        assert R in (project / f"other_{other}").read_text(encoding="utf-8"), other
    assert "5 changed" in result.stdout and "1 error." in result.stdout


def test_the_mode_survives_and_a_failed_write_keeps_it_too(project: Path):
    run_with_faults({"write": {"app.py": "ENOSPC"}}, "rewrite", ".", cwd=project)
    assert stat.S_IMODE((project / "app.py").stat().st_mode) == 0o640
    result = run_with_faults({}, "rewrite", ".", cwd=project)
    assert result.returncode == 0, result.stdout
    assert stat.S_IMODE((project / "app.py").stat().st_mode) == 0o640
    assert (project / "app.py").read_text() == f'URL = "{R}/models/gpt2"\n'


def test_a_file_removed_after_it_was_read_is_not_created_again(project: Path):
    result = run_with_faults({"read": {"app.py": "vanish-after-read"}}, "rewrite", ".", cwd=project)
    assert result.returncode == 2
    assert "hfmigrate: app.py: error: cannot write: the file disappeared while hfmigrate ran; not created again" in (
        result.stdout
    )
    assert not (project / "app.py").exists() and leftovers(project) == []
    assert R in (project / "other_app.py").read_text()


def test_a_file_that_cannot_be_read_is_one_line_and_the_rest_is_rewritten(project: Path):
    result = run_with_faults({"read": {"web.js": "EACCES"}}, "rewrite", ".", cwd=project)
    assert result.returncode == 2
    assert "hfmigrate: web.js: error: cannot read: Permission denied" in result.stdout
    assert (project / "web.js").read_text() == FILES["web.js"]
    assert R in (project / "app.py").read_text() and R in (project / "other_web.js").read_text()


def test_an_unlistable_folder_is_one_line_and_the_rest_is_rewritten(project: Path):
    (project / "locked").mkdir()
    (project / "locked" / "inner.py").write_text(FILES["app.py"])
    result = run_with_faults({"list": {"locked": "EACCES"}}, "rewrite", ".", cwd=project)
    assert result.returncode == 2
    assert "hfmigrate: locked/: error: cannot list folder: Permission denied" in result.stdout
    assert R in (project / "app.py").read_text()


def test_diff_and_check_never_write(project: Path):
    before = {p.name: p.read_bytes() for p in project.iterdir()}
    for flag in ("--diff", "--check"):
        result = run_with_faults({"write": {name: "EACCES" for name in before}}, "rewrite", flag, ".", cwd=project)
        assert result.returncode == 1, result.stdout
    assert {p.name: p.read_bytes() for p in project.iterdir()} == before
    assert os.listdir(project) and leftovers(project) == []


def test_a_file_the_rewrite_grew_past_max_file_size_does_not_fail_the_second_run(tmp_path: Path):
    from tests.project_files import hfmigrate

    source = "".join(f'URL{i} = "{L}/models/m{i}"\n' for i in range(40))
    (tmp_path / "urls.py").write_text(source)
    (tmp_path / ".hfmigrate.yaml").write_text(f"max-file-size: {len(source) + 10}\n")
    first = hfmigrate("rewrite", ".", cwd=tmp_path)
    assert first.returncode == 0, first.stdout
    assert (tmp_path / "urls.py").stat().st_size > len(source) + 10  # the router URLs are longer
    second = hfmigrate("rewrite", ".", cwd=tmp_path)
    assert second.returncode == 0, second.stdout
    assert "urls.py" not in second.stdout  # a plain skip: listed with --verbose
    verbose = hfmigrate("rewrite", "--verbose", ".", cwd=tmp_path)
    assert (
        "hfmigrate: urls.py: skipped: 2.5 KiB, over the 2.3 KiB limit (max-file-size); not rewritten" in verbose.stdout
    )
    scan = hfmigrate("scan", ".", cwd=tmp_path)
    assert scan.returncode == 0, scan.stdout  # searched for the host: there is none left
    assert (
        "urls.py: downgraded: 2.5 KiB, over the 2.3 KiB limit (max-file-size); searched for the legacy host only"
        in (scan.stdout)
    )


def test_a_file_over_max_file_size_that_holds_the_host_is_an_error_for_rewrite(tmp_path: Path):
    from tests.project_files import hfmigrate

    (tmp_path / "big.py").write_text(f'URL = "{L}/models/gpt2"\n' + "# padding\n" * 20)
    (tmp_path / "small.py").write_text(f'URL = "{L}/models/gpt2"\n')
    (tmp_path / ".hfmigrate.yaml").write_text("max-file-size: 100\n")
    result = hfmigrate("rewrite", ".", cwd=tmp_path)
    assert result.returncode == 2  # the migration is not done, and rewrite cannot do it
    assert (
        "hfmigrate: big.py: error: 257 bytes, over the 100 bytes limit (max-file-size); it holds the legacy host, "
        "not rewritten" in result.stdout
    )
    assert R in (tmp_path / "small.py").read_text() and L in (tmp_path / "big.py").read_text()


def test_a_read_only_file_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The rename would go around the file's mode; the OS's answer to "may I write it?" is asked first (injected:
    root may write any file)."""
    from hfmigrate.rewrite import rewrite_paths

    (tmp_path / "ro.py").write_text(FILES["app.py"])
    (tmp_path / "rw.py").write_text(FILES["app.py"])
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path).name != "ro.py" and real_access(path, mode))
    result = rewrite_paths([tmp_path])
    assert [str(d) for d in result.errors] == [
        f"{tmp_path / 'ro.py'}: error: cannot write: read-only file; the file is unchanged"
    ]
    assert (tmp_path / "ro.py").read_text() == FILES["app.py"] and R in (tmp_path / "rw.py").read_text()
    assert [c.display for c in result.changed] == [str(tmp_path / "rw.py")]
