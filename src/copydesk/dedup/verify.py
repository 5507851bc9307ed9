"""Verification of candidate pairs: the exact Jaccard similarity of their shingle sets.

LSH candidates include pairs that merely share one band; a pair is kept only when the Jaccard
similarity of the two texts' shingle sets (word 5-grams, hashed to 32 bits) reaches the threshold.
Shingle hashes are recomputed from the texts of the candidates only, so no shingle set is ever stored.
With 32-bit shingle hashes, two different shingles of a pair collide with a probability of about
``n / 2**32``: the similarity is exact for any practical purpose.

Candidates are verified in chunks (:func:`plan_chunks`) that keep documents together: the documents of
a group of candidates linked to each other are cut into blocks, and a chunk holds the pairs between two
blocks, so a text is shingled about once per block it meets rather than once per pair. Chunks go in
rounds (:func:`verify_rounds`), and a pair that earlier rounds already joined is not verified at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from copydesk.dedup.clusters import UnionFind
from copydesk.dedup.lsh import unpack
from copydesk.dedup.shingles import Shingled, Shingler

Verify = Callable[[list[np.ndarray]], Iterable[tuple[np.ndarray, np.ndarray, np.ndarray]]]


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


def plan_chunks(pairs: np.ndarray, block: int = 2000, most: int = 100_000) -> list[np.ndarray]:
    """Cut packed candidate pairs into chunks of at most ``most`` pairs touching few documents.

    Documents are ordered by their candidate component and cut into blocks of ``block``; a chunk holds
    pairs between the same two blocks. The order is deterministic.
    """
    if pairs.size == 0:
        return []
    left, right = unpack(pairs)
    rows, inverse = np.unique(np.concatenate([left, right]), return_inverse=True)
    linked = UnionFind(rows.size)
    linked.union_pairs(inverse[: left.size], inverse[left.size :])
    order = np.lexsort((rows, linked.labels()))
    place = np.empty(rows.size, dtype=np.int64)
    place[order] = np.arange(rows.size)
    blocks = place // block
    a, b = blocks[inverse[: left.size]], blocks[inverse[left.size :]]
    key = np.minimum(a, b) * (int(blocks.max()) + 1) + np.maximum(a, b)
    by_key = np.lexsort((pairs, key))
    pairs, key = pairs[by_key], key[by_key]
    cuts = np.flatnonzero(key[1:] != key[:-1]) + 1
    chunks = []
    for group in np.split(pairs, cuts):
        chunks += [group[i : i + most] for i in range(0, group.size, most)]
    return chunks


def verify_rounds(
    linked: UnionFind, near: np.ndarray, verify: Verify, *, block: int = 2000, chunks_per_round: int = 4
) -> tuple[np.ndarray, np.ndarray, int]:
    """Verify candidate pairs round by round, skipping those that ``linked`` already joins.

    A pair whose texts are already in one component cannot change the components, so a story copied a
    thousand times costs about a thousand verifications, not the pairs of all its buckets. Each round
    hands ``verify`` up to ``chunks_per_round`` chunks (a list of packed-pair arrays) and joins what
    comes back before the next round is filtered: the result does not depend on the order in which the
    chunks of a round finish. Returns the kept pairs (left, right) and the number of pairs verified.
    """
    kept_left, kept_right, checked = [], [], 0
    chunks = plan_chunks(near, block)
    while chunks:
        labels = linked.labels()
        batch: list[np.ndarray] = []
        while chunks and len(batch) < chunks_per_round:
            chunk = chunks.pop(0)
            left, right = unpack(chunk)
            chunk = chunk[labels[left] != labels[right]]
            if chunk.size:
                batch.append(chunk)
        checked += sum(int(c.size) for c in batch)
        for a, b, _ in sorted(verify(batch), key=lambda r: (r[0][:1].tolist(), r[1][:1].tolist())):
            linked.union_pairs(a, b)
            kept_left.append(a)
            kept_right.append(b)
    empty = np.zeros(0, dtype=np.int64)
    return (
        np.concatenate(kept_left) if kept_left else empty,
        np.concatenate(kept_right) if kept_right else empty,
        checked,
    )
