"""files.py: which files scan reads, which it skips, and the reason it gives for each skip."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from hfmigrate.config import Settings
from hfmigrate.files import file_kind, is_dependency_file, walk
from tests.project_files import write


def walked(paths, settings: Settings | None = None) -> tuple[list[str], dict[str, str]]:
    diagnostics = []
    files = [source.display for source in walk(list(paths), settings or Settings(), diagnostics)]
    return files, {d.path: d.reason for d in diagnostics}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with a git marker so that no .gitignore above tmp_path leaks in; the tests run from inside it."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_file_kinds():
    assert file_kind(Path("a/b.py")) == "python"
    assert file_kind(Path("stubs.pyi")) == "python"
    assert file_kind(Path("nb.ipynb")) == "notebook"
    for name in (
        "app.ts",
        "x.js",
        "run.sh",
        "c.yaml",
        "d.json",
        "e.toml",
        "README.md",
        ".env",
        ".env.local",
        "Dockerfile",
        "Dockerfile.gpu",
        "requirements.txt",
        "setup.cfg",
    ):
        assert file_kind(Path(name)) == "text", name
    for name in ("image.png", "model.safetensors", "archive.tar.gz", "binary"):
        assert file_kind(Path(name)) is None, name
    assert is_dependency_file(Path("requirements-dev.txt")) and is_dependency_file(Path("pyproject.toml"))
    assert is_dependency_file(Path("package.json")) and not is_dependency_file(Path("notes.txt"))


def test_walks_folders_in_stable_order_and_keeps_kinds(tree: Path):
    write(tree, "b.py")
    write(tree, "a/z.js", "x")
    write(tree, "a/nb.ipynb", "{}")
    write(tree, "a/logo.png", "not read")
    write(tree, "requirements.txt", "huggingface_hub\n")
    diagnostics = []
    sources = list(walk([Path(".")], Settings(), diagnostics))
    assert [(s.display, s.kind, s.dependency) for s in sources] == [
        ("b.py", "python", False),
        ("requirements.txt", "text", True),  # a folder's files, then its folders
        ("a/nb.ipynb", "notebook", False),
        ("a/z.js", "text", False),
    ]
    assert diagnostics == [] or all(d.path.startswith(".git") for d in diagnostics)


def test_display_paths_keep_the_folder_given(tree: Path):
    write(tree, "src/pkg/m.py")
    files, _ = walked([Path("src")])
    assert files == ["src/pkg/m.py"]
    files, _ = walked([tree / "src"])
    assert files == [(tree / "src/pkg/m.py").as_posix()]


@pytest.mark.parametrize(
    "folder",
    [
        ".git",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        "build",
        "dist",
        "site-packages",
        ".tox",
        "pkg.egg-info",
        ".ipynb_checkpoints",
        ".mypy_cache",
    ],
)
def test_tool_build_and_virtualenv_folders_are_skipped_with_a_reason(tree: Path, folder: str):
    write(tree, f"{folder}/inner/m.py")
    write(tree, "keep.py")
    files, skipped = walked([Path(".")])
    assert files == ["keep.py"]
    assert skipped[f"{folder}/"] == "tool, build or virtualenv folder"


def test_a_virtualenv_under_any_name_is_skipped(tree: Path):
    write(tree, "myenv/pyvenv.cfg", "home = /usr/bin\n")
    write(tree, "myenv/lib/python3.11/site/x.py")
    write(tree, "app.py")
    files, skipped = walked([Path(".")])
    assert files == ["app.py"]
    assert "myenv/" in skipped


def test_gitignore_is_honoured_including_nested_files_and_negations(tree: Path):
    write(tree, ".gitignore", "*.log.py\ngenerated/\n")
    write(tree, "generated/out.py")
    write(tree, "debug.log.py")
    write(tree, "pkg/.gitignore", "secret_*.py\n!secret_ok.py\n")
    write(tree, "pkg/secret_a.py")
    write(tree, "pkg/secret_ok.py")
    write(tree, "pkg/mod.py")
    write(tree, "other/secret_b.py")  # the nested .gitignore applies only below pkg/
    files, skipped = walked([Path(".")])
    assert files == ["other/secret_b.py", "pkg/mod.py", "pkg/secret_ok.py"]
    assert skipped == {
        "debug.log.py": "ignored by .gitignore",
        "generated/": "ignored by .gitignore",
        "pkg/secret_a.py": "ignored by .gitignore",
        ".git/": "tool, build or virtualenv folder",
    }


def test_gitignore_above_the_folder_given_applies(tree: Path):
    write(tree, ".gitignore", "*.gen.py\n")
    write(tree, "src/a.gen.py")
    write(tree, "src/a.py")
    files, skipped = walked([Path("src")])
    assert files == ["src/a.py"]
    assert skipped == {"src/a.gen.py": "ignored by .gitignore"}


def test_a_folder_given_explicitly_is_scanned_even_if_an_outer_gitignore_ignores_it(tree: Path):
    write(tree, ".gitignore", "/scratch/\n*.tmp.py\n")
    write(tree, "scratch/sub/a.py")
    write(tree, "scratch/sub/b.tmp.py")
    assert walked([Path(".")])[0] == []
    files, skipped = walked([Path("scratch")])
    assert files == ["scratch/sub/a.py", "scratch/sub/b.tmp.py"]


def test_gitignore_can_be_turned_off(tree: Path):
    write(tree, ".gitignore", "ignored.py\n")
    write(tree, "ignored.py")
    assert walked([Path(".")])[0] == []
    assert walked([Path(".")], Settings(gitignore=False))[0] == ["ignored.py"]


def test_a_file_given_explicitly_is_read_even_when_ignored(tree: Path):
    write(tree, ".gitignore", "ignored.py\nbuild/\n")
    write(tree, "ignored.py")
    write(tree, "build/gen.py")
    assert walked([Path("ignored.py"), Path("build/gen.py")])[0] == ["ignored.py", "build/gen.py"]


def test_a_file_given_explicitly_with_an_unknown_suffix_is_read_as_text(tree: Path):
    write(tree, "notes.unknown", "hello")
    diagnostics = []
    assert [(s.display, s.kind) for s in walk([Path("notes.unknown")], Settings(), diagnostics)] == [
        ("notes.unknown", "text")
    ]


def test_exclude_and_include_globs(tree: Path):
    write(tree, "app/main.py")
    write(tree, "app/tests/test_main.py")
    write(tree, "app/vendored/lib.py")
    write(tree, "node_modules/pkg/index.js")
    settings = Settings(exclude=("tests", "app/vendored/*"))
    files, skipped = walked([Path(".")], settings)
    assert files == ["app/main.py"]
    assert skipped["app/tests/"] == "excluded by --exclude / config"
    assert skipped["app/vendored/lib.py"] == "excluded by --exclude / config"
    settings = Settings(exclude=("tests",), include=("app/tests/test_main.py", "node_modules"))
    files, _ = walked([Path(".")], settings)
    assert files == ["app/main.py", "app/tests/test_main.py", "app/vendored/lib.py", "node_modules/pkg/index.js"]


def test_include_reaches_a_file_inside_an_excluded_folder_without_opening_the_rest(tree: Path):
    write(tree, "node_modules/pkg/index.js")
    write(tree, "node_modules/pkg/other.js")
    write(tree, "node_modules/zzz/more.js")
    write(tree, "app/tests/test_main.py")
    write(tree, "app/tests/test_other.py")
    settings = Settings(exclude=("tests",), include=("node_modules/pkg/index.js", "app/tests/test_main.py"))
    files, _ = walked([Path(".")], settings)
    assert files == ["app/tests/test_main.py", "node_modules/pkg/index.js"]


def test_include_never_follows_a_symlink_out_of_the_tree(tree: Path, tmp_path_factory: pytest.TempPathFactory):
    outside = tmp_path_factory.mktemp("outside")
    write(outside, "secret.py")
    (tree / "link.py").symlink_to(outside / "secret.py")
    (tree / "linked").symlink_to(outside, target_is_directory=True)
    files, skipped = walked([Path(".")], Settings(include=("*.py", "linked")))
    assert files == []
    assert skipped["link.py"] == "symlink pointing outside the tree (not followed)"
    assert skipped["linked/"] == "symlinked folder (not followed)"


def test_exclude_applies_to_files_given_explicitly(tree: Path):
    write(tree, "gen/a.py")
    files, skipped = walked([Path("gen/a.py")], Settings(exclude=("gen",)))
    assert files == []
    assert skipped == {"gen/a.py": "excluded by --exclude / config"}


def test_symlinks_never_lead_out_of_the_tree(tree: Path, tmp_path_factory: pytest.TempPathFactory):
    outside = tmp_path_factory.mktemp("outside")
    write(outside, "secret.py")
    write(outside, "pkg/inner.py")
    write(tree, "real.py")
    (tree / "link_out.py").symlink_to(outside / "secret.py")
    (tree / "linked_pkg").symlink_to(outside / "pkg", target_is_directory=True)
    (tree / "link_in.py").symlink_to(tree / "real.py")
    files, skipped = walked([Path(".")])
    assert files == ["link_in.py"]  # the same file as real.py, read once
    assert skipped["link_out.py"] == "symlink pointing outside the tree (not followed)"
    assert skipped["linked_pkg/"] == "symlinked folder (not followed)"


def test_a_symlinked_folder_inside_the_tree_is_not_walked_twice(tree: Path):
    write(tree, "pkg/a.py")
    (tree / "alias").symlink_to(tree / "pkg", target_is_directory=True)
    files, skipped = walked([Path(".")])
    assert files == ["pkg/a.py"]
    assert skipped["alias/"] == "symlinked folder (not followed)"


def test_overlapping_paths_read_each_file_once(tree: Path):
    write(tree, "pkg/a.py")
    write(tree, "pkg/b.py")
    files, _ = walked([Path("."), Path("pkg"), Path("pkg/a.py"), tree / "pkg" / "b.py"])
    assert files == ["pkg/a.py", "pkg/b.py"]


def test_a_missing_path_is_an_error_diagnostic(tree: Path):
    write(tree, "a.py")
    files, problems = walked([Path("missing"), Path("a.py")])
    assert files == ["a.py"]
    assert problems == {"missing": "no such file or directory"}


def test_an_unreadable_folder_is_reported(tree: Path, monkeypatch: pytest.MonkeyPatch):
    """The OS refuses to list the folder (as for chmod 000 and a normal user; injected, so it holds as root too)."""
    write(tree, "locked/a.py")
    write(tree, "ok.py")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, problems = walked([Path(".")])
    assert files == ["ok.py"]
    assert problems["locked/"] == "cannot list folder: Permission denied"


def test_requirements_files_by_any_common_name_are_dependency_files(tmp_path):
    from hfmigrate.files import is_dependency_file

    for name in ("requirements.txt", "dev-requirements.txt", "requirements-dev.in", "requirements/base.txt"):
        assert is_dependency_file(tmp_path / name), name
    assert not is_dependency_file(tmp_path / "notes.txt") and not is_dependency_file(tmp_path / "requirements.md")
