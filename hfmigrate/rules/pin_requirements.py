"""HFM404's tree fix: code rewritten to import ``langchain_huggingface`` needs ``langchain-huggingface`` installed
(and code whose ``LLMChain`` import moved to ``langchain_classic`` needs ``langchain-classic``: the same steps, one
package each). rewrite calls :func:`add_requirements` once its per-file pass is done (:mod:`hfmigrate.engine.tree`).

When this run's rewrites add the first ``langchain_huggingface`` import to a Python module and no dependency file
in the tree names the package yet, the requirement goes where the place is obvious:

* the tree holds exactly one dependency list (a ``requirements.txt`` or a ``pyproject.toml`` whose
  ``[project]`` table has a ``dependencies`` array), in the folder of the changed modules or above them:
  ``langchain-huggingface>=0.2.0`` is added to it (older releases call ``InferenceClient.post``: HFM405), as a
  line at the end of ``requirements.txt`` or a new array element after the last one in ``pyproject.toml``, in
  its own quotes and indentation, checked by reading the TOML again;
* otherwise (dependency files but no list, several lists, or one beside the code rather than above it) each such
  module gets a ``# hfmigrate: TODO(HFM404)`` marker above the import, so ``scan`` keeps failing until a person
  adds it. A tree with no dependency file at all (loose scripts) gets neither.

A LangChain 0.x pin in the list the requirement was added to, which cannot be installed beside it, is then HFM407:
rewrite runs the pin check again on the changed list, and its marker goes above the pin.

Notebooks install packages in their own cells; they are left as they are.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hfmigrate.engine.rule_api import Applied, AppliedCounts
from hfmigrate.engine.tree import RewrittenTree, TreeChange

_MARKER_PREFIX = "# hfmigrate: TODO"  # as rewrite writes it (hfmigrate.planning.module_plan, which imports libcst)
REQUIREMENT = "langchain-huggingface>=0.2.0"  # older releases call InferenceClient.post (HFM405)


@dataclass(frozen=True)
class _Package:
    """A package that rewritten code imports: its import name, the requirement to add, how a listing looks."""

    module: str
    requirement: str

    @property
    def listed(self) -> re.Pattern[bytes]:
        return re.compile(self.module.replace("_", "[-_.]").encode(), re.IGNORECASE)

    @property
    def import_line(self) -> re.Pattern[str]:
        return re.compile(rf"^(?P<indent>[ \t]*)(?:from|import)[ \t]+{self.module}\b", re.MULTILINE)

    @property
    def marker(self) -> str:
        return f"{_MARKER_PREFIX}(HFM404): add `{self.requirement}` to the project's dependencies"


PACKAGES = (
    _Package("langchain_huggingface", REQUIREMENT),
    _Package("langchain_classic", "langchain-classic>=1.0"),  # LLMChain's home since langchain 1.0 (HFM306)
)


@dataclass(frozen=True)
class _Module:
    path: Path
    before: bytes
    after: bytes
    encoding: str


def add_requirements(tree: RewrittenTree) -> Iterator[TreeChange]:
    """The requirement lines (or module markers) this run's LangChain migrations need."""
    modules = [
        _Module(f.path, f.before, f.after, f.encoding)
        for f in tree.files
        if f.kind == "python" and f.before != f.after and tree.enabled("HFM404", f.display)
    ]
    dependency_files = [(f.path, f.after) for f in tree.files if f.dependency]
    contents: dict[Path, bytes] = {}
    applied: dict[Path, AppliedCounts] = {}
    for package in PACKAGES:
        current = [_Module(m.path, m.before, contents.get(m.path, m.after), m.encoding) for m in modules]
        files = [(path, contents.get(path, data)) for path, data in dependency_files]
        for path, data, counts in _plan_package(package, current, files):
            contents[path] = data
            applied.setdefault(path, AppliedCounts()).update(counts)
    for path, data in contents.items():
        yield TreeChange(path, data, applied[path])


def _plan_package(
    package: _Package, modules: list[_Module], dependency_files: list[tuple[Path, bytes]]
) -> list[tuple[Path, bytes, AppliedCounts]]:
    module = package.module.encode()
    needing = [m for m in modules if module in m.after and module not in m.before]
    if not needing or any(package.listed.search(data) for _, data in dependency_files):
        return []
    lists = [(path, data) for path, data in dependency_files if _is_dependency_list(path, data)]
    if not lists and not dependency_files:
        return []  # a tree with no dependency file at all (loose scripts): nothing to keep in step, no marker
    if len(lists) == 1 and all(_above(lists[0][0].parent, m.path) for m in needing):
        path, data = lists[0]
        added = _added(path, data, package.requirement)
        if added is not None:
            return [(path, added, AppliedCounts({Applied("HFM404"): 1}))]
    marked = [(m.path, _with_marker(m.after, m.encoding, package)) for m in needing]
    return [(path, data, AppliedCounts({Applied.marker("HFM404"): 1})) for path, data in marked if data is not None]


def _is_dependency_list(path: Path, data: bytes) -> bool:
    if path.name == "requirements.txt":
        return True
    return path.name == "pyproject.toml" and _project_dependencies(data) is not None


def _above(folder: Path, module: Path) -> bool:
    return folder.resolve() in module.resolve().parents


def _added(path: Path, data: bytes, requirement: str) -> bytes | None:
    if path.name == "requirements.txt":
        return _added_to_requirements(data, requirement)
    return _added_to_pyproject(data, requirement)


def _newline(text: str) -> str:
    match = re.search(r"\r\n|\n|\r", text)
    return match.group(0) if match else "\n"


def _added_to_requirements(data: bytes, requirement: str) -> bytes | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    newline = _newline(text)
    ending = "" if not text or text.endswith(("\n", "\r")) else newline
    return (text + ending + requirement + newline).encode("utf-8")


def _project_dependencies(data: bytes) -> list | None:
    from hfmigrate import toml_reader as tomllib

    try:
        document = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    dependencies = document.get("project", {}).get("dependencies")
    return dependencies if isinstance(dependencies, list) else None


_ARRAY = re.compile(r"^dependencies[ \t]*=[ \t]*\[", re.MULTILINE)
_ELEMENT = re.compile(r"""(?P<quote>["'])[^"'\r\n]*(?P=quote)""")
_BETWEEN = re.compile(r"""(?:[ \t\r\n,]+|#[^\r\n]*)""")


def _added_to_pyproject(data: bytes, requirement: str) -> bytes | None:
    """One more element after the last one of ``[project].dependencies``; None unless TOML confirms exactly that."""
    text = data.decode("utf-8")
    before = _project_dependencies(data)
    project = re.search(r"^\[project\][ \t]*(?:#[^\r\n]*)?\r?$", text, re.MULTILINE)
    opening = _ARRAY.search(text, project.end()) if project else None
    if before is None or opening is None:
        return None
    last = _last_element(text, opening.end())
    if last is None:
        return None
    quote = last.group("quote")
    comma = "" if text[last.end() :].lstrip(" \t").startswith(",") else ","
    line_end = re.compile(r"\r\n|\n|\r").search(text, last.end())
    if line_end and any(end in text[opening.end() : last.start()] for end in "\r\n"):
        # one element per line: a new line after the last element's line, in its indentation
        line = text[text.rfind("\n", 0, last.start()) + 1 :]
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        at = line_end.start()
        head = text[: last.end()] + comma + text[last.end() : at]
        edited = head + f"{line_end.group(0)}{indent}{quote}{requirement}{quote}," + text[at:]
    else:
        edited = text[: last.end()] + f"{comma} {quote}{requirement}{quote}" + text[last.end() :]
    after = edited.encode("utf-8")
    return after if _project_dependencies(after) == before + [requirement] else None


def _last_element(text: str, at: int) -> re.Match[str] | None:
    """The array's last string element, read from just after ``[`` up to its ``]`` (extras brackets are in strings)."""
    last = None
    while at < len(text):
        between = _BETWEEN.match(text, at)
        if between and between.end() > at:
            at = between.end()
            continue
        element = _ELEMENT.match(text, at)
        if element is None:
            return last if text.startswith("]", at) else None
        last, at = element, element.end()
    return None


def _with_marker(after: bytes, encoding: str, package: _Package) -> bytes | None:
    try:
        text = after.decode(encoding)
        tree = ast.parse(text)
    except (UnicodeDecodeError, SyntaxError, ValueError):
        return None
    match = package.import_line.search(text)
    if match is None:
        return None
    line = f"{match.group('indent')}{package.marker}{_newline(text)}"
    marked = text[: match.start()] + line + text[match.start() :]
    if ast.dump(ast.parse(marked)) != ast.dump(tree):
        return None  # the line was inside a string after all
    return marked.encode(encoding)
