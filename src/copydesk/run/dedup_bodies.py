"""The bodies and signatures that verification needs, by row number, in two flat files.

A verification chunk needs a thousand or so documents scattered over the whole corpus (a block of a
story's copies). Asking the store for them scans its ``articles`` table (DuckDB reads the body column
of every row group it touches, and a chunk's rows touch them all), and reading them from Parquet shards
reads every row group they fall in: either way a chunk costs time in proportion to the corpus, and a
corpus has chunks in proportion to its size, so the stage grew quadratically.

:class:`BodyFile` copies every document's body (UTF-8) and signature once, in one pass, into two flat
files of the run's work folder, and keeps each row's offset and length (24 bytes a document in
memory). A chunk's documents are then read by offset, at a cost that does not depend on the corpus
size. The files are as large as the bodies and signatures (uncompressed), and are removed when the
stage ends.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

TEXTS = "bodies.bin"
SIGNATURES = "signatures.bin"


class BodyFile:
    """Bodies and signatures of documents ``0..rows-1``, written in any row order, read by row."""

    def __init__(self, folder: str | Path, rows: int, permutations: int) -> None:
        self.folder = Path(folder)
        self.permutations = permutations
        self.width = permutations * 4
        self.slot = np.full(rows, -1, dtype=np.int64)  # each row's signature: its place in the file
        self.start = np.zeros(rows, dtype=np.int64)  # each row's body: first byte...
        self.length = np.zeros(rows, dtype=np.int64)  # ...and its length in bytes
        self._texts: BinaryIO | None = None
        self._signatures: BinaryIO | None = None
        self._bytes = 0
        self._slots = 0

    @contextlib.contextmanager
    def writing(self) -> Iterator[BodyFile]:
        """Open the files for :meth:`add` (both are made anew)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / TEXTS, "wb") as texts, open(self.folder / SIGNATURES, "wb") as signatures:
            self._texts, self._signatures = texts, signatures
            try:
                yield self
            finally:
                self._texts = self._signatures = None

    def add_signatures(self, rows: np.ndarray, signatures: np.ndarray) -> None:
        """Append the ``(len(rows), permutations)`` signatures of some rows."""
        assert self._signatures is not None, "add_signatures outside writing()"
        rows = np.asarray(rows, dtype=np.int64)
        self._signatures.write(np.ascontiguousarray(signatures, dtype=np.uint32).tobytes())
        self.slot[rows] = np.arange(self._slots, self._slots + rows.size, dtype=np.int64)
        self._slots += rows.size

    def add_bodies(self, rows: np.ndarray, bodies: Any) -> None:
        """Append the bodies of some rows, given as an Arrow array of paragraph lists (null: no body),
        as their texts: the paragraphs joined by blank lines, like :attr:`~copydesk.record.Article.text`.
        The joined texts' UTF-8 buffer is written as it is, with no Python string per document."""
        import pyarrow as pa
        import pyarrow.compute as pc

        assert self._texts is not None, "add_bodies outside writing()"
        rows = np.asarray(rows, dtype=np.int64)
        if isinstance(bodies, pa.ChunkedArray):
            bodies = bodies.combine_chunks()
        texts = pc.fill_null(pc.binary_join(bodies, "\n\n"), "").cast(pa.large_string())
        ends = np.frombuffer(texts.buffers()[1], dtype=np.int64)[texts.offset : texts.offset + len(texts) + 1]
        first, last = int(ends[0]), int(ends[-1])
        self._texts.write(memoryview(texts.buffers()[2])[first:last])
        self.start[rows] = self._bytes + ends[:-1] - first
        self.length[rows] = np.diff(ends)
        self._bytes += last - first

    def read(self, rows: np.ndarray) -> tuple[list[str], np.ndarray]:
        """The bodies and the ``(len(rows), permutations)`` signatures of the given rows."""
        rows = np.asarray(rows, dtype=np.int64)
        slots = self._slots_of(rows)
        texts_fd = os.open(self.folder / TEXTS, os.O_RDONLY)
        try:
            texts = [
                os.pread(texts_fd, n, s).decode("utf-8") if n else ""
                for s, n in zip(self.start[rows].tolist(), self.length[rows].tolist(), strict=True)
            ]
        finally:
            os.close(texts_fd)
        return texts, self._read_signatures(slots)

    def signatures(self, rows: np.ndarray) -> np.ndarray:
        """The ``(len(rows), permutations)`` signatures of the given rows, without their bodies."""
        return self._read_signatures(self._slots_of(np.asarray(rows, dtype=np.int64)))

    def _slots_of(self, rows: np.ndarray) -> np.ndarray:
        """Where the rows' signatures are in the file; raise for a row never written."""
        slots = self.slot[rows]
        if slots.size and int(slots.min()) < 0:
            raise ValueError("a row without a signature in the body file")
        return slots

    def _read_signatures(self, slots: np.ndarray) -> np.ndarray:
        w = self.width
        signatures_fd = os.open(self.folder / SIGNATURES, os.O_RDONLY)
        try:
            raw = b"".join(os.pread(signatures_fd, w, s * w) for s in slots.tolist())
        finally:
            os.close(signatures_fd)
        return np.frombuffer(raw, dtype=np.uint32).reshape(slots.size, self.permutations)

    def remove(self) -> None:
        """Delete the files."""
        for name in (TEXTS, SIGNATURES):
            (self.folder / name).unlink(missing_ok=True)
