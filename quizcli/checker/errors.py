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

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def located(self) -> tuple[str, str]:
        """The message in both languages, after its column (for one-line bank formulas)."""
        column = self.position + 1
        return self.explained(f"column {column}: ", f"第 {column} 列：")

    def explained(self, where_en: str, where_zh: str) -> tuple[str, str]:
        """`where` and the message in both languages, with the suggested spelling appended."""
        en, zh = f"{where_en}{self.en}", f"{where_zh}{self.zh}"
        if self.suggestion:
            en += f"; did you mean {self.suggestion}?"
            zh += f"；是不是想写 {self.suggestion}？"
        return en, zh
