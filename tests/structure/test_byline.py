from __future__ import annotations

import pytest

from copydesk.structure.byline import parse_byline
from copydesk.structure.wordlists import WordLists

WORDS = WordLists.load()


@pytest.mark.parametrize(
    ("line", "authors", "publisher", "removed"),
    [
        ("Taing Vida / Khmer Times Share:", ["Taing Vida"], "Khmer Times", ["Share:"]),
        ("By Jane Smith and Ahmed Ali", ["Jane Smith", "Ahmed Ali"], None, []),
        ("Von Anna Müller | Berliner Zeitung", ["Anna Müller"], "Berliner Zeitung", []),
        ("By Sarah Lee, Associated Press", ["Sarah Lee"], "Associated Press", []),
        ("Por María José García", ["María José García"], None, []),
    ],
)
def test_byline_parse(line: str, authors: list[str], publisher: str | None, removed: list[str]) -> None:
    by = parse_byline(line, WORDS)
    assert by.authors == authors
    assert by.publisher == publisher
    assert by.removed == removed


def test_byline_date_is_split_off() -> None:
    by = parse_byline("By Korin Miller Published: Jan 29, 2025", WORDS)
    assert by.authors == ["Korin Miller"]
    assert by.date_text is not None and "2025" in by.date_text


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("By Anna Berg | 12 March 2024", "12 March 2024"),
        ("By Anna Berg - 2024-03-12 10:00", "2024-03-12 10:00"),
        ("By Anna Berg | 5/3/24", "5/3/24"),
        ("By Anna Berg | 2 comments", None),  # digits, but no date
    ],
)
def test_byline_date_forms(line: str, date: str | None) -> None:
    by = parse_byline(line, WORDS)
    assert by.date_text == date
    assert "Anna Berg" in by.authors


@pytest.mark.parametrize(
    ("line", "author", "date"),
    [
        ("By Jane Smith 12/03/2019", "Jane Smith", "12/03/2019"),
        ("By Jane Smith, 12.03.2019", "Jane Smith", "12.03.2019"),
        ("Jane Smith 2019-03-12", "Jane Smith", "2019-03-12"),
        ("By Jane Smith 12 March 2019", "Jane Smith", "12 March 2019"),
        # A day name goes with its date.
        ("By Jane Smith Tuesday, 12 March 2019", "Jane Smith", "Tuesday, 12 March 2019"),
        ("Von Max Muster, Dienstag, 12. März 2019", "Max Muster", "Dienstag, 12. März 2019"),
        ("By Jane Smith, Tue. March 12, 2019", "Jane Smith", "Tue. March 12, 2019"),
    ],
)
def test_byline_name_before_a_date_stays_whole(line: str, author: str, date: str) -> None:
    by = parse_byline(line, WORDS)
    assert (by.authors, by.date_text) == ([author], date)


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Kristin", ["Kristin"]),  # one name, or a team, after an explicit "By"
        ("Written by Ask the Doctors", ["Ask the Doctors"]),
        ("By clicking here you agree to our terms", []),
        ("Von Moritz Bachmann publiziert am 30. Juli 2018", ["Moritz Bachmann"]),
        ("By Chris Pokorny @DawgsByNature", ["Chris Pokorny"]),  # handles and addresses are no names
        ("By Jane Smith jane.smith@example.com", ["Jane Smith"]),
    ],
)
def test_byline_what_by_names(line: str, authors: list[str]) -> None:
    assert parse_byline(line, WORDS).authors == authors


def test_byline_prefix_without_a_name_is_no_author() -> None:
    by = parse_byline("Written By Feb 11, 2019 · 3 min read", WORDS)
    assert (by.authors, by.date_text) == ([], "Feb 11, 2019 · 3 min read")


def test_byline_publisher_from_url() -> None:
    by = parse_byline("Phnom Penh Post / Vandy Muong", WORDS, url="https://www.phnompenhpost.com/x")
    assert by.publisher == "Phnom Penh Post"
    assert by.authors == ["Vandy Muong"]


def test_byline_clean_declared_names() -> None:
    from copydesk.structure.byline import clean_name

    assert clean_name("By  Thai Vong ") == "Thai Vong"
    assert clean_name("Jane Smith,") == "Jane Smith"


def test_byline_from_dom_elements() -> None:
    from copydesk.structure.byline import dom_bylines

    texts = ["Share this", "Written by Hunter Dukes", "Hunter Dukes is a writer based in London and Paris."]
    assert dom_bylines(texts, WORDS) == ["Hunter Dukes"]
    assert dom_bylines(["Menu", "Subscribe now"], WORDS) == []
