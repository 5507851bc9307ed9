"""WARC files (``.warc``, ``.warc.gz``), as Common Crawl's CC-NEWS publishes them.

Each HTTP response whose payload is HTML becomes a :class:`~copydesk.ingest.text.Document` (``html=True``)
with the WARC-Target-URI as its url and the WARC-Record-ID as its id. Other records are not documents:
they are skipped and counted by kind (``warcinfo``, ``request``, ``metadata``, ``not_html``,
``http_<status>`` for responses other than 200...). Reject reasons:

- ``truncated``: the record's block is shorter than its Content-Length (a cut-off file)
- ``too_large``: the record is over the size limit (skipped without being read)
- ``corrupt``: the file cannot be parsed or decompressed from there on (raised as InputError by the reader)
- ``empty_text`` and ``binary``: as for any text
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from copydesk.errors import InputError, RejectedInput
from copydesk.ingest.html import decode_html
from copydesk.ingest.text import DEFAULT_MAX_BINARY_SHARE, DEFAULT_MAX_CHARS, Document, check_text
from copydesk.record import Reject

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _iterator(path: str, offset: int) -> tuple[Any, Any]:
    """Open ``path`` at byte ``offset`` and return (file, fastwarc ArchiveIterator over it)."""
    from fastwarc.warc import ArchiveIterator

    try:
        file = open(path, "rb")  # closed by the caller
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if offset:
        file.seek(offset)
    return file, ArchiveIterator(file, parse_http=False)


def scan_offsets(path: str | Path, records_per_span: int) -> list[tuple[int, int]]:
    """Return ``(byte offset, responses)`` for spans of about ``records_per_span`` records each.

    The first span starts at 0. Stops quietly at a damaged part: the span that reaches it reports the
    damage when it is read.
    """
    spans = [(0, 0)]
    file, records = _iterator(str(path), 0)
    count = 0
    try:
        for record in records:
            if count and count % records_per_span == 0:
                spans.append((record.stream_pos, 0))
            count += 1
            if str(record.record_type).rsplit(".", 1)[-1].lower() == "response":
                spans[-1] = (spans[-1][0], spans[-1][1] + 1)
    except OSError:
        pass
    finally:
        file.close()
    return spans


class WarcReader:
    """Read the records of a WARC file from byte ``start`` up to byte ``stop`` (None: to the end)."""

    def __init__(
        self,
        path: str | Path,
        *,
        start: int = 0,
        stop: int | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        max_binary_share: float = DEFAULT_MAX_BINARY_SHARE,
    ) -> None:
        self.path = str(path)
        self.start = start
        self.stop = stop
        self.max_chars = max_chars
        self.max_binary_share = max_binary_share
        self.skipped: dict[str, int] = {}
        self.position = start  # offset of the record read last

    def __iter__(self) -> Iterator[tuple[int, Document | Reject]]:
        """Yield ``(record offset, document or reject)`` for every HTML response; count the rest."""
        file, records = _iterator(self.path, self.start)
        try:
            for record in records:
                self.position = record.stream_pos
                if self.stop is not None and self.position >= self.stop:
                    return
                item = self._record(record)
                if item is not None:
                    yield self.position, item
        except OSError as exc:
            raise InputError(f"cannot read {self.path} after offset {self.position}: {exc}") from exc
        finally:
            file.close()

    def _skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def _record(self, record: Any) -> Document | Reject | None:
        """Turn one record into a document or a reject, or count it as skipped (None)."""
        kind = str(record.record_type).rsplit(".", 1)[-1].lower()
        if kind != "response":
            self._skip(kind)
            return None
        headers = record.headers
        doc_id = headers.get("WARC-Record-ID")
        url = headers.get("WARC-Target-URI")
        source = f"{self.path}@{record.stream_pos}"
        length = record.content_length
        if length > 4 * self.max_chars + (1 << 16):
            return Reject(doc_id, "too_large", f"the record has {length:,} bytes", source)
        block = record.reader.read()
        if len(block) < length:
            detail = f"the record has {len(block):,} of its {length:,} bytes: the file is cut off"
            return Reject(doc_id, "truncated", detail, source)
        head, _, payload = block.partition(b"\r\n\r\n")
        status, content_type, charset = _http_head(head)
        if status != 200:
            self._skip(f"http_{status}" if status else "not_http")
            return None
        if not content_type.startswith(_HTML_TYPES):
            self._skip("not_html")
            return None
        try:
            text = decode_html(payload, charset)
            if not text.strip():
                raise RejectedInput("empty_text", "the response has no content")
            text = check_text(text, max_chars=self.max_chars, max_binary_share=self.max_binary_share)
        except RejectedInput as exc:
            return Reject(doc_id, exc.reason, exc.detail, source)
        return Document(doc_id, text, url, source, html=True)


def _http_head(head: bytes) -> tuple[int | None, str, str | None]:
    """Return (status, content type, charset) from the head of an HTTP response."""
    lines = head.split(b"\r\n")
    status = None
    parts = lines[0].split(None, 2)
    if len(parts) >= 2 and parts[0].startswith(b"HTTP/") and parts[1].isdigit():
        status = int(parts[1])
    content_type, charset = "", None
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-type":
            fields = value.decode("latin-1").strip().lower().split(";")
            content_type = fields[0].strip()
            for field in fields[1:]:
                key, _, val = field.strip().partition("=")
                if key == "charset":
                    charset = val.strip("\"' ") or None
    return status, content_type, charset
