"""Reading a file's bytes once, as a typed outcome, and decoding them the way Python (or a text editor) would.

:func:`read_source` is the one place a file that scan or rewrite examines is read (its OS calls go through
:func:`open_binary`, where tests inject OS errors). It returns :class:`Ok` with the bytes, or what stood in the
way: :class:`Binary`, :class:`TooLarge`, :class:`NotRegular`, :class:`Unreadable`. Scan and rewrite treat each
the same way (see README, "Safety").

Python files honour a BOM and the PEP 263 encoding cookie; other files are UTF-8 (BOM allowed). A byte that does
not decode is kept, not replaced: it stands in the text as the private-use character ``U+F700 + byte``
(``surrogateescape``, then moved out of the surrogate range so that ``ast`` and libcst accept the text), and
:meth:`SourceText.encode` turns it back into the same byte. Every byte outside an edit is therefore written back
as it was. Only when that cannot be done (an encoding that is not ASCII-compatible, an unknown codec, a file that
already holds those private-use characters) is the outcome :class:`Undecodable`.
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import io
import os
import re
import stat
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, ClassVar

if TYPE_CHECKING:
    import ast

from hfmigrate.errors import RewriteError
from hfmigrate.findings import DiagnosticKind
from hfmigrate.lines import split_lines
from hfmigrate.rawsearch import HostHit, line_breaks, streamed_hits

# surrogateescape's U+DC80..U+DCFF, moved to the private-use U+F780..U+F7FF
_ESCAPE = {0xDC80 + b: 0xF780 + b for b in range(128)}
_UNESCAPE = {0xF780 + b: 0xDC80 + b for b in range(128)}
_PRIVATE_USE_ESCAPES = re.compile("[\uf780-\uf7ff]")


def open_binary(path: Path) -> BinaryIO:
    """The OS boundary for reading: every file scan or rewrite examines is opened here, nowhere else."""
    return open(path, "rb", buffering=0)  # read whole at once: a buffer in between only costs (bench/scan_bench.py)


# --- what reading one file gives ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadOutcome:
    """What reading one file gave. ``kind`` and ``reason`` make its diagnostic line when it is not :class:`Ok`."""

    kind: ClassVar[DiagnosticKind] = DiagnosticKind.ERROR

    @property
    def reason(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Ok(ReadOutcome):
    """Read: no diagnostic (its ``kind`` is never shown)."""

    data: bytes

    @property
    def reason(self) -> str:
        return "read"


@dataclass(frozen=True)
class Binary(ReadOutcome):
    kind = DiagnosticKind.SKIPPED

    @property
    def reason(self) -> str:
        return "binary file"


@dataclass(frozen=True)
class TooLarge(ReadOutcome):
    """Over ``max-file-size``: not parsed, but searched as bytes for the legacy host."""

    size: int
    limit: int
    hits: tuple[HostHit, ...]
    kind = DiagnosticKind.DOWNGRADED

    @property
    def reason(self) -> str:
        return f"{_size(self.size)}, over the {_size(self.limit)} limit (max-file-size)"


@dataclass(frozen=True)
class NotRegular(ReadOutcome):
    @property
    def reason(self) -> str:
        return "not a regular file (a FIFO, socket or device); not read"


@dataclass(frozen=True)
class Unreadable(ReadOutcome):
    error: str  # the OS's words: "Permission denied"
    vanished: bool = False  # it was listed, then was gone when read

    @property
    def reason(self) -> str:
        return "disappeared before it could be read" if self.vanished else f"cannot read: {self.error}"


@dataclass(frozen=True)
class Undecodable(ReadOutcome):
    """Bytes that cannot be decoded without losing some: searched as bytes for the legacy host only."""

    data: bytes
    detail: str
    kind = DiagnosticKind.DOWNGRADED

    @property
    def reason(self) -> str:
        return self.detail


def read_source(path: Path, max_size: int) -> ReadOutcome:
    """Read one file; never raises for what the file system does."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            return NotRegular()
        with open_binary(path) as handle:
            if status.st_size > max_size:
                return TooLarge(status.st_size, max_size, streamed_hits(handle))
            data = handle.read()
    except OSError as error:
        vanished = isinstance(error, FileNotFoundError) and not os.path.islink(path)
        return Unreadable(error.strerror or str(error), vanished)
    if b"\0" in data[:8192]:
        return Binary()
    return Ok(data)


def _size(count: int) -> str:
    for unit, scale in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if count >= scale:
            return f"{count / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count} bytes"


# --- decoding ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceText:
    data: bytes
    text: str  # undecodable bytes appear as U+F780..U+F7FF when ``escaped``
    encoding: str  # the codec that decodes ``data`` ("utf-8-sig" when there is a BOM)
    warning: str | None = None
    escaped: bool = False

    def encode(self, text: str) -> bytes:
        """The bytes of a new version of ``text``: kept bytes come back as they were, the rest in ``encoding``."""
        try:
            if self.escaped:
                return text.translate(_UNESCAPE).encode(self.encoding, "surrogateescape")
            return text.encode(self.encoding)
        except UnicodeEncodeError as error:
            character = error.object[error.start : error.start + 1]
            raise RewriteError(f"the new text holds {character!r}, which {self.encoding} cannot encode") from None


def decode_source(path: Path, max_size: int) -> SourceText | ReadOutcome:
    """The decoded file, or the outcome that stood in the way."""
    outcome = read_source(path, max_size)
    return decode_bytes(outcome.data, python=path.suffix in (".py", ".pyi")) if isinstance(outcome, Ok) else outcome


def decode_bytes(data: bytes, python: bool) -> SourceText | Undecodable:
    encoding = _python_encoding(data) if python else ("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8")
    try:
        return SourceText(data, data.decode(encoding), encoding)
    except LookupError:
        return Undecodable(data, f"its coding cookie names an unknown encoding, {encoding!r}")
    except UnicodeDecodeError as error:
        return _escaped(data, encoding, error)


def _escaped(data: bytes, encoding: str, error: UnicodeDecodeError) -> SourceText | Undecodable:
    where = f"byte 0x{data[error.start]:02x} on line {line_breaks(data[: error.start]) + 1}"
    if not _ascii_compatible(encoding):
        return Undecodable(data, f"not valid {encoding} ({where})")
    text = data.decode(encoding, "surrogateescape")
    if _PRIVATE_USE_ESCAPES.search(text):
        return Undecodable(data, f"not valid {encoding} ({where}), and it holds private-use characters")
    warning = f"not valid {encoding} ({where}); bytes that do not decode are kept as they are"
    return SourceText(data, text.translate(_ESCAPE), encoding, warning, escaped=True)


def _ascii_compatible(encoding: str) -> bool:
    ascii_bytes = bytes(range(128))
    try:
        return ascii_bytes.decode(encoding) == ascii_bytes.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


def _python_encoding(data: bytes) -> str:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        return "utf-8"
    return encoding


def syntax_problem(data: bytes | str, fallback_line: int, fallback_message: str) -> str:
    """``line N: message`` for code that does not parse, taken from CPython's parser when it can say more."""
    import ast

    try:
        ast.parse(data)
    except SyntaxError as error:
        return f"line {error.lineno}: {error.msg}"
    except (ValueError, RecursionError, MemoryError):
        pass
    return f"line {fallback_line}: {split_lines(fallback_message)[0] if fallback_message else 'syntax error'}"


_CPYTHON_NESTING_LIMITS = ("too many nested parentheses", "too many levels of indentation", "too complex")


def parse_cpython(text: str) -> tuple[ast.Module | None, bool]:
    """CPython's tree of ``text`` (None when it does not parse), and whether it is nested too deeply for libcst.

    libcst's native parser overflows the C stack (the process dies) on nesting CPython refuses, so CPython is
    asked first: ``ast.parse`` costs a few percent of the libcst parse. Other syntax errors still go to libcst,
    which may know syntax newer than the running interpreter.
    """
    import ast

    try:
        with without_cyclic_gc():
            return ast.parse(text), False
    except SyntaxError as error:
        return None, any(limit in (error.msg or "") for limit in _CPYTHON_NESTING_LIMITS)
    except (RecursionError, MemoryError):
        return None, True
    except ValueError:  # null bytes: libcst reports those itself
        return None, False


def too_deep_for_libcst(text: str) -> bool:
    return parse_cpython(text)[1]


@contextlib.contextmanager
def without_cyclic_gc():
    """ast and libcst build millions of acyclic nodes for a large module; the cyclic collector traversing them again
    and again made ``ast.parse`` of a 4.8 MB module 2.3 times slower (bench/large_file_bench.py). Reference
    counting still frees them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
