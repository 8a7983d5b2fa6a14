"""Reading one file gives a typed outcome; decoding keeps every byte; the raw host search finds what it must."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest

from hfmigrate import rawsearch, sources
from hfmigrate.errors import RewriteError
from hfmigrate.sources import (
    Binary,
    NotRegular,
    Ok,
    SourceText,
    TooLarge,
    Undecodable,
    Unreadable,
    decode_bytes,
    read_source,
)

HOST = b"api-inference.huggingface.co"


def test_each_outcome(tmp_path: Path):
    (tmp_path / "ok.py").write_bytes(b"x = 1\n")
    (tmp_path / "bin.json").write_bytes(b"\x00\x01")
    (tmp_path / "big.js").write_bytes(b"// " + b"x" * 100 + b"\nfetch('https://" + HOST + b"/models/m')\n")
    os.mkfifo(tmp_path / "pipe.py")
    (tmp_path / "dangling.py").symlink_to(tmp_path / "nowhere.py")
    assert read_source(tmp_path / "ok.py", 1000) == Ok(b"x = 1\n")
    assert read_source(tmp_path / "bin.json", 1000) == Binary()
    big = read_source(tmp_path / "big.js", 50)
    assert isinstance(big, TooLarge) and (big.size, big.limit) == (159, 50)
    assert [(hit.line, hit.column) for hit in big.hits] == [(2, 8)]
    assert big.reason == "159 bytes, over the 50 bytes limit (max-file-size)" and big.kind == "downgraded"
    assert read_source(tmp_path / "pipe.py", 1000) == NotRegular()
    assert read_source(tmp_path / "dangling.py", 1000) == Unreadable("No such file or directory")


def test_the_os_refusing_the_read_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "locked.py").write_bytes(b"x = 1\n")

    def refuse(path):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(sources, "open_binary", refuse)
    outcome = read_source(tmp_path / "locked.py", 1000)
    assert outcome == Unreadable("Permission denied")
    assert (outcome.kind, outcome.reason) == ("error", "cannot read: Permission denied")


@pytest.mark.parametrize(
    "data",
    [
        b"# caf\xe9\nx = '\x93\x94'\r\n",
        b"\xef\xbb\xbf# BOM then \xff\n",
        b"ok\n\x80",
        b"\xc3(\xa0\xa1 \xf0\x28\x8c\x28",
    ],
)
def test_undecodable_bytes_come_back_as_they_were(data: bytes):
    decoded = decode_bytes(data, python=True)
    assert isinstance(decoded, SourceText) and decoded.escaped and decoded.warning
    assert decoded.text.encode("utf-8")  # only characters ast and libcst accept
    assert decoded.encode(decoded.text) == data
    assert decoded.encode(decoded.text.replace("#", "# new")) == data.replace(b"#", b"# new")


def test_a_file_that_decodes_is_left_as_it_is():
    decoded = decode_bytes("# é\n".encode(), python=False)
    assert decoded == SourceText("# é\n".encode(), "# é\n", "utf-8")
    cookie = decode_bytes(b"# -*- coding: latin-1 -*-\n# \xe9\n", python=True)
    assert isinstance(cookie, SourceText) and cookie.text.endswith("# é\n") and not cookie.escaped


def test_what_cannot_be_kept_is_undecodable_or_refused():
    assert isinstance(decode_bytes("\uf7e9".encode() + b"\xe9", python=False), Undecodable)
    latin = decode_bytes(b"# -*- coding: latin-1 -*-\nx = 1\n", python=True)
    with pytest.raises(RewriteError, match="iso-8859-1 cannot encode"):
        latin.encode("x = '…'\n")


def test_the_streamed_search_finds_hits_across_chunk_boundaries(monkeypatch: pytest.MonkeyPatch):
    data = b"a\r\nb\rc https://" + HOST + b"/m\n" + b"x" * 50 + b"\r\n " + HOST.upper() + b"\r\r\nX" + HOST
    expected = [(hit.line, hit.column) for hit in rawsearch.find_host(data)]
    assert expected == [(3, 3), (5, 2), (7, 2)]
    for chunk in (1, 7, 29, 64, 1 << 20):
        monkeypatch.setattr(rawsearch, "_CHUNK", chunk)
        assert [(hit.line, hit.column) for hit in rawsearch.streamed_hits(io.BytesIO(data))] == expected, chunk
