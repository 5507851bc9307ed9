"""Name the kind of a removed line: ad, share, navigation, footer, cookie, subscription, comment, other."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from copydesk.clean.lexicon import GROUPS

# Order matters: the first group with a hit names the kind.
_PRIORITY = ("cookie", "subscription", "share", "ad", "comment", "footer", "navigation", "related")
_KIND_OF_GROUP = {"related": "navigation"}
_COLUMNS = [GROUPS.index(group) for group in _PRIORITY]
_KINDS = [_KIND_OF_GROUP.get(group, group) for group in _PRIORITY]


def boilerplate_kinds(
    tokens: Sequence[list[str]], lexicon_counts: ArrayLike, short_run: Sequence[bool]
) -> list[str]:
    """The kind of each of several removed lines, from its lowercased word tokens, its cue-word counts
    (a row per line, columns as in ``lexicon.GROUPS``) and whether it stands in a run of short lines."""
    n = len(tokens)
    if not n:
        return []
    sizes = np.fromiter(map(len, tokens), dtype=np.int64, count=n)
    hits = np.asarray(lexicon_counts)[:, _COLUMNS]
    # A cue names the kind of a short line, or of a long one that has it twice.
    named = (hits > 0) & ((sizes <= 12)[:, None] | (hits >= 2))
    first: list[int] = named.argmax(axis=1).tolist()
    cued: list[bool] = named.max(axis=1).tolist()
    out = [
        _KINDS[f] if cue else "navigation" if short else "other"
        for f, cue, short in zip(first, cued, short_run, strict=True)
    ]
    for k in np.flatnonzero(sizes >= 2).tolist():
        toks = tokens[k]
        if toks[0] == toks[-1] and len(set(toks)) == 1:
            out[k] = "ad"  # a brand repeated as a banner: "cellcard cellcard cellcard"
    return out
