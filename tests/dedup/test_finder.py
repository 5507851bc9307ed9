"""Tests of copydesk.dedup.finder: clusters on small hand-made corpora."""

from __future__ import annotations

import pytest

from copydesk.dedup import DedupOptions, deduplicate
from copydesk.record import Article, Boilerplate
from tests.dedup.stories import BOILERPLATE_A, BOILERPLATE_B, COUNCIL, COUNCIL_LATER, STORM, edited


def article(id: str, body: list[str], boilerplate: list[str] = (), **kw: object) -> Article:  # type: ignore[assignment]
    extra = [Boilerplate(t, "other", i) for i, t in enumerate(boilerplate)]
    return Article(id=id, body=list(body), boilerplate=extra, **kw)  # type: ignore[arg-type]


def test_finder_exact_copies_form_one_cluster() -> None:
    articles = [article("a", COUNCIL), article("b", COUNCIL), article("c", STORM), article("d", COUNCIL)]
    stats = deduplicate(articles)
    assert [a.dup_cluster for a in articles] == ["a", "a", None, "a"]
    assert [a.dup_of for a in articles] == [None, "a", None, "a"]
    assert [a.dup_similarity for a in articles] == [None, 1.0, None, 1.0]
    assert (stats.clusters, stats.duplicates, stats.largest) == (1, 2, 3)


def test_finder_copies_with_different_boilerplate_are_exact_duplicates() -> None:
    articles = [article("a", COUNCIL, BOILERPLATE_A), article("b", COUNCIL, BOILERPLATE_B)]
    deduplicate(articles)
    assert (articles[1].dup_of, articles[1].dup_similarity) == ("a", 1.0)


def test_finder_case_and_punctuation_do_not_matter() -> None:
    shouted = [p.upper().replace(",", "").replace(".", " .") for p in COUNCIL]
    articles = [article("a", COUNCIL), article("b", shouted)]
    deduplicate(articles)
    assert articles[0].dup_cluster == articles[1].dup_cluster is not None


def test_finder_syndicated_copy_is_a_near_duplicate() -> None:
    copy = article("b", edited(COUNCIL), BOILERPLATE_B, published="2025-03-02")
    articles = [article("a", COUNCIL, published="2025-03-01"), copy, article("c", STORM)]
    stats = deduplicate(articles)
    assert articles[1].dup_of == "a"
    assert 0.8 <= articles[1].dup_similarity < 1.0  # type: ignore[operator]
    assert (articles[2].dup_cluster, stats.verified) == (None, 1)


def test_finder_same_topic_different_stories_stay_apart() -> None:
    articles = [article("a", COUNCIL), article("b", COUNCIL_LATER), article("c", STORM)]
    stats = deduplicate(articles)
    assert [a.dup_cluster for a in articles] == [None, None, None]
    assert stats.duplicates == 0


def test_finder_story_sharing_one_paragraph_stays_apart() -> None:
    articles = [article("a", COUNCIL), article("b", COUNCIL[:1] + COUNCIL_LATER)]
    deduplicate(articles)
    assert articles[1].dup_cluster is None


@pytest.mark.parametrize(("threshold", "joined"), [(0.8, False), (0.5, True)])
def test_finder_threshold_is_configurable(threshold: float, joined: bool) -> None:
    trimmed = COUNCIL[:3]  # 3 of 5 paragraphs: Jaccard about 0.6
    articles = [article("a", COUNCIL), article("b", trimmed)]
    deduplicate(articles, DedupOptions(threshold=threshold))
    assert (articles[1].dup_of == "a") is joined


def test_finder_empty_bodies_are_never_duplicates() -> None:
    articles = [article("a", []), article("b", []), article("c", [""])]
    deduplicate(articles)
    assert [a.dup_cluster for a in articles] == [None, None, None]


def test_finder_chain_of_copies_is_one_cluster() -> None:
    v2 = edited(COUNCIL)
    v3 = [*edited(v2)[:-1], "Updated with the vote count of each council member."]
    articles = [article("a", COUNCIL), article("b", v2), article("c", v3)]
    deduplicate(articles)
    assert {a.dup_cluster for a in articles} == {"c"}  # no dates: the longest body is canonical


def test_finder_repeated_ids_fall_back_to_positions() -> None:
    articles = [article("x", COUNCIL), article("x", COUNCIL)]
    deduplicate(articles)
    assert [a.dup_cluster for a in articles] == ["0", "0"]
    assert articles[1].dup_of == "x"


def test_finder_options_are_checked() -> None:
    with pytest.raises(ValueError, match="threshold"):
        DedupOptions(threshold=0)
    with pytest.raises(ValueError, match="bands"):
        DedupOptions(bands=20, rows=8)


def test_finder_public_names_import() -> None:
    import copydesk.dedup as dedup

    for name in dedup.__all__:
        assert getattr(dedup, name) is not None
