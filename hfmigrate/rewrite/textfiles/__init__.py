"""Rewriting non-Python text (issue 4): JS/TS, shell, .env, YAML, JSON, TOML, INI, Markdown, dependency files.

Edits are span replacements on the decoded text (``plan``), planned by the fixes the rule families' text checks
carry (:mod:`hfmigrate.rewrite.rule_fixes`). :mod:`hfmigrate.engine.dialects` says what each kind of file allows:
a comment syntax for markers, whether it holds configuration keys, which parser verifies the result.
"""
