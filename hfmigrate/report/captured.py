"""What a text report printed: reports print on a rich console made with ``file=StringIO()`` and return the text."""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def printed(console: Console) -> str:
    """Everything printed so far on ``console``, which must print into a :class:`~io.StringIO`."""
    buffer = console.file
    if not isinstance(buffer, StringIO):
        raise TypeError("printed() needs a console made with file=StringIO()")
    return buffer.getvalue()
