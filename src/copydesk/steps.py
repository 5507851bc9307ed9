"""The cleaning step of a corpus run: a document (plain text or HTML) in, an article out.

:class:`Clean` calls the public entry points, looked up on :mod:`copydesk.extract` at call time, so the
step always uses what that module provides. HTML goes through :func:`clean_html_page`: it uses
``clean_html`` when this copydesk has it, and otherwise renders the HTML to text and cleans that.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from copydesk import extract
from copydesk.errors import MissingExtra, ModelError
from copydesk.extract import CleanOptions
from copydesk.ingest.text import Document
from copydesk.record import Article
from copydesk.step import Item, MapStep

_BLOCK_BREAK = re.compile(r"\s*\n\s*")
_BLOCK_TAG = re.compile(
    r"<(/?)(p|div|br|li|dt|dd|h[1-6]|tr|td|th|section|article|header|footer|nav|aside|main|ul|ol|table|"
    r"blockquote|pre|figure|figcaption|form|address|hr)\b",
    re.IGNORECASE,
)


@dataclass(slots=True, kw_only=True, frozen=True, repr=True)
class Clean(MapStep):
    """Clean and structure each document into an :class:`~copydesk.record.Article` (id and url kept)."""

    name: ClassVar[str] = "clean"
    options: CleanOptions | None = None

    def setup(self) -> None:
        """Load the model once in this process (cleaning a short page builds and caches the cleaner)."""
        try:
            extract.clean_text("copydesk warm-up", options=self.options)
        except (ModelError, MissingExtra):
            raise  # fail before any document is processed
        except Exception:  # a real document will report it as a reject
            pass

    def process(self, value: Document, item: Item) -> Article:
        """Clean one document, keeping its id (and its url when the cleaner found none)."""
        if value.html:
            article = clean_html_page(value.text, value.url, self.options)
        else:
            article = extract.clean_text(value.text, value.url, options=self.options)
        article.id = value.id
        if article.url is None:
            article.url = value.url
        return article


def clean_html_page(html: str, url: str | None = None, options: CleanOptions | None = None) -> Article:
    """Clean one HTML page: with ``clean_html`` when copydesk has it, else via a text rendering."""
    clean_html = getattr(extract, "clean_html", None)
    if clean_html is not None:
        if _takes_options(clean_html):
            return clean_html(html, url, options=options)  # type: ignore[no-any-return]
        return clean_html(html, url)  # type: ignore[no-any-return]
    return extract.clean_text(html_to_text(html), url, options=options)


def _takes_options(function: Any) -> bool:
    """Tell whether ``function`` accepts an ``options`` keyword."""
    try:
        return "options" in inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False


def html_to_text(html: str) -> str:
    """Render HTML to plain text, one block (paragraph, heading, list item...) a line."""
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError:
        return html  # clean_text strips the tags of text that looks like markup
    # A newline before every block-level tag, so that each block ends up on a line of its own.
    tree = LexborHTMLParser(_BLOCK_TAG.sub(r"\n<\1\2", html))
    for node in tree.css("script, style, noscript, template, svg, iframe, head"):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    return _BLOCK_BREAK.sub("\n", root.text(separator="")).strip()
