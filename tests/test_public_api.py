"""The public surface: every name in copydesk.__all__ imports."""

from __future__ import annotations

import importlib

import pytest

import copydesk


@pytest.mark.parametrize("name", copydesk.__all__)
def test_public_api_name_imports(name: str) -> None:
    module = importlib.import_module("copydesk")
    assert getattr(module, name) is not None


def test_public_api_all_has_no_duplicates() -> None:
    assert len(set(copydesk.__all__)) == len(copydesk.__all__)
