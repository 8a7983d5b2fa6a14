"""Walking the paths a user gives: which files to read, and which to skip and why.

Folders are walked with ``.gitignore`` files honoured (nested ones too), the usual tool and build folders skipped,
and symlinks never followed out of the tree. Files given explicitly are always read (as ruff does), unless a
user ``--exclude`` names them. Every file is classified by kind: ``python``, ``notebook``, ``text`` (with
``dependency`` files marked), or None for kinds hfmigrate does not read.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

from hfmigrate.config import Settings
from hfmigrate.findings import Diagnostic, DiagnosticKind
from hfmigrate.gitignores import GitIgnores

DEFAULT_EXCLUDED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        ".env.d",
        "node_modules",
        "__pycache__",
        "site-packages",
        "dist",
        "build",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".ipynb_checkpoints",
        ".eggs",
        ".cache",
        ".next",
        ".hfmigrate-cache",
    }
)
PYTHON_SUFFIXES = frozenset({".py", ".pyi"})
TEXT_SUFFIXES = frozenset(
    {
        ".js",
        ".mjs",
        ".cjs",
        ".jsx",
        ".ts",
        ".mts",
        ".cts",
        ".tsx",
        ".vue",
        ".svelte",
        ".sh",
        ".bash",
        ".zsh",
        ".yaml",
        ".yml",
        ".json",
        ".toml",
        ".ini",
        ".cfg",
        ".conf",
        ".md",
        ".markdown",
        ".mdx",
        ".rst",
        ".txt",
        ".env",
        ".html",
        ".dockerfile",
        ".in",
        ".properties",
        ".har",
        ".ambr",
        ".snap",  # (recordings: HFM108)
    }
)
TEXT_NAMES = frozenset({"Dockerfile", "Containerfile", "Makefile", "Procfile", ".env"})
DEPENDENCY_NAMES = frozenset({"pyproject.toml", "setup.cfg", "package.json", "Pipfile"})


@dataclass(frozen=True)
class SourceFile:
    path: Path
    display: str  # the path as shown in reports: relative to where it was found, with / separators
    kind: str  # "python" | "notebook" | "text"
    dependency: bool = False


def file_kind(path: PurePath) -> str | None:
    return kind_of_name(path.name)


def kind_of_name(name: str) -> str | None:
    suffix = os.path.splitext(name)[1].lower()
    if suffix in PYTHON_SUFFIXES:
        return "python"
    if suffix == ".ipynb":
        return "notebook"
    if suffix in TEXT_SUFFIXES or name in TEXT_NAMES or name.startswith((".env", "Dockerfile")):
        return "text"
    return None


def is_dependency_file(path: PurePath) -> bool:
    name = path.name
    if name in DEPENDENCY_NAMES:
        return True
    # requirements.txt, dev-requirements.txt, requirements-dev.in, requirements/base.txt
    return path.suffix in (".txt", ".in") and ("requirements" in name or path.parent.name == "requirements")


def walk(paths: list[Path], settings: Settings, diagnostics: list[Diagnostic]) -> Iterator[SourceFile]:
    """Yield each file to read once, in a stable order; record what was skipped in ``diagnostics``."""
    seen: set[str] = set()  # real paths: a file given twice, or reached through two paths, is read once
    for given in paths:
        if not given.exists() and not given.is_symlink():
            diagnostics.append(Diagnostic(str(given), DiagnosticKind.ERROR, "no such file or directory"))
            continue
        if given.is_dir():
            yield from _walk_folder(given, settings, diagnostics, seen)
        else:
            source = _explicit_file(given, settings, diagnostics)
            if source and _first_visit(os.path.realpath(source.path), seen):
                yield source


def _explicit_file(path: Path, settings: Settings, diagnostics: list[Diagnostic]) -> SourceFile | None:
    display = path.as_posix()
    if _matches(display, settings.exclude) and not _matches(display, settings.include):
        diagnostics.append(Diagnostic(display, DiagnosticKind.SKIPPED, "excluded by --exclude / config"))
        return None
    kind = file_kind(path) or "text"
    return SourceFile(path, display, kind, is_dependency_file(path))


def _first_visit(real_path: str, seen: set[str]) -> bool:
    if real_path in seen:
        return False
    seen.add(real_path)
    return True


def _walk_folder(root: Path, settings: Settings, diagnostics: list[Diagnostic], seen: set[str]) -> Iterator[SourceFile]:
    """Top-down, folders and files in sorted order (as ``os.walk`` would), with ``os.scandir``: one listing per
    folder gives the types, and paths stay strings until a file is kept (pathlib costs more than the read)."""
    folder = _Folder(root, settings, diagnostics, seen)
    yield from folder.walk(str(root), _display(root, root), os.path.abspath(root), os.path.realpath(root), False)


class _Folder:
    """One folder walk's settings and state."""

    def __init__(self, root: Path, settings: Settings, diagnostics: list[Diagnostic], seen: set[str]):
        self.root, self.settings, self.diagnostics, self.seen = root, settings, diagnostics, seen
        self.real_root = root.resolve()
        self.ignores = GitIgnores(settings.gitignore)

    def walk(self, here: str, display: str, absolute: str, real_here: str, only_included: bool) -> Iterator[SourceFile]:
        """``only_included``: a skipped folder entered only for what --include names below it."""
        try:
            with os.scandir(here) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            where = Path(error.filename) if error.filename else self.root
            self.diagnostics.append(
                Diagnostic(
                    _display(where, self.root) + "/", DiagnosticKind.ERROR, f"cannot list folder: {error.strerror}"
                )
            )
            return
        self.ignores.enter(Path(here), self.root)
        folders: list[os.DirEntry[str]] = []
        files: list[os.DirEntry[str]] = []
        for entry in entries:
            (folders if _is_dir(entry) else files).append(entry)
        kept = []
        for entry in folders:
            child = _child(display, entry.name)
            if not only_included and self._keep_dir(entry, child, os.path.join(absolute, entry.name)):
                kept.append((entry, False))
            elif _include_reaches_below(child, self.settings.include):
                kept.append((entry, True))
        for entry in files:
            child = _child(display, entry.name)
            if only_included and not _matches(child, self.settings.include):
                continue
            source = self._file(entry, child, os.path.join(absolute, entry.name))
            if source is None:
                continue
            real = os.path.realpath(entry.path) if entry.is_symlink() else os.path.join(real_here, entry.name)
            if _first_visit(real, self.seen):
                yield source
        for entry, partial in kept:
            # folders below are never reached through a link: the real path follows by joining
            yield from self.walk(
                entry.path,
                _child(display, entry.name),
                os.path.join(absolute, entry.name),
                os.path.join(real_here, entry.name),
                partial,
            )

    def _keep_dir(self, entry: os.DirEntry, display: str, absolute: str) -> bool:
        settings = self.settings
        if entry.is_symlink():
            self.diagnostics.append(
                Diagnostic(display + "/", DiagnosticKind.SKIPPED, "symlinked folder (not followed)")
            )
            return False
        if _matches(display + "/", settings.include) or _matches(display, settings.include):
            return True
        reason = None
        name = entry.name
        if (
            name in DEFAULT_EXCLUDED_DIRS
            or name.endswith(".egg-info")
            or os.path.exists(os.path.join(entry.path, "pyvenv.cfg"))
        ):
            reason = "tool, build or virtualenv folder"
        elif _matches(display, settings.exclude):
            reason = "excluded by --exclude / config"
        elif self.ignores.ignored_absolute(absolute, is_dir=True):
            reason = "ignored by .gitignore"
        if reason:
            self.diagnostics.append(Diagnostic(display + "/", DiagnosticKind.SKIPPED, reason))
        return reason is None

    def _file(self, entry: os.DirEntry, display: str, absolute: str) -> SourceFile | None:
        kind = kind_of_name(entry.name)
        if kind is None:
            return None
        settings = self.settings
        reason = None
        if entry.is_symlink() and not _inside(Path(entry.path).resolve(), self.real_root):
            reason = "symlink pointing outside the tree (not followed)"  # whatever --include says
        elif _matches(display, settings.include):
            reason = None
        elif _matches(display, settings.exclude):
            reason = "excluded by --exclude / config"
        elif self.ignores.ignored_absolute(absolute, is_dir=False):
            reason = "ignored by .gitignore"
        if reason:
            self.diagnostics.append(Diagnostic(display, DiagnosticKind.SKIPPED, reason))
            return None
        path = Path(entry.path)
        return SourceFile(path, display, kind, is_dependency_file(path))


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows a link, as os.walk does: a symlinked folder is then reported, not read
    except OSError:
        return False


def _child(display: str, name: str) -> str:
    return f"{display}/{name}" if display not in ("", ".") else name


def _display(path: Path, root: Path) -> str:
    return path.as_posix() if str(root) in ("", ".") else (root / path.relative_to(root)).as_posix()


def _include_reaches_below(display: str, include: tuple[str, ...]) -> bool:
    """Whether an ``--include`` path pattern (one with a ``/``) names something inside the folder ``display``."""
    depth = display.count("/") + 1
    for pattern in include:
        parts = pattern.strip("/").split("/")
        if len(parts) > depth and fnmatch.fnmatch(display, "/".join(parts[:depth])):
            return True
    return False


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _matches(display: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(display, pattern) or fnmatch.fnmatch(display, f"*/{pattern}"):
            return True
        if fnmatch.fnmatch(display, f"{pattern}/*") or fnmatch.fnmatch(display, f"*/{pattern}/*"):
            return True
    return False
