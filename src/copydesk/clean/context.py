"""Page-context features of the line classifier, for several pages at once.

A line's own shape (:mod:`copydesk.clean.features`) says little alone: boilerplate comes in runs and
articles are contiguous. Stage one adds each line's neighbours, its place on the page and relative to
the page's densest run of prose; stage two adds the neighbours' stage-one probabilities. Pages are laid
end to end as the rows of one matrix (:class:`Pages`), so the element-wise work runs once for a batch of
pages; what scans a page (sums, runs, maxima) runs page by page, in each page's own order, so that a
page gets the same numbers whatever pages share its batch.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from copydesk.clean.features import BASE_NAMES, PageLines

_I = {name: i for i, name in enumerate(BASE_NAMES)}
_MARKER_GROUPS = [_I["lex_related"], _I["lex_comment"], _I["lex_share"], _I["lex_subscription"]]


@dataclass(slots=True)
class Pages:
    """Pages laid end to end as rows: each page's first row and size, and each row's page."""

    starts: np.ndarray  # (pages,) the first row of each page
    sizes: np.ndarray  # (pages,) rows of each page, none empty
    page: np.ndarray  # (rows,) the page of each row
    lo: np.ndarray  # (rows,) the first row of the row's page
    hi: np.ndarray  # (rows,) one past the last row of the row's page
    local: np.ndarray  # (rows,) the row's position in its page

    @classmethod
    def of(cls, sizes: Sequence[int]) -> Pages:
        """The layout of pages of these sizes (each at least one row)."""
        size = np.asarray(sizes, dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(size)[:-1]]).astype(np.int64)
        page = np.repeat(np.arange(len(size)), size)
        lo = starts[page]
        return cls(starts, size, page, lo, lo + size[page], np.arange(len(page)) - lo)

    def bounds(self) -> Iterator[tuple[int, int]]:
        """Each page's rows as a (start, end) slice."""
        return zip(self.starts.tolist(), (self.starts + self.sizes).tolist(), strict=True)


def one_page(rows: int) -> Pages:
    """The layout of a single page."""
    return Pages.of([rows])


def shifted(matrix: np.ndarray, offsets: tuple[int, ...], pages: Pages, fill: float = -1.0) -> np.ndarray:
    """Columns of ``matrix`` as seen from each row at each offset within its page, side by side (``fill``
    beyond the page's edges)."""
    n, m = matrix.shape
    values = matrix.astype(np.float32, copy=False)
    source = np.arange(n)[:, None] + np.asarray(offsets, dtype=np.int64)[None, :]  # (rows, offsets)
    outside = (source < pages.lo[:, None]) | (source >= pages.hi[:, None])
    out = values[np.clip(source, 0, max(n - 1, 0))]  # (rows, offsets, columns): one gather
    out[outside] = fill
    return out.reshape(n, len(offsets) * m)


def window_means(col: np.ndarray, radii: tuple[int, ...], pages: Pages) -> list[np.ndarray]:
    """Mean of ``col`` (or of each column of a matrix) over a centred window, truncated at the page's
    edges, at each radius. Each page's cumulative sum starts from zero, in the column's own type."""
    zero = np.zeros((1, *col.shape[1:]))
    csum = np.concatenate(
        list(chain.from_iterable((zero, np.cumsum(col[a:z], axis=0)) for a, z in pages.bounds()))
    )
    base = pages.lo + pages.page  # where the row's page's sums start: one leading zero per page
    out = []
    for radius in radii:
        lo = np.maximum(pages.local - radius, 0)
        hi = np.minimum(pages.local + radius + 1, pages.sizes[pages.page])
        span = (hi - lo) if col.ndim == 1 else (hi - lo)[:, None]
        out.append((csum[base + hi] - csum[base + lo]) / span)
    return out


def window_mean(col: np.ndarray, radius: int) -> np.ndarray:
    """:func:`window_means` of one page at one radius."""
    return window_means(col, (radius,), one_page(len(col)))[0]


def best_run(score: np.ndarray) -> tuple[int, int]:
    """Indexes [start, end] of the contiguous run with the largest sum (Kadane's answer: the first best
    end, and the latest start that reaches it), computed from prefix sums."""
    n = len(score)
    if not n:
        return 0, 0
    prefix = np.concatenate([[0.0], np.cumsum(score, dtype=np.float64)])
    lowest = np.minimum.accumulate(prefix[:-1])
    hi = int(np.argmax(prefix[1:] - lowest))
    head = prefix[: hi + 1]
    lo = int(hi - np.argmin(head[::-1]))  # the last position of the minimum
    return lo, hi


def run_features(runs: Sequence[tuple[int, int]], pages: Pages) -> np.ndarray:
    """Where each row sits relative to its page's run (``runs``, one per page): inside flag, log distances
    before and after it, and the position from the run's start over the page's length."""
    lo = np.asarray([r[0] for r in runs], dtype=np.int64)[pages.page]
    hi = np.asarray([r[1] for r in runs], dtype=np.int64)[pages.page]
    idx = pages.local.astype(float)
    inside = ((idx >= lo) & (idx <= hi)).astype(float)
    before = np.clip(lo - idx, 0, None)
    after = np.clip(idx - hi, 0, None)
    return np.stack([inside, np.log1p(before), np.log1p(after), (idx - lo) / pages.sizes[pages.page]], axis=1)


def _duplicates(text: list[str]) -> np.ndarray:
    """How many other lines of the page read the same (case aside), log-scaled."""
    keys = list(map(str.lower, text))
    counts = Counter(keys)
    return np.log1p(np.fromiter(map(counts.__getitem__, keys), dtype=np.float32, count=len(keys)) - 1)


def context_features(pages: Sequence[PageLines]) -> np.ndarray:
    """Stage-one feature matrix of non-empty pages, their rows stacked: own shape, neighbours' shape,
    page position and prose runs."""
    layout = Pages.of([len(p.index) for p in pages])
    b = np.concatenate([p.base for p in pages]) if len(pages) > 1 else pages[0].base
    gaps = np.concatenate([p.gaps for p in pages]) if len(pages) > 1 else pages[0].gaps
    words = np.expm1(b[:, _I["log_words"]])
    chars = np.expm1(b[:, _I["log_chars"]])
    term = b[:, _I["ends_strict_terminal"]]
    stop = b[:, _I["stop_ratio"]]
    prose = (((words >= 10) & (term > 0)) | (chars >= 150)).astype(np.float32)
    prose_score = np.where(prose > 0, np.log1p(words), -1.0)
    totals = np.ones(len(pages), dtype=np.float32)
    parts: dict[str, list[np.ndarray]] = {"dup": [], "cum": [], "cluster": [], "cohesion": []}
    doc, runs = [], []
    for k, (page, (a, z)) in enumerate(zip(pages, layout.bounds(), strict=True)):
        w = words[a:z]
        total = max(float(w.sum()), 1.0)
        totals[k] = total
        run = best_run(prose_score[a:z])
        runs.append(run)
        doc.append([math.log1p(z - a), math.log1p(total), math.log1p(float(w.max()))])
        parts["dup"].append(_duplicates(page.text))
        parts["cum"].append((np.cumsum(w) - w) / total)
        parts["cluster"].append(cluster_features(prose[a:z], w))
        parts["cohesion"].append(cohesion(page.tokens, w, run))
    position = layout.local.astype(np.float32) / layout.sizes[layout.page].astype(np.float32)
    share = words / totals[layout.page]
    keys = np.stack(
        [b[:, _I["log_words"]], term, stop, gaps[:, 0], prose, b[:, _I["titlecase_ratio"]]], axis=1
    )
    smoothed = np.stack([b[:, _I["log_words"]], term, stop, prose], axis=1)
    cols = [
        b,
        gaps,
        np.concatenate(parts["dup"])[:, None],
        np.stack([position, np.concatenate(parts["cum"]), share], axis=1),
        np.asarray(doc, dtype=np.float32)[layout.page],
        shifted(keys, (-3, -2, -1, 1, 2, 3), layout),
        *window_means(smoothed, (2, 5, 15), layout),
        run_features(runs, layout),
        marker_features(b, words, prose, layout),
        np.concatenate(parts["cluster"]),
        np.concatenate(parts["cohesion"])[:, None],
    ]
    return np.concatenate(cols, axis=1, dtype=np.float32)


def cluster_features(prose: np.ndarray, words: np.ndarray, max_gap: int = 2) -> np.ndarray:
    """Prose comes in clusters (prose lines at most ``max_gap`` lines apart). For each line of a page: its
    cluster's words relative to the largest cluster's, whether it is the largest, and whether it
    lies before (-1), in (0) or after (+1) the largest. Lines outside any cluster get -1, 0, 0."""
    n = len(prose)
    out = np.zeros((n, 3), dtype=np.float32)
    out[:, 0] = -1.0
    at = np.nonzero(prose > 0)[0]
    if not len(at):
        return out
    starts = np.concatenate([[True], np.diff(at) > max_gap + 1])
    cluster_of_prose = np.cumsum(starts) - 1
    totals = np.bincount(cluster_of_prose, weights=words[at])
    biggest = int(np.argmax(totals))
    lo = at[np.searchsorted(cluster_of_prose, np.arange(len(totals)), side="left")]
    hi = at[np.searchsorted(cluster_of_prose, np.arange(len(totals)), side="right") - 1]
    for c in range(len(totals)):
        out[lo[c] : hi[c] + 1, 0] = totals[c] / totals[biggest]
        out[lo[c] : hi[c] + 1, 1] = 1.0 if c == biggest else 0.0
        out[lo[c] : hi[c] + 1, 2] = float(np.sign(c - biggest))
    return out


def cohesion(
    tokens: list[list[str]], words: np.ndarray, run: tuple[int, int], min_words: int = 6
) -> np.ndarray:
    """Share of a line's content words (4+ letters) found in other lines of the page's main prose run:
    an article's paragraphs share vocabulary; teasers, comments and bios about other things less so.
    -1 for lines shorter than ``min_words``."""
    lo, hi = run
    out = np.full(len(tokens), -1.0, dtype=np.float32)
    content = {k: {t for t in tokens[k] if len(t) >= 4} for k in np.nonzero(words >= min_words)[0].tolist()}
    vocab = Counter(chain.from_iterable(toks for k, toks in content.items() if lo <= k <= hi))
    anywhere = vocab.keys()
    elsewhere = {t for t, c in vocab.items() if c > 1}  # for a run line: in another run line too
    for k, toks in content.items():
        if toks:
            out[k] = len(toks & (elsewhere if lo <= k <= hi else anywhere)) / len(toks)
    return out


def marker_features(
    base: np.ndarray, words: np.ndarray, prose: np.ndarray, pages: Pages | None = None
) -> np.ndarray:
    """How many short "Related / Comments / Share" lines stand between the first prose of the page and
    each line, and how far the nearest one above is: what follows such a marker is seldom the article.
    The same for time stamps (short lines with a clock time, or a date and a final colon): a run of them
    between paragraphs is a comment thread, in any language. ``pages``: the rows' pages (default one)."""
    pages = pages or one_page(len(base))
    marker = ((base[:, _MARKER_GROUPS].sum(axis=1) > 0) & (words <= 6)).astype(np.float32)
    stamp = (
        ((base[:, _I["has_time"]] > 0) & (words <= 12))
        | ((base[:, _I["has_date"]] > 0) & (base[:, _I["ends_colon"]] > 0) & (words <= 12))
    ).astype(np.float32)
    size = pages.sizes[pages.page]
    first_prose = np.minimum.reduceat(np.where(prose > 0, pages.local, size), pages.starts)[pages.page]
    rows = np.arange(len(base))
    cols = []
    for flag in (marker, stamp):
        after = np.where(pages.local > first_prose, flag, 0.0).astype(np.float32)
        running = np.cumsum(after)  # counts of 0/1 flags: exact, so one sum serves every page
        above = running - after - np.concatenate([[0.0], running]).astype(np.float32)[pages.lo]
        last = np.maximum.accumulate(np.where(flag > 0, rows, -1))
        previous = np.concatenate([[-1], last[:-1]])
        last_above = np.where(previous >= pages.lo, previous, -1)
        dist = np.where(last_above >= 0, np.log1p(rows - last_above), -1.0)
        cols += [np.log1p(above), dist]
    running = np.cumsum(stamp)
    below = running[pages.hi - 1] - running
    cols += [np.log1p(below), window_means(stamp, (5,), pages)[0]]
    return np.stack(cols, axis=1).astype(np.float32)


def stacked_features(first: np.ndarray, proba: np.ndarray, pages: Pages | None = None) -> np.ndarray:
    """Stage-two features: stage-one features plus the neighbours' stage-one class probabilities, within
    each page (``pages``: the rows' pages, default one)."""
    pages = pages or one_page(len(first))
    body = proba[:, 1]
    at = np.zeros((len(pages.sizes), 2), dtype=np.float32)  # the likeliest title and byline lines
    run_before, run_after = np.empty_like(body), np.empty_like(body)
    runs = []
    for k, (a, z) in enumerate(pages.bounds()):
        at[k] = np.argmax(proba[a:z, 2:4], axis=0)
        run_before[a:z] = np.maximum.accumulate(body[a:z])
        run_after[a:z] = np.maximum.accumulate(body[a:z][::-1])[::-1]
        runs.append(best_run(body[a:z] - 0.5))
    idx = pages.local.astype(np.float32)
    size = pages.sizes[pages.page].astype(np.float32)
    cols = [first, proba, shifted(proba, (-4, -3, -2, -1, 1, 2, 3, 4), pages)]
    for j in (0, 1):  # distance from the likeliest title and byline lines
        d = idx - at[pages.page, j]
        cols.append(np.stack([d / size, np.sign(d) * np.log1p(np.abs(d))], axis=1))
    cols += [m[:, None] for m in window_means(body, (3, 10, 30), pages)]
    cols.append(shifted(run_before[:, None], (-1,), pages, 0.0))  # the best body probability above
    cols.append(shifted(run_after[:, None], (1,), pages, 0.0))  # and below
    cols.append(run_features(runs, pages))
    return np.concatenate(cols, axis=1, dtype=np.float32)
