"""What a long run tells the outside while it works: the phase, files done of total, and each file written.

Engines take a :class:`Progress` and call it between files; the command line passes one that draws a progress
display on a terminal (:mod:`hfmigrate.report.progress_display`) and keeps the list of files written, so that an
interrupted ``rewrite`` can say which files it already changed. The default does nothing.
"""

from __future__ import annotations

from hfmigrate.interrupts import check as check_interrupt


class Progress:
    """Receives progress events; this base class only records written files and acts on a pending interrupt.

    Subclasses call ``super()`` so that the interrupt check between files stays."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def __enter__(self) -> Progress:
        """A run holds its Progress open for its whole length; a display shows itself and clears itself."""
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def phase(self, name: str, total: int | None = None) -> None:
        """A new phase starts (``reading``, ``parsing``, ``writing`` ...), with its number of files when known."""
        check_interrupt()

    def advance(self, count: int = 1) -> None:
        """``count`` more files of the current phase are done; an interrupt that was swallowed is raised here."""
        check_interrupt()

    def wrote(self, display: str) -> None:
        """A file was replaced on disk (called right after the rename, before the next file is started)."""
        self.written.append(display)


NO_PROGRESS = Progress()
