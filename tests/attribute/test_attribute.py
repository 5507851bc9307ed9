"""Who said what, phenomenon by phenomenon, on hand-made sentences."""

from __future__ import annotations

import pytest

from copydesk.attribute import AttributeOptions, Attributor, attribute
from tests.attribute.helpers import by_text


def test_attribute_offsets_point_into_the_text(attributor: Attributor) -> None:
    text = "Mayor Jane Doe said the budget is balanced.\n\n“We kept our promise,” she said."
    quotes, _ = attributor(text)
    assert quotes
    for q in quotes:
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "cue"),
    [
        ("“We kept our promise,” Jane Doe said.", "kept our promise", "Jane Doe", "said"),
        ("“We kept our promise,” said Jane Doe, the mayor.", "kept our promise", "Jane Doe", "said"),
        ("Jane Doe said: “We kept our promise.”", "kept our promise", "Jane Doe", "said"),
        ("Jane Doe told reporters, “We kept our promise.”", "kept our promise", "Jane Doe", "told"),
        (
            "According to Jane Doe, the budget is balanced this year.",
            "budget is balanced",
            "Jane Doe",
            "according to",
        ),
        (
            "The budget is balanced this year, according to Jane Doe.",
            "budget is balanced",
            "Jane Doe",
            "according to",
        ),
    ],
)
def test_attribute_cue_before_or_after(
    attributor: Attributor, text: str, fragment: str, speaker: str, cue: str
) -> None:
    quotes, _ = attributor(text)
    quote = by_text(quotes, fragment)
    assert (quote.speaker, quote.cue) == (speaker, cue)


@pytest.mark.parametrize("marks", [("“", "”"), ('"', '"'), ("«", "»"), ("„", "“"), ("‘", "’")])
def test_attribute_every_quote_style(attributor: Attributor, marks: tuple[str, str]) -> None:
    o, c = marks
    quotes, _ = attributor(f"{o}We kept our promise to every family,{c} said Jane Doe.")
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "Jane Doe")]
    assert quotes[0].text == "We kept our promise to every family,"


def test_attribute_quote_split_around_its_cue(attributor: Attributor) -> None:
    text = (
        "Ou Chanrath spoke to reporters.\n\n"
        "“I am happy for him,” he said. “Most fled because they feared the court.”"
    )
    quotes, _ = attributor(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("I am happy for him,", "Ou Chanrath"),
        ("Most fled because they feared the court.", "Ou Chanrath"),
    ]
    assert quotes[1].cue is None


def test_attribute_title_then_surname_then_pronoun(attributor: Attributor) -> None:
    text = (
        "Exiled analyst Kim Sok arrived in Finland on Friday.\n\n"
        "Mr Sok said he had no plans yet.\n\n"
        "“I miss our country,” he said."
    )
    quotes, entities = attributor(text)
    assert [q.speaker for q in quotes] == ["Kim Sok", "Kim Sok"]
    assert [q.speaker_mention for q in quotes] == ["Mr Sok", "he"]
    person = next(e for e in entities if e.name == "Kim Sok")
    assert person.label == "PERSON"
    assert person.quotes == [0, 1]
    assert "Mr Sok" in person.mentions


def test_attribute_pronoun_follows_gender(attributor: Attributor) -> None:
    text = (
        "Ms Anna Berg met Mr Tom Lund on Monday. Ms Berg said the deal was fair.\n\n"
        "“It is a good day for the town,” he said."
    )
    quotes, _ = attributor(text)
    assert by_text(quotes, "good day").speaker == "Tom Lund"


def test_attribute_paragraph_only_quote_continues_the_speaker(attributor: Attributor) -> None:
    text = (
        "“We will rebuild the school,” Principal Maria Lopez said.\n\n"
        "“It will take two years, and every family will help.”"
    )
    quotes, _ = attributor(text)
    assert [q.speaker for q in quotes] == ["Maria Lopez", "Maria Lopez"]
    assert quotes[1].speaker_mention is None


def test_attribute_quote_over_several_paragraphs(attributor: Attributor) -> None:
    text = (
        "Farmers met in the hall on Sunday.\n\n"
        "“The rain came too late for the wheat and the barley this year.\n\n"
        "“We will need help before the winter,” said Paul Martin, a farmer."
    )
    quotes, _ = attributor(text)
    assert [q.speaker for q in quotes] == ["Paul Martin", "Paul Martin"]


def test_attribute_description_resolves_to_role(attributor: Attributor) -> None:
    text = (
        "Government spokesman Phay Siphan said the analyst was an activist.\n\n"
        "The ministry will not comment further, the spokesman said."
    )
    quotes, entities = attributor(text)
    quote = by_text(quotes, "will not comment")
    assert (quote.speaker, quote.speaker_mention) == ("Phay Siphan", "the spokesman")
    assert next(e for e in entities if e.name == "Phay Siphan").role == "government spokesman"


def test_attribute_name_is_a_person_whatever_a_tagger_says(attributor: Attributor) -> None:
    _, entities = attributor("Government spokesman Phay Siphan said the analyst was an activist.")
    assert [(e.name, e.label) for e in entities] == [("Phay Siphan", "PERSON")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The minister said the plan would cut waiting lists by half.", "indirect"),
        ("Her time there was “life-changing and heartbreaking,” she said.", "mixed"),
        ("“The plan will cut waiting lists by half,” the minister said.", "direct"),
    ],
)
def test_attribute_kinds(attributor: Attributor, text: str, kind: str) -> None:
    quotes, _ = attributor(text)
    assert [q.kind for q in quotes] == [kind]


def test_attribute_reported_speech_with_role(attributor: Attributor) -> None:
    quotes, _ = attributor(
        "Former opposition lawmaker Ou Chanrath yesterday said he believes the court is unfair."
    )
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.text == "he believes the court is unfair"
    assert (quote.speaker, quote.role, quote.cue) == ("Ou Chanrath", "former opposition lawmaker", "said")


@pytest.mark.parametrize(
    "text",
    [
        "The film “Roma” won three awards.",
        "The index added 0.3 per cent to 4,797.",
        "He pleaded guilty to two counts.",
        "The claims were denied by the company.",
    ],
)
def test_attribute_no_quote(attributor: Attributor, text: str) -> None:
    quotes, _ = attributor(text)
    assert quotes == []


def test_attribute_direct_only_option() -> None:
    text = "Jane Doe said the budget is balanced. “We kept our promise,” she said."
    quotes, _ = attribute(text, AttributeOptions(indirect=False, use_parser=False))
    assert [q.kind for q in quotes] == ["direct"]


def test_attribute_attributor_pickles_without_state() -> None:
    import pickle

    att = Attributor()
    att.setup()
    clone = pickle.loads(pickle.dumps(att))
    assert clone.options == att.options
    assert clone("“We kept our promise,” Jane Doe said.")[0][0].speaker == "Jane Doe"


@pytest.mark.parametrize(
    "text",
    [
        "“We kept our promise,” Jane Doe’s said.",
        "“We kept our promise,” said the union’s.",
        "He said.",
        "“",
        "",
        "said",
    ],
)
def test_attribute_odd_input_does_not_fail(attributor: Attributor, text: str) -> None:
    quotes, _ = attributor(text)
    for q in quotes:
        assert text[q.start : q.end] == q.text
