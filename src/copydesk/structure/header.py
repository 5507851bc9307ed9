"""Second opinions on a page's header: the title, byline and caption around the start of the body.

The line classifier decides from shape and context; near the top of a short page it has little
context, and these labels are also the ones a parser can check. This pass keeps the classifier's
labels unless a line's own structure says otherwise:

- no line was confident enough to be the title: take the headline-shaped line just above the byline
  (also when the classifier kept it, with the byline, as the first lines of the body), or else the
  likeliest headline-shaped line above the body;
- a line taken for the title, standing at the very start of the body, or removed between the
  title and the body or between the body's first two lines, that parses as a strong byline (a
  person plus a publisher, a "By" prefix or a share-widget tail) is the byline;
- a line at the very start of the body or removed just above it, shaped like a caption (a
  sentence, then a credit, and no final punctuation), is a caption;
- a "byline" that names nobody is a caption when it carries a photo credit, else removed.
"""

from __future__ import annotations

import re

import numpy as np

from copydesk.clean.labels import BODY, BYLINE, CAPTION, OTHER, TITLE
from copydesk.structure.byline import has_by_prefix, parse_byline, strip_widgets
from copydesk.structure.captions import split_credit
from copydesk.structure.dates import find_date
from copydesk.structure.related import looks_like_headline
from copydesk.structure.wordlists import WordLists

_END = re.compile(r"[.!?。！？…]$")
TITLE_FLOOR = 0.1  # the least title probability a fallback title needs
BYLINE_REACH = 2  # how many lines at the start of the body may be a byline
TITLE_REACH = 3  # how far above a byline its headline may stand
HEADER_REACH = 8  # how many removed lines between a title and the body may be a byline


def is_strong_byline(text: str, words: WordLists, url: str | None) -> bool:
    """A short line that reads unmistakably as a byline."""
    if len(text.split(None, 14)) > 14:
        return False
    by = parse_byline(text, words, url)
    if not by.authors:
        return False
    rest = text
    for cut in by.removed:
        rest = rest[: len(rest) - len(cut)].rstrip() if rest.endswith(cut) else rest
    if _END.search(rest):
        return False
    return bool(by.publisher or by.removed or has_by_prefix(text))


def repair_header(
    labels: list[int], texts: list[str], proba: np.ndarray, words: WordLists, url: str | None
) -> None:
    """Adjust title, byline and caption labels in place."""
    strong: dict[int, bool] = {}

    def strong_byline(k: int) -> bool:
        if k not in strong:
            strong[k] = is_strong_byline(texts[k], words, url)
        return strong[k]

    body_at = [k for k, lab in enumerate(labels) if lab == BODY]
    titles = [k for k, lab in enumerate(labels) if lab == TITLE]
    start = body_at[0] if body_at else len(labels)
    titled = bool(titles) and titles[0] < start
    top = titles[0] + 1 if titled else max(start - BYLINE_REACH - 1, 0)
    # The removed lines above the body, up to the title: a byline may stand a few lines up (past share
    # buttons, a date, a picture); a caption only right above the body.
    header = [k for k in range(titles[0] + 1 if titled else 0, start) if labels[k] == OTHER]
    removed = [k for k in header if k >= top][-(BYLINE_REACH + 1) :]
    # Lines removed between the first lines of the body: a byline the body's opening straddles.
    opened = body_at[BYLINE_REACH - 1] if len(body_at) >= BYLINE_REACH else start
    between = [k for k in range(start, opened) if labels[k] == OTHER]
    for k in titles + header[-HEADER_REACH:] + body_at[:BYLINE_REACH] + between:
        if strong_byline(k):
            labels[k] = BYLINE
    for k in removed + body_at[: BYLINE_REACH + 1]:
        if labels[k] in (BODY, OTHER) and not _END.search(texts[k]) and _is_caption(texts[k]):
            labels[k] = CAPTION
    for k, lab in enumerate(labels):
        if lab == BYLINE and not strong_byline(k):
            by = parse_byline(texts[k], words, url)
            if not (by.authors or by.publisher):
                labels[k] = CAPTION if _is_caption(texts[k]) else OTHER
    if TITLE not in labels:
        first = next((k for k, lab in enumerate(labels) if lab == BODY), len(labels))

        def headline(k: int) -> bool:
            return (
                looks_like_headline(texts[k])
                and find_date(texts[k], words) is None
                and bool(strip_widgets(texts[k], words)[0])  # not a row of share buttons
            )

        above = [k for k in range(first) if labels[k] == OTHER and headline(k)]
        byline = next((k for k, lab in enumerate(labels) if lab == BYLINE), None)
        opening = []  # a body does not open with a headline and its byline: body lines above a byline
        if byline is not None and first < byline <= first + BYLINE_REACH:
            opening = [k for k in range(first, byline) if labels[k] == BODY and headline(k)]
        near = [k for k in above + opening if byline is not None and byline - TITLE_REACH <= k < byline]
        if near:  # a headline right above the byline: the title, whatever its probability
            labels[near[-1]] = TITLE
            return
        best = max(above, key=lambda k: proba[k, TITLE], default=None)
        if best is not None and proba[best, TITLE] >= TITLE_FLOOR:
            labels[best] = TITLE


def _is_caption(text: str) -> bool:
    cap = split_credit(text)
    return cap.credit is not None and len(cap.text.split()) >= 4
