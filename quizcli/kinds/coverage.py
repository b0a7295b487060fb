"""Which key points a typed concept answer seems to mention: a hint for self-grading.

Words are compared, not meanings. English words are lower-cased and stripped of common
suffixes; Chinese has no spaces, so pairs of adjacent characters stand for its words
(pairs holding a particle left out). A question tag (`vanishing-gradient`, with a
hyphen or a space) that both mention weighs twice. A point counts as mentioned when at
least half of its words (in either language) appear in the answer, or two of its Chinese
pairs: one three-character term such as 非线性 is two pairs, and a short answer shares
only a small part of a long Chinese point. It never grades.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from quizcli.bank.model import Text

ENOUGH = 0.5
ZH_ENOUGH = 2
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
# Particles that pair with anything (这个, 是一): a pair holding one says nothing. Characters
# that also start or end content words (和 in 饱和, 能 in 性能, 一 in 归一化) are not here.
_ZH_PARTICLES = frozenset("的了是也都就把被这那个吗呢吧啊")
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
    """The pairs of adjacent Chinese characters in `text` (a one-character run stands for
    itself), leaving out pairs that hold a particle."""
    terms: set[str] = set()
    for run in _HAN.findall(text):
        terms.update(run[i : i + 2] for i in range(max(len(run) - 1, 1)))
    return {term for term in terms if not _ZH_PARTICLES.intersection(term)}


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
        wanted_zh = chinese_terms(point.zh)
        shares = [
            (len(wanted & said) + key) / (len(wanted) + key)
            for wanted in (english_terms(point.en), wanted_zh)
            if wanted
        ]
        pairs = len(wanted_zh & said) >= min(ZH_ENOUGH, len(wanted_zh) or ZH_ENOUGH)
        marks.append(pairs or (bool(shares) and max(shares) >= ENOUGH))
    return marks
