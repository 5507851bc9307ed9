"""Near-duplicate detection: copydesk beside datasketch's MinHashLSH, on a corpus with known copies.

One run prints:

1. Quality on a sample of ``--sample`` documents (default 3,000) of the synthetic corpus of
   ``dedup_corpus.py``: the exact Jaccard similarity of every pair of word 5-gram shingle sets
   (Python tokens, string shingles: independent of copydesk's hashing) is the ground truth; precision
   and recall of the pairs at Jaccard >= 0.8 that each system reports. copydesk's pairs are its verified
   pairs (sure by their signatures or verified exactly, and exact copies), expanded over groups of
   exact copies; its *cluster* pairs (every two
   members of a cluster, linked through others) are shown too. datasketch's pairs are what
   ``MinHashLSH(threshold=0.8, num_perm=128)`` returns for each document's query.
2. Speed and memory at each ``--sizes`` (default 50,000 and 200,000 documents), each system in a fresh
   process fed the same documents in batches (making the texts is not timed): documents per second per
   core (documents / CPU seconds of the work: tokenising, MinHash, indexing, candidates, and for
   copydesk the verification of candidates), peak RSS of the process, and memory per document for
   signatures and buckets (copydesk: its arrays' bytes; datasketch: the growth of RSS while indexing).

    .venv/bin/python bench/dedup.py [--sizes 50000,200000] [--sample 3000] [--no-baseline]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dedup_corpus import DupCorpus  # noqa: E402

THRESHOLD = 0.8
BATCH = 512
_TOKEN = re.compile(r"[^\W_]+")


def py_shingles(text: str, k: int = 5) -> set[str]:
    """Word k-gram shingles as strings (lowercased words), the baseline's and the ground truth's."""
    words = _TOKEN.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def truth_pairs(texts: list[str]) -> set[tuple[int, int]]:
    """Pairs of texts whose exact shingle Jaccard similarity is at least THRESHOLD."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, text in enumerate(texts):
        for s in py_shingles(text):
            rows.append(i)
            cols.append(vocab.setdefault(s, len(vocab)))
    m = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(texts), len(vocab)))
    sizes = np.asarray(m.sum(axis=1)).ravel()
    inter = (m @ m.T).tocoo()
    keep = inter.row < inter.col
    i, j, shared = inter.row[keep], inter.col[keep], inter.data[keep]
    jac = shared / (sizes[i] + sizes[j] - shared)
    good = jac >= THRESHOLD
    return set(zip(i[good].tolist(), j[good].tolist(), strict=True))


def copydesk_pairs(texts: list[str]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """copydesk's verified pairs (expanded over exact copies) and its cluster pairs."""
    from copydesk.dedup import DedupOptions, Sketcher, check_pairs, components, find_candidates, unpack

    options = DedupOptions(threshold=THRESHOLD)
    sketch = Sketcher(options)(texts)
    found = find_candidates(sketch.bands, sketch.exact, options)
    left, right, _ = check_pairs(texts, found.near, sketch.signatures, options)
    groups: dict[int, list[int]] = {}
    for i, key in enumerate(sketch.exact.tolist()):
        if key:
            groups.setdefault(key, []).append(i)
    pairs = set()
    for members in groups.values():
        pairs |= {(a, b) for n, a in enumerate(members) for b in members[n + 1 :]}
    for a, b in zip(left.tolist(), right.tolist(), strict=True):
        for x in groups[int(sketch.exact[a])]:
            for y in groups[int(sketch.exact[b])]:
                pairs.add((min(x, y), max(x, y)))
    el, er = unpack(found.exact)
    labels = components(len(texts), np.concatenate([left, el]), np.concatenate([right, er]))
    clusters: dict[int, list[int]] = {}
    for i, label in enumerate(labels.tolist()):
        clusters.setdefault(label, []).append(i)
    in_clusters = {(a, b) for m in clusters.values() for n, a in enumerate(m) for b in m[n + 1 :]}
    return pairs, in_clusters


def datasketch_pairs(texts: list[str]) -> set[tuple[int, int]]:
    """The pairs datasketch's MinHashLSH (default settings, threshold 0.8) returns."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=128)
    pairs = set()
    for i, text in enumerate(texts):
        m = MinHash(num_perm=128)
        m.update_batch([s.encode("utf-8") for s in py_shingles(text)])
        pairs |= {(int(j), i) for j in lsh.query(m)}
        lsh.insert(i, m)
    return pairs


def score(found: set[tuple[int, int]], truth: set[tuple[int, int]]) -> tuple[float, float]:
    """Precision and recall of found pairs."""
    hit = len(found & truth)
    return (hit / len(found) if found else 1.0), (hit / len(truth) if truth else 1.0)


def quality(sample: int, baseline: bool) -> list[tuple[str, float, float, int]]:
    """(system, precision, recall, pairs) on the sample."""
    corpus = DupCorpus(seed=1)
    texts = corpus.docs(0, sample)
    truth = truth_pairs(texts)
    rows = []
    pairs, cluster_pairs = copydesk_pairs(texts)
    rows.append(("copydesk (verified pairs)", *score(pairs, truth), len(pairs)))
    rows.append(("copydesk (cluster pairs)", *score(cluster_pairs, truth), len(cluster_pairs)))
    if baseline:
        found = datasketch_pairs(texts)
        rows.append(("datasketch MinHashLSH", *score(found, truth), len(found)))
    return [*rows, ("ground truth", 1.0, 1.0, len(truth))]


def rss_mb() -> float:
    """Peak RSS of this process, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss() -> int:
    """Current RSS of this process, in bytes."""
    with open("/proc/self/statm") as file:
        return int(file.read().split()[1]) * resource.getpagesize()


def run_copydesk(n: int) -> dict[str, float]:
    """Sketch, find candidates and verify them over n documents; CPU seconds of that work only."""
    from copydesk.dedup import DedupOptions, Sketcher, find_candidates, triage, unpack
    from copydesk.dedup.shingles import Shingler
    from copydesk.dedup.verify import jaccard, shingle_sets

    corpus, options = DupCorpus(seed=2), DedupOptions(threshold=THRESHOLD)
    sketcher, shingler = Sketcher(options), Shingler(options.shingle_words)
    signatures = np.empty((n, options.permutations), np.uint32)
    bands = np.empty((n, options.bands), np.uint64)
    exact = np.empty(n, np.uint64)
    cpu = 0.0
    for start in range(0, n, BATCH):
        texts = corpus.docs(start, min(n, start + BATCH))
        t = time.process_time()
        sketch = sketcher(texts)
        signatures[start : start + len(texts)] = sketch.signatures
        bands[start : start + len(texts)] = sketch.bands
        exact[start : start + len(texts)] = sketch.exact
        cpu += time.process_time() - t
    t = time.process_time()
    found = find_candidates(bands, exact, options)
    candidates = found.near.size
    sure, unsure = triage(found.near, signatures, options)
    left, right = unpack(unsure)
    cpu += time.process_time() - t
    verified = int(sure.size)
    for start in range(0, left.size, 500):  # texts of candidates made again, a chunk at a time
        a, b = left[start : start + 500], right[start : start + 500]
        used, inverse = np.unique(np.concatenate([a, b]), return_inverse=True)
        texts = [corpus.doc(i) for i in used.tolist()]
        t = time.process_time()
        sets = shingle_sets(shingler(texts))
        for x, y in zip(inverse[: a.size].tolist(), inverse[a.size :].tolist(), strict=True):
            verified += jaccard(sets[x], sets[y]) >= THRESHOLD
        cpu += time.process_time() - t
    per_doc = (signatures.nbytes + bands.nbytes + exact.nbytes) / n
    return {"cpu": cpu, "bytes_per_doc": per_doc, "candidates": int(candidates), "verified": verified}


def run_datasketch(n: int) -> dict[str, float]:
    """MinHash and MinHashLSH (query, then insert) over n documents; CPU seconds of that work only."""
    from datasketch import MinHash, MinHashLSH

    corpus = DupCorpus(seed=2)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=128)
    before = current_rss()
    cpu, pairs = 0.0, 0
    for start in range(0, n, BATCH):
        texts = corpus.docs(start, min(n, start + BATCH))
        t = time.process_time()
        for i, text in enumerate(texts, start):
            m = MinHash(num_perm=128)
            m.update_batch([s.encode("utf-8") for s in py_shingles(text)])
            pairs += len(lsh.query(m))
            lsh.insert(i, m)
        cpu += time.process_time() - t
    return {"cpu": cpu, "bytes_per_doc": (current_rss() - before) / n, "candidates": pairs, "verified": 0}


def one(system: str, n: int) -> None:
    """Run one system at one size in this process and print its figures as JSON."""
    result = (run_copydesk if system == "copydesk" else run_datasketch)(n)
    result.update(system=system, docs=n, docs_per_s=n / result["cpu"], peak_rss_mb=rss_mb())
    print(json.dumps(result))


def table(header: list[str], rows: list[list[str]]) -> str:
    """A markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--sizes", default="50000,200000", help="corpus sizes for speed and memory")
    parser.add_argument("--sample", type=int, default=3000, help="documents in the quality sample")
    parser.add_argument("--no-baseline", action="store_true", help="copydesk only")
    parser.add_argument("--one", nargs=2, metavar=("SYSTEM", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one[0], int(args.one[1]))
        return
    systems = ["copydesk"] + ([] if args.no_baseline else ["datasketch"])
    start = time.time()
    rows = quality(args.sample, not args.no_baseline)
    print(f"## Pairs at Jaccard >= {THRESHOLD} on {args.sample:,} documents (exact Jaccard of all pairs)\n")
    print(
        table(
            ["system", "precision", "recall", "pairs"],
            [[s, f"{p:.4f}", f"{r:.4f}", f"{n:,}"] for s, p, r, n in rows],
        )
    )
    results = []
    for size in [int(s) for s in args.sizes.split(",") if s]:
        for system in systems:
            out = subprocess.run(
                [sys.executable, __file__, "--one", system, str(size)],
                capture_output=True,
                text=True,
                check=True,
            )
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print("\n## Speed and memory (one process each; docs/s = documents / CPU seconds of the work)\n")
    speed = {(r["system"], r["docs"]): r["docs_per_s"] for r in results}
    out_rows = []
    for r in results:
        ratio = r["docs_per_s"] / speed.get(("datasketch", r["docs"]), float("nan"))
        out_rows.append(
            [
                r["system"],
                f"{r['docs']:,}",
                f"{r['docs_per_s']:,.0f}",
                f"{ratio:.1f}x" if r["system"] == "copydesk" and ratio == ratio else "",
                f"{r['peak_rss_mb']:,.0f}",
                f"{r['bytes_per_doc']:,.0f}",
                f"{r['candidates']:,}",
            ]
        )
    header = ["system", "docs", "docs/s/core", "vs datasketch", "peak RSS MB", "index B/doc", "candidates"]
    print(table(header, out_rows))
    print(f"\n({time.time() - start:,.0f} s in all)")


if __name__ == "__main__":
    main()
