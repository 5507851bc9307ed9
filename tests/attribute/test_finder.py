"""Finding quotations: parenthetical cues, pull quotes and embedded tweets."""

from __future__ import annotations

import pytest

from copydesk.attribute import Attributor


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


def test_finder_two_apostrophes_are_a_double_mark(attributor: Attributor) -> None:
    text = "''I know his supporters are here,'' Jane Doe said."
    quotes, _ = attributor(text)
    assert [(q.text, q.speaker) for q in quotes] == [("I know his supporters are here,", "Jane Doe")]


def test_finder_inverted_cue_with_a_listener(attributor: Attributor) -> None:
    text = "People should provide evidence for their accusations, Jane Doe told reporters on Monday."
    quotes, _ = attributor(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("People should provide evidence for their accusations", "Jane Doe")
    ]


def test_finder_named_listener_then_reported_speech(attributor: Attributor) -> None:
    text = "Ben Myers, president of Bullpen Research, told HuffPost Canada the rent issue is getting worse."
    quotes, _ = attributor(text)
    assert [(q.text, q.speaker) for q in quotes] == [("the rent issue is getting worse", "Ben Myers")]


def test_finder_cue_of_another_clause_is_not_the_quotes(attributor: Attributor) -> None:
    text = (
        "Their meeting came about after she had heard “rumblings” that he was considering a run, "
        "and Lisa Harris said the two had a chat about the province."
    )
    quotes, _ = attributor(text)
    chat = _by_text_f(quotes, "the two had a chat")
    assert chat.speaker == "Lisa Harris"


def test_finder_nested_quote_with_its_own_cue(attributor: Attributor) -> None:
    text = "Jane Doe said she found herself in tears that morning, in what she called “the loneliest moment.”"
    quotes, _ = attributor(text)
    assert ("the loneliest moment.", "direct") in {(q.text, q.kind) for q in quotes}


def _by_text_f(quotes: list, fragment: str):  # type: ignore[no-untyped-def]
    found = [q for q in quotes if fragment in q.text]
    assert found, [q.text for q in quotes]
    return found[0]
