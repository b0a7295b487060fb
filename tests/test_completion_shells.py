"""Completion as a user meets it: installed with --install-completion, then TAB in a new
bash, zsh or fish on a pseudo-terminal. A shell that is not installed is skipped, naming it.

The fixture bank sits in the user's banks folder, so its `mini-` ids can only come from
the banks quizcli reads.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

pexpect = pytest.importorskip("pexpect")
PROMPT = "READY> "
QUIZCLI = Path(sys.executable).parent / "quizcli"
# Generous: a TAB may load the banks first; the tests wait for text, never measure time.
WAIT = 120


def _shell(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed on this machine")
    if not QUIZCLI.exists():
        pytest.skip(f"no quizcli script beside {sys.executable}; install with pip install -e .")
    return path


def _environment(home: Path) -> dict[str, str]:
    banks = home / "quizcli" / "banks"
    banks.mkdir(parents=True)
    shutil.copy(FIXTURES / "bank" / "mini.yaml", banks / "mini.yaml")
    return {
        "HOME": str(home),
        "ZDOTDIR": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "QUIZCLI_HOME": str(home / "quizcli"),
        "QUIZCLI_LANG": "en",
        "PATH": f"{QUIZCLI.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "TERM": "xterm",
        "LANG": "C.UTF-8",
    }


SETUP = {
    "bash": ([], ".bashrc", f"PS1='{PROMPT}'\n"),
    "zsh": ([], ".zshrc", f"PS1='{PROMPT}'\n"),
    "fish": (
        [],
        ".config/fish/config.fish",
        f"function fish_prompt; echo -n '{PROMPT}'; end\nset -g fish_greeting\n",
    ),
}


def _spawn(shell: str, home: Path, env: dict[str, str]) -> pexpect.spawn:
    child = pexpect.spawn(
        _shell(shell), ["-i"], env=env, cwd=str(home), encoding="utf-8", timeout=WAIT
    )
    child.setwinsize(40, 200)
    child.expect_exact(PROMPT)
    return child


def _install(shell: str, home: Path) -> dict[str, str]:
    """A shell's startup file with a plain prompt, then quizcli --install-completion in it."""
    env = _environment(home)
    _, rc, text = SETUP[shell]
    (home / rc).parent.mkdir(parents=True, exist_ok=True)
    (home / rc).write_text(text)
    child = _spawn(shell, home, env)
    child.sendline("quizcli --install-completion")
    child.expect(f"{shell} completion installed")
    child.expect_exact(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    return env


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_first_tab_of_a_new_shell_completes_a_question_id(shell: str, tmp_path: Path) -> None:
    _shell(shell)
    env = _install(shell, tmp_path)
    child = _spawn(shell, tmp_path, env)
    child.send("quizcli show mini-ch\t")
    child.expect("mini-choice")
    child.send("\x15")  # Ctrl-U: clear the line; a later TAB in the same shell works too
    child.send("quizcli list --topic poo\t")
    child.expect("pooling")
    child.send("\x15exit\r")
    child.expect(pexpect.EOF)


def test_installed_zsh_script_completes_when_autoloaded(tmp_path: Path) -> None:
    """The script zsh autoloads from ~/.zfunc calls itself when loaded that way."""
    _shell("zsh")
    _install("zsh", tmp_path)
    script = (tmp_path / ".zfunc" / "_quizcli").read_text()
    assert "loadautofunc" in script
    assert script.startswith("#compdef quizcli")
