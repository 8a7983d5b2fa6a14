"""Turning ``probe``'s command-line options into engine inputs, with one clear line for every bad value."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from hfmigrate.auth import Token, find_token
from hfmigrate.errors import UsageError
from hfmigrate.net import Hosts, resolve_hosts
from hfmigrate.probe.plan import (
    DEFAULT_MODELS,
    ProbeOptions,
    Target,
    check_base_url,
    check_options,
    targets_from_code,
    targets_from_models,
)

_HOST_SOURCES = (
    ("router", "--router-url", "HFMIGRATE_ROUTER_URL"),
    ("legacy", "--legacy-url", "HF_INFERENCE_ENDPOINT"),
    ("hub", "--hub-url", "HF_ENDPOINT"),
)


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
    given = {"router": router_url, "legacy": legacy_url, "hub": hub_url}
    for name, option, variable in _HOST_SOURCES:
        value = given[name] if given[name] is not None else environ.get(variable)
        if value is not None:
            check_base_url(value, option if given[name] is not None else f"${variable}")
    hosts = resolve_hosts(router_url, legacy_url, hub_url, environ=environ)
    return _targets(models, from_code), _token(token, token_env, environ), hosts


def _targets(models: list[str] | None, from_code: list[Path] | None) -> list[Target]:
    targets = targets_from_models(models or [])
    if from_code:
        found = targets_from_code(from_code)
        if not found and not models:
            shown = ", ".join(str(path) for path in from_code)
            raise UsageError(f"--from-code {shown}: no model ids or legacy URLs found; pass --model to probe one")
        targets += found
    return targets or targets_from_models(DEFAULT_MODELS)


def _token(token: str | None, token_env: str | None, environ: Mapping[str, str]) -> Token | None:
    if token is not None and not token.strip():
        raise UsageError("--token is empty: pass a token, or leave the option out to use $HF_TOKEN")
    if token_env is not None and not token_env.strip():
        raise UsageError("--token-env is empty: give a variable name such as HUGGINGFACEHUB_API_TOKEN")
    found = find_token(token, token_env, environ)
    if token_env and token is None and found is None:
        raise UsageError(f"--token-env {token_env}: ${token_env} is not set or empty")
    return found
