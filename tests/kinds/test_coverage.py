"""Key points a typed concept answer mentions: both languages, stems, tags; a hint only."""

from __future__ import annotations

from quizcli.bank.model import Text
from quizcli.kinds.coverage import covered, stem

POINTS = [
    Text(en="A composition of affine maps is affine.", zh="仿射变换的复合仍是仿射变换。"),
    Text(en="Local translation invariance.", zh="局部平移不变性。"),
    Text(en="Gradients vanish when sigmoid saturates.", zh="sigmoid 饱和时梯度消失。"),
]


def test_english_words_match_through_their_stems() -> None:
    assert stem("vanishing") == stem("vanishes") == stem("vanish")
    assert stem("saturate") == stem("saturates") == stem("saturated") == stem("saturation")
    assert covered(POINTS, "composing affine layers gives an affine map") == [True, False, False]
    assert covered(POINTS, "saturated sigmoids make the gradients vanish") == [False, False, True]


def test_a_point_phrased_with_a_noun_matches_an_answer_with_the_verb() -> None:
    point = [Text(en="Derivative 1 for x > 0: no saturation on the positive side.", zh="不饱和")]
    assert covered(point, "for positive inputs the derivative does not saturate") == [True]


def test_chinese_answers_match_the_chinese_points() -> None:
    assert covered(POINTS, "局部的平移不变") == [False, True, False]
    assert covered(POINTS, "梯度会消失") == [False, False, True]


def test_a_tag_counts_as_one_phrase_with_a_hyphen_or_a_space() -> None:
    points = [
        Text(en="Residual paths avoid the vanishing-gradient problem in deep stacks.", zh="残差")
    ]
    assert covered(points, "no vanishing gradient", ["vanishing-gradient"]) == [True]
    assert covered(points, "no vanishing gradient") == [False]


def test_an_unrelated_answer_mentions_nothing() -> None:
    assert covered(POINTS, "no idea, sorry") == [False, False, False]


ZH_POINTS = [
    Text(
        en="Stacked linear layers collapse into one linear map.",
        zh="多个线性层叠在一起，仍然等价于一个线性映射。",
    ),
    Text(
        en="A linear model draws only linear boundaries.",
        zh="没有非线性，模型只能画出线性的分类边界，连异或都分不开。",
    ),
    Text(
        en="Nonlinearity lets depth build features.",
        zh="引入非线性之后，加深网络才能逐层组合出更复杂的特征。",
    ),
]


def test_a_short_chinese_answer_naming_the_key_term_ticks_its_point() -> None:
    assert covered(ZH_POINTS, "激活函数引入非线性") == [False, True, True]
    assert covered(ZH_POINTS, "全是线性层的话，叠多少层都还是一个线性映射") == [True, False, False]
    assert covered(ZH_POINTS, "分类边界只能是直线，异或分不开") == [False, True, False]


def test_a_chinese_answer_about_something_else_ticks_nothing() -> None:
    assert covered(ZH_POINTS, "用 ReLU 可以加快训练速度，而且计算简单") == [False, False, False]
    assert covered(ZH_POINTS, "这是一个很好的问题，我不太清楚") == [False, False, False]
