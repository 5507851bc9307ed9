from __future__ import annotations

import numpy as np
import pytest

from copydesk.clean.context import (
    Pages,
    best_run,
    cluster_features,
    cohesion,
    context_features,
    marker_features,
    stacked_features,
    window_mean,
    window_means,
)
from copydesk.clean.features import BASE_NAMES, char_table, page_lines, page_lines_many
from copydesk.clean.lexicon import load_lexicon

LEX = load_lexicon()
TABLE = char_table()
COL = {name: i for i, name in enumerate(BASE_NAMES)}
PAGES = [
    [
        "Breaking: floods in the north",
        "",
        "By Jane Doe | Share",
        "Flood waters rose across northern provinces after heavy rainfall overnight, officials said.",
        "Related stories",
        "Other news",
    ],
    ["Menu", "Home | World | Sport"],
    [
        "Der Minister sagte am Montag, dass der Plan trotz der Proteste umgesetzt werde.",
        "",
        "Kommentare",
        "Anna am 17.09.2018 um 6:34 Uhr:",
        "Sehr gut geschrieben, danke für den Beitrag.",
    ],
    ["One line only"],
]


def test_context_matrix_shapes_are_stable() -> None:
    page = page_lines(["Title", "", "Some prose here, with words.", "Footer ©"], LEX, TABLE)
    first = context_features([page])
    assert first.shape[0] == 3 and np.isfinite(first).all()
    second = stacked_features(first, np.full((3, 5), 0.2))
    assert second.shape[0] == 3 and second.shape[1] > first.shape[1]


def test_context_window_mean_and_best_run() -> None:
    assert window_mean(np.array([0.0, 3.0, 0.0]), 1).tolist() == [1.5, 1.0, 1.5]
    assert best_run(np.array([-1.0, 2.0, 3.0, -5.0, 1.0])) == (1, 2)


def test_context_clusters_rank_prose_blocks() -> None:
    prose = np.array([1, 1, 0, 1, 0, 0, 0, 0, 1, 1], dtype=np.float32)
    words = np.array([30, 30, 2, 30, 2, 2, 2, 2, 10, 10], dtype=np.float32)
    out = cluster_features(prose, words)
    assert out[:4, 1].tolist() == [1, 1, 1, 1]  # first cluster (90 words) is the largest
    assert np.allclose(out[8:, 0], 20 / 90) and out[9, 2] == 1.0
    assert out[5, 0] == -1.0


def test_context_cohesion_with_main_run() -> None:
    texts = [
        "Flood waters rose across northern provinces after heavy rainfall overnight",
        "Rescue teams reached flooded villages in northern provinces after rainfall",
        "Subscribe today for unlimited digital access and exclusive newsletter offers",
    ]
    words = np.array([10, 10, 10], dtype=np.float32)
    out = cohesion([t.lower().split() for t in texts], words, (0, 1))
    assert out[0] > 0.3 and out[1] > 0.3 and out[2] == 0.0


def test_context_time_stamps_mark_comment_threads() -> None:
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


def test_context_pages_in_one_batch_get_the_features_they_get_alone() -> None:
    pages = page_lines_many([(lines, None) for lines in PAGES], LEX, TABLE)
    alone = [page_lines(lines, LEX, TABLE) for lines in PAGES]
    for together, single in zip(pages, alone, strict=True):
        assert np.array_equal(together.base, single.base) and together.tokens == single.tokens
    first = context_features(pages)
    firsts = [context_features([page]) for page in alone]
    assert np.array_equal(first, np.concatenate(firsts))
    rng = np.random.default_rng(7)
    proba = rng.dirichlet(np.ones(5), size=len(first))
    layout = Pages.of([len(p.index) for p in pages])
    second = stacked_features(first, proba, layout)
    seconds = [stacked_features(f, proba[a:z]) for f, (a, z) in zip(firsts, layout.bounds(), strict=True)]
    assert np.array_equal(second, np.concatenate(seconds))


def test_context_window_means_stop_at_page_edges() -> None:
    layout = Pages.of([2, 3])
    means = window_means(np.array([1.0, 3.0, 10.0, 20.0, 30.0]), (1,), layout)[0]
    assert means.tolist() == [2.0, 2.0, 15.0, 20.0, 25.0]


@pytest.mark.parametrize("sizes", [[1], [3, 1, 2]])
def test_context_pages_layout(sizes: list[int]) -> None:
    layout = Pages.of(sizes)
    assert list(layout.bounds()) == [(sum(sizes[:k]), sum(sizes[: k + 1])) for k in range(len(sizes))]
    assert layout.local.tolist() == [i for n in sizes for i in range(n)]
