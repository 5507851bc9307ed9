"""Helpers shared by the attribution tests."""

from __future__ import annotations

from copydesk.record import Quote


def by_text(quotes: list[Quote], fragment: str) -> Quote:
    """The first quote whose text holds ``fragment`` (failing the test when none does)."""
    found = [q for q in quotes if fragment in q.text]
    assert found, f"no quote holds {fragment!r}: {[q.text for q in quotes]}"
    return found[0]
