"""MinHash signatures: for each of ``permutations`` hash functions, the smallest hash of a text's shingles.

The hash functions are ``h_i(x) = (a_i * x + b_i) mod 2**32`` with ``a_i`` odd, so each one is a
permutation of the 32-bit shingle hashes (which are already well mixed, see :mod:`.shingles`). The share
of positions where two signatures agree estimates the Jaccard similarity of the two shingle sets.

All texts of a batch are done together: shingles are taken in chunks of a few thousand rows, the
``rows x permutations`` matrix of hashes is computed in place in one preallocated buffer, and
``np.minimum.reduceat`` takes each text's minimum over its rows. A signature is ``permutations``
``uint32`` values (512 bytes for 128); a text without shingles has the all-ones signature
:data:`EMPTY`, which :func:`is_empty` recognises.
"""

from __future__ import annotations

import numpy as np

from copydesk.dedup.shingles import Shingled

EMPTY = np.uint32(0xFFFFFFFF)
_CHUNK_ROWS = 4096  # shingles hashed at a time: the buffer (rows x permutations x 4 bytes) stays in cache


class MinHasher:
    """Compute MinHash signatures with ``permutations`` seeded hash functions."""

    __slots__ = ("permutations", "seed", "_a", "_b")

    def __init__(self, permutations: int = 128, seed: int = 1) -> None:
        if permutations < 1:
            raise ValueError("permutations must be at least 1")
        self.permutations = permutations
        self.seed = seed
        rng = np.random.Generator(np.random.PCG64(seed))
        self._a = rng.integers(0, 1 << 32, size=permutations, dtype=np.uint64).astype(np.uint32) | 1
        self._b = rng.integers(0, 1 << 32, size=permutations, dtype=np.uint64).astype(np.uint32)

    def signatures(self, shingled: Shingled) -> np.ndarray:
        """The ``(texts, permutations)`` uint32 signatures of a batch of shingled texts."""
        n = len(shingled)
        out = np.full((n, self.permutations), EMPTY, dtype=np.uint32)
        offsets, shingles = shingled.offsets, shingled.shingles
        # Permutations as rows and shingles as columns: NumPy's inner loops then run over contiguous
        # memory, several times faster than the other layout (reduceat along rows is slow).
        buffer = np.empty((self.permutations, _CHUNK_ROWS), dtype=np.uint32)
        i = 0
        while i < n:
            # Texts i..j-1 make one chunk: as many whole texts as fit (at least one).
            j = int(np.searchsorted(offsets, offsets[i] + _CHUNK_ROWS, side="right")) - 1
            j = min(max(j, i + 1), n)
            lo, hi = int(offsets[i]), int(offsets[j])
            if hi > lo:
                rows = hi - lo
                if rows > buffer.shape[1]:
                    buffer = np.empty((self.permutations, rows), dtype=np.uint32)
                block = buffer[:, :rows]
                np.multiply(self._a[:, None], shingles[None, lo:hi], out=block)
                block += self._b[:, None]
                starts = offsets[i:j] - lo
                filled = np.flatnonzero(np.diff(offsets[i : j + 1]) > 0)
                out[i + filled] = np.minimum.reduceat(block, starts[filled], axis=1).T
            i = j
        return out

    def __repr__(self) -> str:
        return f"MinHasher(permutations={self.permutations}, seed={self.seed})"


def is_empty(signatures: np.ndarray) -> np.ndarray:
    """Which rows are the signature of a text without shingles."""
    return np.all(signatures == EMPTY, axis=-1)  # type: ignore[no-any-return]


def estimate(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of signatures ``a`` and ``b`` (rows paired; broadcasting applies)."""
    return np.mean(a == b, axis=-1)  # type: ignore[no-any-return]
