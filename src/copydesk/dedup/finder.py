"""Exact and near-duplicate detection, end to end: sketch, candidates, verification, clusters.

The four steps, each usable alone (the corpus run spreads them over partitions and workers):

1. :class:`Sketcher`: texts to MinHash signatures, LSH band keys and exact keys (:mod:`.shingles`,
   :mod:`.minhash`, :mod:`.lsh`).
2. :func:`find_candidates`: texts with the same exact key are linked at once; one text per exact key
   goes through LSH banding, and pairs sharing a band key become candidates.
3. :func:`check_pairs`: a candidate is kept when its signatures agree far above the threshold, or
   when the exact Jaccard similarity of the shingle sets (:func:`verify_pairs`) reaches it.
4. :func:`assign`: connected components of the kept pairs, the canonical member of each
   (:mod:`.clusters` documents the rule), and the fields ``dup_cluster``, ``dup_of``, ``dup_similarity``.

:func:`deduplicate` runs them over a list of articles in memory. Everything is computed on the cleaned
body (:attr:`~copydesk.record.Article.text`), never on the boilerplate; an empty body is never a duplicate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from copydesk.dedup.clusters import Members, UnionFind, canonical_members, date_number
from copydesk.dedup.lsh import band_keys, candidate_pairs, chain_pairs, unpack
from copydesk.dedup.minhash import MinHasher, estimate
from copydesk.dedup.shingles import Shingler
from copydesk.dedup.verify import jaccard, shingle_sets, verify_rounds, verify_texts
from copydesk.record import Article


@dataclass(slots=True, kw_only=True, frozen=True)
class DedupOptions:
    """How duplicates are found: similarity threshold, shingles, MinHash and banding."""

    threshold: float = 0.8  # Jaccard similarity of word shingles at or above which two texts are copies
    shingle_words: int = 5  # words per shingle
    permutations: int = 128  # MinHash hash functions (a signature is 4 bytes each)
    bands: int = 16  # LSH bands; bands x rows <= permutations
    rows: int = 8  # signature values per band
    window: int = 64  # largest bucket whose pairs are all candidates (see lsh.bucket_pairs)
    margin: float = 0.15  # estimated below threshold - margin: dropped; above threshold + margin: kept
    seed: int = 1  # seeds the MinHash functions: runs to be compared must use the same
    batch: int = 512  # texts sketched at a time

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {self.threshold}")
        if self.bands * self.rows > self.permutations:
            raise ValueError(f"{self.bands} bands x {self.rows} rows exceed {self.permutations} permutations")


@dataclass(slots=True)
class Sketch:
    """Signatures, band keys and exact keys of a batch of texts, row by row."""

    signatures: np.ndarray  # (n, permutations) uint32
    bands: np.ndarray  # (n, bands) uint64
    exact: np.ndarray  # (n,) uint64; 0 for a text without words (never a duplicate)

    def __len__(self) -> int:
        return len(self.exact)


class Sketcher:
    """Texts to :class:`Sketch` es (keeps its hash functions and tables between batches)."""

    __slots__ = ("options", "_shingler", "_hasher")

    def __init__(self, options: DedupOptions | None = None) -> None:
        self.options = options or DedupOptions()
        self._shingler = Shingler(self.options.shingle_words)
        self._hasher = MinHasher(self.options.permutations, self.options.seed)

    def __call__(self, texts: Sequence[str]) -> Sketch:
        """Sketch ``texts``, ``options.batch`` at a time."""
        o = self.options
        parts = []
        for start in range(0, len(texts), o.batch):
            shingled = self._shingler(texts[start : start + o.batch])
            signatures = self._hasher.signatures(shingled)
            parts.append(Sketch(signatures, band_keys(signatures, o.bands, o.rows), shingled.exact))
        if not parts:
            empty = np.zeros((0, o.permutations), dtype=np.uint32)
            return Sketch(empty, np.zeros((0, o.bands), dtype=np.uint64), np.zeros(0, dtype=np.uint64))
        if len(parts) == 1:
            return parts[0]
        return Sketch(
            np.concatenate([p.signatures for p in parts]),
            np.concatenate([p.bands for p in parts]),
            np.concatenate([p.exact for p in parts]),
        )


@dataclass(slots=True)
class Candidates:
    """Pairs to link: exact copies (linked without verification) and LSH candidates (to verify)."""

    exact: np.ndarray  # packed pairs (see lsh.pack)
    near: np.ndarray  # packed pairs, none of them between two exact copies


def representatives(exact: np.ndarray) -> np.ndarray:
    """The numbers of the first text of each exact key (texts without words left out)."""
    valid = np.flatnonzero(exact != 0)
    _, first = np.unique(exact[valid], return_index=True)
    return np.sort(valid[first])


def only_new(packed: np.ndarray, new: np.ndarray | None) -> np.ndarray:
    """The pairs with at least one new text (``new``: a mask; None: all texts are new)."""
    if new is None or packed.size == 0:
        return packed
    left, right = unpack(packed)
    return packed[new[left] | new[right]]


def find_candidates(
    bands: np.ndarray, exact: np.ndarray, options: DedupOptions, new: np.ndarray | None = None
) -> Candidates:
    """Exact-copy pairs and LSH candidate pairs, only those touching a ``new`` text when it is given."""
    valid = np.flatnonzero(exact != 0)
    exact_pairs = chain_pairs(exact[valid], valid)
    reps = representatives(exact)
    near = candidate_pairs(bands[reps], reps, options.window)
    return Candidates(only_new(exact_pairs, new), only_new(near, new))


def triage(
    packed: np.ndarray, signatures: np.ndarray, options: DedupOptions
) -> tuple[np.ndarray, np.ndarray]:
    """Split candidates by their estimated similarity: (sure, unsure); those far below are dropped.

    *Sure* pairs are estimated at ``threshold + margin`` or above, *unsure* ones between the margins;
    only the unsure need the exact similarity. With 128 permutations the estimate's standard deviation
    is at most 0.044 (0.035 at 0.8), so with the default margin of 0.15 a pair at the threshold is
    wrongly dropped, or one below it wrongly sure, less than once in 100,000.
    """
    left, right = unpack(packed)
    if left.size == 0:
        return packed, packed
    estimated = estimate(signatures[left], signatures[right])
    sure = estimated >= options.threshold + options.margin
    unsure = ~sure & (estimated >= options.threshold - options.margin)
    return packed[sure], packed[unsure]


def check_pairs(
    texts: Sequence[str],
    packed: np.ndarray,
    signatures: np.ndarray,
    options: DedupOptions,
    *,
    spanning: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs of ``texts`` that are copies: sure by their signatures, or verified exactly.

    With ``spanning``, a pair whose texts the pairs kept so far already join is skipped: enough for
    connected components, and far cheaper in a chunk of a story copied many times.
    """
    sure, unsure = triage(packed, signatures, options)
    sure_left, sure_right = unpack(sure)
    sure_similarity = estimate(signatures[sure_left], signatures[sure_right]).astype(np.float32)
    if spanning:
        left, right, similarity = _verify_spanning(texts, sure_left, sure_right, unsure, options)
    else:
        left, right, similarity = verify_pairs(texts, unsure, options)
    return (
        np.concatenate([sure_left, left]),
        np.concatenate([sure_right, right]),
        np.concatenate([sure_similarity, similarity]),
    )


def _verify_spanning(
    texts: Sequence[str],
    joined_left: np.ndarray,
    joined_right: np.ndarray,
    packed: np.ndarray,
    o: DedupOptions,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`verify_pairs`, skipping the pairs already joined (by the ``joined`` pairs or earlier ones)."""
    left, right = unpack(packed)
    if left.size == 0:
        return left, right, np.zeros(0, dtype=np.float32)
    used, inverse = np.unique(np.concatenate([left, right]), return_inverse=True)
    sets = shingle_sets(Shingler(o.shingle_words)([texts[i] for i in used.tolist()]))
    linked = UnionFind(len(texts))
    linked.union_pairs(joined_left, joined_right)
    kept: list[tuple[int, int, float]] = []
    pairs = zip(
        left.tolist(),
        right.tolist(),
        inverse[: left.size].tolist(),
        inverse[left.size :].tolist(),
        strict=True,
    )
    for a, b, x, y in pairs:
        if linked.find(a) == linked.find(b):
            continue
        similarity = jaccard(sets[x], sets[y])
        if similarity >= o.threshold:
            linked.union(a, b)
            kept.append((a, b, similarity))
    if not kept:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    a, b, sim = zip(*kept, strict=True)
    return np.array(a, np.int64), np.array(b, np.int64), np.array(sim, np.float32)


def verify_pairs(
    texts: Sequence[str], packed: np.ndarray, options: DedupOptions
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs (left, right, similarity) of ``texts`` whose Jaccard similarity reaches the threshold."""
    left, right = unpack(packed)
    if left.size == 0:
        return left, right, np.zeros(0, dtype=np.float32)
    used, inverse = np.unique(np.concatenate([left, right]), return_inverse=True)
    similarity = verify_texts(
        [texts[i] for i in used.tolist()],
        inverse[: left.size],
        inverse[left.size :],
        shingle_words=options.shingle_words,
    )
    keep = similarity >= options.threshold
    return left[keep], right[keep], similarity[keep]


@dataclass(slots=True)
class Assignment:
    """The duplicate fields of every text (None where a text is unique or is the canonical member)."""

    cluster: list[str | None]
    dup_of: list[str | None]
    similarity: list[float | None]
    clusters: int = 0
    duplicates: int = 0
    largest: int = 0
    changed: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # texts in clusters


def assign(
    labels: np.ndarray,
    members: Members,
    signatures: np.ndarray,
    exact: np.ndarray,
    only: np.ndarray | None = None,
) -> Assignment:
    """The fields of each text from component ``labels`` (``only``: the texts whose clusters to fill)."""
    n = len(labels)
    canon = canonical_members(labels, members, only)
    sizes = np.bincount(labels, minlength=n)
    inside = np.flatnonzero(sizes[labels] > 1)
    if only is not None:
        wanted = np.zeros(n, dtype=bool)
        wanted[labels[np.asarray(only, dtype=np.int64)]] = True
        inside = inside[wanted[labels[inside]]]
    result = Assignment([None] * n, [None] * n, [None] * n, changed=inside)
    dups = inside[canon[inside] != inside]
    sims = estimate(signatures[dups], signatures[canon[dups]]) if dups.size else np.zeros(0)
    sims = np.where(exact[dups] == exact[canon[dups]], 1.0, sims)
    for i in inside.tolist():
        result.cluster[i] = members.keys[int(canon[i])]
    for i, s in zip(dups.tolist(), sims.tolist(), strict=True):
        c = int(canon[i])
        result.dup_of[i] = members.ids[c] or members.keys[c]
        result.similarity[i] = round(float(s), 4)
    result.duplicates = int(dups.size)
    result.clusters = int(inside.size - dups.size)
    result.largest = int(sizes[labels[inside]].max()) if inside.size else 0
    return result


@dataclass(slots=True)
class DedupStats:
    """What one deduplication found."""

    texts: int = 0
    candidates: int = 0
    checked: int = 0  # candidates whose similarity was computed (others were joined already)
    verified: int = 0  # pairs found similar
    exact_pairs: int = 0
    clusters: int = 0
    duplicates: int = 0
    largest: int = 0


def deduplicate(
    articles: Sequence[Article], options: DedupOptions | None = None, keys: Sequence[str] | None = None
) -> DedupStats:
    """Find the copies among ``articles`` and set their ``dup_*`` fields in place.

    ``keys`` identify the articles (unique); by default their ids, or their positions when ids are
    missing or repeated.
    """
    options = options or DedupOptions()
    texts = [a.text for a in articles]
    if keys is None:
        ids = [a.id for a in articles]
        unique = all(ids) and len(set(ids)) == len(ids)
        keys = [str(i) for i in ids] if unique else [str(k) for k in range(len(articles))]
    sketch = Sketcher(options)(texts)
    found = find_candidates(sketch.bands, sketch.exact, options)
    linked = UnionFind(len(texts))
    linked.union_pairs(*unpack(found.exact))

    def verify(chunks: list[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        return [check_pairs(texts, c, sketch.signatures, options, spanning=True) for c in chunks]

    left, _, checked = verify_rounds(linked, found.near, verify)
    labels = linked.labels()
    members = Members(
        keys,
        [a.id for a in articles],
        np.array([date_number(a.published) for a in articles], dtype=np.int64),
        np.array([len(t) for t in texts], dtype=np.int64),
    )
    result = assign(labels, members, sketch.signatures, sketch.exact)
    for article, cluster, dup_of, similarity in zip(
        articles, result.cluster, result.dup_of, result.similarity, strict=True
    ):
        article.dup_cluster, article.dup_of, article.dup_similarity = cluster, dup_of, similarity
    return DedupStats(
        len(texts),
        int(found.near.size),
        checked,
        int(left.size),
        int(found.exact.size),
        result.clusters,
        result.duplicates,
        result.largest,
    )
