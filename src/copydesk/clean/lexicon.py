"""Load the word lists the classifier uses (package data, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from copydesk.clean.scripts import words as word_tokens

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

    phrases: dict[int, dict[tuple[str, ...], int]]  # by length: multi-word cue (tokens) -> 1 + group index
    codes: dict[str, int]  # every listed word -> 1 + its group's index in GROUPS | STOP | PHRASE_START bits


#: Bits of :attr:`Lexicon.codes` above the group number (which takes the low four bits).
STOP, PHRASE_START, GROUP_MASK = 16, 32, 15


def load_lexicon() -> Lexicon:
    """Read the shipped word lists (callers keep the result; see LineModel)."""
    stop = frozenset(_data_lines("stopwords.txt"))
    words: dict[str, set[str]] = {g: set() for g in GROUPS}
    phrases: dict[int, dict[tuple[str, ...], int]] = {}
    for row in _data_lines("lexicon.tsv"):
        group, _, entry = row.partition("\t")
        if group not in words:
            continue
        # Entries are matched on word tokens, so "e-mail" is the phrase ("e", "mail").
        tokens = tuple(word_tokens(entry))
        if len(tokens) > 1:
            phrases.setdefault(len(tokens), {}).setdefault(tokens, GROUPS.index(group) + 1)
        elif tokens:
            words[group].add(tokens[0])
    word_group = {w: GROUPS.index(g) + 1 for g in reversed(GROUPS) for w in words[g]}
    codes = dict(word_group)
    for w in stop:
        codes[w] = codes.get(w, 0) | STOP
    for by_length in phrases.values():
        for tokens in by_length:
            codes[tokens[0]] = codes.get(tokens[0], 0) | PHRASE_START
    return Lexicon(phrases=phrases, codes=codes)
