"""The reliability corpus: bad input of every kind ends in one clear line, never exit 70.

Each case runs the real entry point in a child process (so standard streams, signals and
file modes are the real ones) over the session fixture bank. Also here: exports that will
not overwrite, private data files, a bounded error log, and SIGTERM/SIGHUP ending a
session as Ctrl-C does.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pytest

from quizcli import errorlog
from quizcli.store import open_store
from tests.conftest import FIXTURES
from tests.session.conftest import command, default_signals

HOSTILE = FIXTURES / "hostile"
ANSWER = r"answer \(|your answer"


def run(
    *args: str, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        command(*args),
        input=stdin,
        capture_output=True,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1", **(env or {})},
        timeout=120,
    )


def damaged_database(home: Path) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    (home / "quizcli.db").write_bytes(b"not a database " * 400)
    return {}


def home_is_a_file(home: Path) -> dict[str, str]:
    home.parent.mkdir(parents=True, exist_ok=True)
    home.write_text("a file where the data dir should be")
    return {}


def hostile_user_banks(home: Path) -> dict[str, str]:
    (home / "banks").mkdir(parents=True)
    for path in HOSTILE.glob("*.yaml"):
        (home / "banks" / path.name).write_bytes(path.read_bytes())
    (home / "banks" / "latin1.yaml").write_bytes(b"format_version: 1\nquestions: [caf\xe9]\n")
    (home / "banks" / "folder.yaml").mkdir()
    (home / "banks" / "loop.yaml").symlink_to("loop.yaml")
    return {}


def nothing(home: Path) -> dict[str, str]:
    return {}


# (name, arguments, standard input, extra environment, set-up, exit codes allowed)
CORPUS: list[tuple[str, list[str], bytes, dict[str, str], Callable[[Path], object], set[int]]] = [
    ("clock in year 9999", ["stats"], b"", {"QUIZCLI_NOW": "9999-12-31T23:59"}, nothing, {2}),
    ("clock in year 1", ["study"], b"", {"QUIZCLI_NOW": "0001-01-01"}, nothing, {2}),
    ("clock not a time", ["history", "fx-relu-dead"], b"", {"QUIZCLI_NOW": "soon"}, nothing, {2}),
    ("non-UTF-8 answers", ["study", "--limit", "2"], b"\xff\xfe\n3\n\xc3(\n3\n", {}, nothing, {0}),
    ("non-UTF-8 check", ["check", "fx-sigmoid-derivative", "-"], b"s\xe9(x)\n", {}, nothing, {2}),
    ("NUL in a check", ["check", "fx-sigmoid-derivative", "x\x01y"], b"", {}, nothing, {2}),
    ("escape in an id", ["show", "no\x1b[2Jsuch"], b"", {}, nothing, {1}),
    ("unknown id", ["history", "no-such-id"], b"", {}, nothing, {1}),
    ("damaged database", ["stats"], b"", {}, damaged_database, {1}),
    ("data dir is a file", ["study"], b"", {}, home_is_a_file, {1}),
    ("hostile user banks", ["list"], b"", {}, hostile_user_banks, {0}),
    ("lint hostile banks", ["lint", str(HOSTILE)], b"", {}, nothing, {1}),
    ("bad setting", ["config", "desired_retention", "nan"], b"", {}, nothing, {2}),
    ("export into a missing dir", ["export", "anki", "/nonexistent/d.apkg"], b"", {}, nothing, {1}),
]


@pytest.mark.parametrize(
    ("args", "stdin", "extra", "setup", "codes"),
    [case[1:] for case in CORPUS],
    ids=[case[0] for case in CORPUS],
)
def test_bad_input_is_one_line_never_an_internal_error(
    quizcli_home: Path,
    args: list[str],
    stdin: bytes,
    extra: dict[str, str],
    setup: Callable[[Path], object],
    codes: set[int],
) -> None:
    setup(quizcli_home)
    done = run(*args, stdin=stdin, env=extra)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode in codes, err
    assert "Traceback" not in err and "internal error" not in err
    if done.returncode:  # one line says what is wrong: on stderr, or check's verdict on stdout
        assert len(err.strip().splitlines()) <= 1, err
        assert err.strip() or done.stdout.strip()
    else:  # warnings only, one per skipped bank
        assert all(line.startswith("quizcli: warning: ") for line in err.splitlines())
    assert "\x1b" not in err
    assert not (quizcli_home / "logs" / "errors.log").exists()


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`quizcli export markdown out/ | true`: the reader is gone before the first line."""
    read, write = os.pipe()
    os.close(read)
    child = subprocess.run(
        command("export", "markdown", str(tmp_path / "out")),
        stdout=write,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    os.close(write)
    assert child.returncode == 141  # as a program killed by SIGPIPE, what shells expect
    assert child.stderr == b""
    assert sorted(p.name for p in (tmp_path / "out").iterdir())


@pytest.mark.parametrize("args", [["config"], ["stats"], ["show", "fx-why-nonlinear"]])
def test_a_closed_pipe_under_rich_output_ends_with_141(args: list[str]) -> None:
    """`quizcli stats | head -1`: Rich's own broken-pipe handling exited 1."""
    read, write = os.pipe()
    os.close(read)
    child = subprocess.run(command(*args), stdout=write, stderr=subprocess.PIPE, timeout=120)
    os.close(write)
    assert child.returncode == 141, child.stderr
    assert child.stderr == b""


def test_a_reader_that_stops_early_ends_quietly() -> None:
    """`quizcli list | head -1`, with more output than the pipe holds."""
    listing = subprocess.Popen(
        command("list", "--json"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert listing.stdout is not None and listing.stderr is not None
    first = listing.stdout.readline()
    listing.stdout.close()
    listing.wait(timeout=120)
    assert first.strip() == b"["
    assert listing.returncode in (0, 141)
    assert listing.stderr.read() == b""


@pytest.mark.parametrize(
    ("args", "closed"), [(["study", "--limit", "1"], "<&-"), (["list"], ">&-"), (["stats"], "2>&-")]
)
def test_a_closed_standard_stream_is_not_an_internal_error(
    quizcli_home: Path, args: list[str], closed: str
) -> None:
    shell = f'exec "$@" {closed}'
    done = subprocess.run(
        ["sh", "-c", shell, "sh", *command(*args)], capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert not (quizcli_home / "logs" / "errors.log").exists()


def test_export_refuses_to_overwrite_without_force(quizcli_home: Path, tmp_path: Path) -> None:
    deck = tmp_path / "deck.apkg"
    deck.write_bytes(b"the user's own file")
    done = run("export", "anki", str(deck))
    assert done.returncode == 1
    assert done.stderr.decode().strip() == (
        f"quizcli: {deck} exists; pass --force to replace it, or choose another path"
    )
    assert deck.read_bytes() == b"the user's own file"
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    (sheets / "pooling.md").write_text("mine")
    assert run("export", "markdown", str(sheets)).returncode == 1
    assert (sheets / "pooling.md").read_text() == "mine"
    assert run("export", "anki", "--force", str(deck)).returncode == 0
    assert deck.read_bytes()[:2] == b"PK"
    assert run("export", "markdown", "--force", str(sheets)).returncode == 0
    assert (sheets / "pooling.md").read_text() != "mine"


def test_export_never_replaces_quizcli_data(quizcli_home: Path) -> None:
    assert run("study", "--limit", "1", stdin=b"a\n3\n").returncode == 0
    database = quizcli_home / "quizcli.db"
    before = database.read_bytes()
    for target in (database, quizcli_home / "backups" / "x.db", quizcli_home / "logs"):
        done = run("export", "anki", "--force", str(target))
        assert done.returncode == 1
        assert "is quizcli's own data" in done.stderr.decode()
    assert database.read_bytes() == before


def test_data_files_are_private_and_exports_are_not(quizcli_home: Path, tmp_path: Path) -> None:
    previous = os.umask(0o022)  # the children inherit it: a usual umask, not a private one
    try:
        assert run("study", "--limit", "1", stdin=b"a\n3\n").returncode == 0
        deck = tmp_path / "deck.apkg"
        assert run("export", "anki", str(deck)).returncode == 0
    finally:
        os.umask(previous)
    made = [quizcli_home, *quizcli_home.rglob("*")]
    assert any(p.name == "quizcli.db" for p in made)
    for path in made:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode)}"
    assert stat.S_IMODE(deck.stat().st_mode) == 0o644


def test_the_error_log_keeps_under_a_megabyte_and_no_answers(tmp_path: Path) -> None:
    log = tmp_path / "logs" / "errors.log"
    secret = "σ(x)(1-σ(x)) my secret answer"
    for _ in range(4000):  # about 1.5 MB of entries
        try:
            raise ValueError(f"could not read {secret!r}")
        except ValueError as exc:
            errorlog.record(log, exc, {"check"}, ["quizcli", "check", "some-id", secret, "--json"])
    kept = list(log.parent.iterdir())
    assert {p.name for p in kept} == {"errors.log", "errors.log.1"}
    assert sum(p.stat().st_size for p in kept) <= 1024 * 1024
    text = "".join(p.read_text("utf-8") for p in kept)
    assert "my secret answer" not in text and "some-id" not in text
    assert "command: quizcli check --json" in text and "builtins.ValueError" in text


@pytest.fixture
def spawn() -> Iterator[Callable[..., pexpect.spawn]]:
    children: list[pexpect.spawn] = []

    def start(*args: str) -> pexpect.spawn:
        argv = command(*args)
        env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
        child = pexpect.spawn(
            argv[0], argv[1:], env=env, encoding="utf-8", timeout=20, preexec_fn=default_signals
        )
        children.append(child)
        return child

    yield start
    for child in children:
        if child.isalive():
            child.kill(signal.SIGKILL)


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_end_a_session_as_ctrl_c_does(
    spawn: Callable[..., pexpect.spawn], quizcli_home: Path, signum: int, code: int
) -> None:
    child = spawn("study", "--type", "numeric")
    child.expect(ANSWER)
    child.sendline("0.25")
    child.expect("rating> ")
    child.sendline("3")
    child.expect(ANSWER)
    child.sendline("0.3")
    child.expect("rating> ")
    child.kill(signum)
    if signum == signal.SIGTERM:
        child.expect("Interrupted; every answer above is saved.")
        child.expect("Answered 1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code
    with open_store() as store:
        assert [r.answer for r in store.reviews("fx-sigmoid-max-slope")] == ["0.25"]
    history = (quizcli_home / "answer_history").read_text("utf-8")
    assert history.split() == ["0.25", "0.3"]
