"""Code questions: implement a function in NumPy; graded by running it against cases.

The schema lives here with the kind. The user's file runs in a limited child process
(`quizcli.kinds.code_runner`); the reference and the cases are bank code, trusted for
the bundled banks and for banks the user marked with `quizcli config trust_bank PATH`.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

from pydantic import Field, field_validator, model_validator

from quizcli.bank.model import IDENTIFIER, QuestionBase, Strict, Text
from quizcli.kinds.base import Display, Formula, Kind, Part, label
from quizcli.messages import both, msg, say

if TYPE_CHECKING:
    from quizcli.verdict import Verdict

CAUSES: dict[str, tuple[str, str]] = {
    name: both(f"cause.{name}")
    for name in (
        "overflow",
        "in-place",
        "shape",
        "dtype",
        "axis",
        "running-stats",
        "train-eval",
        "nan",
        "not-implemented",
    )
}
"""Named causes of a failing case, with the advice shown for each (from the catalogue)."""


class CodeMistake(Strict):
    """A known wrong implementation; CI checks it fails at `fails`, naming `cause`."""

    code: str
    fails: str
    cause: str | None = None

    @field_validator("cause")
    @classmethod
    def _known_cause(cls, cause: str | None) -> str | None:
        if cause is not None and cause not in CAUSES:
            raise ValueError(msg("lint.unknown_cause", cause=cause, causes=", ".join(CAUSES)))
        return cause

    @field_validator("code")
    @classmethod
    def _parses(cls, code: str) -> str:
        return _python(code)


class CodeAnswer(Strict):
    """The function to write, its stub, a trusted reference and the cases it is run on."""

    function: str
    stub: str
    reference: str
    cases: str
    rtol: float = Field(default=1e-6, ge=0)
    atol: float = Field(default=1e-8, ge=0)
    forbid: list[str] = Field(default_factory=list)
    mistakes: list[CodeMistake] = Field(default_factory=list)
    cpu_seconds: float = Field(default=10.0, gt=0, le=60)

    @field_validator("function")
    @classmethod
    def _identifier(cls, name: str) -> str:
        if not IDENTIFIER.match(name):
            raise ValueError(msg("lint.function_name", name=name))
        return name

    @field_validator("stub", "reference", "cases")
    @classmethod
    def _parses(cls, code: str) -> str:
        return _python(code)

    @field_validator("forbid")
    @classmethod
    def _modules(cls, modules: list[str]) -> list[str]:
        for module in modules:
            if not all(IDENTIFIER.match(part) for part in module.split(".")):
                raise ValueError(msg("lint.module_name", module=module))
            if module.split(".")[0] == "numpy":
                raise ValueError(msg("lint.forbid_numpy"))
        return modules

    @model_validator(mode="after")
    def _defines(self) -> CodeAnswer:
        for field, code, name in (
            ("stub", self.stub, self.function),
            ("reference", self.reference, self.function),
            ("cases", self.cases, "cases"),
        ):
            if name not in defined_functions(code):
                raise ValueError(msg("lint.not_defined", field=field, name=name))
        return self


class CodeQuestion(QuestionBase):
    type: Literal["code"]
    answer: CodeAnswer


def _python(code: str) -> str:
    """Bank code must at least parse; it is never run by the loader or by lint."""
    try:
        ast.parse(code)
    except SyntaxError as exc:
        raise ValueError(msg("lint.not_python", line=exc.lineno, detail=exc.msg)) from None
    return code


def defined_functions(code: str) -> set[str]:
    """The top-level function names a module defines, read without running it."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    return {
        node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


class Code(Kind):
    name = "code"
    model = CodeQuestion

    def grade(self, question: QuestionBase, answer: str, display: Display) -> Verdict:
        """`answer` is the path of the user's file."""
        from quizcli.kinds.code_runner import grade_file

        return grade_file(cast(CodeQuestion, question), Path(answer.strip()).expanduser())

    def prompt_parts(self, question: QuestionBase, lang: str, show_answer: bool) -> list[Part]:
        code = cast(CodeQuestion, question)
        title = say("code.start_from", lang)
        return [Part(title, "code", (code.answer.stub.rstrip(),))]

    def answer_parts(
        self, question: QuestionBase, lang: str, formula: Formula | None
    ) -> list[Part]:
        code = cast(CodeQuestion, question)
        title = say("code.reference", lang)
        return [Part(title, "code", (code.answer.reference.rstrip(),))]

    def export_lines(self, question: QuestionBase, lang: str, formula: Formula | None) -> list[str]:
        reference = cast(CodeQuestion, question).answer.reference.rstrip()
        title = label(lang, "Reference solution", "参考实现")
        return [f"*{title}*", f"```python\n{reference}\n```"]

    def export_front(self, question: QuestionBase, lang: str) -> list[str]:
        stub = cast(CodeQuestion, question).answer.stub.rstrip()
        return [f"*{label(lang, 'Start from', '从这里开始')}*", f"```python\n{stub}\n```"]

    def search_texts(self, question: QuestionBase) -> list[Text]:
        name = cast(CodeQuestion, question).answer.function.replace("_", " ")
        return [Text(en=name, zh=name)]

    def workspace(self, question: QuestionBase) -> Path:
        """`$QUIZCLI_HOME/code/ID.py`, written from the stub once and kept between tries."""
        from quizcli import env

        path = env.data_dir() / "code" / f"{question.id}.py"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(cast(CodeQuestion, question).answer.stub, encoding="utf-8")
        return path


KIND = Code()
