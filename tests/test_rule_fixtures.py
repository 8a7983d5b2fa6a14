"""Per-rule scan fixtures (fixtures/rules/) as an executable spec of what `hfmigrate scan` reports.

Every file under fixtures/rules/ (except the top-level README.md and the ``.expect`` sidecars) is a scan target.
Its expected findings are the ``(cell, line, code)`` triples written in the file itself:

* a trailing ``# expect: HFM101`` or ``// expect: HFM101`` (several codes comma-separated) on the line where a
  finding must start;
* or, for formats without a safe trailing comment (Markdown, JSON, notebooks, reStructuredText, Dockerfile), a
  sidecar ``<name>.expect`` with one ``LINE CODE`` (notebooks: ``CELL:LINE CODE``) per line. When a sidecar
  exists it is the only source of expectations for its file.

Lines without an annotation must produce no finding. Folders holding cross-file rules (HFM402, HFM404) are
scanned as a whole and compared per file. See fixtures/rules/README.md for the conventions.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from hfmigrate import rules

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
CROSS_FILE_DIRS = ("HFM402", "HFM404", "HFM406")  # rules that judge a pin by what the rest of the tree uses
BROKEN_ON_PURPOSE = {"broken_syntax.py"}  # the one Python fixture that must NOT parse
SIDECAR_SUFFIX = ".expect"
FIXED_SUFFIX = ".fixed"  # what rewrite makes of the fixture beside it (tests/rules/test_fixtures.py)
#: Codes that must each be expected somewhere in the fixtures (the rules scan reports).
SCAN_CODES = {
    "HFM101",
    "HFM102",
    "HFM103",
    "HFM104",
    "HFM105",
    "HFM106",
    "HFM108",
    "HFM201",
    "HFM202",
    "HFM203",
    "HFM301",
    "HFM302",
    "HFM303",
    "HFM304",
    "HFM305",
    "HFM306",
    "HFM307",
    "HFM308",
    "HFM401",
    "HFM402",
    "HFM403",
    "HFM404",
    "HFM405",
    "HFM406",
    "HFM407",
    "HFM501",
    "HFM901",
} | {entry.code for entry in rules.REGISTRY.entries}  # every family on the rule API needs its fixture too

_CODE = r"HFM\d{3}"
_INLINE = re.compile(rf"(?:#|//)\s*expect:\s*(?P<codes>{_CODE}(?:\s*,\s*{_CODE})*)\s*$")
_SIDECAR_LINE = re.compile(rf"^(?:(?P<cell>\d+):)?(?P<line>\d+)\s+(?P<codes>{_CODE}(?:\s*,\s*{_CODE})*)$")
_TOKEN = re.compile(r"hf_[A-Za-z0-9]{34}")

Expected = set[tuple[int | None, int, str]]  # (cell, line, code)


# --- annotation parsing --------------------------------------------------------------------------------------


def _split_codes(codes: str) -> list[str]:
    return [code.strip() for code in codes.split(",")]


def _lines(text: str) -> list[str]:
    """Physical lines as scan counts them: split on LF (CRLF and a lone CR tolerated)."""
    return [line.rstrip("\r") for line in text.replace("\r\n", "\n").split("\n")]


def parse_inline(text: str) -> Expected:
    """Expectations from trailing ``# expect:`` / ``// expect:`` annotations, lines 1-based."""
    found: Expected = set()
    for number, line in enumerate(_lines(text), start=1):
        match = _INLINE.search(line)
        if match:
            found |= {(None, number, code) for code in _split_codes(match.group("codes"))}
    return found


def parse_sidecar(text: str, *, notebook: bool = False) -> Expected:
    """Expectations from a ``.expect`` sidecar: ``LINE CODE`` or, for notebooks, ``CELL:LINE CODE``.

    Blank lines and lines starting with ``#`` are ignored; anything else that does not parse is an error, so a
    typo cannot silently turn into "expect nothing".
    """
    found: Expected = set()
    for number, raw in enumerate(_lines(text), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _SIDECAR_LINE.match(line)
        if not match:
            raise ValueError(f"sidecar line {number}: cannot parse {raw!r}")
        cell = int(match.group("cell")) if match.group("cell") else None
        if notebook and cell is None:
            raise ValueError(f"sidecar line {number}: a notebook expectation needs CELL:LINE, got {raw!r}")
        if not notebook and cell is not None:
            raise ValueError(f"sidecar line {number}: CELL:LINE is only for notebooks, got {raw!r}")
        found |= {(cell, int(match.group("line")), code) for code in _split_codes(match.group("codes"))}
    return found


def sidecar_of(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def expected_for_file(path: Path) -> Expected:
    sidecar = sidecar_of(path)
    if sidecar.exists():
        return parse_sidecar(sidecar.read_text(encoding="utf-8"), notebook=path.suffix == ".ipynb")
    if path.suffix == ".ipynb":
        return set()
    return parse_inline(path.read_text(encoding="utf-8", errors="replace"))


# --- what to scan --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One scan: a single fixture file, or a whole folder for cross-file rules."""

    path: Path

    @property
    def id(self) -> str:
        return self.path.relative_to(FIXTURES).as_posix() + ("/" if self.path.is_dir() else "")

    def files(self) -> list[Path]:
        return fixture_files(self.path) if self.path.is_dir() else [self.path]


def _is_fixture(path: Path) -> bool:
    if path.name.endswith((SIDECAR_SUFFIX, FIXED_SUFFIX)) or "__pycache__" in path.parts or path.suffix == ".pyc":
        return False
    return not (path.parent == FIXTURES and path.name == "README.md")


def fixture_files(root: Path = FIXTURES) -> list[Path]:
    """Every fixture file under ``root``, dotfiles included (``.env``), in a stable order."""
    return sorted(p for p in root.rglob("*") if p.is_file() and _is_fixture(p))


def targets() -> list[Target]:
    cross = [FIXTURES / name for name in CROSS_FILE_DIRS]
    single = [Target(p) for p in fixture_files() if not any(d in p.parents for d in cross)]
    return single + [Target(d) for d in cross if d.is_dir()]


# --- running scan --------------------------------------------------------------------------------------------


def _settings():
    """Default settings (every rule enabled), independent of any config file in the repository."""
    try:
        from hfmigrate.config import Settings
    except ImportError:
        return None
    return Settings()


def _scan(target: Target):
    from hfmigrate.scan import scan_paths

    return scan_paths([target.path], _settings())


def _relative(finding_path: str, root: Path) -> str:
    """The fixture file a finding belongs to, relative to ``root`` (a folder target)."""
    path = Path(finding_path)
    candidates = [path] if path.is_absolute() else [Path.cwd() / path, root / path, root.parent / path]
    for candidate in candidates:
        if candidate.is_file():
            try:
                return candidate.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                continue
    return path.as_posix()


def _source_line(path: Path, cell: int | None, line: int) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
        if cell is not None:
            cells = json.loads(text)["cells"]
            source = cells[cell - 1]["source"]
            text = "".join(source) if isinstance(source, list) else source
        lines = _lines(text)
        return lines[line - 1].strip()[:110] if 0 < line <= len(lines) else "<no such line>"
    except (OSError, ValueError, KeyError, IndexError):
        return "<unreadable>"


def _describe(kind: str, items, files: dict[str, Path]) -> list[str]:
    out = []
    for name, cell, line, code in sorted(items, key=lambda i: (i[0], i[1] or 0, i[2], i[3])):
        where = f"{name}:" + (f"cell {cell}:" if cell is not None else "") + str(line)
        text = _source_line(files[name], cell, line) if name in files else "<file not in fixture>"
        out.append(f"  {kind} {code} at {where}: {text}")
    return out


@pytest.mark.parametrize("target", targets(), ids=lambda t: t.id)
def test_fixture_scan(target: Target) -> None:
    root = target.path if target.path.is_dir() else target.path.parent
    files = {p.relative_to(root).as_posix(): p for p in target.files()}
    expected = {
        (name, cell, line, code) for name, path in files.items() for cell, line, code in expected_for_file(path)
    }

    result = _scan(target)
    if target.path.is_dir():
        reported = [(_relative(f.path, root), f) for f in result.findings]
    else:
        reported = [(target.path.name, f) for f in result.findings]
    actual = {(name, f.cell, f.line, f.code) for name, f in reported}

    problems = _describe("missing   ", expected - actual, files) + _describe("unexpected", actual - expected, files)
    positions = [(name, f.cell, f.line, f.column, f.code) for name, f in reported]
    duplicates = sorted({p for p in positions if positions.count(p) > 1})
    problems += [f"  duplicate {code} at {name}:{line}:{column}" for name, _, line, column, code in duplicates]
    for name, finding in reported:
        shown = " ".join(str(part) for part in (finding.message, finding.replacement) if part)
        if _TOKEN.search(shown):
            problems.append(f"  token printed in the {finding.code} finding at {name}:{finding.line}")
    assert not problems, f"scan of fixtures/rules/{target.id} differs from its annotations:\n" + "\n".join(problems)


# --- the fixtures themselves ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [p for p in fixture_files() if p.suffix == ".py" and p.name not in BROKEN_ON_PURPOSE],
    ids=lambda p: p.relative_to(FIXTURES).as_posix(),
)
def test_python_fixture_compiles(path: Path) -> None:
    compile(path.read_text(encoding="utf-8"), str(path), "exec")  # in memory: no __pycache__ in fixtures


def test_broken_fixture_is_broken() -> None:
    for name in BROKEN_ON_PURPOSE:
        with pytest.raises(SyntaxError):
            compile((FIXTURES / name).read_text(encoding="utf-8"), name, "exec")


def test_annotations_are_well_formed() -> None:
    problems = []
    for sidecar in sorted(FIXTURES.rglob("*" + SIDECAR_SUFFIX)):
        owner = sidecar.with_name(sidecar.name[: -len(SIDECAR_SUFFIX)])
        if not owner.is_file():
            problems.append(f"{sidecar.relative_to(FIXTURES)}: no file {owner.name} next to it")
            continue
        if parse_inline(owner.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{owner.relative_to(FIXTURES)}: has both inline annotations and a sidecar")
    for path in fixture_files():
        name = path.relative_to(FIXTURES).as_posix()
        try:
            expected = expected_for_file(path)
        except ValueError as error:
            problems.append(f"{name}: {error}")
            continue
        if path.suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            sources = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cells]
        else:
            sources = [path.read_text(encoding="utf-8", errors="replace")]
        for cell, line, code in expected:
            if code not in rules.BY_CODE:
                problems.append(f"{name}: unknown rule code {code}")
            text = sources[cell - 1] if cell is not None and 0 < cell <= len(sources) else None
            if cell is None:
                text = sources[0]
            if text is None or not 0 < line <= len(_lines(text)):
                problems.append(f"{name}: expectation {cell}:{line} {code} points outside the file")
    assert not problems, "\n".join(problems)


def test_every_scan_rule_has_a_fixture() -> None:
    covered = {code for path in fixture_files() for _, _, code in expected_for_file(path)}
    assert SCAN_CODES - covered == set(), f"no fixture expects {sorted(SCAN_CODES - covered)}"


def test_clean_fixtures_expect_nothing() -> None:
    """Sanity: the clean/ folder exists and expects nothing."""
    clean = fixture_files(FIXTURES / "clean")
    assert clean, "fixtures/rules/clean/ is empty"
    assert not [p for p in clean if expected_for_file(p)], "clean/ files must expect no finding"


# --- the annotation parser itself ----------------------------------------------------------------------------


def test_parse_inline() -> None:
    text = (
        'a = "x"  # expect: HFM101\n'
        "b = 1\n"
        "const c = `u`; // expect: HFM101, HFM901\n"
        "# prose that mentions expect: HFM101 in the middle is not an annotation, see HFM102\n"
        "d = 2  # expect:HFM105\r\n"
    )
    assert parse_inline(text) == {(None, 1, "HFM101"), (None, 3, "HFM101"), (None, 3, "HFM901"), (None, 5, "HFM105")}


def test_parse_sidecar() -> None:
    assert parse_sidecar("# comment\n\n4 HFM101\n12 HFM103,HFM901\n") == {
        (None, 4, "HFM101"),
        (None, 12, "HFM103"),
        (None, 12, "HFM901"),
    }
    assert parse_sidecar("2:3 HFM101\n", notebook=True) == {(2, 3, "HFM101")}
    for bad, notebook in (("4 HFM1\n", False), ("HFM101 4\n", False), ("4 HFM101\n", True), ("2:3 HFM101\n", False)):
        with pytest.raises(ValueError):
            parse_sidecar(bad, notebook=notebook)


def test_targets_cover_every_file_once() -> None:
    covered = [f for t in targets() for f in t.files()]
    assert sorted(covered) == fixture_files()
    assert len(covered) == len(set(covered))
    assert (FIXTURES / "README.md") not in covered
    assert (FIXTURES / "text" / "README.md") in covered
    assert (FIXTURES / "HFM901" / ".env") in covered
