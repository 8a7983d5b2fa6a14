"""``rewrite``'s command glue: options into settings, the engine run, the report out; the exit code back.

The command in :mod:`hfmigrate.cli` only declares the options and exits with the code :func:`run_rewrite` gives.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hfmigrate.errors import UsageError


def run_rewrite(
    paths: list[Path] | None,
    *,
    diff: bool,
    check: bool,
    select: str | None,
    ignore: str | None,
    exclude: list[str] | None,
    include: list[str] | None,
    model_map: list[str] | None,
    resolve_models: bool,
    config: Path | None,
    verbose: bool,
    no_gitignore: bool,
    text: bool,
    notebooks: bool,
) -> int:
    from hfmigrate import scan_command
    from hfmigrate.config import load_settings
    from hfmigrate.report.rewrite_text import render_rewrite
    from hfmigrate.rewrite import rewrite_paths
    from hfmigrate.rewrite.resolve import CallSiteLookup

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
    scan_command.warn(settings.warnings)
    settings.models.update(parse_model_map(model_map or []))
    lookup = CallSiteLookup(targets, settings, online=resolve_models)
    kinds = frozenset({"python"} | ({"text"} if text else set()) | ({"notebook"} if notebooks else set()))
    with scan_command.progress(enabled=True) as progress:
        result = rewrite_paths(
            targets, settings, write=not (diff or check), catalog=lookup, kinds=kinds, progress=progress
        )
    result.models = lookup.result
    report = render_rewrite(result, show_diff=diff, list_only=check, verbose=verbose)
    sys.stdout.write(report.body)
    if report.summary:  # with --diff the summary goes to stderr, so stdout is a patch `git apply` takes as it is
        (sys.stderr if diff else sys.stdout).write(report.summary)
    return result.exit_code(pending=diff or check)


def parse_model_map(pairs: list[str]) -> dict[str, str]:
    """``--model-map OLD=NEW`` pairs as a mapping; a pair without both sides is a usage error."""
    mapping = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise UsageError(f"--model-map {pair!r}: expected OLD=NEW, e.g. --model-map gpt2=openai-community/gpt2")
        mapping[old.strip()] = new.strip()
    return mapping
