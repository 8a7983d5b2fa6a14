"""The text formats (dialects): what each kind of text file allows a rewrite to do, its comment syntax for markers
first. The text checks of rule modules (a line's format decides what a removal may take) and rewrite's text
planner both read it, so it sits beneath both."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class Dialect:
    name: str  # "js", "shell", "env", "yaml", "toml", "ini", "json", "requirements", "prose"
    comment: str | None  # line-comment syntax for markers; None when the format has none
    code: bool  # holds requests (payloads, headers): legacy options and headers are removed here
    config: bool  # holds key = value settings: a bare host under a base-URL key is rewritten
    verify: str | None = None  # "json", "yaml" or "toml": the result must still parse

    def without_markers(self) -> Dialect:
        return Dialect(self.name, None, self.code, self.config, self.verify)


JS = Dialect("js", "//", code=True, config=False)
SHELL = Dialect("shell", "#", code=True, config=False)
ENV = Dialect("env", "#", code=False, config=True)
YAML = Dialect("yaml", "#", code=True, config=True, verify="yaml")
TOML = Dialect("toml", "#", code=False, config=True, verify="toml")
INI = Dialect("ini", "#", code=False, config=True)
JSON = Dialect("json", None, code=True, config=True, verify="json")
REQUIREMENTS = Dialect("requirements", "#", code=False, config=False)
PROSE = Dialect("prose", None, code=False, config=False)  # Markdown, reStructuredText, HTML, plain text
BY_NAME = {dialect.name: dialect for dialect in (JS, SHELL, ENV, YAML, TOML, INI, JSON, REQUIREMENTS, PROSE)}

_BY_SUFFIX = {
    **dict.fromkeys((".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"), JS),
    **dict.fromkeys((".sh", ".bash", ".zsh", ".dockerfile"), SHELL),
    **dict.fromkeys((".yaml", ".yml"), YAML),
    ".toml": TOML,
    **dict.fromkeys((".ini", ".cfg", ".conf", ".properties"), INI),
    ".json": JSON,
    ".env": ENV,
}


def dialect_for(display: str) -> Dialect:
    # here, not at the top: hfmigrate.files reads the configuration, which imports the rule modules above this one
    from hfmigrate.files import is_dependency_file

    path = PurePosixPath(display)
    name, suffix = path.name, path.suffix.lower()
    if is_dependency_file(path) and suffix in (".txt", ".in"):
        return REQUIREMENTS
    if name == "Pipfile":
        return TOML
    if name.startswith(".env"):
        return ENV
    if name.startswith(("Dockerfile", "Containerfile")) or name == "Makefile":
        return SHELL
    return _BY_SUFFIX.get(suffix, PROSE)


_SCRIPT = re.compile(r"<script\b[^>]*>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)


def html_script_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of each ``<script>`` element's body in an HTML page (JavaScript lives there; the rest
    of the page is prose)."""
    return [match.span("body") for match in _SCRIPT.finditer(text)]
