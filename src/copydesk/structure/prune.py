"""Lines the classifier kept as body that are not (:func:`not_body`): a related-stories block or link
line (:mod:`copydesk.structure.related`), an ad slot's label between two paragraphs ("ADVERTISEMENT"),
and a paragraph repeated word for word (a pull quote, a caption or a teaser shown twice; the first copy
stays). Training applies the same cut to its cross-validated predictions (:mod:`copydesk.clean.train`),
so the decoding it chooses and the figures it reports are those of the whole pipeline; the repeat
length below was the best of 5, 10, 15 and 25 words there."""

from __future__ import annotations

import re
from itertools import compress

from copydesk.structure.related import related_runs
from copydesk.structure.wordlists import WordLists

_PUNCT = re.compile(r"[\W_]+")
#: The fewest words of a repeated paragraph that is dropped: shorter repeats are often the article's own
#: (an interview's recurring question, a table's row labels).
REPEAT_WORDS = 10


def ad_labels(texts: list[str], kept: list[bool], words: WordLists) -> set[int]:
    """Kept lines that only label an ad slot."""
    return {
        k
        for k in compress(range(len(texts)), kept)
        if len(texts[k]) <= 60 and _PUNCT.sub(" ", texts[k].lower()).strip() in words.ad_labels
    }


def repeats(texts: list[str], kept: list[bool]) -> set[int]:
    """Kept lines of at least :data:`REPEAT_WORDS` words that repeat an earlier kept line."""
    seen: set[str] = set()
    out: set[int] = set()
    for k in compress(range(len(texts)), kept):
        text = texts[k]
        if text.count(" ") < REPEAT_WORDS - 1:  # lines are whitespace-normalised
            continue
        key = text.lower()
        if "  " in key or not key.isprintable() or key[0] == " " or key[-1] == " ":
            key = " ".join(key.split())  # (cleaned lines are whitespace-normalised already)
        if key in seen:
            out.add(k)
        seen.add(key)
    return out


def not_body(texts: list[str], kept: list[bool], words: WordLists) -> set[int]:
    """Kept lines that the rules above say are not body."""
    return related_runs(texts, kept, words) | ad_labels(texts, kept, words) | repeats(texts, kept)
