"""Running a code answer: wall time of one `quizcli code` verdict, and what each child costs.

Runs the fixture bank's fx-softmax against a correct file, a naive one and an infinite loop
(bounded by the question's CPU limit), and prints the median wall time of each over a few
runs. The runner starts two `python -I` children side by side (reference and user), so the
figure is dominated by starting Python and importing numpy.

    python bench/code_run.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from quizcli.bank import load_bank
from quizcli.kinds.code import CodeQuestion
from quizcli.kinds.code_runner import run_source

BANK = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "code"
FILES = {
    "correct": (
        "import numpy as np\n\ndef softmax(z, axis=-1):\n"
        "    e = np.exp(z - z.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n"
    ),
    "naive (fails, overflow)": (
        "import numpy as np\n\ndef softmax(z, axis=-1):\n"
        "    return np.exp(z) / np.exp(z).sum(axis=axis, keepdims=True)\n"
    ),
    "infinite loop (CPU limit 3 s)": "def softmax(z, axis=-1):\n    while True:\n        pass\n",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    question = load_bank([BANK], use_cache=False).get("fx-softmax")
    assert isinstance(question, CodeQuestion)
    with tempfile.TemporaryDirectory() as scratch:
        for label, source in FILES.items():
            path = Path(scratch) / "answer.py"
            path.write_text(source, encoding="utf-8")
            runs = 1 if "loop" in label else args.runs
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                report = run_source(question, path)
                times.append(time.perf_counter() - started)
            verdict = "passed" if report.passed else "failed"
            print(f"{label:32} {verdict:7} median {statistics.median(times) * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
