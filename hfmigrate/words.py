"""The base of hfmigrate's enums whose value is the word every report and file writes."""

from __future__ import annotations

import enum


class Word(str, enum.Enum):
    """A str enum that prints as its word (``str(DiagnosticKind.ERROR) == "error"``), as reports, JSON and cache
    files spell it. (Python 3.10 has no ``enum.StrEnum``.)"""

    def __str__(self) -> str:
        return self.value
