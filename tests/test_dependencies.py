"""scan/dependencies.py: reading pins, judging version ranges, and HFM401-404 across a whole tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfmigrate.scan import scan_paths
from hfmigrate.scan.dependencies import HUB_LEGACY_BELOW, HUB_POST_BELOW, JS_LEGACY_BELOW, allows_only_below, find_pins, upper_bound
from tests.project_files import write


@pytest.mark.parametrize(
    ("spec", "bound"),
    [
        ("==0.20.3", ((0, 20, 3), True)),
        ("0.20.3", ((0, 20, 3), True)),
        ("<0.29", ((0, 29), False)),
        ("<=0.28.1", ((0, 28, 1), True)),
        (">=0.20,<0.29", ((0, 29), False)),
        (">=0.20, <0.31 ,!=0.30", ((0, 31), False)),
        ("~=0.25.0", ((0, 26), False)),
        ("~=0.28", ((1,), False)),
        ("^0.20", ((0, 21), False)),
        ("^0.0.3", ((0, 0, 4), False)),
        ("^2.8.0", ((3,), False)),
        ("~3.1.2", ((3, 2), False)),
        ("==0.20.*", ((0, 21), False)),
        ("^2.0.0 || ^3.0.0", ((4,), False)),
        (">=0.20", None),
        ("!=0.20", None),
        ("", None),
        ("*", None),
        ("^2 || >=3", None),
    ],
)
def test_upper_bound(spec: str, bound):
    assert upper_bound(spec) == bound


@pytest.mark.parametrize(
    ("spec", "threshold", "legacy"),
    [
        ("==0.28.1", HUB_LEGACY_BELOW, True),
        ("<0.29", HUB_LEGACY_BELOW, True),
        ("<=0.29", HUB_LEGACY_BELOW, False),
        ("==0.29.0", HUB_LEGACY_BELOW, False),
        ("<0.29.1", HUB_LEGACY_BELOW, False),
        ("~=0.28.0", HUB_LEGACY_BELOW, True),
        ("^0.28", HUB_LEGACY_BELOW, True),
        (">=0.20", HUB_LEGACY_BELOW, False),
        (">=0.29,<0.31", HUB_POST_BELOW, True),
        ("==0.30.2", HUB_POST_BELOW, True),
        ("==0.31", HUB_POST_BELOW, False),
        ("^2.8.0", JS_LEGACY_BELOW, True),
        ("3.1.3", JS_LEGACY_BELOW, True),
        ("~3.3.2", JS_LEGACY_BELOW, False),  # allows 3.3.3 and later 3.3.x
        ("3.3.3", JS_LEGACY_BELOW, False),
        ("^3.0.0", JS_LEGACY_BELOW, False),
        ("latest", JS_LEGACY_BELOW, False),
    ],
)
def test_allows_only_below(spec: str, threshold, legacy: bool):
    assert allows_only_below(spec, threshold) is legacy


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
        ("huggingface-hub", "<0.29", 2), ("huggingface-hub", "^0.20", 4), ("langchain-community", "0.2.1", 5),
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


def test_hfm402_needs_code_that_calls_client_post(root: Path):
    write(root, "requirements.txt", "huggingface_hub>=0.29,<0.31\n")
    write(root, "app.py", "import os\n")
    assert codes() == []
    write(root, "app.py", "from huggingface_hub import InferenceClient\n\nclient = InferenceClient()\n"
                          "client.post(json={'inputs': 'x'}, model='gpt2')\n")
    assert ("requirements.txt", 1, "HFM402") in codes()
    assert ("app.py", 4, "HFM302") in codes()


def test_hfm403_javascript_pin(root: Path):
    write(root, "web/package.json", '{"devDependencies": {"@huggingface/inference": "2.8.1"}}\n')
    write(root, "api/package.json", '{"dependencies": {"@huggingface/inference": "^4.0.0"}}\n')
    assert codes() == [("web/package.json", 1, "HFM403")]


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
