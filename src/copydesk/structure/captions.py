"""Split a caption from its credit: "Kim Sok fled the Kingdom. DAP News" -> text + "DAP News"."""

from __future__ import annotations

import re

from copydesk.record import Caption

_LABELLED = re.compile(
    r"[\s(\[|/–—-]*\b(?:photo(?:graph)?s?|image|picture|credit|foto|fotos|bild|bildquelle|quelle|imagen|"
    r"immagine|imagem|source|illustration|video)\s*(?:by|de|von|di)?\s*[:/]\s*(?P<credit>[^()\[\]]{2,80}?)[)\]]?\s*$",
    re.I,
)
_PAREN = re.compile(r"\s*[(\[](?P<credit>[A-Z][^()\[\]]{1,60})[)\]]\s*$")
_SLASHED = re.compile(r"\s(?P<credit>[A-Z][\w&' -]{1,40}(?:/|\s/\s)[A-Z][\w&' -]{1,40})\s*$")
_TRAILING = re.compile(r"(?<=[.!?…])\s+(?P<credit>[A-Z][\w.&'’/-]*(?:\s+[A-Z0-9][\w.&'’/-]*){0,5})\s*$")


def split_credit(text: str) -> Caption:
    """Return the caption with a trailing photo credit split off, when it carries one."""
    for pattern in (_LABELLED, _PAREN, _TRAILING, _SLASHED):
        m = pattern.search(text)
        if m and m.start() > 0:
            credit = m.group("credit").strip(" .,;:|/()[]–—-")
            rest = text[: m.start()].rstrip(" |/–—-:")
            if credit and rest:
                return Caption(text=rest, credit=credit)
    return Caption(text=text, credit=None)
