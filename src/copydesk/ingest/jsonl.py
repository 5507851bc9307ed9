"""JSONL corpora: one JSON object a line (``id``, ``text``, optional ``url``) into documents or rejects.

:class:`JsonlReader` yields, in input order, a :class:`~copydesk.ingest.text.Document` for every good
line and a :class:`~copydesk.record.Reject` for every bad one, each carrying ``source`` = ``file:lineno``.
Blank lines are skipped. Input may be a path, ``-`` for standard input, or an open binary stream;
gzip- and zstd-compressed input is recognised by its magic bytes, whatever its name. A reader can read
one :class:`LineSpan` of a file only (a shard of a corpus run); :func:`scan_spans` cuts a file into spans.

Reject reasons (``Reject.reason``):

- ``invalid_json``: the line is not valid JSON
- ``not_object``: the line is valid JSON but not an object
- ``bad_id``: the id is an object, a list or a boolean
- ``missing_text``: the object has no text field
- ``text_not_string``: the text field is not a string
- ``empty_text``: the text is empty or only whitespace
- ``too_large``: the line or its text is over the size limit (it is skipped, never parsed whole)
- ``binary``: the line or its text looks like binary data (NUL, control characters, U+FFFD)
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import orjson

from copydesk.errors import InputError, RejectedInput
from copydesk.ingest.text import (
    DEFAULT_MAX_BINARY_SHARE,
    DEFAULT_MAX_CHARS,
    Document,
    binary_share,
    check_text,
)
from copydesk.record import Reject

_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_SCAN_CHUNK = 1 << 22  # bytes read at a time while scanning a file for line boundaries
#: Most spans cut from one compressed file: each span decompresses the file up to its start.
MAX_COMPRESSED_SPANS = 8
_DRAIN_CHUNK = 1 << 20  # bytes read at a time while skipping the rest of an over-long line
_ID_WINDOW = 1 << 16  # bytes of an over-long line searched for its id
_SURROGATES = re.compile("[\ud800-\udfff]")


@dataclass(slots=True, kw_only=True, frozen=True)
class JsonlOptions:
    """How to read a JSONL corpus: field names and size limits."""

    text_field: str = "text"
    id_field: str = "id"
    url_field: str = "url"
    html: bool = False  # the text field holds HTML pages (cleaned with clean_html)
    max_chars: int = DEFAULT_MAX_CHARS
    max_binary_share: float = DEFAULT_MAX_BINARY_SHARE
    # Longest line read into memory; None allows the worst case of a max_chars text (6 bytes a
    # character when written as \uXXXX escapes) plus room for the other fields.
    max_line_bytes: int | None = None

    @property
    def line_limit(self) -> int:
        """The longest line, in bytes, that is read and parsed."""
        return self.max_line_bytes if self.max_line_bytes is not None else 6 * self.max_chars + (1 << 16)


@dataclass(slots=True, frozen=True)
class LineSpan:
    """Lines ``first_line`` to ``stop_line`` (excluded; None: to the end) of a file.

    ``offset`` is the byte offset of ``first_line`` in a plain file; None for compressed files, which
    are decompressed from their start.
    """

    first_line: int = 1
    stop_line: int | None = None
    offset: int | None = 0
    lines: int = 0  # lines in the span, when known (for progress reports)


class JsonlReader:
    """Read a JSONL corpus into :class:`Document` and :class:`Reject` items, in input order."""

    def __init__(
        self,
        source: str | Path | IO[bytes],
        options: JsonlOptions | None = None,
        *,
        span: LineSpan | None = None,
    ) -> None:
        self.source = source
        self.options = options or JsonlOptions()
        self.span = span or LineSpan()
        if isinstance(source, str | Path):
            self.name = "<stdin>" if str(source) == "-" else str(source)
        else:
            self.name = getattr(source, "name", "<stream>")
        self.bytes_read = 0  # uncompressed bytes consumed so far, for progress reports
        self.size: int | None = None  # input size in bytes when it is a plain, uncompressed file
        self._positioned = False  # the plain input was seeked to the span's first line
        self.lineno = 0  # number of the line read last (the line of the item just yielded)
        # Built once per reader: finds the id near the start of a line too long to parse.
        key = re.escape(orjson.dumps(self.options.id_field))
        self._id_pattern = re.compile(
            rb"\{\s*(?:[^{}]*?,\s*)?" + key + rb'\s*:\s*("(?:[^"\\]|\\.){0,512}"|-?\d{1,40})'
        )

    def __iter__(self) -> Iterator[Document | Reject]:
        """Yield one item per non-blank line."""
        raw, owned = self._open_raw()
        try:
            yield from self._read(self._decompressed(raw, owned))
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"cannot read {self.name}: {exc}") from exc
        finally:
            if owned:
                raw.close()  # a GzipFile over it holds no resources of its own

    def _open_raw(self) -> tuple[IO[bytes], bool]:
        """Return the input byte stream and whether this reader opened it (and so must close it)."""
        source = self.source
        if not isinstance(source, str | Path):
            return source, False
        if str(source) == "-":
            return sys.stdin.buffer, False
        try:
            return open(source, "rb"), True  # closed in __iter__
        except IsADirectoryError as exc:
            raise InputError(f"cannot read {source}: it is a directory") from exc
        except OSError as exc:
            raise InputError(f"cannot read {source}: {exc.strerror or exc}") from exc

    def _decompressed(self, raw: IO[bytes], owned: bool) -> IO[bytes]:
        """Return ``raw``, or a gzip or zstd reader over it when it starts with their magic bytes."""
        stream = decompressed(raw, self.name)
        if stream is raw and owned:
            self.size = Path(self.name).stat().st_size
            if self.span.offset is not None and self.span.first_line > 1:
                raw.seek(self.span.offset)
                self.bytes_read = self.span.offset
                self._positioned = True
        return stream

    def _read(self, stream: IO[bytes]) -> Iterator[Document | Reject]:
        limit = self.options.line_limit
        span = self.span
        lineno = 0
        if span.first_line > 1:
            lineno = span.first_line - 1
            if not self._positioned:
                self.bytes_read += _skip_lines(stream, span.first_line - 1)
        while span.stop_line is None or lineno + 1 < span.stop_line:
            line = stream.readline(limit + 1)
            if not line:
                return
            lineno += 1
            self.lineno = lineno
            self.bytes_read += len(line)
            if len(line) > limit and not line.endswith(b"\n"):
                yield self._too_long(lineno, line, stream)
            elif line.strip():
                yield self.parse_line(line, lineno)

    def _too_long(self, lineno: int, head: bytes, stream: IO[bytes]) -> Reject:
        """Skip the rest of an over-long line without keeping it, and reject it."""
        total = len(head)
        chunk = head
        while not chunk.endswith(b"\n"):
            chunk = stream.readline(_DRAIN_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            self.bytes_read += len(chunk)
        detail = f"line has {total:,} bytes, the limit is {self.options.line_limit:,}"
        return Reject(self._find_id(head[:_ID_WINDOW]), "too_large", detail, f"{self.name}:{lineno}")

    def _find_id(self, head: bytes) -> str | None:
        """Best-effort id of a line too long to parse: the id field when it comes before the text."""
        match = self._id_pattern.match(head)
        if match is None:
            return None
        try:
            value = orjson.loads(match.group(1))
        except orjson.JSONDecodeError:
            return None
        return str(value)

    def parse_line(self, line: bytes, lineno: int) -> Document | Reject:
        """Turn one JSONL line into a :class:`Document`, or a :class:`Reject` saying what is wrong."""
        opts = self.options
        source = f"{self.name}:{lineno}"
        try:
            obj: Any = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            obj = self._parse_leniently(line, str(exc))
            if isinstance(obj, Reject):
                obj.source = source
                return obj
        return document_from_object(obj, opts, source)

    def _parse_leniently(self, line: bytes, error: str) -> Any:
        """Second try for a line orjson refused: invalid UTF-8 bytes, or lone surrogate escapes."""
        decoded = line.decode("utf-8", errors="replace")
        share = binary_share(decoded)
        if share > self.options.max_binary_share:
            detail = f"{share:.0%} of the line is NUL, control characters or undecodable bytes"
            return Reject(None, "binary", detail)
        try:
            obj = json.loads(decoded)
        except (ValueError, RecursionError):
            return Reject(None, "invalid_json", error)
        if isinstance(obj, dict):
            # Lone surrogates cannot be written back as UTF-8: make them U+FFFD.
            obj = {k: _SURROGATES.sub("\ufffd", v) if isinstance(v, str) else v for k, v in obj.items()}
        return obj


def document_from_object(obj: Any, opts: JsonlOptions, source: str) -> Document | Reject:
    """Check one parsed record (a JSON object or a table row) and make it a document, or a reject."""
    if not isinstance(obj, dict):
        return Reject(None, "not_object", f"expected a JSON object, got {_json_type(obj)}", source)
    doc_id = obj.get(opts.id_field)
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int | float | None):
        return Reject(None, "bad_id", f"{opts.id_field!r} is {_json_type(doc_id)}", source)
    doc_id = None if doc_id is None else str(doc_id)
    if opts.text_field not in obj:
        fields = ", ".join(sorted(obj)[:10]) or "none"
        return Reject(doc_id, "missing_text", f"no {opts.text_field!r} field (fields: {fields})", source)
    text = obj[opts.text_field]
    if not isinstance(text, str):
        detail = f"{opts.text_field!r} is {_json_type(text)}, not a string"
        return Reject(doc_id, "text_not_string", detail, source)
    if not text.strip():
        return Reject(doc_id, "empty_text", f"{opts.text_field!r} is empty", source)
    try:
        text = check_text(text, max_chars=opts.max_chars, max_binary_share=opts.max_binary_share)
    except RejectedInput as exc:
        return Reject(doc_id, exc.reason, exc.detail, source)
    url = obj.get(opts.url_field)
    return Document(doc_id, text, url if isinstance(url, str) else None, source, html=opts.html)


def decompressed(raw: IO[bytes], name: str = "") -> IO[bytes]:
    """Return ``raw``, or a gzip or zstd reader over it when it starts with their magic bytes."""
    peek = getattr(raw, "peek", None)
    head = peek(4)[:4] if peek is not None else b""
    if head[:2] == _GZIP_MAGIC or (not head and name.endswith(".gz")):
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
    if head == _ZSTD_MAGIC or (not head and name.endswith(".zst")):
        import zstandard

        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        return cast(IO[bytes], io.BufferedReader(cast(Any, reader), buffer_size=1 << 16))
    return raw


def _skip_lines(stream: IO[bytes], count: int) -> int:
    """Read past ``count`` lines of ``stream`` without keeping them; return the bytes skipped."""
    skipped = 0
    while count > 0:
        chunk = stream.readline(_DRAIN_CHUNK)
        if not chunk:
            break
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            count -= 1
    return skipped


def scan_spans(path: str | Path, lines_per_span: int) -> list[LineSpan]:
    """Cut a JSONL file into spans of about ``lines_per_span`` lines, reading it once.

    A plain file's spans start at byte offsets, so each is read on its own; a compressed file gets
    at most :data:`MAX_COMPRESSED_SPANS` spans. Raises :class:`InputError` when the file cannot be read
    or decompressed.
    """
    try:
        with open(path, "rb") as raw:
            stream = decompressed(raw, str(path))
            plain = stream is raw
            starts: list[tuple[int, int]] = [(1, 0)]  # (first line, byte offset)
            line, pos, ends_with_newline = 1, 0, False
            while chunk := stream.read(_SCAN_CHUNK):
                ends_with_newline = chunk.endswith(b"\n")
                at = chunk.find(b"\n")
                while at >= 0:
                    line += 1
                    if (line - 1) % lines_per_span == 0:
                        starts.append((line, pos + at + 1))
                    at = chunk.find(b"\n", at + 1)
                pos += len(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from exc
    if starts[-1][1] == pos and len(starts) > 1:
        starts.pop()  # the file ends with a newline: no span starts after it
    if not plain and len(starts) > MAX_COMPRESSED_SPANS:
        step = -(-len(starts) // MAX_COMPRESSED_SPANS)
        starts = starts[::step]
    total = line if pos and not ends_with_newline else line - 1
    spans = []
    for i, (first, offset) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else None
        lines = (stop if stop is not None else total + 1) - first
        spans.append(LineSpan(first, stop, offset if plain else None, lines))
    return spans


def _json_type(value: Any) -> str:
    """Name a parsed JSON value's type the way JSON does."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    return "an object"
