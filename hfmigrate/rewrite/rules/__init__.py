"""The rewrite rules, one module per rule, in the order they plan their edits.

Each module has a docstring with its before/after, a ``CODES`` tuple naming the scan rules it fixes or marks,
and ``plan(context)``. The chat conversion plans first: it claims the URLs and payloads it converts, so the
plain URL rule leaves those alone.
"""

from hfmigrate.rewrite.rules import (
    chat_base_url,
    legacy_url,
    text_generation_chat,
)

RULES = (
    chat_base_url,  # claims per-model URLs that clients use as base URLs: no HFM107 advice on those
    text_generation_chat,
    legacy_url,
)
