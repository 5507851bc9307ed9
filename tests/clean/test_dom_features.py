from __future__ import annotations

import numpy as np

from copydesk.clean.blocks import extract_blocks
from copydesk.clean.dom_features import (
    CONTAINER_NAMES,
    DECLARED_NAMES,
    DOM_NAMES,
    PAGE_NAMES,
    Declared,
    DomWords,
    block_groups,
    container_features,
    declared_body_features,
    dom_features,
    group_means,
    page_kind,
)

PROSE = "The council voted on Tuesday to approve the budget, after a long debate, officials said."
PAGE = f"""<html><body>
<ul class="menu"><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ul>
<div class="sidebar"><p>Short teaser, one line.</p></div>
<div class="story"><h1>Budget passes</h1><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>
<footer><p>© 2024 Example, all rights reserved, contact us.</p></footer>
</body></html>"""
COL = {name: i for i, name in enumerate(CONTAINER_NAMES)}


def test_container_is_the_element_holding_the_prose() -> None:
    blocks = extract_blocks(PAGE)
    feats = container_features(blocks)
    inside = [b.text for b, row in zip(blocks, feats, strict=True) if row[COL["in_top"]]]
    assert inside == ["Budget passes", PROSE, PROSE, PROSE]
    top_share = feats[0, COL["top_share"]]
    assert 0.5 < top_share < 1.0  # most of the page's text, not all of it
    home = feats[0]
    assert home[COL["top_distance"]] > 0 and home[COL["up1_link_density"]] == 1.0


def test_container_features_of_empty_and_linkless_pages() -> None:
    assert container_features([]).shape == (0, len(CONTAINER_NAMES))
    feats = container_features(extract_blocks("<p>Hi</p>"))  # no prose: no container
    assert feats[0, COL["in_top"]] == 0.0


def test_dom_features_width_matches_names() -> None:
    blocks = extract_blocks(PAGE)
    assert dom_features(blocks, DomWords.load()).shape == (len(blocks), len(DOM_NAMES))


def test_page_kind_is_on_every_block() -> None:
    blocks = extract_blocks(PAGE)
    kind = page_kind("article", "website", dated=True)
    feats = dom_features(blocks, DomWords.load(), Declared(kind))
    cols = [DOM_NAMES.index(n) for n in PAGE_NAMES]
    assert (feats[:, cols] == np.asarray(kind)).all()
    assert kind == (1.0, 0.0, 1.0, 1.0)
    assert (dom_features(blocks, DomWords.load())[:, cols] == 0).all()  # nothing declared


def test_declared_body_marks_the_blocks_it_holds() -> None:
    blocks = extract_blocks(PAGE)
    feats = dom_features(blocks, DomWords.load(), Declared(body=f"Budget passes. {PROSE} {PROSE}"))
    match = {
        b.text: row[DOM_NAMES.index("declared_body_match")] for b, row in zip(blocks, feats, strict=True)
    }
    assert match[PROSE] == 1.0 and match["Home"] == 0.0
    assert match["Short teaser, one line."] == 0.0
    assert feats[0, DOM_NAMES.index("declared_body_share")] == 1.0  # all of it shows on the page


def test_declared_body_absent_is_minus_one() -> None:
    feats = declared_body_features(extract_blocks(PAGE), None)
    assert feats.shape[1] == len(DECLARED_NAMES) and (feats == -1.0).all()


def test_group_means_pool_siblings() -> None:
    blocks = extract_blocks(PAGE)
    groups = block_groups(blocks)
    values = np.array([1.0 if b.text == PROSE else 0.0 for b in blocks])
    weights = np.array([float(len(b.text)) for b in blocks])
    means = group_means(groups, values, weights)
    title = next(i for i, b in enumerate(blocks) if b.text == "Budget passes")
    # The headline's parent is the story div, whose text is mostly the three paragraphs.
    assert means[title, 0] > 0.8
    home = next(i for i, b in enumerate(blocks) if b.text == "Home")
    assert means[home, 0] == 0.0
