"""Reading a file's bytes once and decoding them the way Python (or a text editor) would.

Python files honour a BOM and the PEP 263 encoding cookie. Other files are UTF-8 (BOM allowed). Undecodable
bytes downgrade the file (it is read with replacement characters and the user is told) rather than skip it.
The raw bytes are kept: the pre-filter works on them, and rewrite needs them to preserve the file exactly.
"""

from __future__ import annotations

import codecs
import io
import stat
import tokenize
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceText:
    data: bytes
    text: str
    encoding: str  # the codec that decodes ``data`` ("utf-8-sig" when there is a BOM)
    warning: str | None = None


def decode_source(path: Path, max_size: int) -> SourceText | str:
    """The decoded file, or a one-line reason why it cannot be read."""
    data = read_source(path, max_size)
    return data if isinstance(data, str) else decode_bytes(data, python=path.suffix in (".py", ".pyi"))


def read_source(path: Path, max_size: int) -> bytes | str:
    """The file's bytes, or a one-line reason why it cannot be read. Decoding is left for files that need it."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return "not a regular file (a FIFO, socket or device); not read"
        if status.st_size > max_size:
            return f"{_size(status.st_size)}, over the {_size(max_size)} limit (max-file-size)"
        data = path.read_bytes()
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    if b"\0" in data[:8192]:
        return "binary file"
    return data


def _size(count: int) -> str:
    for unit, scale in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if count >= scale:
            return f"{count / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count} bytes"


def decode_bytes(data: bytes, python: bool) -> SourceText:
    encoding = _python_encoding(data) if python else ("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8")
    try:
        return SourceText(data, data.decode(encoding), encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode(encoding if _known(encoding) else "utf-8", errors="replace")
        return SourceText(data, text, encoding, f"not valid {encoding}; read with replacement characters")


def _python_encoding(data: bytes) -> str:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        return "utf-8"
    return encoding


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def syntax_problem(data: bytes | str, fallback_line: int, fallback_message: str) -> str:
    """``line N: message`` for code that does not parse, taken from CPython's parser when it can say more."""
    import ast

    try:
        ast.parse(data)
    except SyntaxError as error:
        return f"line {error.lineno}: {error.msg}"
    except (ValueError, RecursionError, MemoryError):
        pass
    return f"line {fallback_line}: {fallback_message.splitlines()[0] if fallback_message else 'syntax error'}"


_CPYTHON_NESTING_LIMITS = ("too many nested parentheses", "too many levels of indentation", "too complex")


def parse_cpython(text: str) -> tuple["ast.Module | None", bool]:
    """CPython's tree of ``text`` (None when it does not parse), and whether it is nested too deeply for libcst.

    libcst's native parser overflows the C stack (the process dies) on nesting CPython refuses, so CPython is
    asked first: ``ast.parse`` costs a few percent of the libcst parse. Other syntax errors still go to libcst,
    which may know syntax newer than the running interpreter.
    """
    import ast

    try:
        return ast.parse(text), False
    except SyntaxError as error:
        return None, any(limit in (error.msg or "") for limit in _CPYTHON_NESTING_LIMITS)
    except (RecursionError, MemoryError):
        return None, True
    except ValueError:  # null bytes: libcst reports those itself
        return None, False


def too_deep_for_libcst(text: str) -> bool:
    return parse_cpython(text)[1]
