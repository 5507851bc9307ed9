"""Plain-text pages: the :class:`Document` every reader yields, and the checks shared by all readers.

A document is rejected before cleaning when it is too large (``too_large``) or when it looks like
binary data rather than text (``binary``: a high share of NUL, other control characters or U+FFFD).
Documents that pass have their NUL characters stripped, so the cleaner never sees them.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from copydesk.errors import InputError, RejectedInput

#: Default largest text (in characters) a document may have; larger ones are rejected, not cleaned.
DEFAULT_MAX_CHARS = 10_000_000
#: Default largest share of binary-looking characters a text may have before it is rejected.
DEFAULT_MAX_BINARY_SHARE = 0.10

# NUL and the other C0 controls except tab, newline, vertical tab, form feed and carriage return;
# DEL; and U+FFFD, which decoding leaves where the bytes were not text.
_BINARY_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")


@dataclass(slots=True)
class Document:
    """One page to clean: its text, and the id, url and source location it came with."""

    id: str | None
    text: str
    url: str | None = None
    source: str | None = None  # "file:lineno" for corpus input, the path for a single page
    html: bool = False  # the text is an HTML page (cleaned with clean_html), not plain text


def binary_share(text: str) -> float:
    """Return the share of ``text``'s characters that are NUL, other control characters or U+FFFD."""
    if not text:
        return 0.0
    return _BINARY_CHARS.subn("", text)[1] / len(text)


def check_text(
    text: str,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_binary_share: float = DEFAULT_MAX_BINARY_SHARE,
) -> str:
    """Return ``text`` without NUL characters, or raise :class:`RejectedInput` (too_large, binary)."""
    if len(text) > max_chars:
        raise RejectedInput("too_large", f"text has {len(text):,} characters, the limit is {max_chars:,}")
    share = binary_share(text)
    if share > max_binary_share:
        raise RejectedInput(
            "binary",
            f"{share:.0%} of the characters are NUL, control characters or U+FFFD "
            f"(the limit is {max_binary_share:.0%}): this looks like binary data, not text",
        )
    return text.replace("\x00", "") if "\x00" in text else text


def decode_text(data: bytes) -> str:
    """Decode page bytes as UTF-8, or UTF-16 when they start with its BOM; bad bytes become U+FFFD."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


def read_text_file(
    path: str | Path,
    *,
    url: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_binary_share: float = DEFAULT_MAX_BINARY_SHARE,
) -> Document:
    """Read one plain-text page from ``path`` (``-`` for standard input) into a checked :class:`Document`.

    Raises :class:`InputError` when the file cannot be read and :class:`RejectedInput` when it is
    too large or looks binary.
    """
    # UTF-8 needs at most 4 bytes a character: more bytes than this cannot be within the limit.
    max_bytes = 4 * max_chars
    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(path, "rb") as file:
                data = file.read(max_bytes + 1)
    except IsADirectoryError as exc:
        raise InputError(f"cannot read {name}: it is a directory, not a text file") from exc
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        detail = f"{name} has over {max_bytes:,} bytes, the limit is {max_chars:,} characters"
        raise RejectedInput("too_large", detail)
    text = check_text(decode_text(data), max_chars=max_chars, max_binary_share=max_binary_share)
    return Document(id=None, text=text, url=url, source=name)
