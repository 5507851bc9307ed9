"""Line features for the content classifier.

Features are computed over the non-blank lines of a page, in order. Each line gets its own shape
(length, punctuation, share of function words, cue words...), its neighbours' shape, and its place
relative to the page's densest run of prose, because boilerplate comes in runs and articles are
contiguous. Nothing here depends on one language: function words come from 33 languages, cue words
from several, and the rest is punctuation and layout.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain, repeat

import numpy as np

from copydesk.clean.lexicon import GROUP_MASK, GROUPS, PHRASE_START, STOP, Lexicon


def _code_table(chars: str) -> np.ndarray:
    """A lookup table over the Basic Multilingual Plane: 1.0 at the code points of ``chars``."""
    table = np.zeros(0x10000, dtype=np.float32)
    table[[ord(c) for c in chars]] = 1.0
    return table


_TERMINAL_TABLE = _code_table(".!?。！？…:;\"'”’»)]")
_COMMA_TABLE = _code_table(",;-–—")
_STRICT_TERMINAL = re.compile(r"[.!?。！？…][\"'”’»)\]]*$")
_SPACED_DASH = re.compile(r" [-–—] ")
_BULLET = re.compile(r"(?:[*•·▪►▸‣◦\-–—]|\d{1,3}[.)])(?:\s|$)")
_URL = re.compile(r"https?://|www\.|@[\w-]+\.[a-z]")

#: Names of the per-line features, in column order.
BASE_NAMES = (
    "log_chars",
    "log_words",
    "mean_word_len",
    "alpha_frac",
    "digit_frac",
    "upper_frac",
    "punct_frac",
    "ends_terminal",
    "ends_strict_terminal",
    "ends_colon",
    "ends_comma",
    "starts_bullet",
    "titlecase_ratio",
    "stop_ratio",
    "sentences",
    "separators",
    "has_url",
    "has_date",
    "has_time",
    "has_quote",
    "code_frac",
    "starts_lower",
    *(f"lex_{g}" for g in GROUPS),
)
_N_BASE = len(BASE_NAMES)
_I = {name: i for i, name in enumerate(BASE_NAMES)}

# Character classes, as bits of a lookup table over the Basic Multilingual Plane.
ALPHA, DIGIT, UPPER, SPACE, WORD, SEPARATOR, QUOTE, CODE, TERMINAL = 1, 2, 4, 8, 16, 32, 64, 128, 256
LOWER = 512
_SPECIAL = {SEPARATOR: "|»›·•/\\", QUOTE: '"“”„«»', CODE: "{};=<>", TERMINAL: ".!?。！？"}


def char_table() -> np.ndarray:
    """Class bits of every BMP code point (built once per model, ~30 ms)."""
    table = np.zeros(0x10000, dtype=np.uint16)
    for cp in range(0x10000):
        c = chr(cp)
        bits = 0
        if c.isalpha():
            bits |= ALPHA | WORD
        elif c.isdigit() or c == "_" or c.isnumeric():
            bits |= DIGIT | WORD
        elif c.isspace() and c != "\n":
            bits |= SPACE
        if c.isupper():
            bits |= UPPER
        elif c.islower():
            bits |= LOWER
        table[cp] = bits
    for bit, chars in _SPECIAL.items():
        for c in chars:
            table[ord(c)] |= bit
    return table


def _per_line(pattern: re.Pattern[str], text: str, starts: np.ndarray) -> np.ndarray:
    """How many matches of ``pattern`` start in each line of ``text``."""
    pos = [m.start() for m in pattern.finditer(text)]
    if not pos:
        return np.zeros(len(starts), dtype=np.float32)
    owner = np.searchsorted(starts, np.asarray(pos), side="right") - 1
    return np.bincount(owner, minlength=len(starts)).astype(np.float32)


def _flags(texts: list[str], joined: str, cps: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Four 0/1 columns: the line starts with a bullet, has a URL, a year (19xx/20xx), a clock time."""
    n = len(texts)
    out = np.zeros((4, n), dtype=np.float32)
    out[0] = np.fromiter(map(bool, map(_BULLET.match, texts)), dtype=np.float32, count=n)
    if "http" in joined or "www." in joined or "@" in joined:
        out[1] = np.minimum(_per_line(_URL, joined, starts), 1.0)
    c = np.concatenate([cps, np.zeros(5, dtype=cps.dtype)])
    digit = (c - 48) < 10  # ASCII digits (unsigned: code points below "0" wrap round)
    at = np.flatnonzero(digit[: len(cps)])  # patterns are tested at the digits only
    first, second = c[at], c[at + 1]
    year = at[
        (((first == 49) & (second == 57)) | ((first == 50) & (second == 48)))
        & digit[at + 2]
        & digit[at + 3]
        & ~digit[at + 4]
    ]
    clock = at[(second == 58) & (c[at + 2] >= 48) & (c[at + 2] <= 53) & digit[at + 3]]
    for row, found in ((2, year), (3, clock)):
        if len(found):
            out[row, np.searchsorted(starts, found, side="right") - 1] = 1.0
    return out


def line_shapes(texts: list[str], lex: Lexicon, table: np.ndarray) -> tuple[np.ndarray, list[list[str]]]:
    """Per-line features of a page's non-blank lines, computed for the whole page at once, and each
    line's lowercased word tokens (punctuation dropped)."""
    n = len(texts)
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    starts = np.concatenate([[0], np.cumsum(lens + 1)[:-1]])
    joined = "\n".join(texts)
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    cls = table[np.minimum(cps, 0xFFFF)]
    astral = cps > 0xFFFF  # beyond the table: letters (CJK extensions...), except emoji and symbols
    cls[astral] = np.where((cps[astral] >= 0x1F000) & (cps[astral] < 0x20000), 0, ALPHA | WORD)
    word = (cls & WORD) > 0
    word_start = word & ~np.concatenate([[False], word[:-1]])

    def per_line(mask: np.ndarray) -> np.ndarray:
        return np.add.reduceat(mask.astype(np.float32), starts) if n else np.zeros(0, np.float32)

    letters, digits = per_line((cls & ALPHA) > 0), per_line((cls & DIGIT) > 0)
    spaces, uppers = per_line((cls & SPACE) > 0), per_line((cls & UPPER) > 0)
    words, word_chars = per_line(word_start), per_line(word)
    titled = per_line(word_start & ((cls & UPPER) > 0))
    # A sentence break: terminal punctuation, an optional closing quote, then a space.
    after = np.concatenate([cls[1:], [0]])
    after2 = np.concatenate([cls[2:], [0, 0]])
    breaks = ((cls & TERMINAL) > 0) & (
        ((after & SPACE) > 0) | (((after & QUOTE) > 0) & ((after2 & SPACE) > 0))
    )
    sentences = per_line(breaks)
    separators = per_line((cls & SEPARATOR) > 0)
    quotes = np.minimum(per_line((cls & QUOTE) > 0), 1.0)
    code = per_line((cls & CODE) > 0)
    chars = lens.astype(np.float32)
    visible = np.maximum(chars - spaces, 1.0)
    counted = _flags(texts, joined, cps, starts)
    # Word tokens: every character that is neither a word character nor a line break becomes a space.
    kept = np.where(word | (cps == 10), cps, 32).astype(np.uint32)
    tokens = [low.split() for low in kept.tobytes().decode("utf-32-le").lower().split("\n")]
    # Word-level counts for the whole page at once: one C-level map over the flat token list, then a
    # bincount by line.
    flat = list(chain.from_iterable(tokens))
    owner = np.repeat(np.arange(n), np.fromiter(map(len, tokens), dtype=np.int64, count=n))
    listed = np.fromiter(map(lex.codes.get, flat, repeat(0)), dtype=np.int64, count=len(flat))
    stop = np.bincount(owner, weights=(listed & STOP) > 0, minlength=n).astype(np.float32)
    group = listed & GROUP_MASK
    hit = group > 0
    n_groups = len(GROUPS)
    cells = owner[hit] * n_groups + group[hit] - 1
    groups = np.bincount(cells, minlength=n * n_groups).astype(np.float32).reshape(n, n_groups)
    for i in np.nonzero(listed & PHRASE_START)[0].tolist():
        for length, phrases in lex.phrases.items():
            g = phrases.get(tuple(flat[i : i + length]), 0)
            if g and owner[min(i + length - 1, len(flat) - 1)] == owner[i]:  # not across lines
                groups[owner[i], g - 1] += 1.0
    dashes = (
        _per_line(_SPACED_DASH, joined, starts)
        if " - " in joined or "–" in joined or "—" in joined
        else np.zeros(n, dtype=np.float32)
    )
    ends = starts + lens - 1
    last_cp = np.minimum(cps[ends], 0xFFFF)
    tails = [t[-4:] for t in texts]
    safe_words = np.maximum(words, 1.0)
    cols = [
        np.log1p(chars),
        np.log1p(words),
        word_chars / safe_words,
        letters / visible,
        digits / visible,
        uppers / np.maximum(letters, 1.0),
        np.maximum(chars - letters - digits - spaces, 0.0) / visible,
        _TERMINAL_TABLE[last_cp],
        np.fromiter(map(bool, map(_STRICT_TERMINAL.search, tails)), dtype=np.float32, count=n),
        last_cp == 58,
        _COMMA_TABLE[last_cp],
        counted[0],
        titled / safe_words,
        stop / safe_words,
        sentences,
        separators + dashes,
        counted[1],
        counted[2],
        counted[3],
        quotes,
        code / visible,
        (cls[starts] & LOWER) > 0,
    ]
    return np.concatenate([np.stack(cols, axis=1), groups], axis=1).astype(np.float32), tokens


def shifted(matrix: np.ndarray, offsets: tuple[int, ...], fill: float = -1.0) -> np.ndarray:
    """Columns of ``matrix`` as seen from each row at each offset, side by side (fill out of range)."""
    n, m = matrix.shape
    reach = max(abs(k) for k in offsets)
    pad = np.full((n + 2 * reach, m), fill, dtype=np.float32)
    pad[reach : reach + n] = matrix
    return np.concatenate([pad[reach + k : reach + k + n] for k in offsets], axis=1)


def _shift(col: np.ndarray, k: int, fill: float = -1.0) -> np.ndarray:
    """Return col shifted so row i holds col[i + k] (fill where out of range)."""
    out = np.full_like(col, fill)
    n = len(col)
    if k > 0 and k < n:
        out[: n - k] = col[k:]
    elif k < 0 and -k < n:
        out[-k:] = col[: n + k]
    elif k == 0:
        out[:] = col
    return out


def window_mean(col: np.ndarray, radius: int) -> np.ndarray:
    """Mean of col (or of each column of a matrix) over a centred window, truncated at the edges."""
    return window_means(col, (radius,))[0]


def window_means(col: np.ndarray, radii: tuple[int, ...]) -> list[np.ndarray]:
    """:func:`window_mean` at several radii, from one cumulative sum."""
    csum = np.cumsum(col, axis=0)
    csum = np.concatenate([np.zeros((1, *col.shape[1:])), csum])
    n = len(col)
    idx = np.arange(n)
    out = []
    for radius in radii:
        lo = np.maximum(idx - radius, 0)
        hi = np.minimum(idx + radius + 1, n)
        span = (hi - lo) if col.ndim == 1 else (hi - lo)[:, None]
        out.append((csum[hi] - csum[lo]) / span)
    return out


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


def run_features(score: np.ndarray, run: tuple[int, int] | None = None) -> np.ndarray:
    """Where each line sits relative to the best-scoring run: inside flag and signed distances."""
    n = len(score)
    lo, hi = run if run is not None else best_run(score)
    idx = np.arange(n, dtype=float)
    inside = ((idx >= lo) & (idx <= hi)).astype(float)
    before = np.clip(lo - idx, 0, None)
    after = np.clip(idx - hi, 0, None)
    return np.stack([inside, np.log1p(before), np.log1p(after), (idx - lo) / max(n, 1)], axis=1)


@dataclass(slots=True)
class PageLines:
    """The non-blank lines of a page and their base features."""

    index: list[int]  # position of each non-blank line in the input line list
    text: list[str]
    base: np.ndarray  # (n, len(BASE_NAMES))
    gaps: np.ndarray  # (n, 2) blank lines before / after, capped at 3
    tokens: list[list[str]]  # lowercased word tokens of each line


def page_lines(lines: list[str], lex: Lexicon, table: np.ndarray, skip: set[int] | None = None) -> PageLines:
    """Collect the non-blank lines (minus ``skip``) and compute their base features."""
    if skip:
        index = [i for i, line in enumerate(lines) if line and i not in skip]
    else:
        index = [i for i, line in enumerate(lines) if line]
    text = [lines[i] for i in index]
    # Blank (or skipped) lines before and after each line, capped at 3; the page's edges count as 3.
    blanks = np.minimum(np.diff(np.asarray(index, dtype=np.float32)) - 1, 3)
    gaps = np.full((len(index), 2), 3, dtype=np.float32)
    gaps[1:, 0] = blanks
    gaps[:-1, 1] = blanks
    base, tokens = line_shapes(text, lex, table) if text else (np.zeros((0, _N_BASE), dtype=np.float32), [])
    return PageLines(index, text, base, gaps, tokens)


def _duplicates(text: list[str]) -> np.ndarray:
    """How many other lines of the page read the same (case aside), log-scaled."""
    keys = list(map(str.lower, text))
    counts = Counter(keys)
    return np.log1p(np.fromiter(map(counts.__getitem__, keys), dtype=np.float32, count=len(keys)) - 1)


def context_features(page: PageLines) -> np.ndarray:
    """Stage-one feature matrix: own shape, neighbours' shape, page position and prose runs."""
    b = page.base
    n = len(b)
    words = np.expm1(b[:, _I["log_words"]])
    chars = np.expm1(b[:, _I["log_chars"]])
    term = b[:, _I["ends_strict_terminal"]]
    stop = b[:, _I["stop_ratio"]]
    prose = (((words >= 10) & (term > 0)) | (chars >= 150)).astype(np.float32)
    cols = [b, page.gaps, _duplicates(page.text)[:, None]]
    total_words = max(float(words.sum()), 1.0)
    pos = np.arange(n, dtype=np.float32)
    cum_words = np.cumsum(words) - words
    cols.append(np.stack([pos / max(n, 1), cum_words / total_words, words / total_words], axis=1))
    doc = [math.log1p(n), math.log1p(total_words), math.log1p(float(words.max()) if n else 0.0)]
    cols.append(np.tile(np.asarray(doc, dtype=np.float32), (n, 1)))
    keys = np.stack(
        [b[:, _I["log_words"]], term, stop, page.gaps[:, 0], prose, b[:, _I["titlecase_ratio"]]], axis=1
    )
    cols.append(shifted(keys, (-3, -2, -1, 1, 2, 3)))
    smoothed = np.stack([b[:, _I["log_words"]], term, stop, prose], axis=1)
    cols += window_means(smoothed, (2, 5, 15))
    prose_score = np.where(prose > 0, np.log1p(words), -1.0)
    run = best_run(prose_score) if n else (0, 0)
    cols.append(run_features(prose_score, run))
    cols.append(marker_features(b, words, prose))
    cols.append(cluster_features(prose, words))
    cols.append(cohesion(page.tokens, words, run)[:, None])
    return np.concatenate(cols, axis=1).astype(np.float32)


def cluster_features(prose: np.ndarray, words: np.ndarray, max_gap: int = 2) -> np.ndarray:
    """Prose comes in clusters (prose lines at most ``max_gap`` lines apart). For each line: its
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


_MARKER_GROUPS = [_I["lex_related"], _I["lex_comment"], _I["lex_share"], _I["lex_subscription"]]


def marker_features(base: np.ndarray, words: np.ndarray, prose: np.ndarray) -> np.ndarray:
    """How many short "Related / Comments / Share" lines stand between the first prose and each line,
    and how far the nearest one above is: what follows such a marker is seldom the article. The same
    for time stamps (short lines with a clock time, or a date and a final colon): a run of them
    between paragraphs is a comment thread, in any language."""
    n = len(base)
    marker = ((base[:, _MARKER_GROUPS].sum(axis=1) > 0) & (words <= 6)).astype(np.float32)
    stamp = (
        ((base[:, _I["has_time"]] > 0) & (words <= 12))
        | ((base[:, _I["has_date"]] > 0) & (base[:, _I["ends_colon"]] > 0) & (words <= 12))
    ).astype(np.float32)
    first_prose = int(np.argmax(prose)) if prose.any() else n
    idx = np.arange(n)
    cols = []
    for flag in (marker, stamp):
        after = flag.copy()
        after[: first_prose + 1] = 0.0
        above = np.cumsum(after) - after
        last = np.maximum.accumulate(np.where(flag > 0, idx, -1))
        last_above = np.concatenate([[-1], last[:-1]]) if n else last
        dist = np.where(last_above >= 0, np.log1p(idx - last_above), -1.0)
        cols += [np.log1p(above), dist]
    below = np.cumsum(stamp[::-1])[::-1] - stamp
    cols += [np.log1p(below), window_mean(stamp, 5)]
    return np.stack(cols, axis=1).astype(np.float32)


def stacked_features(first: np.ndarray, proba: np.ndarray) -> np.ndarray:
    """Stage-two features: stage-one features plus the neighbours' stage-one class probabilities."""
    cols = [first, proba, shifted(proba.astype(np.float32), (-4, -3, -2, -1, 1, 2, 3, 4))]
    n = len(proba)
    idx = np.arange(n, dtype=np.float32)
    for j in (2, 3):  # distance from the likeliest title and byline lines
        at = float(np.argmax(proba[:, j])) if n else 0.0
        cols.append(
            np.stack([(idx - at) / max(n, 1), np.sign(idx - at) * np.log1p(np.abs(idx - at))], axis=1)
        )
    body = proba[:, 1]
    cols += [m[:, None] for m in window_means(body, (3, 10, 30))]
    n = len(body)
    run_before = np.maximum.accumulate(body) if n else body
    run_after = np.maximum.accumulate(body[::-1])[::-1] if n else body
    cols.append(np.stack([_shift(run_before, -1, 0.0), _shift(run_after, 1, 0.0)], axis=1))
    cols.append(run_features(body - 0.5))
    return np.concatenate(cols, axis=1).astype(np.float32)
