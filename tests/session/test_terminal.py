"""Whole sessions in real processes: a pseudo-terminal, a pipe, kill -9, two at once."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Callable, Iterator

import pexpect
import pytest

from quizcli.bank import load_bank
from quizcli.store import open_store
from tests.session.conftest import BANK, child_env, command, default_signals

IDS = load_bank([BANK], use_cache=False).ids()
ANSWER = r"answer \(|your answer"
RATING = "rating> "


def total_reviews() -> int:
    with open_store() as store:
        return sum(len(store.reviews(qid)) for qid in IDS)


@pytest.fixture
def spawn() -> Iterator[Callable[..., pexpect.spawn]]:
    children: list[pexpect.spawn] = []

    def start(*args: str) -> pexpect.spawn:
        argv = command(*args)
        child = pexpect.spawn(
            argv[0],
            argv[1:],
            env=child_env(TERM="dumb"),
            encoding="utf-8",
            timeout=20,
            preexec_fn=default_signals,
        )
        children.append(child)
        return child

    yield start
    for child in children:
        if child.isalive():
            child.kill(signal.SIGKILL)


def test_terminal_session_answer_rate_undo_interrupt_and_restart(
    spawn: Callable[..., pexpect.spawn],
) -> None:
    child = spawn("study", "--type", "choice")
    child.expect(ANSWER)
    child.sendline("ab")
    child.expect(RATING)
    child.sendline("")
    child.expect(ANSWER)
    child.sendline("u")
    child.expect("Took back the answer to fx-gelu-models")
    child.expect(ANSWER)
    child.send("\x1b[A")  # arrow up: the answer typed before comes back from history
    child.sendline("")
    child.expect("✓ correct")
    child.expect(RATING)
    child.sendline("4")
    child.expect("fx-max-pool-output")  # topics interleaved: pooling comes second
    child.expect(ANSWER)
    child.sendline("b")
    child.expect(RATING)
    child.sendline("3")
    child.expect(ANSWER)
    child.sendintr()
    # CPython's readline loop checks signals only when its select() is interrupted: a
    # Ctrl-C landing after the prompt is drawn but before select() starts (a busy machine
    # widens that gap) stays pending until the next key. A user presses a key or Ctrl-C
    # again; the test sends Enter, which ends the input with the interrupt still raised.
    child.send("\r")
    child.expect("Interrupted; every answer above is saved.")
    child.expect("Answered 2, right 2")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    with open_store() as store:
        gelu = store.reviews("fx-gelu-models", include_undone=True)
        assert [(int(r.rating or 0), r.undone, r.answer) for r in gelu] == [
            (3, True, "ab"),
            (4, False, "ab"),
        ]
    again = spawn("study", "--type", "choice")
    again.expect("Question 1 of 2")  # the new one, then max-pool's 10-minute step
    again.expect("fx-relu-dead")
    again.expect(ANSWER)
    again.send("\x1b[A")  # the last answer of the interrupted session
    again.sendline("")
    again.expect(RATING)
    again.sendline("")
    again.expect("Question 2 of 3")  # Again: its 1-minute step comes before max-pool's 10
    again.expect("fx-relu-dead")
    again.expect(ANSWER)
    again.sendeof()
    again.expect("Answered 1, right 0")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0
    assert total_reviews() == 3
    with open_store() as store:
        assert [r.answer for r in store.reviews("fx-relu-dead")] == ["b"]


def test_ctrl_d_ends_the_session_with_0(spawn: Callable[..., pexpect.spawn]) -> None:
    child = spawn("study", "--type", "numeric")
    child.expect(ANSWER)
    child.sendline("0.25")
    child.expect(RATING)
    child.sendline("")
    child.expect(ANSWER)
    child.sendeof()
    child.expect("Answered 1, right 1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert total_reviews() == 1


def test_kill_9_keeps_what_was_recorded(spawn: Callable[..., pexpect.spawn]) -> None:
    child = spawn("study", "--type", "choice")
    for answer in ("ab", "b"):
        child.expect(ANSWER)
        child.sendline(answer)
        child.expect(RATING)
        child.sendline("3")
    child.expect(ANSWER)
    child.kill(signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    assert total_reviews() == 2
    doctor = subprocess.run(command("doctor"), env=child_env(), capture_output=True, timeout=30)
    assert doctor.returncode == 0, doctor.stderr
    after = subprocess.run(
        command("study", "--type", "choice"),
        input="b\n3\n",
        env=child_env(),
        text=True,
        capture_output=True,
        timeout=30,
    )
    assert after.returncode == 0, after.stderr
    assert "fx-relu-dead" in after.stdout
    assert total_reviews() == 3


def pipeline(*args: str, feed: str = "yes 3") -> str:
    return f"{feed} | " + " ".join(f"'{part}'" for part in command(*args))


def piped(*args: str, feed: str = "yes 3") -> subprocess.CompletedProcess[str]:
    script = pipeline(*args, feed=feed)
    return subprocess.run(
        script, shell=True, env=child_env(), capture_output=True, text=True, timeout=60
    )


def test_yes_3_answers_five_questions() -> None:
    done = piped("study", "--new", "100", "--limit", "5")
    assert done.returncode == 0, done.stderr
    assert "Answered 5" in done.stdout
    assert total_reviews() == 5


def test_yes_alone_ends_the_session_with_2_and_says_what_to_type() -> None:
    """`yes` sends "y", which is no rating: a pipe cannot be asked again for ever."""
    done = piped("study", "--new", "100", feed="yes")
    assert done.returncode == 2, done.stderr
    assert "Answered 0" in done.stdout
    assert done.stderr.strip().startswith("Stopped: 3 lines in a row were not a rating; type 1-4")
    assert len(done.stderr.strip().splitlines()) == 1


def test_two_sessions_at_once_lose_nothing() -> None:
    script = pipeline("study", "--new", "100", "--limit", "5")
    runs = [
        subprocess.Popen(script, shell=True, env=child_env(), stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for run in runs:
        out, _ = run.communicate(timeout=60)
        assert run.returncode == 0
        assert "Answered 5" in out
    assert total_reviews() == 10
