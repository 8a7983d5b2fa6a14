"""The JSON scan report: valid against the shipped schema, stable shape, redacted."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from hfmigrate import __version__
from hfmigrate.findings import ScanResult
from hfmigrate.report import render_scan
from tests.report_samples import ROUTER_URL, assert_no_canary, canary_result, sample_result

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(files("hfmigrate.report").joinpath("scan-report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def render(result: ScanResult) -> dict:
    return json.loads(render_scan(result, "json"))


def test_report_matches_the_shipped_schema(validator):
    validator.validate(render(sample_result()))
    validator.validate(render(ScanResult()))
    validator.validate(render(canary_result()))


def test_schema_rejects_a_malformed_report(validator):
    document = render(sample_result())
    document["findings"][0]["line"] = 0
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(document)
    document = render(sample_result())
    document["summary"]["unexpected"] = 1
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(document)


def test_header_and_summary():
    document = render(sample_result())
    assert list(document) == ["schema_version", "tool", "summary", "findings", "diagnostics"]
    assert document["schema_version"] == 1
    assert document["tool"] == {"name": "hfmigrate", "version": __version__}
    assert document["summary"] == {
        "files_scanned": 10,
        "files_skipped": 2,
        "files_with_findings": 3,
        "findings": 4,
        "fixable": 3,
        "by_code": {"HFM101": 1, "HFM104": 1, "HFM201": 1, "HFM301": 1},
    }


def test_findings_are_ordered_and_complete():
    findings = render(sample_result())["findings"]
    assert [(f["path"], f["line"]) for f in findings] == [
        ("app/client.py", 12),
        ("app/client.py", 14),
        ("app/my dir/100%,a:b.py", 7),
        ("app/notebook.ipynb", 2),
    ]
    assert findings[0] == {
        "path": "app/client.py",
        "cell": None,
        "line": 12,
        "column": 11,
        "end_line": 12,
        "end_column": 80,
        "code": "HFM101",
        "message": "Legacy model URL on the retired host",
        "replacement": f'"{ROUTER_URL}"',
        "fixable": True,
        "marker": False,
    }
    assert findings[3]["cell"] == 3 and findings[3]["replacement"] is None


def test_every_diagnostic_is_included_whatever_verbose_says():
    text = render_scan(sample_result(), "json", verbose=False)
    diagnostics = json.loads(text)["diagnostics"]
    assert [d["kind"] for d in diagnostics] == ["skipped", "skipped", "downgraded", "error"]
    assert diagnostics[0] == {"path": "data/blob.bin", "kind": "skipped", "reason": "binary file"}


def test_output_is_ascii_and_ends_with_a_newline():
    text = render_scan(canary_result(), "json")
    assert text.isascii()
    assert text.endswith("}\n")


def test_no_token_in_output():
    assert_no_canary(render_scan(canary_result(), "json"))


def test_schema_is_package_data():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "report/*.json" in pyproject["tool"]["setuptools"]["package-data"]["hfmigrate"]


def test_json_format_does_not_import_rich():
    # a fresh interpreter: in this one another test may already have imported rich
    code = (
        "import sys\n"
        "from hfmigrate.findings import ScanResult\n"
        "from hfmigrate.report import render_scan\n"
        "for fmt in ('json', 'sarif', 'github'):\n"
        "    render_scan(ScanResult(), fmt)\n"
        "print(sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.')))\n"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    assert done.stdout.strip() == "[]"


def test_docs_describe_every_field():
    doc = (ROOT / "docs" / "scan-json.md").read_text(encoding="utf-8")
    schema = json.loads(files("hfmigrate.report").joinpath("scan-report.schema.json").read_text(encoding="utf-8"))
    fields = list(schema["properties"]) + list(schema["properties"]["summary"]["properties"])
    fields += list(schema["$defs"]["finding"]["properties"]) + list(schema["$defs"]["diagnostic"]["properties"])
    missing = [name for name in fields if f"`{name}`" not in doc]
    assert missing == []
