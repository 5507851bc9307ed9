"""The cleaning step of a corpus run: a document (plain text or HTML) in, an article out.

:class:`Clean` calls the public entry points, looked up on :mod:`copydesk.extract` at call time:
``clean_text`` for plain text, ``clean_html`` for HTML documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from copydesk import extract
from copydesk.errors import MissingExtra, ModelError
from copydesk.extract import CleanOptions
from copydesk.ingest.text import Document
from copydesk.record import Article
from copydesk.step import Item, MapStep


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
            article = extract.clean_html(value.text, value.url, options=self.options)
        else:
            article = extract.clean_text(value.text, value.url, options=self.options)
        article.id = value.id
        if article.url is None:
            article.url = value.url
        return article
