"""Judging dependency pins against what works today (HFM401-HFM407).

A pin is reported when *every* version it allows is broken (``huggingface_hub==0.20.3``, ``<0.31``, Poetry's
``^0.24``); a range that still admits a working release is not. Some rules need facts about the whole tree (does
the code call ``InferenceClient.post``, use LangChain's ``HuggingFaceHub``, require huggingface_hub 2.x?), so the
scan engine calls :func:`judge_pins` once every file has been read.

| code   | pin                                                  | why it breaks                                        |
|--------|------------------------------------------------------|------------------------------------------------------|
| HFM401 | huggingface_hub < 0.29                               | calls the retired host                               |
| HFM402 | huggingface_hub < 0.31                               | 0.29-0.30 build the dead hf-inference pipeline route |
|        |                                                      | (embeddings, sentence-similarity answer 404)         |
| HFM403 | @huggingface/inference < 3.12.0                      | the retired host, hub proxy or pipeline route        |
| HFM404 | langchain-community with HuggingFaceHub-era classes, | the classes are broken                               |
|        | no langchain-huggingface                             |                                                      |
| HFM405 | langchain-huggingface < 0.2.0                        | still calls the removed `InferenceClient.post`       |
| HFM406 | langchain-huggingface <= 1.2.3 in a tree             | it caps huggingface-hub below 2.0                    |
|        | that requires huggingface_hub >= 2                   |                                                      |
| HFM407 | langchain / langchain-community < 0.3 beside         | they hold langchain-core below what those need:      |
|        | langchain-huggingface; langchain < 1.0 beside        | pip cannot install the list                          |
|        | langchain-classic (in one dependency list)           |                                                      |
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hfmigrate.findings import Finding
from hfmigrate.scan import dependencies as deps
from hfmigrate.scan.dependencies import Pin


@dataclass
class TreeFacts:
    """What the code of the whole tree says, for the pin rules that depend on it."""

    uses_client_post: bool = False
    uses_langchain_hub: bool = False
    pins: list[tuple[str, Pin]] = field(default_factory=list)  # (display path, pin)


def judge_pins(facts: TreeFacts) -> list[Finding]:
    packages_by_file: dict[str, dict[str, Pin]] = {}
    for path, pin in facts.pins:
        packages_by_file.setdefault(path, {}).setdefault(pin.package, pin)
    hub_2 = _requires_hub_2(facts.pins)
    findings = []
    for path, pin in facts.pins:
        judged = judge_pin(pin, facts, packages_by_file[path], hub_2)
        if judged:
            code, message = judged
            findings.append(Finding(path, pin.line, pin.column, code, message, pin.line, pin.end_column))
    return findings


def judge_pin(pin: Pin, facts: TreeFacts, packages: dict[str, Pin], hub_2: str | None = None) -> tuple[str, str] | None:
    """``(code, message)`` when this pin keeps the project on something broken, else None."""
    judge = _JUDGES.get(pin.package)
    return judge(pin, facts, packages, hub_2) if judge else None


def _hub(pin: Pin, facts: TreeFacts, packages: dict[str, Pin], hub_2: str | None) -> tuple[str, str] | None:
    versions = deps.version_range(pin)
    shown = f"{pin.package}{pin.spec}"
    if versions.allows_only_below(deps.HUB_LEGACY_BELOW):
        return "HFM401", f"`{shown}` calls the retired host; allow huggingface_hub>={deps.HUB_RECOMMENDED}"
    if not versions.allows_only_below(deps.HUB_ROUTER_FIXED):
        return None
    post = (
        "; it also holds code that calls `InferenceClient.post` (removed in 0.31): migrate those calls first"
        if facts.uses_client_post
        else ""
    )
    return "HFM402", (
        f"`{shown}` keeps huggingface_hub below 0.31, whose embeddings and sentence-similarity calls 404 today; "
        f"allow huggingface_hub>={deps.HUB_RECOMMENDED}{post}"
    )


def _js_inference(pin: Pin, facts: TreeFacts, packages: dict[str, Pin], hub_2: str | None) -> tuple[str, str] | None:
    versions = deps.version_range(pin)
    shown = f"{pin.package}@{pin.spec}"
    if not versions.allows_only_below(deps.JS_FIXED):
        return None
    if versions.allows_only_below(deps.JS_LEGACY_BELOW):
        why = "calls the retired host"
    elif versions.allows_only_within(deps.JS_LEGACY_BELOW, deps.JS_PROXY_BELOW):
        why = "calls the retired hub proxy `huggingface.co/api/inference-proxy`"
    else:
        why = "builds router URLs that 404 today (the retired host, the hub proxy or the hf-inference pipeline route)"
    return "HFM403", f"`{shown}` {why}; use @huggingface/inference {deps.JS_FIXED} or later (^4 recommended)"


def _langchain_community(
    pin: Pin, facts: TreeFacts, packages: dict[str, Pin], hub_2: str | None
) -> tuple[str, str] | None:
    if facts.uses_langchain_hub and "langchain-huggingface" not in packages:
        return (
            "HFM404",
            "this tree uses LangChain `HuggingFaceHub`-era classes; "
            "add `langchain-huggingface` and migrate to `HuggingFaceEndpoint`",
        )
    return None


def _langchain_community_pin(
    pin: Pin, facts: TreeFacts, packages: dict[str, Pin], hub_2: str | None
) -> tuple[str, str] | None:
    return _langchain_community(pin, facts, packages, hub_2) or _langchain(pin, facts, packages, hub_2)


def _langchain_huggingface(
    pin: Pin, facts: TreeFacts, packages: dict[str, Pin], hub_2: str | None
) -> tuple[str, str] | None:
    if not pin.spec:
        return None
    versions = deps.version_range(pin)
    shown = f"{pin.package}{pin.spec}"
    if versions.allows_only_below(deps.LANGCHAIN_HF_POST_BELOW):
        return "HFM405", (
            f"`{shown}`: releases before {deps.LANGCHAIN_HF_POST_BELOW} call `InferenceClient.post`, which "
            f"huggingface_hub 0.31 removed; allow langchain-huggingface>={deps.LANGCHAIN_HF_POST_BELOW}"
        )
    if hub_2 and not versions.allows_any_in(_after(deps.LANGCHAIN_HF_HUB_CAP_UP_TO), None):
        return "HFM406", (
            f"`{shown}` requires huggingface-hub<2.0 (up to {deps.LANGCHAIN_HF_HUB_CAP_UP_TO}), but {hub_2} requires "
            "huggingface_hub 2.x: pip cannot install both; "
            "allow a newer langchain-huggingface or hold huggingface_hub at 1.x"
        )
    return None


def _langchain(pin: Pin, facts: TreeFacts, packages: dict[str, Pin], hub_2: str | None) -> tuple[str, str] | None:
    """HFM407: a LangChain 0.x pin that cannot be installed beside what the migrated code imports."""
    if not pin.spec:
        return None
    versions = deps.version_range(pin)
    shown = f"{pin.package}{pin.spec}"
    if _only_working_langchain_huggingface(packages) and versions.allows_only_below(deps.LANGCHAIN_CORE_0_3_BELOW):
        core, needs = "0.3", "langchain-huggingface 0.2.0 and later need langchain-core>=0.3.59"
    elif pin.package == "langchain" and "langchain-classic" in packages:
        if not versions.allows_only_below(deps.LANGCHAIN_CORE_1_BELOW):
            return None
        core, needs = "1.0", "langchain-classic needs langchain-core>=1.0"
    else:
        return None
    upgrade = "langchain>=1.0 (LLMChain and the other chains live in langchain-classic)"
    if pin.package == "langchain-community":
        upgrade = "langchain-community>=0.3"
    return (
        "HFM407",
        f"`{shown}` holds langchain-core below {core}, but {needs}: pip cannot install both; allow {upgrade}",
    )


def _only_working_langchain_huggingface(packages: dict[str, Pin]) -> bool:
    """The list pins langchain-huggingface to 0.2.0 or later (what rewrite adds, what HFM405 asks for)."""
    pin = packages.get("langchain-huggingface")
    return pin is not None and bool(pin.spec) and deps.version_range(pin).allows_only_from(deps.LANGCHAIN_HF_POST_BELOW)


def _after(version: str):
    from packaging.version import Version

    return Version(version + ".0.0.1")


def _requires_hub_2(pins: list[tuple[str, Pin]]) -> str | None:
    """``path:line`` of a huggingface_hub pin that allows only 2.0 or later, if the tree has one."""
    for path, pin in pins:
        if pin.package == "huggingface-hub" and pin.spec and deps.version_range(pin).allows_only_from(deps.HUB_2):
            return f"{path}:{pin.line}"
    return None


_JUDGES = {
    "huggingface-hub": _hub,
    "@huggingface/inference": _js_inference,
    "langchain-huggingface": _langchain_huggingface,
    "langchain": _langchain,
    "langchain-community": _langchain_community_pin,
}
