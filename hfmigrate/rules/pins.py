"""HFM401-HFM407: dependency pins that keep a project on something broken today.

A pin is reported when *every* version it allows is broken (``huggingface_hub==0.20.3``, ``<0.31``, Poetry's
``^0.24``); a range that still admits a working release is not. The check runs on dependency files
(``FileKind.DEPENDENCY``: requirements*.txt, pyproject.toml, setup.cfg, Pipfile, package.json). Three verdicts
need facts about the whole tree (:class:`~hfmigrate.engine.tree.TreeFacts`): HFM402's message names
``InferenceClient.post`` callers (HFM302 in the code), HFM404 needs LangChain ``HuggingFaceHub``-era classes in the
code (HFM306/HFM307), HFM406 a huggingface_hub 2.x pin in another dependency file.

The fix of HFM401, HFM402, HFM405 and HFM407 is a marker above the pin (in formats with comments; package.json
keeps HFM403 as a finding). Adding ``langchain-huggingface>=0.2.0`` where rewrite migrated the classes is this
family's tree fix, :mod:`hfmigrate.rules.pin_requirements`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from hfmigrate.engine.rule_api import (
    CatalogueEntry,
    FileKind,
    Fix,
    Needle,
    RuleFamily,
    Severity,
    TextContext,
    TextViolation,
)
from hfmigrate.engine.tree import TreeFacts
from hfmigrate.rules import pin_requirements
from hfmigrate.rules.pin_files import JS_PACKAGE, Pin, find_pins, version_range
from hfmigrate.urls import ROUTER_URL

HUB_LEGACY_BELOW = "0.29"  # before: calls the retired host
HUB_ROUTER_FIXED = "0.31"  # 0.29-0.30 build the dead hf-inference pipeline route; 0.31 removed `.post`
HUB_RECOMMENDED = "1.0"
HUB_2 = "2.0"
JS_LEGACY_BELOW = "3.1.4"  # up to 3.1.3: the retired host
JS_PROXY_BELOW = "3.3.3"  # 3.1.4-3.3.2: the retired huggingface.co/api/inference-proxy
JS_FIXED = "3.12.0"  # 3.3.3-3.11.x: the dead hf-inference pipeline route
LANGCHAIN_HF_POST_BELOW = "0.2.0"  # the first release after langchain PR #30733 dropped `.post`
LANGCHAIN_HF_HUB_CAP_UP_TO = "1.2.3"  # the newest release on 2026-12-01 still requires huggingface-hub<2.0
# langchain and langchain-community before 0.3 require langchain-core below 0.3; langchain-huggingface 0.2.0 and later
# require langchain-core>=0.3.59 (package metadata, 2026-12-01)
LANGCHAIN_CORE_0_3_BELOW = "0.3"
# langchain before 1.0 requires langchain-core below 1.0; langchain-classic (LLMChain's home) requires 1.0 or later
LANGCHAIN_CORE_1_BELOW = "1.0"
CLIENT_POST_CODES = frozenset({"HFM302"})  # the code calls InferenceClient.post
LANGCHAIN_HUB_CODES = frozenset({"HFM306", "HFM307"})  # the code uses HuggingFaceHub-era LangChain classes

FAMILY = RuleFamily("pins")
FAMILY.entry(
    CatalogueEntry(
        "HFM401",
        "huggingface-hub-legacy-pin",
        "`huggingface_hub` pinned below 0.29",
        "huggingface_hub before 0.29 calls the retired host, and 0.29-0.30 still break embeddings (HFM402). Allow "
        "1.0 or later.",
        "huggingface_hub==0.20.3",
        "huggingface_hub>=1.0",
        severity=Severity.WARNING,
    ),
    CatalogueEntry(
        "HFM402",
        "huggingface-hub-pre-0-31-pin",
        "`huggingface_hub` pinned below 0.31",
        "huggingface_hub 0.29 and 0.30 send feature-extraction and sentence-similarity to "
        f"`{ROUTER_URL}/hf-inference/pipeline/{{task}}/{{id}}`, a route that 404s since 2025-04-28, and 0.31 removed "
        "`InferenceClient.post`. Allow 1.0 or later (1.0 added the server-side chat router; older clients "
        "reject providers they do not know). When the tree calls `.post`, migrate those calls first.",
        "huggingface_hub>=0.29,<0.31",
        "huggingface_hub>=1.0",
        severity=Severity.WARNING,
    ),
    CatalogueEntry(
        "HFM403",
        "huggingface-inference-js-pin",
        "`@huggingface/inference` pinned below 3.12.0",
        "`@huggingface/inference` up to 3.1.3 calls the retired host, 3.1.4-3.3.2 the retired hub proxy "
        "`huggingface.co/api/inference-proxy/{provider}`, and 3.3.3-3.11.x build the hf-inference pipeline route "
        "that 404s today. Use 3.12.0 or later (^4 recommended).",
        '"@huggingface/inference": "^2.8.0"',
        '"@huggingface/inference": "^4.0.0"',
        severity=Severity.WARNING,
    ),
    CatalogueEntry(
        "HFM404",
        "langchain-community-huggingfacehub",
        "LangChain HuggingFaceHub users depend on langchain-community",
        "This tree uses LangChain's `HuggingFaceHub` or `HuggingFaceInferenceAPIEmbeddings`, which are broken. Add "
        "`langchain-huggingface` and migrate to `HuggingFaceEndpoint` / `HuggingFaceEndpointEmbeddings`. When "
        "rewrite migrates the classes it adds `langchain-huggingface>=0.2.0` to the tree's one dependency list (a "
        "`requirements.txt` or `[project].dependencies`, in the code's folder or above), or marks the new import.",
        "langchain-community==0.2.1",
        "langchain-community==0.2.1\nlangchain-huggingface>=0.2.0",
        severity=Severity.WARNING,
    ),
    CatalogueEntry(
        "HFM405",
        "langchain-huggingface-post-pin",
        "`langchain-huggingface` pinned below 0.2.0",
        "langchain-huggingface releases before 0.2.0 (before langchain PR #30733) call `InferenceClient.post`, "
        "which huggingface_hub 0.31 removed: `HuggingFaceEndpoint` and `HuggingFaceEndpointEmbeddings` fail on any "
        "current huggingface_hub. Allow 0.2.0 or later.",
        "langchain-huggingface==0.1.2",
        "langchain-huggingface>=0.2.0",
        severity=Severity.WARNING,
    ),
    CatalogueEntry(
        "HFM406",
        "langchain-huggingface-hub-cap",
        "`langchain-huggingface` caps huggingface-hub below 2.0",
        "langchain-huggingface up to 1.2.3 (the newest release as of 2026-12) requires `huggingface-hub<2.0`, "
        "while another pin in this tree requires huggingface_hub 2.x: no installation satisfies both. Allow a "
        "langchain-huggingface release that accepts huggingface_hub 2.x, or hold huggingface_hub at 1.x.",
        "huggingface_hub>=2.0\nlangchain-huggingface==1.2.2",
        "huggingface_hub>=1.0,<2\nlangchain-huggingface==1.2.2",
        severity=Severity.WARNING,
    ),
    CatalogueEntry(
        "HFM407",
        "langchain-core-conflict",
        "LangChain 0.x pinned beside langchain-huggingface or langchain-classic",
        "langchain and langchain-community before 0.3 require langchain-core below 0.3, while langchain-huggingface "
        "0.2.0 and later (the releases that work today, HFM405) require langchain-core 0.3.59 or later; langchain "
        "before 1.0 requires langchain-core below 1.0, while langchain-classic (where rewrite moves `LLMChain`) "
        "requires 1.0 or later. In one dependency list pip cannot install both. Allow langchain>=1.0 and "
        "langchain-community>=0.3.",
        "langchain==0.1.0\nlangchain-huggingface>=0.2.0",
        "langchain>=1.0\nlangchain-huggingface>=0.2.0",
        severity=Severity.WARNING,
    ),
)
# Every package this family judges holds one of these (in any case: `Huggingface_Hub`, `LangChain`).
_DEPENDENCY_ONLY = frozenset({FileKind.DEPENDENCY})
FAMILY.needle(
    Needle(b"huggingface", _DEPENDENCY_ONLY, ignore_case=True),
    Needle(b"langchain", _DEPENDENCY_ONLY, ignore_case=True),
)
FAMILY.tree_fix(pin_requirements.add_requirements)

# Worded so that a comment holds no requirement the pin scanner could read as another pin.
_MARKERS = {
    "HFM401": "this pin ({spec}) keeps huggingface_hub on versions before 0.29, which call the retired host; "
    "lift it to 1.0 or later",
    "HFM402": "this pin ({spec}) keeps huggingface_hub before 0.31, whose embeddings calls 404 today; "
    "lift it to 1.0 or later",
    "HFM405": "this pin ({spec}) keeps langchain-huggingface before 0.2, which calls the removed InferenceClient.post; "
    "lift it to 0.2 or later",
    "HFM407": "this pin ({spec}) holds langchain-core below what the migrated code's LangChain packages need; "
    "lift it to {floor} or later",
}
_WORKING_FLOOR = {"langchain": "1.0", "langchain-community": "0.3"}  # HFM407: what installs beside them


@dataclass(frozen=True)
class _Verdict:
    code: str
    message: str
    floor: str = ""  # HFM407: the release the pin should allow


@dataclass(frozen=True)
class _Judged:
    """What a pin is judged against: the other packages of its own list, and the whole tree."""

    packages: dict[str, Pin]
    tree: TreeFacts
    hub_2: str | None  # `path:line` of a huggingface_hub pin that allows only 2.x, if the tree has one


@FAMILY.text(_DEPENDENCY_ONLY, where=True)
def pin_violations(text: str, where: TextContext) -> Iterator[TextViolation]:
    pins = find_pins(where.name, text)
    packages: dict[str, Pin] = {}
    for pin in pins:
        packages.setdefault(pin.package, pin)
    judged = _Judged(packages, where.tree, _requires_hub_2(where.tree))
    for pin in pins:
        judge = _JUDGES.get(pin.package)
        verdict = judge(pin, judged) if judge else None
        if verdict is not None:
            yield TextViolation(verdict.code, verdict.message, pin.start, pin.end, _fix(pin, verdict))


def _fix(pin: Pin, verdict: _Verdict) -> Fix:
    marker = _MARKERS.get(verdict.code)
    return Fix(marker=marker.format(spec=pin.spec, floor=verdict.floor)) if marker else Fix()


def _hub(pin: Pin, judged: _Judged) -> _Verdict | None:
    versions = version_range(pin)
    shown = f"{pin.package}{pin.spec}"
    if versions.allows_only_below(HUB_LEGACY_BELOW):
        return _Verdict("HFM401", f"`{shown}` calls the retired host; allow huggingface_hub>={HUB_RECOMMENDED}")
    if not versions.allows_only_below(HUB_ROUTER_FIXED):
        return None
    post = (
        "; it also holds code that calls `InferenceClient.post` (removed in 0.31): migrate those calls first"
        if judged.tree.python_codes & CLIENT_POST_CODES
        else ""
    )
    return _Verdict(
        "HFM402",
        f"`{shown}` keeps huggingface_hub below 0.31, whose embeddings and sentence-similarity calls 404 today; "
        f"allow huggingface_hub>={HUB_RECOMMENDED}{post}",
    )


def _js_inference(pin: Pin, judged: _Judged) -> _Verdict | None:
    versions = version_range(pin)
    if not versions.allows_only_below(JS_FIXED):
        return None
    if versions.allows_only_below(JS_LEGACY_BELOW):
        why = "calls the retired host"
    elif versions.allows_only_within(JS_LEGACY_BELOW, JS_PROXY_BELOW):
        why = "calls the retired hub proxy `huggingface.co/api/inference-proxy`"
    else:
        why = "builds router URLs that 404 today (the retired host, the hub proxy or the hf-inference pipeline route)"
    return _Verdict(
        "HFM403", f"`{pin.package}@{pin.spec}` {why}; use {JS_PACKAGE} {JS_FIXED} or later (^4 recommended)"
    )


def _langchain_community(pin: Pin, judged: _Judged) -> _Verdict | None:
    if judged.tree.python_codes & LANGCHAIN_HUB_CODES and "langchain-huggingface" not in judged.packages:
        return _Verdict(
            "HFM404",
            "this tree uses LangChain `HuggingFaceHub`-era classes; "
            "add `langchain-huggingface` and migrate to `HuggingFaceEndpoint`",
        )
    return _langchain(pin, judged)


def _langchain_huggingface(pin: Pin, judged: _Judged) -> _Verdict | None:
    if not pin.spec:
        return None
    versions = version_range(pin)
    shown = f"{pin.package}{pin.spec}"
    if versions.allows_only_below(LANGCHAIN_HF_POST_BELOW):
        return _Verdict(
            "HFM405",
            f"`{shown}`: releases before {LANGCHAIN_HF_POST_BELOW} call `InferenceClient.post`, which "
            f"huggingface_hub 0.31 removed; allow langchain-huggingface>={LANGCHAIN_HF_POST_BELOW}",
        )
    if judged.hub_2 and not versions.allows_any_in(_after(LANGCHAIN_HF_HUB_CAP_UP_TO), None):
        return _Verdict(
            "HFM406",
            f"`{shown}` requires huggingface-hub<2.0 (up to {LANGCHAIN_HF_HUB_CAP_UP_TO}), but {judged.hub_2} requires "
            "huggingface_hub 2.x: pip cannot install both; "
            "allow a newer langchain-huggingface or hold huggingface_hub at 1.x",
        )
    return None


def _langchain(pin: Pin, judged: _Judged) -> _Verdict | None:
    """HFM407: a LangChain 0.x pin that cannot be installed beside what the migrated code imports."""
    if not pin.spec:
        return None
    versions = version_range(pin)
    if _only_working_langchain_huggingface(judged.packages) and versions.allows_only_below(LANGCHAIN_CORE_0_3_BELOW):
        core, needs = "0.3", "langchain-huggingface 0.2.0 and later need langchain-core>=0.3.59"
    elif pin.package == "langchain" and "langchain-classic" in judged.packages:
        if not versions.allows_only_below(LANGCHAIN_CORE_1_BELOW):
            return None
        core, needs = "1.0", "langchain-classic needs langchain-core>=1.0"
    else:
        return None
    upgrade = "langchain>=1.0 (LLMChain and the other chains live in langchain-classic)"
    if pin.package == "langchain-community":
        upgrade = "langchain-community>=0.3"
    return _Verdict(
        "HFM407",
        f"`{pin.package}{pin.spec}` holds langchain-core below {core}, but {needs}: pip cannot install both; "
        f"allow {upgrade}",
        _WORKING_FLOOR[pin.package],
    )


def _only_working_langchain_huggingface(packages: dict[str, Pin]) -> bool:
    """The list pins langchain-huggingface to 0.2.0 or later (what rewrite adds, what HFM405 asks for)."""
    pin = packages.get("langchain-huggingface")
    return pin is not None and bool(pin.spec) and version_range(pin).allows_only_from(LANGCHAIN_HF_POST_BELOW)


def _after(version: str):
    from packaging.version import Version

    return Version(version + ".0.0.1")


@functools.lru_cache(maxsize=4)  # one tree, every dependency file of it: its pins are read once
def _requires_hub_2(tree: TreeFacts) -> str | None:
    """``path:line`` of a huggingface_hub pin that allows only 2.0 or later, if the tree has one."""
    for path, text in tree.dependency_files:
        for pin in find_pins(path.replace("\\", "/").rsplit("/", 1)[-1], text):
            if pin.package == "huggingface-hub" and pin.spec and version_range(pin).allows_only_from(HUB_2):
                return f"{path}:{text.count(chr(10), 0, pin.start) + 1}"
    return None


_JUDGES: dict[str, Callable[[Pin, _Judged], _Verdict | None]] = {
    "huggingface-hub": _hub,
    JS_PACKAGE: _js_inference,
    "langchain-huggingface": _langchain_huggingface,
    "langchain": _langchain,
    "langchain-community": _langchain_community,
}
