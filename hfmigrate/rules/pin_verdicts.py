"""The verdicts of the pins family (HFM401-HFM407): what each judged package's pin says, given its list and tree.

One judge per package (huggingface_hub, @huggingface/inference, langchain, langchain-community,
langchain-huggingface), the version bounds they compare against (with their sources), and the one tree-wide fact
HFM406 needs (a huggingface_hub 2.x pin elsewhere). Kept apart from :mod:`hfmigrate.rules.pins`, which declares
the family and runs the check, so the knowledge of which releases break lives in one short module.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from hfmigrate.engine.tree import TreeFacts
from hfmigrate.rules.pin_files import JS_PACKAGE, Pin, find_pins, version_range

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
_WORKING_FLOOR = {"langchain": "1.0", "langchain-community": "0.3"}  # HFM407: what installs beside them


@dataclass(frozen=True)
class Verdict:
    """What a judge found wrong with one pin: its code and message."""

    code: str
    message: str
    floor: str = ""  # HFM407: the release the pin should allow


@dataclass(frozen=True)
class Judged:
    """What a pin is judged against: the other packages of its own list, and the whole tree."""

    packages: dict[str, Pin]
    tree: TreeFacts
    hub_2: str | None  # `path:line` of a huggingface_hub pin that allows only 2.x, if the tree has one


def _hub(pin: Pin, judged: Judged) -> Verdict | None:
    versions = version_range(pin)
    shown = f"{pin.package}{pin.spec}"
    if versions.allows_only_below(HUB_LEGACY_BELOW):
        return Verdict("HFM401", f"`{shown}` calls the retired host; allow huggingface_hub>={HUB_RECOMMENDED}")
    if not versions.allows_only_below(HUB_ROUTER_FIXED):
        return None
    post = (
        "; it also holds code that calls `InferenceClient.post` (removed in 0.31): migrate those calls first"
        if judged.tree.python_codes & CLIENT_POST_CODES
        else ""
    )
    return Verdict(
        "HFM402",
        f"`{shown}` keeps huggingface_hub below 0.31, whose embeddings and sentence-similarity calls 404 today; "
        f"allow huggingface_hub>={HUB_RECOMMENDED}{post}",
    )


def _js_inference(pin: Pin, judged: Judged) -> Verdict | None:
    versions = version_range(pin)
    if not versions.allows_only_below(JS_FIXED):
        return None
    if versions.allows_only_below(JS_LEGACY_BELOW):
        why = "calls the retired host"
    elif versions.allows_only_within(JS_LEGACY_BELOW, JS_PROXY_BELOW):
        why = "calls the retired hub proxy `huggingface.co/api/inference-proxy`"
    else:
        why = "builds router URLs that 404 today (the retired host, the hub proxy or the hf-inference pipeline route)"
    return Verdict("HFM403", f"`{pin.package}@{pin.spec}` {why}; use {JS_PACKAGE} {JS_FIXED} or later (^4 recommended)")


def _langchain_community(pin: Pin, judged: Judged) -> Verdict | None:
    if judged.tree.python_codes & LANGCHAIN_HUB_CODES and "langchain-huggingface" not in judged.packages:
        return Verdict(
            "HFM404",
            "this tree uses LangChain `HuggingFaceHub`-era classes; "
            "add `langchain-huggingface` and migrate to `HuggingFaceEndpoint`",
        )
    return _langchain(pin, judged)


def _langchain_huggingface(pin: Pin, judged: Judged) -> Verdict | None:
    if not pin.spec:
        return None
    versions = version_range(pin)
    shown = f"{pin.package}{pin.spec}"
    if versions.allows_only_below(LANGCHAIN_HF_POST_BELOW):
        return Verdict(
            "HFM405",
            f"`{shown}`: releases before {LANGCHAIN_HF_POST_BELOW} call `InferenceClient.post`, which "
            f"huggingface_hub 0.31 removed; allow langchain-huggingface>={LANGCHAIN_HF_POST_BELOW}",
        )
    if judged.hub_2 and not versions.allows_any_in(_after(LANGCHAIN_HF_HUB_CAP_UP_TO), None):
        return Verdict(
            "HFM406",
            f"`{shown}` requires huggingface-hub<2.0 (up to {LANGCHAIN_HF_HUB_CAP_UP_TO}), but {judged.hub_2} requires "
            "huggingface_hub 2.x: pip cannot install both; "
            "allow a newer langchain-huggingface or hold huggingface_hub at 1.x",
        )
    return None


def _langchain(pin: Pin, judged: Judged) -> Verdict | None:
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
    return Verdict(
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
def requires_hub_2(tree: TreeFacts) -> str | None:
    """``path:line`` of a huggingface_hub pin that allows only 2.0 or later, if the tree has one."""
    for path, text in tree.dependency_files:
        for pin in find_pins(path.replace("\\", "/").rsplit("/", 1)[-1], text):
            if pin.package == "huggingface-hub" and pin.spec and version_range(pin).allows_only_from(HUB_2):
                return f"{path}:{text.count(chr(10), 0, pin.start) + 1}"
    return None


JUDGES: dict[str, Callable[[Pin, Judged], Verdict | None]] = {
    "huggingface-hub": _hub,
    JS_PACKAGE: _js_inference,
    "langchain-huggingface": _langchain_huggingface,
    "langchain": _langchain,
    "langchain-community": _langchain_community,
}
