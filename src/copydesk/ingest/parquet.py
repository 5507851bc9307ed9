"""Parquet corpora: one row a document, with text, id and url columns (names set by JsonlOptions).

Rows are checked like JSONL lines (:func:`~copydesk.ingest.jsonl.document_from_object`): a row without
text, with an empty text or one that looks binary becomes a reject with that reason. Row groups are the
unit a corpus run splits a file into.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from copydesk.errors import InputError, RejectedInput
from copydesk.ingest.jsonl import JsonlOptions, document_from_object
from copydesk.ingest.text import Document
from copydesk.record import Reject

_BATCH_ROWS = 256  # rows decoded at a time: bounds memory whatever the row group size


def row_groups(path: str | Path) -> list[int]:
    """Return the number of rows of each row group of a Parquet file (InputError if unreadable)."""
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except OSError as exc:
        raise InputError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from exc
    except Exception as exc:  # pyarrow raises ArrowInvalid for a file that is not Parquet
        raise InputError(f"cannot read {path}: not a Parquet file ({exc})") from exc
    return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]


class ParquetReader:
    """Read row groups ``start`` to ``stop`` of a Parquet file into documents and rejects."""

    def __init__(
        self,
        path: str | Path,
        options: JsonlOptions | None = None,
        *,
        start: int = 0,
        stop: int | None = None,
    ) -> None:
        self.path = str(path)
        self.options = options or JsonlOptions()
        self.start = start
        self.stop = stop

    def __iter__(self) -> Iterator[tuple[int, Document | Reject]]:
        """Yield ``(row number, document or reject)`` for every row of the chosen row groups."""
        import pyarrow.parquet as pq

        opts = self.options
        try:
            file = pq.ParquetFile(self.path)
            sizes = [file.metadata.row_group(i).num_rows for i in range(file.metadata.num_row_groups)]
            names = set(file.schema_arrow.names)
        except Exception as exc:
            raise InputError(f"cannot read {self.path}: {exc}") from exc
        if opts.text_field not in names:
            listed = ", ".join(sorted(names)[:10]) or "none"
            raise RejectedInput("missing_text", f"{self.path} has no {opts.text_field!r} column ({listed})")
        stop = len(sizes) if self.stop is None else self.stop
        groups = list(range(self.start, stop))
        if not groups:
            return
        columns = [c for c in (opts.id_field, opts.text_field, opts.url_field) if c in names]
        row = sum(sizes[: self.start])
        try:
            for batch in file.iter_batches(batch_size=_BATCH_ROWS, row_groups=groups, columns=columns):
                for values in batch.to_pylist():
                    yield row, document_from_object(values, opts, f"{self.path}:{row}")
                    row += 1
        except Exception as exc:  # a damaged page or column chunk
            raise InputError(f"cannot read {self.path} at row {row}: {exc}") from exc
