"""Find questions by text in either language, best matches first."""

from __future__ import annotations

import re
from collections.abc import Iterable

from quizcli import kinds
from quizcli.bank.model import AnyQuestion, Text

_TERM = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff]+|[^\s\u2e80-\u9fff\uf900-\ufaff]+")
WEIGHTS = {"id": 4.0, "topic": 2.0, "tags": 3.0, "prompt": 3.0, "answer": 1.0, "explanation": 1.0}


def search(questions: Iterable[AnyQuestion], query: str) -> list[tuple[float, AnyQuestion]]:
    """Score each question by the query's terms; Chinese runs match as substrings."""
    terms = [t.lower() for t in _TERM.findall(query)]
    if not terms:
        return []
    scored = []
    for question in questions:
        fields = _fields(question)
        score = sum(
            WEIGHTS[name] * text.count(term) for term in terms for name, text in fields.items()
        )
        matched = sum(any(term in text for text in fields.values()) for term in terms)
        if matched:
            scored.append((score * matched / len(terms), question))
    scored.sort(key=lambda pair: (-pair[0], pair[1].id))
    return scored


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
