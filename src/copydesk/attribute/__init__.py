"""Who said what: quotes, their speakers, and the people, organisations and places of an article."""

from __future__ import annotations

from copydesk.attribute.attributor import AttributeOptions, Attributor, attribute

__all__ = ["AttributeOptions", "Attributor", "attribute"]
