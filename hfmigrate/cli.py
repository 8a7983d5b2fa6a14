"""The command line: parse options, call an engine, hand the result to a renderer. No logic lives here.

Exit codes, for every command: 0 clean, 1 findings / pending changes / unavailable models, 2 usage or tool error.
Engines and renderers are imported inside the commands so that start-up stays light for pre-commit.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from hfmigrate import __version__, entry, scan_command
from hfmigrate.errors import HfMigrateError, UsageError

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
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to scan (default: .).", show_default=False)
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="text, json, sarif or github.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
    select: Annotated[str | None, typer.Option(help="Comma-separated rule codes or prefixes to report.")] = None,
    ignore: Annotated[str | None, typer.Option(help="Comma-separated rule codes or prefixes to skip.")] = None,
    exclude: Annotated[list[str] | None, typer.Option(help="Glob of paths to skip (repeatable).")] = None,
    include: Annotated[
        list[str] | None, typer.Option(help="Glob of paths to scan even if excluded (repeatable).")
    ] = None,
    config: Annotated[Path | None, typer.Option(help="Config file (pyproject.toml or .hfmigrate.yaml).")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say which files were skipped and why.")] = False,
    no_gitignore: Annotated[bool, typer.Option("--no-gitignore", help="Do not honour .gitignore files.")] = False,
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


def _progress(enabled: bool):
    return scan_command.progress(enabled)


def _warn(warnings) -> None:
    scan_command.warn(warnings)


def _check_output_folder(output: Path | None) -> None:
    scan_command.check_output_folder(output)


def _write_report(output: Path, text: str) -> None:
    scan_command.write_report(output, text)


# --- rules -----------------------------------------------------------------------------------------------------


@app.command()
def rules(
    code: Annotated[
        str | None, typer.Argument(help="A rule code such as HFM101, or its name such as legacy-model-url.")
    ] = None,
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
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to migrate (default: .).", show_default=False)
    ] = None,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print a unified diff; write nothing. Exit 1 if anything would change.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="List files that would change; write nothing. Exit 1 if any.")
    ] = False,
    select: Annotated[str | None, typer.Option(help="Comma-separated rule codes or prefixes to apply.")] = None,
    ignore: Annotated[str | None, typer.Option(help="Comma-separated rule codes or prefixes to skip.")] = None,
    exclude: Annotated[list[str] | None, typer.Option(help="Glob of paths to skip (repeatable).")] = None,
    include: Annotated[
        list[str] | None, typer.Option(help="Glob of paths to read even if excluded (repeatable).")
    ] = None,
    model_map: Annotated[
        list[str] | None, typer.Option("--model-map", help="OLD=NEW model id replacement (repeatable).")
    ] = None,
    resolve_models: Annotated[
        bool,
        typer.Option(
            "--resolve-models",
            help="Ask the router and Hub which call-site models are served; "
            "without it only the check-models cache is read.",
        ),
    ] = False,
    config: Annotated[Path | None, typer.Option(help="Config file (pyproject.toml or .hfmigrate.yaml).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say which files were skipped and why.")] = False,
    no_gitignore: Annotated[bool, typer.Option("--no-gitignore", help="Do not honour .gitignore files.")] = False,
    text: Annotated[
        bool,
        typer.Option(
            "--text/--no-text",
            help="Rewrite text files (JS/TS, shell, .env, YAML, JSON, TOML, Markdown, pins); on by default.",
            show_default=False,
        ),
    ] = True,
    notebooks: Annotated[
        bool,
        typer.Option(
            "--notebooks/--no-notebooks", help="Rewrite Jupyter notebooks; on by default.", show_default=False
        ),
    ] = True,
) -> None:
    """Migrate legacy Inference API code to the router (the help text is the decorator's)."""
    from hfmigrate.config import load_settings
    from hfmigrate.report.rewrite_text import render_rewrite
    from hfmigrate.rewrite import rewrite_paths

    if diff and check:
        raise UsageError("--diff and --check cannot be used together: --diff prints the patch, --check lists the files")
    targets = paths or [Path(".")]
    settings = load_settings(
        targets,
        config_file=config,
        select=select,
        ignore=ignore,
        exclude=exclude,
        include=include,
        gitignore=not no_gitignore,
    )
    _warn(settings.warnings)
    settings.models.update(_model_map(model_map or []))
    from hfmigrate.rewrite.resolve import CallSiteLookup

    lookup = CallSiteLookup(targets, settings, online=resolve_models)
    kinds = frozenset({"python"} | ({"text"} if text else set()) | ({"notebook"} if notebooks else set()))
    with _progress(enabled=True) as progress:
        result = rewrite_paths(
            targets, settings, write=not (diff or check), catalog=lookup, kinds=kinds, progress=progress
        )
    result.models = lookup.result
    report = render_rewrite(result, show_diff=diff, list_only=check, verbose=verbose)
    sys.stdout.write(report.body)
    if report.summary:  # with --diff the summary goes to stderr, so stdout is a patch `git apply` takes as it is
        (sys.stderr if diff else sys.stdout).write(report.summary)
    _exit(result.exit_code(pending=diff or check))


def _model_map(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise UsageError(f"--model-map {pair!r}: expected OLD=NEW, e.g. --model-map gpt2=openai-community/gpt2")
        mapping[old.strip()] = new.strip()
    return mapping


# --- probe -----------------------------------------------------------------------------------------------------


@app.command(
    help="Ask each inference endpoint what it answers, and explain every answer with the fix.\n\n"
    "Exit codes: 0 everything that should work works (the legacy host's 410 is expected); 1 a router or "
    "hf-inference probe fails; 2 usage error, or no host could be reached at all."
)
def probe(
    model: Annotated[
        list[str] | None, typer.Option("--model", "-m", help="Hub model id to probe (repeatable).", metavar="ID")
    ] = None,
    endpoint: Annotated[str, typer.Option(help="legacy, hf-inference, router or all.", metavar="WHICH")] = "all",
    from_code: Annotated[
        list[Path] | None,
        typer.Option("--from-code", help="Probe the models and URLs scan finds under PATH.", metavar="PATH"),
    ] = None,
    no_inference: Annotated[
        bool, typer.Option("--no-inference", help="Only free metadata requests (/v1/models, Hub mapping, whoami).")
    ] = False,
    stream: Annotated[bool, typer.Option("--stream", help="Also check a streamed (SSE) chat answer.")] = False,
    timeout: Annotated[float, typer.Option(help="Connect and read timeout, seconds.", metavar="S")] = 10.0,
    retries: Annotated[int, typer.Option(help="Retries on 429, 5xx and connection errors.", metavar="N")] = 2,
    token: Annotated[
        str | None, typer.Option(help="Token to use (prefer $HF_TOKEN: options show in ps).", metavar="TOKEN")
    ] = None,
    token_env: Annotated[
        str | None, typer.Option(help="Read the token from this variable instead.", metavar="NAME")
    ] = None,
    router_url: Annotated[
        str | None, typer.Option(help="Router base URL (env HFMIGRATE_ROUTER_URL).", metavar="URL")
    ] = None,
    legacy_url: Annotated[
        str | None, typer.Option(help="Legacy host base URL (env HF_INFERENCE_ENDPOINT).", metavar="URL")
    ] = None,
    hub_url: Annotated[str | None, typer.Option(help="Hub base URL (env HF_ENDPOINT).", metavar="URL")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the JSON report (docs/probe-json.md).")] = False,
) -> None:
    """Probe the inference endpoints (the help text is the decorator's)."""
    from hfmigrate.probe import ProbeOptions
    from hfmigrate.probe import probe as run_probe
    from hfmigrate.probe.cli_support import probe_inputs
    from hfmigrate.report.probe_text import progress

    options = ProbeOptions(
        endpoint=endpoint, inference=not no_inference, stream=stream, timeout=timeout, retries=retries
    )
    targets, found_token, hosts = probe_inputs(
        model,
        from_code,
        options,
        token=token,
        token_env=token_env,
        router_url=router_url,
        legacy_url=legacy_url,
        hub_url=hub_url,
    )
    with progress() as on_event:
        report = run_probe(targets, options, found_token, hosts, on_event)
    secrets = (found_token.value,) if found_token else ()
    if json_output:
        from hfmigrate.report.probe_json import render_json

        sys.stdout.write(render_json(report, secrets))
    else:
        from hfmigrate.report.probe_text import render_text

        sys.stdout.write(render_text(report, secrets, to_terminal=sys.stdout.isatty()))
    if report.no_network:
        typer.echo(f"hfmigrate: error: {report.verdict} (check the network, proxy and --*-url options)", err=True)
    _exit(report.exit_code)


# --- check-models ----------------------------------------------------------------------------------------------


@app.command(
    "check-models",
    help="Check that each model is served on the router, for its task, and suggest alternatives.\n\n"
    "Exit codes: 0 every model is served; 1 some are not (or, with --verify-lock, a locked model drifted); 2 usage "
    "error, a host could not be reached, or a lookup kept failing.",
)
def check_models(
    models: Annotated[
        list[str] | None, typer.Argument(help="Model ids, optionally with :provider or :fastest.")
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from-file",
            help="Ids from a text file (one per line, # comments) or YAML (a list, or a models: mapping).",
        ),
    ] = None,
    from_code: Annotated[
        Path | None, typer.Option("--from-code", help="Ids that scan finds at legacy call sites under PATH.")
    ] = None,
    task: Annotated[
        str | None, typer.Option(help="The task the code uses, for ids given as arguments or in --from-file.")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text, json or yaml (a models: mapping of replacements).")
    ] = "text",
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
    max_age: Annotated[str, typer.Option("--max-age", help="Cache lifetime: seconds, or 30m, 2h, 1d.")] = "1h",
    refresh: Annotated[bool, typer.Option("--refresh", help="Ignore the cache; fetch everything again.")] = False,
    offline: Annotated[
        bool, typer.Option("--offline", help="Use only the cache; fail if it is missing or too old.")
    ] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the on-disk cache.")] = False,
    concurrency: Annotated[int, typer.Option(help="Hub lookups in flight at once.", min=1, max=64)] = 8,
    timeout: Annotated[float, typer.Option(help="Connect and read timeout, seconds.", min=0.1)] = 15.0,
    retries: Annotated[int, typer.Option(help="Retries on 429, 5xx and connection errors.", min=0, max=10)] = 3,
    no_alternatives: Annotated[bool, typer.Option("--no-alternatives", help="Do not look up alternatives.")] = False,
    lock: Annotated[
        Path | None, typer.Option("--lock", help="Write the provider mapping checked to FILE (JSON).")
    ] = None,
    verify_lock: Annotated[
        Path | None, typer.Option("--verify-lock", help="Re-check a lockfile; exit 1 on provider drift.")
    ] = None,
    hub_url: Annotated[
        str | None, typer.Option("--hub-url", help="Hub base URL (default $HF_ENDPOINT or huggingface.co).")
    ] = None,
    router_url: Annotated[
        str | None,
        typer.Option("--router-url", help="Router base URL (default $HFMIGRATE_ROUTER_URL or router.huggingface.co)."),
    ] = None,
    token: Annotated[
        str | None, typer.Option("--token", help="HF token (default: $HF_TOKEN, then the token file).")
    ] = None,
    token_env: Annotated[
        str | None, typer.Option("--token-env", help="Read the token from this variable instead.")
    ] = None,
) -> None:
    """Check the models on the router (the help text is the decorator's)."""
    from hfmigrate.catalog import cli_support as support
    from hfmigrate.catalog.inputs import validate_task
    from hfmigrate.report import render_drift, render_models

    task = validate_task(task)
    output_format = support.output_format_of(output_format, as_json)
    support.check_mode(
        offline=offline,
        refresh=refresh,
        no_cache=no_cache,
        verify_lock=verify_lock,
        lock=lock,
        gives_ids=bool(models or from_file or from_code),
    )
    options = support.catalog_options(
        max_age=max_age,
        refresh=refresh,
        offline=offline,
        no_cache=no_cache,
        concurrency=concurrency,
        alternatives=not no_alternatives,
        hub_url=hub_url,
        router_url=router_url,
        token=token,
        token_env=token_env,
        timeout=timeout,
        retries=retries,
    )
    to_terminal = output is None and sys.stdout.isatty()
    if verify_lock:
        drifts, report = support.verify_lock(verify_lock, options)
        _emit_text(render_drift(drifts, report, output_format, to_terminal=to_terminal), output)
        _exit(support.drift_exit_code(drifts, report))
    report = support.run_check(support.model_requests(models or [], from_file, from_code, task), options)
    _emit_text(render_models(report, output_format, to_terminal=to_terminal), output)
    for verdict in report.failed:
        typer.echo(f"hfmigrate: error: {verdict.model}: {verdict.detail}", err=True)
    if lock:
        support.save_lock(lock, report)
    _exit(report.exit_code)


def _emit_text(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        _write_report(output, text)


def main() -> None:
    """Entry point of the typer road: every output passes through the token redaction; see :func:`_main`."""
    entry.guarded(_main)


def _interrupted(signal_name: str, code: int) -> None:
    entry.interrupted(signal_name, code)


def _main() -> None:
    """User errors become one line on stderr (any token in it redacted) and exit 2; no traceback by default."""
    try:
        code = app(standalone_mode=False, prog_name="hfmigrate")
    except HfMigrateError as error:
        entry.fail(error)
    except Exception as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # plain `hfmigrate`: the help is already printed
            sys.exit(2)
        if _is_usage_error(error):
            _usage_error(error)
        if type(error).__name__ == "Abort":  # Ctrl-C, as the option parser reports it
            _interrupted("SIGINT", 130)
        entry.internal_error(error)
    sys.exit(code if isinstance(code, int) else 0)


def _is_usage_error(error: Exception) -> bool:
    """The option parser's errors (typer vendors click privately, so they are recognised by what they offer)."""
    return hasattr(error, "format_message") and isinstance(getattr(error, "exit_code", None), int)


def _usage_error(error) -> None:
    """One line instead of a boxed message: what is wrong, and where to look."""
    from hfmigrate.auth import redact

    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else "hfmigrate"
    message = redact(" ".join(error.format_message().split()))
    typer.echo(f"hfmigrate: error: {message} (see `{command} --help`)", err=True)
    sys.exit(error.exit_code)
