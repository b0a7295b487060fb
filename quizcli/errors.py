"""Errors a user can act on, each with the exit code the CLI maps it to."""

from __future__ import annotations


class QuizcliError(Exception):
    """A one-line, user-facing problem; `exit_code` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class NotFound(QuizcliError):
    """An id or file the user named does not exist."""


class UsageError(QuizcliError):
    """The command line asks for something impossible."""

    exit_code = 2
