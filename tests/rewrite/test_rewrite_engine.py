"""Safety of the rewrite engine: bytes outside edits, encodings, modes, atomic writes, idempotence, bad input."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

from hfmigrate.engine.kinds import Applied
from hfmigrate.rewrite import rewrite_paths

L = "https://api-inference.huggingface.co"
R = "https://router.huggingface.co"


def hfmigrate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hfmigrate", *args], capture_output=True, text=True)


def test_crlf_tabs_and_odd_formatting_survive(tmp_path: Path):
    source = (
        "import requests\r\n"
        "\r\n"
        "def  f( x ) :\r\n"
        "\tURL = '%s/models/distilbert-base-uncased'  # keep me\r\n"
        "\treturn requests.post( URL ,json = {'inputs':x,'options':{'wait_for_model':True}} )\r\n"
    ) % L
    path = tmp_path / "crlf.py"
    path.write_bytes(source.encode())
    rewrite_paths([path])
    expected = source.replace(f"{L}/models/", f"{R}/hf-inference/models/").replace(
        ",'options':{'wait_for_model':True}", ""
    )
    assert path.read_bytes() == expected.encode()


def test_latin1_file_with_a_cookie_keeps_its_encoding_and_bytes(tmp_path: Path):
    source = f'# -*- coding: latin-1 -*-\n# Café, déjà vu\nURL = "{L}/models/gpt2"\nname = "Müller"\n'
    path = tmp_path / "latin.py"
    path.write_bytes(source.encode("latin-1"))
    rewrite_paths([path])
    assert path.read_bytes() == source.replace(f"{L}/models", f"{R}/hf-inference/models").encode("latin-1")


def test_bom_is_kept(tmp_path: Path):
    path = tmp_path / "bom.py"
    path.write_bytes(b"\xef\xbb\xbf" + f'URL = "{L}/models/gpt2"\n'.encode())
    rewrite_paths([path])
    assert path.read_bytes() == b"\xef\xbb\xbf" + f'URL = "{R}/hf-inference/models/gpt2"\n'.encode()


def test_large_module_with_one_legacy_line_changes_only_that_line(tmp_path: Path):
    lines = [f"def function_{i}(a, b):  # comment {i}\n    return a * {i} + b\n\n" for i in range(400)]
    lines.insert(200, f'API_URL = "{L}/models/org/model"  # the only legacy line\n')
    before = "".join(lines)
    path = tmp_path / "big.py"
    path.write_text(before)
    rewrite_paths([path])
    after_lines, before_lines = path.read_text().splitlines(), before.splitlines()
    assert len(after_lines) == len(before_lines) > 1000
    different = [i for i, (a, b) in enumerate(zip(before_lines, after_lines)) if a != b]
    assert len(different) == 1 and R in after_lines[different[0]]


def test_file_mode_is_kept_and_no_temp_file_is_left(tmp_path: Path):
    path = tmp_path / "script.py"
    path.write_text(f'URL = "{L}/models/gpt2"\n')
    path.chmod(0o751)
    rewrite_paths([path])
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert sorted(p.name for p in tmp_path.iterdir()) == ["script.py"]


def test_symlinked_file_is_written_through_not_replaced(tmp_path: Path):
    real = tmp_path / "real.py"
    real.write_text(f'URL = "{L}/models/gpt2"\n')
    link = tmp_path / "link.py"
    link.symlink_to(real)
    rewrite_paths([link])
    assert link.is_symlink() and R in real.read_text()


def test_check_and_diff_write_nothing_and_exit_1(tmp_path: Path):
    path = tmp_path / "a.py"
    path.write_text(f'URL = "{L}/models/gpt2"\n')
    before = path.read_bytes()
    check = hfmigrate("rewrite", "--check", str(tmp_path))
    diff = hfmigrate("rewrite", "--diff", str(tmp_path))
    assert check.returncode == 1 and f"would rewrite {path}" in check.stdout
    assert diff.returncode == 1 and f'+URL = "{R}/hf-inference/models/gpt2"' in diff.stdout
    assert path.read_bytes() == before


def test_second_run_changes_nothing_and_exits_0_without_markers(tmp_path: Path):
    (tmp_path / "a.py").write_text(f'URL = "{L}/models/gpt2"\n')
    first, second = hfmigrate("rewrite", str(tmp_path)), hfmigrate("rewrite", str(tmp_path))
    assert first.returncode == 0 and "1 changed" in first.stdout
    assert second.returncode == 0 and "0 changed" in second.stdout


def test_markers_left_exit_1(tmp_path: Path):
    (tmp_path / "a.py").write_text(f'import requests\nrequests.get("{L}/status/gpt2")\n')
    assert hfmigrate("rewrite", str(tmp_path)).returncode == 1


def test_unparseable_file_is_skipped_with_the_parser_line(tmp_path: Path):
    path = tmp_path / "broken.py"
    source = f'def f():\n    x = 1\n  y = "{L}/models/gpt2"\n'
    path.write_text(source)
    result = hfmigrate("rewrite", "--verbose", str(tmp_path))
    assert "broken.py: error: does not parse (line 3" in result.stdout and result.returncode == 2
    assert path.read_text() == source and "Traceback" not in result.stderr + result.stdout


def test_nonexistent_path_and_bad_model_map_are_one_line_errors(tmp_path: Path):
    missing = hfmigrate("rewrite", str(tmp_path / "nope"))
    bad_map = hfmigrate("rewrite", "--model-map", "gpt2", str(tmp_path))
    for result in (missing, bad_map):
        assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_cross_module_constant_and_its_joins(tmp_path: Path):
    (tmp_path / "config.py").write_text(f'import os\nBASE = os.environ.get("HF_BASE", "{L}")\n')
    (tmp_path / "embed.py").write_text('from config import BASE\nURL = f"{BASE}/pipeline/feature-extraction/{MODEL}"\n')
    (tmp_path / "classify.py").write_text('from config import BASE\nURL = BASE + "/models/" + MODEL\n')
    rewrite_paths([tmp_path])
    assert f'"{R}/hf-inference"' in (tmp_path / "config.py").read_text()
    assert (tmp_path / "embed.py").read_text().endswith('URL = f"{BASE}/models/{MODEL}/pipeline/feature-extraction"\n')
    assert (tmp_path / "classify.py").read_text().endswith('URL = BASE + "/models/" + MODEL\n')


def test_per_file_ignores_from_config(tmp_path: Path):
    (tmp_path / ".hfmigrate.yaml").write_text('per-file-ignores:\n  "legacy_*.py": ["HFM101"]\n')
    (tmp_path / "legacy_keep.py").write_text(f'URL = "{L}/models/gpt2"\n')
    (tmp_path / "other.py").write_text(f'URL = "{L}/models/gpt2"\n')
    hfmigrate("rewrite", str(tmp_path))
    assert L in (tmp_path / "legacy_keep.py").read_text() and L not in (tmp_path / "other.py").read_text()


def test_unwritable_folder_is_an_error_not_a_traceback(tmp_path: Path):
    """The OS refuses to create the temp file (a read-only folder; injected, so it holds as root too)."""
    from tests.faults import run_with_faults

    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "a.py").write_text(f'URL = "{L}/models/gpt2"\n')
    result = run_with_faults({"write": {"a.py": "EACCES"}}, "rewrite", "ro", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stdout + result.stderr
    assert "hfmigrate: ro/a.py: error: cannot write: Permission denied; the file is unchanged" in result.stdout
    assert sorted(p.name for p in folder.iterdir()) == ["a.py"]


def test_nothing_outside_the_given_paths_is_written(tmp_path: Path):
    inside, outside = tmp_path / "in", tmp_path / "out"
    inside.mkdir(), outside.mkdir()
    (outside / "config.py").write_text(f'BASE = "{L}"\n')
    (inside / "use.py").write_text("from config import BASE\nURL = f'{BASE}/models/x'\n")
    rewrite_paths([inside])
    assert (outside / "config.py").read_text() == f'BASE = "{L}"\n'


def test_check_on_the_fixture_app_exits_1_and_writes_nothing():
    root = Path(__file__).resolve().parents[2] / "fixtures" / "legacy-app"
    snapshot = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    result = hfmigrate("rewrite", "--check", str(root))
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "would rewrite" in result.stdout
        and "app/generate.py" in result.stdout
        and "notebooks/explore.ipynb" in result.stdout
    )
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == snapshot


def test_what_rewrite_cannot_fix_gets_a_marker_so_scan_then_reports_only_markers(tmp_path: Path):
    from hfmigrate.scan import scan_paths

    path = tmp_path / "leftovers.py"
    path.write_text(
        "import re, json, requests\n"
        "from text_generation import InferenceAPIClient\n"
        'MOCK = re.compile(r"^https://api-inference\\.huggingface\\.co/models/.*$")\n'
        'client = InferenceAPIClient("bigscience/bloomz")\n'
        'TOKEN = "hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"\n'
        "def stream(r):\n"
        "    for line in r.iter_lines():\n"
        '        yield json.loads(line[5:])["token"]["text"]\n'
    )
    before = {f.code for f in scan_paths([path]).findings}
    assert before >= {"HFM106", "HFM205", "HFM308", "HFM901"}
    rewrite_paths([path])
    after = scan_paths([path]).findings
    assert after and all(f.marker for f in after) and {f.code for f in after} == before
    once = path.read_bytes()
    rewrite_paths([path])
    assert path.read_bytes() == once
    assert "hf_AbCdEf" in path.read_text()  # the token is never moved or changed, only marked


def test_suppressed_edits_are_not_counted(tmp_path: Path):
    path = tmp_path / "a.py"
    path.write_text(
        f'A = "{L}/models/gpt2"\nB = "{L}/models/gpt2"  # hfmigrate: ignore\nC = "{L}/models/gpt2"  # hfmigrate: ignore[HFM101]\n'
    )
    result = rewrite_paths([path], write=False)
    assert result.counts()[Applied("HFM101")] == 1


def test_only_whole_names_make_a_module_join_a_constant_defined_elsewhere(tmp_path: Path):
    """huggingface_hub's INFERENCE_ENDPOINT is inside INFERENCE_ENDPOINTS_ENDPOINT: a module naming only the longer
    name joins nothing (it is not read; one that does not parse would otherwise be reported)."""
    (tmp_path / "config.py").write_text(f'import os\nBASE = os.environ.get("HF_BASE", "{L}")\n')
    (tmp_path / "db.py").write_text("DATABASE_URL = BASE_V2 + (\n")
    (tmp_path / "uses.py").write_text("from config import BASE\nURL = BASE + (\n")
    result = rewrite_paths([tmp_path], write=False)
    unparsed = [Path(d.path).name for d in result.diagnostics if "does not parse" in d.reason]
    assert unparsed == ["uses.py"]
