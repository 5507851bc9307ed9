"""Resolving speakers: descriptions, groups and inline quotes, on hand-made articles."""

from __future__ import annotations

import pytest

from copydesk.attribute import AttributeOptions, Attributor
from copydesk.record import Quote


@pytest.fixture(scope="module")
def attributor() -> Attributor:
    att = Attributor(AttributeOptions(use_parser=False))
    att.setup()
    return att


def _by_text(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, f"no quote holds {fragment!r}: {[q.text for q in quotes]}"
    return found[0]


def test_speakers_definite_description_is_the_person_in_the_story(attributor: Attributor) -> None:
    text = (
        "Senate Majority Leader Mitch McConnell blamed activists for the attacks.\n\n"
        "“They isolated a few seconds of video from any context,” the Kentucky Republican said."
    )
    quotes, _ = attributor(text)
    assert _by_text(quotes, "few seconds").speaker == "Mitch McConnell"


def test_speakers_description_introduced_unnamed_stays_unnamed(attributor: Attributor) -> None:
    text = (
        "Mayor John Smith spoke to a judge on Monday.\n\n"
        "“The law leaves no room for doubt here,” the judge said."
    )
    quotes, _ = attributor(text)
    quote = _by_text(quotes, "no room")
    assert (quote.speaker, quote.speaker_mention) == (None, "the judge")


def test_speakers_description_head_before_preposition(attributor: Attributor) -> None:
    text = (
        "Megan Bortis, the lawyer for the society, spoke in court.\n\n"
        "According to the lawyer for the society, the animals were seized after a tip."
    )
    quotes, _ = attributor(text)
    assert _by_text(quotes, "animals were seized").speaker == "Megan Bortis"


def test_speakers_coordinated_names_in_full(attributor: Attributor) -> None:
    text = (
        "Nick Sandmann met Nathan Phillips at the memorial.\n\n"
        "Both Sandmann and Phillips have said they were trying to keep the peace."
    )
    quotes, _ = attributor(text)
    assert _by_text(quotes, "keep the peace").speaker == "Nick Sandmann and Nathan Phillips"


def test_speakers_called_keeps_a_direct_quote(attributor: Attributor) -> None:
    text = "Crown prosecutor Michael Pilon called the conclusion “bold and without any basis.”"
    quotes, _ = attributor(text)
    quote = _by_text(quotes, "bold and without")
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Michael Pilon", "called")


def test_speakers_inline_quote_goes_to_the_sentence_subject(attributor: Attributor) -> None:
    text = (
        "“We had no warning,” Mayor Jane Doe said.\n\n"
        "Early on, Dr. Tom Lund became “acutely aware” of the risks."
    )
    quotes, _ = attributor(text)
    assert _by_text(quotes, "acutely aware").speaker == "Tom Lund"
