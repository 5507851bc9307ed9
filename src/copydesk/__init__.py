"""copydesk: clean, structure and attribute scraped news pages."""

from __future__ import annotations

from copydesk.errors import CopydeskError, InputError, MissingExtra, ModelError, RejectedInput
from copydesk.extract import Cleaner, CleanOptions, clean_html, clean_many, clean_text
from copydesk.record import Article, Boilerplate, Caption, Entity, Line, Quote, Reject

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Boilerplate",
    "Caption",
    "CleanOptions",
    "Cleaner",
    "CopydeskError",
    "Entity",
    "InputError",
    "Line",
    "MissingExtra",
    "ModelError",
    "Quote",
    "Reject",
    "RejectedInput",
    "__version__",
    "clean_html",
    "clean_many",
    "clean_text",
]
