"""scan/dependencies.py: reading pins, judging version ranges, and HFM401-404 across a whole tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfmigrate.scan import scan_paths
from hfmigrate.scan.dependencies import (
    HUB_LEGACY_BELOW,
    HUB_ROUTER_FIXED,
    JS_FIXED,
    JS_LEGACY_BELOW,
    JS_PROXY_BELOW,
    find_pins,
)
from hfmigrate.scan.version_ranges import parse_range
from tests.project_files import write


@pytest.mark.parametrize(
    ("spec", "threshold", "legacy"),
    [
        ("==0.28.1", HUB_LEGACY_BELOW, True),
        ("0.20.3", HUB_LEGACY_BELOW, True),
        ("<0.29", HUB_LEGACY_BELOW, True),
        ("<=0.28.1", HUB_LEGACY_BELOW, True),
        ("<=0.29", HUB_LEGACY_BELOW, False),
        ("==0.29.0", HUB_LEGACY_BELOW, False),
        ("<0.29.1", HUB_LEGACY_BELOW, False),
        ("~=0.28.0", HUB_LEGACY_BELOW, True),
        ("~=0.28", HUB_LEGACY_BELOW, False),  # ~=0.28 allows < 1
        ("^0.28", HUB_LEGACY_BELOW, True),
        ("==0.20.*", HUB_LEGACY_BELOW, True),
        (">=0.20", HUB_LEGACY_BELOW, False),
        ("!=0.20", HUB_LEGACY_BELOW, False),
        ("", HUB_LEGACY_BELOW, False),
        ("*", HUB_LEGACY_BELOW, False),
        (">=0.29,<0.31", HUB_ROUTER_FIXED, True),
        (">= 0.20, < 0.31 ,!=0.30", HUB_ROUTER_FIXED, True),
        ("==0.30.2", HUB_ROUTER_FIXED, True),
        ("==0.31", HUB_ROUTER_FIXED, False),
        (">0.30,<0.31.5", HUB_ROUTER_FIXED, False),  # 0.31.0 - 0.31.4 are allowed
        ("@ git+https://github.com/huggingface/huggingface_hub", HUB_ROUTER_FIXED, False),  # unreadable: never reported
    ],
)
def test_python_ranges(spec: str, threshold: str, legacy: bool):
    assert parse_range(spec).allows_only_below(threshold) is legacy


@pytest.mark.parametrize(
    ("spec", "threshold", "legacy"),
    [
        ("^2.8.0", JS_FIXED, True),
        ("3.1.3", JS_FIXED, True),
        ("~3.3.2", JS_FIXED, True),
        ("~3.11.0", JS_FIXED, True),
        ("^3.0.0", JS_FIXED, False),  # allows 3.12.0 and later 3.x
        ("3.12.0", JS_FIXED, False),
        ("latest", JS_FIXED, False),
        ("^2.0.0 || ^3.0.0", JS_FIXED, False),
        ("^2 || >=3", JS_FIXED, False),
        (">=3.1.0 <3.5.0", JS_FIXED, True),
        ("3.0.0 - 3.11.2", JS_FIXED, True),
        ("3.x", JS_FIXED, False),
        ("2.x", JS_FIXED, True),
        ("workspace:*", JS_FIXED, False),
    ],
)
def test_npm_ranges(spec: str, threshold: str, legacy: bool):
    assert parse_range(spec, npm=True).allows_only_below(threshold) is legacy


def test_windows_and_lower_bounds():
    assert parse_range("~3.2.0", npm=True).allows_only_within(JS_LEGACY_BELOW, JS_PROXY_BELOW)
    assert not parse_range("^3.1.0", npm=True).allows_only_within(JS_LEGACY_BELOW, JS_PROXY_BELOW)
    assert parse_range(">=2.0").allows_only_from("2.0")
    assert parse_range("~=2.1").allows_only_from("2.0")
    assert not parse_range(">=1.0").allows_only_from("2.0")
    assert not parse_range("").allows_only_from("2.0")


def test_requirements_pins_with_positions():
    text = (
        "requests>=2\n"
        "huggingface_hub==0.20.3\n"
        "huggingface-hub[cli] >= 0.20, < 0.29 ; python_version > '3.8'\n"
        "# huggingface_hub==0.1  (commented out)\n"
        "langchain_community==0.2.1  # inline comment\n"
        "langchain-huggingface\n"
    )
    pins = [(p.package, p.spec, p.line, p.column, p.end_column) for p in find_pins("requirements.txt", text)]
    assert pins == [
        ("huggingface-hub", "==0.20.3", 2, 1, 24),
        ("huggingface-hub", ">= 0.20, < 0.29", 3, 1, 37),
        ("langchain-community", "==0.2.1", 5, 1, 27),
        ("langchain-huggingface", "", 6, 1, 22),
    ]


def test_pyproject_pep621_and_poetry_and_setup_cfg():
    pyproject = (
        "[project]\n"
        'dependencies = ["huggingface_hub<0.29", "numpy"]\n'
        "[tool.poetry.dependencies]\n"
        'huggingface-hub = "^0.20"\n'
        'langchain-community = {version = "0.2.1", extras = ["x"]}\n'
    )
    pins = [(p.package, p.spec, p.line) for p in find_pins("pyproject.toml", pyproject)]
    assert sorted(pins) == [
        ("huggingface-hub", "<0.29", 2),
        ("huggingface-hub", "^0.20", 4),
        ("langchain-community", "0.2.1", 5),
    ]
    setup_cfg = "[options]\ninstall_requires =\n    huggingface_hub>=0.19,<0.25\n"
    assert [(p.spec, p.line, p.column) for p in find_pins("setup.cfg", setup_cfg)] == [(">=0.19,<0.25", 3, 5)]


def test_package_json_pins():
    text = '{\n  "dependencies": {\n    "@huggingface/inference": "^2.8.0"\n  }\n}\n'
    (pin,) = find_pins("package.json", text)
    assert (pin.package, pin.spec, pin.line, pin.column) == ("@huggingface/inference", "^2.8.0", 3, 5)
    assert find_pins("package.json", "{not json") == []
    assert find_pins("package.json", "[1]") == []
    assert find_pins("package.json", '{"dependencies": ["@huggingface/inference"]}') == []


# --- across the tree -------------------------------------------------------------------------------------------


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def codes() -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.code) for f in scan_paths([Path(".")]).findings]


def test_hub_pin_below_029(root: Path):
    write(root, "requirements.txt", "huggingface_hub==0.20.3\nhuggingface_hub>=0.20\n")
    write(root, "svc/pyproject.toml", '[project]\ndependencies = ["huggingface-hub~=0.27.0"]\n')
    assert codes() == [("requirements.txt", 1, "HFM401"), ("svc/pyproject.toml", 2, "HFM401")]


def test_hfm402_hub_below_031_breaks_embeddings_and_names_post_callers(root: Path):
    write(root, "requirements.txt", "huggingface_hub>=0.29,<0.31\n")
    write(root, "app.py", "import os\n")
    (finding,) = scan_paths([Path(".")]).findings
    assert (finding.code, finding.line) == ("HFM402", 1)
    assert "embeddings" in finding.message and ".post" not in finding.message
    write(
        root,
        "app.py",
        "from huggingface_hub import InferenceClient\n\nclient = InferenceClient()\n"
        "client.post(json={'inputs': 'x'}, model='gpt2')\n",
    )
    findings = {f.code: f for f in scan_paths([Path(".")]).findings}
    assert "InferenceClient.post" in findings["HFM402"].message
    assert ("app.py", 4, "HFM302") in codes()
    write(root, "requirements.txt", "huggingface_hub>=0.31\n")
    assert ("requirements.txt", 1, "HFM402") not in codes()


@pytest.mark.parametrize(
    ("spec", "wording"),
    [
        ("2.8.1", "retired host"),
        ("~3.2.0", "inference-proxy"),
        ("~3.6.0", "404 today"),
    ],
)
def test_hfm403_javascript_pin_says_which_dead_route(root: Path, spec: str, wording: str):
    write(root, "web/package.json", '{"devDependencies": {"@huggingface/inference": "%s"}}\n' % spec)
    write(root, "api/package.json", '{"dependencies": {"@huggingface/inference": "^4.0.0"}}\n')
    (finding,) = scan_paths([Path(".")]).findings
    assert (finding.path, finding.code) == ("web/package.json", "HFM403")
    assert wording in finding.message and "3.12.0" in finding.message


def test_hfm405_langchain_huggingface_before_02(root: Path):
    write(root, "requirements.txt", "langchain-huggingface==0.1.2\nlangchain_huggingface>=0.2\nlangchain-huggingface\n")
    assert codes() == [("requirements.txt", 1, "HFM405")]


def test_hfm406_langchain_huggingface_cap_against_hub_2(root: Path):
    write(root, "requirements.txt", "langchain-huggingface==1.2.2\n")
    assert codes() == []
    write(root, "svc/pyproject.toml", '[project]\ndependencies = ["huggingface_hub>=2.0"]\n')
    (finding,) = scan_paths([Path(".")]).findings
    assert (finding.path, finding.line, finding.code) == ("requirements.txt", 1, "HFM406")
    assert "svc/pyproject.toml:2" in finding.message
    write(root, "requirements.txt", "langchain-huggingface>=1.2\n")  # admits releases after 1.2.3
    assert codes() == []


def test_hfm404_needs_langchain_hub_users_and_no_langchain_huggingface(root: Path):
    write(root, "requirements.txt", "langchain-community==0.2.1\n")
    write(root, "chain.py", "import os\n")
    assert codes() == []
    write(root, "chain.py", "from langchain_community.llms import HuggingFaceHub\n")
    assert codes() == [("chain.py", 1, "HFM306"), ("requirements.txt", 1, "HFM404")]
    write(root, "requirements.txt", "langchain-community==0.2.1\nlangchain-huggingface>=0.1\n")
    assert codes() == [("chain.py", 1, "HFM306")]


def test_pins_are_read_even_without_any_other_legacy_text(root: Path):
    # a requirements file never mentions the host: it is judged from the pin alone
    write(root, "requirements-dev.txt", "huggingface_hub<0.29\n")
    assert codes() == [("requirements-dev.txt", 1, "HFM401")]


def test_hfm407_langchain_0x_beside_langchain_huggingface_cannot_install(root: Path):
    write(root, "requirements.txt", "langchain==0.1.0\nlangchain-community==0.0.10\n")
    assert codes() == []  # alone, an old LangChain pin is LangChain's business
    write(root, "requirements.txt", "langchain==0.1.0\nlangchain-community==0.0.10\nlangchain-huggingface>=0.2.0\n")
    assert codes() == [("requirements.txt", 1, "HFM407"), ("requirements.txt", 2, "HFM407")]
    (finding, _) = scan_paths([Path(".")]).findings
    assert "langchain-core>=0.3.59" in finding.message and "langchain>=1.0" in finding.message


def test_hfm407_only_ranges_that_admit_nothing_installable(root: Path):
    write(
        root,
        "requirements.txt",
        "langchain>=0.1\nlangchain-community~=0.3.0\nlangchain-huggingface>=0.2\nmy-langchain==0.1\n",
    )
    assert codes() == []
    write(root, "requirements.txt", "langchain==0.1.0\nlangchain-huggingface\n")  # pip may still pick a 0.1 release
    assert codes() == []
    write(root, "requirements.txt", "langchain~=0.3.0\nlangchain-classic>=1.0\n")  # 0.3 needs langchain-core<1.0
    (finding,) = scan_paths([Path(".")]).findings
    assert (finding.line, finding.code) == (1, "HFM407") and "langchain-classic" in finding.message
    write(root, "requirements.txt", "langchain>=1.0\nlangchain-classic>=1.0\n")
    assert codes() == []


def test_hfm407_is_what_rewrite_leaves_when_it_adds_langchain_huggingface(root: Path):
    write(root, "requirements.txt", "langchain==0.1.0\n")
    write(root, "chain.py", 'from langchain.llms import HuggingFaceHub\n\nllm = HuggingFaceHub(repo_id="gpt2")\n')
    assert ("requirements.txt", 1, "HFM407") not in codes()
    from typer.testing import CliRunner

    from hfmigrate.cli import app

    result = CliRunner().invoke(app, ["rewrite", "."])
    assert result.exit_code == 1
    assert (root / "requirements.txt").read_text() == (
        "# hfmigrate: TODO(HFM407): this pin (==0.1.0) holds langchain-core below what the migrated code's LangChain "
        "packages need; lift it to 1.0 or later\nlangchain==0.1.0\nlangchain-huggingface>=0.2.0\n"
    )
    (finding,) = [f for f in scan_paths([Path(".")]).findings if f.code == "HFM407"]
    assert finding.marker and finding.line == 1
    assert CliRunner().invoke(app, ["rewrite", ".", "--check"]).exit_code == 1  # markers left: still not done
    before = (root / "requirements.txt").read_bytes()
    CliRunner().invoke(app, ["rewrite", "."])
    assert (root / "requirements.txt").read_bytes() == before  # a second run changes nothing
