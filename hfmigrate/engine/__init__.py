"""The rule API and the runners beneath the rules (see docs/architecture.md).

``rule_api`` holds the types a rule module declares (catalogue entries, needles, checks, fixes) and the registry
that gathers them; ``python`` runs the Python checks over a libcst module; ``text`` runs the text checks;
``outcomes`` holds the typed results of rewriting one file. Nothing here imports scan or rewrite: they import it.
"""
