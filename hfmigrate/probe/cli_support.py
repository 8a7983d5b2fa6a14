"""Turning ``probe``'s command-line options into engine inputs, with one clear line for every bad value."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from hfmigrate.auth import Token, token_from_options
from hfmigrate.errors import UsageError
from hfmigrate.net import Hosts, checked_hosts
from hfmigrate.probe.plan import (
    DEFAULT_MODELS,
    ProbeOptions,
    Target,
)
from hfmigrate.probe.targets import check_options, targets_from_code, targets_from_models


def probe_inputs(
    models: list[str] | None,
    from_code: list[Path] | None,
    options: ProbeOptions,
    *,
    token: str | None = None,
    token_env: str | None = None,
    router_url: str | None = None,
    legacy_url: str | None = None,
    hub_url: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> tuple[list[Target], Token | None, Hosts]:
    environ = os.environ if environ is None else environ
    check_options(options)
    hosts = checked_hosts(router_url, legacy_url, hub_url, environ=environ)
    return _targets(models, from_code), token_from_options(token, token_env, environ), hosts


def _targets(models: list[str] | None, from_code: list[Path] | None) -> list[Target]:
    targets = targets_from_models(models or [])
    if from_code:
        found = targets_from_code(from_code)
        if not found and not models:
            shown = ", ".join(str(path) for path in from_code)
            raise UsageError(f"--from-code {shown}: no model ids or legacy URLs found; pass --model to probe one")
        targets += found
    return targets or targets_from_models(DEFAULT_MODELS)


def run_probe(
    models: list[str] | None,
    from_code: list[Path] | None,
    options: ProbeOptions,
    *,
    json_output: bool,
    token: str | None = None,
    token_env: str | None = None,
    router_url: str | None = None,
    legacy_url: str | None = None,
    hub_url: str | None = None,
) -> int:
    """``probe``'s command glue: its inputs, the run with a progress display, the report out; the exit code back."""
    import sys

    from hfmigrate.probe import probe as run
    from hfmigrate.report.probe_text import progress

    targets, found_token, hosts = probe_inputs(
        models,
        from_code,
        options,
        token=token,
        token_env=token_env,
        router_url=router_url,
        legacy_url=legacy_url,
        hub_url=hub_url,
    )
    with progress() as on_event:
        report = run(targets, options, found_token, hosts, on_event)
    secrets = (found_token.value,) if found_token else ()
    if json_output:
        from hfmigrate.report.probe_json import render_json

        sys.stdout.write(render_json(report, secrets))
    else:
        from hfmigrate.report.probe_text import render_text

        sys.stdout.write(render_text(report, secrets, to_terminal=sys.stdout.isatty()))
    if report.no_network:
        from hfmigrate.scan_command import error_line

        error_line(f"hfmigrate: error: {report.verdict} (check the network, proxy and --*-url options)")
    return report.exit_code
