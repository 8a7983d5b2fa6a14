"""The module plan carries each marker's rule code as data (planning/module_plan.py): nothing reads it back from text."""

from __future__ import annotations

import libcst as cst

from hfmigrate.engine.kinds import Applied
from hfmigrate.planning.module_plan import Marker, ModuleContext, collect
from hfmigrate.rewrite.apply import apply_plan


def _context(source: str, enabled=lambda code: True) -> ModuleContext:
    return collect(ModuleContext(cst.parse_module(source), "m.py", {}, {}, enabled=enabled, source_text=source))


def test_a_planned_marker_keeps_its_code_and_message_apart():
    context = _context("a = f(1)\nb = 2\n")
    call = context.calls[0]
    context.mark(call, "HFM107", "a message that mentions (HFM305)")
    context.mark(call, "HFM107", "a message that mentions (HFM305)")  # the same marker is planned once
    [planned] = context.markers.values()
    assert planned == [Marker("HFM107", "a message that mentions (HFM305)")]
    assert context.marked("HFM107") and context.marked("HFM107", call)
    assert not context.marked("HFM305"), "a code named in a message is not the marker's code"
    assert context.applied == {Applied.marker("HFM107"): 1}
    assert apply_plan(context).code == "# hfmigrate: TODO(HFM107): a message that mentions (HFM305)\na = f(1)\nb = 2\n"


def test_noop_a_marker_of_a_disabled_code_or_one_already_in_the_file_is_not_planned():
    context = _context("a = f(1)\n", enabled=lambda code: code != "HFM107")
    context.mark(context.calls[0], "HFM107", "x")
    assert context.markers == {} and not context.marked("HFM107")
    again = _context("# hfmigrate: TODO(HFM107): x\na = f(1)\n")
    again.mark(again.calls[0], "HFM107", "x")
    assert not again.marked("HFM107") and apply_plan(again).code == "# hfmigrate: TODO(HFM107): x\na = f(1)\n"
