"""Test-suite configuration: markers."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "ray: needs the ray extra; starts a local Ray instance (slow)")
