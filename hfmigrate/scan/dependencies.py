"""Dependency pins that keep a project on the retired host (HFM401-404).

A pin is legacy when *every* version it allows is below the threshold: ``huggingface_hub==0.20.3``, ``<0.29``,
``~=0.25.0`` and poetry's ``^0.20`` all are; ``>=0.20`` is not. Requirements files, pyproject.toml (PEP 621 and
poetry), setup.cfg and package.json are read. HFM402 and HFM404 also need facts about the code, so the engine
decides them after the whole tree is scanned.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from hfmigrate.scan.common import LineIndex

HUB_LEGACY_BELOW = (0, 29)
HUB_POST_BELOW = (0, 31)
JS_LEGACY_BELOW = (3, 3, 3)

_PY_REQUIREMENT = re.compile(
    r"""(?P<name>huggingface[_-]hub|langchain[_-]community|langchain[_-]huggingface)\b"""
    r"""(?:\[[^\]]*\])?\s*(?P<spec>(?:[<>=!~^]=?\s*[\w.*]+\s*,?\s*)*)""",
    re.IGNORECASE,
)
_POETRY_LINE = re.compile(
    r"""^\s*(?P<name>huggingface[_-]hub|langchain[_-]community)\s*=\s*(?:\{[^}]*version\s*=\s*)?["'](?P<spec>[^"']*)["']""",
    re.IGNORECASE | re.MULTILINE,
)
_CLAUSE = re.compile(r"(?P<op>==|<=|>=|~=|!=|<|>|\^|~)?\s*(?P<version>\d+(?:\.\d+)*)")


@dataclass(frozen=True)
class Pin:
    package: str  # normalised: huggingface-hub, langchain-community, langchain-huggingface, @huggingface/inference
    spec: str
    line: int
    column: int
    end_column: int


def upper_bound(spec: str) -> tuple[tuple[int, ...], bool] | None:
    """The highest version ``spec`` allows, and whether it is inclusive; None when unbounded."""
    alternatives = []
    for alternative in spec.split("||"):  # npm: any of the ranges; the spec allows up to the highest of them
        bounds = []
        for clause in re.split(r"[,\s]+", alternative.strip()):
            clause = clause.strip()
            wildcard = clause.endswith(".*")  # ==0.20.* allows < 0.21
            match = _CLAUSE.fullmatch(clause[:-2] if wildcard else clause) if clause else None
            if not match:
                continue
            op, version = match.group("op") or "==", _version(match.group("version"))
            if wildcard and op == "==":
                bound: tuple[tuple[int, ...], bool] | None = (version[:-1] + (version[-1] + 1,), False)
            else:
                bound = _clause_bound(op, version, match.group("version"))
            if bound:
                bounds.append(bound)
        if not bounds:
            return None  # one unbounded alternative makes the whole spec unbounded
        alternatives.append(min(bounds))
    return max(alternatives) if alternatives else None


def _clause_bound(op: str, version: tuple[int, ...], raw: str) -> tuple[tuple[int, ...], bool] | None:
    if op in ("==", "<="):
        return version, True
    if op == "<":
        return version, False
    if op == "~=":  # ~=0.25.0 allows < 0.26
        head = list(version[:-1]) or [version[0]]
        head[-1] += 1
        return tuple(head), False
    if op == "^":  # caret: the first non-zero component may not change
        for position, part in enumerate(version):
            if part != 0 or position == len(version) - 1:
                return tuple(version[:position]) + (part + 1,), False
    if op == "~":  # npm tilde: ~3.1.2 allows < 3.2
        return (version[0], (version[1] if len(version) > 1 else 0) + 1), False
    return None


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())


def allows_only_below(spec: str, threshold: tuple[int, ...]) -> bool:
    bound = upper_bound(spec)
    if bound is None:
        return False
    version, inclusive = bound
    padded = version + (0,) * (len(threshold) - len(version))
    return padded < threshold or (not inclusive and padded <= threshold)


def find_pins(name: str, text: str) -> list[Pin]:
    if name == "package.json":
        return _package_json_pins(text)
    index = LineIndex(text)
    pins = []
    # Poetry first: its `name = "^0.24.0"` line also matches the requirement pattern, with an empty spec.
    for pattern in (_POETRY_LINE, _PY_REQUIREMENT):
        for match in pattern.finditer(text):
            if _commented_out(text, match.start("name")):
                continue
            line, column = index.position(match.start("name"))
            spec_end = match.start("spec") + len(match.group("spec").rstrip())
            end_line, end_column = index.position(spec_end if match.group("spec").strip() else match.end("name"))
            package = match.group("name").lower().replace("_", "-")
            pins.append(Pin(package, match.group("spec").strip(), line, column, end_column if end_line == line else column + 1))
    return _unique(pins)


def _commented_out(text: str, offset: int) -> bool:
    """True when a `#` comment (requirements, TOML, INI) starts earlier on the line: `# huggingface_hub==0.20.3`."""
    return "#" in text[text.rfind("\n", 0, offset) + 1 : offset]


def _unique(pins: list[Pin]) -> list[Pin]:
    seen, result = set(), []
    for pin in pins:
        if (pin.line, pin.package) not in seen:
            seen.add((pin.line, pin.package))
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
    index = LineIndex(text)
    for section in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"):
        spec = (document.get(section) or {}).get("@huggingface/inference") if isinstance(document.get(section), dict) else None
        if isinstance(spec, str):
            offset = _key_offset(text, section, '"@huggingface/inference"')
            line, column = index.position(max(offset, 0))
            pins.append(Pin("@huggingface/inference", spec, line, column, column + len('"@huggingface/inference"')))
    return pins


def _key_offset(text: str, section: str, key: str) -> int:
    """Where ``key`` is written inside ``section``'s object: the same package may appear in every section."""
    opening = re.search(rf'"{re.escape(section)}"\s*:\s*\{{', text)
    return text.find(key, opening.end() if opening else 0)
