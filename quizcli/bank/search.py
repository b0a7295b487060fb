"""Find questions by text in either language, best matches first."""

from __future__ import annotations

import re
from collections.abc import Iterable

from quizcli import kinds
from quizcli.bank.model import AnyQuestion, Text

_TERM = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff]+|[^\s\u2e80-\u9fff\uf900-\ufaff]+")
WEIGHTS = {"id": 4.0, "topic": 2.0, "tags": 3.0, "prompt": 3.0, "answer": 1.0, "explanation": 1.0}


def search(
    questions: Iterable[AnyQuestion], query: str, *, every_word: bool = True
) -> list[tuple[float, AnyQuestion]]:
    """Score each question by the query's terms; Chinese runs match as substrings.

    A question must contain every term unless `every_word` is off: "vanishing gradient" is
    meant as one idea, and any-word matching returned half the bank. Questions holding the
    query as a phrase come first, then the rest by weighted term counts.
    """
    terms = [t.lower() for t in _TERM.findall(query)]
    if not terms:
        return []
    phrase = " ".join(query.lower().split())
    ranked = []
    for question in questions:
        fields = _fields(question)
        matched = sum(any(term in text for text in fields.values()) for term in terms)
        if not matched or (every_word and matched < len(terms)):
            continue
        score = sum(
            WEIGHTS[name] * text.count(term) for term in terms for name, text in fields.items()
        )
        has_phrase = len(terms) > 1 and any(phrase in text for text in fields.values())
        ranked.append((not has_phrase, -score * matched / len(terms), question.id, question))
    ranked.sort(key=lambda row: row[:3])
    return [(-negated, question) for _, negated, _, question in ranked]


def _fields(question: AnyQuestion) -> dict[str, str]:
    answer = kinds.of(question).search_texts(question)
    return {
        "id": question.id.replace("-", " "),
        "topic": question.topic,
        "tags": " ".join(question.tags).replace("-", " "),
        "prompt": _both(question.prompt),
        "answer": " ".join(_both(t) for t in answer),
        "explanation": _both(question.explanation),
    }


def _both(text: Text) -> str:
    return f"{text.en} {text.zh}".lower()
