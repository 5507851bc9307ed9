"""copydesk's exceptions, in one hierarchy.

CopydeskError
├── InputError          the input cannot be read or is not what it claims to be
│   └── RejectedInput   one document was rejected (carries a machine-readable reason)
├── ModelError          a shipped model file is missing or cannot be loaded
└── MissingExtra        an optional dependency (an extra such as ``copydesk[ray]``) is not installed
"""

from __future__ import annotations


class CopydeskError(Exception):
    """Base class of every error copydesk raises on purpose."""


class InputError(CopydeskError):
    """The input cannot be read, or is not what it claims to be."""


class RejectedInput(InputError):
    """One document was rejected; ``reason`` is a short machine-readable code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class ModelError(CopydeskError):
    """A shipped model file is missing or cannot be loaded; reinstall copydesk or retrain the model."""


class MissingExtra(CopydeskError):
    """An optional dependency is not installed."""

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(f"{package} is not installed: install it with `pip install 'copydesk[{extra}]'`")
        self.package = package
        self.extra = extra
