"""The first step of a corpus run: read one shard into items, whatever its format.

Every document of the shard becomes an :class:`~copydesk.step.Item` keyed by the input's fingerprint and
its position, holding a document or a reject. Damage that stops the reading of a shard becomes one more
reject, at the position where reading stopped, and the run goes on:

- ``unreadable``: the input cannot be opened (permissions, a folder without pages...)
- ``corrupt``: the input cannot be decompressed or parsed from some point on (corrupt gzip, a damaged
  WARC or Parquet file)
- ``empty_input``: the input holds no document at all (an empty file)

Input records that are not documents (WARC requests, non-HTML responses) are counted as skipped.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from copydesk.errors import InputError, RejectedInput
from copydesk.ingest.files import iter_page_files
from copydesk.ingest.jsonl import JsonlOptions, JsonlReader, LineSpan
from copydesk.ingest.parquet import ParquetReader
from copydesk.ingest.shards import Shard, fingerprint
from copydesk.ingest.text import Document
from copydesk.ingest.warc import WarcReader
from copydesk.record import Reject
from copydesk.step import Item, Step, StepStats

_OPEN_ERRORS = (PermissionError, FileNotFoundError, IsADirectoryError, NotADirectoryError)


def item_key(fingerprint: str, position: int) -> str:
    """The key of the document at ``position`` of the input with this fingerprint."""
    return f"{fingerprint}:{position}"


@dataclass(slots=True, kw_only=True, frozen=True)
class Read(Step):
    """Read the shard given as context into items (the items given are ignored: this step is a source)."""

    name: ClassVar[str] = "read"
    fields: JsonlOptions = field(default_factory=JsonlOptions)

    def run(self, items: Iterable[Item], stats: StepStats, context: Any = None) -> Iterator[Item]:
        """Yield one item per document of the shard, then one reject if reading it stopped early."""
        shard: Shard = context
        last = shard.start - 1
        count = 0
        problem: Reject | None = None
        if shard.error is not None:
            problem = Reject(None, shard.error_reason, shard.error, shard.input)
        else:
            try:
                for position, value, key_fp in self._values(shard, stats):
                    count += 1
                    last = position
                    yield self._item(key_fp, position, value, shard, stats)
            except RejectedInput as exc:
                problem = Reject(None, exc.reason, exc.detail, shard.input)
            except InputError as exc:
                reason = "unreadable" if isinstance(exc.__cause__, _OPEN_ERRORS) else "corrupt"
                problem = Reject(None, reason, str(exc), shard.input)
            if problem is None and count == 0 and shard.whole:
                problem = Reject(None, "empty_input", f"{shard.input} holds no document", shard.input)
        if problem is not None:
            position = last + 1
            if problem.source == shard.input and shard.format in ("jsonl", "parquet"):
                problem.source = f"{shard.input}:{position}"
            yield self._item(shard.fingerprint or _path_fp(shard.input), position, problem, shard, stats)

    def _item(self, fp: str, position: int, value: Document | Reject, shard: Shard, stats: StepStats) -> Item:
        stats.seen += 1
        if isinstance(value, Reject):
            stats.reject(value.reason)
        return Item(item_key(fp, position), value, shard.input, position, value.source)

    def _values(self, shard: Shard, stats: StepStats) -> Iterator[tuple[int, Document | Reject, str]]:
        """Yield ``(position, document or reject, fingerprint for the key)`` for the shard's documents."""
        fmt, fp = shard.format, shard.fingerprint
        if shard.files:
            html = {"text": False, "html": True}.get(fmt)
            for number, value in iter_page_files(
                list(shard.files), html=html, max_chars=self.fields.max_chars
            ):
                path = shard.files[number]
                if shard.files == (shard.input,):
                    yield 0, value, fp
                else:  # a page of a folder: its own content and its name in the folder make its key
                    name = os.path.relpath(path, shard.input)
                    yield 0, value, _path_fp(name + "\0" + fingerprint(path))
        elif fmt == "jsonl":
            span = LineSpan(shard.start, shard.stop, shard.offset)
            reader = JsonlReader(shard.input, self.fields, span=span)
            for value in reader:
                yield reader.lineno, value, fp
        elif fmt == "parquet":
            for row, value in ParquetReader(shard.input, self.fields, start=shard.start, stop=shard.stop):
                yield row, value, fp
        elif fmt == "warc":
            warc = WarcReader(
                shard.input, start=shard.start, stop=shard.stop, max_chars=self.fields.max_chars
            )
            try:
                for offset, value in warc:
                    yield offset, value, fp
            finally:
                for reason, n in warc.skipped.items():
                    stats.skip(reason, n)
        else:
            raise InputError(f"unknown input format {fmt!r}")


def _path_fp(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
