"""Choice and numeric answers as people type them: what counts, what is asked again."""

from __future__ import annotations

import pytest

from quizcli.bank import load_bank
from quizcli.grading import grade_choice, grade_numeric, parse_numbers
from quizcli.kinds.choice import ChoiceQuestion
from quizcli.kinds.numeric import NumericQuestion
from tests.conftest import FIXTURES

BANK = load_bank([FIXTURES / "session"], use_cache=False)


def choice(question_id: str) -> ChoiceQuestion:
    question = BANK.get(question_id)
    assert isinstance(question, ChoiceQuestion)
    return question


def numeric(question_id: str) -> NumericQuestion:
    question = BANK.get(question_id)
    assert isinstance(question, NumericQuestion)
    return question


@pytest.mark.parametrize(
    "answer", ["A,B", "ab", "B A", "a, b", "A、B", "Ａ，Ｂ", "b;a", "A+B", "1,2", "21"]
)
def test_choice_letters_in_any_style_are_correct(answer: str) -> None:
    grade = grade_choice(choice("fx-gelu-models"), answer)
    assert (grade.verdict, grade.read_as) == ("correct", "A, B")


def test_choice_wrong_pick_names_the_answer() -> None:
    grade = grade_choice(choice("fx-gelu-models"), "a,c")
    assert grade.verdict == "incorrect"
    assert grade.feedback is not None
    assert "A, B" in grade.feedback.en
    assert "A, B" in grade.feedback.zh


@pytest.mark.parametrize(
    ("answer", "says"),
    [("", "letters A–C"), ("D", "letters A–C"), ("9", "letters A–C"), ("a", "Pick 2")],
)
def test_choice_unreadable_or_short_is_asked_again(answer: str, says: str) -> None:
    grade = grade_choice(choice("fx-gelu-models"), answer)
    assert grade.verdict == "invalid"
    assert grade.feedback is not None
    assert says in grade.feedback.en


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("0.25", [0.25]),
        ("1/4", [0.25]),
        (".25", [0.25]),
        ("2.5e-1", [0.25]),
        ("25%", [0.25]),
        ("2.5 × 10^-1", [0.25]),
        ("2.5*10^(-1)", [0.25]),
        ("−0.5", [-0.5]),
        ("０.２５", [0.25]),
        ("[0.25, 0.75]", [0.25, 0.75]),
        ("1/4，3/4", [0.25, 0.75]),
        ("(0.25 0.75)", [0.25, 0.75]),
        ("3 parameters", [3.0]),
        ("3 个参数", [3.0]),
    ],
)
def test_numbers_are_read_in_common_notations(text: str, values: list[float]) -> None:
    assert parse_numbers(text, "parameters", "个参数") == pytest.approx(values, abs=1e-15)


@pytest.mark.parametrize(
    "text", ["", "abc", "1/0", "0x10", "1..2", "9e9999", "9e999", "1" + "0" * 400, "1 / / 2"]
)
def test_unreadable_numbers_raise_a_bilingual_reason(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_numbers(text)
    (reason,) = info.value.args
    assert reason.text("en").strip() and reason.text("zh") != reason.text("en")


@pytest.mark.parametrize(
    ("text", "quoted"),
    [("(1-s)*s", "'(1-s)*s'"), ("((1-s)*(1+s))", "'(1-s)*(1+s)'"), ("[s(x)", "'[s(x)'")],
)
def test_an_unreadable_answer_is_quoted_with_its_brackets(text: str, quoted: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_numbers(text)
    assert f"Cannot read {quoted} as a number" in str(info.value.args[0])


def test_numeric_within_tolerance_is_correct_and_outside_is_not() -> None:
    question = numeric("fx-sigmoid-max-slope")
    assert grade_numeric(question, "0.2509").verdict == "correct"
    assert grade_numeric(question, "1/4").verdict == "correct"
    wrong = grade_numeric(question, "0.2511")
    assert wrong.verdict == "incorrect"
    assert wrong.feedback is not None
    assert "0.25" in wrong.feedback.en


def test_numeric_tolerance_edge_survives_decimal_rounding() -> None:
    assert grade_numeric(numeric("fx-sigmoid-max-slope"), "0.251").verdict == "correct"


def test_numeric_vector_is_graded_element_by_element() -> None:
    question = numeric("fx-softmax-values")
    assert grade_numeric(question, "0.25, 0.75").verdict == "correct"
    assert grade_numeric(question, "0.75, 0.25").verdict == "incorrect"
    short = grade_numeric(question, "0.25")
    assert short.verdict == "invalid"
    assert short.feedback is not None
    assert "2 number" in short.feedback.en


def test_numeric_with_its_unit_is_read() -> None:
    grade = grade_numeric(numeric("fx-pool-params"), "0 parameters")
    assert (grade.verdict, grade.read_as) == ("correct", "0 parameters")
    for typed in ("0 params", "0params", "0 个参数", "0 Parameters"):
        grade = grade_numeric(numeric("fx-pool-params"), typed)
        assert (grade.verdict, grade.read_as) == ("correct", "0 parameters"), typed
    other = grade_numeric(numeric("fx-pool-params"), "0 pixels")
    assert other.verdict == "invalid" and other.feedback is not None
    assert "the answer is in parameters" in other.feedback.en


@pytest.mark.parametrize(
    ("text", "unit", "values", "read_as"),
    [
        ("56 px", "pixels", [56.0], "56 pixels"),
        ("56px", "pixels", [56.0], "56 pixels"),
        ("56 pixels", "pixels", [56.0], "56 pixels"),
        ("56 像素", "pixels", [56.0], "56 pixels"),
        ("3e-4", "", [3e-4], "0.0003"),
        ("0.1%", "", [0.001], "0.001 (0.1%)"),
        ("[1, 2]", "", [1.0, 2.0], "1, 2"),
        ("(1, 2)", "", [1.0, 2.0], "1, 2"),
        ("1, 2", "", [1.0, 2.0], "1, 2"),
        ("[28 px, 28 px]", "pixels", [28.0, 28.0], "28, 28 pixels"),
    ],
)
def test_numbers_as_people_type_them_with_what_was_read(
    text: str, unit: str, values: list[float], read_as: str
) -> None:
    answer: dict[str, object] = {"value": values if len(values) > 1 else values[0]}
    answer |= {"tolerance": 1e-9} | ({"unit": {"en": unit, "zh": "像素"}} if unit else {})
    question = NumericQuestion.model_validate(
        {"id": "fx-typed", "topic": "pooling", "type": "numeric", "difficulty": 1,
         "tags": ["t"], "prompt": {"en": "p", "zh": "p"}, "explanation": {"en": "e", "zh": "e"},
         "hints": [{"en": "h", "zh": "h"}], "sources": ["test"], "answer": answer}
    )  # fmt: skip
    grade = grade_numeric(question, text)
    assert (grade.verdict, grade.read_as) == ("correct", read_as)
