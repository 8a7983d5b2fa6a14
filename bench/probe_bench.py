"""Benchmark: 30 probe requests against local hosts that each take 200 ms to answer.

The probe runs every request at once on one client, so 30 requests should take about as long as one, and well
under twice as long. Run from the repository root:

    .venv/bin/python bench/probe_bench.py

Prints the median wall time (5 runs) of one request, of 30 requests, and their ratio (the goal is < 2.0). No
assertion: the figure depends on the machine; the README records the one we measured.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hfmigrate.auth import Token
from hfmigrate.net import resolve_hosts
from hfmigrate.probe import ProbeOptions, probe, targets_from_models
from tests.probe_fixtures import hf_hosts

LATENCY = 0.2
TOKEN = Token("hf_" + "Bench" * 8, "bench")


def timed(h, models: list[str], endpoint: str) -> tuple[float, int]:
    hosts = resolve_hosts(h.router.url, h.legacy.url, h.hub.url, environ={})
    report = probe(targets_from_models(models), ProbeOptions(endpoint=endpoint, retries=0), TOKEN, hosts)
    sent = sum(1 for r in report.results if r.exchange.sent)
    return report.elapsed_ms, sent


def main(runs: int = 5) -> None:
    ones, manys = [], []
    with hf_hosts(latency=LATENCY) as h:
        timed(h, ["acme/warm-up"], "legacy")  # imports, SSL context: paid once per process, not per request
        for _ in range(runs):
            one_ms, one_sent = timed(h, ["acme/one"], "legacy")
            # 14 chat models on the router: 14 chat + 14 Hub mappings + /v1/models + whoami = 30 requests.
            many_ms, many_sent = timed(h, [f"acme/chat-{i}" for i in range(14)], "router")
            ones.append(one_ms)
            manys.append(many_ms)
        default_ms, default_sent = timed(
            h, ["meta-llama/Llama-3.1-8B-Instruct", "sentence-transformers/all-MiniLM-L6-v2"], "all"
        )
    one, many = statistics.median(ones), statistics.median(manys)
    print(f"latency per request: {LATENCY * 1000:.0f} ms; median of {runs} runs")
    print(f"{one_sent} request:   {one:7.1f} ms")
    print(f"{many_sent} requests: {many:7.1f} ms  = {many / one:.2f}x one request (goal < 2x)")
    print(f"ratios per run: {', '.join(f'{m / o:.2f}' for o, m in zip(ones, manys))}")
    print(f"default probe ({default_sent} requests, hf-inference waits for the Hub task): {default_ms:.1f} ms")


if __name__ == "__main__":
    main()
