"""Word shingles of many texts at once, hashed with NumPy: the tokeniser never loops in Python.

A batch of texts is encoded to UTF-8 and joined; one pass of array operations then finds the words
(runs of ASCII letters and digits, or of non-ASCII bytes, so accented and non-Latin words stay whole),
lowercases them, hashes each word to 64 bits, and combines every ``k`` consecutive word hashes of a text
into one 32-bit shingle hash. Punctuation, spacing and case never change a shingle, so two copies of a
story that differ only in typography have the same shingles. Unicode punctuation in U+2000-U+206F
(curly quotes, dashes, ellipses), no-break spaces and guillemets separate words like ASCII punctuation.

A text with fewer than ``k`` words has one shingle (its words); a text without words has none.
Besides shingles, each text gets an *exact key*: a 64-bit hash of its whole word sequence, equal for
two texts exactly when their normalised bodies (words, lowercased) are the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_PLACE = np.array([pow(0x2545F4914F6CDD1D, j, 1 << 64) | 1 for j in range(64)], dtype=np.uint64)


def mix64(x: np.ndarray) -> np.ndarray:
    """Scramble 64-bit values (splitmix64's finaliser), in place when given a fresh array."""
    x ^= x >> np.uint64(30)
    x *= _M1
    x ^= x >> np.uint64(27)
    x *= _M2
    x ^= x >> np.uint64(31)
    return x


@dataclass(slots=True)
class Shingled:
    """The shingles of a batch of texts: one flat array, cut per text by ``offsets``."""

    shingles: np.ndarray  # uint32 shingle hashes of all texts, text after text
    offsets: np.ndarray  # int64, len(texts) + 1: text i's shingles are shingles[offsets[i]:offsets[i+1]]
    exact: np.ndarray  # uint64 per text: hash of its normalised word sequence (0 for a text without words)
    words: np.ndarray  # int64 per text: number of words

    def __len__(self) -> int:
        return len(self.words)

    def of(self, i: int) -> np.ndarray:
        """The shingles of text ``i``."""
        return self.shingles[self.offsets[i] : self.offsets[i + 1]]


def _word_mask(data: np.ndarray) -> np.ndarray:
    """Which bytes belong to words: ASCII letters and digits, non-ASCII bytes but Unicode punctuation."""
    folded = data | np.uint8(0x20)
    w = ((folded >= ord("a")) & (folded <= ord("z"))) | ((data >= ord("0")) & (data <= ord("9")))
    w |= data >= 0x80
    # U+2000-U+206F (E2 80 xx, E2 81 xx): dashes, quotes, ellipsis; C2 A0/AB/BB: no-break space, guillemets.
    lead = np.flatnonzero((data[:-2] == 0xE2) & ((data[1:-1] == 0x80) | (data[1:-1] == 0x81)))
    if lead.size:
        w[lead] = w[lead + 1] = w[lead + 2] = False
    lead = np.flatnonzero(
        (data[:-1] == 0xC2) & ((data[1:] == 0xA0) | (data[1:] == 0xAB) | (data[1:] == 0xBB))
    )
    if lead.size:
        w[lead] = w[lead + 1] = False
    return w


class _Powers:
    """Powers of an odd 32-bit multiplier and of its inverse, grown on demand (kept by a Shingler)."""

    __slots__ = ("up", "down")

    def __init__(self) -> None:
        self.up = np.ones(1, dtype=np.uint32)
        self.down = np.ones(1, dtype=np.uint32)

    def get(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if self.up.size < n:
            size = max(n, min(2 * self.up.size, _CHUNK_BYTES + 4), 1 << 16)
            self.up = np.cumprod(np.full(size, _BASE, dtype=np.uint32), dtype=np.uint32) * _BASE_INV
            self.up[0] = 1
            self.down = np.cumprod(np.full(size, _BASE_INV, dtype=np.uint32), dtype=np.uint32) * _BASE
            self.down[0] = 1
        return self.up[:n], self.down[:n]


_BASE = np.uint32(0x01000193)  # FNV's 32-bit prime
_BASE_INV = np.uint32(pow(0x01000193, -1, 1 << 32))


_CHUNK_BYTES = 1 << 20  # text bytes hashed at a time: bounds the tables of powers (16 bytes a byte)


def word_hashes(texts: Sequence[str], powers: _Powers | None = None) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the words of ``texts`` (all texts in order) and the word offsets of each text.

    A word's hash is the 32-bit polynomial ``sum c_j * B**(j - start)`` of its lowercased bytes, read off a
    prefix sum over the batch and shifted back by the inverse power of its start: no per-byte gathers. Texts
    are taken about a megabyte at a time, which bounds the tables of powers.
    """
    powers = powers or _Powers()
    encoded = [t.encode("utf-8", "ignore") for t in texts]
    sizes = np.cumsum([len(e) + 1 for e in encoded], dtype=np.int64)
    if not encoded or sizes[-1] <= _CHUNK_BYTES:
        return _hash_words(encoded, powers)
    parts, counts, start = [], [], 0
    while start < len(encoded):
        base = sizes[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(sizes, base + _CHUNK_BYTES, side="right")))
        hashes, offsets = _hash_words(encoded[start:stop], powers)
        parts.append(hashes)
        counts.append(np.diff(offsets))
        start = stop
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(np.concatenate(counts), out=offsets[1:])
    return np.concatenate(parts), offsets


def _hash_words(encoded: list[bytes], powers: _Powers) -> tuple[np.ndarray, np.ndarray]:
    """:func:`word_hashes` of UTF-8 texts, in one go."""
    ends = np.cumsum([len(e) + 1 for e in encoded], dtype=np.int64)
    data = np.frombuffer(b"\n".join(encoded) + b"\n\n", dtype=np.uint8)
    w = _word_mask(data)
    edge = np.flatnonzero(w[1:] != w[:-1]) + 1  # word starts and ends, alternating
    if w[0]:
        edge = np.concatenate([[0], edge])
    first, last = edge[0::2], edge[1::2]
    if first.size == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(len(encoded) + 1, dtype=np.int64)
    lowered = data + (((data >= ord("A")) & (data <= ord("Z"))) * np.uint8(32))
    up, down = powers.get(data.size + 1)
    values = lowered.astype(np.uint32)  # bytes between words never count: only word spans are read
    values *= up[: data.size]
    prefix = np.zeros(data.size + 1, dtype=np.uint32)
    np.cumsum(values, out=prefix[1:], dtype=np.uint32)  # wraps modulo 2**32, as the powers do
    # 32 bits are plenty for words (a corpus has about a million distinct ones); mixed up to 64 bits.
    hashes = mix64(((prefix[last] - prefix[first]) * down[first]).astype(np.uint64))
    text_of = np.searchsorted(ends, first, side="right")
    counts = np.bincount(text_of, minlength=len(encoded))
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return hashes, offsets


class Shingler:
    """Hash the word ``k``-grams of batches of texts (keeping the tables it grows between batches)."""

    __slots__ = ("k", "_powers")

    def __init__(self, k: int = 5) -> None:
        if not 1 <= k <= _PLACE.size:
            raise ValueError(f"a shingle has 1 to {_PLACE.size} words, not {k}")
        self.k = k
        self._powers = _Powers()

    def __call__(self, texts: Sequence[str]) -> Shingled:
        """The shingles and exact keys of ``texts``."""
        return shingle(texts, self.k, self._powers)


def shingle(texts: Sequence[str], k: int = 5, powers: _Powers | None = None) -> Shingled:
    """Hash the word ``k``-grams of each text (and its exact key), all texts in one set of array passes."""
    hashes, word_offsets = word_hashes(texts, powers)
    n = len(texts)
    words = np.diff(word_offsets)
    # Exact key: a sum of word hashes weighted by their place in the text (a prefix-sum difference, so
    # empty texts give 0 and texts of any length take one pass).
    local = np.arange(hashes.size, dtype=np.uint64) - np.repeat(word_offsets[:-1], words).astype(np.uint64)
    salted = hashes * (local * _GOLDEN | np.uint64(1))
    prefix = np.zeros(hashes.size + 1, dtype=np.uint64)
    np.cumsum(salted, out=prefix[1:])
    exact = prefix[word_offsets[1:]] - prefix[word_offsets[:-1]]
    exact[words == 0] = 0
    # A shingle starts at every word that has k-1 words after it in its text, and at the first word of a
    # text shorter than k words. All positions are combined at once, then the valid starts are kept.
    size = hashes.size
    padded = np.concatenate([hashes, np.zeros(k, dtype=np.uint64)])
    combined = padded[:size].copy()
    for j in range(1, k):
        combined += padded[j : size + j] * _PLACE[j]
    long_texts = words >= k
    mark = np.bincount(word_offsets[:-1][long_texts], minlength=size + 1)
    mark -= np.bincount(word_offsets[1:][long_texts] - k + 1, minlength=size + 1)
    valid = np.cumsum(mark[:size]) > 0
    short = np.flatnonzero((words > 0) & ~long_texts)
    if short.size:  # their one shingle: their words, nothing past their end
        at = word_offsets[short]
        fix = padded[at].copy()
        for j in range(1, k):
            part = padded[at + j] * _PLACE[j]
            part[words[short] <= j] = 0
            fix += part
        combined[at] = fix
        valid[at] = True
    per_text = np.where(long_texts, words - k + 1, np.minimum(words, 1))
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(per_text, out=offsets[1:])
    shingles = (combined[valid] >> np.uint64(32)).astype(np.uint32)  # words are mixed: top bits suffice
    return Shingled(shingles, offsets, exact, words)
