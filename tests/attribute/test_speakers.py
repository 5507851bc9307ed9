"""Resolving speakers: descriptions, groups and inline quotes, on hand-made articles."""

from __future__ import annotations

import pytest

from copydesk.attribute import Attributor
from tests.attribute.helpers import by_text


def test_speakers_definite_description_is_the_person_in_the_story(attributor: Attributor) -> None:
    text = (
        "Senate Majority Leader Mitch McConnell blamed activists for the attacks.\n\n"
        "“They isolated a few seconds of video from any context,” the Kentucky Republican said."
    )
    quotes, _ = attributor(text)
    assert by_text(quotes, "few seconds").speaker == "Mitch McConnell"


def test_speakers_description_introduced_unnamed_stays_unnamed(attributor: Attributor) -> None:
    text = (
        "Mayor John Smith spoke to a judge on Monday.\n\n"
        "“The law leaves no room for doubt here,” the judge said."
    )
    quotes, _ = attributor(text)
    quote = by_text(quotes, "no room")
    assert (quote.speaker, quote.speaker_mention) == (None, "the judge")


def test_speakers_description_head_before_preposition(attributor: Attributor) -> None:
    text = (
        "Megan Bortis, the lawyer for the society, spoke in court.\n\n"
        "According to the lawyer for the society, the animals were seized after a tip."
    )
    quotes, _ = attributor(text)
    assert by_text(quotes, "animals were seized").speaker == "Megan Bortis"


def test_speakers_coordinated_names_in_full(attributor: Attributor) -> None:
    text = (
        "Nick Sandmann met Nathan Phillips at the memorial.\n\n"
        "Both Sandmann and Phillips have said they were trying to keep the peace."
    )
    quotes, _ = attributor(text)
    assert by_text(quotes, "keep the peace").speaker == "Nick Sandmann and Nathan Phillips"


def test_speakers_called_keeps_a_direct_quote(attributor: Attributor) -> None:
    text = "Crown prosecutor Michael Pilon called the conclusion “bold and without any basis.”"
    quotes, _ = attributor(text)
    quote = by_text(quotes, "bold and without")
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Michael Pilon", "called")


def test_speakers_inline_quote_goes_to_the_sentence_subject(attributor: Attributor) -> None:
    text = (
        "“We had no warning,” Mayor Jane Doe said.\n\n"
        "Early on, Dr. Tom Lund became “acutely aware” of the risks."
    )
    quotes, _ = attributor(text)
    assert by_text(quotes, "acutely aware").speaker == "Tom Lund"


@pytest.mark.parametrize(
    ("sentence", "mention"),
    [
        (
            "A person familiar with the talks said the deal would close soon.",
            "A person familiar with the talks",
        ),
        ("Some in the Muslim community say the support has dried up.", "Some in the Muslim community"),
        ("All those involved say the issue is complex and cannot be fixed.", "All those involved"),
        ("Sources close to her campaign said she would run again.", "Sources close to her campaign"),
        ("52 percent of registered voters said they backed the plan.", "52 percent of registered voters"),
        ("“It was terrifying,” said a woman who lives nearby.", "a woman who lives nearby"),
        (
            "A senior official, speaking on condition of anonymity, said the talks had stalled.",
            "A senior official",
        ),
    ],
)
def test_speakers_description_phrase_as_written(attributor: Attributor, sentence: str, mention: str) -> None:
    quotes, _ = attributor(sentence)
    assert [q.speaker_mention for q in quotes] == [mention]


@pytest.mark.parametrize(
    ("noun", "speaker"),
    [("the company", "Acme Corporation"), ("the commission", None), ("police", None)],
)
def test_speakers_organisation_nouns(attributor: Attributor, noun: str, speaker: str | None) -> None:
    text = (
        "The Ontario Energy Commission fined Acme Corporation on Friday.\n\n"
        f"Sales fell by a tenth in the last quarter, {noun} said on Monday."
    )
    quotes, _ = attributor(text)
    assert by_text(quotes, "Sales fell").speaker == speaker


def test_speakers_caption_prefix_is_folded_into_the_person(attributor: Attributor) -> None:
    text = (
        "Kevin Vickers is considering a run.\n\n"
        "PA Images via Getty Images Kevin Vickers at a ceremony in Dublin.\n\n"
        "“It is a long haul,” Vickers said."
    )
    quotes, entities = attributor(text)
    assert by_text(quotes, "long haul").speaker == "Kevin Vickers"
    assert "Getty Images Kevin Vickers" not in {e.name for e in entities}


def test_speakers_role_phrase_opens_the_sentence(attributor: Attributor) -> None:
    text = (
        "Donald Trump met Kim Jong Un last year.\n\n"
        "Chinese Foreign Ministry spokesperson Lu Kang gave no details about the visit. "
        "But he said further information would be released in due course."
    )
    quotes, _ = attributor(text)
    assert by_text(quotes, "released in due course").speaker == "Lu Kang"


def test_speakers_quote_paragraph_after_a_paragraph_about_someone(attributor: Attributor) -> None:
    text = (
        "“We are glad to be back,” coach Nick Nurse said.\n\n"
        "Marc Gasol spent the summer on a rescue boat in the Mediterranean Sea.\n\n"
        "“It is unbelievable how many people are abandoned at sea.”"
    )
    quotes, _ = attributor(text)
    assert by_text(quotes, "abandoned at sea").speaker == "Marc Gasol"
