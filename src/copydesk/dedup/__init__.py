"""Exact and near-duplicate detection: MinHash with LSH banding, verified pairs, connected components.

:func:`deduplicate` sets ``dup_cluster``, ``dup_of`` and ``dup_similarity`` on a list of articles;
``copydesk run`` does the same corpus-wide, partition by partition (see :mod:`copydesk.run.dedup_stage`).
"""

from copydesk.dedup.clusters import Members, UnionFind, canonical_members, components, date_number
from copydesk.dedup.finder import (
    Candidates,
    DedupOptions,
    DedupStats,
    Sketch,
    Sketcher,
    assign,
    check_pairs,
    deduplicate,
    find_candidates,
    triage,
    verify_pairs,
)
from copydesk.dedup.lsh import band_keys, candidate_pairs, pack, unpack
from copydesk.dedup.minhash import MinHasher, estimate
from copydesk.dedup.shingles import Shingled, Shingler, shingle
from copydesk.dedup.verify import jaccard, shingle_sets

__all__ = [
    "Candidates",
    "DedupOptions",
    "DedupStats",
    "Members",
    "MinHasher",
    "Shingled",
    "Shingler",
    "Sketch",
    "Sketcher",
    "UnionFind",
    "assign",
    "band_keys",
    "candidate_pairs",
    "canonical_members",
    "check_pairs",
    "components",
    "date_number",
    "deduplicate",
    "estimate",
    "find_candidates",
    "jaccard",
    "pack",
    "shingle",
    "shingle_sets",
    "triage",
    "unpack",
    "verify_pairs",
]
