"""The .gitignore files in effect while a folder tree is walked, as git reads them (pathspec's GitIgnoreSpec)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from hfmigrate.lines import split_lines

if TYPE_CHECKING:
    import pathspec  # imported on first use: a tree without .gitignore files never pays for it


class GitIgnores:
    """The .gitignore files in effect for the folder being walked (each applies below its own folder)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}  # every folder entered → its spec, or None
        # (absolute folder + separator, spec) for the folders that have one
        self._active: list[tuple[str, pathspec.GitIgnoreSpec]] = []

    def enter(self, folder: Path, root: Path) -> None:
        if not self.enabled:
            return
        if folder != root:
            if folder not in self.specs:
                self._add(folder, self._load(folder / ".gitignore"))
            return
        self._add(root, self._load(root / ".gitignore"))
        for parent in self._parents_in_repo(root):
            spec = self._load(parent / ".gitignore")
            # A folder given explicitly is scanned even when a .gitignore above it ignores the folder itself
            # (as ripgrep does): that file's rules would otherwise ignore everything below it.
            if spec is not None and not self._matches_root(spec, parent, root) and parent not in self.specs:
                self._add(parent, spec)

    def _add(self, folder: Path, spec: pathspec.GitIgnoreSpec | None) -> None:
        self.specs[folder] = spec
        if spec is not None:
            self._active.append((os.path.join(os.path.abspath(folder), ""), spec))

    @staticmethod
    def _matches_root(spec: pathspec.GitIgnoreSpec, parent: Path, root: Path) -> bool:
        relative = root.resolve().relative_to(parent).as_posix()
        return spec.match_file(relative + "/")

    @staticmethod
    def _parents_in_repo(root: Path) -> list[Path]:
        parents = []
        for parent in root.resolve().parents:
            parents.append(parent)
            if (parent / ".git").exists():
                break
        else:
            return []
        return parents

    @staticmethod
    def _load(path: Path) -> pathspec.GitIgnoreSpec | None:
        try:
            lines = split_lines(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return None
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(lines)

    def ignored(self, path: Path, is_dir: bool) -> bool:
        return self.ignored_absolute(os.path.abspath(path), is_dir)

    def ignored_absolute(self, absolute: str, is_dir: bool) -> bool:
        """String prefixes, not pathlib: this runs for every file, and most folders have no .gitignore."""
        if not self.enabled or not self._active:
            return False
        for folder, spec in self._active:
            if absolute.startswith(folder):
                relative = absolute[len(folder) :].replace(os.sep, "/")
                if spec.match_file(relative + ("/" if is_dir else "")):
                    return True
        return False
