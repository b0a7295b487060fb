"""Loading banks: every problem named at its file:line, the cache, user banks."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizcli.bank import load_bank, yamlpos
from tests.conftest import FIXTURES

BAD = FIXTURES / "bad"


def problems(name: str) -> list[str]:
    """Problem lines with the directory part of the path removed."""
    bank = load_bank([BAD / name], use_cache=False)
    return [str(p).split("bad/", 1)[1] for p in bank.problems]


def test_fixture_bank_loads_every_question() -> None:
    bank = load_bank([FIXTURES / "bank"], use_cache=False)
    assert bank.problems == []
    assert bank.ids() == ["mini-concept", "mini-choice", "mini-numeric", "mini-derivation"]
    assert bank.origins["mini-choice"].line == 25


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("duplicate_id.yaml", "duplicate_id.yaml:13:5: twice: id: duplicate id; also defined at"),
        ("duplicate_key.yaml", "duplicate_key.yaml:7:5: dup-key: difficulty: duplicate key;"),
        ("syntax.yaml", "syntax.yaml:6:1: -: -: YAML syntax:"),
        ("missing_zh.yaml", "missing_zh.yaml:8:5: no-chinese: prompt.zh: is missing; add it"),
        ("unknown_key.yaml", "unknown_key.yaml:9:40: extra-key: answer.units: unknown key;"),
        (
            "comment_in_text.yaml",
            "comment_in_text.yaml:13:20: hash-in-source: sources[0]: text after ' #' is read as",
        ),
    ],
)
def test_each_problem_names_file_line_item_and_field(name: str, expected: str) -> None:
    found = problems(name)
    assert len(found) == 1
    assert found[0].startswith(expected)


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = (BAD / "missing_zh.yaml").read_text("utf-8")
    broken = text.replace("difficulty: 1", "difficulty: 7").replace("tags: [t]", "tags: [Bad Tag]")
    (tmp_path / "many.yaml").write_text(broken, "utf-8")
    fields = sorted(p.field for p in load_bank([tmp_path], use_cache=False).problems)
    assert fields == ["difficulty", "prompt.zh", "tags[0]"]


def test_a_bad_question_does_not_hide_the_good_ones(tmp_path: Path) -> None:
    good = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8")
    (tmp_path / "mixed.yaml").write_text(good.replace("difficulty: 2", "difficulty: high"), "utf-8")
    bank = load_bank([tmp_path], use_cache=False)
    assert [p.item for p in bank.problems] == ["mini-choice"]
    assert "mini-numeric" in bank.ids() and "mini-choice" not in bank.ids()


def test_wrong_format_version_is_named(tmp_path: Path) -> None:
    good = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8")
    (tmp_path / "v2.yaml").write_text(good.replace("format_version: 1", "format_version: 2"))
    (problem,) = load_bank([tmp_path], use_cache=False).problems
    assert (problem.line, problem.field) == (1, "format_version")
    assert "reads format_version: 1" in problem.message


def test_ids_clash_across_files_naming_both(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text((FIXTURES / "bank" / "mini.yaml").read_text("utf-8"))
    bank = load_bank([tmp_path], use_cache=False)
    assert len(bank.problems) == 4
    assert all(p.path.endswith("b.yaml") and "a.yaml:" in p.message for p in bank.problems)


def test_warm_start_reads_the_cache_not_the_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_bank([FIXTURES / "bank"])

    def no_yaml(text: str) -> yamlpos.Located:
        raise AssertionError("YAML parsed again on a warm start")

    monkeypatch.setattr(yamlpos, "load", no_yaml)
    second = load_bank([FIXTURES / "bank"])
    assert second.questions == first.questions
    assert second.origins == first.origins


def test_cache_is_keyed_on_content(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    text = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8")
    path.write_text(text, "utf-8")
    load_bank([tmp_path])
    path.write_text(text.replace("Max pooling", "Max-pooling layer"), "utf-8")
    choice = load_bank([tmp_path]).get("mini-choice")
    assert choice is not None and choice.answer.options[0].en == "Max-pooling layer"


def test_a_correct_letter_without_an_option_names_the_letters(tmp_path: Path) -> None:
    good = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8")
    (tmp_path / "e.yaml").write_text(good.replace("correct: [A, C]", "correct: [A, E]"), "utf-8")
    (problem,) = load_bank([tmp_path], use_cache=False).problems
    assert (problem.item, problem.field) == ("mini-choice", "answer")
    assert problem.message == "correct letter 'E' is not one of A, B, C"


def test_a_seed_note_is_no_source(tmp_path: Path) -> None:
    good = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8")
    cited = good.replace(
        'sources: ["PyTorch docs, MaxPool2d"]', "sources: [seed:000_b11d571f10fd2f32.txt]"
    )
    (tmp_path / "seed.yaml").write_text(cited, "utf-8")
    (problem,) = load_bank([tmp_path], use_cache=False).problems
    assert (problem.item, problem.field) == ("mini-numeric", "sources")
    assert "cite the paper, book or framework documentation" in problem.message
