"""Reading dependency pins out of dependency files, for the pin family (:mod:`hfmigrate.rules.pins`).

Requirements files, pyproject.toml (PEP 621 and Poetry), setup.cfg, Pipfile and package.json are read. A
:class:`Pin` is where a package is named and what versions it asks for; :func:`version_range` reads the spec
with ``packaging`` (:mod:`hfmigrate.rules.pin_versions`, imported only when a pin is judged, so a scan of code
files never pays for it).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hfmigrate.rules.pin_versions import VersionRange

JS_PACKAGE = "@huggingface/inference"

_PACKAGE_NAMES = (
    r"huggingface[_-]hub|langchain[_-]community|langchain[_-]huggingface|langchain[_-]classic|langchain(?![-_.\w])"
)
_PY_REQUIREMENT = re.compile(
    r"(?<![-_.\w])(?P<name>" + _PACKAGE_NAMES + r")\b"
    r"""(?:\[[^\]]*\])?\s*(?P<spec>(?:[<>=!~^]=?\s*[\w.*]+\s*,?\s*)*)""",
    re.IGNORECASE,
)
_POETRY_LINE = re.compile(
    r"^\s*(?P<name>" + _PACKAGE_NAMES + r""")\s*=\s*(?:\{[^}]*version\s*=\s*)?["'](?P<spec>[^"']*)["']""",
    re.IGNORECASE | re.MULTILINE,
)
_JS_SECTIONS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")


@dataclass(frozen=True)
class Pin:
    """A package named in a dependency file: ``text[start:end]`` is its name (and spec, on the same line)."""

    package: str  # normalised: huggingface-hub, langchain, langchain-community, langchain-huggingface, ...
    spec: str
    start: int
    end: int


def version_range(pin: Pin) -> VersionRange:
    from hfmigrate.rules.pin_versions import parse_range

    return parse_range(pin.spec, npm=pin.package == JS_PACKAGE)


def find_pins(name: str, text: str) -> list[Pin]:
    """The pins in a dependency file called ``name`` (its file name decides how it is read)."""
    if name == "package.json":
        return _package_json_pins(text)
    pins = []
    # Poetry first: its `name = "^0.24.0"` line also matches the requirement pattern, with an empty spec.
    for pattern in (_POETRY_LINE, _PY_REQUIREMENT):
        for match in pattern.finditer(text):
            start = match.start("name")
            if _commented_out(text, start):
                continue
            spec = match.group("spec")
            end = match.start("spec") + len(spec.rstrip()) if spec.strip() else match.end("name")
            if any(newline in text[start:end] for newline in "\r\n"):
                end = start + 1
            pins.append(Pin(match.group("name").lower().replace("_", "-"), spec.strip(), start, end))
    return _unique(text, pins)


def _commented_out(text: str, offset: int) -> bool:
    """True when a `#` comment (requirements, TOML, INI) starts earlier on the line: `# huggingface_hub==0.20.3`."""
    return "#" in text[text.rfind("\n", 0, offset) + 1 : offset]


def _unique(text: str, pins: list[Pin]) -> list[Pin]:
    """One pin per package and line (the Poetry and requirement patterns both read a Poetry line)."""
    seen, result = set(), []
    for pin in pins:
        key = (text.count("\n", 0, pin.start), pin.package)
        if key not in seen:
            seen.add(key)
            result.append(pin)
    return result


def _package_json_pins(text: str) -> list[Pin]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        return []
    if not isinstance(document, dict):
        return []
    pins = []
    key = f'"{JS_PACKAGE}"'
    for section in _JS_SECTIONS:
        listed = document.get(section)
        spec = listed.get(JS_PACKAGE) if isinstance(listed, dict) else None
        if isinstance(spec, str):
            offset = max(_key_offset(text, section, key), 0)
            pins.append(Pin(JS_PACKAGE, spec, offset, offset + len(key)))
    return pins


def _key_offset(text: str, section: str, key: str) -> int:
    """Where ``key`` is written inside ``section``'s object: the same package may appear in every section."""
    opening = re.search(rf'"{re.escape(section)}"\s*:\s*\{{', text)
    return text.find(key, opening.end() if opening else 0)
