"""Ctrl-C and ``kill``: SIGINT and SIGTERM stop a run at once, as :class:`Interrupted`, never inside a write.

:func:`install` makes both signals raise :class:`Interrupted` in the main thread (SIGTERM's default would end the
process without cleaning up). Inside :func:`deferred` a signal is held until the block ends, so a file is either
replaced and recorded as written, or left as it was: never renamed but unreported, never half-written. A signal
whose exception was swallowed (Python ignores exceptions raised in at-fork hooks and finalisers) is raised again
by :func:`check`, which engines reach between files through :class:`hfmigrate.progress.Progress`. Worker
processes ignore SIGINT (a Ctrl-C on the terminal reaches the whole process group); the parent stops them.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

HANDLED = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """A BaseException, like KeyboardInterrupt: no ``except Exception`` on the way may swallow it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention: 130 for SIGINT, 143 for SIGTERM

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


_deferring = 0
_pending: int | None = None
_owner = 0  # the process that installed the handler; a forked worker inherits it before its initializer runs


def _handler(signum: int, frame) -> None:
    global _pending
    if os.getpid() != _owner:  # in a worker: SIGTERM from the parent ends it quietly, SIGINT is the parent's
        if signum == signal.SIGTERM:
            os._exit(128 + signum)
        return
    _pending = signum  # kept: a raise inside an at-fork hook or a __del__ is swallowed; check() raises it again
    if not _deferring:
        raise Interrupted(signum)


def check() -> None:
    """Raise :class:`Interrupted` for a signal that came and was not acted on yet; engines call it between files."""
    if _pending is not None and not _deferring:
        raise Interrupted(_pending)


def install() -> None:
    """Route SIGINT and SIGTERM to :class:`Interrupted` (main thread only, as Python requires)."""
    global _owner
    _owner = os.getpid()
    for signum in HANDLED:
        signal.signal(signum, _handler)


def restore() -> None:
    for signum in HANDLED:
        signal.signal(signum, signal.SIG_DFL if signum == signal.SIGTERM else signal.default_int_handler)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while the block runs; raise :class:`Interrupted` after it if one came."""
    global _deferring
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
    check()


def ignore_in_worker() -> None:
    """Process-pool initializer: the parent decides when workers stop."""
    global _pending
    _pending = None
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
