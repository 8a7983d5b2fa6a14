"""Dependency pins that keep a project on the retired host (HFM401-407).

A pin is legacy when *every* version it allows is below the threshold: ``huggingface_hub==0.20.3``, ``<0.29``,
``~=0.25.0`` and poetry's ``^0.20`` all are; ``>=0.20`` is not. Requirements files, pyproject.toml (PEP 621 and
poetry), setup.cfg and package.json are read. HFM402 and HFM404 also need facts about the code, so the engine
decides them after the whole tree is scanned.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hfmigrate.scan.common import LineIndex

if TYPE_CHECKING:  # packaging is imported only when a pin is judged: a scan of code files never pays for it
    from hfmigrate.scan.version_ranges import VersionRange

HUB_LEGACY_BELOW = "0.29"  # before: calls the retired host
HUB_ROUTER_FIXED = "0.31"  # 0.29-0.30 build the dead hf-inference pipeline route; 0.31 removed `.post`
HUB_RECOMMENDED = "1.0"
HUB_2 = "2.0"
JS_LEGACY_BELOW = "3.1.4"  # up to 3.1.3: the retired host
JS_PROXY_BELOW = "3.3.3"  # 3.1.4-3.3.2: the retired huggingface.co/api/inference-proxy
JS_FIXED = "3.12.0"  # 3.3.3-3.11.x: the dead hf-inference pipeline route
LANGCHAIN_HF_POST_BELOW = "0.2.0"  # the first release after langchain PR #30733 dropped `.post`
LANGCHAIN_HF_HUB_CAP_UP_TO = "1.2.3"  # the newest release on 2026-12-01 still requires huggingface-hub<2.0
# langchain and langchain-community before 0.3 require langchain-core below 0.3; langchain-huggingface 0.2.0 and later
# require langchain-core>=0.3.59 (package metadata, 2026-12-01)
LANGCHAIN_CORE_0_3_BELOW = "0.3"
# langchain before 1.0 requires langchain-core below 1.0; langchain-classic (LLMChain's home) requires 1.0 or later
LANGCHAIN_CORE_1_BELOW = "1.0"

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
_CLAUSE = re.compile(r"(?P<op>==|<=|>=|~=|!=|<|>|\^|~)?\s*(?P<version>\d+(?:\.\d+)*)")


@dataclass(frozen=True)
class Pin:
    package: str  # normalised: huggingface-hub, langchain, langchain-community, langchain-huggingface, ...
    spec: str
    line: int
    column: int
    end_column: int


def version_range(pin: Pin) -> VersionRange:
    from hfmigrate.scan.version_ranges import parse_range

    return parse_range(pin.spec, npm=pin.package == "@huggingface/inference")


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
            pins.append(
                Pin(package, match.group("spec").strip(), line, column, end_column if end_line == line else column + 1)
            )
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
        spec = (
            (document.get(section) or {}).get("@huggingface/inference")
            if isinstance(document.get(section), dict)
            else None
        )
        if isinstance(spec, str):
            offset = _key_offset(text, section, '"@huggingface/inference"')
            line, column = index.position(max(offset, 0))
            pins.append(Pin("@huggingface/inference", spec, line, column, column + len('"@huggingface/inference"')))
    return pins


def _key_offset(text: str, section: str, key: str) -> int:
    """Where ``key`` is written inside ``section``'s object: the same package may appear in every section."""
    opening = re.search(rf'"{re.escape(section)}"\s*:\s*\{{', text)
    return text.find(key, opening.end() if opening else 0)
