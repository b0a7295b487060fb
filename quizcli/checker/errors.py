"""The one error the checker's reader raises: where the input stops making sense, and a fix."""

from __future__ import annotations

from quizcli.errors import QuizcliError


class ParseError(QuizcliError):
    """Input that cannot be read as an expression.

    `position` is a 0-based offset into the text that was parsed, so a front end
    can point at it; `zh` is the same message in Chinese, and `suggestion` a
    corrected spelling when there is an obvious one ("x*e").
    """

    exit_code = 2

    def __init__(self, position: int, en: str, zh: str, suggestion: str = "") -> None:
        super().__init__(en)
        self.position = position
        self.en = en
        self.zh = zh
        self.suggestion = suggestion

    def located(self) -> tuple[str, str]:
        """The message in both languages, with the column and the suggestion appended."""
        column = self.position + 1
        en = f"column {column}: {self.en}"
        zh = f"第 {column} 列：{self.zh}"
        if self.suggestion:
            en += f"; did you mean {self.suggestion}?"
            zh += f"；是不是想写 {self.suggestion}？"
        return en, zh
