"""Name the kind of a removed line: ad, share, navigation, footer, cookie, subscription, comment, other."""

from __future__ import annotations

from collections.abc import Sequence

from copydesk.clean.lexicon import GROUPS

# Order matters: the first group with a hit names the kind.
_PRIORITY = ("cookie", "subscription", "share", "ad", "comment", "footer", "navigation", "related")
_KIND_OF_GROUP = {"related": "navigation"}


def boilerplate_kind(toks: list[str], lexicon_counts: Sequence[float], short_run: bool) -> str:
    """Pick a kind from the line's lowercased word tokens, cue-word counts (empty: none) and shape."""
    if len(toks) >= 2 and toks[0] == toks[-1] and len(set(toks)) == 1:
        return "ad"  # a brand repeated as a banner: "cellcard cellcard cellcard"
    if any(lexicon_counts):
        hits = dict(zip(GROUPS, lexicon_counts, strict=True))
        for group in _PRIORITY:
            if hits[group] > 0 and (len(toks) <= 12 or hits[group] >= 2):
                return _KIND_OF_GROUP.get(group, group)
    if short_run:
        return "navigation"
    return "other"
