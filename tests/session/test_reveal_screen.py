"""A concept answer's reveal fits one 24 x 80 terminal: the user's answer and every key
point stay on screen, with the rating prompt, without scrolling (issue 12 item 6)."""

from __future__ import annotations

import re
import signal

import pexpect
import pytest

from quizcli.bank import load_bank
from quizcli.textfmt import width
from tests.conftest import FIXTURES
from tests.session.conftest import child_env, command, default_signals

BANK = FIXTURES / "reveal"
QUESTION = load_bank([BANK], use_cache=False).questions[0]
ROWS, COLUMNS = 24, 80
TITLES = {"en": "Key points", "zh": "要点"}
ANSWERS = {
    "en": "Max pooling keeps the largest value of each window and average pooling the mean, "
    "so an isolated strong activation gets diluted by averaging. In backprop max pooling "
    "sends the gradient only to the max position, average pooling splits it evenly over "
    "the window. Max inside the network; average for the global pooling at the end.",
    "zh": "最大池化保留每个窗口的最大值，平均池化保留均值，孤立的强激活会被平均稀释。"
    "反向传播时最大池化只把梯度传给最大值位置，平均池化平均分给窗口内各个输入。"
    "中间层用最大池化，末端全局池化用平均池化。",
}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_answer_and_every_key_point_fit_one_screen_with_the_rating_prompt(lang: str) -> None:
    environment = child_env(TERM="dumb", LINES=str(ROWS), COLUMNS=str(COLUMNS))
    argv = command("--lang", lang, "--bank", str(BANK), "study", "--tag", "max-pooling")
    child = pexpect.spawn(
        argv[0], argv[1:], env=environment, encoding="utf-8", codec_errors="replace", timeout=20,
        dimensions=(ROWS, COLUMNS), preexec_fn=default_signals,
    )  # fmt: skip
    try:
        child.setwinsize(ROWS, COLUMNS)
        child.expect("> ")
        child.sendline(ANSWERS[lang])
        child.expect(QUESTION.id)  # the reveal panel's top border
        top = child.before.rsplit("\r\n", 1)[-1] + QUESTION.id
        child.expect("> ")
        screen = (top + child.before + child.after).split("\r\n")
    finally:
        child.kill(signal.SIGKILL)
    panel = [row for row in screen if row[:1] in "╭│╰"]
    assert len(screen) <= ROWS, "\n".join(screen)
    assert len(panel) <= 20, "\n".join(screen)
    assert all(width(row) <= COLUMNS for row in screen), "\n".join(screen)
    yours, points = columns([row.strip("│") for row in panel[1:-1]], TITLES[lang])
    assert squeeze(ANSWERS[lang]) in yours
    for point in QUESTION.answer.key_points:
        assert squeeze(point.get(lang)) in points, point.get(lang)


def columns(rows: list[str], title: str) -> tuple[str, str]:
    """The two columns' text, each joined over the rows and without spaces or marks; the
    first row holds the two titles, the second column starts where its `title` does."""
    start = width(rows[0][: rows[0].rindex(title)])
    left, right = [], []
    for row in rows[1:]:
        cut = next((i for i in range(len(row) + 1) if width(row[:i]) >= start), len(row))
        left.append(row[:cut])
        right.append(row[cut:].replace("✓", "").replace("·", ""))
    return squeeze("".join(left)), squeeze("".join(right))
