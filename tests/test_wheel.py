"""The wheel carries the banks: installed outside the checkout, `quizcli list` sees them all."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

from quizcli import env
from quizcli.bank import load_bank

ROOT = Path(__file__).resolve().parent.parent


def test_installed_wheel_lists_every_bundled_question(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        timeout=300,
    )
    (wheel,) = dist.glob("quizcli-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    banks = sorted(n for n in names if n.startswith("quizcli/questions/") and n.endswith(".yaml"))
    assert banks == sorted(
        f"quizcli/questions/{p.name}" for p in (ROOT / "questions").glob("*.yaml")
    )
    assert "quizcli/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)

    # A fresh venv that borrows this environment's dependencies but not its quizcli.
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    home = tmp_path / "home"
    run_env = {"PATH": "/usr/bin:/bin", "QUIZCLI_HOME": str(home), "QUIZCLI_LANG": "en"}
    where = subprocess.run(
        [str(python), "-c", "import quizcli; print(quizcli.__file__)"],
        capture_output=True,
        text=True,
        cwd="/",
        env=run_env,
        check=True,
    ).stdout
    assert where.startswith(site)
    listed = subprocess.run(
        [str(target / "bin" / "quizcli"), "list", "--json"],
        capture_output=True,
        text=True,
        cwd="/",
        env=run_env,
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    expected = load_bank([env.bundled_banks_dir()], use_cache=False)
    assert [r["id"] for r in rows] == [q.id for q in expected.questions]


def test_sdist_holds_what_a_packager_needs(tmp_path: Path) -> None:
    """A packager rebuilds from the sdist: docs, licence, tests and the CI script are in it."""
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "-q", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (sdist,) = tmp_path.glob("quizcli-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for wanted in ("LICENSE", "README.md", "CHANGELOG.md", "CONTRIBUTING.md", ".ci/run"):
        assert wanted in names
    assert "quizcli/py.typed" in names
    assert any(n.startswith("tests/") for n in names)
    assert {f"questions/{p.name}" for p in (ROOT / "questions").glob("*.yaml")} <= names
