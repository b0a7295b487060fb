"""Browsing stays cheap: no sympy or numpy unless a formula must be rendered."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES

HEAVY = ("sympy", "numpy", "fsrs", "sqlite3")
LIBRARIES = (*HEAVY, "genanki", "pydantic", "yaml", "rich")
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-79]|4[0-79]|9[0-7]|10[0-7]|38;5|38;2)[;m]")
PROBE = """
import sys
from quizcli.cli import main
sys.argv = ["quizcli", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("LOADED=" + ",".join(sorted(sys.modules)), file=sys.stderr)
"""

BARE_TYPER = """
import sys
import typer
app = typer.Typer()
app.command("one")(lambda: None)
app.command("two")(lambda: None)
sys.argv = ["bare", *sys.argv[1:]]
try:
    app()
except SystemExit:
    pass
print("LOADED=" + ",".join(sorted(sys.modules)), file=sys.stderr)
"""


def loaded_modules(*args: str, watch: tuple[str, ...] = HEAVY, probe: str = PROBE) -> list[str]:
    """Which of the `watch` modules running quizcli (or `probe`) with `args` imported."""
    done = subprocess.run(
        [sys.executable, "-c", probe, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "QUIZCLI_LANG": "en"},
        timeout=60,
    )
    line = [x for x in done.stderr.splitlines() if x.startswith("LOADED=")][-1]
    return sorted(set(line.removeprefix("LOADED=").split(",")) & set(watch))


def test_help_imports_nothing_a_bare_typer_app_does_not() -> None:
    """Typer itself loads rich for --help before 0.17 (our floor): only what it adds counts."""
    bare = loaded_modules("--help", watch=LIBRARIES, probe=BARE_TYPER)
    assert set(loaded_modules("--help", watch=LIBRARIES)) - set(bare) == set()
    assert set(bare) <= {"rich"}


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--help"],
        ["--bank", str(FIXTURES / "bank"), "list"],
        ["--bank", str(FIXTURES / "bank"), "show", "mini-concept", "--answer"],
        ["--bank", str(FIXTURES / "bank"), "show", "mini-derivation", "--answer"],
        ["--bank", str(FIXTURES / "bank"), "--ascii", "show", "mini-derivation", "--answer"],
        ["--bank", str(FIXTURES / "bank"), "search", "pooling"],
    ],
)
def test_browsing_imports_no_heavy_module(args: list[str]) -> None:
    assert loaded_modules(*args, watch=(*HEAVY, "genanki")) == []


def test_no_color_means_no_escape_codes() -> None:
    base = {**os.environ, "FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "80"}
    base.pop("NO_COLOR", None)
    command = [sys.executable, "-m", "quizcli", "--bank", str(FIXTURES / "bank"), "list"]
    coloured = subprocess.run(command, capture_output=True, text=True, env=base, timeout=60)
    plain = subprocess.run(
        command, capture_output=True, text=True, env={**base, "NO_COLOR": "1"}, timeout=60
    )
    assert COLOUR.search(coloured.stdout)
    assert not COLOUR.search(plain.stdout) and "mini-concept" in plain.stdout


def test_locale_picks_chinese_when_nothing_else_is_set() -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in ("QUIZCLI_LANG", "LC_ALL", "LC_MESSAGES")
    }
    env["LANG"] = "zh_CN.UTF-8"
    command = [
        sys.executable,
        "-m",
        "quizcli",
        "--bank",
        str(FIXTURES / "bank"),
        "show",
        "mini-choice",
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert "哪些层没有可学习参数" in done.stdout
    listing = subprocess.run(
        [*command[:5], "list", "--json"], capture_output=True, text=True, env=env, timeout=60
    )
    assert json.loads(listing.stdout)[0]["id"]
