"""Grading of choice and numeric answers, as people type them.

Pure: no terminal, no storage. An answer that cannot be read is `invalid` (the
user is asked again, without penalty), never `incorrect`: trust in the verdict
matters more than strictness about notation.
"""

from __future__ import annotations

import math
import re
import unicodedata
from fractions import Fraction

from quizcli.bank.model import LANGS, Text
from quizcli.kinds.choice import ChoiceQuestion
from quizcli.kinds.numeric import NumericQuestion
from quizcli.verdict import Outcome, Verdict

CORRECT = Outcome.CORRECT
INCORRECT = Outcome.INCORRECT
INVALID = Outcome.INVALID


def _verdict(outcome: Outcome, read_as: str, feedback: Text | None = None) -> Verdict:
    """A choice or numeric verdict (decided by letters or numbers)."""
    return Verdict(outcome, read_as, feedback, method="exact")


def grade_choice(question: ChoiceQuestion, answer: str) -> Verdict:
    """Letters in any order and case, with or without separators: `A,C`, `ac`, `A、C`, `1,3`."""
    letters = question.answer.letters
    picked = _letters(answer)
    shown = ", ".join(picked)
    wanted = len(question.answer.correct)
    if not picked or any(letter not in letters for letter in picked):
        span = f"{letters[0]}–{letters[-1]}"
        return _verdict(
            INVALID,
            answer.strip(),
            _both(f"Answer with letters {span}.", f"请用字母 {span} 作答。"),
        )
    if len(picked) != wanted:
        return _verdict(INVALID, shown, _both(f"Pick {wanted} option(s).", f"请选 {wanted} 项。"))
    correct = sorted(question.answer.correct)
    if picked == correct:
        return _verdict(CORRECT, shown)
    right = ", ".join(correct)
    return _verdict(INCORRECT, shown, _both(f"The answer is {right}.", f"正确答案是 {right}。"))


def _letters(answer: str) -> list[str]:
    """The letters picked, sorted; option numbers count too (`13` is A and C)."""
    text = unicodedata.normalize("NFKC", answer).upper()
    text = re.sub(r"[\s,;、，；/&+]+", "", text)
    text = "".join(chr(ord("A") + int(c) - 1) if c in "12345678" else c for c in text)
    if not text.isascii() or not text.isalpha():
        return ["?"] if text else []
    return sorted(set(text))


def grade_numeric(question: NumericQuestion, answer: str) -> Verdict:
    """Numbers within the question's absolute tolerance; vectors element by element."""
    expected = question.answer.values
    en, zh = (question.answer.unit_in(lang) for lang in LANGS)
    try:
        given = parse_numbers(answer, en, zh)
    except ValueError as exc:
        return _verdict(INVALID, answer.strip(), _both(*exc.args))
    shown = ", ".join(_format(value) for value in given)
    if len(given) != len(expected):
        n = len(expected)
        return _verdict(INVALID, shown, _both(f"Give {n} number(s).", f"请给出 {n} 个数。"))
    tolerance = question.answer.tolerance
    if all(_close(a, b, tolerance) for a, b in zip(given, expected, strict=True)):
        return _verdict(CORRECT, shown)
    right = ", ".join(_format(value) for value in expected)
    return _verdict(
        INCORRECT,
        shown,
        _both(
            f"The answer is {right}{' ' + en if en else ''} (± {_format(tolerance)}).",
            f"正确答案是 {right}{' ' + zh if zh else ''}（± {_format(tolerance)}）。",
        ),
    )


def _close(given: float, expected: float, tolerance: float) -> bool:
    """Within tolerance, allowing for the rounding of the decimal the user typed."""
    slack = 1e-12 * max(1.0, abs(expected))
    return abs(given - expected) <= tolerance + slack


_LARGEST = Fraction(10) ** 300
_NUMBER = re.compile(
    r"""^(?P<sign>[+-]?)
    (?P<num>\d+(?:\.\d*)?|\.\d+)
    (?:/(?P<den>\d+(?:\.\d*)?|\.\d+))?
    (?:e(?P<exp>[+-]?\d{1,3})|[*x×]10\^\(?(?P<pow>[+-]?\d{1,3})\)?)?
    (?P<pct>%)?$""",
    re.VERBOSE,
)


def parse_numbers(answer: str, *units: str) -> list[float]:
    """`0.25`, `1/4`, `2.5e-3`, `2.5 × 10^-3`, `[1, -2.5]`, `1 2 3`; a trailing unit is ignored.

    Raises ValueError(en, zh) naming the part that could not be read.
    """
    text = unicodedata.normalize("NFKC", answer).strip().lower()
    text = text.replace("−", "-").replace("，", ",").replace("、", ",")
    for unit in units:
        if unit:
            text = text.removesuffix(unit.lower()).strip()
    text = re.sub(r"\s*([/×*^]|x(?=\s*10\^))\s*", r"\1", text.strip("[]() "))
    parts = [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
    if len(parts) == 1 and all(_NUMBER.match(token) for token in parts[0].split()):
        parts = parts[0].split()
    if not parts:
        raise ValueError("Type a number, such as 0.25 or 1/4.", "请输入一个数，例如 0.25 或 1/4。")
    return [_number(part) for part in parts]


def _number(part: str) -> float:
    match = _NUMBER.match(part)
    if match is None:
        raise ValueError(
            f"Cannot read {part!r} as a number; write e.g. 0.25, 1/4 or 2.5e-3.",
            f"无法把 {part!r} 读成数，请写成 0.25、1/4 或 2.5e-3 这样的形式。",
        )
    value = Fraction(match["num"])
    if match["den"] is not None:
        den = Fraction(match["den"])
        if den == 0:
            raise ValueError(f"{part!r} divides by zero.", f"{part!r} 的分母为零。")
        value /= den
    power = match["exp"] or match["pow"]
    if power is not None:
        value *= Fraction(10) ** int(power)
    if match["pct"]:
        value /= 100
    if abs(value) > _LARGEST:
        raise ValueError(f"{part!r} is too large.", f"{part!r} 太大了。")
    return float(-value if match["sign"] == "-" else value)


def _format(value: float) -> str:
    """Short, exact-looking form: 0.25, 1e-08, 3."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


def _both(en: str, zh: str) -> Text:
    return Text(en=en, zh=zh)
