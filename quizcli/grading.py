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
from quizcli.messages import Message, Pair, msg, say
from quizcli.textfmt import enclosed
from quizcli.verdict import Outcome, Verdict

CORRECT = Outcome.CORRECT
INCORRECT = Outcome.INCORRECT
INVALID = Outcome.INVALID


def _letters_verdict(outcome: Outcome, read_as: str, feedback: Text | None = None) -> Verdict:
    """A choice verdict, decided by the letters picked."""
    return Verdict(outcome, read_as, feedback, method="letters")


def _numbers_verdict(outcome: Outcome, read_as: str, feedback: Text | None = None) -> Verdict:
    """A numeric verdict, decided by the numbers read."""
    return Verdict(outcome, read_as, feedback, method="numbers")


def grade_choice(question: ChoiceQuestion, answer: str) -> Verdict:
    """Letters in any order and case, with or without separators: `A,C`, `ac`, `A、C`, `1,3`."""
    letters = question.answer.letters
    picked = _letters(answer)
    shown = ", ".join(picked)
    wanted = len(question.answer.correct)
    if not picked or any(letter not in letters for letter in picked):
        span = f"{letters[0]}–{letters[-1]}"
        return _letters_verdict(
            INVALID,
            answer.strip(),
            _said("grade.letters", span=span),
        )
    if len(picked) != wanted:
        return _letters_verdict(INVALID, shown, _said("grade.pick", n=wanted))
    correct = sorted(question.answer.correct)
    if picked == correct:
        return _letters_verdict(CORRECT, shown)
    right = ", ".join(correct)
    return _letters_verdict(INCORRECT, shown, _said("grade.choice_answer", right=right))


def _letters(answer: str) -> list[str]:
    """The letters picked, sorted; option numbers count too (`13` is A and C)."""
    text = unicodedata.normalize("NFKC", answer).upper()
    text = re.sub(r"[\s,;、，；/&+]+", "", text)
    text = "".join(chr(ord("A") + int(c) - 1) if c in "12345678" else c for c in text)
    if not text.isascii() or not text.isalpha():
        return ["?"] if text else []
    return sorted(set(text))


def grade_numeric(question: NumericQuestion, answer: str) -> Verdict:
    """Numbers within the question's absolute tolerance; vectors element by element. What
    was read is echoed: `56 pixels` for `56px`, `0.001 (0.1%)` for a percentage."""
    expected = question.answer.values
    en, zh = (question.answer.unit_in(lang) for lang in LANGS)
    try:
        read = read_numbers(answer, en, zh)
    except ValueError as exc:
        reason: Message = exc.args[0]
        return _numbers_verdict(INVALID, answer.strip(), _said(reason.key, **reason.fields))
    given = [value for value, _ in read]
    shown = ", ".join(_format(value) + note for value, note in read)
    if en and any(note == UNIT for _, note in read):
        shown = ", ".join(_format(value) for value in given) + f" {en}"
    if len(given) != len(expected):
        n = len(expected)
        return _numbers_verdict(INVALID, shown, _said("grade.count", n=n))
    tolerance = question.answer.tolerance
    if all(_close(a, b, tolerance) for a, b in zip(given, expected, strict=True)):
        return _numbers_verdict(CORRECT, shown)
    right = ", ".join(_format(value) for value in expected)
    unit = Pair(f" {en}" if en else "", f" {zh}" if zh else "")
    return _numbers_verdict(
        INCORRECT,
        shown,
        _said("grade.numeric_answer", right=right, unit=unit, tolerance=_format(tolerance)),
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


# Other ways to write a bank's unit: abbreviations, singulars, the other language.
UNIT_SYNONYMS = {
    "pixels": ("px", "pixel", "pix", "像素", "个像素"),
    "parameters": ("params", "param", "parameter", "参数", "个参数"),
    "times": ("x", "×", "倍", "次"),
    "iterations": ("iters", "iter", "iteration", "steps", "step", "次", "步", "次迭代"),
    "blocks": ("block", "块", "个块"),
    "bytes": ("b", "byte", "字节"),
}
UNIT = " (unit)"
QUOTED = 60


def parse_numbers(answer: str, *units: str) -> list[float]:
    """`0.25`, `1/4`, `2.5e-3`, `2.5 × 10^-3`, `0.1%`, `[1, -2.5]`, `(1, 2)`, `1, 2`, `1 2 3`;
    a unit after a number (`56 px`, `56px`, `56 pixels`) is read as the question's.

    Raises ValueError(Message) naming the part that could not be read.
    """
    return [value for value, _ in read_numbers(answer, *units)]


def read_numbers(answer: str, *units: str) -> list[tuple[float, str]]:
    """Each number with a note on how it was read: UNIT when a unit was dropped, the
    percentage when one was typed, else ""."""
    text = unicodedata.normalize("NFKC", answer).strip().lower()
    text = text.replace("−", "-").replace("，", ",").replace("、", ",").replace("；", ";")
    text = re.sub(r"\s*([/×*^]|x(?=\s*10\^))\s*", r"\1", _unbracketed(text))
    parts = [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
    if len(parts) == 1 and all(_NUMBER.match(token) for token in parts[0].split()):
        parts = parts[0].split()
    if not parts:
        raise ValueError(msg("grade.no_number"))
    aliases = _unit_aliases(units)
    return [_read_part(part, aliases) for part in parts]


def _unbracketed(text: str) -> str:
    """`[0.25, 0.75]` and `(1 2)` without their brackets; `(1-s)*s` keeps its own, so that
    a message quotes it as typed."""
    if text[:1] in "[(" and text[-1:] in ")]" and enclosed(text):
        return _unbracketed(text[1:-1].strip())
    return text


def _quoted(part: str) -> str:
    """`part` in quotes, cut with a marker past QUOTED characters (10,000 may be pasted)."""
    if len(part) <= QUOTED:
        return repr(part)
    return f"{part[:QUOTED]!r}... ({len(part)} characters)"


def _unit_aliases(units: tuple[str, ...]) -> list[str]:
    """The question's units and their other spellings, longest first (so `pixels` is
    removed whole rather than leaving `pixel` + s)."""
    found = set()
    for unit in units:
        unit = unicodedata.normalize("NFKC", unit).strip().lower()
        if not unit:
            continue
        found.add(unit)
        found.add(unit.removesuffix("s"))
        for name, synonyms in UNIT_SYNONYMS.items():
            if unit in (name, *synonyms):
                found.update((name, *synonyms))
    return sorted(found - {""}, key=len, reverse=True)


def _read_part(part: str, aliases: list[str]) -> tuple[float, str]:
    note = f" ({part})" if part.endswith("%") else ""
    if _NUMBER.match(part) is None:
        for alias in aliases:
            number = part.removesuffix(alias).strip()
            if number != part and _NUMBER.match(number):
                return _number(number), UNIT
        leading = re.match(r"[+-]?[\d.]+", part)
        if aliases and leading and _NUMBER.match(leading.group()):
            unit = aliases[0]
            said = msg("grade.unit", part=_quoted(part), unit=unit, number=leading.group())
            raise ValueError(said)
    return _number(part), note


def _number(part: str) -> float:
    match = _NUMBER.match(part)
    if match is None:
        raise ValueError(msg("grade.not_a_number", part=_quoted(part)))
    value = Fraction(match["num"])
    if match["den"] is not None:
        den = Fraction(match["den"])
        if den == 0:
            raise ValueError(msg("grade.zero", part=repr(part)))
        value /= den
    power = match["exp"] or match["pow"]
    if power is not None:
        value *= Fraction(10) ** int(power)
    if match["pct"]:
        value /= 100
    if abs(value) > _LARGEST:
        raise ValueError(msg("grade.too_large", part=_quoted(part)))
    return float(-value if match["sign"] == "-" else value)


def _format(value: float) -> str:
    """Short, exact-looking form: 0.25, 1e-08, 3."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


def _said(key: str, /, **fields: object) -> Text:
    """Feedback in both languages, as a grade carries it (the session shows one)."""
    return Text(en=say(key, "en", **fields), zh=say(key, "zh", **fields))
