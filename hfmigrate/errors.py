"""The one exception hierarchy of hfmigrate.

Every error a user can cause or meet derives from :class:`HfMigrateError`; its message is a single line that says
what is wrong, where, and what to do. The CLI prints that line and exits 2; it never shows a traceback for these.

    HfMigrateError
    ├── UsageError          bad options or arguments
    │   └── ConfigError     bad [tool.hfmigrate] / .hfmigrate.yaml
    ├── InputError          nothing could be read (no such path, every file unreadable)
    ├── NetworkError        a host could not be reached at all (names the host)
    ├── CacheError          the catalogue cache is missing, too old or unreadable (offline mode)
    └── RewriteError        a rewrite could not be applied or verified
"""

from __future__ import annotations


class HfMigrateError(Exception):
    """Base class. ``str(error)`` is the one line shown to the user."""

    exit_code = 2


class UsageError(HfMigrateError):
    pass


class ConfigError(UsageError):
    pass


class InputError(HfMigrateError):
    pass


class NetworkError(HfMigrateError):
    def __init__(self, message: str, host: str | None = None):
        super().__init__(message)
        self.host = host


class CacheError(HfMigrateError):
    pass


class RewriteError(HfMigrateError):
    pass
