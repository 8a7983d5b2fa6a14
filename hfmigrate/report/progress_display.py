"""The progress display of scan and rewrite: phase, files done of total, elapsed time; on a terminal only.

It appears only when standard error is a terminal and the run is still going after :data:`DELAY` seconds (a
quick run, pre-commit's usual case, never flickers), and it is transient: it is gone when the run ends, so the
report below it reads as it would without it. A timer thread shows it, so that a single slow file still gets one.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import TYPE_CHECKING

from hfmigrate.progress import Progress

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

DELAY = 1.0  # seconds before the display appears; $HFMIGRATE_PROGRESS_DELAY overrides it (tests use 0)


class ProgressDisplay(Progress):
    """A :class:`Progress` that draws itself on ``console`` once the run has taken :data:`DELAY` seconds."""

    def __init__(self, console: Console, delay: float = DELAY):
        super().__init__()
        self._console = console
        self._delay = delay
        self._lock = threading.Lock()
        self._phase, self._done = "starting", 0
        self._total: int | None = None
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None
        self._timer: threading.Timer | None = None
        self._closed = False

    def __enter__(self) -> ProgressDisplay:
        self._timer = threading.Timer(self._delay, self._show)
        self._timer.daemon = True
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._closed = True  # a timer that fires now must not start a display nobody stops
            if self._bar is not None:
                self._bar.stop()
                self._bar = None

    def phase(self, name: str, total: int | None = None) -> None:
        super().phase(name, total)
        with self._lock:
            self._phase, self._total, self._done = name, total, 0
            self._update()

    def advance(self, count: int = 1) -> None:
        super().advance(count)
        with self._lock:
            self._done += count
            self._update()

    def _show(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._closed:
                return
            self._bar = bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.description:<13}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files"),
                TimeElapsedColumn(),
                console=self._console,
                transient=True,
            )
            self._task = bar.add_task(self._phase, total=self._total, completed=self._done)
            bar.start()

    def _update(self) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, description=self._phase, total=self._total, completed=self._done)


_current: Progress | None = None  # the running scan's or rewrite's Progress: an interrupt names the files it wrote


def start_run(enabled: bool) -> Progress:
    """The Progress for this command's run (see :func:`progress_for`), remembered for :func:`interrupted_report`."""
    global _current
    _current = progress_for(enabled)
    return _current


def interrupted_report(signal_name: str) -> str:
    if _current is None:  # probe, check-models: nothing of the user's is written while they run
        return f"hfmigrate: interrupted by {signal_name}\n"
    return interrupted_message(signal_name, _current.written)


def progress_for(enabled: bool) -> Progress:
    """A display on stderr when ``enabled`` and stderr is a terminal; otherwise a plain recorder of written files."""
    if not (enabled and sys.stderr.isatty()):  # a real terminal: FORCE_COLOR in a CI log is not one
        return Progress()
    from rich.console import Console

    return ProgressDisplay(Console(file=sys.stderr, highlight=False, force_terminal=True), _delay())


def _delay() -> float:
    try:
        return max(0.0, float(os.environ.get("HFMIGRATE_PROGRESS_DELAY", DELAY)))
    except ValueError:
        return DELAY


def interrupted_message(signal_name: str, written: list[str], limit: int = 50) -> str:
    """What an interrupted run says: which files were already written (each completely), or that none were."""
    if not written:
        return f"hfmigrate: interrupted by {signal_name}; no file was written\n"
    count = len(written)
    lines = [
        f"hfmigrate: interrupted by {signal_name}; {count} {'file was' if count == 1 else 'files were'} "
        "already written (each completely; the others are unchanged):"
    ]
    lines += [f"  {display}" for display in written[:limit]]
    if count > limit:
        lines.append(f"  ... and {count - limit} more")
    return "\n".join(lines) + "\n"
