"""Deduplication as the first corpus-wide stage of ``copydesk run``: the same tasks under every executor.

Signatures are computed per shard in the map step (:class:`~copydesk.dedup.step.Signatures`, the last
step of the cleaning stage) and kept beside the shards. Then, over the whole corpus:

1. **Bucket shuffle.** One task per LSH band (and one for exact keys) reads that band's column of
   every signature file and sorts it: runs of equal keys are buckets, and their pairs are candidates
   (only pairs touching a document not deduplicated before, in an incremental run). Bands run a few
   at a time, and each band's candidates are verified before the next bands' are asked for.
2. **Verification.** The candidates whose signatures make them sure copies are joined first, without
   verification (:func:`join_sure`). The rest go in chunks to tasks that get the bodies and signatures
   of their documents (read by offset from a body file that the source makes once:
   :mod:`.dedup_bodies`), drop pairs estimated far below the threshold, and keep those whose exact
   shingle Jaccard similarity reaches it. Chunks go in rounds; pairs already joined (by exact copies,
   clusters in the store, sure pairs, earlier bands or earlier rounds) are never verified, nor kept in
   memory.
3. **Connected components** of the kept pairs, exact copies and the clusters already in the store, in
   this process (a label per document, 8 bytes each), and the canonical member of each cluster.
4. **Writing** ``dup_cluster``, ``dup_of`` and ``dup_similarity``: an UPDATE of the store, or a rewrite
   task per Parquet shard of a folder.

Tasks are plain functions of picklable dataclasses mapped by the executor (local processes or Ray); where
the data lives is a *source* (:mod:`copydesk.run.dedup_sources`). The result is the same whatever the
executor: pairs are sorted and labels do not depend on the order tasks finish in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from copydesk.dedup.clusters import Members, UnionFind
from copydesk.dedup.finder import DedupOptions, assign, check_pairs, representatives, triage
from copydesk.dedup.lsh import bucket_pairs, chain_pairs, pack, unpack
from copydesk.dedup.step import band_column
from copydesk.dedup.verify import verify_rounds
from copydesk.run.memory import give_back_memory

VERIFY_BLOCK = 1000  # documents per block of a verification task (see dedup.verify.plan_chunks)
WRITE_BATCH = 10_000  # documents whose fields are computed and written at a time (whole clusters)


@dataclass(slots=True, frozen=True)
class BandTask:
    """Find the pairs of one band (or, with ``band`` -1, the exact copies) over all signature files."""

    files: tuple[str, ...]
    band: int
    window: int = 64
    pending: bool = False  # the files have a ``pending`` column: only pairs touching one count


@dataclass(slots=True, frozen=True)
class VerifyTask:
    """Verify candidate pairs of documents given by their texts and signatures (positions into them)."""

    left: np.ndarray
    right: np.ndarray
    rows: np.ndarray  # the documents' row numbers in the corpus
    texts: list[str]
    signatures: np.ndarray
    options: DedupOptions


@dataclass(slots=True)
class DedupSummary:
    """What the corpus-wide stage did."""

    documents: int = 0
    pending: int = 0
    candidates: int = 0  # candidate pairs not joined already when their band came
    checked: int = 0  # candidates verified (the others were joined by then)
    verified: int = 0  # candidates found similar
    exact_pairs: int = 0
    clusters: int = 0
    duplicates: int = 0
    largest: int = 0
    updated: int = 0
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "extra"} | self.extra


def read_columns(files: tuple[str, ...], columns: list[str]) -> dict[str, np.ndarray]:
    """The given columns of all files, concatenated in file order, as NumPy arrays."""
    import pyarrow.parquet as pq

    parts: dict[str, list[np.ndarray]] = {c: [] for c in columns}
    for path in files:
        table = pq.read_table(path, columns=columns)
        for c in columns:
            parts[c].append(table.column(c).to_numpy())
    return {c: (np.concatenate(v) if v else np.zeros(0)) for c, v in parts.items()}


def band_pairs(task: BandTask) -> tuple[int, np.ndarray]:
    """The packed pairs of one band (sorted, unique), tagged with the band."""
    columns = ["exact"] + (["pending"] if task.pending else [])
    if task.band >= 0:
        columns.append(band_column(task.band))
    data = read_columns(task.files, columns)
    exact = data["exact"].astype(np.uint64)
    if task.band < 0:
        valid = np.flatnonzero(exact != 0)
        pairs = chain_pairs(exact[valid], valid)
    else:
        reps = representatives(exact)
        pairs = bucket_pairs(data[band_column(task.band)].astype(np.uint64)[reps], reps, task.window)
    if task.pending and pairs.size:
        left, right = unpack(pairs)
        pending = data["pending"].astype(bool)
        pairs = pairs[pending[left] | pending[right]]
    pairs = np.unique(pairs)
    del data
    give_back_memory()
    return task.band, pairs


def verify_chunk(task: VerifyTask) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs of a chunk that are copies, as row numbers, with their similarity."""
    packed = pack(task.left, task.right)
    left, right, similarity = check_pairs(task.texts, packed, task.signatures, task.options, spanning=True)
    give_back_memory()
    return task.rows[left], task.rows[right], similarity


def band_batches(source: Any, executor: Any, options: DedupOptions) -> Iterator[tuple[int, np.ndarray]]:
    """The bucket shuffle, one task a band (band -1: the exact copies), as ``(band, pairs)``: the exact
    copies first, then the bands, a few at a time (as many as the executor has workers), so that the
    caller holds only the pairs of the bands in hand."""
    files = tuple(source.band_files())
    step = max(1, int(getattr(executor, "workers", 1)))
    batches = [range(-1, 0)] + [range(b, min(b + step, options.bands)) for b in range(0, options.bands, step)]
    for bands in batches:
        tasks = [BandTask(files, b, options.window, source.has_pending) for b in bands]
        yield from sorted(executor.map_unordered(band_pairs, tasks), key=lambda r: r[0])


def join_sure(
    source: Any, pairs: np.ndarray, linked: UnionFind, options: DedupOptions, block: int = 100_000
) -> tuple[np.ndarray, int]:
    """Join the candidates that their signatures make sure copies, before any is verified; return the
    unsure ones (those estimated far below the threshold are dropped) and the number joined.

    Verification skips a pair already joined, so joining every sure pair of a band first leaves far
    fewer to verify: a story's copies are mostly sure of each other, and one sure pair can join two
    groups whose unsure pairs would otherwise be verified one by one. The components are the same
    either way. Signatures are read ``block`` pairs at a time, so memory stays bounded."""
    unsure_parts, joined = [], 0
    for at in range(0, pairs.size, block):
        part = pairs[at : at + block]
        left, right = unpack(part)
        rows, inverse = np.unique(np.concatenate([left, right]), return_inverse=True)
        local = pack(inverse[: left.size], inverse[left.size :])
        sure, unsure = triage(local, source.signatures(rows), options)
        sure_left, sure_right = unpack(sure)
        linked.union_pairs(rows[sure_left], rows[sure_right])
        joined += int(sure.size)
        unsure_left, unsure_right = unpack(unsure)
        unsure_parts.append(pack(rows[unsure_left], rows[unsure_right]))
    unsure = np.concatenate(unsure_parts) if unsure_parts else pairs[:0]
    return unsure, joined


def verify(
    source: Any, executor: Any, near: np.ndarray, linked: UnionFind, options: DedupOptions
) -> tuple[np.ndarray, np.ndarray, int]:
    """Verify the candidates in rounds of chunks, one task a chunk, skipping pairs ``linked`` joins."""

    def task(chunk: np.ndarray) -> VerifyTask:
        left, right = unpack(chunk)
        rows, inverse = np.unique(np.concatenate([left, right]), return_inverse=True)
        texts, signatures = source.bodies(rows)
        local_left, local_right = inverse[: left.size], inverse[left.size :]
        return VerifyTask(local_left, local_right, rows, texts, signatures, options)

    def run(chunks: list[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        tasks = [task(c) for c in chunks]  # fetched here, before any task runs: one thread uses the store
        return list(executor.map_unordered(verify_chunk, tasks))

    per_round = 2 * max(1, int(getattr(executor, "workers", 1)))
    return verify_rounds(linked, near, run, block=VERIFY_BLOCK, chunks_per_round=per_round)


def cluster_batches(rows: np.ndarray, labels: np.ndarray, size: int) -> list[np.ndarray]:
    """``rows`` cut into sorted batches of about ``size`` that never split a component of ``labels``
    (a batch is larger only when one component is): memory stays bounded whatever the corpus size."""
    if not rows.size:
        return []
    grouped = rows[np.argsort(labels[rows], kind="stable")]
    starts = np.flatnonzero(np.concatenate([[True], labels[grouped[1:]] != labels[grouped[:-1]]]))
    batches, begin = [], 0
    for at in starts.tolist()[1:]:
        if at - begin >= size:
            batches.append(np.sort(grouped[begin:at]))
            begin = at
    batches.append(np.sort(grouped[begin:]))
    return batches


def dedup_corpus(source: Any, executor: Any, options: DedupOptions) -> DedupSummary:
    """Find and write the duplicates of the corpus in ``source`` with ``executor``."""
    import time

    start = time.perf_counter()
    source.prepare(executor)
    n = source.rows
    summary = DedupSummary(documents=n)
    linked = UnionFind(n)
    linked.union_pairs(*source.previous())
    # Band by band: a band's candidates already joined by earlier bands are dropped before they are
    # verified or even kept, so memory holds one band's new pairs, however many copies a story has.
    try:
        for band, pairs in band_batches(source, executor, options):
            if band < 0:
                summary.exact_pairs = int(pairs.size)
                linked.union_pairs(*unpack(pairs))
                continue
            left, right = unpack(pairs)
            labels = linked.labels()
            pairs = pairs[labels[left] != labels[right]]
            summary.candidates += int(pairs.size)
            pairs, sure = join_sure(source, pairs, linked, options)
            kept, _, checked = verify(source, executor, pairs, linked, options)
            summary.checked += checked
            summary.verified += sure + int(kept.size)
            give_back_memory()  # the band's fetched bodies and pairs
    finally:
        source.close()  # the bodies are not needed any more
    labels = linked.labels()
    pending = source.pending_rows()
    summary.pending = int(pending.size)
    # The clusters holding a pending document are the ones to (re)write: all their members.
    sizes = np.bincount(labels, minlength=n)
    wanted = np.zeros(n, dtype=bool)
    wanted[labels[pending[sizes[labels[pending]] > 1]]] = True
    rows = np.flatnonzero(wanted[labels])
    for batch in cluster_batches(rows, labels, WRITE_BATCH):
        fetched = source.fetch(batch)
        _, local = np.unique(labels[batch], return_inverse=True)
        # A component's label must be one of its members' positions: use its first member.
        first = np.full(local.max() + 1, batch.size, dtype=np.int64)
        np.minimum.at(first, local, np.arange(batch.size))
        members = Members(fetched.keys, fetched.ids, fetched.dates, fetched.lengths)
        result = assign(first[local], members, fetched.signatures, fetched.exact)
        summary.clusters += result.clusters
        summary.duplicates += result.duplicates
        summary.largest = max(summary.largest, result.largest)
        summary.updated += source.write(fetched.keys, result)
    summary.updated += source.finish(executor)
    summary.seconds = round(time.perf_counter() - start, 3)
    return summary


def with_signatures(stage: Any, out_dir: str | Path, options: DedupOptions | None) -> Any:
    """The cleaning stage with the signature step last (unchanged when dedup is off)."""
    from copydesk.dedup.step import Signatures
    from copydesk.run.pipeline import Stage

    if options is None:
        return stage
    return Stage(stage.name, (*stage.steps, Signatures(out_dir=str(out_dir), options=options)))


def run_dedup(work: Path, store: Any, executor: Any, options: DedupOptions | None) -> dict[str, Any] | None:
    """The corpus-wide dedup stage of a run over a store (``store``) or a folder (``work``)."""
    from copydesk.run.dedup_sources import FolderSource, StoreSource

    if options is None:
        return None
    source = StoreSource(store.con, work, options) if store is not None else FolderSource(work, options)
    return dedup_corpus(source, executor, options).to_dict()
