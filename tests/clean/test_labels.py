from __future__ import annotations

from copydesk.clean.labels import BODY, BYLINE, CAPTION, OTHER, TITLE, align_labels

GOLD = (
    "Exiled political analyst Kim Sok yesterday vowed to return to Cambodia after gaining asylum.\n\n"
    "Mr Sok arrived in Finland on Friday, following weeks of hiding in Thailand under threat of arrest."
)


def test_labels_alignment() -> None:
    lines = [
        "Home",
        "Kim Sok vows to return",
        "By Taing Vida",
        "Kim Sok fled the Kingdom. DAP News",
        "Exiled political analyst Kim Sok yesterday vowed to return to Cambodia after gaining asylum.",
        "",
        "Mr Sok arrived in Finland on Friday, following weeks of hiding in Thailand under threat of arrest.",
        "Share this",
    ]
    labels = align_labels(
        lines, GOLD, "Kim Sok vows to return", "Taing Vida", ["Kim Sok fled the Kingdom. DAP News"]
    )
    assert labels == [OTHER, TITLE, BYLINE, CAPTION, BODY, OTHER, BODY, OTHER]


def test_labels_no_gold_match_leaves_all_other() -> None:
    assert align_labels(["Nothing", "matches here at all, nothing"], GOLD) == [OTHER, OTHER]
