"""The word lists of the structure stage (package data, loaded by the object that uses them)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources


def read_list(package: str, name: str) -> list[str]:
    """Non-comment, non-empty lines of a data file shipped in ``package/data``."""
    text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.split("\n") if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True, slots=True)
class WordLists:
    """Publisher words, month names, related-story markers, widget words and ad-slot labels."""

    publisher_words: frozenset[str]
    months: dict[str, int]
    markers: frozenset[str]
    marker_heads: frozenset[str]  # the first word of each marker of two words or more
    widgets: frozenset[str]  # share/follow widget words, with and without a final colon
    ad_labels: frozenset[str]  # whole lines that label an ad slot ("advertisement")

    @classmethod
    def load(cls) -> WordLists:
        """Read every list from the package."""
        pkg = "copydesk.structure"
        months = {}
        for row in read_list(pkg, "months.tsv"):
            name, _, num = row.partition("\t")
            months[name] = int(num)
        markers = frozenset(read_list(pkg, "markers.txt"))
        return cls(
            publisher_words=frozenset(read_list(pkg, "publisher_words.txt")),
            months=months,
            markers=markers,
            marker_heads=frozenset(m.split()[0] for m in markers if len(m.split()) > 1),
            widgets=frozenset(w for word in read_list(pkg, "widgets.txt") for w in (word, word.rstrip(":"))),
            ad_labels=frozenset(read_list(pkg, "ad_labels.txt")),
        )
