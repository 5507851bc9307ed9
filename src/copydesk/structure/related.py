"""Headlines of other stories: lines that follow a "Previous Article" / "Related" marker."""

from __future__ import annotations

import re

from copydesk.structure.wordlists import WordLists

_EDGE_CHARS = " :»›>«‹<|•·.-–—"
#: The longest line that a marker opening it makes a marker ("More from UK"): longer is a sentence.
_MARKER_LINE_WORDS = 6
_LINK_LINE = re.compile(r"^\W*(?P<marker>[^:]{2,40}?)\s*:\s*(?P<headline>.+)$")


def is_marker(text: str, words: WordLists) -> bool:
    """A line that announces other stories: a marker ("Previous Article", "Read more:"), or a short line
    that a marker of two words or more opens ("More from UK", "Most read in world news")."""
    if len(text) > 60:
        return False
    low = text.lower().strip(_EDGE_CHARS)
    if low in words.markers:
        return True
    head = low.split()
    if len(head) > _MARKER_LINE_WORDS:
        return False
    return any(" ".join(head[:n]).rstrip(":") in words.markers for n in range(2, len(head)))


def link_headline(text: str, words: WordLists) -> str | None:
    """The headline of a link line, a marker, a colon and a headline on one line ("Read more: China
    plague outbreak confirmed"); None for any other line."""
    m = _LINK_LINE.match(text) if len(text) <= 200 else None
    if m is None or m["marker"].lower() not in words.markers or not looks_like_headline(m["headline"]):
        return None
    return m["headline"]


def is_link_line(text: str, words: WordLists) -> bool:
    """Whether a line is a link line (:func:`link_headline`)."""
    return link_headline(text, words) is not None


def related_runs(texts: list[str], kept: list[bool], words: WordLists, reach: int = 12) -> set[int]:
    """Kept lines that are a related-stories block the classifier took for body: a marker, and the
    headline-shaped lines right after it (up to the first line of prose); and a link line
    (:func:`is_link_line`)."""
    out: set[int] = set()
    i = 0
    while i < len(texts):
        if kept[i] and is_link_line(texts[i], words):
            out.add(i)
        if not (kept[i] and is_marker(texts[i], words)):
            i += 1
            continue
        out.add(i)
        j = i + 1
        while j < len(texts) and j <= i + reach and kept[j] and looks_like_headline(texts[j]):
            if is_marker(texts[j], words):
                break
            out.add(j)
            j += 1
        i = j
    return out


def looks_like_headline(text: str) -> bool:
    """Headline shape: 3-25 words, no sentence break inside, not ending in a full stop."""
    n = len(text.split())
    return 3 <= n <= 25 and not text.endswith(".") and ". " not in text and "|" not in text


def find_related(
    texts: list[str], removed: list[bool], words: WordLists, reach: int = 12
) -> tuple[set[int], set[int]]:
    """Indexes of marker lines and of related headlines among removed lines (in page order): the
    headline-shaped lines after a marker, and link lines (:func:`link_headline`)."""
    markers, headlines = set(), set()
    i = 0
    while i < len(texts):
        if removed[i] and is_link_line(texts[i], words):
            headlines.add(i)
            i += 1
        elif removed[i] and is_marker(texts[i], words):
            markers.add(i)
            j = i + 1
            while j < len(texts) and j <= i + reach and removed[j] and not is_marker(texts[j], words):
                if looks_like_headline(texts[j]):
                    headlines.add(j)
                j += 1
            i = j
        else:
            i += 1
    return markers, headlines
