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
from copydesk.step import Item, MapStep, Value


@dataclass(slots=True, kw_only=True, frozen=True, repr=True)
class Clean(MapStep):
    """Clean and structure each document into an :class:`~copydesk.record.Article` (id and url kept)."""

    name: ClassVar[str] = "clean"
    #: Pages featurised and modelled together clean faster than one by one (on scrapinghub's pages, 13-27%
    #: more pages a second); batches of 32 gained little more than 16.
    batch_size: ClassVar[int] = 16
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
        return _keep_source(article, value)

    def process_batch(self, values: list[Document], items: list[Item]) -> list[Value | Exception]:
        """Clean a batch of documents: the model runs once over each mode's pages."""
        out: dict[int, Value | Exception] = {}
        for html in (False, True):
            at = [k for k, doc in enumerate(values) if bool(doc.html) == html]
            if not at:
                continue
            docs = [(values[k].text, values[k].url) for k in at]
            mode = "html" if html else "text"
            for k, result in zip(at, extract.clean_many(docs, mode, options=self.options), strict=True):
                out[k] = result if isinstance(result, Exception) else _keep_source(result, values[k])
        return [out[k] for k in range(len(values))]  # every value is text or HTML: each has its result


def _keep_source(article: Article, doc: Document) -> Article:
    """Give the article its document's id, and its url when the cleaner found none."""
    article.id = doc.id
    if article.url is None:
        article.url = doc.url
    return article
