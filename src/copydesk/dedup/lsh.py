"""LSH banding: band keys from signatures, and the candidate pairs of texts that share a band key.

A signature of ``bands x rows`` values is cut into ``bands`` bands; each band's ``rows`` values are
hashed into one 64-bit *band key* (salted by the band's number, so equal values in two different bands
never meet). Two texts become a candidate pair when they share the key of at least one band: for
Jaccard similarity ``s`` that happens with probability ``1 - (1 - s**rows)**bands``. With 16 bands of 8
rows, a pair at ``s = 0.8`` is found 95% of the time and one at 0.9 all but never missed, while pairs
below 0.5 are almost never candidates. A text costs ``bands x 8`` bytes of keys (128 for 16 bands).

Candidates come from sorting each band's keys, not from hash tables of buckets: runs of equal keys are
the buckets. A run of ``L`` texts gives its ``L (L - 1) / 2`` pairs when ``L <= window + 1``; in a
larger run each text is paired with the run's first text and with its neighbour, which keeps a huge
bucket (a story copied thousands of times) linear in cost while connected components still join its
verified members.
"""

from __future__ import annotations

import numpy as np

from copydesk.dedup.shingles import mix64

_ROW_SEED = 0x5851F42D4C957F2D


def _row_multipliers(rows: int) -> np.ndarray:
    """Odd 64-bit multipliers, one per row of a band."""
    return np.array([(pow(_ROW_SEED, r + 1, 1 << 64) | 1) for r in range(rows)], dtype=np.uint64)


def band_keys(signatures: np.ndarray, bands: int = 16, rows: int = 8) -> np.ndarray:
    """The ``(texts, bands)`` uint64 band keys of ``(texts, permutations)`` signatures."""
    n, permutations = signatures.shape
    if bands * rows > permutations:
        raise ValueError(f"{bands} bands x {rows} rows need {bands * rows} permutations, not {permutations}")
    cut = signatures[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    cut *= _row_multipliers(rows)
    keys = cut.sum(axis=2, dtype=np.uint64)
    keys += np.arange(1, bands + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return mix64(keys)


def pack(i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Pairs of text numbers (below 2**32) as one uint64 each, the smaller number first."""
    lo = np.minimum(i, j).astype(np.uint64)
    hi = np.maximum(i, j).astype(np.uint64)
    return (lo << np.uint64(32)) | hi  # type: ignore[no-any-return]


def unpack(packed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The two text numbers of packed pairs."""
    return (packed >> np.uint64(32)).astype(np.int64), (packed & np.uint64(0xFFFFFFFF)).astype(np.int64)


def bucket_pairs(keys: np.ndarray, members: np.ndarray | None = None, window: int = 64) -> np.ndarray:
    """Packed pairs of texts whose ``keys`` are equal (one key per text; ``members``: their numbers).

    ``members`` defaults to ``0..len(keys)-1``. A run of equal keys of up to ``window + 1`` texts gives
    all its pairs; a larger run gives each text paired with the run's first and with the next one, which
    is enough for connected components of texts that are all alike, at a cost linear in the run.
    """
    numbers = np.arange(len(keys), dtype=np.int64) if members is None else np.asarray(members, np.int64)
    order = np.lexsort((numbers, keys))
    ordered = keys[order]
    run = np.zeros(len(keys), dtype=np.int64)
    np.cumsum(ordered[1:] != ordered[:-1], out=run[1:])
    size = np.bincount(run)[run] if len(keys) else run
    small = size <= window + 1
    found = []
    for d in range(1, window + 1):
        same = (run[d:] == run[:-d]) & small[d:]
        if not same.any():
            break  # a run with texts d + 1 apart also has texts d apart
        found.append(pack(numbers[order[:-d][same]], numbers[order[d:][same]]))
    big = np.flatnonzero(~small)
    if big.size:
        first = np.searchsorted(run, run[big])  # the first text of each one's run
        later = big[big != first]
        found.append(pack(numbers[order[first[big != first]]], numbers[order[later]]))
        chained = later[later - 1 != first[big != first]]
        found.append(pack(numbers[order[chained - 1]], numbers[order[chained]]))
    return np.concatenate(found) if found else np.zeros(0, dtype=np.uint64)


def chain_pairs(keys: np.ndarray, members: np.ndarray | None = None) -> np.ndarray:
    """Packed pairs linking each text to the next one with the same key (for exact duplicates)."""
    numbers = np.arange(len(keys), dtype=np.int64) if members is None else np.asarray(members, np.int64)
    order = np.lexsort((numbers, keys))
    ordered = keys[order]
    same = ordered[1:] == ordered[:-1]
    return pack(numbers[order[:-1][same]], numbers[order[1:][same]])


def candidate_pairs(keys: np.ndarray, members: np.ndarray | None = None, window: int = 64) -> np.ndarray:
    """Unique packed candidate pairs over all bands of ``(texts, bands)`` keys."""
    found = [bucket_pairs(keys[:, b], members, window) for b in range(keys.shape[1])]
    if not found:
        return np.zeros(0, dtype=np.uint64)
    return np.unique(np.concatenate(found))
