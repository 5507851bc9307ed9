"""Verification of candidate pairs: the exact Jaccard similarity of their shingle sets.

LSH candidates include pairs that merely share one band; a pair is kept only when the Jaccard
similarity of the two texts' shingle sets (word 5-grams, hashed to 32 bits) reaches the threshold.
Shingle hashes are recomputed from the texts of the candidates only, so no shingle set is ever stored.
With 32-bit shingle hashes, two different shingles of a pair collide with a probability of about
``n / 2**32``: the similarity is exact for any practical purpose.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from copydesk.dedup.shingles import Shingled, Shingler


def shingle_sets(shingled: Shingled) -> list[np.ndarray]:
    """Each text's distinct shingle hashes, sorted (one sort for the whole batch)."""
    n = len(shingled)
    text_of = np.repeat(np.arange(n, dtype=np.uint64), np.diff(shingled.offsets))
    keyed = (text_of << np.uint64(32)) | shingled.shingles.astype(np.uint64)
    keyed.sort()
    keep = np.ones(keyed.size, dtype=bool)
    keep[1:] = keyed[1:] != keyed[:-1]
    keyed = keyed[keep]
    values = (keyed & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    ends = np.cumsum(np.bincount((keyed >> np.uint64(32)).astype(np.int64), minlength=n))
    return np.split(values, ends[:-1])


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity of two sorted arrays of distinct values (1.0 for two empty sets)."""
    if a.size == 0 and b.size == 0:
        return 1.0
    if a.size > b.size:
        a, b = b, a
    at = np.searchsorted(b, a)
    at[at == b.size] = 0
    shared = int(np.count_nonzero(b[at] == a)) if b.size else 0
    return shared / (a.size + b.size - shared)


def pair_similarities(sets: Sequence[np.ndarray], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The Jaccard similarity of each pair ``(sets[left[k]], sets[right[k]])``, as float32."""
    out = np.empty(len(left), dtype=np.float32)
    for k, (i, j) in enumerate(zip(left.tolist(), right.tolist(), strict=True)):
        out[k] = jaccard(sets[i], sets[j])
    return out


def verify_texts(
    texts: Sequence[str],
    left: np.ndarray,
    right: np.ndarray,
    *,
    shingle_words: int = 5,
    shingler: Shingler | None = None,
) -> np.ndarray:
    """The exact Jaccard similarity of pairs of ``texts`` (pairs given as two arrays of positions)."""
    sets = shingle_sets((shingler or Shingler(shingle_words))(texts))
    return pair_similarities(sets, left, right)
