"""config.py: [tool.hfmigrate] in pyproject.toml and .hfmigrate.yaml, merged with the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfmigrate import rules
from hfmigrate.config import DEFAULT_MAX_FILE_SIZE, Settings, find_config, load_settings
from hfmigrate.errors import ConfigError, UsageError
from tests.project_files import write


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "src").mkdir()
    return tmp_path


def test_defaults_without_a_config_file(project: Path):
    settings = load_settings([project / "src"])
    assert settings.source is None
    assert settings.enabled_codes == frozenset(rules.BY_CODE)
    assert settings.exclude == settings.include == ()
    assert settings.max_file_size == DEFAULT_MAX_FILE_SIZE
    assert settings.gitignore


def test_pyproject_table_is_found_above_the_path(project: Path):
    config = write(
        project,
        "pyproject.toml",
        """
[project]
name = "demo"

[tool.hfmigrate]
select = ["HFM1", "HFM3"]
ignore = ["HFM105"]
exclude = ["legacy/", "*_pb2.py"]
include = ["legacy/keep.py"]
max-file-size = 2048
models = {"gpt2" = "openai-community/gpt2"}

[tool.hfmigrate.per-file-ignores]
"tests/*" = ["HFM1"]
"docs/**" = "HFM301"
""",
    )
    settings = load_settings([project / "src"])
    assert settings.source == config
    assert settings.enabled_codes == frozenset(rules.matching(["HFM1", "HFM3"]) - {"HFM105"})
    assert settings.exclude == ("legacy/", "*_pb2.py")
    assert settings.include == ("legacy/keep.py",)
    assert settings.max_file_size == 2048
    assert settings.models == {"gpt2": "openai-community/gpt2"}
    assert settings.per_file_ignores == {"tests/*": frozenset(rules.matching(["HFM1"])), "docs/**": {"HFM301"}}


def test_a_pyproject_without_the_table_is_passed_over(project: Path):
    write(project, "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_config([project / "src"]) is None


def test_yaml_config_and_its_precedence_over_pyproject(project: Path):
    write(project, "pyproject.toml", "[tool.hfmigrate]\nselect = ['HFM9']\n")
    config = write(
        project,
        ".hfmigrate.yaml",
        """
select: [HFM2]
exclude: generated
per-file-ignores:
  "*.ipynb": [HFM202]
""",
    )
    settings = load_settings([project / "src"])
    assert settings.source == config
    assert settings.enabled_codes == frozenset(rules.matching(["HFM2"]))
    assert settings.exclude == ("generated",)
    assert settings.is_enabled("HFM201", "notebooks/a.ipynb")
    assert not settings.is_enabled("HFM202", "notebooks/a.ipynb")
    assert settings.is_enabled("HFM202", "notebooks/a.py")


def test_the_nearest_config_wins(project: Path):
    write(project, ".hfmigrate.yaml", "select: [HFM1]\n")
    inner = write(project, "src/pyproject.toml", "[tool.hfmigrate]\nselect = ['HFM3']\n")
    assert find_config([project / "src" / "file.py"]) == inner
    assert find_config([project / "src"]) == inner


def test_an_empty_yaml_file_is_an_empty_config(project: Path):
    write(project, ".hfmigrate.yml", "")
    settings = load_settings([project])
    assert settings.source == project / ".hfmigrate.yml"
    assert settings.enabled_codes == frozenset(rules.BY_CODE)


def test_command_line_replaces_select_and_ignore_and_extends_globs(project: Path):
    write(project, ".hfmigrate.yaml", "select: [HFM1]\nignore: [HFM101]\nexclude: [a]\ninclude: [b]\n")
    settings = load_settings([project], select="HFM3,HFM901", exclude=["c"], include=["d"], gitignore=False)
    assert settings.enabled_codes == frozenset(rules.matching(["HFM3"]) | {"HFM901"})
    assert settings.exclude == ("a", "c") and settings.include == ("b", "d")
    assert not settings.gitignore
    settings = load_settings([project], ignore="hfm1")
    assert settings.enabled_codes == frozenset(rules.matching(["HFM1"])) - frozenset(rules.matching(["HFM1"]))


def test_an_explicit_config_file_is_used(project: Path, tmp_path_factory: pytest.TempPathFactory):
    other = write(tmp_path_factory.mktemp("elsewhere"), "custom.yaml", "select: [HFM5]\n")
    settings = load_settings([project], config_file=other)
    assert settings.source == other and settings.enabled_codes == frozenset(rules.matching(["HFM5"]))


def test_per_file_ignores_match_by_path_suffix_and_by_name():
    settings = Settings(per_file_ignores={"tests/*": frozenset({"HFM101"}), "conftest.py": frozenset({"HFM901"})})
    assert not settings.is_enabled("HFM101", "tests/test_a.py")
    assert not settings.is_enabled("HFM101", "pkg/tests/test_a.py")
    assert settings.is_enabled("HFM101", "src/a.py")
    assert not settings.is_enabled("HFM901", "deep/down/conftest.py")
    assert settings.is_enabled("HFM102", "tests/test_a.py")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (".hfmigrate.yaml", "select: [HFM1\n", "invalid YAML at line"),
        (".hfmigrate.yaml", "- just\n- a list\n", "must be a mapping"),
        (".hfmigrate.yaml", "selct: [HFM1]\n", "unknown key 'selct'"),
        (".hfmigrate.yaml", "select: [HFM999]\n", "'HFM999' matches no rule"),
        (".hfmigrate.yaml", "ignore: [XYZ]\n", "'XYZ' matches no rule"),
        (".hfmigrate.yaml", "per-file-ignores:\n  '*.py': [HFM777]\n", "'HFM777' matches no rule"),
        (".hfmigrate.yaml", "per-file-ignores: [HFM101]\n", "per-file-ignores must map globs"),
        (".hfmigrate.yaml", "exclude: {a: 1}\n", "exclude must be a list of strings"),
        (".hfmigrate.yaml", "max-file-size: -1\n", "max-file-size must be a positive number"),
        (".hfmigrate.yaml", "max-file-size: big\n", "max-file-size must be a positive number"),
        (".hfmigrate.yaml", "models: [gpt2]\n", "models must map"),
        ("pyproject.toml", "[tool.hfmigrate]\nselect = [HFM1\n", "invalid TOML"),
        ("pyproject.toml", "[tool.hfmigrate]\nunknown = 1\n", "unknown key 'unknown'"),
        ("pyproject.toml", "[tool.hfmigrate]\nselect = ['HFM000']\n", "'HFM000' matches no rule"),
    ],
)
def test_bad_configuration_is_one_line_naming_the_file(project: Path, name: str, text: str, expected: str):
    config = write(project, name, text)
    with pytest.raises(UsageError) as raised:
        load_settings([project])
    message = str(raised.value)
    assert expected in message
    assert str(config) in message
    assert "\n" not in message


def test_bad_rule_codes_on_the_command_line(project: Path):
    with pytest.raises(UsageError, match=r"--select: 'HFM0' matches no rule"):
        load_settings([project], select="HFM1,HFM0")
    with pytest.raises(UsageError, match=r"--ignore: 'nope' matches no rule"):
        load_settings([project], ignore="nope")


def test_an_unreadable_config_is_a_config_error(project: Path):
    config = write(project, ".hfmigrate.yaml", "")
    config.write_bytes(b"select: [\xff\xfe]\n")
    with pytest.raises(ConfigError, match="cannot read config"):
        load_settings([project])


def test_a_pyproject_with_only_a_sub_table_or_dotted_keys_is_found(project: Path):
    config = write(project, "pyproject.toml", '[tool.hfmigrate.per-file-ignores]\n"*.js" = ["HFM101"]\n')
    assert find_config([project]) == config
    assert load_settings([project]).per_file_ignores == {"*.js": {"HFM101"}}
    write(project, "pyproject.toml", '[tool]\nhfmigrate.select = ["HFM3"]\n')
    assert load_settings([project]).enabled_codes == frozenset(rules.matching(["HFM3"]))
    write(project, "pyproject.toml", '[tool.ruff]\nextend-exclude = ["hfmigrate"]\n')
    assert find_config([project]) is None
