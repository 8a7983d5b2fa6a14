"""The rule API and the runners beneath the rules (see docs/architecture.md).

``rule_api`` is what a rule module imports: the types it declares (catalogue entries, needles, checks) with the
enums of ``kinds``, the fixes and violations of ``fixes``, and the ``registry`` that gathers every family;
``python`` runs the Python checks over a libcst module; ``outcomes`` holds the typed results of rewriting one file.
Nothing here imports scan or rewrite: they import it.
"""
