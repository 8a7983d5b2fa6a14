"""hfmigrate.catalog.cli_support without the CLI: option checks, where ids come from, the lockfile's exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfmigrate.catalog import cli_support
from hfmigrate.catalog.lock import Drift
from hfmigrate.catalog.types import CheckReport, ModelVerdict
from hfmigrate.errors import UsageError
from hfmigrate.net import Hosts


def test_json_flag_wins_and_unknown_formats_are_refused():
    assert cli_support.output_format_of("yaml", as_json=True) == "json"
    with pytest.raises(UsageError, match="--format 'xml' is not one of text, json, yaml"):
        cli_support.output_format_of("xml", as_json=False)


def test_contradicting_options_are_named():
    with pytest.raises(UsageError, match="--offline and --no-cache"):
        cli_support.check_mode(offline=True, refresh=False, no_cache=True, verify_lock=None, lock=None, gives_ids=True)
    with pytest.raises(UsageError, match="--verify-lock"):
        cli_support.check_mode(
            offline=False, refresh=False, no_cache=False, verify_lock=Path("l.json"), lock=None, gives_ids=True
        )


def test_catalog_options_parse_the_max_age():
    options = cli_support.catalog_options(
        max_age="2h",
        refresh=False,
        offline=False,
        no_cache=True,
        concurrency=3,
        alternatives=False,
        hub_url="http://127.0.0.1:1",
        router_url=None,
        token="hf_" + "a1" * 17,
        token_env=None,
        timeout=1.0,
        retries=0,
    )
    assert options.max_age == 7200 and not options.use_cache and options.concurrency == 3
    assert options.hosts.hub == "http://127.0.0.1:1" and options.token.source == "--token"


def test_from_code_without_ids_says_so_and_checks_nothing(tmp_path: Path):
    (tmp_path / "clean.py").write_text("import os\n")
    said: list[str] = []
    assert cli_support.model_requests([], None, tmp_path, None, say=said.append) == []
    assert said == [f"no literal model ids found at legacy call sites under {tmp_path}"]


def test_no_ids_at_all_is_a_usage_error():
    with pytest.raises(UsageError, match="no model ids"):
        cli_support.model_requests([], None, None, None)


def test_duplicate_ids_are_merged():
    requests = cli_support.model_requests(["gpt2", "gpt2", "org/m"], None, None, "text-generation")
    assert [(r.model, r.task) for r in requests] == [("gpt2", "text-generation"), ("org/m", "text-generation")]


def _drift(broken: bool) -> Drift:
    return Drift("org/m", None, ("groq",), () if broken else ("groq",), broken, "no-provider" if broken else None)


def test_drift_exit_codes():
    fine = CheckReport([ModelVerdict("org/m", available=True)], Hosts())
    failed = CheckReport([ModelVerdict("org/m", available=False, reason="lookup-failed")], Hosts())
    assert cli_support.drift_exit_code([_drift(False)], fine) == 0
    assert cli_support.drift_exit_code([_drift(True)], fine) == 1
    assert cli_support.drift_exit_code([_drift(True)], failed) == 2


def test_lock_is_not_written_when_a_lookup_failed(tmp_path: Path):
    failed = CheckReport([ModelVerdict("org/m", available=False, reason="lookup-failed")], Hosts())
    said: list[str] = []
    cli_support.save_lock(tmp_path / "l.json", failed, say=said.append)
    assert not (tmp_path / "l.json").exists()
    assert said == [f"{tmp_path / 'l.json'} not written: some models could not be checked"]
    cli_support.save_lock(
        tmp_path / "l.json", CheckReport([ModelVerdict("org/m", available=True)], Hosts()), say=said.append
    )
    assert (tmp_path / "l.json").exists() and said[-1] == f"wrote {tmp_path / 'l.json'} (1 model)"
