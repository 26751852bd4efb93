"""One catalogue of the errors sentinelle raises on purpose.

A `SentinelleError` is a user's mistake or a bad input: the CLI prints its message on one line
(file, line, cause) and exits with its `exit_code`, never with a traceback.
"""

from __future__ import annotations


class SentinelleError(Exception):
    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.cause = message
        where = f"{path}:{line}: " if path and line else (f"{path}: " if path else "")
        super().__init__(where + message)


class UsageError(SentinelleError):
    """Bad arguments or options (exit 2)."""

    exit_code = 2


class InputError(SentinelleError, ValueError):
    """An input file cannot be read as a chat export at all (exit 3)."""

    exit_code = 3


class ParseError(InputError):
    """A part of an input file is malformed."""


class UnknownFormat(InputError):
    """The format of an input could not be recognised; `--format` forces one."""


class UnsafeArchive(InputError):
    """A zip with path traversal, absolute paths or an excessive uncompressed size."""


class CaseError(SentinelleError):
    """A case directory is missing, locked, from a newer version, or damaged (exit 4)."""

    exit_code = 4


class IntegrityError(SentinelleError):
    """A hash or the decision log chain does not verify (exit 5)."""

    exit_code = 5


class ModelError(SentinelleError):
    """A model file is missing, of the wrong version or unusable (exit 6)."""

    exit_code = 6
