"""Line features for the content classifier: each line's own shape.

Features are computed over the non-blank lines of a page, in order: length, punctuation, share of
function words, cue words... (:mod:`copydesk.clean.context` adds the neighbours' shape and the line's
place on the page). Nothing here depends on one language: function words come from 35 languages, cue
words from several, the rest is punctuation and layout, and words of scripts written without spaces
are split as :mod:`copydesk.clean.scripts` says. No feature of a line depends on another
line, so the lines of several pages are featurised in one pass (:func:`page_lines_many`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat

import numpy as np

from copydesk.clean import scripts
from copydesk.clean.lexicon import GROUP_MASK, GROUPS, PHRASE_START, STOP, Lexicon


def _code_table(chars: str) -> np.ndarray:
    """A lookup table over the Basic Multilingual Plane: 1.0 at the code points of ``chars``."""
    table = np.zeros(0x10000, dtype=np.float32)
    table[[ord(c) for c in chars]] = 1.0
    return table


_TERMINAL_TABLE = _code_table(".!?。！？…:;\"'”’»)]」』）")
_COMMA_TABLE = _code_table(",;-–—")
_STRICT_TERMINAL = re.compile(r"[.!?。！？…][\"'”’»)\]」』）]*$")
_BULLET_MARKS = "*•·▪►▸‣◦-–—"
_BULLET = re.compile(rf"(?:[{re.escape(_BULLET_MARKS)}]|\d{{1,3}}[.)])(?:\s|$)")
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
BULLET = 1024  # a character a bulleted line can open with (:data:`_BULLET`)
ONE_CHAR_WORD, KATAKANA = 2048, 4096  # word characters that split words: see copydesk.clean.scripts
FULL_STOP = 8192  # a full-width full stop: a sentence ends at it, no space after
_SPECIAL = {
    SEPARATOR: "|»›·•/\\",
    QUOTE: '"“”„«»「」『』',
    CODE: "{};=<>",
    TERMINAL: ".!?。！？",
    BULLET: _BULLET_MARKS,
    FULL_STOP: "。！？",
}


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
        if c.isdecimal():  # what \d matches, in any script
            bits |= BULLET
        table[cp] = bits
    for bit, chars in _SPECIAL.items():
        for c in chars:
            table[ord(c)] |= bit
    for bit, ranges in ((ONE_CHAR_WORD, scripts.ONE_CHAR_WORDS), (KATAKANA, scripts.KATAKANA)):
        for lo, hi in ranges:
            span = slice(lo, min(hi, 0xFFFF) + 1)  # (astral ranges: _ASTRAL_ONE_CHAR_WORDS)
            table[span] = np.where((table[span] & WORD) > 0, table[span] | bit, table[span])
    return table


#: The astral ranges of :data:`scripts.ONE_CHAR_WORDS` (the BMP ones are in :func:`char_table`).
_ASTRAL_ONE_CHAR_WORDS = [(lo, hi) for lo, hi in scripts.ONE_CHAR_WORDS if lo > 0xFFFF]


def _unspaced_starts(cls: np.ndarray, word: np.ndarray, before: np.ndarray) -> np.ndarray | None:
    """Where a word starts inside a run of word characters (``before``: the previous character is one;
    None: nowhere): at each ideograph or hiragana, after one, and where katakana starts or stops
    (:data:`ONE_CHAR_WORD`, :data:`KATAKANA`)."""
    if not (cls & (ONE_CHAR_WORD | KATAKANA)).any():
        return None
    single = (cls & ONE_CHAR_WORD) > 0
    katakana = (cls & KATAKANA) > 0
    single_before = np.concatenate([[False], single[:-1]])
    katakana_before = np.concatenate([[False], katakana[:-1]])
    inside = word & before & (single | single_before | (katakana != katakana_before))
    return inside if inside.any() else None


def _lines_with(joined: str, literals: Sequence[str], starts: np.ndarray) -> list[int]:
    """The lines of ``joined`` (each starting at ``starts``) that hold one of the literals, in order."""
    found = []
    for literal in literals:
        at = joined.find(literal)
        while at >= 0:
            found.append(at)
            at = joined.find(literal, at + 1)
    return np.unique(np.searchsorted(starts, found, side="right") - 1).tolist() if found else []


def _spaced_dashes(cps: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """How many spaced dashes (" - ", " – ", " — ") start in each line, counted as ``re.finditer`` counts
    them: the next may start only after the last ends (" - - " holds one)."""
    space = cps[:-2] == 32
    dash = cps[1:-1]
    at = np.flatnonzero(space & ((dash == 45) | (dash == 0x2013) | (dash == 0x2014)) & (cps[2:] == 32))
    if len(at) > 1 and (np.diff(at) == 2).any():  # overlapping candidates: keep the leftmost of each
        kept, last = [], -3
        for i in at.tolist():
            if i >= last + 3:
                kept.append(i)
                last = i
        at = np.asarray(kept)
    if not len(at):
        return np.zeros(len(starts), dtype=np.float32)
    owner = np.searchsorted(starts, at, side="right") - 1
    return np.bincount(owner, minlength=len(starts)).astype(np.float32)


def _flags(texts: list[str], joined: str, cps: np.ndarray, cls: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Four 0/1 columns: the line starts with a bullet, has a URL, a year (19xx/20xx), a clock time.

    The bullet and URL patterns are tried only on the lines that could match them: those opening with a
    bullet's first character (:data:`BULLET` in ``cls``, the page's character classes), those holding a
    URL's literal part (no match spans lines)."""
    n = len(texts)
    out = np.zeros((4, n), dtype=np.float32)
    if n and len(cps):
        first = np.minimum(starts, len(cps) - 1)  # (the lines are not empty)
        could = (cps[first] > 0xFFFF) | ((cls[first] & BULLET) > 0)  # astral: tried alike
        for i in np.flatnonzero(could).tolist():
            if _BULLET.match(texts[i]):
                out[0, i] = 1.0
    for i in _lines_with(joined, ("http", "www.", "@"), starts):
        if _URL.search(texts[i]):
            out[1, i] = 1.0
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
    beyond = cps[astral]
    cls[astral] = np.where((beyond >= 0x1F000) & (beyond < 0x20000), 0, ALPHA | WORD)
    for lo, hi in _ASTRAL_ONE_CHAR_WORDS:
        cls[astral] |= np.where((beyond >= lo) & (beyond <= hi), ONE_CHAR_WORD, 0).astype(cls.dtype)
    word = (cls & WORD) > 0
    word_before = np.concatenate([[False], word[:-1]])
    word_start = word & ~word_before
    unspaced = _unspaced_starts(cls, word, word_before)
    if unspaced is not None:
        word_start |= unspaced

    def per_line(mask: np.ndarray) -> np.ndarray:
        return np.add.reduceat(mask.astype(np.float32), starts) if n else np.zeros(0, np.float32)

    letters, digits = per_line((cls & ALPHA) > 0), per_line((cls & DIGIT) > 0)
    spaces, uppers = per_line((cls & SPACE) > 0), per_line((cls & UPPER) > 0)
    words, word_chars = per_line(word_start), per_line(word)
    titled = per_line(word_start & ((cls & UPPER) > 0))
    # A sentence break: terminal punctuation, an optional closing quote, then a space; or a full-width
    # full stop with more of the line after it.
    after = np.concatenate([cls[1:], [0]])
    after2 = np.concatenate([cls[2:], [0, 0]])
    breaks = ((cls & TERMINAL) > 0) & (
        ((after & SPACE) > 0) | (((after & QUOTE) > 0) & ((after2 & SPACE) > 0))
    )
    breaks |= ((cls & FULL_STOP) > 0) & (np.concatenate([cps[1:], [10]]) != 10)
    sentences = per_line(breaks)
    separators = per_line((cls & SEPARATOR) > 0)
    quotes = np.minimum(per_line((cls & QUOTE) > 0), 1.0)
    code = per_line((cls & CODE) > 0)
    chars = lens.astype(np.float32)
    visible = np.maximum(chars - spaces, 1.0)
    counted = _flags(texts, joined, cps, cls, starts)
    # Word tokens: every character that is neither a word character nor a line break becomes a space,
    # and a space goes in where a word starts inside a run (ideographs...). Word characters are never
    # whitespace, so each word is one token of str.split: the page is split once, and each line takes
    # as many tokens as words start in it (a line's count runs to its line break, so an empty line
    # counts none).
    spaced = np.where(word, cps, 32).astype(np.uint32)
    if unspaced is not None:
        spaced = np.insert(spaced, np.flatnonzero(unspaced), 32)
    flat = spaced.tobytes().decode("utf-32-le").lower().split()
    per_line_tokens = words.astype(np.int64)
    ends = np.cumsum(per_line_tokens).tolist()
    tokens = [flat[a:z] for a, z in zip([0, *ends[:-1]], ends, strict=True)]
    # Word-level counts for the whole page at once: one C-level map over the flat token list, then a
    # bincount by line.
    owner = np.repeat(np.arange(n), per_line_tokens)
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
    dashes = _spaced_dashes(cps, starts)
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
    return page_lines_many([(lines, skip)], lex, table)[0]


def page_lines_many(
    pages: Sequence[tuple[list[str], set[int] | None]], lex: Lexicon, table: np.ndarray
) -> list[PageLines]:
    """:func:`page_lines` of several pages (each its lines and the lines to skip): the per-line features
    are computed once over all their lines, which are independent of each other."""
    indexes = [
        [i for i, line in enumerate(lines) if line and i not in skip]
        if skip
        else [i for i, line in enumerate(lines) if line]
        for lines, skip in pages
    ]
    texts = [[lines[i] for i in index] for (lines, _), index in zip(pages, indexes, strict=True)]
    every = list(chain.from_iterable(texts))
    base, tokens = line_shapes(every, lex, table) if every else (np.zeros((0, _N_BASE), dtype=np.float32), [])
    out, at = [], 0
    for index, text in zip(indexes, texts, strict=True):
        # Blank (or skipped) lines before and after each line, capped at 3; the page's edges count as 3.
        blanks = np.minimum(np.diff(np.asarray(index, dtype=np.float32)) - 1, 3)
        gaps = np.full((len(index), 2), 3, dtype=np.float32)
        gaps[1:, 0] = blanks
        gaps[:-1, 1] = blanks
        end = at + len(index)
        out.append(PageLines(index, text, base[at:end], gaps, tokens[at:end]))
        at = end
    return out
