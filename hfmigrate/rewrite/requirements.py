"""HFM404: code rewritten to import ``langchain_huggingface`` needs ``langchain-huggingface`` installed.

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

Notebooks install packages in their own cells; they are left as they are.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from hfmigrate.rewrite.context import MARKER_PREFIX

REQUIREMENT = "langchain-huggingface>=0.2.0"  # older releases call InferenceClient.post (HFM405)
_MODULE = b"langchain_huggingface"
_LISTED = re.compile(rb"langchain[-_.]huggingface", re.IGNORECASE)
_IMPORT_LINE = re.compile(r"^(?P<indent>[ \t]*)(?:from|import)[ \t]+langchain_huggingface\b", re.MULTILINE)
MARKER = f"{MARKER_PREFIX}(HFM404): add `{REQUIREMENT}` to the project's dependencies"


@dataclass(frozen=True)
class RequirementFix:
    """What to write: new bytes for each path (a dependency list, or modules that get a marker)."""

    contents: dict[Path, bytes]
    applied: dict[Path, Counter]


def plan_requirement(
    modules: list[tuple[Path, bytes, bytes, str]], dependency_files: list[tuple[Path, bytes]]
) -> RequirementFix | None:
    """``modules``: (path, before, after, encoding) of rewritten Python files; ``dependency_files``: (path, bytes)."""
    needing = [(path, after, enc) for path, before, after, enc in modules if _MODULE in after and _MODULE not in before]
    if not needing or any(_LISTED.search(data) for _, data in dependency_files):
        return None
    lists = [(path, data) for path, data in dependency_files if _is_dependency_list(path, data)]
    if not lists and not dependency_files:
        return None  # a tree with no dependency file at all (loose scripts): nothing to keep in step, no marker
    if len(lists) == 1 and all(_above(lists[0][0].parent, path) for path, _, _ in needing):
        path, data = lists[0]
        added = _added(path, data)
        if added is not None:
            return RequirementFix({path: added}, {path: Counter({"HFM404": 1})})
    contents, applied = {}, {}
    for path, after, encoding in needing:
        marked = _with_marker(after, encoding)
        if marked is not None:
            contents[path], applied[path] = marked, Counter({"marker:HFM404": 1})
    return RequirementFix(contents, applied) if contents else None


def _is_dependency_list(path: Path, data: bytes) -> bool:
    if path.name == "requirements.txt":
        return True
    return path.name == "pyproject.toml" and _project_dependencies(data) is not None


def _above(folder: Path, module: Path) -> bool:
    return folder.resolve() in module.resolve().parents


def _added(path: Path, data: bytes) -> bytes | None:
    return _added_to_requirements(data) if path.name == "requirements.txt" else _added_to_pyproject(data)


def _newline(text: str) -> str:
    match = re.search(r"\r\n|\n|\r", text)
    return match.group(0) if match else "\n"


def _added_to_requirements(data: bytes) -> bytes | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    newline = _newline(text)
    ending = "" if not text or text.endswith(("\n", "\r")) else newline
    return (text + ending + REQUIREMENT + newline).encode("utf-8")


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


def _added_to_pyproject(data: bytes) -> bytes | None:
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
        edited = head + f"{line_end.group(0)}{indent}{quote}{REQUIREMENT}{quote}," + text[at:]
    else:
        edited = text[: last.end()] + f"{comma} {quote}{REQUIREMENT}{quote}" + text[last.end() :]
    after = edited.encode("utf-8")
    return after if _project_dependencies(after) == before + [REQUIREMENT] else None


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


def _with_marker(after: bytes, encoding: str) -> bytes | None:
    try:
        text = after.decode(encoding)
        tree = ast.parse(text)
    except (UnicodeDecodeError, SyntaxError, ValueError):
        return None
    match = _IMPORT_LINE.search(text)
    if match is None:
        return None
    line = f"{match.group('indent')}{MARKER}{_newline(text)}"
    marked = text[: match.start()] + line + text[match.start() :]
    if ast.dump(ast.parse(marked)) != ast.dump(tree):
        return None  # the line was inside a string after all
    return marked.encode(encoding)
