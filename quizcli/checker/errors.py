"""The one error the checker's reader raises: where the input stops making sense, and a fix."""

from __future__ import annotations

from quizcli.errors import QuizcliError
from quizcli.messages import Message, msg


class ParseError(QuizcliError):
    """Input that cannot be read as an expression.

    `position` is a 0-based offset into the text that was parsed, so a front end
    can point at it; `said` is the catalogue message, and `suggestion` a corrected
    spelling when there is an obvious one ("x*e").
    """

    exit_code = 2

    def __init__(self, position: int, said: Message, suggestion: str | Message = "") -> None:
        super().__init__(said)
        self.position = position
        self.suggestion = suggestion

    @property
    def en(self) -> str:
        return self.text("en")

    @property
    def zh(self) -> str:
        return self.text("zh")

    def located(self) -> Message:
        """The message after its column (for one-line bank formulas)."""
        return self.explained(msg("parse.column", column=self.position + 1))

    def explained(self, where: Message) -> Message:
        """`where` and the message, with the suggested spelling appended."""
        problem = self.said or self.message
        if self.suggestion:
            return msg(
                "parse.explained_suggest", where=where, problem=problem, hint=self.suggestion
            )
        return msg("parse.explained", where=where, problem=problem)
