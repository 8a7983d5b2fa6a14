"""rules/pins.py (HFM401-HFM407): dependency pins that keep a project on something broken today.

``transformed``/``noop`` cases run scan and rewrite on one dependency file (tests/rules/spec.py); the tree cases
below scan whole folders, for the verdicts that depend on the rest of the tree (HFM402's message, HFM404, HFM406).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hfmigrate.engine.rule_api import FileKind
from hfmigrate.engine.tree import TreeFacts
from hfmigrate.rules import REGISTRY, pin_requirements, pins
from hfmigrate.scan import prefilter, scan_paths
from tests.project_files import write
from tests.rules import spec
from tests.rules.spec import noop, reported, rewrite, transformed

HFM401_MARKER = (
    "# hfmigrate: TODO(HFM401): this pin (==0.20.3) keeps huggingface_hub on versions before 0.29, which call the "
    "retired host; lift it to 1.0 or later\n"
)


# --- one file: what the pin itself says ------------------------------------------------------------------------


def test_hfm401_requirement_gets_a_marker_above_it():
    transformed(
        "requests==2.32.3\nhuggingface_hub==0.20.3\n",
        "requests==2.32.3\n" + HFM401_MARKER + "huggingface_hub==0.20.3\n",
        path="requirements.txt",
    )


def test_hfm401_in_pyproject_keeps_the_array_element_indented():
    transformed(
        '[project]\ndependencies = [\n    "huggingface_hub==0.20.3",\n]\n',
        "[project]\ndependencies = [\n    " + HFM401_MARKER + '    "huggingface_hub==0.20.3",\n]\n',
        path="pyproject.toml",
    )


def test_hfm402_marker():
    transformed(
        "huggingface_hub>=0.29,<0.31\n",
        "# hfmigrate: TODO(HFM402): this pin (>=0.29,<0.31) keeps huggingface_hub before 0.31, whose embeddings calls "
        "404 today; lift it to 1.0 or later\nhuggingface_hub>=0.29,<0.31\n",
        path="requirements.txt",
    )


def test_hfm405_marker_in_setup_cfg():
    transformed(
        "[options]\ninstall_requires =\n    langchain-huggingface==0.1.2\n",
        "[options]\ninstall_requires =\n    # hfmigrate: TODO(HFM405): this pin (==0.1.2) keeps langchain-huggingface "
        "before 0.2, which calls the removed InferenceClient.post; lift it to 0.2 or later\n"
        "    langchain-huggingface==0.1.2\n",
        path="setup.cfg",
    )


def test_hfm407_marker_where_the_list_already_holds_langchain_huggingface():
    """scan reported HFM407 here and rewrite left it unmarked: the check's marker now goes wherever it is found."""
    transformed(
        "langchain==0.1.0\nlangchain-huggingface>=0.2.0\n",
        "# hfmigrate: TODO(HFM407): this pin (==0.1.0) holds langchain-core below what the migrated code's LangChain "
        "packages need; lift it to 1.0 or later\nlangchain==0.1.0\nlangchain-huggingface>=0.2.0\n",
        path="requirements.txt",
    )


def test_hfm403_package_json_has_no_comments_and_stays_a_finding():
    source = '{\n  "dependencies": {\n    "@huggingface/inference": "^2.8.0"\n  }\n}\n'
    assert rewrite(source, "package.json")[0] == source
    (finding,) = reported(source, "HFM403", path="package.json")
    assert (finding.line, finding.column) == (3, 5)


@pytest.mark.parametrize(
    "source",
    [
        "huggingface_hub>=1.0\n",
        "huggingface_hub\n",
        "# huggingface_hub==0.20.3\n",
        "huggingface_hub_extra==0.20.3\n",
        "langchain-huggingface>=0.2.0\nlangchain>=1.0\n",
        "langchain==0.1.0\n",  # alone, an old LangChain pin is LangChain's business
        HFM401_MARKER + "huggingface_hub==0.20.3\n",  # marked already: a second run adds nothing
    ],
)
def test_noop_requirements(source: str):
    noop(source, path="requirements.txt")


def test_a_file_that_is_not_a_dependency_file_is_not_judged():
    noop("huggingface_hub==0.20.3\n", path="notes.txt")
    assert not [code for code in spec.codes("huggingface_hub==0.20.3\n", "notes.txt") if code.startswith("HFM4")]


# --- the rule API's tree level, as this family uses it -----------------------------------------------------------


def test_dependency_needles_stay_out_of_the_prefilter():
    """Every dependency file is read anyway; a needle as common as `huggingface` must not make every text file a
    candidate for the other rules."""
    assert set(pins.FAMILY.needles) <= set(REGISTRY.needles(FileKind.DEPENDENCY))
    assert not set(pins.FAMILY.needles) & set(REGISTRY.needles())
    assert not REGISTRY.may_match(b"langchain==0.1.0\n", FileKind.TEXT)
    assert not prefilter.may_have_findings(b"LangChain==0.1.0\nHuggingface_Hub==0.20.3\n")
    assert REGISTRY.may_match(b"LangChain==0.1.0\n", FileKind.DEPENDENCY)


def test_tree_facts_reach_the_check_and_change_only_findings_without_fixes():
    text = "huggingface_hub==0.30.2\nlangchain-community==0.2.1\n"
    alone = REGISTRY.run_text(text, FileKind.DEPENDENCY, "requirements.txt")
    tree = TreeFacts(frozenset({"HFM302", "HFM306"}), (("requirements.txt", text),))
    judged = REGISTRY.run_text(text, FileKind.DEPENDENCY, "requirements.txt", tree=tree)
    assert [v.code for v in alone] == ["HFM402"] and [v.code for v in judged] == ["HFM402", "HFM404"]
    assert "InferenceClient.post" in judged[0].message and "InferenceClient.post" not in alone[0].message
    assert judged[0].fix == alone[0].fix and not judged[1].fix.marker and not judged[1].fix.edits


def test_the_requirement_is_this_family_s_tree_fix():
    assert pin_requirements.add_requirements in REGISTRY.tree_fixes()


def test_the_finding_spans_the_requirement_on_its_line():
    (finding,) = reported(
        "requests>=2\nhuggingface-hub[cli] >= 0.20, < 0.29 ; python_version > '3.8'\n",
        "HFM401",
        path="requirements.txt",
    )
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (2, 1, 2, 37)
    assert "allow huggingface_hub>=1.0" in finding.message


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


def test_loading_the_rules_does_not_import_packaging():
    """`packaging` reads a spec only once a pin is judged: `hfmigrate rules` and a scan of code never pay for it."""
    import subprocess
    import sys

    probe = "import sys, hfmigrate.rules, hfmigrate.scan; print('packaging' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip() == "False"
