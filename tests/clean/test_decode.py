from __future__ import annotations

import itertools

import numpy as np
import pytest

from copydesk.clean.decode import FALLBACK_WORDS, Decoding, body_mask, contiguous, line_votes


def _score(votes: list[float], keep: np.ndarray, cost: float) -> float:
    switches = int(np.sum(keep[1:] != keep[:-1]))
    return float(np.asarray(votes)[keep].sum()) - cost * switches


def test_decode_without_cost_is_the_plain_threshold() -> None:
    body = np.array([0.2, 0.6, 0.49, 0.5, 0.9])
    assert body_mask(body, np.ones(5), Decoding(0.5, 0.0)).tolist() == [False, True, False, True, True]


def test_decode_drops_a_weak_island_after_boilerplate() -> None:
    # an article, then navigation, then a teaser that scores just above the threshold
    body = np.array([0.9, 0.95, 0.9, 0.1, 0.05, 0.1, 0.6])
    log_words = np.log1p(np.array([40, 50, 30, 2, 2, 2, 12]))
    assert body_mask(body, log_words, Decoding(0.5, 0.0))[-1]
    assert body_mask(body, log_words, Decoding(0.5, 2.0)).tolist() == [True] * 3 + [False] * 4


def test_decode_keeps_a_weak_paragraph_inside_the_article() -> None:
    body = np.array([0.95, 0.9, 0.4, 0.92, 0.97])
    log_words = np.log1p(np.array([40, 50, 8, 30, 45]))
    assert body_mask(body, log_words, Decoding(0.5, 2.0)).all()


def test_decode_keeps_a_strong_island() -> None:
    body = np.array([0.95, 0.9, 0.05, 0.02, 0.05, 0.99])
    log_words = np.log1p(np.array([40, 50, 3, 3, 3, 60]))
    assert body_mask(body, log_words, Decoding(0.5, 2.0)).tolist() == [True, True, False, False, False, True]


@pytest.mark.parametrize("seed", range(20))
def test_decode_contiguous_is_optimal(seed: int) -> None:
    rng = np.random.default_rng(seed)
    votes = (rng.normal(size=int(rng.integers(1, 9))) * 3).tolist()
    cost = float(rng.uniform(0, 4))
    best = max(
        _score(votes, np.asarray(m, dtype=bool), cost)
        for m in itertools.product((False, True), repeat=len(votes))
    )
    assert _score(votes, contiguous(votes, cost), cost) == pytest.approx(best)


def test_decode_votes_are_zero_at_the_threshold_and_grow_with_length() -> None:
    votes = line_votes(np.array([0.5, 0.8, 0.8]), np.log1p(np.array([5.0, 5.0, 50.0])), 0.5)
    assert votes[0] == pytest.approx(0.0) and 0 < votes[1] < votes[2]


def test_decode_handles_empty_and_single_lines() -> None:
    assert body_mask(np.zeros(0), np.zeros(0), Decoding(0.5, 2.0)).tolist() == []
    assert body_mask(np.array([0.7]), np.array([1.0]), Decoding(0.5, 2.0)).tolist() == [True]


@pytest.mark.parametrize("seed", range(20))
def test_decode_by_runs_matches_line_by_line(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 60))
    body, log_words = rng.uniform(0, 1, n), np.log1p(rng.integers(1, 60, n).astype(float))
    votes = line_votes(body, log_words, 0.5).tolist()
    by_runs = body_mask(body, log_words, Decoding(0.5, 2.0))
    assert _score(votes, by_runs, 2.0) == pytest.approx(_score(votes, contiguous(votes, 2.0), 2.0))


def test_decode_fallback_keeps_the_best_run_of_a_page_that_kept_nothing() -> None:
    # a long menu, then a story the model scored timidly, then a footer
    body = np.array([0.05] * 6 + [0.3, 0.35, 0.25] + [0.05] * 3)
    log_words = np.log1p(np.array([2] * 6 + [30, 40, 25] + [3] * 3))
    assert not body_mask(body, log_words, Decoding(0.5, 2.0)).any()
    kept = body_mask(body, log_words, Decoding(0.5, 2.0, fallback=0.2))
    assert kept.tolist() == [False] * 6 + [True] * 3 + [False] * 3


def test_decode_fallback_leaves_short_runs_and_kept_pages_alone() -> None:
    body = np.array([0.05, 0.3, 0.05])
    short = np.log1p(np.array([2.0, FALLBACK_WORDS - 1, 2.0]))
    assert not body_mask(body, short, Decoding(0.5, 2.0, fallback=0.2)).any()
    body = np.array([0.9, 0.3, 0.05])  # a page that kept a line does not reach for the fallback
    log_words = np.log1p(np.array([30.0, 40.0, 2.0]))
    assert body_mask(body, log_words, Decoding(0.5, 0.0, fallback=0.2)).tolist() == [True, False, False]


def test_decode_reads_a_models_meta() -> None:
    assert Decoding.from_meta({}) == Decoding(0.5, 0.0, None)
    meta = {"threshold": 0.45, "switch_cost": 2.0, "fallback": 0.1}
    assert Decoding.from_meta(meta) == Decoding(0.45, 2.0, 0.1)
