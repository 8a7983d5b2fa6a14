"""Issue 9, point 2, in text files: an LLM left on hf-inference is never silent, in JS/TS, HTML `<script>`,
shell and config; prose (Markdown, the HTML around scripts) only gets URL rewrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfmigrate.rewrite import rewrite_paths
from hfmigrate.scan import scan_paths

L = "https://api-inference.huggingface.co"
R = "https://router.huggingface.co"
M = "meta-llama/Llama-3.1-8B-Instruct"
FETCH = f'fetch("{L}/models/{M}", {{method: "POST", body: JSON.stringify({{inputs: p}})}}).then(r => r.json()).then(o => o[0].generated_text);\n'


def _codes(path: Path) -> list[str]:
    return [f.code for f in scan_paths([path]).findings]


def test_the_same_fetch_gets_the_marker_in_a_js_file_and_inside_an_html_script(tmp_path: Path) -> None:
    js = tmp_path / "ask.js"
    js.write_text(FETCH)
    html = tmp_path / "page.html"
    html.write_text(f"<html><body>\n<p>See {L}/models/{M}</p>\n<script>\n{FETCH}</script>\n</body></html>\n")
    rewrite_paths([tmp_path])
    for path in (js, html):
        text = path.read_text()
        assert f"{R}/hf-inference/models/{M}" in text and "// hfmigrate: TODO(HFM107)" in text, text
        assert _codes(path) == ["HFM107"]
    page = html.read_text()
    assert page.index("<script>") < page.index("// hfmigrate: TODO(HFM107)") < page.index("</script>")
    assert f"<p>See {R}/hf-inference/models/{M}</p>" in page  # prose: the URL only


@pytest.mark.parametrize(
    ("name", "content", "comment"),
    [
        (".env", f"LLM_URL={L}/models/{M}\n", "#"),
        ("config.yaml", f"llm:\n  url: {L}/models/{M}\n", "#"),
        ("settings.toml", f'[llm]\nurl = "{L}/models/{M}"\n', "#"),
        ("ask.sh", f'curl {L}/models/{M} -d \'{{"inputs": "hi"}}\'\n', "#"),
    ],
)
def test_an_llm_url_in_config_or_shell_gets_the_marker(tmp_path: Path, name: str, content: str, comment: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    rewrite_paths([path])
    assert f"{comment} hfmigrate: TODO(HFM107)" in path.read_text()
    assert _codes(path) == ["HFM107"]


def test_a_classifier_url_in_config_gets_no_marker(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text(f"SENTIMENT_URL={L}/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english\n")
    rewrite_paths([path])
    assert "TODO" not in path.read_text() and _codes(path) == []


def test_scan_reports_an_llm_already_moved_to_hf_inference_and_rewrite_marks_it(tmp_path: Path) -> None:
    code = tmp_path / "client.ts"
    code.write_text(
        f'const r = await fetch("{R}/hf-inference/models/{M}", {{method: "POST"}});\n'
        f'const e = await fetch("{R}/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction");\n'
    )
    docs = tmp_path / "notes.md"
    docs.write_text(f"Old: {R}/hf-inference/models/{M}\n")
    findings = scan_paths([tmp_path]).findings
    assert [(Path(f.path).name, f.code, f.line) for f in findings] == [("client.ts", "HFM107", 1)]
    assert f'"model": "{M}"' in findings[0].message and not findings[0].fixable
    rewrite_paths([tmp_path])
    assert code.read_text().startswith("// hfmigrate: TODO(HFM107)") and "TODO" not in docs.read_text()
    assert [f.marker for f in scan_paths([tmp_path]).findings] == [True]
    before = code.read_text()
    rewrite_paths([tmp_path])
    assert code.read_text() == before
