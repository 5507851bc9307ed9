from __future__ import annotations

from copydesk.structure.kinds import boilerplate_kind
from copydesk.structure.related import find_related, is_marker
from copydesk.structure.wordlists import WordLists

WORDS = WordLists.load()


def test_related_marker_and_headlines() -> None:
    texts = [
        "Body text here.",
        "Previous Article",
        "Halt Vietnam timber deal: NGOs",
        "Next Article",
        "Hun Sen agrees to resume MIA programme",
    ]
    removed = [False, True, True, True, True]
    markers, headlines = find_related(texts, removed, WORDS)
    assert markers == {1, 3}
    assert headlines == {2, 4}


def test_related_ignores_kept_lines() -> None:
    texts = ["Read more:", "This sentence is part of the article body, not a headline"]
    assert find_related(texts, [True, False], WORDS) == ({0}, set())


def test_related_marker_multilingual() -> None:
    assert is_marker("Lesen Sie auch:", WORDS)
    assert is_marker("» Leer más", WORDS)


def test_kinds_repeated_brand_is_ad() -> None:
    assert boilerplate_kind(["cellcard"] * 3, [0.0] * 10, False) == "ad"


def test_kinds_from_cue_counts() -> None:
    counts = [0.0] * 10
    counts[2] = 1.0  # cookie
    assert boilerplate_kind(["we", "use", "cookies"], counts, False) == "cookie"
    assert boilerplate_kind(["weather"], [0.0] * 10, True) == "navigation"
    assert boilerplate_kind(["something", "else", "entirely"], [0.0] * 10, False) == "other"
