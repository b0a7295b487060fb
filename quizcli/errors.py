"""Errors a user can act on, each with the exit code the CLI maps it to."""

from __future__ import annotations

from quizcli.messages import Message


class QuizcliError(Exception):
    """A one-line, user-facing problem; `exit_code` is what the CLI exits with.

    Raised with a catalogue Message, it is said in the user's language when the CLI
    prints it; `message` is the English text (logs, JSON, tests).
    """

    exit_code = 1

    def __init__(self, message: str | Message, exit_code: int | None = None) -> None:
        self.said = message if isinstance(message, Message) else None
        self.message = str(message)
        super().__init__(self.message)
        if exit_code is not None:
            self.exit_code = exit_code

    def text(self, lang: str) -> str:
        return self.said.text(lang) if self.said is not None else self.message


class NotFound(QuizcliError):
    """An id or file the user named does not exist."""


class UsageError(QuizcliError):
    """The command line asks for something impossible."""

    exit_code = 2
