"""HFM901 (hfmigrate/rules/tokens.py): a hard-coded token is reported in every file kind and marked, never edited,
and never shown: not in a message, a marker, a replacement or a rewrite count."""

from hfmigrate.engine.kinds import Applied
from hfmigrate.rules import BY_CODE, tokens
from tests.rules.spec import noop, reported, rewrite, scan, transformed

TOKEN = "hf_" + "FakeoU0QDc5HadkyGMEKgktvpgYfctOsdA"  # fake, but the shape of a real one
MARKER = "hfmigrate: TODO(HFM901): Hard-coded Hugging Face token; see `hfmigrate rules HFM901`"


def _never_shown(source: str, path: str) -> None:
    for finding in scan(source, path):
        assert TOKEN not in " ".join(str(part) for part in (finding.message, finding.replacement))
    result, counts = rewrite(source, path)
    marker_lines = [line for line in result.splitlines() if "hfmigrate: TODO" in line]
    assert not any(TOKEN in line for line in marker_lines) and TOKEN not in str(counts)


def test_transformed_python_string_and_comment_get_a_marker_above_the_statement_holding_them():
    source = f'import os\n\nheaders = {{"Authorization": "Bearer {TOKEN}"}}\n\n\ndef f():\n    # old: {TOKEN}\n    return 1\n'
    transformed(
        source,
        f'import os\n\n# {MARKER}\nheaders = {{"Authorization": "Bearer {TOKEN}"}}\n\n\n# {MARKER}\ndef f():\n'
        f"    # old: {TOKEN}\n    return 1\n",  # (a comment above a body's first statement belongs to the def)
    )
    _never_shown(source, "example.py")


def test_transformed_a_token_deep_in_a_long_statement_is_marked_on_its_own_line():
    body = "".join(f"    {i},\n" for i in range(20))
    source = f'CONFIG = [\n{body}    "{TOKEN}",\n]\n'
    transformed(source, f'CONFIG = [\n{body}    # {MARKER}\n    "{TOKEN}",\n]\n')


def test_transformed_text_files_env_and_yaml():
    transformed(f"HF_TOKEN={TOKEN}\nOTHER=1\n", f"# {MARKER}\nHF_TOKEN={TOKEN}\nOTHER=1\n", path=".env")
    transformed(f"auth:\n  token: {TOKEN}\n", f"auth:\n  # {MARKER}\n  token: {TOKEN}\n", path="values.yaml")
    _never_shown(f"HF_TOKEN={TOKEN}\n", ".env")


def test_reported_without_a_marker_where_the_format_has_no_comments():
    found = reported(f'{{"token": "{TOKEN}"}}\n', "HFM901", path="config.json")
    assert [(f.line, f.column) for f in found] == [(1, 12)] and "hf_…" in found[0].message
    noop(f'{{"token": "{TOKEN}"}}\n', path="config.json")


def test_noop_placeholders_and_names_that_start_with_hf():
    noop('PLACEHOLDER = "hf_' + "x" * 34 + '"\nEXAMPLE = "hf_your_token_here"\nfrom x import hf_hub_download\n')
    noop("HF_TOKEN=hf_" + "X" * 34 + "\n", path=".env")
    assert not [f for f in scan("w = hf_hub_download_and_cache_everything_now_please()\n") if f.code == "HFM901"]


def test_a_file_that_does_not_parse_reports_its_token_once():
    from pathlib import Path
    from tempfile import TemporaryDirectory

    from hfmigrate.config import Settings
    from hfmigrate.scan import scan_paths

    with TemporaryDirectory() as folder:
        broken = Path(folder) / "broken.py"
        broken.write_text(f'def f(:\n    return "{TOKEN}"\n')
        found = [f for f in scan_paths([broken], Settings()).findings if f.code == "HFM901"]
    assert [(f.line, f.column) for f in found] == [(2, 13)]


def test_the_suppression_comment_keeps_the_marker_away():
    noop(f'T = "{TOKEN}"  # hfmigrate: ignore[HFM901]\n')


def test_the_catalogue_entry_and_the_marker_name_no_token():
    entry = BY_CODE["HFM901"]
    assert entry.summary == "Hard-coded Hugging Face token" and not entry.fixable
    assert "hf_…" in entry.before and tokens.has_token(entry.before.encode()) is False
    assert tokens.has_token(f'x = "{TOKEN}"'.encode()) and not tokens.has_token(b"hf_hub_download")
    filled = entry.before.replace("hf_…", TOKEN)
    assert [f.code for f in scan(filled) if f.code == "HFM901"] == ["HFM901"]


def test_rewrite_places_the_fix_marker_itself_and_leaves_the_leftover_passes_nothing():
    from collections import Counter

    from hfmigrate.config import Settings
    from hfmigrate.engine.dialects import ENV
    from hfmigrate.rewrite.leftovers import mark_leftovers
    from hfmigrate.rewrite.python_text_fixes import mark_python_text_findings
    from hfmigrate.rewrite.text import mark_text_leftovers, rewrite_fragment

    marks = mark_python_text_findings(f'T = "{TOKEN}"\n', "m.py", lambda code: True)
    assert marks.added == Counter({Applied.marker("HFM901"): 1}) and marks.settled
    assert not mark_leftovers(marks.text, "m.py", lambda code: True).added
    env, counts = rewrite_fragment(f"HF_TOKEN={TOKEN}\n", ENV, Settings(), ".env")
    assert counts == Counter({Applied.marker("HFM901"): 1})
    assert mark_text_leftovers(env, ENV, Settings(), ".env") == (env, Counter())


def test_a_token_in_a_long_string_that_no_marker_can_reach_is_left_for_scan_and_not_settled():
    from hfmigrate.rewrite.python_text_fixes import mark_python_text_findings

    source = 'HELP = """\nUsage:\n\n  export HF_TOKEN=' + TOKEN + '\n"""\n'
    marks = mark_python_text_findings(source, "m.py", lambda code: True)
    assert not marks.settled and marks.text.count("TODO(HFM901)") <= 1
    assert [f.code for f in scan(marks.text) if not f.marker] == ["HFM901"]
