"""What rewrite knows about the models its call sites name: the check-models cache, or the network.

Without ``--resolve-models`` rewrite makes no request: it reads the check-models cache (``hfmigrate check-models
--from-code .`` fills it) and uses whatever answers it holds, up to :data:`CACHE_MAX_AGE` old. With it, the catalog
asks the router and the Hub for the rest, through the same cache. A model neither source answers is *unknown*:
its call sites are migrated on local evidence only, and the summary names the command that checks them.

Rules ask one question per call site, :func:`hfmigrate.catalog.availability.availability`, of the verdicts found
here: is this model served for chat, by hf-inference for this task, by other providers only, or by nobody?
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path

from hfmigrate.catalog.statuses import CallStyle

__all__ = ["CallSiteLookup", "CallSiteModels", "CallStyle", "resolve_call_site_models"]

#: How old a cached answer rewrite still trusts without --resolve-models (provider mappings change slowly).
CACHE_MAX_AGE = 7 * 86400.0


@dataclass
class CallSiteModels:
    """The verdicts rewrite works with, and how they were obtained (for the summary)."""

    verdicts: dict = field(default_factory=dict)  # model id (after --model-map) → ModelVerdict
    online: bool = False  # --resolve-models: unknown ids were asked for on the network
    unknown: list[str] = field(default_factory=list)  # call-site ids no source could answer
    no_cache: bool = False  # no check-models cache at all: the call sites were not even collected (it costs a scan)
    check_command: str = "hfmigrate check-models --from-code ."  # what fills the cache for these paths

    def summary(self) -> str | None:
        """The summary line rewrite prints about the call-site models; None when there were none."""
        if self.no_cache:
            return (
                f"Models at call sites were not checked (no check-models cache): run `{self.check_command}`, "
                "or rewrite with --resolve-models, so each call site lands where its model is served."
            )
        if not self.verdicts and not self.unknown:
            return None
        where = "from the cache or online" if self.online else "from the check-models cache"
        line = f"Models at call sites: {self.checked} checked ({where}), {len(self.unknown)} unknown"
        return line + (f"; check them with `{self.check_command}`." if self.unknown else ".")

    @property
    def checked(self) -> int:
        return len(self.verdicts)


class CallSiteLookup:
    """``rewrite_paths(catalog=CallSiteLookup(...))``: called by the engine with the candidate files only (those
    the pre-filter kept), so collecting the call-site ids costs a scan of a few files, not of the tree."""

    def __init__(self, paths: list[Path], settings, *, online: bool = False):
        self.paths, self.settings, self.online = paths, settings, online
        self.result: CallSiteModels | None = None

    def __call__(self, candidates: list[Path]) -> dict:
        self.result = resolve_call_site_models(self.paths, self.settings, online=self.online, files=candidates)
        return self.result.verdicts


def resolve_call_site_models(
    paths: list[Path], settings, *, online: bool = False, files: list[Path] | None = None
) -> CallSiteModels:
    """Verdicts for the literal model ids at call sites under ``paths`` (only in ``files``, when given): from the
    cache, and online if asked."""
    from hfmigrate.auth import find_token
    from hfmigrate.catalog import CatalogOptions, resolve_models
    from hfmigrate.errors import UsageError
    from hfmigrate.net import checked_hosts

    cache_only = not online
    command = " && ".join(f"hfmigrate check-models --from-code {shlex.quote(str(p))}" for p in paths or [Path(".")])
    try:
        hosts = checked_hosts()
    except UsageError:
        if online:
            raise  # --resolve-models needs the hosts: the bad variable is named
        return CallSiteModels(no_cache=True, check_command=command)  # a bad $HF_ENDPOINT must not stop a rewrite
    if cache_only and not _cache_exists(hosts):
        return CallSiteModels(no_cache=True, check_command=command)
    tasks, styles = _call_site_tasks(paths if files is None else files, settings) if files != [] else ({}, {})
    if not tasks:
        return CallSiteModels(online=online, check_command=command)
    options = CatalogOptions(
        hosts=hosts,
        token=find_token(),
        cache_only=cache_only,
        max_age=CACHE_MAX_AGE if cache_only else 3600.0,
    )
    verdicts = resolve_models(list(tasks), task_by_model=tasks, style_by_model=styles, options=options)
    return CallSiteModels(verdicts, online, [model for model in tasks if model not in verdicts], check_command=command)


def _call_site_tasks(paths: list[Path], settings) -> tuple[dict[str, str | None], dict]:
    """Each call-site model (after the model map) with the task and call style of its first use."""
    from hfmigrate.catalog.statuses import CallStyle
    from hfmigrate.scan.references import find_model_references
    from hfmigrate.urls import is_model_id

    tasks: dict[str, str | None] = {}
    styles: dict[str, CallStyle | None] = {}
    for reference in find_model_references(paths, settings):
        model = settings.models.get(reference.model, reference.model)
        if is_model_id(model):
            tasks.setdefault(model, reference.task)
            styles.setdefault(model, CallStyle.parse(reference.style))
    return tasks, styles


def _cache_exists(hosts) -> bool:
    from hfmigrate.catalog.cache import Cache, default_cache_dir

    path = Cache(default_cache_dir()).path_for(hosts.hub, "hub-models")
    return path is not None and path.is_file()


def unavailable_message(verdict) -> str:
    alternatives = ", ".join(verdict.alternatives) or "none found for its pipeline tag"
    return f"{verdict.model} is not served ({verdict.reason}); alternatives: {alternatives}"
