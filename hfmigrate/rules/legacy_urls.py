"""HFM101-HFM108: the retired host's URLs (hf-api.md §1), what each finding says, and the family's entries.

    "https://api-inference.huggingface.co/models/" + model
        → "https://router.huggingface.co/hf-inference/models/" + model                          (HFM101)
    f"{LEGACY}/pipeline/feature-extraction/{m}"
        → f"{ROUTER}/hf-inference/models/{m}/pipeline/feature-extraction"                      (HFM102)
    OpenAI(base_url="https://api-inference.huggingface.co/v1/") → OpenAI(base_url="https://router.huggingface.co/v1/")
    "https://api-inference.huggingface.co/status/gpt2"      → a marker: ask the Hub instead   (HFM104)
    HF_API_BASE = "https://api-inference.huggingface.co"     → the hf-inference prefix, where every join is seen
    re.compile(r"https://api-inference\\.huggingface\\.co/.*")  → a marker: a person updates the pattern (HFM106)

What each URL form becomes comes from :mod:`hfmigrate.urls`; :func:`judge_url` words the finding for one URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hfmigrate import urls
from hfmigrate.auth import redact
from hfmigrate.engine.rule_api import (
    CatalogueEntry,
    Fix,
    Needle,
    PythonViolation,
    RuleFamily,
    TextViolation,
)
from hfmigrate.urls import HUB_URL, LEGACY_URL, ROUTER_URL

if TYPE_CHECKING:  # libcst is imported by the runner only: listing the rules must not pay for it
    import libcst as cst

    from hfmigrate.engine.python import PythonView

_L = LEGACY_URL
_R = ROUTER_URL

FAMILY = RuleFamily("legacy_urls")
FAMILY.entry(
    CatalogueEntry(
        "HFM101",
        "legacy-model-url",
        "Legacy model URL on the retired host",
        f"`POST {_L}/models/{{id}}` answers 410 Gone. HF's own provider serves the same payload at "
        f"`{_R}/hf-inference/models/{{id}}`, for the (mostly CPU) models it still deploys. Since mid 2026 it "
        "serves no LLMs, and today's LLMs are mapped only for chat: LLM text generation belongs on "
        f"`{_R}/v1/chat/completions` (see HFM107).",
        f'API_URL = "{_L}/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english"',
        f'API_URL = "{_R}/hf-inference/models/distilbert/distilbert-base-uncased-finetuned-sst-2-english"',
        fixable=True,
    ),
    CatalogueEntry(
        "HFM102",
        "legacy-pipeline-url",
        "Legacy pipeline URL on the retired host",
        f"`{_L}/pipeline/{{task}}/{{id}}` is gone. For feature-extraction and sentence-similarity the task moves "
        f"after the id: `{_R}/hf-inference/models/{{id}}/pipeline/{{task}}`; other tasks use "
        f"`{_R}/hf-inference/models/{{id}}`.",
        f'url = f"{_L}/pipeline/feature-extraction/{{model_id}}"',
        f'url = f"{_R}/hf-inference/models/{{model_id}}/pipeline/feature-extraction"',
        fixable=True,
    ),
    CatalogueEntry(
        "HFM103",
        "legacy-openai-url",
        "OpenAI-compatible URL on the retired host",
        f"The OpenAI-compatible base `{_L}/v1/` and per-model chat URLs `{_L}/models/{{id}}/v1/...` are gone. "
        f"Use `{_R}/v1` with the model id in the request body. A per-model URL used as the base URL of an "
        f"OpenAI, InferenceClient or ChatOpenAI client becomes `{_R}/v1`, and its chat calls' `model` (a "
        'placeholder such as "tgi", or none) becomes the id; where a chat call is out of reach, a marker names '
        "the id to pass.",
        f'client = OpenAI(base_url="{_L}/v1/", api_key=token)',
        f'client = OpenAI(base_url="{_R}/v1/", api_key=token)',
        fixable=True,
    ),
    CatalogueEntry(
        "HFM104",
        "legacy-endpoint-without-equivalent",
        "Legacy endpoint with no router equivalent",
        "`/status/{id}`, `/framework/...` and `/models/{id}/info` have no router counterpart. Ask the Hub API "
        f"instead (`GET {HUB_URL}/api/models/{{id}}?expand[]=inference`). rewrite marks these; a person "
        "decides.",
        f'requests.get(f"{_L}/status/{{model}}")',
        f'requests.get(f"{HUB_URL}/api/models/{{model}}", params={{"expand[]": "inference"}})',
    ),
    CatalogueEntry(
        "HFM105",
        "legacy-host-prefix",
        "Legacy host or prefix completed elsewhere",
        "A constant or default holds only the legacy host (or `/models/`); the rest of the URL is joined elsewhere. "
        f"When every use of that binding (followed through imports in the tree; same-named variables elsewhere do "
        f"not count) is a join rewrite sees, the prefix becomes `{_R}/hf-inference` (an environment default gets "
        "the new default) and joins that append something other than `/models/{id}` are rewritten where they are. "
        "A function-local host variable joined in the same function is treated the same way. Otherwise the marker "
        "names the uses that blocked it (file:line), and joins on an environment-backed prefix are marked, never "
        "made absolute.",
        f'HF_API_BASE = "{_L}"\nurl = f"{{HF_API_BASE}}/models/{{model}}"',
        f'HF_API_BASE = "{_R}/hf-inference"\nurl = f"{{HF_API_BASE}}/models/{{model}}"',
        fixable=True,
    ),
    CatalogueEntry(
        "HFM106",
        "legacy-host-pattern",
        "Legacy host inside a regular expression or pattern",
        "A pattern (often a test mock) matches the retired host. Once the code is migrated, the mock no longer "
        "intercepts anything. Update it by hand to match the router URL.",
        r'responses.add(responses.POST, re.compile(r"^https://api-inference\.huggingface\.co/models/.*$"))',
        r'responses.add(responses.POST, re.compile(r"^https://router\.huggingface\.co/hf-inference/models/.*$"))',
    ),
    CatalogueEntry(
        "HFM108",
        "legacy-url-in-recording",
        "Legacy request in a recording (cassette, HAR, snapshot)",
        "A VCR.py / pytest-recording / betamax cassette, a `responses` recorder file, a HAR file or a snapshot "
        "(`__snapshots__/`, `*.ambr`, `*.snap`) holds a request to the retired host and what it answered then. "
        "Once the code is migrated, replay stops matching (the request URL changed), and a hand-edited recording "
        "would claim the router answered what the legacy host did. Re-record it against the router (pytest-"
        'recording `--record-mode=rewrite`, vcrpy `record_mode="all"`, `pytest --snapshot-update`); rewrite '
        "never edits recordings and lists them as left for a person. The message keeps the original finding's "
        "code and advice. Recognised by path (a folder named `*cassette*` or `__snapshots__`, `*.har`, `*.ambr`, "
        "`*.snap`) or by content (YAML/JSON with `interactions` + `request`, `responses` + `response` + `url`, "
        "HAR's `log` + `entries`, or `request` + `response` with a `url`/`uri`). Ignore HFM108 to keep old recordings "
        "on purpose.",
        f"# tests/cassettes/test_classify.yaml\ninteractions:\n- request:\n    uri: {_L}/models/gpt2",
        "# re-recorded: pytest --record-mode=rewrite\ninteractions:\n- request:\n"
        f"    uri: {_R}/hf-inference/models/gpt2",
    ),
)

URL_KIND_CODES = {
    urls.UrlKind.MODEL: "HFM101",
    urls.UrlKind.PIPELINE: "HFM102",
    urls.UrlKind.OPENAI_BASE: "HFM103",
    urls.UrlKind.MODEL_CHAT: "HFM103",
    urls.UrlKind.STATUS: "HFM104",
    urls.UrlKind.FRAMEWORK: "HFM104",
    urls.UrlKind.MODEL_INFO: "HFM104",
    urls.UrlKind.OTHER: "HFM104",
    urls.UrlKind.HOST: "HFM105",
}
PATTERN_CODE = "HFM106"


@dataclass(frozen=True)
class UrlVerdict:
    code: str
    message: str
    replacement: str | None
    fixable: bool


def judge_url(legacy: urls.LegacyUrl | None, shown: str, names: dict[int, str] | None = None) -> UrlVerdict:
    """The finding for one legacy URL (``None`` means a regex-escaped host that cannot be classified)."""
    if legacy is None:
        return UrlVerdict(PATTERN_CODE, "legacy host in a pattern: update it to match the router URL", None, False)
    code = URL_KIND_CODES[legacy.kind]
    shown = redact(urls.display(shown, names))
    if legacy.kind in urls.NO_EQUIVALENT:
        return UrlVerdict(code, f"legacy endpoint `{shown}`: {urls.no_equivalent_advice(legacy, names)}", None, False)
    target = urls.router_equivalent(legacy)
    replacement = urls.display(target, names) if target else None
    if legacy.kind is urls.UrlKind.HOST:
        message = f"legacy host prefix `{shown}` (the path is joined elsewhere)"
        fixable = target is not None
    else:
        message = f"legacy Inference API URL `{shown}`"
        fixable = True
    if replacement:
        message += f"; use `{replacement}`"
    if legacy.kind is urls.UrlKind.MODEL:
        message += " (or router chat completions for an LLM)"
    return UrlVerdict(code, message, replacement, fixable)


# --- HFM106: the host written as a pattern ---------------------------------------------------------------------
# A regex-escaped host cannot be classified or translated (what the pattern should match once the code is migrated
# is for a person to say): the fix is a marker, in Python and in every text format that has comments.

#: Every escaped host begins with these bytes (``r"api-inference\.huggingface"``, ``"api-inference\\.huggingface"``).
_ESCAPED = b"api-inference\\"
FAMILY.needle(Needle(_ESCAPED))
_PATTERN_MESSAGE = judge_url(None, "").message
_TEXT_PATTERN_MARKER = "this pattern matches the retired host: update it to match the router URL"


def _summary_marker(code: str) -> str:
    """The marker text the leftover pass used to give: the entry's summary (it names no URL, so it is no finding)."""
    entry = next(e for e in FAMILY.entries if e.code == code)
    return f"{entry.summary}; see `hfmigrate rules {code}`"


def _escaped_hosts(text: str) -> Iterator[urls.UrlMatch]:
    return (match for match in urls.find_legacy_urls(text) if match.url is None)


@FAMILY.text()
def escaped_hosts_in_text(text: str) -> Iterator[TextViolation]:
    for match in _escaped_hosts(text):
        yield TextViolation(PATTERN_CODE, _PATTERN_MESSAGE, match.start, match.end, Fix(marker=_TEXT_PATTERN_MARKER))


@FAMILY.python("SimpleString", "FormattedString")
def escaped_hosts_in_python(node: cst.SimpleString | cst.FormattedString, view: PythonView):
    """Each string literal (an f-string's literal parts) holding the pattern, once per pattern in it. (A pattern in
    a comment is still the older visitor's: its marker goes above the comment, where a statement marker cannot.)"""
    text = _python_text(node)
    if text is None or _ESCAPED_TEXT not in text:
        return
    marker = _summary_marker(PATTERN_CODE)
    for _ in _escaped_hosts(text):
        yield PythonViolation(PATTERN_CODE, _PATTERN_MESSAGE, node, Fix(marker=marker))


_ESCAPED_TEXT = _ESCAPED.decode()


def _python_text(node: cst.SimpleString | cst.FormattedString) -> str | None:
    """The text a person reads: a literal's value, an f-string's literal parts. A cheap test on the source first:
    most strings hold no backslash after the host."""
    import libcst as cst

    from hfmigrate.pysyntax import string_value

    if isinstance(node, cst.FormattedString):
        return "".join(part.value for part in node.parts if isinstance(part, cst.FormattedStringText))
    return string_value(node) if _ESCAPED_TEXT in node.value else None
