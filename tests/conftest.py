"""Test-wide safety net: no test reads or writes the developer's check-models cache.

``hfmigrate rewrite`` reads that cache without ``--resolve-models``, so a cache left by a real ``check-models`` run
would change what rewrite tests see. Tests that need a cache set their own (``tests.catalog_hosts.isolate_environment``).
"""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    previous = os.environ.get("HFMIGRATE_CACHE_DIR")
    os.environ["HFMIGRATE_CACHE_DIR"] = str(tmp_path_factory.mktemp("hfmigrate-cache"))
    yield
    if previous is None:
        os.environ.pop("HFMIGRATE_CACHE_DIR", None)
    else:
        os.environ["HFMIGRATE_CACHE_DIR"] = previous
