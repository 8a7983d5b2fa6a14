"""engine/bindings.binding_key: the key of a binding is the expression's code, spelled directly where that is cheap."""

from __future__ import annotations

import libcst as cst
import pytest

from hfmigrate.engine.bindings import binding_key

TARGETS = ["client", "self.client", "(client)", "self . client", "(self).client", "self.a.b", "x[0]", "self.x[1]"]


@pytest.mark.parametrize("target", TARGETS)
def test_the_key_is_the_code_libcst_writes_for_the_target(target: str):
    module = cst.parse_module(f"{target} = InferenceClient()\n")
    node = module.body[0].body[0].targets[0].target  # type: ignore[attr-defined]
    assert binding_key(module, node) == module.code_for_node(node) == target
