"""Moved to :mod:`hfmigrate.planning.module_plan`; kept for the modules of the chat conversion until they move too.

TEMPORARY (session 8): deleted once ``rewrite/chat/*`` imports the new path.
"""

from hfmigrate.planning.module_plan import ModuleContext, Scope

__all__ = ["ModuleContext", "Scope"]
