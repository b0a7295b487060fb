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
from quizcli.kinds.base import Formula, Kind, Part, say

if TYPE_CHECKING:
    from quizcli.verdict import Verdict

CAUSES: dict[str, tuple[str, str]] = {
    "overflow": (
        "overflow: exp of a large input is inf; subtract the max before exponentiating",
        "溢出：大输入的 exp 变成 inf；先减去最大值再取指数",
    ),
    "in-place": (
        "the input array was modified in place; work on a copy",
        "输入数组被原地修改了；请在副本上计算",
    ),
    "shape": ("the result has the wrong shape", "结果的形状不对"),
    "dtype": ("the result has the wrong dtype", "结果的数据类型不对"),
    "axis": ("reduced over the wrong axis", "在错误的轴上做了归约"),
    "running-stats": (
        "the running statistics are not updated as expected",
        "滑动平均统计量没有按要求更新",
    ),
    "train-eval": (
        "training and evaluation behaviour are mixed up",
        "训练模式和推理模式的行为弄混了",
    ),
    "nan": ("the result contains NaN", "结果里出现了 NaN"),
    "not-implemented": (
        "the stub is unchanged: write the function body",
        "桩代码还没改：请写出函数体",
    ),
}
"""Named causes of a failing case, with the advice shown for each."""


class CodeMistake(Strict):
    """A known wrong implementation; CI checks it fails at `fails`, naming `cause`."""

    code: str
    fails: str
    cause: str | None = None

    @field_validator("cause")
    @classmethod
    def _known_cause(cls, cause: str | None) -> str | None:
        if cause is not None and cause not in CAUSES:
            raise ValueError(f"unknown cause {cause!r}; use one of {', '.join(CAUSES)}")
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
            raise ValueError(f"{name!r} is not a Python function name")
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
                raise ValueError(f"{module!r} is not a module name such as scipy.special")
            if module.split(".")[0] == "numpy":
                raise ValueError("numpy is always allowed; forbid a module other than numpy")
        return modules

    @model_validator(mode="after")
    def _defines(self) -> CodeAnswer:
        for field, code, name in (
            ("stub", self.stub, self.function),
            ("reference", self.reference, self.function),
            ("cases", self.cases, "cases"),
        ):
            if name not in defined_functions(code):
                raise ValueError(f"{field} does not define a function {name}()")
        return self


class CodeQuestion(QuestionBase):
    type: Literal["code"]
    answer: CodeAnswer


def _python(code: str) -> str:
    """Bank code must at least parse; it is never run by the loader or by lint."""
    try:
        ast.parse(code)
    except SyntaxError as exc:
        raise ValueError(f"is not valid Python: line {exc.lineno}: {exc.msg}") from None
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

    def grade(self, question: QuestionBase, answer: str) -> Verdict:
        """`answer` is the path of the user's file."""
        from quizcli.kinds.code_runner import grade_file

        return grade_file(cast(CodeQuestion, question), Path(answer.strip()).expanduser())

    def prompt_parts(self, question: QuestionBase, lang: str, show_answer: bool) -> list[Part]:
        code = cast(CodeQuestion, question)
        title = say(lang, "Start from", "从这里开始")
        return [Part(title, "code", (code.answer.stub.rstrip(),))]

    def answer_parts(
        self, question: QuestionBase, lang: str, formula: Formula | None
    ) -> list[Part]:
        code = cast(CodeQuestion, question)
        title = say(lang, "Reference solution", "参考实现")
        return [Part(title, "code", (code.answer.reference.rstrip(),))]

    def export_lines(self, question: QuestionBase, lang: str, formula: Formula | None) -> list[str]:
        return ["```python", cast(CodeQuestion, question).answer.reference.rstrip(), "```"]

    def export_front(self, question: QuestionBase, lang: str) -> list[str]:
        return [f"```python\n{cast(CodeQuestion, question).answer.stub.rstrip()}\n```"]

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
