"""From body probabilities to the lines kept: a threshold, and the contiguity of articles.

An article is one run of text, interrupted by a few captions or ads; a teaser, a bio or a comment that
scores just above the threshold after a stretch of navigation is seldom part of it, and a short
paragraph that scores just below it inside the article seldom is not. :func:`body_mask` finds the
labelling that best agrees with the classifier while paying ``switch_cost`` for every change between
kept and removed (a two-state Viterbi decoding). Each line's vote is its log-odds margin over the
threshold times ``log(1 + words)``, so one long paragraph outweighs a few short menu items. With a
switch cost of 0 it is the plain threshold. The cost is chosen with the threshold, by cross-validation
(:mod:`copydesk.clean.train`).

A page where that keeps (next to) nothing, fewer than :data:`FALLBACK_WORDS` words (a story under a
long municipal menu, a page type the model scores timidly), can take a fallback: the best-scoring
contiguous run of votes at a lower threshold is kept too, if it holds at least that many words. A
model records whether it uses one (``meta["fallback"]``), chosen by the same cross-validation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from copydesk.clean.context import best_run

_EPS = 1e-4
#: The fewest words a fallback run must hold: less is a menu item or a stray label, not an article.
FALLBACK_WORDS = 20


@dataclass(frozen=True, slots=True)
class Decoding:
    """How body probabilities become kept lines: threshold, switch cost, and the empty-page fallback's
    lower threshold (None: no fallback)."""

    threshold: float = 0.5
    switch_cost: float = 0.0
    fallback: float | None = None

    @classmethod
    def from_meta(cls, meta: Mapping[str, Any]) -> Decoding:
        """The decoding a model file was tuned with (defaults for older files)."""
        fallback = meta.get("fallback")
        return cls(
            float(meta.get("threshold", 0.5)),
            float(meta.get("switch_cost", 0.0)),
            None if fallback is None else float(fallback),
        )


def line_votes(body: np.ndarray, log_words: np.ndarray, threshold: float) -> np.ndarray:
    """Each line's vote for being kept: its body log-odds over the threshold's, weighted by length."""
    p = np.clip(body.astype(np.float64), _EPS, 1.0 - _EPS)
    t = min(max(threshold, _EPS), 1.0 - _EPS)
    return (np.log(p / (1.0 - p)) - math.log(t / (1.0 - t))) * np.maximum(log_words, 0.1)


def body_mask(body: np.ndarray, log_words: np.ndarray, decoding: Decoding) -> np.ndarray:
    """Which lines are body: the plain threshold, smoothed by a cost on every switch, with the empty-page
    fallback (see module doc)."""
    keep = _smoothed(body, log_words, decoding.threshold, decoding.switch_cost)
    if decoding.fallback is None or not len(body) or _words(log_words[keep]) >= FALLBACK_WORDS:
        return keep
    votes = line_votes(body, log_words, decoding.fallback)
    lo, hi = best_run(votes)
    if votes[lo : hi + 1].sum() <= 0 or _words(log_words[lo : hi + 1]) < FALLBACK_WORDS:
        return keep
    keep[lo : hi + 1] = True
    return keep


def _words(log_words: np.ndarray) -> float:
    """How many words lines hold, from their ``log(1 + words)``."""
    return float(np.expm1(log_words).sum())


def _smoothed(body: np.ndarray, log_words: np.ndarray, threshold: float, switch_cost: float) -> np.ndarray:
    """The plain threshold, or the two-state decoding when ``switch_cost`` is positive."""
    if switch_cost <= 0.0 or len(body) < 2:
        return body >= threshold
    votes = line_votes(body, log_words, threshold)
    # Within a run of votes of one sign the best labelling never switches (a switch there costs and
    # gains nothing), so decode the runs' sums: far fewer steps than lines.
    sign = votes > 0
    starts = np.flatnonzero(np.concatenate([[True], sign[1:] != sign[:-1]]))
    keep = contiguous(np.add.reduceat(votes, starts).tolist(), switch_cost)
    return np.repeat(keep, np.diff(np.append(starts, len(votes))))


def contiguous(votes: list[float], cost: float) -> np.ndarray:
    """The keep/remove labelling maximising the kept lines' votes minus ``cost`` per switch."""
    n = len(votes)
    came_out = [False] * n  # best path into "removed" at i came from "kept" at i - 1
    came_in = [False] * n  # best path into "kept" at i came from "kept" at i - 1
    out_score, in_score = 0.0, votes[0]
    for i in range(1, n):
        stay_out, leave = out_score, in_score - cost
        enter, stay_in = out_score - cost, in_score
        came_out[i] = leave > stay_out
        came_in[i] = stay_in >= enter
        out_score = leave if came_out[i] else stay_out
        in_score = (stay_in if came_in[i] else enter) + votes[i]
    keep = np.zeros(n, dtype=bool)
    kept = in_score > out_score
    for i in range(n - 1, -1, -1):
        keep[i] = kept
        kept = came_in[i] if kept else came_out[i]
    return keep
