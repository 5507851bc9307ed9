"""Training labels: align a page's rendered lines with its gold main content, title and author.

Used only to build training data. A line is ``body`` when most of its word trigrams occur in the
gold text (short lines: when they equal a gold line) and it lies near the region where the gold
text is found; the title and byline are the gold title / author lines nearest the start of that
region; captions are lines whose text the HTML puts in a ``<figcaption>`` or caption element.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

OTHER, BODY, TITLE, BYLINE, CAPTION = range(5)
CLASSES = ("other", "body", "title", "byline", "caption")
IGNORE = -1  # a line that half-matches the gold: neither clearly content nor clearly not; not trained on

_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Lowercased word tokens."""
    return _WORD.findall(text.lower())


def trigrams(toks: list[str]) -> list[tuple[str, str, str]]:
    """The word trigrams of a token list, in order."""
    return list(zip(toks, toks[1:], toks[2:], strict=False))


def align_labels(
    lines: list[str],
    gold_body: str,
    gold_title: str | None = None,
    gold_author: str | None = None,
    caption_texts: Iterable[str] = (),
) -> list[int]:
    """Label each line (blank lines get OTHER; callers skip them)."""
    gold_tok = tokens(gold_body)
    gold_tri = set(trigrams(gold_tok))
    gold_lines = {" ".join(tokens(g)) for g in gold_body.split("\n") if g.strip()}
    line_tok = [tokens(ln) for ln in lines]

    match = [0.0] * len(lines)
    for i, toks in enumerate(line_tok):
        if len(toks) >= 3:
            tri = trigrams(toks)
            match[i] = sum(1 for t in tri if t in gold_tri) / len(tri)
        elif toks and " ".join(toks) in gold_lines:
            match[i] = 1.0
    strong = [i for i, toks in enumerate(line_tok) if match[i] >= 0.8 and len(toks) >= 8]
    labels = [OTHER] * len(lines)
    if strong:
        lo, hi = strong[0], strong[-1]
        for i, toks in enumerate(line_tok):
            near = lo - 3 <= i <= hi + 3
            if match[i] >= 0.6 and (len(toks) >= 8 or near):
                labels[i] = BODY
            elif 0.25 < match[i] < 0.6 and len(toks) >= 3:
                labels[i] = IGNORE
    else:
        lo = hi = len(lines)

    caps = {" ".join(tokens(c)) for c in caption_texts if len(tokens(c)) >= 2}
    for i, toks in enumerate(line_tok):
        key = " ".join(toks)
        if caps and key and any(key == c or (len(toks) >= 4 and key in c) for c in caps):
            labels[i] = CAPTION

    _mark_nearest(labels, line_tok, gold_title, lo, TITLE, slack=2)
    _mark_nearest(labels, line_tok, gold_author, lo, BYLINE, slack=12)
    return labels


def coverage(lines: list[str], labels: list[int], gold_body: str) -> float:
    """Share of the gold words that the BODY lines hold (low: the rendering lacks the gold text)."""
    gold = Counter(tokens(gold_body))
    got = Counter(t for line, lab in zip(lines, labels, strict=True) if lab == BODY for t in tokens(line))
    return sum((gold & got).values()) / max(sum(gold.values()), 1)


def _mark_nearest(
    labels: list[int], line_tok: list[list[str]], gold: str | None, start: int, label: int, slack: int
) -> None:
    """Label the line matching ``gold`` closest before ``start`` (or just after it)."""
    if not gold:
        return
    want = tokens(gold)
    if not want:
        return
    want_set = set(want)
    best, best_dist = None, None
    for i, toks in enumerate(line_tok):
        if labels[i] in (BODY, IGNORE) or not toks:
            continue
        if label == TITLE:
            ok = toks == want or (len(toks) >= 4 and _overlap(toks, want) >= 0.85)
        else:
            ok = want_set <= set(toks) and len(toks) <= len(want) + slack
        if not ok:
            continue
        dist = start - i if i < start else (i - start) * 3 + 1
        if best_dist is None or dist < best_dist:
            best, best_dist = i, dist
    if best is not None:
        labels[best] = label


def _overlap(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / max(len(sa | sb), 1)
