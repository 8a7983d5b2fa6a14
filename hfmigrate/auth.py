"""Finding the user's Hugging Face token, and keeping it out of every output.

The lookup order is huggingface_hub's: ``HF_TOKEN``, ``HUGGING_FACE_HUB_TOKEN``, then the token file at
``HF_TOKEN_PATH`` or ``$HF_HOME/token`` (``HF_HOME`` defaults to ``$XDG_CACHE_HOME/huggingface``, else
``~/.cache/huggingface``). Values are stripped; an empty value means none. A :class:`Token` never shows its value
in ``repr`` or ``str``; only its source is ever printed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hfmigrate.errors import UsageError

STANDARD_TOKEN_VARIABLES = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")
#: Variable names seen in user code; huggingface_hub does not read them, ``--token-env`` can.
OTHER_TOKEN_VARIABLES = ("HUGGINGFACEHUB_API_TOKEN", "HF_API_KEY", "HUGGINGFACE_API_KEY", "HF_API_TOKEN", "HUG_API_KEY")

# hf_ followed by the secret; the look-arounds keep identifiers such as hf_hub_download out.
HF_TOKEN_PATTERN = re.compile(r"(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}(?![A-Za-z0-9_])")
REDACTED = "hf_…"


@dataclass(frozen=True)
class Token:
    value: str = field(repr=False)
    source: str

    def __str__(self) -> str:
        return f"<token from {self.source}>"


def find_token(
    explicit: str | None = None,
    env_name: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Token | None:
    """The token to use and where it came from, or None when there is none."""
    environ = os.environ if environ is None else environ
    if explicit is not None and explicit.strip():
        return Token(explicit.strip(), "--token")
    names = (env_name,) if env_name else STANDARD_TOKEN_VARIABLES
    for name in names:
        value = environ.get(name, "").strip()
        if value:
            return Token(value, f"${name}")
    if env_name:
        return None
    return _token_from_file(environ)


def token_from_options(
    token: str | None, token_env: str | None, environ: Mapping[str, str] | None = None
) -> Token | None:
    """:func:`find_token` for ``--token`` / ``--token-env``: an empty option, or a variable named but unset, is a
    UsageError rather than a silent fall-back to another token (or to none)."""
    if token is not None and not token.strip():
        raise UsageError("--token is empty: pass a token, or leave the option out to use $HF_TOKEN")
    if token_env is not None and not token_env.strip():
        raise UsageError("--token-env is empty: give a variable name such as HUGGINGFACEHUB_API_TOKEN")
    found = find_token(token, token_env, environ)
    if token_env and token is None and found is None:
        raise UsageError(f"--token-env {token_env}: ${token_env} is not set or empty")
    return found


def token_file_path(environ: Mapping[str, str]) -> Path:
    if environ.get("HF_TOKEN_PATH"):
        return Path(environ["HF_TOKEN_PATH"]).expanduser()
    if environ.get("HF_HOME"):
        return Path(environ["HF_HOME"]).expanduser() / "token"
    cache = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache).expanduser() / "huggingface" / "token"


def _token_from_file(environ: Mapping[str, str]) -> Token | None:
    path = token_file_path(environ)
    try:
        value = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return Token(value, f"token file {path}") if value else None


def looks_like_placeholder(secret: str) -> bool:
    """``hf_xxxxxxxx…`` and ``hf_XXXX…`` in docs are not secrets."""
    body = secret[3:]
    return len(set(body.lower())) < 6


def redact(text: str, secrets: tuple[str, ...] | list[str] = ()) -> str:
    """Remove every ``hf_`` token and every given secret from ``text``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return HF_TOKEN_PATTERN.sub(REDACTED, text)
