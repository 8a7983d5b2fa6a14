"""What a check yields: violations (findings with their position), each carrying the :class:`Fix` rewrite applies.

A Python violation sits at a libcst node and its edits name nodes (:class:`NodeEdit`, :class:`NodeRemoval`, or a
:class:`PlannedEdit` over rewrite's module plan); a text violation sits at offsets and its edits are
:class:`SpanEdit` (or a :class:`PlannedTextEdit` over rewrite's text plan). scan reports the violations and drops
the edits; rewrite applies them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hfmigrate.engine.tree import TreeFacts


@dataclass(frozen=True)
class NodeEdit:
    """Python: replace ``node`` (a libcst node) with ``new``: a node, or a function of the node as updated by the
    edits planned inside it (so that edits to a call and to one of its arguments compose)."""

    node: Any
    new: Any


@dataclass(frozen=True)
class PlannedEdit:
    """Python: a conversion too wide for node edits (swap an import and rename its uses, convert the reads of a
    response), given as a function rewrite calls with its module plan (``planning.module_plan.ModuleContext``). It plans
    edits there through the plan's own ``replace``/``remove``/``mark``/``claim``. Prefer :class:`NodeEdit`: scan sees
    that this fix changes code but not how. ``changes_code=False``: a plan that only places a marker, whose text
    depends on what rewrite learned of the tree (a host constant whose uses it cannot follow)."""

    plan: Callable[[Any], None]
    changes_code: bool = True


@dataclass(frozen=True)
class NodeRemoval:
    """Python: remove ``node`` from its container (a dict element, a call argument, a statement of a block)."""

    node: Any


@dataclass(frozen=True)
class SpanEdit:
    """Text: replace ``text[start:end]`` with ``new``; offsets are those of the text the check was given."""

    start: int
    end: int
    new: str


@dataclass(frozen=True)
class PlannedTextEdit:
    """Text: a fix whose edits depend on what rewrite knows and a check is not given, as a function rewrite calls
    with its text plan (``planning.text_plan.TextPlan``, which holds that knowledge: the model map, the
    catalogue's verdicts, the dialect the text is edited in) and the violation it fixes (whose span says where:
    one fix may serve every violation of a text). It plans there through the plan's ``replace`` and ``mark``.
    A :class:`SpanEdit` is not enough where the new text is not known at check time: a legacy URL's router
    equivalent names the mapped model, may take the variable's literal elsewhere in the text with it
    (``const model = "gpt2"``), and comes with a marker or none by the catalogue's word and the dialect's
    comments. Prefer :class:`SpanEdit`: scan sees that this fix changes code but not how."""

    plan: Callable[[Any, TextViolation], None]
    changes_code: bool = True


@dataclass(frozen=True)
class ModuleFix:
    """Python: a conversion rewrite plans on each module before the findings' fixes, for code where the module has
    no finding to carry it: a join of a prefix constant (``f"{HF_API_BASE}/models/{m}"`` names no host; the
    constant may be another module's), a client built on such a join, an LLM call whose URL, body and reads change
    together whatever the URL is written as. ``plan`` is called with rewrite's module plan, as a
    :class:`PlannedEdit`'s is, when one of ``codes`` is enabled for the file. ``claims``: it claims the nodes it
    converts (the plan's ``claim``), so it runs before the module fixes that do not, and a finding's fix leaves
    what it claimed alone. scan never calls it: what it changes is reported by the findings of the same code."""

    plan: Callable[[Any], None]
    codes: tuple[str, ...]
    family: str
    claims: bool = False


@dataclass(frozen=True)
class Fix:
    """What rewrite does for one finding: its edits, and the marker it leaves above the statement (if any)."""

    edits: tuple[NodeEdit | NodeRemoval | PlannedEdit | SpanEdit | PlannedTextEdit, ...] = ()
    marker: str | None = None  # the TODO text; never names what scan looks for, or the marker is a finding

    @functools.cached_property
    def changes_code(self) -> bool:  # (cached: one fix may serve every violation of a text)
        return any(not isinstance(edit, (PlannedEdit, PlannedTextEdit)) or edit.changes_code for edit in self.edits)


@dataclass(frozen=True)
class ModelMention:
    """A model id the code at a finding calls (``check-models --from-code`` and ``probe --from-code`` read them);
    scan adds the file and the finding's line. ``runtime``: the id is chosen at run time (``model`` is then the
    placeholder as written, ``{model_id}``)."""

    model: str
    task: str | None = None  # the task the code uses, when known ("feature-extraction", "conversational" ...)
    url: str | None = None  # the URL the id was found in
    style: str | None = None  # how the code calls it: a hfmigrate.catalog.statuses.CallStyle value, when known
    runtime: bool = False


@dataclass(frozen=True)
class PythonViolation:
    """A finding of a Python check, at ``node``; ``replacement`` is the suggested text shown to people. ``within``:
    the finding's own span as offsets into the node's source (a URL inside a docstring), when it is not the node.
    ``statement``: the top-level statement the check was called under, set by the runner (positions are computed
    for that statement alone). ``mentions``: the model ids the code there calls (a legacy URL's model)."""

    code: str
    message: str
    node: Any
    fix: Fix = Fix()
    replacement: str | None = None
    within: tuple[int, int] | None = None
    statement: Any = field(default=None, compare=False, repr=False)
    mentions: tuple[ModelMention, ...] = ()

    def under(self, statement: Any) -> PythonViolation:
        """This violation under the top-level statement the runner met it in. (``dataclasses.replace`` costs a
        tenth of the checks on a module of 10,000 URLs; tests/engine/test_fixes.py holds this to it.)"""
        return PythonViolation(
            self.code, self.message, self.node, self.fix, self.replacement, self.within, statement, self.mentions
        )


@dataclass(frozen=True)
class TextViolation:
    """A finding of a text check, at ``text[start:end]``."""

    code: str
    message: str
    start: int
    end: int
    fix: Fix = Fix()
    replacement: str | None = None


@dataclass(frozen=True)
class TextContext:
    """Where a text check runs: the file's display path (a dependency file, a notebook, ``.env`` ...), the text's
    format when the runner knows it better than the path says (a notebook's shell lines: ``"shell"``), for a
    check on dependency files the facts about the whole tree (:mod:`hfmigrate.engine.tree`), and in rewrite the
    model map (``--model-map``: a fix that writes a model id writes the one it maps to; scan gives none)."""

    path: str = ""
    dialect: str | None = None  # a name of engine.dialects (None: the path's)
    tree: TreeFacts = TreeFacts()
    models: Mapping[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


Violation = PythonViolation | TextViolation
