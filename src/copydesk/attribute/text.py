"""Paragraphs, sentences and tokens of a clean article, each with character offsets into its text.

Attribution reads the text with a regular-expression tokenizer and a rule sentence splitter: both are
orders of magnitude faster than a statistical pipeline, and the statistical parser then only sees the
few sentences the rules cannot read (see :mod:`copydesk.attribute.parse`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from copydesk.attribute.lexicon import Lexicon

_TOKEN = re.compile(r"\w+(?:[’'.\-&]\w+)*|[^\w\s\u200b\u200c\u200d\u2060\ufeff]")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*")
OPEN_MARKS = "“„«‘\"'‹"
CLOSE_MARKS = "”“»’\"'›"
ALL_MARKS = frozenset("\"“”„«»‘’'‹›‟")
_ENDERS = frozenset(".!?…")


@dataclass(slots=True)
class Token:
    """A word or punctuation mark; ``quoted`` is set when it lies inside quote marks."""

    text: str
    start: int
    end: int
    quoted: bool = False

    @property
    def lower(self) -> str:
        """The token in lower case."""
        return self.text.lower()

    @property
    def is_cap(self) -> bool:
        """True for a word that starts with a capital letter."""
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        """True for a word (letters or digits), False for punctuation."""
        return self.text[:1].isalnum()


@dataclass(slots=True)
class Sentence:
    """A run of tokens ``tokens[lo:hi]`` of one paragraph."""

    lo: int
    hi: int


@dataclass(slots=True)
class Paragraph:
    """One paragraph: its offsets in the article, tokens and sentences."""

    index: int
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def sentence_of(self, i: int) -> Sentence:
        """Return the sentence holding token ``i``."""
        for sent in self.sentences:
            if sent.lo <= i < sent.hi:
                return sent
        return self.sentences[-1]


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into word and punctuation tokens, offsets shifted by ``offset``."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each paragraph; paragraphs are separated by blank lines."""
    spans = []
    for m in _PARAGRAPH.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _is_boundary(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """True if the sentence-final mark at ``tokens[i]`` ends a sentence."""
    tok = tokens[i]
    if tok.text == "." and i > 0:
        prev = tokens[i - 1]
        if prev.end == tok.start:
            low = prev.lower
            if low in lex.abbreviations or (len(prev.text) == 1 and prev.text.isupper()):
                return False
    j = i + 1
    while j < len(tokens) and (tokens[j].text in ALL_MARKS or tokens[j].text in ")]"):
        # a closing mark glued to the stop belongs to this sentence; an opening one starts the next
        if tokens[j].start > tokens[j - 1].end:
            break
        j += 1
    if j >= len(tokens):
        return True
    nxt = tokens[j]
    return nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text in ALL_MARKS


def split_sentences(tokens: list[Token], lex: Lexicon) -> list[Sentence]:
    """Group tokens into sentences with a rule splitter that knows abbreviations and quote marks."""
    sentences: list[Sentence] = []
    lo = 0
    i = 0
    n = len(tokens)
    while i < n:
        if tokens[i].text in _ENDERS and _is_boundary(tokens, i, lex):
            hi = i + 1
            while (
                hi < n
                and tokens[hi].text in ALL_MARKS | {")", "]"}
                and tokens[hi].start == tokens[hi - 1].end
            ):
                hi += 1
            sentences.append(Sentence(lo, hi))
            lo = hi
            i = hi
            continue
        i += 1
    if lo < n:
        sentences.append(Sentence(lo, n))
    return sentences


def read_paragraphs(text: str, lex: Lexicon) -> list[Paragraph]:
    """Tokenize ``text`` into paragraphs and sentences."""
    paragraphs = []
    for index, (start, end) in enumerate(split_paragraphs(text)):
        tokens = tokenize(text[start:end], start)
        paragraphs.append(Paragraph(index, start, end, tokens, split_sentences(tokens, lex)))
    return paragraphs
