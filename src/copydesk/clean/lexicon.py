"""Load the word lists the classifier uses (package data, not code)."""

from __future__ import annotations

import re
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
    word_group: dict[str, int]  # single-word cue -> 1 + its group's index in GROUPS
    phrase_patterns: tuple[tuple[int, re.Pattern[str]], ...]  # (group index, multi-word cues)


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
    word_group = {w: GROUPS.index(g) + 1 for g in reversed(GROUPS) for w in words[g]}
    patterns = tuple(
        (GROUPS.index(g), re.compile("|".join(re.escape(p) for p in sorted(ps, key=len, reverse=True))))
        for g, ps in phrases.items()
        if ps
    )
    return Lexicon(stopwords=stop, word_group=word_group, phrase_patterns=patterns)
