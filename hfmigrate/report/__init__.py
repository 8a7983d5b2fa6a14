"""Scan report renderers: ``render_scan`` picks one by format name.

Each format lives in its own module and is imported only when asked for, so that ``--format json`` in a
pre-commit hook never pays for importing rich (only the text renderer uses it).
"""

from __future__ import annotations

from importlib import import_module

from hfmigrate.errors import UsageError
from hfmigrate.findings import ScanResult

# format name -> module under hfmigrate.report that defines render(result, *, verbose, to_terminal)
_MODULES = {"text": "text", "json": "json", "sarif": "sarif", "github": "github"}


def render_scan(result: ScanResult, fmt: str, *, verbose: bool = False, to_terminal: bool = False) -> str:
    """The whole report for ``result`` in format ``fmt`` (text, json, sarif or github), ready to write."""
    module_name = _MODULES.get(fmt)
    if module_name is None:
        raise UsageError(f"--format {fmt!r} is not one of {', '.join(_MODULES)}")
    module = import_module(f"{__name__}.{module_name}")
    return module.render(result, verbose=verbose, to_terminal=to_terminal)
