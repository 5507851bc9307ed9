from __future__ import annotations

import numpy as np
import pytest

from copydesk.clean.features import (
    BASE_NAMES,
    best_run,
    char_table,
    cluster_features,
    cohesion,
    context_features,
    marker_features,
    page_lines,
    stacked_features,
    window_mean,
)
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


def test_features_matrix_shapes_are_stable() -> None:
    page = page_lines(["Title", "", "Some prose here, with words.", "Footer ©"], LEX, TABLE)
    first = context_features(page)
    assert first.shape[0] == 3 and np.isfinite(first).all()
    second = stacked_features(first, np.full((3, 5), 0.2))
    assert second.shape[0] == 3 and second.shape[1] > first.shape[1]


def test_features_window_mean_and_best_run() -> None:
    assert window_mean(np.array([0.0, 3.0, 0.0]), 1).tolist() == [1.5, 1.0, 1.5]
    assert best_run(np.array([-1.0, 2.0, 3.0, -5.0, 1.0])) == (1, 2)


def test_features_clusters_rank_prose_blocks() -> None:
    prose = np.array([1, 1, 0, 1, 0, 0, 0, 0, 1, 1], dtype=np.float32)
    words = np.array([30, 30, 2, 30, 2, 2, 2, 2, 10, 10], dtype=np.float32)
    out = cluster_features(prose, words)
    assert out[:4, 1].tolist() == [1, 1, 1, 1]  # first cluster (90 words) is the largest
    assert np.allclose(out[8:, 0], 20 / 90) and out[9, 2] == 1.0
    assert out[5, 0] == -1.0


def test_features_cohesion_with_main_run() -> None:
    texts = [
        "Flood waters rose across northern provinces after heavy rainfall overnight",
        "Rescue teams reached flooded villages in northern provinces after rainfall",
        "Subscribe today for unlimited digital access and exclusive newsletter offers",
    ]
    words = np.array([10, 10, 10], dtype=np.float32)
    out = cohesion([t.lower().split() for t in texts], words, (0, 1))
    assert out[0] > 0.3 and out[1] > 0.3 and out[2] == 0.0


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


def test_features_time_stamps_mark_comment_threads() -> None:
    lines = [
        "The council approved the budget on Tuesday after a long and heated debate in the chamber.",
        "Officials said the new plan would take effect next year, pending a final review by auditors.",
        "Alex on September 17, 2018 at 6:34 am said:",
        "I am not sure this is the right call for the city, to be honest with you all.",
        "Sam on September 18, 2018 at 9:02 pm said:",
        "Agreed, the council should have waited for the auditors before voting on it at all.",
    ]
    base = page_lines(lines, LEX, TABLE).base
    words = np.expm1(base[:, COL["log_words"]])
    prose = (words >= 10).astype(np.float32)
    stamps_above = marker_features(base, words, prose)[:, 2]
    assert stamps_above.tolist()[:3] == [0.0, 0.0, 0.0]
    assert stamps_above[5] > stamps_above[3] > 0
