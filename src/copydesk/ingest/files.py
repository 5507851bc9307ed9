"""Pages stored one a file: folders of ``.txt`` or ``.html`` files, and single page files.

:func:`read_page_file` turns one file into a :class:`~copydesk.ingest.text.Document` or a
:class:`~copydesk.record.Reject`; it never raises for a bad file. Reject reasons:

- ``unreadable``: the file cannot be opened or read (permissions, a broken link, a directory)
- ``too_large``: the file is over the size limit (rejected from its size, never read whole)
- ``empty_text``: the file is empty or only whitespace
- ``not_utf8``: a text file that is neither UTF-8 nor UTF-16 with a byte-order mark
- ``binary``: the text looks like binary data (NUL, control characters, U+FFFD)

HTML files are decoded the way a browser would (byte-order mark, UTF-8, then the declared charset), so
they are never ``not_utf8``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from copydesk.errors import RejectedInput
from copydesk.ingest.html import decode_html
from copydesk.ingest.text import DEFAULT_MAX_BINARY_SHARE, DEFAULT_MAX_CHARS, Document, check_text
from copydesk.record import Reject

#: File name endings read as plain-text pages and as HTML pages.
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def page_kind(path: str | Path) -> str | None:
    """Return ``"text"`` or ``"html"`` for a page file name, or None for other files."""
    name = str(path).lower()
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    return None


def list_page_files(folder: str | Path, kind: str | None = None) -> list[str]:
    """Return the page files under ``folder`` (recursively, sorted); ``kind`` keeps one kind only."""
    found = []
    for root, dirs, names in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.startswith("."):
                continue
            file_kind = page_kind(name)
            if file_kind is not None and (kind is None or file_kind == kind):
                found.append(os.path.join(root, name))
    return sorted(found)


def read_page_file(
    path: str | Path,
    *,
    html: bool | None = None,
    doc_id: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_binary_share: float = DEFAULT_MAX_BINARY_SHARE,
) -> Document | Reject:
    """Read one page file (``html`` None: decide from its name) into a checked document, or a reject."""
    name = str(path)
    if html is None:
        html = page_kind(name) == "html"
    try:
        text = _read(name, html, max_chars)
        if not text.strip():
            raise RejectedInput("empty_text", f"{name} is empty")
        text = check_text(text, max_chars=max_chars, max_binary_share=max_binary_share)
    except RejectedInput as exc:
        return Reject(doc_id, exc.reason, exc.detail, name)
    return Document(doc_id, text, None, name, html=html)


def _read(name: str, html: bool, max_chars: int) -> str:
    """Read and decode one file, rejecting it when it cannot be read, is too large or is not text."""
    max_bytes = 4 * max_chars  # UTF-8 needs at most 4 bytes a character
    try:
        size = os.stat(name).st_size
        if size > max_bytes:
            detail = f"{name} has {size:,} bytes, the limit is {max_chars:,} characters"
            raise RejectedInput("too_large", detail)
        with open(name, "rb") as file:
            data = file.read(max_bytes + 1)
    except IsADirectoryError:
        raise RejectedInput("unreadable", f"{name} is a directory, not a page file") from None
    except OSError as exc:
        raise RejectedInput("unreadable", f"cannot read {name}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # it grew while being read
        raise RejectedInput("too_large", f"{name} has over {max_bytes:,} bytes")
    if html:
        return decode_html(data)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        detail = (
            f"{name} is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}): "
            "re-encode it as UTF-8 (e.g. iconv -f latin1 -t utf-8)"
        )
        raise RejectedInput("not_utf8", detail) from None


def iter_page_files(
    files: list[str], *, html: bool | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[tuple[int, Document | Reject]]:
    """Yield ``(number, document or reject)`` for each file, numbered from 0."""
    for number, name in enumerate(files):
        yield number, read_page_file(name, html=html, doc_id=Path(name).stem, max_chars=max_chars)
