"""Headlines of other stories: lines that follow a "Previous Article" / "Related" marker."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress, takewhile

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
    if not 2 < len(head) <= _MARKER_LINE_WORDS or head[0] not in words.marker_heads:
        return False
    return any(" ".join(head[:n]).rstrip(":") in words.markers for n in range(2, len(head)))


def link_headline(text: str, words: WordLists) -> str | None:
    """The headline of a link line, a marker, a colon and a headline on one line ("Read more: China
    plague outbreak confirmed"); None for any other line."""
    m = _LINK_LINE.match(text) if len(text) <= 200 and ":" in text else None
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
    out = set(_link_lines(texts, kept, words))
    for i, after in _marker_blocks(texts, kept, _markers(texts, kept, words), reach):
        out.add(i)
        out.update(takewhile(lambda j: looks_like_headline(texts[j]), after))
    return out


def _marker_blocks(
    texts: list[str], among: list[bool], markers: set[int], reach: int
) -> Iterator[tuple[int, list[int]]]:
    """Each marker, in page order, with the flagged lines after it: up to ``reach`` lines on, and not
    past an unflagged line or the next marker (which opens a block of its own)."""
    for i in sorted(markers):
        j, after = i + 1, []
        while j < len(texts) and j <= i + reach and among[j] and j not in markers:
            after.append(j)
            j += 1
        yield i, after


def _link_lines(texts: list[str], among: list[bool], words: WordLists) -> dict[int, str]:
    """The link lines among the flagged lines, with their headlines (only lines with a colon can be)."""
    found = {}
    for i in compress(range(len(texts)), among):
        text = texts[i]
        if ":" in text:
            headline = link_headline(text, words)
            if headline is not None:
                found[i] = headline
    return found


def _markers(texts: list[str], among: list[bool], words: WordLists) -> set[int]:
    """The marker lines among the flagged lines (only short lines can be)."""
    return {
        i for i in compress(range(len(texts)), among) if len(texts[i]) <= 60 and is_marker(texts[i], words)
    }


def looks_like_headline(text: str) -> bool:
    """Headline shape: 3-25 words, no sentence break inside, not ending in a full stop."""
    n = len(text.split(None, 25))  # (26 for any longer line)
    return 3 <= n <= 25 and not text.endswith(".") and ". " not in text and "|" not in text


def find_related(
    texts: list[str], removed: list[bool], words: WordLists, reach: int = 12
) -> tuple[set[int], dict[int, str]]:
    """Marker lines and related headlines among removed lines (in page order): the headline-shaped
    lines after a marker, and link lines (:func:`link_headline`). Headlines map to their text (a link
    line's without its marker)."""
    links = _link_lines(texts, removed, words)
    markers: set[int] = set()
    headlines = dict(links)
    for i, after in _marker_blocks(texts, removed, _markers(texts, removed, words), reach):
        if i in links:
            continue
        markers.add(i)
        for j in after:
            if looks_like_headline(texts[j]):
                headlines.setdefault(j, texts[j])
    return markers, headlines
