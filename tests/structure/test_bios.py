"""bios: an author's bio at the foot of the body is found by the byline's names."""

from __future__ import annotations

from copydesk.structure.bios import bio_start

STORY = [
    f"Paragraph {n} of the story says what happened in the northern provinces this week." for n in range(8)
]


def test_bio_opening_with_the_full_name_and_what_follows_it() -> None:
    bio = "Jane Roe is a reporter covering health and science for the paper since 2015."
    body = [*STORY, bio, "Support our journalism: become a member today."]
    assert bio_start(body, ["Jane Roe"]) == len(STORY)


def test_name_line_written_by_and_first_name_bios() -> None:
    assert bio_start([*STORY, "Jane Roe", "Jane writes about health and science."], ["Jane Roe"]) == 8
    assert bio_start([*STORY, "Written by Jane Roe"], ["Jane Roe"]) == 8
    # The prefixes a byline opens with, in its languages ("Reported by", "Autor:", "Von").
    for line in ("Reported by Jane Roe", "Autor: Jane Roe", "Von Jane Roe, Berlin"):
        assert bio_start([*STORY, line], ["Jane Roe"]) == 8
    credit = "Reported by Jane Roe and the rest of the team on the ground"  # too long for a credit line
    assert bio_start([*STORY, credit], ["Jane Roe"]) is None
    assert bio_start([*STORY, "Dr. Jane Roe is a physician who writes on health."], ["Jane Roe"]) == 8
    # A first name opens a bio when a copula follows it, in any of copydesk's languages.
    assert (
        bio_start([*STORY, "Anna ist Redakteurin im Ressort Politik seit dem Jahr 2019."], ["Anna Weber"])
        == 8
    )
    assert (
        bio_start([*STORY, "Anna said the water had risen by two metres overnight."], ["Anna Weber"]) is None
    )


def test_no_bio_without_author_or_away_from_the_foot() -> None:
    bio = "Jane Roe is a reporter covering health and science for the paper since 2015."
    assert bio_start([*STORY, bio], []) is None
    assert bio_start([*STORY, bio], ["Jane"]) is None  # a single name is too loose a key
    assert bio_start([bio, *STORY], ["Jane Roe"]) is None  # the article's own first line
    # A "bio" that, with what follows it, holds much of the body is the article (a profile of its author).
    assert bio_start([*STORY[:2], bio, *STORY[:3]], ["Jane Roe"]) is None
