"""The check-models and probe reports fit an 80-column terminal without splitting a word, and off a terminal they
carry no trailing padding. The reports come from real runs against the local hosts."""

from __future__ import annotations

import re

import pytest

from hfmigrate.catalog import CatalogOptions, ModelRequest, check_models
from hfmigrate.net import resolve_hosts
from hfmigrate.probe import ProbeOptions, probe
from hfmigrate.probe.cli_support import targets_from_models
from hfmigrate.report.models_text import render as render_models
from hfmigrate.report.probe_text import render_text as render_probe
from tests.catalog_hosts import hub_host, router_host
from tests.probe_fixtures import CHAT_MODEL, EMBED_MODEL, hf_hosts

WIDTHS = (80, 100, 132)


@pytest.fixture(scope="module")
def models_report(tmp_path_factory):
    with hub_host() as hub, router_host() as router:
        options = CatalogOptions(
            hosts=resolve_hosts(router.url, None, hub.url, environ={}), cache_dir=tmp_path_factory.mktemp("cache")
        )
        return check_models(
            [
                ModelRequest("meta-llama/Llama-3.1-8B-Instruct"),
                ModelRequest("openai-community/gpt2"),
                ModelRequest("BAAI/bge-small-en-v1.5"),
                ModelRequest("Qwen/Qwen2.5-7B-Instruct", "text-generation"),
            ],
            options,
        )


@pytest.fixture(scope="module")
def probe_report():
    with hf_hosts() as h:
        hosts = resolve_hosts(h.router.url, h.legacy.url, h.hub.url, environ={})
        return probe(
            targets_from_models([CHAT_MODEL, EMBED_MODEL]), ProbeOptions(base_delay=0.01, retry_cap=0.2), None, hosts
        )


def words(text: str) -> set[str]:
    return set(text.split())


def assert_fits_without_split_words(narrow: str, wide: str, width: int) -> None:
    lines = narrow.splitlines()
    assert max(len(line) for line in lines) <= width, [line for line in lines if len(line) > width]
    whole = words(wide)
    urls = [w for w in whole if "/" in w]
    for word in words(narrow) - whole:
        # only a URL may break, and only after / ? or &
        assert any(word in url and (word[-1] in "/?&" or url.endswith(word)) for url in urls), f"split word {word!r}"


@pytest.mark.parametrize("width", WIDTHS)
def test_check_models_table_fits_the_terminal(models_report, width: int):
    names = ("tools", "context", "$/1M in/out", "pipeline", "hf-inference", "chat", "task")
    note = " ".join(f"{n}, {n};" for n in names) + f" (hidden to fit {width} columns: --json shows every field)"
    wide = render_models(models_report) + note
    narrow = render_models(models_report, to_terminal=True, width=width)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", narrow)
    assert_fits_without_split_words(plain, wide, width)
    table = plain.split("\n\n")[0]
    header = table.splitlines()[0].split()
    assert header[0] == "model" and "status" in header and "reason" in header
    assert "openai-community/gpt2" in table and "no-provider" in table and "unavailable" in table
    if width == 80:
        assert "(hidden to fit 80 columns: tools, context," in plain


def test_check_models_off_a_terminal_has_every_column_and_no_padding(models_report):
    text = render_models(models_report)
    assert text.splitlines()[0].split() == [
        "model",
        "task",
        "status",
        "reason",
        "live",
        "providers",
        "chat",
        "hf-inference",
        "pipeline",
        "$/1M",
        "in/out",
        "context",
        "tools",
    ]
    assert not [line for line in text.splitlines() if line != line.rstrip()]
    assert "hidden" not in text


@pytest.mark.parametrize("width", WIDTHS)
def test_probe_report_fits_the_terminal(probe_report, width: int):
    wide = render_probe(probe_report, width=2000)  # the reference: nothing wrapped at all
    narrow = render_probe(probe_report, to_terminal=False, width=width)
    assert_fits_without_split_words(narrow, wide, width)
    assert "legacy-retired" in words(narrow) and "skipped" in words(narrow)  # hf-inference of the LLM: not mapped
    assert narrow.rstrip().splitlines()[-1].startswith("novita;") or "Verdict:" in narrow


def test_probe_off_a_terminal_has_no_trailing_padding(probe_report):
    text = render_probe(probe_report)
    assert not [line for line in text.splitlines() if line != line.rstrip()]
    assert max(len(line) for line in text.splitlines()) <= 180
