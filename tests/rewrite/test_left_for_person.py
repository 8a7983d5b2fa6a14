"""rewrite's leftover accounting (rewrite/remaining.py): what scan will still report, besides markers."""

from __future__ import annotations

from pathlib import Path

from hfmigrate.config import Settings
from hfmigrate.engine.kinds import Applied
from hfmigrate.rewrite import rewrite_paths
from hfmigrate.rewrite.leftovers import mark_leftovers
from hfmigrate.scan import scan_paths

L = "https://api-inference.huggingface.co"


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / ".git").mkdir()
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_a_docstring_line_no_marker_reaches_is_left_and_matches_scan(tmp_path: Path):
    source = f'def status():\n    """Reads it.\n\n    It used {L}/status/gpt2 first.\n    """\n'
    root = _project(tmp_path, {"a.py": source})
    result = rewrite_paths([root], Settings())
    assert [(f.path.rsplit("/", 1)[-1], f.code) for f in result.left_for_person] == [("a.py", "HFM104")]
    assert result.exit_code(pending=False) == 1
    assert [f.code for f in scan_paths([root]).findings if not f.marker] == ["HFM104"]


def test_markers_that_cover_everything_settle_the_module_and_nothing_is_left(tmp_path: Path):
    root = _project(tmp_path, {"a.py": f'import requests\nrequests.get("{L}/status/gpt2")\n'})
    result = rewrite_paths([root], Settings())
    assert result.left_for_person == [] and result.markers_remaining == 1 and result.exit_code(pending=False) == 1
    assert all(f.marker for f in scan_paths([root]).findings)


def test_settled_is_false_when_a_new_marker_pushes_an_old_finding_out_of_its_marker_reach():
    # an old HFM104 marker reaches the URL exactly (15 lines); the HFM106 marker inserted below it pushes it out
    body = (
        '# hfmigrate: TODO(HFM104): x\nx = [\n    r"api-inference\\.huggingface\\.co",\n'
        + "".join("    1,\n" for _ in range(12))
        + f'    "{L}/status/gpt2",\n]\n'
    )
    assert all(f.marker or f.code == "HFM106" for f in _scan_text(body))
    marked = mark_leftovers(body, "a.py", lambda code: True)
    assert marked.added == {Applied.marker("HFM106"): 1} and marked.settled is False
    assert [(f.code, f.line) for f in _scan_text(marked.text) if not f.marker] == [("HFM104", 17)]
    settled = mark_leftovers(body.replace("    1,\n", "", 1), "a.py", lambda code: True)
    assert settled.settled is True and all(f.marker for f in _scan_text(settled.text))


def test_a_langchain_pin_turns_the_shortcut_off(tmp_path: Path):
    app = "from langchain_community.llms import HuggingFaceHub  # hfmigrate: ignore\nllm = HuggingFaceHub(repo_id='g')  # hfmigrate: ignore\n"
    root = _project(tmp_path, {"app.py": app, "requirements.txt": "langchain-community==0.2.1\n"})
    result = rewrite_paths([root], Settings())
    assert [f.code for f in result.left_for_person] == ["HFM404"] == [f.code for f in scan_paths([root]).findings]


def _scan_text(text: str):
    from hfmigrate.files import SourceFile
    from hfmigrate.scan import scan_contents

    return scan_contents([(SourceFile(Path("a.py"), "a.py", "python"), text.encode())]).findings
