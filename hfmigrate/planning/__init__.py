"""What fixes plan into, beneath the rule modules: rewrite's plan of one module and of one text, and the helpers
the families' fixes share.

A :class:`~hfmigrate.engine.fixes.PlannedEdit` or a module fix is called with a
:class:`~hfmigrate.planning.module_plan.ModuleContext` (the module's facts, and the plan of edits and markers it
builds: ``replace``, ``remove``, ``mark``, ``claim``); a :class:`~hfmigrate.engine.fixes.PlannedTextEdit` with a
:class:`~hfmigrate.planning.text_plan.TextPlan`. The helpers: ``chat_calls`` (the shapes of a chat call, built
anew), ``chat_parameters`` (generation parameters → chat fields), ``client_chat_calls`` (a client's chat calls and
their model), ``imports`` (swap one import and its uses), ``strings`` (a string expression rebuilt from a new
template), ``local_prefixes`` (a function's own prefix constants), ``availability_markers`` (the catalogue's markers
on a legacy URL's model).
Imports point down: ``rules`` import this package; it imports ``engine``, ``urls``, ``pysyntax``, ``catalog``'s
pure verdicts and scan's suppression comments, never ``rules``, ``rewrite`` or ``scan``'s engine.
"""
