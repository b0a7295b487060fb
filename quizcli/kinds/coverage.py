"""Which key points a typed concept answer seems to mention: a hint for self-grading.

Words are compared, not meanings: English words lower-cased and stripped of common
suffixes, Chinese character by character (particles left out); a question tag
(`vanishing-gradient`, with a hyphen or a space) that both mention weighs twice. A
point counts as mentioned when at least half of its words (in either language) appear
in the answer. It never grades.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from quizcli.bank.model import Text

ENOUGH = 0.5
_WORD = re.compile(r"[a-z0-9]+")
_HAN = re.compile(r"[\u3400-\u9fff]+")
_STOP = frozenset(
    {
        *("the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "is", "are", "be"),
        *("it", "its", "as", "by", "with", "that", "this", "at", "from", "into", "not", "no"),
        *("than", "then", "so", "can", "may", "each", "one", "two", "which", "what", "when"),
        *("how", "why", "all", "any", "more", "most", "their", "them", "they", "you", "your"),
        *("we", "our", "does", "do", "has", "have", "was", "were", "will", "would", "should"),
    }
)
_ZH_STOP = frozenset("的了是在和与或及而也都就把被让使对为时会能可这那其之个一")
_SUFFIXES = (
    *("ations", "ation", "ating", "ated", "ates", "ate"),
    *("ings", "ing", "ness", "ies", "ied", "ed", "es", "ly", "s", "e"),
)


def stem(word: str) -> str:
    """`vanishing` and `vanishes` and `vanish` all become `vanish`, `saturates` and
    `saturation` both `satur`; short words stay."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def english_terms(text: str) -> set[str]:
    words = _WORD.findall(text.lower().replace("-", " "))
    return {stem(w) for w in words if w not in _STOP and (len(w) > 2 or w.isdigit())}


def chinese_terms(text: str) -> set[str]:
    """The Chinese characters of `text`, without particles and other function characters."""
    return {char for run in _HAN.findall(text) for char in run if char not in _ZH_STOP}


def _phrases(tags: Iterable[str], text: str) -> set[str]:
    lowered = text.lower().replace("-", " ")
    return {tag for tag in tags if tag.replace("-", " ") in lowered}


def covered(points: Sequence[Text], answer: str, tags: Iterable[str] = ()) -> list[bool]:
    """For each key point, whether the answer mentions enough of its words."""
    tags = list(tags)
    said = english_terms(answer) | chinese_terms(answer)
    said_tags = _phrases(tags, answer)
    marks = []
    for point in points:
        # A tag both mention is a key phrase of the question: its words weigh twice.
        key = sum(len(tag.split("-")) for tag in _phrases(tags, point.en) & said_tags)
        shares = []
        for wanted in (english_terms(point.en), chinese_terms(point.zh)):
            if wanted:
                shares.append((len(wanted & said) + key) / (len(wanted) + key))
        marks.append(bool(shares) and max(shares) >= ENOUGH)
    return marks
