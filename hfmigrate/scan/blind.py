"""Findings for files scan selected but could not parse: the gate never passes on a file it did not look at.

A file over ``max-file-size``, or one whose bytes cannot be decoded without loss, is searched as bytes for the
legacy host (:mod:`hfmigrate.rawsearch`). Each place it appears is a finding, classified from the URL
around it like any other (HFM101, HFM102 ...), never fixable (rewrite does not touch the file), and its message
says why the file was not fully read.
"""

from __future__ import annotations

from hfmigrate import urls
from hfmigrate.findings import Finding
from hfmigrate.rawsearch import HostHit, find_host
from hfmigrate.rules.legacy_urls import judge_url


def host_findings(path: str, hits: tuple[HostHit, ...] | list[HostHit], why: str) -> list[Finding]:
    return [_finding(path, hit, why) for hit in hits]


def bytes_findings(path: str, data: bytes, why: str) -> list[Finding]:
    return host_findings(path, find_host(data), why)


def _finding(path: str, hit: HostHit, why: str) -> Finding:
    snippet = hit.snippet.decode("utf-8", "replace")
    matches = [m for m in urls.find_legacy_urls(snippet) if m.start == 0]
    if matches:
        verdict = judge_url(matches[0].url, matches[0].text)
        code, message, length = verdict.code, verdict.message, len(matches[0].text)
    else:
        code, message, length = (
            "HFM105",
            f"the retired host `{urls.LEGACY_HOST}`",
            len(urls.LEGACY_HOST),
        )
    message = f"{message} (found in the raw bytes: {why}; rewrite leaves this file alone)"
    return Finding(path, hit.line, hit.column, code, message, hit.line, hit.column + length, fixable=False)
