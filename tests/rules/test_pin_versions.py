"""rules/pin_versions.py: which versions a PEP 440, Poetry or npm spec allows."""

from __future__ import annotations

import pytest

from hfmigrate.rules.pin_versions import parse_range
from hfmigrate.rules.pins import HUB_LEGACY_BELOW, HUB_ROUTER_FIXED, JS_FIXED, JS_LEGACY_BELOW, JS_PROXY_BELOW


@pytest.mark.parametrize(
    ("spec", "threshold", "legacy"),
    [
        ("==0.28.1", HUB_LEGACY_BELOW, True),
        ("0.20.3", HUB_LEGACY_BELOW, True),
        ("<0.29", HUB_LEGACY_BELOW, True),
        ("<=0.28.1", HUB_LEGACY_BELOW, True),
        ("<=0.29", HUB_LEGACY_BELOW, False),
        ("==0.29.0", HUB_LEGACY_BELOW, False),
        ("<0.29.1", HUB_LEGACY_BELOW, False),
        ("~=0.28.0", HUB_LEGACY_BELOW, True),
        ("~=0.28", HUB_LEGACY_BELOW, False),  # ~=0.28 allows < 1
        ("^0.28", HUB_LEGACY_BELOW, True),
        ("==0.20.*", HUB_LEGACY_BELOW, True),
        (">=0.20", HUB_LEGACY_BELOW, False),
        ("!=0.20", HUB_LEGACY_BELOW, False),
        ("", HUB_LEGACY_BELOW, False),
        ("*", HUB_LEGACY_BELOW, False),
        (">=0.29,<0.31", HUB_ROUTER_FIXED, True),
        (">= 0.20, < 0.31 ,!=0.30", HUB_ROUTER_FIXED, True),
        ("==0.30.2", HUB_ROUTER_FIXED, True),
        ("==0.31", HUB_ROUTER_FIXED, False),
        (">0.30,<0.31.5", HUB_ROUTER_FIXED, False),  # 0.31.0 - 0.31.4 are allowed
        ("@ git+https://github.com/huggingface/huggingface_hub", HUB_ROUTER_FIXED, False),  # unreadable: never reported
    ],
)
def test_python_ranges(spec: str, threshold: str, legacy: bool):
    assert parse_range(spec).allows_only_below(threshold) is legacy


@pytest.mark.parametrize(
    ("spec", "threshold", "legacy"),
    [
        ("^2.8.0", JS_FIXED, True),
        ("3.1.3", JS_FIXED, True),
        ("~3.3.2", JS_FIXED, True),
        ("~3.11.0", JS_FIXED, True),
        ("^3.0.0", JS_FIXED, False),  # allows 3.12.0 and later 3.x
        ("3.12.0", JS_FIXED, False),
        ("latest", JS_FIXED, False),
        ("^2.0.0 || ^3.0.0", JS_FIXED, False),
        ("^2 || >=3", JS_FIXED, False),
        (">=3.1.0 <3.5.0", JS_FIXED, True),
        ("3.0.0 - 3.11.2", JS_FIXED, True),
        ("3.x", JS_FIXED, False),
        ("2.x", JS_FIXED, True),
        ("workspace:*", JS_FIXED, False),
    ],
)
def test_npm_ranges(spec: str, threshold: str, legacy: bool):
    assert parse_range(spec, npm=True).allows_only_below(threshold) is legacy


def test_windows_and_lower_bounds():
    assert parse_range("~3.2.0", npm=True).allows_only_within(JS_LEGACY_BELOW, JS_PROXY_BELOW)
    assert not parse_range("^3.1.0", npm=True).allows_only_within(JS_LEGACY_BELOW, JS_PROXY_BELOW)
    assert parse_range(">=2.0").allows_only_from("2.0")
    assert parse_range("~=2.1").allows_only_from("2.0")
    assert not parse_range(">=1.0").allows_only_from("2.0")
    assert not parse_range("").allows_only_from("2.0")
