"""Settings: ``[tool.hfmigrate]`` in pyproject.toml or ``.hfmigrate.yaml``, merged with command-line options.

Keys (both files): ``select``, ``ignore`` (rule codes or prefixes), ``exclude``, ``include`` (globs),
``per-file-ignores`` (glob → codes), ``models`` (old model id → new model id, used by rewrite),
``max-file-size`` (bytes). Command-line ``--select``/``--ignore`` replace the file's values; ``--exclude`` and
``--include`` extend them.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hfmigrate import rules
from hfmigrate.errors import ConfigError, UsageError

DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
KNOWN_KEYS = {"select", "ignore", "exclude", "include", "per-file-ignores", "models", "max-file-size"}
YAML_NAMES = (".hfmigrate.yaml", ".hfmigrate.yml")


@dataclass
class Settings:
    enabled_codes: frozenset[str] = frozenset(rules.BY_CODE)
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    per_file_ignores: dict[str, frozenset[str]] = field(default_factory=dict)
    models: dict[str, str] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    gitignore: bool = True
    source: Path | None = None  # the config file these came from
    warnings: tuple[str, ...] = ()  # said once on stderr by the command line, e.g. a config file that was not used

    def is_enabled(self, code: str, display_path: str) -> bool:
        if code not in self.enabled_codes:
            return False
        return not any(
            code in codes and _glob_match(display_path, pattern) for pattern, codes in self.per_file_ignores.items()
        )


def _glob_match(path: str, pattern: str) -> bool:
    return (
        fnmatch.fnmatch(path, pattern)
        or fnmatch.fnmatch(path, f"*/{pattern}")
        or fnmatch.fnmatch(Path(path).name, pattern)
    )


def load_settings(
    paths: list[Path],
    *,
    config_file: Path | None = None,
    select: str | None = None,
    ignore: str | None = None,
    exclude: list[str] | None = None,
    include: list[str] | None = None,
    gitignore: bool = True,
) -> Settings:
    try:
        return _load_settings(paths, config_file, select, ignore, exclude, include, gitignore)
    except UsageError as error:  # (ConfigError too) messages quote the config: never echo a token written there
        from hfmigrate.auth import redact

        raise type(error)(redact(str(error))) from None


def _load_settings(
    paths: list[Path],
    config_file: Path | None,
    select: str | None,
    ignore: str | None,
    exclude: list[str] | None,
    include: list[str] | None,
    gitignore: bool,
) -> Settings:
    source = config_file or find_config(paths)
    table = read_config(source, explicit=config_file is not None) if source else {}
    chosen_select = _codes(select, "--select") if select else _table_codes(table, "select", source)
    chosen_ignore = _codes(ignore, "--ignore") if ignore else _table_codes(table, "ignore", source)
    enabled = rules.matching(chosen_select or ["ALL"]) - rules.matching(chosen_ignore or [])
    return Settings(
        enabled_codes=frozenset(enabled),
        exclude=tuple(_strings(table, "exclude", source)) + tuple(exclude or ()),
        include=tuple(_strings(table, "include", source)) + tuple(include or ()),
        per_file_ignores=_per_file_ignores(table, source),
        models=_models(table, source),
        max_file_size=_max_size(table, source),
        gitignore=gitignore,
        source=source,
        warnings=() if config_file else _shadowed_config(source),
    )


def _shadowed_config(source: Path | None) -> tuple[str, ...]:
    """A ``.hfmigrate.yaml`` wins over a ``[tool.hfmigrate]`` table beside it; say so, or the table looks ignored."""
    if source is None or source.suffix == ".toml":
        return ()
    pyproject = source.parent / "pyproject.toml"
    if pyproject.is_file() and _has_hfmigrate_table(pyproject):
        return (
            f"using {source}; the [tool.hfmigrate] table in {pyproject} beside it is ignored (merge them into one)",
        )
    return ()


def find_config(paths: list[Path]) -> Path | None:
    """The nearest .hfmigrate.yaml, or pyproject.toml with a [tool.hfmigrate] table, above the first path.

    In one folder ``.hfmigrate.yaml`` (or ``.yml``) takes precedence over ``pyproject.toml``."""
    start = (paths[0] if paths else Path(".")).resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        for name in YAML_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_hfmigrate_table(pyproject):
            return pyproject
    return None


def _has_hfmigrate_table(pyproject: Path) -> bool:
    """``[tool.hfmigrate]``, ``[tool.hfmigrate.per-file-ignores]`` alone, or dotted keys; invalid TOML counts (so
    that its error is shown, naming the file)."""
    data = _read_bytes(pyproject)
    if b"hfmigrate" not in data:
        return False
    from hfmigrate.toml_reader import TOMLDecodeError, loads

    try:
        document = loads(data.decode("utf-8"))
    except (TOMLDecodeError, UnicodeDecodeError):
        return True
    tool = document.get("tool")
    return isinstance(tool, dict) and "hfmigrate" in tool


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def read_config(path: Path, explicit: bool = False) -> dict[str, Any]:
    """The hfmigrate table of ``path``; ``explicit`` (``--config``) makes a pyproject.toml without one an error."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"cannot read config {path}: no such file") from None
    except OSError as error:
        raise ConfigError(f"cannot read config {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"cannot read config {path}: not UTF-8 text") from None
    table = _parse_toml(path, text, explicit) if path.suffix == ".toml" else _parse_yaml(path, text)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of keys to values")
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r}; known keys: {', '.join(sorted(KNOWN_KEYS))}")
    return table


def _parse_toml(path: Path, text: str, explicit: bool = False) -> Any:
    from hfmigrate.toml_reader import TOMLDecodeError, loads

    try:
        tool = loads(text).get("tool", {})
    except TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if explicit and not (isinstance(tool, dict) and "hfmigrate" in tool):
        raise ConfigError(f"--config {path}: no [tool.hfmigrate] table in it; add one, or leave --config out")
    return tool.get("hfmigrate", {}) if isinstance(tool, dict) else {}


def _parse_yaml(path: Path, text: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}: invalid YAML{where}: {getattr(error, 'problem', error)}") from None


def _codes(value: str, option: str) -> list[str]:
    codes = [code.strip() for code in value.split(",") if code.strip()]
    _check_codes(codes, option)
    return codes


def _check_codes(codes: list[str], where: str) -> None:
    for code in codes:
        if not rules.matching([code]):
            raise UsageError(f"{where}: {code!r} matches no rule; run `hfmigrate rules` to list them")


def _table_codes(table: dict[str, Any], key: str, source: Path | None) -> list[str]:
    codes = _strings(table, key, source)
    _check_codes(codes, f"{source}: {key}")
    return codes


def _strings(table: dict[str, Any], key: str, source: Path | None) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{source}: {key} must be a list of strings")
    return value


def _per_file_ignores(table: dict[str, Any], source: Path | None) -> dict[str, frozenset[str]]:
    value = table.get("per-file-ignores", {})
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: per-file-ignores must map globs to lists of rule codes")
    result = {}
    for pattern, codes in value.items():
        codes = [codes] if isinstance(codes, str) else codes
        if not isinstance(codes, list):
            raise ConfigError(f"{source}: per-file-ignores[{pattern!r}] must be a list of rule codes")
        _check_codes(codes, f"{source}: per-file-ignores[{pattern!r}]")
        result[str(pattern)] = frozenset(rules.matching(codes))
    return result


def _models(table: dict[str, Any], source: Path | None) -> dict[str, str]:
    value = table.get("models", {})
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ConfigError(f"{source}: models must map old model ids to new model ids (strings)")
    return dict(value)


def _max_size(table: dict[str, Any], source: Path | None) -> int:
    value = table.get("max-file-size", DEFAULT_MAX_FILE_SIZE)
    if not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{source}: max-file-size must be a positive number of bytes")
    return value
