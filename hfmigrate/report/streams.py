"""The last line of defence for secrets: standard output and error, and report files, pass through :func:`redact`.

Every renderer already redacts what it prints; this catches what no renderer saw (a progress line, an option
parser's message, a library's warning) and tokens that do not look like ``hf_...``: the value of ``--token``, of
the variable ``--token-env`` names, of ``$HF_TOKEN`` and its relatives, and of the token file, whatever its shape.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import IO, Any

from hfmigrate.auth import OTHER_TOKEN_VARIABLES, STANDARD_TOKEN_VARIABLES, redact, token_file_path

#: Shorter values are not treated as secrets: replacing "abc" everywhere would mangle the output, and such a
#: value is no credential Hugging Face issues.
MIN_SECRET_LENGTH = 8


def known_secrets(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Every token value this run could know of, longest first (so a secret inside another goes with it)."""
    environ = os.environ if environ is None else environ
    values = [environ.get(name, "") for name in (*STANDARD_TOKEN_VARIABLES, *OTHER_TOKEN_VARIABLES)]
    values += _option_values(argv, "--token")
    values += [environ.get(name, "") for name in _option_values(argv, "--token-env")]
    try:
        values.append(token_file_path(environ).read_text(encoding="utf-8", errors="replace"))
    except OSError:
        pass
    secrets = {value.strip() for value in values if len(value.strip()) >= MIN_SECRET_LENGTH}
    return tuple(sorted(secrets, key=len, reverse=True))


def _option_values(argv: Sequence[str], option: str) -> list[str]:
    found = []
    for index, arg in enumerate(argv):
        if arg == option and index + 1 < len(argv):
            found.append(argv[index + 1])
        elif arg.startswith(option + "="):
            found.append(arg[len(option) + 1 :])
    return found


class RedactingStream:
    """A text stream that writes ``redact(text, secrets)`` to the stream it wraps; the rest is delegated.

    It offers no ``buffer``: a writer that went around it to the bytes underneath would skip the redaction.
    """

    def __init__(self, stream: IO[str], secrets: tuple[str, ...]):
        self._stream = stream
        self._secrets = secrets

    def write(self, text: str) -> int:
        self._stream.write(redact(text, self._secrets))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self._stream, name)


_installed: tuple[str, ...] = ()


def install(argv: Sequence[str]) -> tuple[IO[str], IO[str]]:
    """Wrap ``sys.stdout`` and ``sys.stderr``; returns the streams to put back with :func:`uninstall`."""
    global _installed
    _installed = known_secrets(argv)
    saved = (sys.stdout, sys.stderr)
    sys.stdout = RedactingStream(sys.stdout, _installed)
    sys.stderr = RedactingStream(sys.stderr, _installed)
    return saved


def uninstall(saved: tuple[IO[str], IO[str]]) -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    sys.stdout, sys.stderr = saved


def write_atomically(path, text: str) -> None:
    """A report file, written so that an interrupt never leaves half of one."""
    from pathlib import Path

    from hfmigrate.writing import replace_or_create

    replace_or_create(Path(path), text.encode("utf-8"))


def redact_known(text: str) -> str:
    """``text`` without any ``hf_`` token or any secret this run knows of: for files a command writes."""
    return redact(text, _installed)
