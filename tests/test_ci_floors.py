"""CI installs the floors pyproject.toml declares: .ci/floors.py reads them, one source of truth."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / ".ci" / "floors.py"


def floors(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(FLOORS), *args], input=stdin, capture_output=True, text=True
    )


def test_every_requirement_is_pinned_to_its_floor() -> None:
    done = floors(str(ROOT / "pyproject.toml"))
    assert done.returncode == 0, done.stderr
    pins = dict(line.split("==") for line in done.stdout.splitlines()[1:])
    declared = (ROOT / "pyproject.toml").read_text("utf-8")
    for name, low in pins.items():
        assert f'"{name}>={low}' in declared
    assert {"typer", "click", "sympy", "fsrs", "pytest", "pexpect", "hypothesis"} <= set(pins)


def test_a_requirement_without_a_floor_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "pyproject.toml"
    project.write_text('[project]\nname = "x"\ndependencies = ["rich>=13", "typer"]\n')
    done = floors(str(project))
    assert done.returncode == 1 and "'typer' needs exactly one '>=' floor" in done.stderr


def test_check_names_what_pip_installed_above_a_floor(tmp_path: Path) -> None:
    project = tmp_path / "pyproject.toml"
    project.write_text('[project]\nname = "x"\ndependencies = ["rich>=13.7", "PyYAML>=6.0"]\n')
    assert floors("--check", str(project), stdin="rich==13.7.0\npyyaml==6.0\n").returncode == 0
    done = floors("--check", str(project), stdin="rich==14.0.0\nPyYAML==6.0\n")
    assert done.returncode == 1
    assert done.stderr.strip() == "floors: not at its floor: rich 14.0.0 (floor 13.7)"
