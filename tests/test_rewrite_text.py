"""Rewriting text files (issue 4): before/after fixtures per format, no-op cases, bytes, encodings, the CLI.

Every case runs the real engine on real files in tmp_path, checks that the result parses in its format, and that a
second run changes nothing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from hfmigrate.cli import app
from hfmigrate.config import Settings
from hfmigrate.engine.kinds import Applied
from hfmigrate.engine.outcomes import RewriteFailure, RewriteSuccess
from hfmigrate.files import is_dependency_file
from hfmigrate.rewrite import rewrite_paths
from hfmigrate.rewrite.engine import atomic_write
from hfmigrate.rewrite.text import rewrite_text
from hfmigrate.scan import scan_paths
from hfmigrate.toml_reader import loads as toml_loads

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "fixtures" / "rewrite" / "text"
LEGACY_APP = ROOT / "fixtures" / "legacy-app"


def _pairs() -> list[tuple[Path, Path, str]]:
    """(before, after, name to give the file): ``x.before.ext``/``x.after.ext`` and ``dir/before``/``dir/after``."""
    pairs = []
    for before in sorted(TEXT.glob("*.before.*")):
        after = before.with_name(before.name.replace(".before.", ".after.", 1))
        pairs.append((before, after if after.exists() else before, before.name.replace(".before.", ".", 1)))
    for folder in sorted(p for p in TEXT.iterdir() if (p / "before").is_dir()):
        for before in sorted((folder / "before").iterdir()):
            pairs.append((before, folder / "after" / before.name, before.name))
    return pairs


NOOPS = sorted((TEXT / "noop").iterdir())


def _check_parses(path: Path) -> None:
    data = path.read_bytes().decode("utf-8-sig")
    if path.suffix == ".json":
        json.loads(data)
    elif path.suffix in (".yaml", ".yml"):
        list(yaml.safe_load_all(data))
    elif path.suffix == ".toml":
        toml_loads(data)


def _rewrite(path: Path, **kwargs):
    return rewrite_paths([path], Settings(), **kwargs)


def _rewrite_file(path: Path) -> bool:
    """Rewrite one file in place; True when it changed.

    Dependency files go straight to ``rewrite_text``: the engine's byte pre-filter does not pass pin-only files yet
    (see test_engine_sends_pin_files_to_rewrite_text).
    """
    if is_dependency_file(path):
        outcome = rewrite_text(path.read_bytes(), path.name, Settings())
        assert not isinstance(outcome, RewriteFailure), outcome
        if isinstance(outcome, RewriteSuccess):
            atomic_write(path, outcome.after)
        return isinstance(outcome, RewriteSuccess)
    result = _rewrite(path)
    assert not result.errors, result.errors
    return bool(result.changed)


@pytest.mark.parametrize("before, after, name", _pairs(), ids=lambda v: v if isinstance(v, str) else None)
def test_fixture_pair(tmp_path, before, after, name):
    target = tmp_path / name
    shutil.copyfile(before, target)
    changed = _rewrite_file(target)
    assert target.read_bytes() == after.read_bytes()
    assert (before.read_bytes() != after.read_bytes()) == changed
    _check_parses(target)
    assert not _rewrite_file(target), "a second run changed the file again"
    assert target.read_bytes() == after.read_bytes()


def test_engine_sends_pin_files_to_rewrite_text(tmp_path):
    target = tmp_path / "requirements.txt"
    target.write_text("huggingface_hub==0.20.3\n")  # no pre-filter needle in the file
    _rewrite(target)
    assert target.read_text().startswith("# hfmigrate: TODO(HFM401): ")


@pytest.mark.parametrize("path", NOOPS, ids=lambda p: p.name)
def test_noop_files_are_untouched(tmp_path, path):
    target = tmp_path / path.name
    shutil.copyfile(path, target)
    result = _rewrite(target)
    assert not result.changed and not result.errors
    assert target.read_bytes() == path.read_bytes()


def test_after_files_hold_no_unmarked_legacy_findings(tmp_path):
    """What scan still reports in the after-files is either a marker or in a format without comments."""
    for before, after, name in _pairs():
        folder = tmp_path / before.parent.name / before.name
        folder.mkdir(parents=True)
        shutil.copyfile(after, folder / name)
    findings = scan_paths([tmp_path], Settings()).findings
    unmarked = {(Path(f.path).suffix, f.code) for f in findings if not f.marker}
    # JSON has no comments; Markdown prose gets URL-level rewrites only (a /status/ link has no equivalent).
    assert unmarked <= {(".json", "HFM101"), (".json", "HFM104"), (".md", "HFM104")}, unmarked


def test_one_line_changes_in_a_long_file(tmp_path):
    lines = [f"export const value{n} = {n};  // ünïcode line {n}\n" for n in range(1000)]
    lines[500] = 'export const URL = "https://api-inference.huggingface.co/models/gpt2";\n'
    target = tmp_path / "long.js"
    target.write_text("".join(lines), encoding="utf-8")
    _rewrite(target)
    new_lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(new_lines) == 1000
    assert new_lines[500] == 'export const URL = "https://router.huggingface.co/hf-inference/models/gpt2";\n'
    assert new_lines[:500] == lines[:500] and new_lines[501:] == lines[501:]


def test_crlf_line_endings_and_markers(tmp_path):
    source = (
        'const API = "https://api-inference.huggingface.co/models/" + model;\r\n'
        "const STATUS = `https://api-inference.huggingface.co/status/${model}`;\r\n"
        "const out = data[0].generated_text;\r\n"
    )
    target = tmp_path / "app.ts"
    target.write_bytes(source.encode())
    _rewrite(target)
    data = target.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    text = data.decode()
    assert text.splitlines(keepends=True) == [
        "// hfmigrate: TODO(HFM107): if this is LLM text generation (not image captioning), hf-inference serves no "
        'LLM (it answers 404): POST https://router.huggingface.co/v1/chat/completions with "model" and "messages", and read '
        "choices[0].message.content instead of [0].generated_text\r\n",
        'const API = "https://router.huggingface.co/hf-inference/models/" + model;\r\n',
        "// hfmigrate: TODO(HFM104): no router equivalent: ask the Hub, GET "
        "https://huggingface.co/api/models/${model}?expand[]=inference\r\n",
        "const STATUS = `https://api-inference.huggingface.co/status/${model}`;\r\n",
        "const out = data[0].generated_text;\r\n",
    ]
    assert not _rewrite(target).changed


def test_non_utf8_bytes_survive(tmp_path):
    source = '# R\xe9sum\xe9 du mod\xe8le\ncurl https://api-inference.huggingface.co/models/gpt2 -d \'{"inputs": "caf\xe9"}\'\n'
    target = tmp_path / "query.sh"
    target.write_bytes(source.encode("latin-1"))
    result = _rewrite(target)
    assert not result.errors
    expected = source.replace("api-inference.huggingface.co/models/", "router.huggingface.co/hf-inference/models/")
    assert target.read_bytes() == expected.encode("latin-1")


def test_bom_is_kept(tmp_path):
    target = tmp_path / ".env"
    target.write_bytes(b"\xef\xbb\xbfHF_API_URL=https://api-inference.huggingface.co/models/gpt2\n")
    _rewrite(target)
    assert target.read_bytes() == b"\xef\xbb\xbfHF_API_URL=https://router.huggingface.co/hf-inference/models/gpt2\n"


def test_file_mode_is_kept(tmp_path):
    target = tmp_path / "run.sh"
    target.write_text("curl https://api-inference.huggingface.co/v1/models\n")
    target.chmod(0o755)
    _rewrite(target)
    assert target.read_text() == "curl https://router.huggingface.co/v1/models\n"
    assert target.stat().st_mode & 0o777 == 0o755


def test_model_map_applies_to_literal_ids(tmp_path):
    target = tmp_path / "app.js"
    target.write_text('fetch("https://api-inference.huggingface.co/models/gpt2", opts);\n')
    rewrite_paths([target], Settings(models={"gpt2": "openai-community/gpt2"}))
    assert (
        target.read_text()
        == 'fetch("https://router.huggingface.co/hf-inference/models/openai-community/gpt2", opts);\n'
    )


def test_ignore_comment_and_rule_selection(tmp_path):
    target = tmp_path / "app.js"
    source = (
        'const A = "https://api-inference.huggingface.co/models/gpt2";  // hfmigrate: ignore[HFM101]\n'
        'const B = "https://api-inference.huggingface.co/v1/";\n'
    )
    target.write_text(source)
    rewrite_paths([target], Settings(enabled_codes=frozenset({"HFM101"})))
    assert target.read_text() == source
    rewrite_paths([target], Settings())
    assert target.read_text() == source.replace("api-inference.huggingface.co/v1/", "router.huggingface.co/v1/")


def test_multi_line_options_get_a_marker_not_an_edit(tmp_path):
    source = (
        "curl -s https://router.huggingface.co/hf-inference/models/gpt2 \\\n"
        "  -d '{\n"
        '    "inputs": "hi",\n'
        '    "options": {\n'
        '      "wait_for_model": true\n'
        "    }\n"
        "  }'\n"
    )
    target = tmp_path / "q.sh"
    target.write_text(source)
    result = _rewrite(target)
    assert result.counts() == {Applied.marker("HFM201"): 1}
    text = target.read_text()
    assert text.startswith("# hfmigrate: TODO(HFM201): remove the legacy `options`")  # above the whole command
    assert text.endswith(source)
    findings = scan_paths([target], Settings()).findings
    assert [f.marker for f in findings] == [True]
    assert not _rewrite(target).changed


def test_verify_refuses_a_result_that_does_not_parse():
    from hfmigrate.engine import dialects
    from hfmigrate.rewrite.text import _verify

    assert _verify(dialects.YAML, "a: 1\n", "a: [\n")
    assert _verify(dialects.JSON, '{"a": 1}', '{"a": 1,}')
    assert _verify(dialects.JSON, "// jsonc\n{}", "// jsonc\n{") is None  # the original did not parse either
    assert _verify(dialects.TOML, "a = 1\n", "a = 2\n") is None


def _cli(*args: str):
    return CliRunner().invoke(app, ["rewrite", *args])


def test_cli_text_and_notebook_switches(tmp_path):
    app_dir = tmp_path / "app"
    shutil.copytree(LEGACY_APP, app_dir)
    js = (app_dir / "web" / "summarize.js").read_bytes()
    notebook = (app_dir / "notebooks" / "explore.ipynb").read_bytes()
    result = _cli(str(app_dir), "--no-text", "--no-notebooks")
    assert "19 files examined" not in result.output and "(12 Python)" in result.output, result.output
    assert (app_dir / "web" / "summarize.js").read_bytes() == js
    assert (app_dir / "notebooks" / "explore.ipynb").read_bytes() == notebook
    result = _cli(str(app_dir))
    assert "(12 Python, 1 notebook, 6 text)" in result.output, result.output
    assert "(1 notebook, 4 text)" in result.output or "1 notebook" in result.output
    assert (app_dir / "web" / "summarize.js").read_bytes() != js


def test_legacy_app_text_files_are_migrated(tmp_path):
    app_dir = tmp_path / "app"
    shutil.copytree(LEGACY_APP, app_dir)
    _cli(str(app_dir))
    env = (app_dir / ".env").read_text()
    assert "api-inference" not in env
    assert "https://router.huggingface.co/hf-inference/models/mistralai/Mistral-7B-Instruct-v0.3" in env
    js = (app_dir / "web" / "summarize.js").read_text()
    assert "api-inference" not in js and "wait_for_model" not in js
    assert "`https://router.huggingface.co/hf-inference/models/${model}`" in js
    assert 'baseURL: "https://router.huggingface.co/v1/"' in js
    shell = (app_dir / "scripts" / "query.sh").read_text()
    assert "# hfmigrate: TODO(HFM107)" in shell and "wait_for_model" not in shell
    assert (app_dir / "docs" / "links.md").read_bytes() == (LEGACY_APP / "docs" / "links.md").read_bytes()
    unmarked = [f for f in scan_paths([app_dir], Settings()).findings if not f.marker]
    assert [(Path(f.path).name, f.code) for f in unmarked if Path(f.path).name != "requirements.txt"] == []


def test_legacy_app_scan_after_rewrite_reports_only_markers(tmp_path):
    app_dir = tmp_path / "app"
    shutil.copytree(LEGACY_APP, app_dir)
    _cli(str(app_dir))
    findings = scan_paths([app_dir], Settings()).findings
    assert findings and all(f.marker for f in findings), [(f.path, f.code) for f in findings if not f.marker]


def test_qa_markers_never_go_inside_a_shell_heredoc(tmp_path):
    import json as json_module

    from hfmigrate.rewrite import rewrite_paths

    script = tmp_path / "make.sh"
    script.write_text(
        '#!/bin/sh\ncat > cfg.json <<\'JSON\'\n{\n  "url": "https://api-inference.huggingface.co/status/gpt2",\n'
        '  "options": {\n    "wait_for_model": true\n  }\n}\nJSON\necho done\n'
    )
    rewrite_paths([script])
    lines = script.read_text().splitlines()
    body = lines[lines.index("cat > cfg.json <<'JSON'") + 1 : lines.index("JSON")]
    json_module.loads("\n".join(body))  # still valid JSON: no marker inside
    assert lines[1].startswith("# hfmigrate: TODO(")
