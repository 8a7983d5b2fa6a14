"""Where one call site of a model can go today, from its catalogue verdict: pure, no I/O.

    CHAT           served for chat (a conversational mapping): ROUTER/v1/chat/completions
    HF_INFERENCE   hf-inference serves the call's task: the legacy payload keeps working at ROUTER/hf-inference/...
    PROVIDERS      only other providers serve the task: InferenceClient(provider="auto").<task>(...)
    NOBODY         no live provider serves it for the task: pick one of ``alternatives``

Used by rewrite (through :func:`availability`, over the verdicts of ``hfmigrate.rewrite.resolve``) for Python,
notebooks and text files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from hfmigrate import urls
from hfmigrate.catalog.statuses import CallStyle
from hfmigrate.catalog.types import ModelVerdict

#: Tasks whose legacy call is text generation: served for chat means rewrite can move it to chat completions.
GENERATION_TASKS = frozenset({"text-generation", "conversational", "text2text-generation"})
_METHOD_BY_TASK = {"conversational": "chat_completion", "sentence-similarity": "sentence_similarity"}


class Route(str, Enum):
    CHAT = "chat"
    HF_INFERENCE = "hf-inference"
    PROVIDERS = "providers"
    NOBODY = "nobody"


@dataclass(frozen=True)
class Availability:
    """The answer for one (model, task): the route, and what a marker needs to say."""

    model: str
    route: Route
    task: str | None
    providers: tuple[str, ...] = ()  # PROVIDERS: the live providers that serve the task
    alternatives: tuple[str, ...] = ()  # NOBODY: up to three models to use instead
    reason: str | None = None  # NOBODY: the catalogue's reason (no-provider, not-found, wrong-task, ...)

    @property
    def client_method(self) -> str:
        """The ``InferenceClient`` method for the task (``text_to_image``, ``feature_extraction``, ...)."""
        task = self.task or "text-generation"
        return _METHOD_BY_TASK.get(task, task.replace("-", "_"))

    def marker(self) -> tuple[str, str] | None:
        """(rule code, marker text) for a call site that cannot stay as it is; None for CHAT and HF_INFERENCE."""
        if self.route is Route.PROVIDERS:
            return "HFM503", (
                f"hf-inference does not serve {self.model} for {self.task or 'its task'}; "
                f'{", ".join(self.providers)} do: call InferenceClient(provider="auto").{self.client_method}(...)'
            )
        if self.route is Route.NOBODY:
            alternatives = ", ".join(self.alternatives) or "none found for its task"
            return (
                "HFM502",
                f"{self.model} is not served ({self.reason or 'no-provider'}); alternatives: {alternatives}",
            )
        return None


def availability_of(
    verdict: ModelVerdict, task: str | None = None, style: CallStyle | None = None
) -> Availability | None:
    """The route for a call site that uses ``task`` (None: the model's pipeline tag); None when unknown.

    ``style=CallStyle.TEXT_GENERATION`` (a client ``text_generation`` call, LangChain ``HuggingFaceEndpoint``)
    asks whether *that* call works: a live ``text-generation`` mapping gives HF_INFERENCE or PROVIDERS; a model
    served only for chat gives CHAT (switch the call to ``chat_completion`` / ``ChatHuggingFace``).
    """
    if verdict.failed or verdict.reason == "gated-or-private":
        return None  # no facts to go on: say nothing rather than guess
    task = task or verdict.pipeline_tag
    model = verdict.model
    if verdict.suffix and not verdict.available:
        return Availability(model, Route.NOBODY, task, alternatives=tuple(verdict.alternatives), reason=verdict.reason)
    if not verdict.live_providers:
        return Availability(
            model, Route.NOBODY, task, alternatives=tuple(verdict.alternatives), reason=verdict.reason or "no-provider"
        )
    if style is CallStyle.TEXT_GENERATION:
        return _text_generation_call(verdict)
    if verdict.chat and (task is None or task in GENERATION_TASKS):
        return Availability(model, Route.CHAT, task)
    if task in verdict.hf_inference_tasks:
        return Availability(model, Route.HF_INFERENCE, task)
    others = tuple(p for p in verdict.providers_for(task) if p != urls.HF_INFERENCE)
    if others:
        return Availability(model, Route.PROVIDERS, task, providers=others)
    alternatives = tuple(verdict.alternatives) if verdict.task == task or verdict.task is None else ()
    return Availability(model, Route.NOBODY, task, alternatives=alternatives, reason="wrong-task")


def _text_generation_call(verdict: ModelVerdict) -> Availability:
    task = "text-generation"
    serving = tuple(verdict.providers_for(task, CallStyle.TEXT_GENERATION))
    if urls.HF_INFERENCE in serving:
        return Availability(verdict.model, Route.HF_INFERENCE, task)
    if serving:
        return Availability(verdict.model, Route.PROVIDERS, task, providers=serving)
    if verdict.chat:
        return Availability(verdict.model, Route.CHAT, "conversational")
    return Availability(
        verdict.model, Route.NOBODY, task, alternatives=tuple(verdict.alternatives), reason="wrong-task"
    )


def availability(
    verdicts: Mapping[str, ModelVerdict],
    model: str | None,
    task: str | None = None,
    *,
    style: CallStyle | None = None,
) -> Availability | None:
    """Is ``model`` served for chat, by hf-inference for ``task``, by other providers only, or by nobody?

    ``verdicts`` is ``ModuleContext.verdicts`` (model id → verdict); ``model`` the id as the call site names it,
    after ``--model-map``; ``task`` the task the call uses (``text-generation`` for legacy text generation; None:
    the model's pipeline tag). Returns None when the model is unknown (not in the cache, not looked up) or the
    lookup failed; otherwise an :class:`Availability` whose ``route`` is ``Route.CHAT``, ``Route.HF_INFERENCE``,
    ``Route.PROVIDERS`` (``providers`` names them) or ``Route.NOBODY`` (``alternatives``, up to three), and whose
    ``marker()`` gives the (code, text) of the marker to leave for the last two. ``style=CallStyle.TEXT_GENERATION``
    asks about a client ``text_generation`` call instead (CHAT then means: only chat completions work).
    """
    verdict = verdicts.get(model) if model else None
    return availability_of(verdict, task, style) if verdict is not None else None
