"""HFM107 (hfmigrate/rules/text_generation.py) in text: an LLM URL already moved to ``ROUTER/hf-inference/models``
answers 404 (hf-inference serves no LLM); scan reports it, rewrite leaves the chat advice above its statement."""

from pathlib import Path

from hfmigrate.engine.rule_api import TextContext
from hfmigrate.rewrite.engine import rewrite_paths
from hfmigrate.rules import REGISTRY
from hfmigrate.rules.text_generation import generation_advice, llm_urls_on_hf_inference
from hfmigrate.scan import scan_paths
from tests.rules.spec import noop, reported, scan, transformed

R = "https://router.huggingface.co"
LLM = f"{R}/hf-inference/models/meta-llama/Llama-3.1-8B-Instruct"
MARKER = f"hfmigrate: TODO(HFM107): {generation_advice()}"


def test_the_family_is_on_the_registry_with_its_text_check_and_needle():
    family = next(f for f in REGISTRY.families if f.name == "text_generation")
    assert {e.code for e in family.entries} == {"HFM107", "HFM204"}
    assert [n.text for n in family.needles] == [b"/hf-inference/models/"]
    assert [c.callback for c in family.text_checks] == [llm_urls_on_hf_inference]


def test_transformed_code_and_config_get_the_marker_above_the_statement():
    transformed(f'fetch("{LLM}", opts);\n', f'// {MARKER}\nfetch("{LLM}", opts);\n', path="ask.js")
    transformed(f"curl {LLM} -d @body.json\n", f"# {MARKER}\ncurl {LLM} -d @body.json\n", path="ask.sh")
    transformed(f"llm:\n  url: {LLM}\n", f"llm:\n  # {MARKER}\n  url: {LLM}\n", path="config.yaml")
    transformed(f"LLM_URL={LLM}\n", f"# {MARKER}\nLLM_URL={LLM}\n", path=".env")


def test_reported_with_the_model_in_the_message_and_no_fix():
    (found,) = reported(f'const u = "{LLM}";\n', "HFM107", path="ask.ts")
    assert (found.line, found.column) == (1, 12)
    assert (
        '"model": "meta-llama/Llama-3.1-8B-Instruct"' in found.message and f"{R}/v1/chat/completions" in found.message
    )


def test_a_format_without_comments_keeps_the_finding():
    source = f'{{"url": "{LLM}"}}\n'
    noop(source, path="settings.json")
    reported(source, "HFM107", path="settings.json")


def test_noop_what_hf_inference_serves_a_run_time_model_and_the_chat_route():
    for source in (
        f"const u = '{R}/hf-inference/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english';\n",
        f"const u = '{R}/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction';\n",
        f"const u = `{R}/hf-inference/models/${{model}}`;\n",
        f"const u = '{R}/v1/chat/completions';\n",
    ):
        noop(source, path="ask.js")
        assert not [f for f in scan(source, "ask.js") if f.code == "HFM107"], source


def test_noop_prose_and_requirements_files():
    """Markdown names the URL, it does not call it. A requirements file is no call either (behaviour change: rewrite
    used to leave the marker in requirements.txt, where scan reported nothing)."""
    for path in ("README.md", "notes.rst", "requirements.txt"):
        noop(f"See {LLM}\n", path=path)
        assert not scan(f"See {LLM}\n", path), path


def test_html_only_script_bodies_count(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(f"<p>{LLM}</p>\n<script>\nfetch('{LLM}');\n</script>\n")
    assert [(f.code, f.line) for f in scan_paths([tmp_path]).findings] == [("HFM107", 3)]
    rewrite_paths([tmp_path])
    assert page.read_text() == f"<p>{LLM}</p>\n<script>\n// {MARKER}\nfetch('{LLM}');\n</script>\n"


def test_the_context_decides_a_notebook_text_is_prose_unless_its_dialect_says_code():
    line = f"!curl {LLM}\n"
    assert list(llm_urls_on_hf_inference(line, TextContext("nb.ipynb"))) == []  # a markdown cell
    assert [v.code for v in llm_urls_on_hf_inference(line, TextContext("nb.ipynb", "shell"))] == ["HFM107"]
    assert list(llm_urls_on_hf_inference(line, TextContext("broken.py"))) == []  # Python that does not parse


def test_notebook_shell_lines_and_cell_magics_are_reported_and_a_bash_cell_is_marked(tmp_path: Path):
    """Behaviour change: scan used to report HFM107 in no notebook, while rewrite marked a ``%%bash`` cell's URL."""
    import json

    cells = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": source}
        for source in (["%%bash\n", f"curl {LLM}\n"], [f"!curl {LLM}\n", "x = 1\n"])
    ] + [{"cell_type": "markdown", "metadata": {}, "source": [f"See {LLM}\n"]}]
    notebook = tmp_path / "nb.ipynb"
    notebook.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    found = scan_paths([tmp_path]).findings
    assert [(f.cell, f.line, f.code, f.fixable) for f in found] == [(1, 2, "HFM107", False), (2, 1, "HFM107", False)]
    rewrite_paths([tmp_path])
    sources = ["".join(c["source"]) for c in json.loads(notebook.read_text())["cells"]]
    assert sources[0] == f"%%bash\n# {MARKER}\ncurl {LLM}\n"
    assert sources[1:] == [f"!curl {LLM}\nx = 1\n", f"See {LLM}\n"]  # a ! line has no room for a comment
    after = scan_paths([tmp_path]).findings
    assert [(f.cell, f.marker) for f in after] == [(1, True), (2, False)]
