"""HFM101-HFM106 in Python prose (hfmigrate/rules/legacy_urls_prose.py): legacy URLs in comments and docstrings,
what scan reports and what rewrite makes of them (the model map, suppressions, line endings, markers)."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from hfmigrate.files import SourceFile
from hfmigrate.scan import scan_contents
from tests.rewrite.helpers import noop, run, transformed
from tests.rules import spec

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
    found = {(f.line, f.column, f.code): f.fixable for f in _scan(source)}
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
    assert [f.fixable for f in _scan(source)] == [True]
    data = f'def f():\n    b"{L}/models/gpt2"\n'  # bytes are not prose (and ast does not call them docstrings)
    assert f"{L}/models/gpt2" in run(data)


# --- spec cases: scan and rewrite agree (tests/rules/spec.py) ---------------------------------------------------


def test_transformed_comments_wherever_they_are_and_a_docstring():
    """A comment above the first statement, one in the gap between statements, one after the last (the module's
    footer): rewrite parses only the statements that need it, the check reads the whole source."""
    spec.transformed(
        f"""
        # header {L}/models/gpt2

        import os

        # gap {L}/pipeline/feature-extraction/BAAI/bge-small-en-v1.5

        def f():
            \"\"\"Calls {L}/v1/ with the SDK.\"\"\"
            return os.sep  # was {L}/models/ before


        # footer {L}/models/org/model
        """,
        f"""
        # header {R}/hf-inference/models/gpt2

        import os

        # gap {R}/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction

        def f():
            \"\"\"Calls {R}/v1/ with the SDK.\"\"\"
            return os.sep  # was {R}/hf-inference/models/ before


        # footer {R}/hf-inference/models/org/model
        """,
    )


def test_transformed_each_url_of_one_comment_is_one_edit():
    source = f"# {L}/models/a/b and {L}/models/c/d, then {L}/pipeline/text-classification/e/f\n"
    result, applied = spec.rewrite(source)
    assert {key.code: n for key, n in applied.items()} == {"HFM101": 2, "HFM102": 1}
    spec.transformed(source, result)


def test_transformed_comment_urls_without_equivalent_get_the_rules_marker_above_them():
    spec.transformed(
        f"""
        import os
        # polls {L}/status/gpt2
        # matches api-inference\\.huggingface\\.co
        x = 1


        # chat {L}/models/m/v1/chat/completions
        """,
        f"""
        import os
        # hfmigrate: TODO(HFM104): Legacy endpoint with no router equivalent; see `hfmigrate rules HFM104`
        # polls {L}/status/gpt2
        # hfmigrate: TODO(HFM106): Legacy host inside a regular expression or pattern; see `hfmigrate rules HFM106`
        # matches api-inference\\.huggingface\\.co
        x = 1


        # hfmigrate: TODO(HFM103): OpenAI-compatible URL on the retired host; see `hfmigrate rules HFM103`
        # chat {L}/models/m/v1/chat/completions
        """,
    )
    found = spec.scan(f"# polls {L}/status/gpt2\n")
    assert [(f.code, f.fixable) for f in found] == [("HFM104", False)]


def test_noop_a_comment_or_docstring_without_the_host_and_a_suppressed_comment():
    spec.noop(f'''
    """Calls {R}/v1/ (the router already)."""
    x = 1  # see https://huggingface.co/gpt2
    ''')
    suppressed = f"# {L}/models/gpt2  hfmigrate: ignore[HFM101]\nx = 1\n"
    assert spec.rewrite(suppressed)[0] == suppressed
    assert _scan(suppressed) == []  # (spec.scan reports before suppressions)


def test_noop_a_docstring_that_is_only_a_url_is_the_string_checks():
    """``\"\"\" URL \"\"\"`` (spaces around the URL): the string's own check reports it with a marker, as for any
    string that is a URL with spaces around it. rewrite used to rewrite it as prose all the same, while scan
    called it unfixable (the one disagreement this move settles: in scan's favour)."""
    source = f'''""" {L}/models/gpt2 """\nx = 1\n'''
    result, applied = spec.rewrite(source)
    assert (
        result
        == "# hfmigrate: TODO(HFM101): Legacy model URL on the retired host; see `hfmigrate rules HFM101`\n" + source
    )
    assert [(f.code, f.fixable) for f in spec.scan(source)] == [("HFM101", False)]


def test_a_docstring_url_is_reported_where_it_is_written():
    """The URL's own line and columns (the older visitor put a URL on a docstring's first line at the docstring's
    column, and counted an escaped ``\\n`` as a line break)."""
    source = f'''def f():\n    """Doc {L}/models/gpt2 here."""\n    """Line\\n more {L}/models/a/b"""\n'''
    found = [(f.line, f.column, f.end_column) for f in spec.scan(source) if f.code == "HFM101"]
    url, other = len(f"{L}/models/gpt2"), len(f"{L}/models/a/b")
    assert found == [(2, 12, 12 + url), (3, 20, 20 + other)]


def test_the_model_map_reaches_the_check_through_its_context():
    from hfmigrate.engine.kinds import FileKind
    from hfmigrate.rules import REGISTRY

    text = f"# calls {L}/models/gpt2\n"
    edits = [
        e
        for v in REGISTRY.run_text(text, FileKind.PYTHON, "m.py", models={"gpt2": "openai-community/gpt2"})
        for e in v.fix.edits
    ]
    assert [e.new for e in edits] == [f"{R}/hf-inference/models/openai-community/gpt2"]
    assert [e.new for v in REGISTRY.run_text(text, FileKind.PYTHON, "m.py") for e in v.fix.edits] == [
        f"{R}/hf-inference/models/gpt2"
    ]


def test_transformed_a_docstring_url_ended_early_by_an_escape_is_still_rewritten():
    """``gp\\x742`` reads ``gpt2``: the source's URL stops at the backslash; the value's URLs are matched to the
    source's by rank, and the edit of the source's reads right."""
    source = f'def f():\n    """See {L}/models/gpt2 and {L}/models/gp\\x742."""\n'
    result, applied = spec.rewrite(source)
    assert result == source.replace(L + "/models/", R + "/hf-inference/models/")
    assert {key.code: n for key, n in applied.items()} == {"HFM101": 2}
    assert ast.literal_eval(result.splitlines()[1].strip()).count(f"{R}/hf-inference/models/gpt2") == 2
    spec.transformed(source, result)


def test_an_edit_whose_proof_fails_leaves_the_rules_marker():
    """A docstring whose value holds a URL twice, once written with an escaped slash: the program proof cannot tell
    the edit of the plain one from the other, so nothing is edited, and the finding gets the rule's marker (as the
    leftover pass gave it before)."""
    source = f'def f():\n    """See {L}/models/gpt2 and {L}\\x2fmodels/gpt2."""\n'
    result, applied = spec.rewrite(source)
    marker = "    # hfmigrate: TODO(HFM101): Legacy model URL on the retired host; see `hfmigrate rules HFM101`\n"
    assert result == source.replace("def f():\n", "def f():\n" + marker)
    assert {key.code: n for key, n in applied.items()} == {"HFM101": 1} and all(key.is_marker for key in applied)
    assert spec.rewrite(result)[0] == result


def test_an_edit_not_made_gets_the_rules_marker_from_the_whole_source_markers():
    """What is still found after the edits (here: none was made) is marked as the leftover pass marked it."""
    from hfmigrate.rewrite.python_text_fixes import mark_python_text_findings

    source = f"x = 1  # see {L}/models/gpt2\n"
    marked = mark_python_text_findings(source, "m.py", lambda code: True)
    marker = "# hfmigrate: TODO(HFM101): Legacy model URL on the retired host; see `hfmigrate rules HFM101`\n"
    assert marked.text == marker + source and marked.settled
    assert mark_python_text_findings(source, "m.py", lambda code: code != "HFM101").text == source


_DOCSTRING_SHAPES = [
    f'"""See {L}/models/gpt2."""\n',
    f'def f():\n    """Embeds.\n\n    Calls {L}/pipeline/feature-extraction/m here.\n    """\n',
    f"class C:\n    '''Uses {L}/models/org/m for it.'''\n",
    f'x = 1\n"""Module notes: {L}/v1/ is the base."""\n',
    f'def f():\n    r"""Raw: {L}/models/gpt2"""\n',
    f'"""A\\tdocstring with an escape before {L}/models/gpt2."""\n',
    f'"""Two: {L}/models/a and {L}/models/b."""\n',
    f'"""Concatenated: {L}/models/a.""" "tail"\n',
]


def test_the_docstring_gate_passes_every_module_whose_docstrings_the_prose_check_reports_in():
    """The prose check reads docstrings only where ``needs_string_checks`` passes (its promise: text before a URL in
    its string). Here the docstring part runs on every module regardless of the gate: wherever it reports, the gate
    must have passed. Every Python fixture and package module, and docstring shapes written for it."""
    import hfmigrate
    from hfmigrate.rules.legacy_urls import needs_string_checks
    from hfmigrate.rules.legacy_urls_prose import _in_docstrings, _Source

    root = Path(hfmigrate.__file__).resolve().parents[1]
    sources = list(_DOCSTRING_SHAPES)
    for path in sorted((root / "fixtures").rglob("*.py")) + sorted((root / "tests").rglob("*.py")):
        try:
            sources.append(path.read_text("utf-8"))
        except UnicodeDecodeError:
            continue
    reported = 0
    for source in sources:
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue
        if list(_in_docstrings(_Source(source), tree, {})):
            reported += 1
            assert needs_string_checks(source.encode("utf-8", "surrogatepass")), source[:300]
    assert reported >= len(_DOCSTRING_SHAPES)  # every shape reports: a test that cannot fail is a defect
