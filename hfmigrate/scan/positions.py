"""Node positions for scan's findings, computed on first use and only for modules that report something.

libcst's positions come from a code-generation pass over the whole module. Most candidate modules report
nothing, so the pass runs only when a finding (or a model reference) first asks where a node is, once per module.
``MetadataWrapper.resolve`` would also walk the whole tree a second time for its batchable providers even when
there are none (a fifth of a scan of a library module, bench/scan_bench.py): the provider is run directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    import libcst as cst
    from libcst.metadata import CodeRange


class NodePositions:
    """``positions[node]``: the node's :class:`libcst.metadata.CodeRange` (as ``PositionProvider`` gives it)."""

    def __init__(self, module: cst.Module):
        self.module = module
        self._ranges: Mapping[cst.CSTNode, CodeRange] | None = None

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        if self._ranges is None:
            self._ranges = _syntactic_ranges(self.module)
        return self._ranges[node]


def _syntactic_ranges(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    from libcst.metadata import MetadataWrapper, PositionProvider

    provider = PositionProvider()
    generate = getattr(provider, "_gen_impl", None)
    computed = getattr(provider, "_computed", None)
    if generate is None or not isinstance(computed, dict):  # another libcst: the public road
        return MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    generate(module)
    return computed
