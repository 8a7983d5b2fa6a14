"""Recorded HTTP exchanges: files that are reported, never edited (HFM108).

A cassette, HAR file or snapshot holds what a server once answered. Editing the recorded request makes replay
stop matching, and editing the answer makes it claim the router said what the retired host said. So scan reports
the legacy URLs in them as HFM108 (the original finding's text kept), rewrite never changes them, and its summary
lists them as left for a person: re-record them against the router.

What counts as a recording, by path: a file under a folder whose name contains ``cassette`` (``cassettes/``,
``vcr_cassettes/``) or named ``__snapshots__``; a ``*.har``, ``*.ambr`` (syrupy) or ``*.snap`` (jest) file. By
content, in YAML or JSON anywhere: VCR.py / pytest-recording / Ruby VCR / betamax (``interactions`` or
``http_interactions`` with ``request``), the ``responses`` recorder (``responses`` with ``response`` and
``url``), HAR (``log`` with ``entries`` and ``request``), and request/response files such as respx or WireMock
recordings (``request`` and ``response`` with a ``url`` or ``uri``).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from hfmigrate.findings import Finding

CODE = "HFM108"
_RECORDING_SUFFIXES = {".har": "HAR file", ".ambr": "syrupy snapshot", ".snap": "jest snapshot"}
_DATA_SUFFIXES = frozenset({".yaml", ".yml", ".json"})


def _key(name: str) -> re.Pattern[str]:
    return re.compile(rf"""^[ \t]*(?:-[ \t]+)?["']?{name}["']?[ \t]*:""", re.MULTILINE)


_INTERACTIONS, _HTTP_INTERACTIONS, _REQUEST = _key("interactions"), _key("http_interactions"), _key("request")
_RESPONSES, _RESPONSE, _URL = _key("responses"), _key("response"), _key("url")
_LOG, _ENTRIES, _URI = _key("log"), _key("entries"), _key("uri")
_JSON_KEY = r"""["']{}["']\s*:"""


def recording_kind(display: str, text: str) -> str | None:
    """What kind of recording the file at ``display`` is ("VCR cassette", "HAR file", ...), or None."""
    path = PurePosixPath(display)
    suffix = path.suffix.lower()
    if suffix in _RECORDING_SUFFIXES:
        return _RECORDING_SUFFIXES[suffix]
    folders = [part.lower() for part in path.parts[:-1]]
    if "__snapshots__" in folders:
        return "snapshot"
    if any("cassette" in folder for folder in folders):
        return "cassette"
    if suffix in _DATA_SUFFIXES:
        return _kind_by_content(text, json=suffix == ".json")
    return None


def _kind_by_content(text: str, json: bool) -> str | None:
    def has(pattern: re.Pattern[str], name: str) -> bool:
        return bool(re.search(_JSON_KEY.format(name), text)) if json else bool(pattern.search(text))

    interactions = has(_INTERACTIONS, "interactions") or has(_HTTP_INTERACTIONS, "http_interactions")
    if interactions and has(_REQUEST, "request"):
        return "VCR cassette"
    if has(_RESPONSES, "responses") and has(_RESPONSE, "response") and has(_URL, "url"):
        return "`responses` recording"
    if has(_LOG, "log") and has(_ENTRIES, "entries") and has(_REQUEST, "request"):
        return "HAR file"
    if has(_REQUEST, "request") and has(_RESPONSE, "response") and (has(_URL, "url") or has(_URI, "uri")):
        return "recorded exchange"  # respx / WireMock-style request-response files
    return None


def as_recording(finding: Finding, kind: str) -> Finding:
    """The finding as scan reports it in a recording: HFM108, never fixable. Tokens and markers stay what they are."""
    from hfmigrate.rules.tokens import CODE as TOKEN_CODE  # a token in a recording is a token: revoke it

    if finding.code == TOKEN_CODE or finding.marker:
        return finding
    what = finding.message.split("; ", 1)[0]  # the advice after it is for code, not for recordings
    target = f" (the migrated code calls `{finding.replacement}`)" if finding.replacement else ""
    message = (
        f"{what}, recorded in a {kind} ({finding.code} outside recordings): re-record it against the router{target}; "
        "never edit a recording"
    )
    return finding.at(code=CODE, message=message, fixable=False, replacement=None)
