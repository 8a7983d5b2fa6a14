"""Report renderers picked by format name: ``render_scan``, and ``render_models`` / ``render_drift`` for check-models.

Each format lives in its own module and is imported only when asked for, so that ``--format json`` in a
pre-commit hook never pays for importing rich (only the text renderer uses it).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from hfmigrate.errors import UsageError
from hfmigrate.findings import ScanResult

if TYPE_CHECKING:
    from hfmigrate.catalog.lock import Drift
    from hfmigrate.catalog.types import CheckReport

# format name -> module under hfmigrate.report that defines render(result, *, verbose, to_terminal)
_MODULES = {"text": "text", "json": "json", "sarif": "sarif", "github": "github"}


def render_scan(result: ScanResult, fmt: str, *, verbose: bool = False, to_terminal: bool = False) -> str:
    """The whole report for ``result`` in format ``fmt`` (text, json, sarif or github), ready to write."""
    module_name = _MODULES.get(fmt)
    if module_name is None:
        raise UsageError(f"--format {fmt!r} is not one of {', '.join(_MODULES)}")
    module = import_module(f"{__name__}.{module_name}")
    return module.render(result, verbose=verbose, to_terminal=to_terminal)


def render_models(report: CheckReport, fmt: str, *, to_terminal: bool = False) -> str:
    """The check-models report in format ``fmt`` (text, json or yaml: a ``models:`` mapping of replacements)."""
    if fmt == "json":
        from hfmigrate.report.models_json import render as render_json

        return render_json(report)
    if fmt == "yaml":
        from hfmigrate.report.models_yaml import render as render_yaml

        return render_yaml(report)
    from hfmigrate.report.models_text import render as render_text

    return render_text(report, to_terminal=to_terminal)


def render_drift(drifts: list[Drift], report: CheckReport, fmt: str, *, to_terminal: bool = False) -> str:
    """The ``check-models --verify-lock`` report: JSON for ``json``, else the text table (a drift has no YAML form)."""
    if fmt == "json":
        from hfmigrate.report.models_json import render_drift as render_json

        return render_json(drifts, report)
    from hfmigrate.report.models_text import render_drift as render_text

    return render_text(drifts, report, to_terminal=to_terminal)
