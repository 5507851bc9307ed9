"""Tests of copydesk.dedup shingles, minhash, lsh and verify: the parts of a sketch."""

from __future__ import annotations

import numpy as np
import pytest

from copydesk.dedup import MinHasher, Shingler, band_keys, estimate, jaccard, shingle, shingle_sets
from copydesk.dedup.lsh import bucket_pairs, candidate_pairs, chain_pairs, pack, unpack
from copydesk.dedup.minhash import is_empty
from tests.dedup.stories import COUNCIL, COUNCIL_LATER, STORM


def test_shingles_ignore_case_punctuation_and_spacing() -> None:
    s = shingle(
        ["Hello, World! This is   a test of the shingles.", "hello world this is a test of THE shingles"]
    )
    assert s.of(0).tolist() == s.of(1).tolist()
    assert s.exact[0] == s.exact[1] != 0
    assert s.words.tolist() == [9, 9]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("don\u2019t stop \u201cnow\u201d", 'don\'t stop "now"'),  # curly quotes
        ("one\u2014two three", "one - two three"),  # em dash
        ("caf\u00e9 na\u00efve", "CAF\u00e9 NA\u00efVE"),  # ASCII case folds, accented letters stay in words
        ("a\u00a0b", "a b"),  # no-break space
    ],
)
def test_shingles_unicode_punctuation_separates_words(a: str, b: str) -> None:
    s = shingle([a, b], k=2)
    assert s.of(0).tolist() == s.of(1).tolist()


def test_shingles_counts_per_text() -> None:
    s = shingle(["one two three four five six", "one two", "", "  ...  "])
    assert s.offsets.tolist() == [0, 2, 3, 3, 3]  # 2 five-word shingles, 1 for a short text, none for empty
    assert s.exact[2] == s.exact[3] == 0


def test_shingles_word_order_matters_for_the_exact_key() -> None:
    s = shingle(["alpha beta gamma", "gamma beta alpha"])
    assert s.exact[0] != s.exact[1]


def test_shingles_large_batches_match_small_ones() -> None:
    texts = ["\n\n".join(COUNCIL)] * 400 + ["\n\n".join(STORM)]  # over a megabyte: hashed in chunks
    big = Shingler()(texts)
    small = Shingler()(texts[-2:])
    assert big.of(399).tolist() == small.of(0).tolist() and big.of(400).tolist() == small.of(1).tolist()


def test_minhash_estimates_jaccard() -> None:
    texts = ["\n\n".join(COUNCIL), "\n\n".join(COUNCIL[:4]), "\n\n".join(STORM)]
    shingled = shingle(texts)
    sets = shingle_sets(shingled)
    signatures = MinHasher(128, seed=3).signatures(shingled)
    assert signatures.shape == (3, 128) and signatures.dtype == np.uint32
    assert abs(estimate(signatures[0], signatures[1]) - jaccard(sets[0], sets[1])) < 0.15
    assert estimate(signatures[0], signatures[2]) < 0.1


def test_minhash_empty_text_has_the_empty_signature() -> None:
    signatures = MinHasher().signatures(shingle(["", "some words here"]))
    assert is_empty(signatures).tolist() == [True, False]


def test_jaccard_of_sorted_sets() -> None:
    assert jaccard(np.array([1, 2, 3], np.uint32), np.array([2, 3, 4], np.uint32)) == 0.5
    assert jaccard(np.array([], np.uint32), np.array([], np.uint32)) == 1.0
    assert jaccard(np.array([1], np.uint32), np.array([], np.uint32)) == 0.0


def test_lsh_band_keys_shape_and_equality() -> None:
    texts = ["\n\n".join(COUNCIL)] * 2 + ["\n\n".join(COUNCIL_LATER)]
    keys = band_keys(MinHasher().signatures(shingle(texts)), 16, 8)
    assert keys.shape == (3, 16) and keys.dtype == np.uint64
    assert (keys[0] == keys[1]).all() and not (keys[0] == keys[2]).any()
    with pytest.raises(ValueError, match="permutations"):
        band_keys(np.zeros((1, 64), np.uint32), 16, 8)


def test_lsh_bucket_pairs_all_pairs_then_a_window() -> None:
    keys = np.array([7, 7, 7, 1, 2, 2], dtype=np.uint64)
    assert sorted(zip(*unpack(bucket_pairs(keys)), strict=True)) == [(0, 1), (0, 2), (1, 2), (4, 5)]
    many = np.zeros(10, dtype=np.uint64)
    assert bucket_pairs(many, window=2).size == 9 + 8  # a big run: each with the first, then a chain


def test_lsh_chain_and_candidates_use_member_numbers() -> None:
    keys = np.array([5, 9, 5], dtype=np.uint64)
    assert unpack(chain_pairs(keys, np.array([10, 11, 12])))[0].tolist() == [10]
    both = np.array([[1, 2], [1, 3], [4, 3]], dtype=np.uint64)
    assert candidate_pairs(both).tolist() == sorted(pack(np.array([0, 1]), np.array([1, 2])).tolist())
