"""Every rule hfmigrate knows: the families on the rule API, one module each.

``REGISTRY`` gathers the families' declarations (entries, needles, checks); scan, rewrite and the pre-filter
read it. ``RULES`` is the whole catalogue, sorted by code: what ``hfmigrate rules`` prints and the configuration
selects from. ``Rule`` is the older name of :class:`~hfmigrate.engine.rule_api.CatalogueEntry`.
"""

from __future__ import annotations

from hfmigrate.engine.rule_api import FAMILIES, CatalogueEntry, Registry
from hfmigrate.engine.rule_api import CatalogueEntry as Rule
from hfmigrate.rules import (
    hub_client,
    inference_api,
    langchain_llms,
    legacy_options,
    legacy_urls,
    library_classes,
    pins,
    providers,
    router_calls,
    router_urls,
    stop_sequences,
    streaming_schema,
    text_generation,
    tokens,
)

__all__ = ["BY_CODE", "FAMILIES", "REGISTRY", "RULES", "Rule", "get", "matching"]

#: The families on the rule API, one module each (tests/rules/test_<module>.py mirrors each).
FAMILY_MODULES = (
    stop_sequences,
    library_classes,
    router_urls,
    router_calls,
    legacy_options,
    streaming_schema,
    providers,
    tokens,
    hub_client,
    inference_api,
    langchain_llms,
    pins,
    legacy_urls,
    text_generation,
)
REGISTRY = Registry(module.FAMILY for module in FAMILY_MODULES)

RULES: tuple[CatalogueEntry, ...] = tuple(sorted(REGISTRY.entries, key=lambda rule: rule.code))
BY_CODE: dict[str, CatalogueEntry] = {rule.code: rule for rule in RULES}
if len(BY_CODE) != len(RULES):
    raise ValueError("a rule code is declared by two rule modules")


def get(code: str) -> CatalogueEntry | None:
    return BY_CODE.get(code.upper())


def matching(prefixes: list[str] | tuple[str, ...]) -> set[str]:
    """Codes selected by ruff-style prefixes (``HFM1`` selects every 1xx rule, ``ALL`` everything)."""
    chosen: set[str] = set()
    for prefix in prefixes:
        prefix = prefix.strip().upper()
        if prefix == "ALL":
            return set(BY_CODE)
        chosen |= {code for code in BY_CODE if code.startswith(prefix)}
    return chosen
