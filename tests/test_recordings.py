"""Recordings (cassettes, HAR files, snapshots) are reported as HFM108 and never edited (hfmigrate.recordings)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hfmigrate.config import Settings
from hfmigrate.recordings import recording_kind
from hfmigrate.scan import scan_paths
from tests.project_files import hfmigrate, write

L = "https://api-inference.huggingface.co"
FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "HFM108"
CASSETTE = (
    f"interactions:\n- request:\n    method: POST\n    uri: {L}/models/gpt2\n  response:\n    status: {{code: 200}}\n"
)


@pytest.mark.parametrize(
    ("display", "text", "kind"),
    [
        ("tests/cassettes/test_a.yaml", "anything: 1\n", "cassette"),
        ("spec/fixtures/vcr_cassettes/a.yml", "x: 1\n", "cassette"),
        ("tests/__snapshots__/test_a.py.snap", "", "jest snapshot"),
        ("tests/__snapshots__/test_a.json", "{}", "snapshot"),
        ("a/test_client.ambr", "", "syrupy snapshot"),
        ("session.HAR", "{}", "HAR file"),
        ("data/recorded.yaml", CASSETTE, "VCR cassette"),
        ("data/ruby.yml", "http_interactions:\n- request:\n    uri: x\nrecorded_with: VCR 6\n", "VCR cassette"),
        (
            "data/betamax.json",
            '{"http_interactions": [{"request": {"uri": "x"}}], "recorded_with": "betamax"}',
            "VCR cassette",
        ),
        ("data/r.yaml", "responses:\n- response:\n    url: x\n    status: 200\n", "`responses` recording"),
        ("data/h.json", '{"log": {"entries": [{"request": {"url": "x"}}]}}', "HAR file"),
        (
            "mocks/classify.json",
            '[{"request": {"method": "POST", "url": "x"}, "response": {"status": 200}}]',
            "recorded exchange",
        ),
    ],
)
def test_recordings_are_recognised_by_path_or_content(display: str, text: str, kind: str):
    assert recording_kind(display, text) == kind


@pytest.mark.parametrize(
    ("display", "text"),
    [
        ("deploy/values.yaml", f"inference:\n  url: {L}/models/gpt2\n  request: {{timeout: 10}}\n"),
        ("config.json", '{"request": {"url": "x"}, "log": "info"}'),
        ("client.yaml", "request:\n  timeout: 10\nresponse:\n  format: json\n"),  # no URL: settings, not an exchange
        ("snapshots/data.yaml", "x: 1\n"),  # only __snapshots__ is a snapshot folder
        ("docs/cassettes.md", "interactions: request:"),  # Markdown about cassettes, not one
        ("app.js", "const interactions = 1;\nrequest: 1\n"),
    ],
)
def test_ordinary_files_are_not_recordings(display: str, text: str):
    assert recording_kind(display, text) is None


def test_scan_reports_hfm108_with_the_re_record_advice_and_the_original_code(tmp_path: Path):
    write(tmp_path, "tests/cassettes/test_a.yaml", CASSETTE + 'token: "hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"\n')
    findings = scan_paths([tmp_path]).findings
    assert sorted(f.code for f in findings) == ["HFM108", "HFM901"]  # a token is still a token
    recorded = next(f for f in findings if f.code == "HFM108")
    assert "recorded in a cassette (HFM101 outside recordings): re-record it against the router" in recorded.message
    assert "never edit a recording" in recorded.message and not recorded.fixable and recorded.replacement is None


def test_ignoring_hfm108_keeps_legacy_urls_elsewhere(tmp_path: Path):
    write(tmp_path, "tests/cassettes/test_a.yaml", CASSETTE)
    write(tmp_path, "app.py", f'URL = "{L}/models/gpt2"\n')
    codes = [f.code for f in scan_paths([tmp_path], Settings(enabled_codes=frozenset({"HFM101"}))).findings]
    assert codes == ["HFM101"]


def test_rewrite_never_edits_recordings_and_exits_1_listing_them(tmp_path: Path):
    root = tmp_path / "HFM108"
    shutil.copytree(FIXTURE, root)
    (tmp_path / ".git").mkdir()
    recordings = [
        p
        for p in root.rglob("*")
        if p.is_file() and p.name != "not_a_recording.yaml" and not p.name.endswith(".expect")
    ]
    before = {p: p.read_bytes() for p in recordings}
    result = hfmigrate("rewrite", "HFM108", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert {p: p.read_bytes() for p in recordings} == before
    assert (
        "router.huggingface.co" in (root / "recorded" / "not_a_recording.yaml").read_text()
    )  # an ordinary file is fixed
    assert "7 findings left for a person" in result.stdout
    assert (
        "HFM108/tests/cassettes/test_classify.yaml: 3 HFM108 (a recording: re-record it, never edit it)"
        in result.stdout
    )
    again = hfmigrate("rewrite", "HFM108", cwd=tmp_path)
    assert again.returncode == 1 and "0 changed" in again.stdout
    scan = hfmigrate("scan", "--format", "json", "HFM108", cwd=tmp_path)
    assert scan.returncode == 1
    assert {f["code"] for f in json.loads(scan.stdout)["findings"]} == {"HFM108"}


def test_rules_command_explains_hfm108(tmp_path: Path):
    result = hfmigrate("rules", "HFM108", cwd=tmp_path)
    words = " ".join(result.stdout.split())  # the explanation is wrapped to the terminal
    assert result.returncode == 0 and "Re-record it against the router" in words and "never edits recordings" in words
