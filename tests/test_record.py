from dataclasses import asdict

from copydesk.record import Article, Boilerplate, Caption, Entity, Line, Quote, Reject


def article() -> Article:
    return Article(
        id="a1",
        url="https://example.com/a",
        title="Floods in the north",
        authors=["Jane Doe"],
        body=["Flood waters rose.", "Officials said so."],
        captions=[Caption("Rescue teams at work", "AFP")],
        boilerplate=[Boilerplate("Share this", "share", 2)],
        lines=[
            Line(0, "Floods in the north", "title", 0.1),
            Line(1, "", "blank"),
            Line(2, "Share", "boilerplate"),
        ],
        quotes=[Quote("so", "indirect", 20, 22, speaker="Jane Doe")],
        entities=[Entity("Jane Doe", "PERSON", mentions=["Jane Doe", "Doe"], quotes=[0])],
        dup_similarity=0.5,
    )


def test_record_to_dict_is_what_asdict_gives() -> None:
    art = article()
    assert art.to_dict() == asdict(art)
    assert list(art.to_dict()) == list(asdict(art))  # same key order
    assert Reject("r1", "not_utf8", "bad bytes").to_dict() == asdict(Reject("r1", "not_utf8", "bad bytes"))


def test_record_to_dict_copies_lists() -> None:
    art = article()
    data = art.to_dict()
    data["body"].append("more")
    data["entities"][0]["mentions"].append("J. Doe")
    data["lines"][0]["label"] = "body"
    assert art.body == ["Flood waters rose.", "Officials said so."]
    assert art.entities[0].mentions == ["Jane Doe", "Doe"] and art.lines[0].label == "title"


def test_record_round_trips_through_dict() -> None:
    art = article()
    assert Article.from_dict(art.to_dict()) == art
