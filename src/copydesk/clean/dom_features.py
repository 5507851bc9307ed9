"""DOM features of HTML blocks: the evidence HTML mode adds to the text features of each block."""

from __future__ import annotations

import math
from dataclasses import dataclass
from importlib import resources

import numpy as np

from copydesk.clean.blocks import Block

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
)


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


def dom_features(blocks: list[Block], words: DomWords) -> np.ndarray:
    """One row of DOM features per block."""
    rows = []
    n_groups = len(WORD_GROUPS)
    for b in blocks:
        ancestors = set(b.ancestors)
        near = [0.0] * n_groups
        for w in b.words:
            g = words.group_of.get(w)
            if g is not None:
                near[g] += 1.0
        own = [0.0] * n_groups
        for w in b.words[:6]:
            g = words.group_of.get(w)
            if g is not None:
                own[g] += 1.0
        props = {p.lower() for p in b.itemprops}
        length = max(len(b.text), 1)
        rows.append(
            [
                *(1.0 if b.tag == t else 0.0 for t in _OWN_TAGS),
                *(1.0 if t in ancestors else 0.0 for t in _ANCESTORS),
                *near,
                *own,
                *(1.0 if p in props else 0.0 for p in _PROPS),
                b.link_chars / length,
                1.0 if b.link_chars >= 0.9 * length else 0.0,
                math.log1p(b.depth),
            ]
        )
    return np.asarray(rows, dtype=np.float32).reshape(-1, len(DOM_NAMES))
