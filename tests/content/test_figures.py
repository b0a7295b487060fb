"""Read-the-plot and find-the-bug questions: the data drawn is the data generated in
`figures.py`, what each question says about its plot is true of that data, and every
find-the-bug snippet is numbered, the same in both languages, with a reason per option."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from quizcli import env
from quizcli.bank import load_bank
from quizcli.bank.model import Figure
from quizcli.kinds.choice import ChoiceQuestion
from quizcli.kinds.numeric import NumericQuestion
from tests.content.figures import FIGURES, chart_row

BANK = load_bank([env.bundled_banks_dir()], use_cache=False)
WITH_FIGURE = {q.id: q for q in BANK.questions if q.figure is not None}
FIND_THE_BUG = [q for q in BANK.questions if "find-the-bug" in q.tags]
CODE = re.compile(r"```\n(.*?)\n```", re.S)


def figure(question_id: str) -> Figure:
    found = WITH_FIGURE[question_id].figure
    assert found is not None
    return found


def series(question_id: str, index: int) -> tuple[np.ndarray, np.ndarray]:
    points = figure(question_id).series[index].points
    assert points is not None
    xs, ys = np.array(points).T
    return xs, ys


def test_the_bank_has_the_promised_kinds() -> None:
    assert len(WITH_FIGURE) >= 10
    assert len(FIND_THE_BUG) >= 25


@pytest.mark.parametrize("question_id", sorted(FIGURES))
def test_plotted_points_are_the_generated_ones(question_id: str) -> None:
    generated = list(FIGURES[question_id]().values())
    plotted = [s.points for s in figure(question_id).series]
    assert len(plotted) == len(generated)
    for drawn, made in zip(plotted, generated, strict=True):
        assert drawn is not None
        assert np.allclose(np.array(drawn), np.array(made), rtol=0, atol=1e-9)


def test_every_figure_of_points_has_a_generator() -> None:
    with_points = {
        qid for qid, q in WITH_FIGURE.items() if any(s.points for s in figure(qid).series)
    }
    assert with_points == set(FIGURES)


def correct_text(question_id: str) -> str:
    question = WITH_FIGURE[question_id]
    assert isinstance(question, ChoiceQuestion)
    (letter,) = question.answer.correct
    return question.answer.options[question.answer.letters.index(letter)].en


def test_only_the_run_named_in_the_answer_diverges() -> None:
    assert "0.21" in correct_text("plot-gd-lr-divergence")
    for index, rising in enumerate([False, False, True]):
        _, loss = series("plot-gd-lr-divergence", index)
        assert bool(np.all(np.diff(loss) > 0)) == rising
        assert bool(np.all(np.diff(loss) <= 0)) != rising
    assert 0.15 < 2 / 10 < 0.21  # the stable range η < 2/f'' separates the runs


def test_early_stopping_keeps_the_validation_minimum() -> None:
    epochs, validation = series("plot-overfitting-early-stop", 1)
    best = int(epochs[np.argmin(validation)])
    assert correct_text("plot-overfitting-early-stop") == f"Epoch {best}"
    _, train = series("plot-overfitting-early-stop", 0)
    assert np.all(np.diff(train) <= 0)


def test_the_dead_fraction_is_the_height_at_zero() -> None:
    xs, share = series("plot-dead-relu-firing-histogram", 0)
    question = WITH_FIGURE["plot-dead-relu-firing-histogram"]
    assert isinstance(question, NumericQuestion)
    assert xs[0] == 0 and share[0] == question.answer.value
    assert math.isclose(share.sum(), 1.0, abs_tol=0.01)


def test_the_schedule_is_linear_warmup_then_cosine_to_zero() -> None:
    epochs, lr = series("plot-warmup-cosine-scheduler", 0)
    warm = epochs <= 5
    assert np.allclose(lr[warm], 0.1 * epochs[warm] / 5, atol=1e-5)
    after = ~warm
    cosine = 0.05 * (1 + np.cos(np.pi * (epochs[after] - 5) / 95))
    assert np.allclose(lr[after], cosine, atol=1e-5)
    assert lr[0] == 0 and lr[-1] == 0  # not one-cycle (starts at max_lr/25), no restart
    assert np.all(np.diff(lr[after]) <= 0)


def test_the_loss_drops_exactly_where_the_steps_are() -> None:
    epochs, loss = series("plot-step-decay-loss-drops", 0)
    assert np.array_equal(epochs, np.arange(len(loss)))
    drops = -np.diff(loss)  # drops[e]: from epoch e to e + 1
    onsets = [e for e in range(1, len(drops)) if drops[e] > 10 * max(drops[e - 1], 1e-3)]
    assert onsets == [30, 60]
    for milestone in (30, 60):
        before = loss[milestone - 3 : milestone + 1]
        assert np.ptp(before) < 0.01  # a plateau just before each drop


def test_the_best_ridge_strength_is_the_validation_minimum() -> None:
    log_lambda, validation = series("plot-ridge-validation-curve", 1)
    assert log_lambda[np.argmin(validation)] == 1.5
    assert "10^1.5" in correct_text("plot-ridge-validation-curve")
    _, train = series("plot-ridge-validation-curve", 0)
    assert np.all(np.diff(train) >= 0)


def test_penalty_slopes_are_the_derivatives_of_the_penalties() -> None:
    for penalty, slope in ((0, 2), (1, 3)):
        w, value = series("plot-l1-l2-penalty-slopes", penalty)
        _, drawn_slope = series("plot-l1-l2-penalty-slopes", slope)
        assert np.allclose(np.gradient(value, w)[1:-1], drawn_slope[1:-1], atol=0.06)
    assert np.all(series("plot-l1-l2-penalty-slopes", 2)[1] == 1)


def test_running_mean_is_within_ten_percent_first_at_the_stated_step() -> None:
    steps, running = series("plot-bn-running-mean-warmup", 0)
    first = int(steps[np.argmax(running >= 1.8)])
    question = WITH_FIGURE["plot-bn-running-mean-warmup"]
    assert isinstance(question, NumericQuestion) and first == question.answer.value


def test_simulated_batch_mean_noise_follows_one_over_root_n() -> None:
    sizes, noise = series("plot-bn-batch-statistic-noise", 0)
    assert np.allclose(noise, 1 / np.sqrt(sizes), rtol=0.03)
    assert math.isclose(noise[1] / noise[-1], 4, rel_tol=0.02)


@pytest.mark.parametrize("question", FIND_THE_BUG, ids=lambda q: q.id)
def test_find_the_bug_snippets_are_numbered_and_reasoned(question: object) -> None:
    assert isinstance(question, ChoiceQuestion)
    en, zh = CODE.findall(question.prompt.en), CODE.findall(question.prompt.zh)
    assert len(en) == 1 and en == zh, "one code block, the same in both languages"
    numbers = [int(line.split()[0]) for line in en[0].splitlines()]
    assert numbers == list(range(1, len(numbers) + 1))
    for option in question.answer.options:
        assert option.why is not None, f"{question.id}: an option without a reason"
        assert re.match(r"^lines? \d", option.en) and re.match(r"^第 \d", option.zh)
        line = int(re.findall(r"\d+", option.en)[0])
        assert 1 <= line <= len(numbers)
    for letter in question.answer.correct:
        option = question.answer.options[question.answer.letters.index(letter)]
        number = re.findall(r"\d+", option.en)[0]
        assert f"line {number}" in question.explanation.en.lower(), "name the line"
        assert f"第 {number} 行" in question.explanation.zh, "name the line"


def test_a_value_read_off_the_plot_is_not_asked_finer_than_a_terminal_row() -> None:
    """An answer that is a plotted point's height can only be read to about one row of the
    terminal chart, so its tolerance must be at least half a row;
    `plot-dead-relu-firing-histogram` once asked for 0.338 to ± 0.005 on a chart whose rows
    are 0.019 apart."""
    too_fine = [
        f"{qid}: ± {question.answer.tolerance:g} < half a row {row / 2:.4f}"
        for qid, question in WITH_FIGURE.items()
        if isinstance(question, NumericQuestion)
        and (row := chart_row(question)) is not None
        and question.answer.tolerance < row / 2
    ]
    assert too_fine == []
