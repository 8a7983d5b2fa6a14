"""GitHub Actions output: workflow-command escaping, annotations and the step summary."""

from __future__ import annotations

import pytest

from hfmigrate.findings import Finding, ScanResult
from hfmigrate.report import render_scan
from hfmigrate.report.github import SUMMARY_ROWS, annotation, escape_data, escape_property
from tests.report_samples import (
    NOTEBOOK_FINDING,
    ODD_PATH_FINDING,
    OPTIONS_FINDING,
    ROUTER_URL,
    URL_FINDING,
    assert_no_canary,
    canary_result,
    sample_result,
)


@pytest.fixture(autouse=True)
def no_step_summary(monkeypatch):
    # the suite itself may run in GitHub Actions: never append to the real summary
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def render(result: ScanResult) -> str:
    return render_scan(result, "github")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("plain text", "plain text"),
        ("100%", "100%25"),
        ("a\nb", "a%0Ab"),
        ("a\r\nb", "a%0D%0Ab"),
        ("%0A", "%250A"),  # an escape-looking sequence must stay literal
        ("a:b,c", "a:b,c"),  # ':' and ',' are safe in the message
    ],
)
def test_escape_data(raw, escaped):
    assert escape_data(raw) == escaped


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("app/client.py", "app/client.py"),
        ("a:b,c", "a%3Ab%2Cc"),
        ("100%,x", "100%25%2Cx"),
        ("a\nb", "a%0Ab"),
    ],
)
def test_escape_property(raw, escaped):
    assert escape_property(raw) == escaped


def test_annotation_for_a_finding():
    assert annotation(URL_FINDING) == (
        "::error file=app/client.py,line=12,col=11,endLine=12,endColumn=80,title=HFM101::"
        f'Legacy model URL on the retired host (suggested: "{ROUTER_URL}")'
    )


def test_replacement_already_in_the_message_is_not_repeated():
    finding = URL_FINDING.at(message=f"legacy URL; use {ROUTER_URL}", replacement=ROUTER_URL)
    assert annotation(finding).endswith(f"::legacy URL; use {ROUTER_URL}")


def test_warning_level_rules_use_warning():
    assert annotation(OPTIONS_FINDING).startswith("::warning file=app/client.py,line=14,col=5,")


def test_special_characters_in_path_are_escaped():
    assert annotation(ODD_PATH_FINDING).startswith("::error file=app/my dir/100%25%2Ca%3Ab.py,line=7,col=1,")


def test_multiline_message_stays_on_one_line():
    finding = Finding("a.py", 1, 1, "HFM101", "first\nsecond 50%", 1, 2)
    line = annotation(finding)
    assert "\n" not in line
    assert line.endswith("::first%0Asecond 50%25")


def test_notebook_annotation_names_the_cell_not_a_file_line():
    assert annotation(NOTEBOOK_FINDING) == (
        "::error file=app/notebook.ipynb,title=HFM301::cell 3:2:5: `huggingface_hub.InferenceApi` was removed"
    )


def test_one_line_per_finding_in_order():
    lines = render(sample_result()).splitlines()
    assert len(lines) == 4
    assert [line.split("title=")[1].split("::")[0] for line in lines] == ["HFM101", "HFM201", "HFM104", "HFM301"]


def test_no_findings_no_output():
    assert render(ScanResult(files_scanned=3)) == ""


def test_step_summary_is_appended(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    output = render(sample_result())
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n## hfmigrate scan\n")
    assert "4 findings in 3 files (10 files scanned); 3 fixable with `hfmigrate rewrite`." in text
    assert "| HFM101 | 1 | Legacy model URL on the retired host |" in text
    assert f'| app/client.py:12 | HFM101 | Legacy model URL on the retired host → "{ROUTER_URL}" |' in text
    assert "| app/notebook.ipynb:cell 3:2 | HFM301 |" in text
    assert output.count("\n") == 4  # the annotations are still printed


def test_step_summary_escapes_table_breakers(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    finding = Finding("a|b.py", 1, 1, "HFM101", "x | y\n<script>z</script>", 1, 2)
    render(ScanResult([finding], files_scanned=1))
    assert "| a\\|b.py:1 | HFM101 | x \\| y &lt;script&gt;z&lt;/script&gt; |" in summary.read_text(encoding="utf-8")


def test_step_summary_is_capped(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    findings = [Finding("a.py", line, 1, "HFM101", "m", line, 2) for line in range(1, SUMMARY_ROWS + 51)]
    output = render(ScanResult(findings, files_scanned=1))
    text = summary.read_text(encoding="utf-8")
    assert output.count("\n") == SUMMARY_ROWS + 50
    assert text.count("| HFM101 | m |") == SUMMARY_ROWS
    assert f"| a.py:{SUMMARY_ROWS} | HFM101 |" in text
    assert f"| a.py:{SUMMARY_ROWS + 1} | HFM101 |" not in text
    assert "…and 50 more; run `hfmigrate scan` for the full list." in text


def test_step_summary_without_findings(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    render(ScanResult(files_scanned=5))
    assert summary.read_text(encoding="utf-8") == (
        "## hfmigrate scan\n\nNo legacy Inference API usage found in 5 files.\n\n"
    )


def test_unwritable_step_summary_becomes_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path))  # a folder cannot be opened for appending
    lines = render(sample_result()).splitlines()
    assert len(lines) == 5
    assert lines[-1].startswith("::warning::hfmigrate could not write the step summary: ")


def test_no_summary_file_without_the_variable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    render(sample_result())
    assert list(tmp_path.iterdir()) == []


def test_no_token_in_output_or_summary(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert_no_canary(render(canary_result()))
    assert_no_canary(summary.read_text(encoding="utf-8"))
