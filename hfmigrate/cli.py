"""The command line: parse options, call an engine, hand the result to a renderer. No logic lives here.

Exit codes, for every command: 0 clean, 1 findings / pending changes / unavailable models, 2 usage or tool error.
Engines and renderers are imported inside the commands so that start-up stays light for pre-commit.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from hfmigrate import __version__, entry, scan_command
from hfmigrate import cli_options as options
from hfmigrate.errors import HfMigrateError

app = typer.Typer(
    name="hfmigrate",
    help="Find and migrate code that still calls the retired Hugging Face Inference API host.\n\n"
    "Exit codes: 0 clean, 1 findings or changes, 2 usage or tool error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hfmigrate {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = None,
) -> None:
    pass


def _exit(code: int) -> None:
    raise typer.Exit(code)


# --- scan ------------------------------------------------------------------------------------------------------


@app.command(
    help="Find every legacy Inference API usage.\n\n"
    "Exit codes: 0 nothing found; 1 findings (the CI gate; --exit-zero turns it off); 2 usage error, or a file that "
    "could not be read or checked (--exit-zero does not turn that off); 130/143 interrupted."
)
def scan(
    paths: options.ScanPaths = None,
    output_format: options.ScanOutputFormat = "text",
    output: options.ScanOutput = None,
    select: options.ScanSelect = None,
    ignore: options.Ignore = None,
    exclude: options.Exclude = None,
    include: options.ScanInclude = None,
    config: options.Config = None,
    exit_zero: options.ScanExitZero = False,
    verbose: options.Verbose = False,
    no_gitignore: options.NoGitignore = False,
) -> None:
    """Find every legacy Inference API usage (the help text is the decorator's)."""
    code = scan_command.run_scan(
        paths,
        output_format=output_format,
        output=output,
        select=select,
        ignore=ignore,
        exclude=exclude,
        include=include,
        config=config,
        exit_zero=exit_zero,
        verbose=verbose,
        no_gitignore=no_gitignore,
    )
    _exit(code)


# --- rules -----------------------------------------------------------------------------------------------------


@app.command()
def rules(
    code: options.RuleCode = None,
) -> None:
    """List every rule, or explain one with a before/after example. Exit 2 for an unknown rule."""
    from hfmigrate.report.rules import render_rule, render_rule_table

    if code is None:
        typer.echo(render_rule_table(), nl=False)
        return
    typer.echo(render_rule(code), nl=False)


# --- rewrite ---------------------------------------------------------------------------------------------------


@app.command(
    help="Migrate legacy Inference API code to the router, in place.\n\n"
    "Exit codes: 0 nothing left to do; 1 changes pending (--diff/--check) or markers left for a person; 2 usage "
    "error, or a file could not be rewritten; 130/143 interrupted."
)
def rewrite(
    paths: options.RewritePaths = None,
    diff: options.RewriteDiff = False,
    check: options.RewriteCheck = False,
    select: options.RewriteSelect = None,
    ignore: options.Ignore = None,
    exclude: options.Exclude = None,
    include: options.RewriteInclude = None,
    model_map: options.RewriteModelMap = None,
    resolve_models: options.RewriteResolveModels = False,
    config: options.Config = None,
    verbose: options.Verbose = False,
    no_gitignore: options.NoGitignore = False,
    text: options.RewriteText = True,
    notebooks: options.RewriteNotebooks = True,
) -> None:
    """Migrate legacy Inference API code to the router (the help text is the decorator's)."""
    from hfmigrate.rewrite.cli_support import run_rewrite

    code = run_rewrite(
        paths,
        diff=diff,
        check=check,
        select=select,
        ignore=ignore,
        exclude=exclude,
        include=include,
        model_map=model_map,
        resolve_models=resolve_models,
        config=config,
        verbose=verbose,
        no_gitignore=no_gitignore,
        text=text,
        notebooks=notebooks,
    )
    _exit(code)


# --- probe -----------------------------------------------------------------------------------------------------


@app.command(
    help="Ask each inference endpoint what it answers, and explain every answer with the fix.\n\n"
    "Exit codes: 0 everything that should work works (the legacy host's 410 is expected); 1 a router or "
    "hf-inference probe fails; 2 usage error, or no host could be reached at all."
)
def probe(
    model: options.ProbeModel = None,
    endpoint: options.ProbeEndpoint = "all",
    from_code: options.ProbeFromCode = None,
    no_inference: options.ProbeNoInference = False,
    stream: options.ProbeStream = False,
    timeout: options.ProbeTimeout = 10.0,
    retries: options.ProbeRetries = 2,
    token: options.ProbeToken = None,
    token_env: options.ProbeTokenEnv = None,
    router_url: options.ProbeRouterUrl = None,
    legacy_url: options.ProbeLegacyUrl = None,
    hub_url: options.ProbeHubUrl = None,
    json_output: options.ProbeJsonOutput = False,
) -> None:
    """Probe the inference endpoints (the help text is the decorator's)."""
    from hfmigrate.probe import ProbeOptions
    from hfmigrate.probe.cli_support import run_probe

    probe_options = ProbeOptions(
        endpoint=endpoint, inference=not no_inference, stream=stream, timeout=timeout, retries=retries
    )
    code = run_probe(
        model,
        from_code,
        probe_options,
        json_output=json_output,
        token=token,
        token_env=token_env,
        router_url=router_url,
        legacy_url=legacy_url,
        hub_url=hub_url,
    )
    _exit(code)


# --- check-models ----------------------------------------------------------------------------------------------


@app.command(
    "check-models",
    help="Check that each model is served on the router, for its task, and suggest alternatives.\n\n"
    "Exit codes: 0 every model is served; 1 some are not (or, with --verify-lock, a locked model drifted); 2 usage "
    "error, a host could not be reached, or a lookup kept failing.",
)
def check_models(
    models: options.ModelsModels = None,
    from_file: options.ModelsFromFile = None,
    from_code: options.ModelsFromCode = None,
    task: options.ModelsTask = None,
    output_format: options.ModelsOutputFormat = "text",
    as_json: options.ModelsAsJson = False,
    output: options.ModelsOutput = None,
    max_age: options.ModelsMaxAge = "1h",
    refresh: options.ModelsRefresh = False,
    offline: options.ModelsOffline = False,
    no_cache: options.ModelsNoCache = False,
    concurrency: options.ModelsConcurrency = 8,
    timeout: options.ModelsTimeout = 15.0,
    retries: options.ModelsRetries = 3,
    no_alternatives: options.ModelsNoAlternatives = False,
    lock: options.ModelsLock = None,
    verify_lock: options.ModelsVerifyLock = None,
    hub_url: options.ModelsHubUrl = None,
    router_url: options.ModelsRouterUrl = None,
    token: options.ModelsToken = None,
    token_env: options.ModelsTokenEnv = None,
) -> None:
    """Check the models on the router (the help text is the decorator's)."""
    from hfmigrate.catalog.cli_support import run_command

    code = run_command(
        models,
        from_file=from_file,
        from_code=from_code,
        task=task,
        output_format=output_format,
        as_json=as_json,
        output=output,
        lock=lock,
        verify_lock_file=verify_lock,
        offline=offline,
        refresh=refresh,
        no_cache=no_cache,
        max_age=max_age,
        concurrency=concurrency,
        alternatives=not no_alternatives,
        hub_url=hub_url,
        router_url=router_url,
        token=token,
        token_env=token_env,
        timeout=timeout,
        retries=retries,
    )
    _exit(code)


def main() -> None:
    """Entry point of the typer road: every output passes through the token redaction; see :func:`_main`."""
    entry.guarded(_main)


def _main() -> None:
    """User errors become one line on stderr (any token in it redacted) and exit 2; no traceback by default."""
    try:
        code = app(standalone_mode=False, prog_name="hfmigrate")
    except HfMigrateError as error:
        entry.fail(error)
    except Exception as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # plain `hfmigrate`: the help is already printed
            sys.exit(2)
        if entry.is_usage_error(error):
            entry.usage_error(error)
        if type(error).__name__ == "Abort":  # Ctrl-C, as the option parser reports it
            entry.interrupted("SIGINT", 130)
        entry.internal_error(error)
    sys.exit(code if isinstance(code, int) else 0)
