"""The human scan report: grouping, summary, diagnostics, colour and redaction."""

from __future__ import annotations

import pytest

from hfmigrate.errors import UsageError
from hfmigrate.findings import Finding, ScanResult
from hfmigrate.report import render_scan
from tests.report_samples import ROUTER_URL, assert_no_canary, canary_result, sample_result


def render(result: ScanResult, **options: bool) -> str:
    return render_scan(result, "text", **options)


def test_findings_are_grouped_by_file_in_order():
    lines = render(sample_result()).splitlines()
    assert lines[:4] == [
        "app/client.py  (2 findings)",
        "  app/client.py:12:11  HFM101 [*] Legacy model URL on the retired host",
        f'      → "{ROUTER_URL}"',
        "  app/client.py:14:5  HFM201 [*] Legacy `options` in the request body",
    ]
    headers = [line for line in lines if line.endswith(("finding)", "findings)"))]
    assert headers == [
        "app/client.py  (2 findings)",
        "app/my dir/100%,a:b.py  (1 finding)",
        "app/notebook.ipynb  (1 finding)",
    ]


def test_fixable_marker_only_on_fixable_findings():
    text = render(sample_result())
    assert "  app/my dir/100%,a:b.py:7:1  HFM104 Legacy endpoint with no router equivalent\n" in text
    assert text.count("[*] ") == 4  # three fixable rows and the summary line


def test_notebook_finding_shows_its_cell():
    assert "  app/notebook.ipynb:cell 3:2:5  HFM301 [*] `huggingface_hub.InferenceApi` was removed\n" in render(
        sample_result()
    )


def test_summary_counts_files_rules_and_fixable():
    text = render(sample_result())
    assert "Found 4 findings in 3 files (10 files scanned).\n" in text
    assert "  HFM101     1  Legacy model URL on the retired host\n" in text
    assert "  HFM301     1  `huggingface_hub.InferenceApi`\n" in text
    assert "[*] 3 fixable with `hfmigrate rewrite`.\n" in text
    rule_lines = [line.split()[0] for line in text.splitlines() if line.startswith("  HFM") and ":" not in line]
    assert rule_lines == ["HFM101", "HFM104", "HFM201", "HFM301"]


def test_diagnostics_hide_skipped_files_unless_verbose():
    text = render(sample_result())
    assert "hfmigrate: app/broken.py: downgraded: syntax error at line 3; text rules only\n" in text
    assert "hfmigrate: app/locked.py: error: permission denied\n" in text
    assert "binary file" not in text
    assert text.endswith("2 files skipped; use --verbose to see why.\n")


def test_verbose_lists_skipped_files():
    text = render(sample_result(), verbose=True)
    assert "hfmigrate: data/blob.bin: skipped: binary file\n" in text
    assert "hfmigrate: vendor/: skipped: matched .gitignore\n" in text
    assert "--verbose" not in text


def test_skip_count_includes_files_without_a_diagnostic():
    result = ScanResult(files_scanned=4, files_skipped=12)
    assert render(result).endswith("12 files skipped; use --verbose to see why.\n")


def test_no_findings_says_so():
    assert render(ScanResult(files_scanned=7)) == "No legacy Inference API usage found in 7 files.\n"
    assert render(ScanResult(files_scanned=1)) == "No legacy Inference API usage found in 1 file.\n"


def test_no_findings_still_reports_errors():
    result = sample_result()
    result.findings = []
    text = render(result)
    assert text.startswith("No legacy Inference API usage found in 10 files.\n")
    assert "app/locked.py: error: permission denied" in text


def test_plain_output_has_no_escape_codes():
    assert "\x1b[" not in render(sample_result(), to_terminal=False)


def test_terminal_output_is_coloured(monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    text = render(sample_result(), to_terminal=True)
    assert "\x1b[" in text
    assert "HFM101" in text


def test_markup_and_emoji_codes_in_messages_print_literally():
    finding = Finding("a.py", 1, 1, "HFM101", "see [bold]x[/bold] and :smile:", 1, 5)
    assert "see [bold]x[/bold] and :smile:" in render(ScanResult([finding], files_scanned=1))


def test_long_lines_are_not_wrapped():
    url = "https://router.huggingface.co/hf-inference/models/" + "x" * 200
    finding = Finding("a.py", 1, 1, "HFM101", "Legacy model URL", 1, 5, replacement=url)
    assert f"→ {url}\n" in render(ScanResult([finding], files_scanned=1))


def test_no_token_in_output():
    for verbose in (False, True):
        for to_terminal in (False, True):
            assert_no_canary(render(canary_result(), verbose=verbose, to_terminal=to_terminal))


def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError, match="'xml'"):
        render_scan(ScanResult(), "xml")
