"""Running a code answer: the user's file in a limited child process, against the reference.

Two children run `code_child.py` in scratch directories with `python -I`: one on the
bank's reference, one on the user's file. Each has a CPU-time limit (the real bound,
independent of machine load), an address-space limit, a file-size limit on what it
writes, one BLAS thread, no stdin, and a generous wall-clock timeout that only catches
code that sleeps or blocks. The parent compares their outputs, read with
`np.load(allow_pickle=False)` and JSON: nothing the child writes is unpickled or run.
Whatever the user's code does (raise, crash, loop, exhaust memory) becomes a report.
"""

from __future__ import annotations

import ast
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizcli.errors import NotFound, QuizcliError, UsageError
from quizcli.messages import both, msg, reason, say

if TYPE_CHECKING:
    from quizcli.kinds.code import CodeQuestion
    from quizcli.verdict import Verdict

CHILD = Path(__file__).with_name("code_child.py")
MEMORY_BYTES = 2 * 1024**3
OUTPUT_BYTES = 16 * 1024**2
WALL_FACTOR = 6.0
WALL_MINIMUM = 60.0
# Why a child run stopped, and what the child's guard refuses (code_child.Refused):
# the catalogue messages a verdict names them with.
STOPS = {name: f"code.stop_{name}" for name in ("cpu", "wall", "memory", "crash", "output")}
STOPS["refused"] = "code.refused"
ACTIONS = {
    name: f"code.action_{name}" for name in ("process", "network", "native", "write", "read")
}


@dataclass
class CaseReport:
    """One case: passed, or why not, with what went in and came out."""

    name: str
    passed: bool
    cause: str | None = None
    problem: tuple[str, str] | None = None
    inputs: list[str] = field(default_factory=list)
    expected: str = ""
    got: str = ""
    largest_difference: float | None = None
    trace: list[str] = field(default_factory=list)
    hint: tuple[str, str] | None = None
    run: bool = True


@dataclass
class Report:
    """A whole run: every case, or why the file could not be run at all."""

    cases: list[CaseReport] = field(default_factory=list)
    refused: tuple[str, str] | None = None
    trace: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.refused is None and bool(self.cases) and all(c.passed for c in self.cases)

    def first_failure(self) -> CaseReport | None:
        return next((c for c in self.cases if not c.passed and c.run), None)


def grade_file(question: CodeQuestion, path: Path) -> Verdict:
    """The session's verdict on the file at `path`; a file that cannot be read is invalid."""
    import time

    from quizcli.bank.model import Text
    from quizcli.verdict import Outcome, Verdict

    started = time.perf_counter()
    try:
        report = run_file(question, path)
    except NotFound as exc:
        en, zh = both("code.file_path", problem=exc.said or exc.message)
        return Verdict(Outcome.INVALID, str(path), Text(en=en, zh=zh), method="tests")
    except QuizcliError as exc:  # an untrusted or broken bank: say so, keep the session
        said = Text(en=exc.text("en"), zh=exc.text("zh"))
        return Verdict(Outcome.INVALID, str(path), said, "tests")
    outcome = Outcome.CORRECT if report.passed else Outcome.INCORRECT
    text = Text(en=describe(report, "en"), zh=describe(report, "zh"))
    ms = (time.perf_counter() - started) * 1000
    return Verdict(outcome, str(path), text, method="tests", ms=ms)


def run_file(question: CodeQuestion, path: Path) -> Report:
    """Run the user's file against the question's cases; NotFound if it cannot be read,
    UsageError if it is not UTF-8 or is still the stub (running it would say nothing)."""
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UsageError(msg("code.not_utf8", path=path)) from None
    except OSError as exc:
        raise NotFound(msg("code.cannot_read", path=path, reason=reason(exc))) from None
    if source.strip() == question.answer.stub.strip():
        raise UsageError(msg("code.still_stub", path=path, function=question.answer.function))
    ensure_trusted(question)
    refused = static_problem(source, str(path), question.answer.function, question.answer.forbid)
    if refused is not None:
        return Report(refused=refused[0], trace=refused[1])
    return run_source(question, path.resolve())


def run_source(question: CodeQuestion, user_file: Path) -> Report:
    """Both children, side by side, then the comparison."""
    answer = question.answer
    with tempfile.TemporaryDirectory(prefix="quizcli-code-") as scratch:
        root = Path(scratch)
        reference = root / "ref" / "reference.py"
        reference.parent.mkdir()
        reference.write_text(answer.reference, encoding="utf-8")
        ref = _Child(root / "ref", reference, question, forbid=[])
        user = _Child(root / "user", user_file, question, forbid=answer.forbid)
        ref.wait()
        user.wait()
        return _compare(question, ref, user)


def static_problem(
    source: str, filename: str, function: str, forbid: list[str]
) -> tuple[tuple[str, str], list[str]] | None:
    """A syntax error, a forbidden import or a missing function, found without running."""
    try:
        tree = ast.parse(source, filename)
    except SyntaxError as exc:
        where = f"line {exc.lineno}: {(exc.text or '').strip()}"
        return both("code.syntax", detail=exc.msg), [where]
    for node in ast.walk(tree):
        for name in _imported(node):
            banned = next((m for m in forbid if name == m or name.startswith(m + ".")), None)
            if banned is not None:
                line = getattr(node, "lineno", 0)
                return both("code.imports", line=line, name=name, banned=banned), []
    from quizcli.kinds.code import defined_functions

    if function not in defined_functions(source):
        return both("code.no_function", function=function), []
    return None


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module:
        return [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return []


class _Child:
    """One limited `python -I code_child.py` run, started at once."""

    def __init__(self, workdir: Path, file: Path, question: CodeQuestion, forbid: list[str]):
        workdir.mkdir(exist_ok=True)
        self.workdir = workdir
        self.cpu = question.answer.cpu_seconds
        self.wall = max(WALL_MINIMUM, WALL_FACTOR * self.cpu)
        job = {
            "file": str(file),
            "function": question.answer.function,
            "cases": question.answer.cases,
            "forbid": forbid,
            "limits": {
                "cpu": int(self.cpu + 0.999),
                "memory": MEMORY_BYTES,
                "output": OUTPUT_BYTES,
            },
        }
        (workdir / "job.json").write_text(json.dumps(job), encoding="utf-8")
        self.stdout = (workdir / "stdout.txt").open("wb")
        self.stderr = (workdir / "stderr.txt").open("wb")
        self.stop: str | None = None
        self.process = subprocess.Popen(
            [sys.executable, "-I", str(CHILD), "job.json"],
            cwd=workdir,
            stdin=subprocess.DEVNULL,
            stdout=self.stdout,
            stderr=self.stderr,
            env=_child_env(workdir),
            start_new_session=True,
        )

    def wait(self) -> None:
        try:
            code = self.process.wait(timeout=self.wall)
        except subprocess.TimeoutExpired:
            self._kill()
            self.process.wait()
            self.stop = "wall"
            return
        finally:
            self.stdout.close()
            self.stderr.close()
        if code < 0 and -code in (signal.SIGXCPU, signal.SIGKILL):
            self.stop = "cpu"
        elif code != 0:
            self.stop = "crash"

    def _kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except OSError:
            self.process.kill()

    def events(self) -> list[dict[str, Any]]:
        try:
            lines = (self.workdir / "report.jsonl").read_text("utf-8").splitlines()
        except OSError:
            return []
        events = []
        for line in lines:
            try:
                events.append(json.loads(line))
            except ValueError:
                break
        return events

    def crash_detail(self) -> str:
        code = self.process.returncode
        try:
            tail = (self.workdir / "stderr.txt").read_bytes()[-2000:].decode("utf-8", "replace")
        except OSError:
            tail = ""
        last = [line for line in tail.splitlines() if line.strip()][-1:] or [f"exit {code}"]
        if code is not None and code < 0:
            return f"signal {signal.Signals(-code).name}"
        return last[0].strip()

    def output(self, index: int) -> dict[str, Any]:
        import numpy as np

        path = self.workdir / f"out-{index}.npz"
        with np.load(path, allow_pickle=False) as data:
            return {key: data[key] for key in data.files}


def _child_env(workdir: Path) -> dict[str, str]:
    env = {
        "HOME": str(workdir),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LC_ALL": "C.UTF-8",
    }
    for name in (
        "OPENBLAS_NUM_THREADS",
        "OMP_NUM_THREADS",
        "MKL_NUM_THREADS",
        "NUMEXPR_NUM_THREADS",
    ):
        env[name] = "1"
    return env


def _compare(question: CodeQuestion, ref: _Child, user: _Child) -> Report:
    ref_events = ref.events()
    if ref.stop or not ref_events or ref_events[0].get("event") != "cases":
        detail = ref.crash_detail()
        raise QuizcliError(msg("code.bank_broken", id=question.id, detail=detail))
    metas: list[dict[str, Any]] = ref_events[0]["cases"]
    expected = {e["index"]: e for e in ref_events if e.get("event") == "case"}
    for index, entry in expected.items():
        if "error" in entry:
            error = entry["error"]
            detail = f"{error['type']}: {error['message']}"
            case = metas[index]["name"]
            raise QuizcliError(
                msg("code.reference_fails", id=question.id, case=case, detail=detail)
            )
    got = {e["index"]: e for e in user.events() if e.get("event") == "case"}
    report = Report()
    load = next((e for e in user.events() if e.get("event") == "load"), None)
    if load is not None:
        report.refused, report.trace = _load_problem(load["error"], question.answer.function)
        return report
    from quizcli.kinds import code_compare

    stopped = False
    for index, meta in enumerate(metas):
        if index in got:
            case = code_compare.judge(
                meta, expected[index], got[index], ref.output(index), _maybe(user, index), question
            )
        elif not stopped:
            case = _stopped(meta, user)
            case.inputs = list(expected[index].get("inputs", []))
            stopped = True
        else:
            case = CaseReport(meta["name"], passed=False, run=False)
        report.cases.append(case)
    return report


def _maybe(user: _Child, index: int) -> dict[str, Any] | None:
    try:
        return user.output(index)
    except (OSError, ValueError):
        return None


def _stopped(meta: dict[str, Any], user: _Child) -> CaseReport:
    reason = user.stop or "crash"
    seconds = f"{user.cpu if reason == 'cpu' else user.wall:g}"
    values = {"seconds": seconds, "detail": user.crash_detail(), "mib": MEMORY_BYTES // 2**20}
    return CaseReport(meta["name"], False, problem=both(STOPS[reason], **values))


def guarded(error: dict[str, Any]) -> tuple[str, str] | None:
    """The verdict for what the child's limits stopped: a refused action or too much output."""
    if error["type"] == "output":
        return both(STOPS["output"], mib=OUTPUT_BYTES // 2**20)
    if error["type"] == "refused" and error["message"] in ACTIONS:
        action = msg(ACTIONS[error["message"]], path=error.get("path", ""))
        return both(STOPS["refused"], action=action)
    return None


def _load_problem(error: dict[str, Any], function: str) -> tuple[tuple[str, str], list[str]]:
    if error["type"] == "missing":
        return both("code.missing_function", function=function), []
    stopped = guarded(error)
    if stopped is not None:
        return stopped, error["trace"]
    message = f"{error['type']}: {error['message']}"
    return both("code.fails_to_load", message=message), error["trace"]


def describe(report: Report, lang: str) -> str:
    """The report as the terminal shows it: every case, then the first failure in detail."""
    zh = lang == "zh"
    if report.refused is not None:
        return "\n".join([report.refused[zh], *(f"  {line}" for line in report.trace)])
    lines = []
    for case in report.cases:
        mark = "✓" if case.passed else ("·" if not case.run else "✗")
        lines.append(f"{mark} {case.name}" + ("" if case.run else say("code.not_run", lang)))
    failure = report.first_failure()
    if failure is not None:
        lines.append("")
        lines.extend(_failure_lines(failure, lang))
    passed = sum(c.passed for c in report.cases)
    total = len(report.cases)
    lines.append(say("code.passed", lang, passed=passed, total=total))
    return "\n".join(lines)


def _failure_lines(case: CaseReport, lang: str) -> list[str]:
    zh = lang == "zh"

    def line(key: str, value: str) -> str:
        return f"  {say(key, lang)}{say('colon', lang)}{value}"

    lines = [say("code.first_failing", lang, name=case.name)]
    if case.inputs:
        lines.append(line("code.inputs", ", ".join(case.inputs)))
    if case.expected:
        lines.append(line("code.expected", case.expected))
    if case.got:
        lines.append(line("code.got", case.got))
    if case.largest_difference is not None:
        lines.append(line("code.largest_difference", f"{case.largest_difference:.3g}"))
    if case.problem is not None:
        lines.append(line("code.cause", case.problem[zh]))
    lines.extend(f"    {trace}" for trace in case.trace)
    if case.hint is not None:
        lines.append(line("code.hint", case.hint[zh]))
    return lines


def ensure_trusted(question: CodeQuestion) -> None:
    """Bank code runs only from the bundled banks or a bank the user trusted by path."""
    from quizcli import env
    from quizcli.bank import load_bank
    from quizcli.kinds.trust import trusted_paths

    for source in [env.bundled_banks_dir(), *trusted_paths()]:
        if not source.exists():
            continue
        if load_bank([source]).get(question.id) == question:
            return
    raise QuizcliError(msg("code.untrusted", id=question.id))


def as_json(question_id: str, report: Report) -> dict[str, Any]:
    """The stable shape of `quizcli code --json`."""
    return {
        "id": question_id,
        "verdict": "correct" if report.passed else "incorrect",
        "refused": report.refused[0] if report.refused else None,
        "trace": report.trace,
        "cases": [
            {
                "name": c.name,
                "passed": c.passed,
                "run": c.run,
                "cause": c.cause,
                "message": c.problem[0] if c.problem else None,
                "inputs": c.inputs,
                "expected": c.expected,
                "got": c.got,
                "largest_difference": _finite(c.largest_difference),
                "trace": c.trace,
            }
            for c in report.cases
        ],
    }


def _finite(value: float | None) -> float | None:
    """JSON has no NaN or infinity: a difference that is not a number (nan or inf came out)
    is null, and `got` shows what came out."""
    return value if value is not None and math.isfinite(value) else None


def verify(question: CodeQuestion) -> list[str]:
    """What is wrong with a code question's own answer, for CI over trusted banks: the
    reference must pass every case, and each listed mistake must first fail at `fails`,
    naming `cause` when one is given. Empty when all holds."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="quizcli-verify-") as scratch:
        attempts = [("reference", question.answer.reference, None, None)] + [
            (f"mistakes[{i}]", m.code, m.fails, m.cause)
            for i, m in enumerate(question.answer.mistakes)
        ]
        for label, source, fails, cause in attempts:
            path = Path(scratch) / f"{label.replace('[', '_').replace(']', '')}.py"
            path.write_text(source, encoding="utf-8")
            report = run_source(question, path)
            failure = report.first_failure()
            if fails is None:
                if not report.passed:
                    problems.append(f"{question.id}: the reference fails: {describe(report, 'en')}")
                continue
            if failure is None or failure.name != fails:
                seen = "passes every case" if failure is None else f"first fails {failure.name!r}"
                problems.append(f"{question.id}: {label} {seen}, not {fails!r}")
            elif cause is not None and failure.cause != cause:
                named = f"naming {failure.cause!r}, not {cause!r}"
                problems.append(f"{question.id}: {label} fails {fails!r} {named}")
    return problems
