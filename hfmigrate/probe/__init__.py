"""``hfmigrate probe``: what does each inference endpoint answer, and why.

    plan  (plan.py)      models / code references + options → the list of requests to send
    run   (run.py)       every request at once on one httpx.AsyncClient → raw exchanges
    diagnose             each exchange → reason code, one-line diagnosis, fix
    verdict              outcomes, per-model and overall verdict, exit code

Usable without the CLI::

    report = probe(targets_from_models(["gpt2"]), ProbeOptions(), token=find_token(), hosts=resolve_hosts())
"""

from __future__ import annotations

import asyncio
import time

from hfmigrate.auth import Token
from hfmigrate.net import Hosts
from hfmigrate.probe.diagnose import Context, diagnose, parse_mapping
from hfmigrate.probe.plan import (
    DEFAULT_MODELS,
    ENDPOINT_CHOICES,
    MAPPING,
    Plan,
    ProbeOptions,
    ProbeRequest,
    Source,
    Target,
    build_plan,
    check_base_url,
)
from hfmigrate.probe.results import REASONS, Exchange, ProbeReport, Result
from hfmigrate.probe.run import EventHook, run_plan
from hfmigrate.probe.targets import check_model_id, check_options, targets_from_code, targets_from_models
from hfmigrate.probe.verdict import assign_outcomes, exit_code, model_verdict, no_network, overall_verdict

__all__ = [
    "DEFAULT_MODELS",
    "ENDPOINT_CHOICES",
    "REASONS",
    "Exchange",
    "Plan",
    "ProbeOptions",
    "ProbeReport",
    "ProbeRequest",
    "Result",
    "Source",
    "Target",
    "build_plan",
    "check_base_url",
    "check_model_id",
    "check_options",
    "diagnose_all",
    "probe",
    "probe_async",
    "targets_from_code",
    "targets_from_models",
]


def probe(
    targets: list[Target],
    options: ProbeOptions,
    token: Token | None,
    hosts: Hosts,
    on_event: EventHook | None = None,
) -> ProbeReport:
    """Run a whole probe and return the diagnosed report (blocking)."""
    return asyncio.run(probe_async(targets, options, token, hosts, on_event))


async def probe_async(
    targets: list[Target],
    options: ProbeOptions,
    token: Token | None,
    hosts: Hosts,
    on_event: EventHook | None = None,
) -> ProbeReport:
    check_options(options)
    started = time.perf_counter()
    plan = build_plan(targets, options, hosts)
    exchanges = await run_plan(plan, token, hosts, options, on_event)
    elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
    results = diagnose_all(exchanges, token, hosts, options)
    groups: dict[str, list[Result]] = {}
    for result in results:
        groups.setdefault(result.request.group, []).append(result)
    return ProbeReport(
        results=results,
        hosts=hosts,
        options=options,
        token_source=token.source if token else None,
        elapsed_ms=elapsed_ms,
        verdict=overall_verdict(results),
        model_verdicts={group: model_verdict(rs) for group, rs in groups.items() if rs[0].request.model},
        no_network=no_network(results),
        exit_code=exit_code(results),
    )


def diagnose_all(exchanges: list[Exchange], token: Token | None, hosts: Hosts, options: ProbeOptions) -> list[Result]:
    """Diagnose every exchange, with the Hub mappings at hand to name live providers."""
    mappings = {}
    for exchange in exchanges:
        if exchange.request.kind == MAPPING and exchange.status == 200 and exchange.request.model:
            parsed = parse_mapping(exchange.body)
            if parsed is not None:
                mappings[exchange.request.model] = parsed
    ctx = Context(hosts, token.source if token else None, (token.value,) if token else (), mappings)
    results = [diagnose(exchange, ctx) for exchange in exchanges]
    assign_outcomes(results, options.inference)
    return results
