from __future__ import annotations

import pytest

from tests.e2e.harness import StandIns, start_stand_ins


@pytest.fixture
def stand_ins() -> StandIns:
    """Fresh legacy (410), router and Hub stand-ins; ``.hosts`` is the mapping for ``run_program``."""
    with start_stand_ins() as hf:
        yield hf
