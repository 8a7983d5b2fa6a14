"""Text files: what no text rule rewrites gets a marker in the file's comment syntax (rewrite/text.py)."""

from __future__ import annotations

import yaml

from hfmigrate.config import Settings
from hfmigrate.engine.outcomes import RewriteFailure, RewriteSuccess
from hfmigrate.rewrite.text import rewrite_text

TOKEN = "hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"


def _rewrite(text: str, name: str, **settings) -> str:
    outcome = rewrite_text(text.encode(), name, Settings(**settings))
    assert not isinstance(outcome, RewriteFailure), outcome
    return outcome.after.decode() if isinstance(outcome, RewriteSuccess) else text


def _twice(text: str, name: str, **settings) -> str:
    once = _rewrite(text, name, **settings)
    assert _rewrite(once, name, **settings) == once, "a second run changed the output again"
    return once


def test_removed_provider_in_js_is_marked_above_its_line():
    source = 'export const r = client.chatCompletion({\n  provider: "sambanova",\n  model: "m",\n});\n'
    result = _twice(source, "app.js")
    assert result == source.replace(
        '  provider: "sambanova"',
        '  // hfmigrate: TODO(HFM501): Provider removed from the router; see `hfmigrate rules HFM501`\n  provider: "sambanova"',
    )


def test_token_in_env_and_yaml_is_marked_and_yaml_still_parses():
    env = _twice(f"HF_TOKEN={TOKEN}\r\nOTHER=1\r\n", ".env")
    assert (
        env
        == f"# hfmigrate: TODO(HFM901): Hard-coded Hugging Face token; see `hfmigrate rules HFM901`\r\nHF_TOKEN={TOKEN}\r\nOTHER=1\r\n"
    )
    values = _twice(f"auth:\n  token: {TOKEN}\n", "values.yaml")
    assert "  # hfmigrate: TODO(HFM901)" in values and yaml.safe_load(values) == {"auth": {"token": TOKEN}}


def test_no_marker_where_the_format_has_no_comments_or_the_code_is_off_or_ignored():
    source = f'{{"token": "{TOKEN}"}}\n'
    assert _rewrite(source, "settings.json") == source  # stays a scan finding: rewrite then exits 1
    assert _rewrite(f"HF_TOKEN={TOKEN}\n", ".env", enabled_codes=frozenset({"HFM101"})) == f"HF_TOKEN={TOKEN}\n"
    ignored = f"HF_TOKEN={TOKEN}  # hfmigrate: ignore[HFM901]\n"
    assert _rewrite(ignored, ".env") == ignored


def test_clean_text_is_a_noop():
    source = "const url = 'https://router.huggingface.co/v1/';\n"
    assert _rewrite(source, "app.js") == source


def test_what_json_cannot_hold_is_left_for_a_person_and_rewrite_exits_1(tmp_path):
    from tests.project_files import hfmigrate, write

    (tmp_path / ".git").mkdir()
    package = write(tmp_path, "web/package.json", '{\n  "dependencies": {"@huggingface/inference": "2.8.0"}\n}\n')
    before = package.read_bytes()
    result = hfmigrate("rewrite", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 finding left for a person" in result.stdout
    assert "  web/package.json: 1 HFM403 (JSON has no comments for a marker)" in result.stdout
    assert package.read_bytes() == before
    assert hfmigrate("scan", ".", cwd=tmp_path).returncode == 1


def test_markdown_without_an_equivalent_is_left_and_says_why(tmp_path):
    from tests.project_files import hfmigrate, write

    (tmp_path / ".git").mkdir()
    write(
        tmp_path,
        "README.md",
        "Status: https://api-inference.huggingface.co/status/gpt2\nUse https://api-inference.huggingface.co/models/gpt2\n",
    )
    result = hfmigrate("rewrite", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert "  README.md: 1 HFM104 (no comment syntax for a marker)" in result.stdout
    assert (tmp_path / "README.md").read_text().splitlines()[
        1
    ] == "Use https://router.huggingface.co/hf-inference/models/gpt2"
