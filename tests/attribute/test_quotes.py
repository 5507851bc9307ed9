"""Quote-mark spans: every style news uses, apostrophes left alone, quotations over several paragraphs."""

from __future__ import annotations

import pytest

from copydesk.attribute.lexicon import load_lexicon
from copydesk.attribute.quotes import find_marked
from copydesk.attribute.text import read_paragraphs


def _spans(text: str) -> list[str]:
    paragraphs = read_paragraphs(text, load_lexicon())
    return [text[s.start : s.end] for s in find_marked(text, paragraphs)]


@pytest.mark.parametrize(
    "text",
    [
        "“We will win,” she said.",
        '"We will win," she said.',
        "«We will win», she said.",
        "„We will win“, she said.",
        "‘We will win,’ she said.",
        "'We will win,' she said.",
    ],
)
def test_quotes_marked_every_style(text: str) -> None:
    assert [s.rstrip(",") for s in _spans(text)] == ["We will win"]


def test_quotes_marked_apostrophes_are_not_quotes() -> None:
    assert _spans("It’s the Joneses’ house and we don’t mind, she said.") == []


def test_quotes_marked_british_only_without_double_marks() -> None:
    text = "“I’m fine, and so is my family,” he said of the ‘scare quotes’ he used."
    assert _spans(text) == ["I’m fine, and so is my family,"]


def test_quotes_marked_unclosed_paragraph_continues() -> None:
    text = "“The first part of what I said.\n\n“And the second part,” she said."
    paragraphs = read_paragraphs(text, load_lexicon())
    spans = find_marked(text, paragraphs)
    assert [text[s.start : s.end] for s in spans] == [
        "The first part of what I said.",
        "And the second part,",
    ]
    assert spans[0].close_at is None
    assert spans[1].continued
