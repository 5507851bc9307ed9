"""Extraction metrics shared by training and the benchmarks: scrapinghub's shingle metric and WCXB's word F1.

Both metrics copy the reference evaluators' conventions exactly:

* :func:`shingle_scores` / :func:`corpus_f1` follow ``evaluate.py`` of scrapinghub's
  article-extraction-benchmark: tokens are ``\\w+`` matches *with case kept* (the upstream regex
  has ``re.IGNORECASE``, which does not lowercase anything); a text with fewer than 4 tokens yields
  one shorter shingle (all its tokens); an empty text yields none. tp/fp/fn are counted over shingle
  multisets and divided by tp+fp+fn so every page weighs the same. A page's precision only enters
  the average when tp+fp > 0 (an empty prediction does not lower precision, its recall is 0), its
  recall only when tp+fn > 0; F1 is computed from the two averages.
* :func:`word_f1` follows WCXB's ``evaluate.py``: lowercased ``\\w+`` tokens, multiset overlap;
  an empty gold scores 1 if the prediction is empty too, else 0; an empty prediction scores 0.
  The caller averages the per-page F1 over pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from statistics import fmean

SHINGLE_SIZE = 4

_TOKEN_RE = re.compile(r"\w+")

#: (precision, recall) of one page; ``None`` where upstream leaves the page out of that average.
PageScore = tuple[float | None, float | None]


def _shingles(text: str, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles of ``text`` (one shorter shingle for short texts)."""
    tokens = _TOKEN_RE.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def shingle_counts(pred: str, gold: str) -> tuple[float, float, float]:
    """Per-page tp, fp, fn over shingle multisets, normalised to sum to 1 (all 0 if both are empty)."""
    pred_shingles = _shingles(pred)
    gold_shingles = _shingles(gold)
    tp = float(sum((pred_shingles & gold_shingles).values()))
    fp = float(sum((pred_shingles - gold_shingles).values()))
    fn = float(sum((gold_shingles - pred_shingles).values()))
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def shingle_scores(pred: str, gold: str) -> PageScore:
    """Shingle precision and recall of one page; ``None`` where the ratio is undefined (0/0)."""
    tp, fp, fn = shingle_counts(pred, gold)
    precision = tp / (tp + fp) if tp + fp > 0 else None
    recall = tp / (tp + fn) if tp + fn > 0 else None
    return precision, recall


def corpus_f1(scores: Iterable[PageScore]) -> tuple[float, float, float]:
    """Average precision and recall over the pages where each is defined; F1 of the two averages."""
    scores = list(scores)
    precisions = [p for p, _ in scores if p is not None]
    recalls = [r for _, r in scores if r is not None]
    precision = fmean(precisions) if precisions else 0.0
    recall = fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return precision, recall, f1


def _words(text: str) -> Counter[str]:
    """Lowercased ``\\w+`` tokens of ``text`` as a multiset."""
    return Counter(_TOKEN_RE.findall((text or "").lower()))


def word_prf(pred: str, gold: str) -> tuple[float, float, float]:
    """WCXB's per-page bag-of-words precision, recall and F1."""
    pred_words = _words(pred)
    gold_words = _words(gold)
    if not gold_words:
        return (1.0, 1.0, 1.0) if not pred_words else (0.0, 0.0, 0.0)
    if not pred_words:
        return 0.0, 0.0, 0.0
    overlap = sum((pred_words & gold_words).values())
    precision = overlap / sum(pred_words.values())
    recall = overlap / sum(gold_words.values())
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return precision, recall, f1


def word_f1(pred: str, gold: str) -> float:
    """WCXB's per-page bag-of-words F1 (average it over pages)."""
    return word_prf(pred, gold)[2]
