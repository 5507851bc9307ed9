from __future__ import annotations

from copydesk.structure.kinds import boilerplate_kinds
from copydesk.structure.related import find_related, is_link_line, is_marker, link_headline, related_runs
from copydesk.structure.wordlists import WordLists

WORDS = WordLists.load()
PROSE = "The council approved the budget on Tuesday after a long debate."


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
    assert headlines == {2: texts[2], 4: texts[4]}


def test_related_ignores_kept_lines() -> None:
    texts = ["Read more:", "This sentence is part of the article body, not a headline"]
    assert find_related(texts, [True, False], WORDS) == ({0}, {})


def test_related_marker_multilingual() -> None:
    assert is_marker("Lesen Sie auch:", WORDS)
    assert is_marker("» Leer más", WORDS)


def test_related_marker_opening_a_short_line() -> None:
    assert is_marker("More from UK", WORDS)
    assert is_marker("Most read in world news", WORDS)
    assert is_marker("Read more: China plague outbreak", WORDS)
    assert not is_marker("More from the minister came later in the week", WORDS)  # a sentence
    assert not is_marker("Next week the council votes", WORDS)  # one-word markers only match whole lines


def test_related_runs_cut_a_headline_list_kept_as_body() -> None:
    texts = [
        "The council approved the budget on Tuesday after a long debate.",
        "More from UK",
        "Prince Andrew: BT abandons ties with duke",
        "Babies and mothers died in what may be worst ever NHS scandal",
        "The mayor said the vote was a turning point for the city.",
        "Related articles",
        "Plague outbreak: China hit by pneumonic plague",
    ]
    kept = [True] * len(texts)
    assert related_runs(texts, kept, WORDS) == {1, 2, 3, 5, 6}
    kept[5] = False  # a marker already removed is find_related's business
    assert related_runs(texts, kept, WORDS) == {1, 2, 3}


def test_related_link_lines() -> None:
    assert is_link_line("READ MORE: China plague outbreak confirmed: Two diagnosed in Beijing", WORDS)
    assert is_link_line("Lesen Sie auch: Die Bahn streicht Verbindungen", WORDS)
    assert not is_link_line("Related: the minister said. Then he left.", WORDS)  # prose after the colon
    assert not is_link_line("Officials said: the storm will reach the coast tonight", WORDS)  # no marker
    texts = [PROSE, "Read more: Alibaba poised to launch record-breaking $13.4bn Hong Kong listing", PROSE]
    assert related_runs(texts, [True] * 3, WORDS) == {1}
    headline = "Alibaba poised to launch record-breaking $13.4bn Hong Kong listing"
    assert find_related(texts, [False, True, False], WORDS) == (set(), {1: headline})
    assert link_headline(texts[1], WORDS) == headline


def test_kinds_repeated_brand_is_ad() -> None:
    assert boilerplate_kinds([["cellcard"] * 3], [[0.0] * 10], [False]) == ["ad"]


def test_kinds_from_cue_counts() -> None:
    counts = [0.0] * 10
    counts[2] = 1.0  # cookie
    lines = [["we", "use", "cookies"], ["weather"], ["something", "else", "entirely"]]
    kinds = boilerplate_kinds(lines, [counts, [0.0] * 10, [0.0] * 10], [False, True, False])
    assert kinds == ["cookie", "navigation", "other"]
