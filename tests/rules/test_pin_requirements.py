"""rules/pin_requirements.py (HFM404's tree fix): a rewrite that brings in ``langchain_huggingface`` adds the
requirement, or marks the import."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from hfmigrate.config import Settings
from hfmigrate.engine.kinds import Applied
from hfmigrate.rewrite import rewrite_paths
from hfmigrate.scan import scan_paths

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

APP = (
    "from langchain_community.llms import HuggingFaceHub\n\n"
    'llm = HuggingFaceHub(repo_id="google/flan-t5-xxl", model_kwargs={"temperature": 0.5})\n'
)
MARKER = "# hfmigrate: TODO(HFM404): add `langchain-huggingface>=0.2.0`"


def _tree(root: Path, files: dict[str, str | bytes]) -> Path:
    (root / ".git").mkdir()
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return root


def _rewrite_twice(root: Path):
    result = rewrite_paths([root], Settings())
    snapshot = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    again = rewrite_paths([root], Settings())
    assert not again.changed and {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == snapshot
    for path in root.rglob("*.py"):
        ast.parse(path.read_bytes())
    return result


def test_single_root_requirements_txt_gets_the_line_and_keeps_its_bytes(tmp_path: Path):
    root = _tree(tmp_path, {"requirements.txt": b"langchain==0.3.27\r\nlangchain-community==0.3.31", "src/app.py": APP})
    result = _rewrite_twice(root)
    assert (
        root / "requirements.txt"
    ).read_bytes() == b"langchain==0.3.27\r\nlangchain-community==0.3.31\r\nlangchain-huggingface>=0.2.0\r\n"
    assert result.counts()[Applied("HFM404")] == 1 and MARKER not in (root / "src/app.py").read_text()
    assert not [f for f in scan_paths([root]).findings if f.code == "HFM404"]


def test_pyproject_project_dependencies_get_an_element_in_their_own_style(tmp_path: Path):
    pyproject = '[project]\nname = "demo"\ndependencies = [\n    "langchain[extras]>=0.2",  # core\n    "requests"\n]\n'
    root = _tree(tmp_path, {"pyproject.toml": pyproject, "app.py": APP})
    _rewrite_twice(root)
    text = (root / "pyproject.toml").read_text()
    assert text == pyproject.replace('"requests"\n', '"requests",\n    "langchain-huggingface>=0.2.0",\n')
    assert tomllib.loads(text)["project"]["dependencies"][-1] == "langchain-huggingface>=0.2.0"


def test_inline_pyproject_array(tmp_path: Path):
    root = _tree(
        tmp_path, {"pyproject.toml": "[project]\nname = 'demo'\ndependencies = ['langchain']\n", "app.py": APP}
    )
    _rewrite_twice(root)
    assert "dependencies = ['langchain', 'langchain-huggingface>=0.2.0']\n" in (root / "pyproject.toml").read_text()


def test_no_obvious_place_marks_the_new_import(tmp_path: Path):
    loose = tmp_path / "loose"
    loose.mkdir()
    _tree(loose, {"app.py": APP})  # no dependency file at all: nothing to keep in step, no marker
    assert not _rewrite_twice(loose).left_for_person and "TODO(HFM404)" not in (loose / "app.py").read_text()
    for files in (
        {"setup.cfg": "[metadata]\nname = x\n", "app.py": APP},  # a dependency file, but no list to add to
        {
            "requirements.txt": "langchain\n",
            "pyproject.toml": "[project]\nname = 'x'\ndependencies = ['x']\n",
            "app.py": APP,
        },
        {"lib/requirements.txt": "langchain\n", "app.py": APP},  # beside other code, not above this module
    ):
        root = tmp_path / str(len(list(tmp_path.iterdir())))
        root.mkdir()
        _tree(root, files)
        result = _rewrite_twice(root)
        app = (root / "app.py").read_text()
        assert app.splitlines()[0].startswith(MARKER) and "from langchain_huggingface import" in app.splitlines()[1]
        assert result.exit_code(pending=False) == 1
        assert all("langchain-huggingface" not in p.read_text() for p in root.rglob("*.txt"))
        findings = scan_paths([root]).findings
        assert any(f.code == "HFM404" and f.marker for f in findings)


def test_already_listed_or_disabled_changes_no_dependency_file(tmp_path: Path):
    root = tmp_path / "a"
    root.mkdir()
    _tree(root, {"requirements.txt": "langchain_huggingface>=0.2\n", "app.py": APP})
    _rewrite_twice(root)
    assert (root / "requirements.txt").read_text() == "langchain_huggingface>=0.2\n"
    assert MARKER not in (root / "app.py").read_text()
    other = tmp_path / "b"
    other.mkdir()
    _tree(other, {"requirements.txt": "langchain\n", "app.py": APP})
    rewrite_paths([other], Settings(enabled_codes=frozenset({"HFM306"})))
    assert (other / "requirements.txt").read_text() == "langchain\n" and MARKER not in (other / "app.py").read_text()


def test_code_that_already_imported_langchain_huggingface_is_not_touched(tmp_path: Path):
    app = "from langchain_huggingface import HuggingFaceEndpoint\n" + APP
    root = _tree(tmp_path, {"requirements.txt": "langchain\n", "app.py": app})
    _rewrite_twice(root)
    assert (root / "requirements.txt").read_text() == "langchain\n"


def test_a_moved_llmchain_import_adds_langchain_classic_too(tmp_path: Path):
    app = (
        "from langchain import HuggingFaceHub, LLMChain\n\n"
        'llm = HuggingFaceHub(repo_id="HuggingFaceH4/zephyr-7b-beta")\nchain = LLMChain(llm=llm, prompt=prompt)\n'
    )
    root = _tree(tmp_path, {"requirements.txt": "langchain==0.1.0\n", "app.py": app})
    result = _rewrite_twice(root)
    assert (root / "requirements.txt").read_text() == (  # LangChain 0.1 cannot be installed beside them: HFM407
        "# hfmigrate: TODO(HFM407): this pin (==0.1.0) holds langchain-core below what the migrated code's LangChain "
        "packages need; lift it to 1.0 or later\nlangchain==0.1.0\nlangchain-huggingface>=0.2.0\nlangchain-classic>=1.0\n"
    )
    assert result.counts()[Applied("HFM404")] == 2 and result.counts()[Applied.marker("HFM407")] == 1
    assert "from langchain_classic.chains import LLMChain\n" in (root / "app.py").read_text()
    loose = tmp_path / "loose"
    loose.mkdir()
    _tree(loose, {"pyproject.toml": "[tool.black]\n", "app.py": app})
    _rewrite_twice(loose)
    marked = (loose / "app.py").read_text()
    assert "# hfmigrate: TODO(HFM404): add `langchain-classic>=1.0` to the project's dependencies\n" in marked
    assert MARKER in marked


def test_langchain_0_2_pins_beside_the_added_requirement_are_marked_in_their_line_endings(tmp_path: Path):
    root = _tree(tmp_path, {"requirements.txt": b"langchain==0.2.1\r\nlangchain-community==0.2.1", "src/app.py": APP})
    _rewrite_twice(root)
    lines = (root / "requirements.txt").read_bytes().split(b"\r\n")
    assert [line[:26] for line in lines] == [
        b"# hfmigrate: TODO(HFM407):",
        b"langchain==0.2.1",
        b"# hfmigrate: TODO(HFM407):",
        b"langchain-community==0.2.1",
        b"langchain-huggingface>=0.2",
        b"",
    ]


def test_a_list_the_per_file_pass_changed_gets_the_requirement_on_top_of_its_edits(tmp_path: Path):
    pyproject = (
        '[project]\nname = "demo"\ndependencies = ["langchain-community==0.3.31"]\n\n'
        '[tool.demo]\nbase_url = "https://api-inference.huggingface.co"\n'
    )
    root = _tree(tmp_path, {"pyproject.toml": pyproject, "app.py": APP})
    result = _rewrite_twice(root)
    text = (root / "pyproject.toml").read_text()
    assert 'dependencies = ["langchain-community==0.3.31", "langchain-huggingface>=0.2.0"]' in text
    assert "api-inference" not in text and tomllib.loads(text)["tool"]["demo"]["base_url"].startswith("https://router.")
    assert result.counts()[Applied("HFM404")] == 1 and result.counts()[Applied("HFM105")] == 1


def test_a_disabled_hfm407_leaves_the_conflicting_pin_unmarked(tmp_path: Path):
    root = _tree(tmp_path, {"requirements.txt": "langchain==0.1.0\n", "app.py": APP})
    rewrite_paths([root], Settings(enabled_codes=frozenset({"HFM306", "HFM404"})))
    assert (root / "requirements.txt").read_text() == "langchain==0.1.0\nlangchain-huggingface>=0.2.0\n"
