"""Split a caption from its credit: "Kim Sok fled the Kingdom. DAP News" -> text + "DAP News"."""

from __future__ import annotations

import re

from copydesk.record import Caption

_LABELLED = re.compile(
    r"[\s(\[|/–—-]*\b(?:photo(?:graph)?s?|image|picture|credit|foto|fotos|bild|bildquelle|quelle|imagen|"
    r"immagine|imagem|source|illustration|video)(?:\s+credits?)?\s*(?:by|de|von|di)?\s*[:/]\s*(?P<credit>[^()\[\]]{2,80}?)[)\]]?\s*$",
    re.I,
)
_PAREN = re.compile(r"\s*[(\[](?P<credit>[A-Z][^()\[\]]{1,60})[)\]]\s*$")
_SLASHED = re.compile(r"\s(?P<credit>[A-Z][\w&' -]{1,40}(?:/|\s/\s)[A-Z][\w&' -]{1,40})\s*$")
_TRAILING = re.compile(r"(?<=[.!?…])\s+(?P<credit>[A-Z][\w.&'’/-]*(?:\s+[A-Z0-9][\w.&'’/-]*){0,5})\s*$")


#: An explicit photo credit, which article prose never carries: "(AP Photo/Alan Diaz)", "(Image: Getty)",
#: "Photo: Reuters" at the start of the line, or "... Image by John Smith" at its end.
_CREDITED = re.compile(
    r"[(\[][^()\[\]]{0,40}?\b(?:photo(?:graph)?|image|picture|foto|bild|imagen|immagine|imagem)s?"
    r"(?:\s*credits?)?\s*(?:[:/]|by\b|courtesy\b|de\b|von\b|di\b)[^()\[\]]*[)\]]\s*$"
    r"|^(?:main\s+|top\s+|header\s+|featured\s+)?(?:photo(?:graph)?|image|picture|foto|bild|imagen)s?"
    r"(?:\s*credits?)?\s*:\s*\S"
    r"|[.!?]\s+(?:photo(?:graph)?|image|picture|foto)s?\s+(?:by|courtesy\s+of|credit)\s*:?\s*[A-Z][^.!?]{1,60}$",
    re.I,
)
_PICTURE_WORDS = ("photo", "image", "picture", "foto", "bild", "immagin")  # the words above, or their stems
_CREDITED_WORDS = 80  # longer lines are prose, whatever they end with
_CREDIT_WORDS = 8  # the most words of a line that is nothing but a credit


def is_credited(text: str) -> bool:
    """Whether a line carries an explicit photo credit: a caption (or a credit line), never body text."""
    if text.count(" ") >= _CREDITED_WORDS:
        return False
    low = text.lower()  # every credit names a picture: test for the word before running the pattern
    return any(word in low for word in _PICTURE_WORDS) and _CREDITED.search(text) is not None


#: The agency a labelled credit may name before its label: "(AP Photo/Jane Roe)", "... Phnom Penh. Xinhua
#: Photo/Li Ming": up to three capitalised words, after a bracket or a sentence's end.
_AGENCY = re.compile(r"(?:(?<=[.!?…])\s+|[(\[])(?P<agency>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,2})\s*$")


def split_credit(text: str) -> Caption:
    """Return the caption with a trailing photo credit split off, when it carries one (a line that is
    nothing but a labelled or bracketed credit gives an empty text)."""
    for pattern in _possible_credits(text):
        m = pattern.search(text)
        if m and (m.start() > 0 or pattern is _LABELLED or pattern is _PAREN):
            start, credit = m.start(), m.group("credit")
            if pattern is _LABELLED:  # the whole credit when an agency stands before the label
                agency = _AGENCY.search(text, 0, start)
                if agency is not None:  # the caption ends where the bracket or the space before it starts
                    start, credit = agency.start(), text[agency.start("agency") : m.end()]
            credit = credit.strip(" .,;:|/()[]–—-")
            rest = text[:start].rstrip(" |/–—-:")
            # A line that is all credit ("(Photo: AFP)") has no text; "Image: <a sentence>" is a caption.
            if credit and (rest or (start == 0 and len(credit.split(None, _CREDIT_WORDS)) <= _CREDIT_WORDS)):
                return Caption(text=rest, credit=credit)
    return Caption(text=text, credit=None)


def _possible_credits(text: str) -> list[re.Pattern[str]]:
    """The credit patterns, in order, less those a character test rules out (each tries every position of
    a line): a credit in brackets ends the line with one, a "sentence. Credit" needs a sentence's end,
    an "Agency/Name" credit needs its slash."""
    patterns = [_LABELLED]
    if text.rstrip().endswith((")", "]")):
        patterns.append(_PAREN)
    if "." in text or "!" in text or "?" in text or "…" in text:
        patterns.append(_TRAILING)
    if "/" in text:
        patterns.append(_SLASHED)
    return patterns
