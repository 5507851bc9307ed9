"""Shared fixtures of the attribution tests."""

from __future__ import annotations

import pytest

from copydesk.attribute import AttributeOptions, Attributor


@pytest.fixture(scope="module")
def attributor() -> Attributor:
    """A rules-only attributor (no spaCy parser), loaded once per test module."""
    att = Attributor(AttributeOptions(use_parser=False))
    att.setup()
    return att
