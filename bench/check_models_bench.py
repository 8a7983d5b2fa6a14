"""check-models on 200 models against a local Hub and router that take 100 ms per request.

Prints the cold time (empty cache: 1 router request, 200 Hub lookups, 8 at a time, plus listings for the
unavailable ones), the cached time in-process, and the cached time of the whole CLI (JSON, then the text table) in
a fresh interpreter.
Targets (issue 6): cold under 5 s, cached under 0.5 s.

    .venv/bin/python bench/check_models_bench.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hfmigrate.catalog import CatalogOptions, resolve_models
from hfmigrate.net import resolve_hosts
from tests.catalog_hosts import hub_host, mapping, router_host

LATENCY = 0.1
COUNT = 200


def models() -> dict:
    table = {}
    for i in range(COUNT):
        if i % 10 == 0:  # one in ten unavailable, so alternatives are looked up too
            table[f"bench-org/model-{i:03d}"] = ("text-generation", mapping(together=("staging", "conversational")), i)
        elif i % 3 == 0:
            table[f"bench-org/model-{i:03d}"] = (
                "feature-extraction",
                mapping(hf_inference=("live", "feature-extraction")),
                i,
            )
        else:
            table[f"bench-org/model-{i:03d}"] = ("text-generation", mapping(groq=("live", "conversational")), i)
    return table


def main() -> None:
    table = models()
    ids = list(table)
    cache = Path(tempfile.mkdtemp(prefix="hfmigrate-bench-"))
    with hub_host(latency=LATENCY, models=table) as hub, router_host(latency=LATENCY) as router:
        options = CatalogOptions(hosts=resolve_hosts(router.url, None, hub.url, environ={}), cache_dir=cache)
        started = time.perf_counter()
        cold = resolve_models(ids, options=options)
        cold_time = time.perf_counter() - started
        requests = len(hub.requests) + len(router.requests)

        started = time.perf_counter()
        cached = resolve_models(ids, options=options)
        cached_time = time.perf_counter() - started
        assert cached == cold and len(hub.requests) + len(router.requests) == requests

        env = dict(os.environ, HFMIGRATE_CACHE_DIR=str(cache))
        command = [
            sys.executable,
            "-m",
            "hfmigrate",
            "check-models",
            *ids,
            "--hub-url",
            hub.url,
            "--router-url",
            router.url,
            "--json",
        ]
        started = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        cli_time = time.perf_counter() - started
        assert result.returncode == 1, result.stderr  # 20 unavailable models
        started = time.perf_counter()
        subprocess.run(command[:-1], env=env, capture_output=True, text=True)
        text_time = time.perf_counter() - started
        assert len(hub.requests) + len(router.requests) == requests

    unavailable = sum(1 for v in cold.values() if not v.available)
    print(
        f"{COUNT} models, {LATENCY * 1000:.0f} ms per request, concurrency {options.concurrency}: "
        f"{requests} requests, {unavailable} unavailable"
    )
    print(f"cold (empty cache):            {cold_time:.2f} s   (target < 5 s)")
    print(f"cached, in-process:            {cached_time:.3f} s  (target < 0.5 s)")
    print(f"cached, whole CLI --json:      {cli_time:.2f} s   (fresh interpreter, imports included)")
    print(f"cached, whole CLI text table:  {text_time:.2f} s")


if __name__ == "__main__":
    main()
