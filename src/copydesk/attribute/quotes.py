"""Find the spans of text inside quote marks, in every style news uses.

Double marks (``“ ”``, ``"``, ``„ “``, ``« »``) are paired within a paragraph. A paragraph whose quote is
still open at its end continues into the next paragraph when that one opens with a mark, the print
convention for a quotation that runs over several paragraphs. Single marks (``‘ ’`` or ``'``, British
style) are used only in an article that has no double-marked quotation, so apostrophes in ``don’t`` or
``Jones’`` are never taken for quotes.
"""

from __future__ import annotations

from dataclasses import dataclass

from copydesk.attribute.text import Paragraph

_DOUBLE_OPEN = "“„«‟"
_DOUBLE_CLOSE = {"“": '”“"', "„": '“”"', "«": "»", "‟": '”"', '"': '"”'}
_SINGLE_OPEN = "‘'‹"
_SINGLE_CLOSE = "’'›"
_SPACE_BEFORE = " \t\n([{—–-/"


@dataclass(slots=True)
class MarkedSpan:
    """Text between quote marks: ``start``/``end`` exclude the marks."""

    paragraph: int
    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark, None when the paragraph ends first
    continued: bool = False  # this span continues a quotation opened in the previous paragraph


def _pair_double(text: str, lo: int, hi: int) -> list[tuple[int, int | None]]:
    """Pair double marks in ``text[lo:hi]``; returns ``(open_at, close_at)`` pairs."""
    pairs: list[tuple[int, int | None]] = []
    open_at: int | None = None
    open_char = ""
    for p in range(lo, hi):
        ch = text[p]
        if ch not in '"“”„«»‟':
            continue
        if open_at is None:
            if ch in _DOUBLE_OPEN or ch == '"':
                open_at, open_char = p, ch
            continue
        closers = _DOUBLE_CLOSE.get(open_char, '"”')
        if ch in closers:
            if (
                ch == "“"
                and open_char == "“"
                and p + 1 < hi
                and text[p + 1].isalnum()
                and text[p - 1] in " \n"
            ):
                # a fresh opening mark while one is open: the first quotation was never closed
                pairs.append((open_at, None))
                open_at = p
                continue
            pairs.append((open_at, p))
            open_at = None
        elif ch in _DOUBLE_OPEN:
            pairs.append((open_at, None))
            open_at, open_char = p, ch
    if open_at is not None:
        pairs.append((open_at, None))
    return pairs


def _pair_single(text: str, lo: int, hi: int) -> list[tuple[int, int | None]]:
    """Pair British-style single marks in ``text[lo:hi]``, skipping apostrophes."""
    pairs: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for p in range(lo, hi):
        ch = text[p]
        before = text[p - 1] if p > lo else " "
        after = text[p + 1] if p + 1 < hi else " "
        if open_at is None:
            if ch in _SINGLE_OPEN and before in _SPACE_BEFORE and (after.isalnum() or after in '“"'):
                open_at = p
        elif ch in _SINGLE_CLOSE and not before.isspace() and not after.isalnum():
            if ch == "'" and before == "s" and after == " " and p + 2 < hi and text[p + 2].islower():
                continue  # a plural possessive ("the Joneses' house") inside the quotation
            pairs.append((open_at, p))
            open_at = None
    if open_at is not None:
        pairs.append((open_at, None))
    return pairs


def _spans(text: str, para: Paragraph, pairs: list[tuple[int, int | None]]) -> list[MarkedSpan]:
    spans = []
    for open_at, close_at in pairs:
        start = open_at + 1
        end = close_at if close_at is not None else para.end
        while start < end and (text[start].isspace() or text[start] == "\u200b"):
            start += 1  # a zero-width space stands for the second apostrophe of a '' mark
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(MarkedSpan(para.index, start, end, open_at, close_at))
    return spans


def find_marked(text: str, paragraphs: list[Paragraph]) -> list[MarkedSpan]:
    """Return every quote-marked span of the article, in text order."""
    found: list[MarkedSpan] = []
    for para in paragraphs:
        found.extend(_spans(text, para, _pair_double(text, para.start, para.end)))
    if not any(s.end - s.start > 20 for s in found):
        found = [s for s in found]  # keep short double-marked titles, but look for British quotes too
        inside = [(s.open_at, s.close_at if s.close_at is not None else s.end) for s in found]
        for para in paragraphs:
            for span in _spans(text, para, _pair_single(text, para.start, para.end)):
                if not any(lo <= span.open_at <= hi for lo, hi in inside):
                    found.append(span)
        found.sort(key=lambda s: s.start)
    prev: MarkedSpan | None = None
    for span in found:
        if (
            prev is not None
            and prev.close_at is None
            and span.paragraph == prev.paragraph + 1
            and span.open_at == paragraphs[span.paragraph].start
        ):
            span.continued = True
        prev = span
    return found


def mark_quoted(paragraphs: list[Paragraph], spans: list[MarkedSpan]) -> None:
    """Flag the tokens that lie inside a marked span (marks included)."""
    for span in spans:
        para = paragraphs[span.paragraph]
        hi = span.close_at + 1 if span.close_at is not None else span.end
        for tok in para.tokens:
            if span.open_at <= tok.start < hi:
                tok.quoted = True
