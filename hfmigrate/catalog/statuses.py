"""The words check-models speaks: verdicts, provider and Hub states, migration routes and call styles.

Each is a str enum whose value is the word every report, lock file and cache file writes, so that old files keep
reading and the outputs keep their spelling. Kept apart from :mod:`hfmigrate.catalog.types` (the data they
describe) so that both stay small.
"""

from __future__ import annotations

from enum import Enum

from hfmigrate.words import Word


class VerdictStatus(Word):
    """What check-models says of one model: served, not served, or unknown because a lookup failed (exit 2)."""

    AVAILABLE = "available"
    UNAVAILABLE = "unavailable"
    ERROR = "error"


class ProviderStatus(Word):
    """One provider's state for one model: the Hub mapping's ``live``, ``staging`` or ``error`` (anything else it
    says counts as ``error``), or ``removed``: the provider left the router, whatever the Hub still says."""

    LIVE = "live"
    STAGING = "staging"
    ERROR = "error"
    REMOVED = "removed"


class HubStatus(Word):
    """What the Hub answered for one model (:class:`hfmigrate.catalog.fetch.HubAnswer`); ``UNKNOWN`` only with
    ``cache_only``, when the cache holds no usable answer."""

    OK = "ok"
    NOT_FOUND = "not-found"
    GATED_OR_PRIVATE = "gated-or-private"
    ERROR = "error"  # a failure is not knowledge: never cached
    UNKNOWN = "unknown"


class MigrationRoute(str, Enum):
    """How rewrite migrates a call site, by the catalogue (:meth:`ModelVerdict.route`)."""

    CHAT = "chat"  # chat completions
    HF_INFERENCE = "hf-inference"  # the legacy payload on ``ROUTER/hf-inference``
    MARKER = "marker"  # a marker naming the alternatives: a person decides


class CallStyle(str, Enum):
    """How the code calls a model: what decides which provider mappings can serve the call.

    ``CHAT``: chat completions over HTTP or an OpenAI-style client, and legacy text generation that rewrite moves
    to chat (a ``conversational`` mapping serves it). ``TEXT_GENERATION``: ``InferenceClient.text_generation``,
    LangChain ``HuggingFaceEndpoint`` and huggingface.js ``textGeneration``, which need a ``text-generation``
    mapping (today's LLMs are mapped only as ``conversational``, so these fail on them). ``EMBEDDINGS``:
    feature-extraction or sentence-similarity. ``TASK``: any other task, matched exactly.
    """

    CHAT = "chat"
    TEXT_GENERATION = "text-generation"
    EMBEDDINGS = "embeddings"
    TASK = "task"

    @classmethod
    def parse(cls, value: CallStyle | str | None) -> CallStyle | None:
        if value is None or isinstance(value, CallStyle):
            return value
        return cls(value)
