"""The Chinese interface: one catalogue, complete, and every command speaking it under --lang zh.

The walk runs each command (and the main error paths) as a user would, with the fixture
banks, and looks in everything printed for English that is not ours to translate.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from quizcli import env
from quizcli.cli import app
from quizcli.messages import CATALOGUE, say
from tests.conftest import FIXTURES

BANKS = (FIXTURES / "session", FIXTURES / "figure", FIXTURES / "code")
CODE = str(BANKS[2])
NAIVE_SOFTMAX = """import numpy as np


def softmax(z, axis=-1):
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)
"""
CJK = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z]{2,}")
# Two or more English words in a row, separated by spaces: a sentence or a label left in English.
RUN = re.compile(r"[A-Za-z][A-Za-z']+(?:[ ]+[A-Za-z][A-Za-z']+)+")
# What may stay as written inside Chinese text: what the user types or copies, and names.
EXEMPT = [
    re.compile(r"`[^`]*`"),  # code and commands
    re.compile(r"quizcli(?: +[-\w<>./=|]+)*"),  # a command line to type
    re.compile(r"--[\w-]+(?:[ =][\w-]+)?"),  # options, with their value
    re.compile(r"\S*[/\\]\S*"),  # paths
    re.compile(r"\b[\w-]+\.(?:ya?ml|md|apkg|db|log|json)\b"),  # file names
    re.compile(r"'[^'\n]*'"),  # quoted input: ids, values, names
    re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b"),  # question ids and other kebab-case slugs
    re.compile(r"\b\w+_\w+\b"),  # setting keys and identifiers
    re.compile(r"\b[A-Z]{2,}(?:[ <>]+[A-Z]{2,})*\b"),  # ID ANSWER, FILE, UTC, FSRS, YAML
]
# Names and values quizcli shows as they are (language codes, rating keys, setting values).
NAMES = {"en", "zh", "on", "off", "none", "suspend", "tag", "true", "false", "SQLite", "PyYAML"}


def content(paths: tuple[Path, ...]) -> list[str]:
    """Every string in the fixture banks: question text, sources, tags and formulas are the
    bank's, shown as written (a source cites an English paper), not the interface's."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            found.append(node)

    for folder in paths:
        for file in sorted(folder.glob("*.yaml")):
            walk(yaml.safe_load(file.read_text("utf-8")))
    return found


CONTENT = content(BANKS)


def untranslated(text: str) -> list[str]:
    """Runs of two or more English words that are neither exempt nor bank content."""
    for pattern in EXEMPT:
        text = pattern.sub(" ", text)
    runs = []
    for line in text.splitlines():
        for run in RUN.findall(line):
            words = [w for w in run.split() if w not in NAMES]
            if len(words) >= 2 and not any(run in piece for piece in CONTENT):
                runs.append(run)
    return runs


runner = CliRunner()


@pytest.fixture
def fixture_banks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: BANKS[0])
    monkeypatch.setenv("QUIZCLI_NOW", "2026-03-10T12:00:00+00:00")
    monkeypatch.setenv("COLUMNS", "400")  # no wrapping: a source or path stays whole


def run(lang: str, *args: str, input: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["--lang", lang, "--bank", str(BANKS[1]), *args], input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + result.stderr


def walk(lang: str, tmp_path: Path) -> list[tuple[tuple[str, ...], int, str]]:
    """Every command, and the error paths a user meets, in a fresh data dir."""
    naive = tmp_path / "softmax.py"
    naive.write_text(NAIVE_SOFTMAX, encoding="utf-8")
    steps: list[tuple[tuple[str, ...], str | None]] = [
        (("history", "fx-why-nonlinear"), None),  # no answers yet
        (("doctor",), None),  # no database yet
        (("list",), None),
        (("list", "--topic", "pooling", "--type", "numeric"), None),
        (("search", "池化"), None),
        (("search", "nothing-like-this"), None),
        (("show", "fx-gelu-models", "--answer"), None),
        (("show", "fx-pool-params", "--answer"), None),
        (("show", "fx-sigmoid-derivative", "--answer"), None),
        (("show", "fx-figure-curve", "--plot"), None),
        (("show", "fx-why-nonlinear", "--plot"), None),  # nothing to plot
        (("plot", "relu", "--derivative"), None),
        (("check", "fx-sigmoid-derivative", "sigmoid(x)*(1-sigmoid(x))"), None),
        (("check", "fx-sigmoid-derivative", "sigmoid(x)"), None),
        (("check", "fx-sigmoid-derivative", "y = sigmoid(x)*(1 - sigmoid(x))"), None),
        (("check", "fx-sigmoid-derivative", "sigmoid(x"), None),
        (("check", "fx-why-nonlinear", "x"), None),  # not a derivation
        (("drill", "fx-why-nonlinear", "fx-pool-params", "fx-gelu-models"), "x\n3\n7\n\n?\nA\n1\n"),
        (("study", "--new", "2"), "\n3\n0.25\n\n"),
        (("mock", "--count", "2"), "\n\n\n\n"),
        (("stats",), None),
        (("history", "fx-why-nonlinear"), None),
        (("suspend", "fx-pool-params"), None),
        (("unsuspend", "fx-pool-params"), None),
        (("bury", "fx-pool-params"), None),
        (("undo",), None),
        (("forget", "fx-why-nonlinear"), None),
        (("doctor",), None),
        (("orphans",), None),
        (("config",), None),
        (("config", "new_per_day", "5"), None),
        (("config", "lang"), None),
        (("export", "markdown", str(tmp_path / "sheets"), "--lang", lang), None),
        (("--bank", CODE, "code", "fx-softmax", "--file", str(naive)), None),  # not trusted
        (("config", "trust_bank", CODE), None),
        (("--bank", CODE, "code", "fx-softmax", "--file", str(naive)), None),  # overflows
        (("--bank", CODE, "code", "fx-softmax", "--file", str(tmp_path / "none.py")), None),
        (("code", "fx-why-nonlinear"), None),
        (("sync", str(tmp_path / "nowhere")), None),
        (("sync", str(tmp_path)), None),
        (("history", "export", str(tmp_path / "all.jsonl")), None),
        (("history", "import", str(tmp_path / "all.jsonl")), None),
        (("history", "import"), None),
        (("history", "import", str(tmp_path / "none.jsonl")), None),
        # Error paths: unknown id, bad option values, missing history, lint problems.
        (("show", "fx-nope"), None),
        (("show", "fx-why-nonlinar"), None),
        (("history", "fx-never-was"), None),
        (("list", "--difficulty", "9"), None),
        (("list", "--topic", "poolng"), None),
        (("list", "--tag", "nothing"), None),
        (("list", "--nope"), None),
        (("lisst",), None),
        (("show",), None),
        (("plot", "reluu"), None),
        (("config", "colour", "red"), None),
        (("config", "desired_retention", "2"), None),
        (("config", "interview_date", "soon"), None),
        (("config", "lang", "fr"), None),
        (("lint", str(FIXTURES / "bad"), str(FIXTURES / "hostile")), None),
        (("lint", str(BANKS[0]), "--stats"), None),
        (("export", "markdown", str(tmp_path / "sheets"), "--lang", lang), None),  # exists
    ]
    return [(args, *run(lang, *args, input=given)) for args, given in steps]


@pytest.mark.usefixtures("fixture_banks")
def test_every_command_speaks_chinese(tmp_path: Path) -> None:
    said = walk("zh", tmp_path)
    leftovers = [(" ".join(args), untranslated(out)) for args, _, out in said]
    assert [(args, runs) for args, runs in leftovers if runs] == []
    # The walk reached what it meant to: answers were recorded, errors were errors.
    codes = {" ".join(args): code for args, code, _ in said}
    assert codes["history fx-never-was"] == 1
    assert codes["list --difficulty 9"] == 2
    assert codes[f"lint {FIXTURES / 'bad'} {FIXTURES / 'hostile'}"] == 1
    histories = [out for args, _, out in said if args == ("history", "fx-why-nonlinear")]
    assert "还没有作答记录" in histories[0] and "练习" in histories[1]
    # Only data is printed without a word of Chinese: a chart, a setting, the files written.
    bare = {" ".join(args[:2]) for args, _, out in said if not CJK.search(out)}
    overflow = [out for args, _, out in said if args[-1].endswith("softmax.py")][-1]
    assert "溢出" in overflow and "失败用例" in overflow
    assert bare == {"plot relu", "config new_per_day", "export markdown"}


@pytest.mark.usefixtures("fixture_banks")
def test_the_same_walk_in_english_is_caught(tmp_path: Path) -> None:
    """The check finds English where English is printed: it can fail."""
    said = walk("en", tmp_path)
    caught = [args for args, _, out in said if untranslated(out)]
    assert len(caught) >= len(said) * 3 // 4


@pytest.mark.usefixtures("fixture_banks")
def test_the_must_show_commands_print_no_english(tmp_path: Path) -> None:
    """Issue 14: `quizcli --lang zh history ID`, `doctor`, `config`, `lint`."""
    run("zh", "drill", "fx-pool-params", input="0\n\n")
    for args in (("history", "fx-pool-params"), ("doctor",), ("config",), ("lint",)):
        code, out = run("zh", *args)
        assert code == 0, out
        assert CJK.search(out), args
        assert untranslated(out) == [], args


def fields(text: str) -> set[tuple[str, str]]:
    """The format fields with their specs: {known:.0f} must be {known:.0f} in both."""
    return {(name, spec or "") for _, name, spec, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_entry_has_both_languages_with_the_same_fields(key: str) -> None:
    en, zh = CATALOGUE[key]
    assert en.strip() and zh.strip()
    assert fields(en) == fields(zh)
    words = WORD.findall(re.sub(r"\{[^{}]*\}", "", en))
    if any(w.lower() not in NAMES for w in words):
        assert CJK.search(zh), f"{key}: the Chinese is not Chinese"


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    source = Path(__file__).parent.parent / "quizcli"
    named = set()
    for file in source.rglob("*.py"):
        named |= set(re.findall(r"\b(?:say|msg)\(\s*\"([a-z][\w.-]+)\"", file.read_text("utf-8")))
    assert named - set(CATALOGUE) == set()
    assert len(named) > 100


def test_say_fills_fields_in_the_language_asked() -> None:
    assert say("unit.days", "zh", n=9) == "9天"
    assert say("unit.minutes", "zh", n=10) == "10分钟"
    assert say("unit.days", "en", n=9) == "9d"


def test_the_language_comes_from_the_flag_then_the_environment_then_config_then_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("QUIZCLI_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")

    def doctor(*options: str) -> str:
        result = runner.invoke(app, [*options, "doctor"])
        assert result.exit_code == 0, result.output
        return "zh" if CJK.search(result.stdout) else "en"

    assert doctor() == "en"
    assert runner.invoke(app, ["config", "lang", "zh"]).stdout.strip() == "lang = zh"
    assert doctor() == "zh"  # kept for later commands
    assert doctor("--lang", "en") == "en"
    monkeypatch.setenv("QUIZCLI_LANG", "en")
    assert doctor() == "en"
    assert doctor("--lang", "zh") == "zh"
    monkeypatch.delenv("QUIZCLI_LANG")
    forgotten = runner.invoke(app, ["config", "lang", "none"]).stdout
    assert forgotten.strip() == "lang = none (the locale's: en)"  # said in the new language
    assert doctor() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert doctor() == "zh"
