from __future__ import annotations

import re

import numpy as np
import pytest

from copydesk.clean.features import BASE_NAMES, char_table, page_lines
from copydesk.clean.lexicon import load_lexicon

LEX = load_lexicon()
TABLE = char_table()
COL = {name: i for i, name in enumerate(BASE_NAMES)}


def shape(text: str) -> dict[str, float]:
    page = page_lines([text], LEX, TABLE)
    return {name: float(page.base[0, i]) for name, i in COL.items()}


def test_features_prose_line() -> None:
    f = shape("The minister said on Monday that the plan would go ahead, despite the protests.")
    assert f["ends_strict_terminal"] == 1.0
    assert f["stop_ratio"] > 0.3
    assert np.isclose(np.expm1(f["log_words"]), 14)


@pytest.mark.parametrize(
    "text",
    [
        "Der Minister sagte am Montag, dass der Plan trotz der Proteste umgesetzt werde.",
        "El ministro dijo el lunes que el plan seguirá adelante a pesar de las protestas.",
        "Le ministre a déclaré lundi que le projet serait maintenu malgré les manifestations.",
    ],
)
def test_features_function_words_in_other_languages(text: str) -> None:
    assert shape(text)["stop_ratio"] > 0.2


def test_features_cue_words_counted() -> None:
    f = shape("Share on Facebook | Tweet | Email")
    assert f["lex_share"] >= 3
    assert f["separators"] >= 2
    assert shape("Accept all cookies")["lex_cookie"] >= 2


def test_features_blank_lines_become_gaps() -> None:
    page = page_lines(["a b", "", "", "c d", "e f"], LEX, TABLE)
    assert page.index == [0, 3, 4]
    assert page.gaps.tolist() == [[3, 2], [2, 0], [0, 3]]


def test_features_skip_lines() -> None:
    page = page_lines(["a", "b", "c"], LEX, TABLE, skip={1})
    assert page.index == [0, 2]


def test_features_flags_per_line() -> None:
    lines = ["• first point", "12) second", "Posted 2019-11-19 at 6:34 am", "Plain words here"]
    page = page_lines(lines, LEX, TABLE)
    col = {name: page.base[:, COL[name]].tolist() for name in ("starts_bullet", "has_date", "has_time")}
    assert col["starts_bullet"] == [1.0, 1.0, 0.0, 0.0]
    assert col["has_date"] == [0.0, 0.0, 1.0, 0.0]
    assert col["has_time"] == [0.0, 0.0, 1.0, 0.0]
    assert shape("Room 12019 was booked")["has_date"] == 1.0  # like the pattern it replaces: no left edge
    assert shape("Call 20195 now")["has_date"] == 0.0  # a year is not followed by another digit


def test_features_phrases_match_whole_words_on_one_line() -> None:
    assert shape("Sign up for our newsletter")["lex_subscription"] >= 1
    assert shape("A design update shipped today")["lex_subscription"] == 0  # "sign up" inside other words
    split = page_lines(["Please sign", "up today"], LEX, TABLE)
    assert split.base[:, COL["lex_subscription"]].sum() == 0  # a phrase does not run across lines


def test_features_emoji_are_not_words() -> None:
    assert page_lines(["📱 Torn between phones"], LEX, TABLE).tokens == [["torn", "between", "phones"]]


def test_features_bullets_in_any_script_and_urls_per_line() -> None:
    lines = ["٣. point in Arabic digits", "-item", "- item"]
    lines += ["Mail me@example.com today", "http", "See www.x.org"]
    page = page_lines(lines, LEX, TABLE)
    assert page.base[:, COL["starts_bullet"]].tolist() == [1.0, 0.0, 1.0, 0.0, 0.0, 0.0]
    assert page.base[:, COL["has_url"]].tolist() == [0.0, 0.0, 0.0, 1.0, 0.0, 1.0]


@pytest.mark.parametrize("text", ["a - b – c — d", "a - - b", "a - - - b", "x -- y", "- a -", "a - b"])
def test_features_spaced_dashes_counted_as_the_pattern_finds_them(text: str) -> None:
    page = page_lines([text, "no dash", text], LEX, TABLE)
    expected = float(len(re.findall(r" [-–—] ", text)))
    assert page.base[:, COL["separators"]].tolist() == [
        expected + text.count("|") + text.count("/"),
        0.0,
        expected + text.count("|") + text.count("/"),
    ]


def test_features_words_of_scripts_without_spaces() -> None:
    # Each ideograph and hiragana is a word, a run of katakana one word (UAX #29's default boundaries);
    # Latin runs beside them stay whole.
    page = page_lines(["東京でロボットが走る", "新型iPhone発売"], LEX, TABLE)
    assert page.tokens == [
        ["東", "京", "で", "ロボット", "が", "走", "る"],
        ["新", "型", "iphone", "発", "売"],
    ]
    assert np.expm1(page.base[:, COL["log_words"]]).round().tolist() == [7.0, 5.0]


def test_features_chinese_prose_reads_as_prose() -> None:
    prose = shape("市政府周二宣布，新的公交线路将于下个月开通。这条线路连接老城区和机场，每天运行十八小时。")
    menu = shape("首页 新闻 体育 财经 科技 娱乐")
    assert prose["sentences"] == 1.0  # a full stop with no space after it, then more of the line
    assert prose["ends_strict_terminal"] == 1.0
    assert round(np.expm1(prose["log_words"])) == 40  # one word per ideograph (punctuation aside)
    assert prose["stop_ratio"] > 0.2 > menu["stop_ratio"]
    assert shape("他说：「我们会准时完成。」")["ends_strict_terminal"] == 1.0  # a closing corner bracket


def test_features_cue_words_of_chinese_and_japanese_match_as_phrases() -> None:
    assert shape("相关新闻")["lex_related"] >= 1
    assert shape("关联")["lex_related"] == 0  # 相关 is a phrase of two words, not two single ones
    assert shape("シェア ツイート")["lex_share"] == 2
