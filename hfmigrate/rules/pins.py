"""HFM401-HFM407: dependency pins that keep a project on something broken today.

A pin is reported when *every* version it allows is broken (``huggingface_hub==0.20.3``, ``<0.31``, Poetry's
``^0.24``); a range that still admits a working release is not. The check runs on dependency files
(``FileKind.DEPENDENCY``: requirements*.txt, pyproject.toml, setup.cfg, Pipfile, package.json). Three verdicts
need facts about the whole tree (:class:`~hfmigrate.engine.tree.TreeFacts`): HFM402's message names
``InferenceClient.post`` callers (HFM302 in the code), HFM404 needs LangChain ``HuggingFaceHub``-era classes in the
code (HFM306/HFM307), HFM406 a huggingface_hub 2.x pin in another dependency file.

The fix of HFM401, HFM402, HFM405 and HFM407 is a marker above the pin (in formats with comments; package.json keeps
HFM403 as a finding). What each package's pin is judged by is :mod:`hfmigrate.rules.pin_verdicts`. Adding
``langchain-huggingface>=0.2.0`` where rewrite migrated the classes is this family's tree fix,
:mod:`hfmigrate.rules.pin_requirements`.
"""

from __future__ import annotations

from collections.abc import Iterator

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
from hfmigrate.rules import pin_requirements
from hfmigrate.rules.pin_files import Pin, find_pins
from hfmigrate.rules.pin_verdicts import (  # the version bounds are re-exported: tests read them from here
    HUB_LEGACY_BELOW,  # noqa: F401
    HUB_ROUTER_FIXED,  # noqa: F401
    JS_FIXED,  # noqa: F401
    JS_LEGACY_BELOW,  # noqa: F401
    JS_PROXY_BELOW,  # noqa: F401
    JUDGES,
    Judged,
    Verdict,
    requires_hub_2,
)
from hfmigrate.urls import ROUTER_URL

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


@FAMILY.text(_DEPENDENCY_ONLY, where=True)
def pin_violations(text: str, where: TextContext) -> Iterator[TextViolation]:
    pins = find_pins(where.name, text)
    packages: dict[str, Pin] = {}
    for pin in pins:
        packages.setdefault(pin.package, pin)
    judged = Judged(packages, where.tree, requires_hub_2(where.tree))
    for pin in pins:
        judge = JUDGES.get(pin.package)
        verdict = judge(pin, judged) if judge else None
        if verdict is not None:
            yield TextViolation(verdict.code, verdict.message, pin.start, pin.end, _fix(pin, verdict))


def _fix(pin: Pin, verdict: Verdict) -> Fix:
    marker = _MARKERS.get(verdict.code)
    return Fix(marker=marker.format(spec=pin.spec, floor=verdict.floor)) if marker else Fix()
