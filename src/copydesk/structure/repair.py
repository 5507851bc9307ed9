"""Repair what scraping broke, when it is safe to."""

from __future__ import annotations

import re
from collections.abc import Container

# An icon-font glyph rendered as a letter fused to the first word: "vKim Sok fled ..." (icon 'v' + "Kim").
_FUSED_GLYPH = re.compile(r"^([a-z])([A-Z][a-z]+)\b")


def strip_fused_glyph(line: str, vocabulary: Container[str]) -> str:
    """Drop a stray lowercase letter fused to a capitalised first word.

    Only when the word without the letter occurs elsewhere on the page and the fused form does not,
    so that names like "iPhone" or "eBay", which recur as themselves, are left alone.
    """
    m = _FUSED_GLYPH.match(line)
    if not m:
        return line
    fused, word = m.group(0), m.group(2)
    if word in vocabulary and fused not in vocabulary:
        return line[1:]
    return line
