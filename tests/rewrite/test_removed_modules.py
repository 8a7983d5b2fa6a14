"""Names imported from huggingface_hub's removed ``inference_api`` module are HFM301 (issue 11, point 12)."""

from __future__ import annotations

from pathlib import Path

from hfmigrate.files import SourceFile
from hfmigrate.scan import parse_and_scan, scan_contents
from tests.rewrite.helpers import run

IMPORTS = (
    "from huggingface_hub.inference_api import ALL_TASKS\n"
    "import huggingface_hub.inference_api\n"
    "from huggingface_hub import inference_api as legacy\n"
)


def test_every_import_from_the_removed_module_is_hfm301_and_not_fixable():
    findings = parse_and_scan("a.py", IMPORTS + "print(ALL_TASKS, legacy)\n").findings
    assert [(f.line, f.code, f.fixable) for f in findings] == [
        (1, "HFM301", False),
        (2, "HFM301", False),
        (3, "HFM301", False),
    ]
    assert "huggingface_hub.inference_api.ALL_TASKS" in findings[0].message and "removed" in findings[0].message


def test_rewrite_marks_them_once_and_the_output_parses():
    once = run(IMPORTS)
    assert once.count("# hfmigrate: TODO(HFM301)") == 3
    assert once.splitlines()[1::2] == IMPORTS.splitlines()  # each import kept, a marker above it
    compile(once, "a.py", "exec")
    assert run(once) == once
    found = scan_contents([(SourceFile(Path("a.py"), "a.py", "python"), once.encode())]).findings
    assert len(found) == 3 and all(f.marker and f.code == "HFM301" for f in found)


def test_inference_api_itself_is_still_converted_and_other_modules_are_not_reported():
    source = 'from huggingface_hub.inference_api import InferenceApi\napi = InferenceApi(repo_id="gpt2", task="text-generation")\n'
    assert "InferenceClient" in run(source)
    clean = "from huggingface_hub import InferenceClient, inference\nfrom mypkg.inference_api import ALL_TASKS\n"
    assert parse_and_scan("a.py", clean).findings == []
    assert run(clean) == clean
