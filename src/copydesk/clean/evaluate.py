"""Extraction metrics shared by training and the benchmarks."""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"\w+")


def word_f1(predicted: str, gold: str) -> float:
    """WCXB's per-page bag-of-words F1 (lowercased word tokens, multiset overlap)."""
    p = Counter(_WORD.findall(predicted.lower()))
    g = Counter(_WORD.findall(gold.lower()))
    if not p and not g:
        return 1.0
    if not p or not g:
        return 0.0
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision = common / sum(p.values())
    recall = common / sum(g.values())
    return 2 * precision * recall / (precision + recall)
