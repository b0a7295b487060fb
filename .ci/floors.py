"""Pin every dependency of pyproject.toml to its declared floor, and check an install did.

One source of truth: the floors CI installs are read from pyproject.toml, so they cannot drift.
    python .ci/floors.py > constraints.txt          # `name==floor` for every requirement
    pip freeze | python .ci/floors.py --check       # fails naming any package above its floor
Every requirement (runtime and every extra) must declare one `>=` floor; one that does not is
an error, since "the lowest version that works" is then unknown.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pip carries the same parser
    from pip._vendor import tomli as tomllib

REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def release(version: str) -> list[str]:
    """PEP 440 equality pads with zeros: 6.0 == 6.0.0, so compare without trailing zeros."""
    parts = version.split(".")
    while parts and parts[-1] == "0":
        parts.pop()
    return parts


def floors(pyproject: Path) -> dict[str, tuple[str, str]]:
    """{normalised name: (name, floor)} for every requirement, runtime and extras."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    found = {}
    for requirement in requirements:
        match = REQUIREMENT.match(requirement.split(";")[0])
        lows = re.findall(r">=\s*([^,\s]+)", match.group(2)) if match else []
        if not match or len(lows) != 1:
            sys.exit(f"floors: {requirement!r} needs exactly one '>=' floor in {pyproject}")
        found[normal(match.group(1))] = (match.group(1), lows[0])
    return found


def check(wanted: dict[str, tuple[str, str]], freeze: list[str]) -> int:
    installed = dict(
        (normal(n), v) for n, _, v in (line.strip().partition("==") for line in freeze) if v
    )
    wrong = [
        f"{name} {installed.get(key, 'missing')} (floor {low})"
        for key, (name, low) in sorted(wanted.items())
        if key not in installed or release(installed[key]) != release(low)
    ]
    for line in wrong:
        print(f"floors: not at its floor: {line}", file=sys.stderr)
    return 1 if wrong else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pyproject", nargs="?", type=Path, default=Path("pyproject.toml"))
    parser.add_argument("--check", action="store_true", help="read `pip freeze` on stdin")
    args = parser.parse_args()
    wanted = floors(args.pyproject)
    if args.check:
        sys.exit(check(wanted, sys.stdin.read().splitlines()))
    print(f"# generated from {args.pyproject.name} by .ci/floors.py: every dependency at its floor")
    for name, low in sorted(wanted.values(), key=lambda pair: pair[0].lower()):
        print(f"{name}=={low}")


if __name__ == "__main__":
    main()
