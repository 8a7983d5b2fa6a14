"""The command line's options, declared once: the typer annotations the commands in :mod:`hfmigrate.cli` take.

Options shared by ``scan`` and ``rewrite`` come first, then each command's own (``scan``, ``rules``, ``rewrite``,
``probe``, ``check-models``). The help text of
each option is here; the commands keep their defaults.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

# --- scan and rewrite ---

Exclude = Annotated[list[str] | None, typer.Option(help="Glob of paths to skip (repeatable).")]
Config = Annotated[Path | None, typer.Option(help="Config file (pyproject.toml or .hfmigrate.yaml).")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Say which files were skipped and why.")]
NoGitignore = Annotated[bool, typer.Option("--no-gitignore", help="Do not honour .gitignore files.")]
Ignore = Annotated[str | None, typer.Option(help="Comma-separated rule codes or prefixes to skip.")]

# --- scan ---

ScanPaths = Annotated[
    list[Path] | None, typer.Argument(help="Files or folders to scan (default: .).", show_default=False)
]
ScanOutputFormat = Annotated[str, typer.Option("--format", help="text, json, sarif or github.")]
ScanOutput = Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")]
ScanSelect = Annotated[str | None, typer.Option(help="Comma-separated rule codes or prefixes to report.")]
ScanInclude = Annotated[list[str] | None, typer.Option(help="Glob of paths to scan even if excluded (repeatable).")]
ScanExitZero = Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")]

# --- rules ---

RuleCode = Annotated[
    str | None, typer.Argument(help="A rule code such as HFM101, or its name such as legacy-model-url.")
]

# --- rewrite ---

RewritePaths = Annotated[
    list[Path] | None, typer.Argument(help="Files or folders to migrate (default: .).", show_default=False)
]
RewriteDiff = Annotated[
    bool, typer.Option("--diff", help="Print a unified diff; write nothing. Exit 1 if anything would change.")
]
RewriteCheck = Annotated[
    bool, typer.Option("--check", help="List files that would change; write nothing. Exit 1 if any.")
]
RewriteSelect = Annotated[str | None, typer.Option(help="Comma-separated rule codes or prefixes to apply.")]
RewriteInclude = Annotated[list[str] | None, typer.Option(help="Glob of paths to read even if excluded (repeatable).")]
RewriteModelMap = Annotated[
    list[str] | None, typer.Option("--model-map", help="OLD=NEW model id replacement (repeatable).")
]
RewriteResolveModels = Annotated[
    bool,
    typer.Option(
        "--resolve-models",
        help="Ask the router and Hub which call-site models are served; "
        "without it only the check-models cache is read.",
    ),
]
RewriteText = Annotated[
    bool,
    typer.Option(
        "--text/--no-text",
        help="Rewrite text files (JS/TS, shell, .env, YAML, JSON, TOML, Markdown, pins); on by default.",
        show_default=False,
    ),
]
RewriteNotebooks = Annotated[
    bool,
    typer.Option("--notebooks/--no-notebooks", help="Rewrite Jupyter notebooks; on by default.", show_default=False),
]

# --- probe ---

ProbeModel = Annotated[
    list[str] | None, typer.Option("--model", "-m", help="Hub model id to probe (repeatable).", metavar="ID")
]
ProbeEndpoint = Annotated[str, typer.Option(help="legacy, hf-inference, router or all.", metavar="WHICH")]
ProbeFromCode = Annotated[
    list[Path] | None,
    typer.Option("--from-code", help="Probe the models and URLs scan finds under PATH.", metavar="PATH"),
]
ProbeNoInference = Annotated[
    bool, typer.Option("--no-inference", help="Only free metadata requests (/v1/models, Hub mapping, whoami).")
]
ProbeStream = Annotated[bool, typer.Option("--stream", help="Also check a streamed (SSE) chat answer.")]
ProbeTimeout = Annotated[float, typer.Option(help="Connect and read timeout, seconds.", metavar="S")]
ProbeRetries = Annotated[int, typer.Option(help="Retries on 429, 5xx and connection errors.", metavar="N")]
ProbeToken = Annotated[
    str | None, typer.Option(help="Token to use (prefer $HF_TOKEN: options show in ps).", metavar="TOKEN")
]
ProbeTokenEnv = Annotated[str | None, typer.Option(help="Read the token from this variable instead.", metavar="NAME")]
ProbeRouterUrl = Annotated[str | None, typer.Option(help="Router base URL (env HFMIGRATE_ROUTER_URL).", metavar="URL")]
ProbeLegacyUrl = Annotated[
    str | None, typer.Option(help="Legacy host base URL (env HF_INFERENCE_ENDPOINT).", metavar="URL")
]
ProbeHubUrl = Annotated[str | None, typer.Option(help="Hub base URL (env HF_ENDPOINT).", metavar="URL")]
ProbeJsonOutput = Annotated[bool, typer.Option("--json", help="Print the JSON report (docs/probe-json.md).")]

# --- check-models ---

ModelsModels = Annotated[list[str] | None, typer.Argument(help="Model ids, optionally with :provider or :fastest.")]
ModelsFromFile = Annotated[
    Path | None,
    typer.Option(
        "--from-file",
        help="Ids from a text file (one per line, # comments) or YAML (a list, or a models: mapping).",
    ),
]
ModelsFromCode = Annotated[
    Path | None, typer.Option("--from-code", help="Ids that scan finds at legacy call sites under PATH.")
]
ModelsTask = Annotated[
    str | None, typer.Option(help="The task the code uses, for ids given as arguments or in --from-file.")
]
ModelsOutputFormat = Annotated[
    str, typer.Option("--format", help="text, json or yaml (a models: mapping of replacements).")
]
ModelsAsJson = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
ModelsOutput = Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")]
ModelsMaxAge = Annotated[str, typer.Option("--max-age", help="Cache lifetime: seconds, or 30m, 2h, 1d.")]
ModelsRefresh = Annotated[bool, typer.Option("--refresh", help="Ignore the cache; fetch everything again.")]
ModelsOffline = Annotated[bool, typer.Option("--offline", help="Use only the cache; fail if it is missing or too old.")]
ModelsNoCache = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the on-disk cache.")]
ModelsConcurrency = Annotated[int, typer.Option(help="Hub lookups in flight at once.", min=1, max=64)]
ModelsTimeout = Annotated[float, typer.Option(help="Connect and read timeout, seconds.", min=0.1)]
ModelsRetries = Annotated[int, typer.Option(help="Retries on 429, 5xx and connection errors.", min=0, max=10)]
ModelsNoAlternatives = Annotated[bool, typer.Option("--no-alternatives", help="Do not look up alternatives.")]
ModelsLock = Annotated[Path | None, typer.Option("--lock", help="Write the provider mapping checked to FILE (JSON).")]
ModelsVerifyLock = Annotated[
    Path | None, typer.Option("--verify-lock", help="Re-check a lockfile; exit 1 on provider drift.")
]
ModelsHubUrl = Annotated[
    str | None, typer.Option("--hub-url", help="Hub base URL (default $HF_ENDPOINT or huggingface.co).")
]
ModelsRouterUrl = Annotated[
    str | None,
    typer.Option("--router-url", help="Router base URL (default $HFMIGRATE_ROUTER_URL or router.huggingface.co)."),
]
ModelsToken = Annotated[str | None, typer.Option("--token", help="HF token (default: $HF_TOKEN, then the token file).")]
ModelsTokenEnv = Annotated[str | None, typer.Option("--token-env", help="Read the token from this variable instead.")]
