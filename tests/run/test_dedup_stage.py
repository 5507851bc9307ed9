"""Tests of the corpus-wide dedup stage's bounded-memory pieces."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from copydesk.dedup.clusters import UnionFind
from copydesk.dedup.finder import DedupOptions
from copydesk.dedup.lsh import pack, unpack
from copydesk.run.dedup_sources import _signature_matrix
from copydesk.run.dedup_stage import cluster_batches, join_sure


def test_cluster_batches_keep_components_whole_and_cover_every_row() -> None:
    labels = np.array([0, 0, 2, 2, 2, 5, 5, 7, 8, 8])
    rows = np.flatnonzero(labels == labels)  # every row
    batches = cluster_batches(rows, labels, size=3)
    assert sorted(np.concatenate(batches).tolist()) == rows.tolist()
    for batch in batches:
        assert batch.tolist() == sorted(batch.tolist())
        for other in batches:
            if other is not batch:
                assert not set(labels[batch]) & set(labels[other])  # a component is in one batch
    assert max(len(b) for b in batches) <= 5  # about the size asked, whole components only
    assert cluster_batches(np.zeros(0, dtype=np.int64), labels, 3) == []


def test_signature_matrix_reads_binary_columns_without_copies_per_row() -> None:
    sigs = np.arange(12, dtype=np.uint32).reshape(3, 4)
    values = [row.tobytes() for row in sigs]
    for column in (
        pa.chunked_array([pa.array(values[:1], pa.binary()), pa.array(values[1:], pa.binary())]),
        pa.array(values, pa.binary(16)),
        pa.array(values, pa.large_binary()).slice(1),
    ):
        got = _signature_matrix(column, 4)
        want = sigs[-len(got) :]
        assert got.tolist() == want.tolist()


def test_give_back_memory_is_safe_to_call() -> None:
    from copydesk.run.memory import give_back_memory

    blob = bytearray(50_000_000)
    del blob
    give_back_memory()  # glibc: returns the free pages; elsewhere: does nothing


class _Signatures:
    """A source that only knows signatures (all join_sure asks for)."""

    def __init__(self, signatures: np.ndarray) -> None:
        self.matrix = signatures
        self.asked: list[list[int]] = []

    def signatures(self, rows: np.ndarray) -> np.ndarray:
        self.asked.append(rows.tolist())
        return self.matrix[rows]


def test_join_sure_joins_sure_pairs_keeps_unsure_ones_and_drops_far_ones() -> None:
    base = np.arange(100, dtype=np.uint32)
    near = base.copy()
    near[:15] += 1000  # 85% of the permutations agree: unsure at threshold 0.8, margin 0.1
    far = base + 1000  # nothing agrees
    signatures = np.stack([base, base, near, far, base])
    pairs = np.sort(pack(np.array([0, 0, 0, 1, 3]), np.array([1, 2, 3, 4, 4])))
    linked = UnionFind(5)
    source = _Signatures(signatures)
    options = DedupOptions(threshold=0.8, margin=0.1)
    unsure, joined = join_sure(source, pairs, linked, options, block=2)
    assert joined == 2  # 0-1 and 1-4: identical signatures
    assert linked.find(0) == linked.find(1) == linked.find(4) != linked.find(2)
    assert [tuple(p) for p in zip(*(a.tolist() for a in unpack(unsure)), strict=True)] == [(0, 2)]
    assert all(len(rows) <= 4 for rows in source.asked)  # two pairs at a time: at most four rows
