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

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hfmigrate import urls
from hfmigrate.auth import redact
from hfmigrate.engine.rule_api import (
    FileKind,
    Fix,
    ModelMention,
    Needle,
    PythonViolation,
    RuleFamily,
)
from hfmigrate.rules.legacy_url_entries import ENTRIES

if TYPE_CHECKING:  # libcst is imported by the runner only: listing the rules must not pay for it
    import libcst as cst

    from hfmigrate.engine.python import PythonView
    from hfmigrate.planning.module_plan import ModuleContext

FAMILY = RuleFamily("legacy_urls")
FAMILY.entry(*ENTRIES)

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


@FAMILY.python("SimpleString", "FormattedString")
def escaped_hosts_in_python(node: cst.SimpleString | cst.FormattedString, view: PythonView):
    """Each string literal (an f-string's literal parts) holding the pattern, once per pattern in it. (A pattern in
    a comment is :mod:`.legacy_urls_prose`'s: its marker goes above the comment, where a statement marker cannot.)"""
    text = _python_text(node)
    if text is None or _ESCAPED_TEXT not in text:
        return
    marker = summary_marker(PATTERN_CODE)
    places = Places(view.code(node))
    for match in urls.find_legacy_urls(text):
        if match.url is not None:
            continue
        within = places.of(match.text)
        yield PythonViolation(PATTERN_CODE, _PATTERN_MESSAGE, node, Fix(marker=marker), within=within)


_ESCAPED_TEXT = _ESCAPED.decode()


def _python_text(node: cst.SimpleString | cst.FormattedString) -> str | None:
    """The text a person reads: a literal's value, an f-string's literal parts. A cheap test on the source first:
    most strings hold no backslash after the host."""
    import libcst as cst

    from hfmigrate.pysyntax import string_value

    if isinstance(node, cst.FormattedString):
        return "".join(part.value for part in node.parts if isinstance(part, cst.FormattedStringText))
    return string_value(node) if _ESCAPED_TEXT in node.value else None


# --- what the ast scan of plain URL literals cannot read (scan/plain_urls.py) ----------------------------------
# Whether the string checks of rules/legacy_urls_in_strings.py may report. It is a promise: a module it rejects
# holds no finding of theirs. A module of plain URL strings (the string is the URL, rules/legacy_urls_python.py)
# is rejected, and is scanned from ast alone (bench/large_file_bench.py); it passes on an endpoint path, the host
# followed by anything but a path with an equivalent (``"...co/" + path`` is an unknown path), a pipeline with no
# id (HFM104), and a URL with text before it in its string (a message, JSON or JS inside a string, a docstring).
_HOST = urls.LEGACY_HOST.encode()
_SCHEMES = (b"https://", b"http://", b"//")
_ENDPOINT_PATHS = tuple(re.compile(p) for p in (rb"/status\b", rb"/framework", rb"/info\b"))  # literal prefixes: fast
_AFTER_HOST = re.compile(rb"(?::443)?(?:/(?:models|v1)\b|/pipeline/(?![^/\s\"'`]*[\"'`]))")  # forms with an equivalent


def needs_string_checks(data: bytes) -> bool:
    """Conservative: whether a string check of the family may report in ``data`` (never False where one does)."""
    if any(path.search(data) for path in _ENDPOINT_PATHS):
        return True  # an endpoint path, perhaps in a piece joined to the host (HFM104)
    triples = _TripleQuotes(data)
    at = data.find(_HOST)
    while at != -1:
        if not _AFTER_HOST.match(data, at + len(_HOST)):
            return True  # the bare host, an unknown path, a pipeline with no id: what follows decides (HFM104)
        start = _scheme_start(data, at)
        before = data[start - 1 : start] if start else b"\n"
        if before not in (b'"', b"'") or _joined_or_inside(data, start - 1, triples):
            return True  # text before the URL in its string (or a comment)
        at = data.find(_HOST, at + len(_HOST))
    return False


class _TripleQuotes:
    """How many triple quotes come before an offset, for offsets asked in increasing order (one pass in all)."""

    def __init__(self, data: bytes):
        self.data, self.at, self.seen = data, 0, 0

    def odd_before(self, offset: int) -> bool:
        if offset > self.at:
            self.seen += self.data.count(b'"""', self.at, offset) + self.data.count(b"'''", self.at, offset)
            self.at = offset
        return self.seen % 2 == 1


def _scheme_start(data: bytes, at: int) -> int:
    for scheme in _SCHEMES:
        if data[max(0, at - len(scheme)) : at].lower() == scheme:
            return at - len(scheme)
    return at


def _joined_or_inside(data: bytes, quote_at: int, triples: _TripleQuotes) -> bool:
    """The quote before the URL does not open a literal on its own: it is escaped, inside a triple-quoted string,
    inside a string of the other quote on this line, or it opens a literal joined to text before it."""
    if quote_at and data[quote_at - 1 : quote_at] == b"\\":
        return True
    if triples.odd_before(max(0, quote_at - 2)):
        return True  # an odd number of triple quotes before it (an opener ending at the quote is its own)
    line_start = data.rfind(b"\n", 0, quote_at) + 1
    head = data[line_start:quote_at]
    other = b"'" if data[quote_at : quote_at + 1] == b'"' else b'"'
    if head.count(other) % 2:
        return True
    stripped = head.rstrip(b"rbufRBUF").rstrip()
    if stripped.endswith((b"+", b'"', b"'")):
        return True
    if not stripped and line_start:  # the literal opens its line: the previous line may end with another literal
        previous = data[data.rfind(b"\n", 0, line_start - 1) + 1 : line_start - 1].rstrip(b"\r \t\\")
        return previous.endswith((b'"', b"'"))
    return False


#: Every string expression holding a legacy URL in a Python module is a finding (rules/legacy_urls_python.py): the
#: host alone makes a module a candidate, for this family's checks only (``own_family``: a module of plain URL
#: literals has nothing for the other families). The ast scan of plain URL literals (scan/plain_urls.py) reads what
#: this needle alone brings in. A URL inside a longer string brings the module in for every family, as before.
#: Its statements: every top-level statement naming the host, even in pieces (``"https://api-inference." + rest``)
#: or escaped, is worth the family's checks and the rewrite of its URLs and prefix constants.
PYTHON_HOST_NEEDLE = Needle(_HOST, frozenset({FileKind.PYTHON}), statements=(b"api-inference",), own_family=True)
FAMILY.needle(
    PYTHON_HOST_NEEDLE,
    Needle(_HOST, frozenset({FileKind.PYTHON}), confirm=needs_string_checks, statements=()),
    # in text files every URL is read by the one text check (its matches are kept for the other text rules); the
    # URL patterns are case-blind, this needle is not (a file naming the host only in capitals is no candidate)
    Needle(b"api-inference", frozenset({FileKind.TEXT}), statements=()),
)
#: The calls whose second argument is an environment variable's default (``os.getenv("HF_API", DEFAULT)``): a URL
#: there matters only when the variable is unset, and the findings say so.
ENV_GETTERS = frozenset({"os.environ.get", "os.getenv", "os.environ.setdefault"})
#: /status/{id}, /framework/..., /models/{id}/info and unknown paths: nothing to rewrite them to (a marker says what
#: to ask instead).
NO_EQUIVALENT_CODE = "HFM104"


class Places:
    """Where each of a string's URLs is written in its source, in order; None for one written with escapes."""

    def __init__(self, source: str):
        self.source, self.at = source, 0

    def of(self, text: str) -> tuple[int, int] | None:
        found = self.source.find(text, self.at)
        if found == -1:
            return None
        self.at = found + len(text)
        return found, self.at


def env_default_note(variable: str) -> str:
    """What a finding on an environment variable's default adds to its message."""
    return f" (default of ${variable}: changing it matters only when the variable is unset)"


_TASK_BY_URL_KIND = {urls.UrlKind.OPENAI_BASE: "conversational", urls.UrlKind.MODEL_CHAT: "conversational"}


def url_mentions(
    legacy: urls.LegacyUrl, text: str, names: dict[int, str], constant: Callable[[int], str | None]
) -> tuple[ModelMention, ...]:
    """The model a legacy URL (a template: ``text`` with placeholders) names, for check-models: a literal id, the
    value ``constant(hole)`` gives for an id that is one bare hole, or a run-time mention for another hole."""
    model = legacy.model
    if not model:
        return ()
    holes = urls.placeholders_in(model)
    resolved: str | None = None
    if not holes:
        resolved = model if "{" not in model else None
    elif len(holes) == 1 and model == urls.placeholder(holes[0]):
        resolved = constant(holes[0])
    shown = urls.display(text, names)
    if resolved:
        task = legacy.task if legacy.kind is urls.UrlKind.PIPELINE else _TASK_BY_URL_KIND.get(legacy.kind)
        style = "embeddings" if task in urls.EMBEDDING_TASKS else "chat" if task == "conversational" else None
        return (ModelMention(resolved, task, shown, style),)
    if resolved is None and holes:
        return (ModelMention(urls.display(model, names), None, shown, runtime=True),)
    return ()


def prose_fixable(shown: str) -> bool:
    """rewrite changes a URL in prose (comments, docstrings) only where its router equivalent is unambiguous."""
    return "\\" not in shown and urls.prose_equivalent(urls.parse_legacy(shown)) is not None


def summary_marker(code: str) -> str:
    """The marker text the leftover pass used to give: the entry's summary (it names no URL, so it is no finding)."""
    entry = next(e for e in FAMILY.entries if e.code == code)
    return f"{entry.summary}; see `hfmigrate rules {code}`"


@FAMILY.module_fix("HFM103", "HFM101", claims=True)
def clients_on_model_urls(context: ModuleContext) -> None:
    """A per-model URL used as a client's base URL moves to ``ROUTER/v1``, the model into the chat calls
    (:mod:`hfmigrate.rules.legacy_urls_clients`)."""
    from hfmigrate.rules.legacy_urls_clients import plan_clients

    plan_clients(context)


@FAMILY.module_fix("HFM101", "HFM102", "HFM103", "HFM104", "HFM105", "HFM502")
def prefix_constant_joins(context: ModuleContext) -> None:
    """The joins of a prefix constant, which name no host (:mod:`hfmigrate.rules.legacy_urls_joins`)."""
    from hfmigrate.rules.legacy_urls_joins import plan_joins

    plan_joins(context)


from hfmigrate.rules import (  # noqa: E402, F401  (register their checks)
    legacy_urls_in_strings,
    legacy_urls_prose,
    legacy_urls_text,
)
