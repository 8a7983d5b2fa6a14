"""The TOML reader: the standard library's ``tomllib`` on Python 3.11+, its backport ``tomli`` on 3.10.

Callers import this module lazily, where a TOML file is read, so that commands which read none do not pay for it.
"""

import sys

if sys.version_info >= (3, 11):
    from tomllib import TOMLDecodeError, loads
else:  # pragma: no cover - exercised on 3.10 only
    from tomli import TOMLDecodeError, loads

__all__ = ["TOMLDecodeError", "loads"]
