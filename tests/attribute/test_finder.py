"""Finding quotations: parenthetical cues, pull quotes and embedded tweets."""

from __future__ import annotations

import pytest

from copydesk.attribute import AttributeOptions, Attributor


@pytest.fixture(scope="module")
def attributor() -> Attributor:
    att = Attributor(AttributeOptions(use_parser=False))
    att.setup()
    return att


@pytest.mark.parametrize(
    ("sentence", "before", "after"),
    [
        (
            "The drugs have a limited set of uses, she says, and are meant to be taken short term.",
            "The drugs have a limited set of uses",
            "and are meant to be taken short term",
        ),
        (
            "It is on his watch, Jane Doe said, that the country faces deep divisions.",
            "It is on his watch",
            "that the country faces deep divisions",
        ),
        (
            "The harsh truth, according to Jane Doe, is that the system is to blame.",
            "The harsh truth",
            "is that the system is to blame",
        ),
    ],
)
def test_finder_parenthetical_cue_splits_the_quote(
    attributor: Attributor, sentence: str, before: str, after: str
) -> None:
    text = f"Jane Doe runs the clinic.\n\n{sentence}"
    quotes, _ = attributor(text)
    texts = [q.text for q in quotes]
    assert before in texts and after in texts, texts
    assert {q.speaker for q in quotes if q.text in (before, after)} == {"Jane Doe"}


def test_finder_pull_quote_with_a_title(attributor: Attributor) -> None:
    text = (
        "Caroline Wojtaszek disagreed.\n\n"
        "He has the combination of brutal violence and sexual offences over his adult life. "
        "Niagara County District Attorney Caroline Wojtaszek"
    )
    quotes, _ = attributor(text)
    assert [(q.text[:6], q.speaker) for q in quotes] == [("He has", "Caroline Wojtaszek")]


def test_finder_pull_quote_may_hold_a_cue_word(attributor: Attributor) -> None:
    text = (
        "Julie Easley met him.\n\n"
        "There is something about seeing you at your most vulnerable state. Julie Easley"
    )
    quotes, _ = attributor(text)
    assert [q.speaker for q in quotes] == ["Julie Easley"]


def test_finder_embedded_tweet(attributor: Attributor) -> None:
    text = (
        "The storm hit on Thursday.\n\n"
        "Thursday's windstorm was one of the most devastating storms we've seen. Crews are out. "
        "#BCStormpic.twitter.com/rg2GLQvMx7 — BC Hydro (@bchydro) December 22, 2018"
    )
    quotes, _ = attributor(text)
    tweet = quotes[0]
    assert tweet.speaker == "BC Hydro"
    assert tweet.text.startswith("Thursday's windstorm") and tweet.text.endswith("Crews are out.")


def test_finder_pull_quote_speaker_is_not_salient(attributor: Attributor) -> None:
    text = (
        "Mayor John Smith spoke first.\n\n"
        "We were never told about any of the costs of the project. Mary Jones\n\n"
        "“We will balance the budget,” he said."
    )
    quotes, _ = attributor(text)
    assert quotes[-1].speaker == "John Smith"
