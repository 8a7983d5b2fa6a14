"""Which models the Inference Providers router serves, for which task, through which providers.

Used by ``hfmigrate check-models`` and by ``hfmigrate rewrite --resolve-models``. The API for rewrite is
synchronous and needs no CLI::

    from hfmigrate.auth import find_token
    from hfmigrate.catalog import CatalogOptions, resolve_models
    from hfmigrate.net import resolve_hosts

    verdicts = resolve_models(
        ["meta-llama/Llama-3.1-8B-Instruct", "gpt2", "BAAI/bge-small-en-v1.5"],
        task_by_model={"BAAI/bge-small-en-v1.5": "feature-extraction"},   # the task the code uses, if known
        options=CatalogOptions(hosts=resolve_hosts(), token=find_token()),  # all fields optional
    )
    v = verdicts["gpt2"]
    v.available            # bool: served for the task (any task when none is given)
    v.reason               # None, or a key of REASONS: not-found, gated-or-private, no-provider, staging-only,
                           # provider-removed, wrong-task, unknown-provider, lookup-failed
    v.chat                 # served for chat completions: choose ROUTER/v1/chat/completions
    v.hf_inference_tasks   # frozenset of tasks hf-inference serves it for (live): keep the legacy payload there
    v.pipeline_tag, v.live_providers, v.alternatives   # alternatives: up to 3 model ids, most downloaded first

Decision order for rewrite, also available as ``v.route(task)`` → ``"chat"``, ``"hf-inference"`` or ``"marker"``:
``chat`` (for a generation task) → chat completions; else the code's task in ``hf_inference_tasks`` →
``ROUTER/hf-inference/...`` with the legacy payload; else a marker naming ``alternatives``. Rewrite rules use the
finer :func:`hfmigrate.catalog.availability.availability_of` (through ``hfmigrate.catalog.availability.availability``),
which also tells "only other providers serve it" (``Route.PROVIDERS``) from "nobody does" (``Route.NOBODY``).

Call styles: ``ModelRequest(model, task, style=CallStyle.TEXT_GENERATION)`` (or ``resolve_models(...,
style_by_model=...)``) judges a use by how the code calls the model: ``CHAT`` needs a ``conversational`` mapping,
``TEXT_GENERATION`` (``InferenceClient.text_generation``, ``HuggingFaceEndpoint``, JS ``textGeneration``) a
``text-generation`` one, ``EMBEDDINGS`` either embedding task, ``TASK``/None the task rule.

``CatalogOptions(cache_only=True)`` answers from the cache alone, never the network: a model it does not hold is
left out of ``resolve_models``' result (and listed in ``CheckReport.unknown``). When ``/v1/models`` fails, the run
goes on with a warning (``CheckReport.warnings``): ``/v1/models/{id}`` per model, else the Hub mapping alone.

:class:`CatalogOptions` carries ``hosts`` (:class:`hfmigrate.net.Hosts`), ``token``, ``cache_dir`` (default
``$HFMIGRATE_CACHE_DIR``, ``$XDG_CACHE_HOME/hfmigrate`` or the platform's user cache), ``max_age`` (seconds,
default 3600), ``refresh``, ``offline``, ``concurrency`` (default 8), ``retry``, ``warn`` and ``progress``.
Errors: :class:`hfmigrate.errors.NetworkError` (a host cannot be reached; names it) and
:class:`hfmigrate.errors.CacheError` (``offline`` with a missing or stale cache). A verdict with reason
``lookup-failed`` means the Hub kept failing for that one model.

Modules: ``types`` (data), ``statuses`` (the enums' words), ``fetch`` (HTTP + cache reads), ``cache`` (on-disk
cache), ``verdict`` (pure rules), ``engine`` (the run), ``inputs`` (ids from arguments, files and code), ``lock``
(lockfile).
"""

from hfmigrate.catalog.engine import check_models, resolve_models
from hfmigrate.catalog.statuses import CallStyle, HubStatus, ProviderStatus
from hfmigrate.catalog.types import (
    REASONS,
    CatalogOptions,
    CheckReport,
    ModelRequest,
    ModelVerdict,
    ProviderInfo,
)

__all__ = [
    "REASONS",
    "CallStyle",
    "CatalogOptions",
    "CheckReport",
    "HubStatus",
    "ModelRequest",
    "ModelVerdict",
    "ProviderInfo",
    "ProviderStatus",
    "check_models",
    "resolve_models",
]
