"""The public entry points: turn one page into an :class:`~copydesk.record.Article`."""

from __future__ import annotations

from dataclasses import dataclass

from copydesk.record import Article, Line


@dataclass(slots=True, kw_only=True, frozen=True)
class CleanOptions:
    """Options of :func:`clean_text`; defaults live here and only here."""

    threshold: float = 0.5  # minimum content probability for a line to be kept
    attribute: bool = True  # add quotes and entities


def clean_text(text: str, url: str | None = None, *, options: CleanOptions | None = None) -> Article:
    """Clean and structure one scraped page given as plain text."""
    # PLACEHOLDER until the classifier lands: keeps every non-blank line as body.
    lines = [Line(i, t, "body" if t.strip() else "blank") for i, t in enumerate(text.split("\n"))]
    return Article(url=url, body=[ln.text.strip() for ln in lines if ln.label == "body"], lines=lines)
