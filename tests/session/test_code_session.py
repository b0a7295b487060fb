"""Code questions in real sessions: through a pipe the answer line is a file path; on a
terminal `e` opens the editor on the kept file."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pexpect

from quizcli.kinds.trust import trust
from quizcli.store import open_store
from tests.conftest import FIXTURES
from tests.session.conftest import child_env, command

CODE_BANK = FIXTURES / "code"
NAIVE = "import numpy as np\n\ndef softmax(z, axis=-1):\n    return np.exp(z) / np.exp(z).sum()\n"
STABLE = (
    "import numpy as np\n\ndef softmax(z, axis=-1):\n"
    "    e = np.exp(z - z.max(axis=axis, keepdims=True))\n"
    "    return e / e.sum(axis=axis, keepdims=True)\n"
)


def test_a_piped_drill_reads_file_paths_and_retries_after_a_failing_file(tmp_path: Path) -> None:
    trust(CODE_BANK)
    naive, stable = tmp_path / "naive.py", tmp_path / "stable.py"
    naive.write_text(NAIVE)
    stable.write_text(STABLE)
    args = ["--bank", str(CODE_BANK), "drill", "--type", "code", "--topic", "activations"]
    done = subprocess.run(
        command(*args),
        input=f"{naive}\n{stable}\n\n",
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "✗ logits of 1000" in done.stdout
    assert "subtract the max" in done.stdout
    assert "4/4 cases passed" in done.stdout
    assert "Answered 1, right 1" in done.stdout
    with open_store() as store:
        [review] = store.reviews("fx-softmax")
    assert (review.verdict, review.answer, int(review.rating or 0)) == ("correct", str(stable), 2)


def test_study_on_a_terminal_edits_the_kept_file_and_proposes_good(tmp_path: Path) -> None:
    trust(CODE_BANK)
    source = tmp_path / "stable.py"
    source.write_text(STABLE)
    editor = tmp_path / "editor.py"
    editor.write_text(f"import shutil, sys\nshutil.copy({str(source)!r}, sys.argv[1])\n")
    argv = command("--bank", str(CODE_BANK), "study", "--type", "code", "--topic", "activations")
    env = child_env(TERM="dumb", EDITOR=f"python3 {editor}")
    child = pexpect.spawn(argv[0], argv[1:], env=env, encoding="utf-8", timeout=120)
    try:
        child.expect(r"Your file: .*code/fx-softmax\.py")
        child.expect("or e to edit")
        child.sendline("e")
        child.expect("4/4 cases passed")
        child.expect("Enter = Good")
        child.expect("rating> ")
        child.sendline("")
        # Good on a new question: it comes back for its learning step; Ctrl-D ends there
        child.expect(r"Your file: .*code/fx-softmax\.py")
        child.expect("or e to edit")
        child.sendeof()
        child.expect("Answered 1, right 1")
        child.expect(pexpect.EOF)
    finally:
        if child.isalive():
            child.kill(signal.SIGKILL)
    child.close()
    assert child.exitstatus == 0
    with open_store() as store:
        [review] = store.reviews("fx-softmax")
    assert (review.verdict, int(review.rating or 0)) == ("correct", 3)
