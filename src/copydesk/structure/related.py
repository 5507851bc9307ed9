"""Headlines of other stories: lines that follow a "Previous Article" / "Related" marker."""

from __future__ import annotations

from copydesk.structure.wordlists import WordLists

_EDGE_CHARS = " :»›>«‹<|•·.-–—"


def is_marker(text: str, words: WordLists) -> bool:
    """A line that announces other stories ("Previous Article", "Read more:")."""
    if len(text) > 60:
        return False
    return text.lower().strip(_EDGE_CHARS) in words.markers


def looks_like_headline(text: str) -> bool:
    """Headline shape: 3-25 words, no sentence break inside, not ending in a full stop."""
    n = len(text.split())
    return 3 <= n <= 25 and not text.endswith(".") and ". " not in text and "|" not in text


def find_related(
    texts: list[str], removed: list[bool], words: WordLists, reach: int = 12
) -> tuple[set[int], set[int]]:
    """Indexes of marker lines and of related headlines among removed lines (in page order)."""
    markers, headlines = set(), set()
    i = 0
    while i < len(texts):
        if removed[i] and is_marker(texts[i], words):
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
