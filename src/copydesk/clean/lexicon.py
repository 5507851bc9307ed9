"""Load the word lists the classifier uses (package data, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

#: The lexicon groups, in the order their counts appear in the feature vector.
GROUPS = (
    "share",
    "subscription",
    "cookie",
    "ad",
    "navigation",
    "related",
    "comment",
    "footer",
    "byline",
    "caption",
)


def _data_lines(name: str) -> list[str]:
    text = resources.files("copydesk.clean").joinpath("data", name).read_text(encoding="utf-8")
    return [ln for ln in text.split("\n") if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Stopwords and boilerplate cue words."""

    stopwords: frozenset[str]
    words: dict[str, frozenset[str]]  # group -> single-word cues
    phrases: dict[str, tuple[str, ...]]  # group -> multi-word cues

    def groups_of(self, tokens: list[str], lowered: str) -> list[int]:
        """Count the cue hits of each group in a line (tokens lowercased)."""
        counts = []
        for group in GROUPS:
            words = self.words[group]
            n = sum(1 for t in tokens if t in words)
            n += sum(1 for p in self.phrases[group] if p in lowered)
            counts.append(n)
        return counts


def load_lexicon() -> Lexicon:
    """Read the shipped word lists (callers keep the result; see LineModel)."""
    stop = frozenset(_data_lines("stopwords.txt"))
    words: dict[str, set[str]] = {g: set() for g in GROUPS}
    phrases: dict[str, list[str]] = {g: [] for g in GROUPS}
    for row in _data_lines("lexicon.tsv"):
        group, _, entry = row.partition("\t")
        if group not in words:
            continue
        if " " in entry:
            phrases[group].append(entry)
        else:
            words[group].add(entry)
    return Lexicon(
        stopwords=stop,
        words={g: frozenset(w) for g, w in words.items()},
        phrases={g: tuple(p) for g, p in phrases.items()},
    )
