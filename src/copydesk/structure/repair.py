"""Repair what scraping broke, when it is safe to."""

from __future__ import annotations

import re
from collections.abc import Mapping

# An icon-font glyph rendered as a letter fused to the first word: "vKim Sok fled ..." (icon 'v' + "Kim").
_FUSED_GLYPH = re.compile(r"^([a-z])([A-Z][a-z]+)\b")


def strip_fused_glyph(line: str, counts: Mapping[str, int]) -> str:
    """Drop a stray lowercase letter fused to a capitalised first word.

    ``counts`` are the page's word counts. Only when the word without the letter occurs elsewhere on
    the page and the fused form only here, so that names like "iPhone" or "eBay", which recur as
    themselves, are left alone.
    """
    m = _FUSED_GLYPH.match(line)
    if not m:
        return line
    fused, word = m.group(0), m.group(2)
    if counts.get(word, 0) >= 1 and counts.get(fused, 0) <= 1:
        return line[1:]
    return line
