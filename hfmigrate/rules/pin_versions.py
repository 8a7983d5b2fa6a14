"""Which versions a dependency spec allows, read with ``packaging``: PEP 440, Poetry and npm ranges.

A spec becomes a list of alternatives (npm's and Poetry's ``||``), each a :class:`~packaging.specifiers.SpecifierSet`.
Poetry's and npm's caret, tilde, x-ranges and hyphen ranges are translated to PEP 440 clauses first, so every
comparison is made by ``packaging``. A spec that cannot be read (a git URL, ``workspace:``, a typo) allows
anything: hfmigrate never reports a pin it could not read.

Whether *every* allowed version lies in a window is decided by probing: the allowed set of one alternative is an
interval with holes (``!=``), so it meets a window ``[low, high)`` if and only if it contains the window's own
edges, one of the versions the spec names, the next version after one of them, or a far-future version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

_FAR_FUTURE = Version("99999")
_NPM_CLAUSE = re.compile(
    r"^(?P<op>\^|~|>=|<=|>|<|=)?\s*v?(?P<version>[0-9xX*]+(?:\.[0-9xX*]+){0,2})(?P<pre>-[0-9A-Za-z.-]+)?$"
)


@dataclass(frozen=True)
class VersionRange:
    """The versions a spec allows: any of ``alternatives`` (an empty spec allows every version)."""

    alternatives: tuple[SpecifierSet, ...]
    named: tuple[Version, ...]  # every version the spec mentions, for probing

    def allows(self, version: Version) -> bool:
        return any(alternative.contains(version, prereleases=True) for alternative in self.alternatives)

    def allows_any_in(self, low: Version | None, high: Version | None) -> bool:
        """Whether some allowed version ``v`` has ``low <= v < high`` (None: unbounded on that side)."""
        return any(self.allows(v) for v in self._probes(low, high) if _inside(v, low, high))

    def allows_only_below(self, version: str) -> bool:
        return not self.allows_any_in(Version(version), None)

    def allows_only_within(self, low: str, high: str) -> bool:
        """Every allowed version is in ``[low, high)``, and at least one version is allowed."""
        lower, upper = Version(low), Version(high)
        return (
            self.allows_any_in(lower, upper)
            and not self.allows_any_in(None, lower)
            and not self.allows_any_in(upper, None)
        )

    def allows_only_from(self, version: str) -> bool:
        return not self.allows_any_in(None, Version(version))

    def _probes(self, low: Version | None, high: Version | None) -> list[Version]:
        probes = [_FAR_FUTURE, Version("0")]
        for version in (*self.named, *(edge for edge in (low, high) if edge is not None)):
            probes += [version, _next(version), _previous(version)]
        return probes


def parse_range(spec: str, *, npm: bool = False) -> VersionRange:
    """Read ``spec`` (``==0.20.3``, ``>=0.20,<0.29``, ``^0.24``, ``~3.1.2``, ``2.x``, ``1.0 - 2.0`` ...)."""
    alternatives, named = [], []
    for alternative in spec.split("||"):
        clauses = _pep440_clauses(alternative.strip(), npm=npm)
        if clauses is None:
            return VersionRange((SpecifierSet(),), ())
        try:
            specifier = SpecifierSet(",".join(clauses))
        except InvalidSpecifier:
            return VersionRange((SpecifierSet(),), ())
        alternatives.append(specifier)
        named += [_version(clause.version) for clause in specifier if _version(clause.version)]
    return VersionRange(tuple(alternatives), tuple(v for v in named if v is not None))


def _pep440_clauses(text: str, *, npm: bool) -> list[str] | None:
    if text in ("", "*", "latest", "x", "X"):
        return []
    hyphen = re.fullmatch(r"(\S+)\s+-\s+(\S+)", text)
    if hyphen:
        return [f">={hyphen.group(1)}", f"<={hyphen.group(2)}"]
    text = re.sub(r"(===|==|!=|~=|>=|<=|>|<|\^|~|=)\s+", r"\1", text)  # ">= 0.20" is one clause
    parts = [p for p in re.split(r"\s*,\s*|\s+(?=[<>=!~^\d])", text) if p]
    clauses: list[str] = []
    for part in parts:
        translated = _translate(part.replace(" ", ""), npm=npm)
        if translated is None:
            return None
        clauses += translated
    return clauses


def _translate(clause: str, *, npm: bool) -> list[str] | None:
    if re.match(r"^(==|!=|~=|===|>=|<=|>|<)", clause) and not clause.endswith((".x", ".X")):
        return [clause]
    match = _NPM_CLAUSE.match(clause)
    if not match:
        return None
    op, version = match.group("op") or "", match.group("version")
    parts = [p for p in version.split(".") if p not in ("x", "X", "*")]
    wildcard = len(parts) < len(version.split("."))
    if not parts:
        return []
    numbers = [int(p) for p in parts]
    if op == "^":
        return _caret(numbers)
    if op == "~":
        return [f">={_dotted(numbers)}", f"<{_dotted(_bump(numbers[:2] if len(numbers) > 1 else numbers))}"]
    if op in (">=", "<=", ">", "<"):
        return [f"{op}{_dotted(numbers)}"]
    if wildcard or (npm and len(numbers) < 3):
        return [f">={_dotted(numbers)}", f"<{_dotted(_bump(numbers))}"]
    return [f"=={_dotted(numbers)}"]


def _caret(numbers: list[int]) -> list[str]:
    """``^0.2.3`` allows < 0.3.0, ``^0.0.3`` < 0.0.4, ``^1.2`` < 2.0: the first non-zero part may not change."""
    for position, part in enumerate(numbers):
        if part != 0 or position == len(numbers) - 1:
            return [f">={_dotted(numbers)}", f"<{_dotted(_bump(numbers[: position + 1]))}"]
    return []


def _bump(numbers: list[int]) -> list[int]:
    return numbers[:-1] + [numbers[-1] + 1]


def _dotted(numbers: list[int]) -> str:
    return ".".join(str(n) for n in numbers)


def _version(text: str) -> Version | None:
    try:
        return Version(text.rstrip(".*"))
    except InvalidVersion:
        return None


def _next(version: Version) -> Version:
    return Version(".".join(str(n) for n in (*version.release, 0, 0, 1)))


def _previous(version: Version) -> Version:
    release = list(version.release)
    while release and release[-1] == 0:
        release.pop()
    if not release:
        return Version("0")
    release[-1] -= 1
    return Version(".".join(str(n) for n in (*release, 99999)))


def _inside(version: Version, low: Version | None, high: Version | None) -> bool:
    return (low is None or version >= low) and (high is None or version < high)
