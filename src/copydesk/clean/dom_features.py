"""DOM features of HTML blocks: the evidence HTML mode adds to the text features of each block."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from itertools import chain

import numpy as np

from copydesk.clean.blocks import Block
from copydesk.clean.labels import tokens, trigrams

WORD_GROUPS = ("content", "boiler", "caption", "author", "date", "title", "comment")
_OWN_TAGS = ("p", "h1", "h2", "h3", "h4", "li", "td", "div", "pre", "blockquote", "figcaption", "dd", "span")
_ANCESTORS = (
    "article",
    "main",
    "nav",
    "aside",
    "footer",
    "header",
    "figure",
    "form",
    "ul",
    "ol",
    "table",
    "blockquote",
    "section",
)
_PROPS = ("articlebody", "author", "headline", "datepublished", "caption", "description", "name")

#: Names of the container features (:func:`container_features`).
CONTAINER_NAMES = (
    "in_top",
    "top_share",
    "top_link_density",
    "top_distance",
    "up1_share",
    "up2_share",
    "up3_share",
    "up1_link_density",
    "up2_link_density",
    "best_ancestor_score",
    "up1_blocks",
    "up1_mean_chars",
    "up2_link_blocks",
    "same_shape",
)

#: Names of the page-level features: what the page declares itself to be (same value on every block).
PAGE_NAMES = ("page_article", "page_other", "page_og_website", "page_dated")
#: Names of the features comparing a block with the article text the page declares (JSON-LD articleBody).
DECLARED_NAMES = ("declared_body_match", "declared_body_share")

#: Names of the DOM features, in column order.
DOM_NAMES = (
    *(f"tag_{t}" for t in _OWN_TAGS),
    *(f"in_{t}" for t in _ANCESTORS),
    *(f"words_{g}" for g in WORD_GROUPS),
    *(f"own_words_{g}" for g in WORD_GROUPS),
    *(f"prop_{p}" for p in _PROPS),
    "link_density",
    "all_link",
    "log_depth",
    "hidden",
    *CONTAINER_NAMES,
    *PAGE_NAMES,
    *DECLARED_NAMES,
)


@dataclass(frozen=True, slots=True)
class Declared:
    """What a page declares about itself that the block classifier uses: its kind (:func:`page_kind`)
    and the article text it declares, if any (JSON-LD ``articleBody``)."""

    kind: tuple[float, ...] = (0.0, 0.0, 0.0, 0.0)
    body: str | None = None


@dataclass(frozen=True, slots=True)
class DomWords:
    """Class/id words by group (package data)."""

    group_of: dict[str, int]

    @classmethod
    def load(cls) -> DomWords:
        """Read the shipped word list."""
        text = resources.files("copydesk.clean").joinpath("data", "dom_words.tsv").read_text(encoding="utf-8")
        group_of = {}
        for row in text.split("\n"):
            if row.strip() and not row.startswith("#"):
                group, _, word = row.partition("\t")
                group_of[word.strip()] = WORD_GROUPS.index(group)
        return cls(group_of)


def page_kind(kind: str | None, og_type: str | None, dated: bool) -> tuple[float, ...]:
    """The page-level features (:data:`PAGE_NAMES`) from what the page declares: an article page's
    lists of headlines are navigation, a listing page's are its content."""
    return (
        1.0 if kind == "article" else 0.0,
        1.0 if kind == "other" else 0.0,
        1.0 if og_type == "website" else 0.0,
        1.0 if dated else 0.0,
    )


#: Column offsets of the per-block features: own tag, ancestors, class words (all and nearest six),
#: itemprops, then the four shape columns.
_AT_ANCESTORS = len(_OWN_TAGS)
_AT_NEAR = _AT_ANCESTORS + len(_ANCESTORS)
_AT_OWN = _AT_NEAR + len(WORD_GROUPS)
_AT_PROPS = _AT_OWN + len(WORD_GROUPS)
_AT_SHAPE = _AT_PROPS + len(_PROPS)
_BLOCK_COLUMNS = _AT_SHAPE + 4
_OWN_TAG_COLUMN = {t: i for i, t in enumerate(_OWN_TAGS)}
_ANCESTOR_COLUMN = {t: _AT_ANCESTORS + i for i, t in enumerate(_ANCESTORS)}
_PROP_COLUMN = {p: _AT_PROPS + i for i, p in enumerate(_PROPS)}


def dom_features(blocks: list[Block], words: DomWords, declared: Declared | None = None) -> np.ndarray:
    """One row of DOM features per block, with what the page declares (nothing if ``declared`` is None)."""
    declared = declared or Declared()
    n = len(blocks)
    rows: list[int] = []  # the (row, column) cells that count one more
    cols: list[int] = []
    group_of = words.group_of
    for i, b in enumerate(blocks):
        hits = [_OWN_TAG_COLUMN.get(b.tag)]
        hits += [_ANCESTOR_COLUMN.get(t) for t in set(b.ancestors)]
        groups = [group_of.get(w) for w in b.words]
        hits += [None if g is None else _AT_NEAR + g for g in groups]
        hits += [None if g is None else _AT_OWN + g for g in groups[:6]]
        hits += [_PROP_COLUMN.get(p) for p in {p.lower() for p in b.itemprops}]
        found = [c for c in hits if c is not None]
        rows += [i] * len(found)
        cols += found
    block_rows = np.zeros((n, _BLOCK_COLUMNS), dtype=np.float32)
    np.add.at(block_rows, (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)), 1.0)
    length = np.fromiter((max(len(b.text), 1) for b in blocks), dtype=np.float64, count=n)
    link = np.fromiter((b.link_chars for b in blocks), dtype=np.float64, count=n)
    block_rows[:, _AT_SHAPE] = link / length
    block_rows[:, _AT_SHAPE + 1] = link >= 0.9 * length
    block_rows[:, _AT_SHAPE + 2] = np.fromiter((math.log1p(b.depth) for b in blocks), np.float64, n)
    block_rows[:, _AT_SHAPE + 3] = np.fromiter((b.hidden for b in blocks), dtype=np.float64, count=n)
    page_rows = np.tile(np.asarray(declared.kind, dtype=np.float32), (n, 1))
    body_rows = declared_body_features(blocks, declared.body)
    return np.concatenate([block_rows, container_features(blocks), page_rows, body_rows], axis=1)


def declared_body_features(blocks: list[Block], body: str | None) -> np.ndarray:
    """How much of each block's text the page's declared article text holds (share of its word
    trigrams; of its words for blocks under three words), and how much of the declared text the page's
    blocks show (a declared text the page does not show is no guide). -1 for both when none is declared."""
    out = np.full((len(blocks), len(DECLARED_NAMES)), -1.0, dtype=np.float32)
    if not body or not blocks:
        return out
    words = tokens(body)
    known = set(words)
    declared_grams = set(trigrams(words))
    matched = 0
    for i, b in enumerate(blocks):
        toks = tokens(b.text)
        if len(toks) >= 3:
            grams = trigrams(toks)
            share = sum(g in declared_grams for g in grams) / len(grams)
        else:
            share = sum(t in known for t in toks) / len(toks) if toks else 0.0
        out[i, 0] = share
        matched += round(share * len(toks))
    out[:, 1] = min(matched / max(len(words), 1), 1.0)
    return out


def _prose_score(b: Block) -> float:
    """readability's paragraph score: text that is long, has commas and is not links."""
    plain = len(b.text) - b.link_chars
    if plain < 25 or b.link_chars > 0.5 * len(b.text):
        return 0.0
    return 1.0 + b.text.count(",") + min(plain / 100.0, 3.0)


def container_features(blocks: list[Block]) -> np.ndarray:
    """Where each block sits relative to the page's main text container.

    The container is found the way readability finds it: every prose-like block adds its score to
    its enclosing elements, fading with distance, and the element with the best link-discounted
    score wins (on a tie, the first a walk over the blocks scores). Each block then learns whether it
    is inside that element, how far from it, and how much of the page's text and links its own nearest
    ancestors hold. Lists of teasers show in the shape of a block's surroundings: many siblings,
    headline links among them, and many blocks of the same tag path and class words elsewhere on the
    page. Computed over all (block, enclosing element) pairs at once.
    """
    n = len(blocks)
    out = np.zeros((n, len(CONTAINER_NAMES)), dtype=np.float32)
    if not blocks:
        return out
    depth = np.fromiter((len(b.elements) for b in blocks), dtype=np.int64, count=n)
    assert depth.min() > 0, "every block is inside at least the root element (extract_blocks)"
    pairs = np.fromiter(
        chain.from_iterable(b.elements for b in blocks), dtype=np.int64, count=int(depth.sum())
    )
    owner = np.repeat(np.arange(n), depth)  # each pair's block; pairs run block by block, innermost first
    starts = np.concatenate([[0], np.cumsum(depth)[:-1]])
    level = np.arange(len(pairs)) - np.repeat(starts, depth)
    _, element = np.unique(pairs, return_inverse=True)  # each pair's element, numbered 0..m-1
    m = int(element.max()) + 1
    size = np.fromiter((len(b.text) for b in blocks), dtype=np.float64, count=n)
    link = np.fromiter((b.link_chars for b in blocks), dtype=np.float64, count=n)
    prose = np.fromiter((_prose_score(b) for b in blocks), dtype=np.float64, count=n)
    chars = np.bincount(element, weights=size[owner], minlength=m)
    links = np.bincount(element, weights=link[owner], minlength=m)
    count = np.bincount(element, minlength=m)
    link_blocks = np.bincount(element, weights=(link >= 0.9 * size)[owner], minlength=m)
    first = np.full(m, n, dtype=np.int64)
    np.minimum.at(first, element, owner)
    last = np.full(m, -1, dtype=np.int64)
    np.maximum.at(last, element, owner)
    scored = prose[owner] > 0
    fade = np.where(level < 2, 1.0, np.where(level == 2, 2.0, level * 1.5))[scored]
    score = np.bincount(element[scored], weights=prose[owner][scored] / fade, minlength=m)
    has_score = np.bincount(element[scored], minlength=m) > 0
    adjusted = np.where(has_score, score * (1.0 - links / np.maximum(chars, 1.0)), 0.0)
    total = max(float(size.sum()), 1.0)
    best, top_share, top_ld, lo, hi = 1.0, 0.0, 0.0, 0, n - 1
    in_top = np.zeros(n, dtype=bool)
    if has_score.any():
        first_scored = np.full(m, len(pairs), dtype=np.int64)
        np.minimum.at(first_scored, element[scored], np.flatnonzero(scored))
        tied = np.flatnonzero(has_score & (adjusted == adjusted[has_score].max()))
        top = int(tied[np.argmin(first_scored[tied])])
        best = float(adjusted[top]) or 1.0
        top_share, top_ld = chars[top] / total, links[top] / max(chars[top], 1.0)
        lo, hi = int(first[top]), int(last[top])
        in_top = np.bincount(owner, weights=element == top, minlength=n) > 0

    def at_level(k: int, values: np.ndarray, default: float) -> np.ndarray:
        """Each block's value of its element at level ``k`` (default where it has none so deep)."""
        col = np.full(n, default, dtype=np.float64)
        sel = level == k
        col[owner[sel]] = values[element[sel]]
        return col

    idx = np.arange(n)
    out[:, 0] = in_top
    out[:, 1] = top_share
    out[:, 2] = top_ld
    out[:, 3] = np.where(idx < lo, lo - idx, np.where(idx > hi, idx - hi, 0)) / float(n)
    for k in range(3):
        out[:, 4 + k] = at_level(k, chars / total, 1.0)
    for k in range(2):
        out[:, 7 + k] = at_level(k + 1, links / np.maximum(chars, 1.0), 0.0)
    out[:, 9] = np.maximum.reduceat(adjusted[element], starts) / best
    numbers = np.arange(m, dtype=np.float64)
    parent = np.where(depth > 1, at_level(1, numbers, 0), at_level(0, numbers, 0)).astype(np.int64)
    grand = np.where(depth > 2, at_level(2, numbers, 0).astype(np.int64), parent)
    out[:, 10] = np.log1p(count[parent])
    out[:, 11] = np.log1p(chars[parent] / count[parent])
    out[:, 12] = link_blocks[grand] / count[grand]
    shape_of = [b.ancestors[:4] + b.words[:3] for b in blocks]  # tag path and class words
    shapes = Counter(shape_of)
    out[:, 13] = np.log1p(np.fromiter((shapes[s] - 1 for s in shape_of), dtype=np.float64, count=n))
    return out


#: Levels of ancestors whose blocks are pooled in :func:`group_means` (1: the parent element).
GROUP_LEVELS = (1, 2, 3)


def block_groups(blocks: list[Block]) -> np.ndarray:
    """Each block's enclosing element at each of :data:`GROUP_LEVELS` (0, the root, above the top)."""
    out = np.zeros((len(blocks), len(GROUP_LEVELS)), dtype=np.int64)
    for i, b in enumerate(blocks):
        for c, level in enumerate(GROUP_LEVELS):
            if level < len(b.elements):
                out[i, c] = b.elements[level]
    return out


def group_means(groups: np.ndarray, values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """For each block and level, the weighted mean of ``values`` over the blocks of the same element:
    what the stage-one classifier thinks of a block's siblings and cousins."""
    out = np.zeros(groups.shape, dtype=np.float32)
    for c in range(groups.shape[1]):
        _, inverse = np.unique(groups[:, c], return_inverse=True)
        total = np.bincount(inverse, weights=weights)
        out[:, c] = (np.bincount(inverse, weights=values * weights) / np.maximum(total, 1e-9))[inverse]
    return out
