"""URL templates: code often fills the model id in at run time. Callers mark each run-time part with
:func:`placeholder` so that classification and translation can move it around without knowing its source text."""

from __future__ import annotations

import re

_PLACEHOLDER_OPEN, _PLACEHOLDER_CLOSE = "\ue000", "\ue001"
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")


def placeholder(index: int) -> str:
    """The token that stands for the ``index``-th run-time part of a URL template."""
    return f"{_PLACEHOLDER_OPEN}{index}{_PLACEHOLDER_CLOSE}"


def placeholders_in(text: str) -> list[int]:
    return [int(m.group(1)) for m in _PLACEHOLDER.finditer(text)]


def display(template: str, names: dict[int, str] | None = None) -> str:
    """Render a template for people: placeholders become ``{name}`` (or ``{…}``)."""
    names = names or {}
    return _PLACEHOLDER.sub(lambda m: "{" + names.get(int(m.group(1)), "…") + "}", template)


def is_dynamic(segment: str) -> bool:
    """A URL segment filled in at run time: a placeholder, or a template field in JS/shell/f-string text."""
    return bool(placeholders_in(segment)) or any(mark in segment for mark in ("{", "$"))


#: Punctuation that ends a sentence after a URL in prose, never part of the URL.
TRAILING_PUNCTUATION = ".,:;!?"


def url_end(text: str, match: re.Match[str]) -> int:
    """Where the URL that ``match`` found in ``text`` ends: sentence punctuation after it is not part of it."""
    end = match.end()
    while end > match.start() and text[end - 1] in TRAILING_PUNCTUATION:
        end -= 1
    return end
