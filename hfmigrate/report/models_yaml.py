"""``hfmigrate check-models --format yaml``: a ready ``models:`` mapping for ``.hfmigrate.yaml``.

Each unavailable model maps to its first alternative; the others and the reason follow as a comment. A model
without any alternative stays as a commented line, so the mapping remains valid YAML and the gap stays visible.
Keys and values are written as double-quoted scalars (JSON strings are valid YAML), so ids such as ``x:groq``
cannot be misread.
"""

from __future__ import annotations

import json

from hfmigrate.catalog.types import CheckReport, ModelVerdict


def render(report: CheckReport) -> str:
    lines = [
        "# Replacements for models the router does not serve, from hfmigrate check-models",
        f"# (hub {report.hosts.hub}, router {report.hosts.router}). Paste under .hfmigrate.yaml; rewrite uses it.",
    ]
    entries, seen = [], set()
    for verdict in sorted(report.verdicts, key=ModelVerdict.sort_key):
        if verdict.available or verdict.failed or verdict.model in seen:
            continue
        seen.add(verdict.model)
        note = verdict.reason or ""
        if verdict.alternatives:
            others = verdict.alternatives[1:]
            comment = note + (f"; also: {', '.join(others)}" if others else "")
            entries.append(f"  {json.dumps(verdict.model)}: {json.dumps(verdict.alternatives[0])}  # {comment}")
        else:
            entries.append(f"  # {json.dumps(verdict.model)}: no alternative found ({note}); choose one by hand")
    if any(not entry.lstrip().startswith("#") for entry in entries):
        lines.append("models:")
    else:  # a key with only comments under it would be null, which .hfmigrate.yaml rejects
        lines.append("models: {}" + ("" if entries else "  # every checked model is available"))
    lines.extend(entries)
    return "\n".join(lines) + "\n"
