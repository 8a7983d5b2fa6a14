"""Legacy URLs in Python comments and docstrings (hfmigrate.rewrite.prose), and what scan says about them."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from hfmigrate.files import SourceFile
from hfmigrate.scan import parse_and_scan, scan_contents
from tests.rewrite.helpers import noop, run, transformed

L = "https://api-inference.huggingface.co"
R = "https://router.huggingface.co"


def _scan(text: str):
    """What ``hfmigrate scan`` reports for this module (markers stand for the finding below them)."""
    return scan_contents([(SourceFile(Path("example.py"), "example.py", "python"), text.encode())]).findings


def test_multi_line_docstring_and_the_comment_after_it():
    transformed(
        f'''
        def documented():
            """Calls the classifier.

            It used to live at {L}/models/dslim/bert-base-NER and answered JSON.
            """


        # see {L}/models/gpt2
        ''',
        f'''
        def documented():
            """Calls the classifier.

            It used to live at {R}/hf-inference/models/dslim/bert-base-NER and answered JSON.
            """


        # see {R}/hf-inference/models/gpt2
        ''',
    )


def test_module_and_class_docstrings_pipeline_and_v1_urls():
    transformed(
        f'''
        """Embeds with {L}/pipeline/feature-extraction/BAAI/bge-small-en-v1.5."""


        class Client:
            r"""OpenAI base URL: {L}/v1/ (was)."""

            x = 1  # prefix {L}/models/
        ''',
        f'''
        """Embeds with {R}/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction."""


        class Client:
            r"""OpenAI base URL: {R}/v1/ (was)."""

            x = 1  # prefix {R}/hf-inference/models/
        ''',
    )


def test_model_map_applies_to_prose_too():
    transformed(
        f"# calls {L}/models/gpt2\n",
        f"# calls {R}/hf-inference/models/openai-community/gpt2\n",
        models={"gpt2": "openai-community/gpt2"},
    )


def test_no_equivalent_gets_a_marker_and_the_rest_is_still_rewritten():
    result = run(
        textwrap.dedent(f'''
        def status():
            """Reads {L}/status/gpt2 first.

            Then {L}/models/gpt2.
            """
        ''')
    )
    assert f"{R}/hf-inference/models/gpt2" in result
    assert "# hfmigrate: TODO(HFM104)" in result.splitlines()[2]
    findings = _scan(result)
    assert findings and all(f.marker for f in findings)
    ast.parse(result)
    assert run(result) == result


def test_code_strings_and_suppressed_prose_are_not_prose_edits():
    noop(f'''
    # {L}/models/gpt2  hfmigrate: ignore
    def f():
        """See {L}/models/gpt2."""  # hfmigrate: ignore[HFM101]
    ''')
    result = run(f'MESSAGE = "moved from {L}/models/gpt2 to the router"\n')
    assert f"{L}/models/gpt2" in result and "TODO(HFM101)" in result  # a string code uses: marked, not edited


def test_escaped_or_f_string_docstrings_are_left_to_markers():
    source = f'def f():\n    f"""{{x}} {L}/models/gpt2"""\n'
    result = run(source)
    assert f"{L}/models/gpt2" in result and "TODO(" in result


def test_disabled_code_is_not_touched():
    noop(f"# {L}/models/gpt2\n", enabled_codes=frozenset({"HFM102"}))


def test_crlf_and_non_ascii_before_the_url_keep_their_bytes():
    source = f'def f():\r\n    """Café ☕ — {L}/models/gpt2."""\r\n    return 1  # über {L}/models/gpt2\r\n'
    result = run(source)
    assert result == source.replace(f"{L}/models/gpt2", f"{R}/hf-inference/models/gpt2")


def test_scan_calls_prose_urls_fixable_only_when_rewrite_changes_them():
    source = textwrap.dedent(f'''
    def f():
        """Doc {L}/models/gpt2 and {L}/status/gpt2."""
        return "x {L}/models/gpt2"  # c {L}/models/gpt2
    ''')
    found = {(f.line, f.column, f.code): f.fixable for f in parse_and_scan("a.py", source).findings}
    fixable = sorted(key for key, value in found.items() if value)
    assert [(line, code) for line, _, code in fixable] == [(3, "HFM101"), (4, "HFM101")]
    assert found[next(k for k in found if k[2] == "HFM104")] is False
    assert sum(1 for k in found if k[0] == 4) == 2  # the code string (not fixable) and the comment (fixable)


def test_unreachable_docstring_line_gets_one_marker_above_the_docstring_and_stays_a_finding():
    source = textwrap.dedent(f'''
    def status():
        """Reads the model.

        It used {L}/status/gpt2 first.
        """


    # see {L}/status/gpt2
    ''')
    result = run(source)
    assert result.count("TODO(HFM104)") == 2 and "    # hfmigrate: TODO(HFM104)" in result.splitlines()[2]
    assert run(result) == result  # the marker out of reach is not added again
    left = [f for f in _scan(result) if not f.marker]
    assert [(f.line, f.code) for f in left] == [(6, "HFM104")]  # rewrite then exits 1: left for a person


def test_implicitly_concatenated_docstring_is_prose_and_fixable():
    source = f'def f():\n    ("See "\n     "{L}/models/gpt2")\n'
    assert run(source) == source.replace(f"{L}/models/gpt2", f"{R}/hf-inference/models/gpt2")
    assert [f.fixable for f in parse_and_scan("a.py", source).findings] == [True]
    data = f'def f():\n    b"{L}/models/gpt2"\n'  # bytes are not prose (and ast does not call them docstrings)
    assert f"{L}/models/gpt2" in run(data)
