from __future__ import annotations

from copydesk.structure.prune import REPEAT_WORDS, ad_labels, repeats
from copydesk.structure.wordlists import WordLists

WORDS = WordLists.load()
PARA = "The council approved the budget on Tuesday after a long and bitter debate."


def test_prune_ad_labels_between_paragraphs() -> None:
    texts = [
        PARA,
        "ADVERTISEMENT",
        "- Advertisement -",
        "Anzeige",
        "Story continues below advertisement",
        PARA,
    ]
    assert ad_labels(texts, [True] * len(texts), WORDS) == {1, 2, 3, 4}


def test_prune_ad_labels_leave_prose_and_removed_lines_alone() -> None:
    texts = ["Ad revenue fell by a third this year.", "Advertisement"]
    assert ad_labels(texts, [True, False], WORDS) == set()


def test_prune_repeats_keep_the_first_copy() -> None:
    texts = [PARA, "Another paragraph of the story, long enough to count as prose here.", "  " + PARA.upper()]
    assert repeats(texts, [True, True, True]) == {2}
    assert repeats(texts, [False, True, True]) == set()  # the first copy was removed already


def test_prune_short_repeats_stay() -> None:
    question = " ".join(["word"] * (REPEAT_WORDS - 1))  # an interview's recurring question
    assert repeats([question, PARA, question], [True] * 3) == set()
