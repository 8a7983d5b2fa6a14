"""The enums of the rule API: the file kinds a check runs on, a rule's severity and the kind of fix it has; and
:class:`Applied`, what rewrite counts one applied fix as."""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass


class FileKind(enum.Enum):
    PYTHON = "python"  # .py/.pyi modules, and notebook code cells
    TEXT = "text"  # every other text file, notebook markdown cells and IPython shell lines
    # requirements*.txt, pyproject.toml, setup.cfg, Pipfile, package.json (text files too): checked once the
    # per-file pass is done, with TreeFacts; their needles are not in the pre-filter (every such file is read)
    DEPENDENCY = "dependency"


ALL_KINDS = frozenset({FileKind.PYTHON, FileKind.TEXT})  # the per-file kinds


class Severity(enum.Enum):
    ERROR = "error"  # the code fails today (410, 404, a removed API)
    WARNING = "warning"  # the code may work but should change


class FixKind(enum.Enum):
    EDIT = "edit"  # rewrite changes the code (it may also leave a marker for what remains)
    MARKER = "marker"  # rewrite leaves a ``# hfmigrate: TODO(CODE)`` marker: a person decides


@dataclass(frozen=True)
class Applied:
    """One key of rewrite's applied counts: the rule's code, and whether rewrite edited the code or left a marker."""

    code: str
    kind: FixKind = FixKind.EDIT

    @classmethod
    def marker(cls, code: str) -> Applied:
        return cls(code, FixKind.MARKER)

    @property
    def is_marker(self) -> bool:
        return self.kind is FixKind.MARKER


#: Rewrite's applied counts: how many edits and markers per code.
AppliedCounts = Counter[Applied]
