"""Clusters of duplicates: connected components of verified pairs, and each cluster's canonical member.

Two texts are in one cluster when a chain of verified pairs (Jaccard >= the threshold, or the same
normalised body) links them. Components come from a union-find over text numbers.

**The canonical rule.** A cluster's canonical member is the one that comes first by:

1. the earliest publication date (the ``YYYY-MM-DD`` that ``published`` starts with; articles without
   a readable date come after all dated ones);
2. then the longest body (in characters): the most complete version of the story;
3. then the smallest id (the article's id, or its key when it has none), so the choice is stable.

Every member gets ``dup_cluster`` (the canonical member's key: stable, unique, and joinable to
``articles.key``); the others also get ``dup_of`` (the canonical member's id, or its key when it has
no id) and ``dup_similarity`` (their estimated Jaccard similarity with the canonical member, from the
MinHash signatures; 1.0 for exact copies). The canonical member's ``dup_of`` and ``dup_similarity`` stay
null, so ``dup_of IS NOT NULL`` counts exactly the duplicates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
NO_DATE = 99_999_999  # sorts after every real date


def date_number(published: str | None) -> int:
    """``YYYYMMDD`` as an int for a ``published`` value starting with an ISO date, else :data:`NO_DATE`."""
    if not published:
        return NO_DATE
    match = _DATE.match(published.strip())
    if match is None:
        return NO_DATE
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return NO_DATE
    return year * 10_000 + month * 100 + day


class UnionFind:
    """Disjoint sets over ``0..n-1`` with path halving and union by size."""

    __slots__ = ("parent", "size")

    def __init__(self, n: int) -> None:
        self.parent = np.arange(n, dtype=np.int64)
        self.size = np.ones(n, dtype=np.int64)

    def find(self, x: int) -> int:
        """The root of ``x``'s set."""
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = int(parent[x])
        return x

    def union(self, a: int, b: int) -> None:
        """Join the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]

    def union_pairs(self, left: np.ndarray, right: np.ndarray) -> None:
        """Join the sets of every pair ``(left[k], right[k])``."""
        for a, b in zip(left.tolist(), right.tolist(), strict=True):
            self.union(a, b)

    def labels(self) -> np.ndarray:
        """The root of every element (a component label), compressing every path (vectorised)."""
        parent = self.parent
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                self.parent = parent
                return parent.copy()
            parent = grand


def components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """A component label for each of ``n`` texts, given the pairs ``(left[k], right[k])`` that link them."""
    uf = UnionFind(n)
    uf.union_pairs(left, right)
    return uf.labels()


@dataclass(slots=True)
class Members:
    """What the canonical rule looks at, one entry per text."""

    keys: Sequence[str]  # unique and stable (the document key)
    ids: Sequence[str | None]
    dates: np.ndarray  # int YYYYMMDD, NO_DATE when unknown (see date_number)
    lengths: np.ndarray  # body length in characters


def canonical_members(labels: np.ndarray, members: Members, only: np.ndarray | None = None) -> np.ndarray:
    """For each text, the number of its cluster's canonical member (itself for a text alone).

    ``only``: the texts whose clusters matter (others are returned as their own canonical member).
    """
    n = len(labels)
    canon = np.arange(n, dtype=np.int64)
    sizes = np.bincount(labels, minlength=n)
    clustered = np.flatnonzero(sizes[labels] > 1)
    if only is not None:  # every member of the clusters that hold one of `only`
        wanted = np.zeros(n, dtype=bool)
        wanted[labels[np.asarray(only, dtype=np.int64)]] = True
        clustered = clustered[wanted[labels[clustered]]]
    if clustered.size == 0:
        return canon
    ident = [members.ids[i] or members.keys[i] for i in clustered.tolist()]
    keys = [members.keys[i] for i in clustered.tolist()]
    rank = sorted(
        range(clustered.size),
        key=lambda k: (members.dates[clustered[k]], -members.lengths[clustered[k]], ident[k], keys[k]),
    )
    best: dict[int, int] = {}
    for k in rank:
        best.setdefault(int(labels[clustered[k]]), int(clustered[k]))
    canon[clustered] = [best[int(labels[i])] for i in clustered.tolist()]
    return canon
