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
from dataclasses import dataclass

import numpy as np

from copydesk.clean.lexicon import GROUPS, Lexicon

_WORD = re.compile(r"\w+")
_TERMINAL = re.compile(r"[.!?。！？…:;\"'”’»)\]]$")
_STRICT_TERMINAL = re.compile(r"[.!?。！？…][\"'”’»)\]]*$")
_SENTENCE_BREAK = re.compile(r"[.!?。！？][\"'”’»]?\s+\S")
_BULLET = re.compile(r"^(?:[*•·▪►▸‣◦\-–—]\s|\d{1,3}[.)]\s)")
_SEPARATORS = re.compile(r"[|»›·•/\\]|\s[-–—]\s")
_URL = re.compile(r"https?://|www\.|\S@\S+\.\w")
_DATE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d\s?(?:[ap]\.?m\.?|h|uhr)?\b", re.I)
_QUOTES = re.compile(r"[\"“”„«»]")
_CODE = re.compile(r"[{};=<>]")

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
    "allcaps_ratio",
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


def line_shape(line: str, lex: Lexicon) -> list[float]:
    """Return the per-line features of one non-blank line."""
    n_chars = len(line)
    lowered = line.lower()
    tokens = _WORD.findall(lowered)
    raw_tokens = _WORD.findall(line)
    n_words = len(tokens)
    letters = sum(1 for c in line if c.isalpha())
    digits = sum(1 for c in line if c.isdigit())
    spaces = line.count(" ")
    uppers = sum(1 for c in line if c.isupper())
    punct = n_chars - letters - digits - spaces
    alpha_words = [w for w in raw_tokens if w[0].isalpha()]
    n_alpha = len(alpha_words) or 1
    visible = (n_chars - spaces) or 1
    return [
        math.log1p(n_chars),
        math.log1p(n_words),
        (sum(len(t) for t in tokens) / n_words) if n_words else 0.0,
        letters / visible,
        digits / visible,
        uppers / letters if letters else 0.0,
        punct / visible,
        1.0 if _TERMINAL.search(line) else 0.0,
        1.0 if _STRICT_TERMINAL.search(line) else 0.0,
        1.0 if line.endswith(":") else 0.0,
        1.0 if line[-1] in ",;-–—" else 0.0,
        1.0 if _BULLET.match(line) else 0.0,
        sum(1 for w in alpha_words if w[0].isupper()) / n_alpha,
        sum(1 for w in alpha_words if len(w) > 1 and w.isupper()) / n_alpha,
        (sum(1 for t in tokens if t in lex.stopwords) / n_words) if n_words else 0.0,
        float(len(_SENTENCE_BREAK.findall(line))),
        float(len(_SEPARATORS.findall(line))),
        1.0 if _URL.search(line) else 0.0,
        1.0 if _DATE.search(line) else 0.0,
        1.0 if _TIME.search(line) else 0.0,
        1.0 if _QUOTES.search(line) else 0.0,
        len(_CODE.findall(line)) / visible,
        1.0 if line[0].islower() else 0.0,
        *(float(c) for c in lex.groups_of(tokens, lowered)),
    ]


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
    """Mean of col over a centred window, truncated at the edges."""
    csum = np.concatenate([[0.0], np.cumsum(col)])
    n = len(col)
    idx = np.arange(n)
    lo = np.maximum(idx - radius, 0)
    hi = np.minimum(idx + radius + 1, n)
    return (csum[hi] - csum[lo]) / (hi - lo)


def best_run(score: np.ndarray) -> tuple[int, int]:
    """Indexes [start, end] of the contiguous run with the largest sum (Kadane)."""
    best, best_lo, best_hi = -math.inf, 0, 0
    cur, lo = 0.0, 0
    for i, s in enumerate(score):
        if cur <= 0:
            cur, lo = s, i
        else:
            cur += s
        if cur > best:
            best, best_lo, best_hi = cur, lo, i
    return best_lo, best_hi


def run_features(score: np.ndarray) -> np.ndarray:
    """Where each line sits relative to the best-scoring run: inside flag and signed distances."""
    n = len(score)
    lo, hi = best_run(score)
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


def page_lines(lines: list[str], lex: Lexicon, skip: set[int] | None = None) -> PageLines:
    """Collect the non-blank lines (minus ``skip``) and compute their base features."""
    index, text, rows, gaps = [], [], [], []
    blank_run = 3
    for i, line in enumerate(lines):
        if not line or (skip and i in skip):
            blank_run += 1
            continue
        if gaps:
            gaps[-1][1] = min(blank_run, 3)
        index.append(i)
        text.append(line)
        rows.append(line_shape(line, lex))
        gaps.append([min(blank_run, 3), 3])
        blank_run = 0
    base = np.asarray(rows, dtype=np.float32).reshape(-1, _N_BASE)
    return PageLines(index, text, base, np.asarray(gaps, dtype=np.float32).reshape(-1, 2))


def _duplicates(text: list[str]) -> np.ndarray:
    counts: dict[str, int] = {}
    keys = [t.lower() for t in text]
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    return np.log1p(np.asarray([counts[k] - 1 for k in keys], dtype=np.float32))


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
    keys = [b[:, _I["log_words"]], term, stop, page.gaps[:, 0], prose]
    for k in (-3, -2, -1, 1, 2, 3):
        cols.append(np.stack([_shift(c, k) for c in keys], axis=1))
    for radius in (2, 5, 15):
        cols.append(np.stack([window_mean(c, radius) for c in (b[:, _I["log_words"]], term, stop, prose)], axis=1))
    cols.append(run_features(np.where(prose > 0, np.log1p(words), -1.0)))
    return np.concatenate(cols, axis=1).astype(np.float32)


def stacked_features(first: np.ndarray, proba: np.ndarray) -> np.ndarray:
    """Stage-two features: stage-one features plus the neighbours' stage-one class probabilities."""
    cols = [first, proba]
    for k in (-4, -3, -2, -1, 1, 2, 3, 4):
        cols.append(np.stack([_shift(proba[:, j], k) for j in range(proba.shape[1])], axis=1))
    body = proba[:, 1]
    for radius in (3, 10, 30):
        cols.append(window_mean(body, radius)[:, None])
    n = len(body)
    run_before = np.maximum.accumulate(body) if n else body
    run_after = np.maximum.accumulate(body[::-1])[::-1] if n else body
    cols.append(np.stack([_shift(run_before, -1, 0.0), _shift(run_after, 1, 0.0)], axis=1))
    cols.append(run_features(body - 0.5))
    return np.concatenate(cols, axis=1).astype(np.float32)
