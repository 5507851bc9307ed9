"""JSONL output: one record a line, to a file (gzip when the name ends in ``.gz``) or ``-`` for stdout."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import orjson

from copydesk.errors import CopydeskError
from copydesk.record import Reject


def default_rejects_path(output: str | Path) -> Path | None:
    """Return where the rejects of a run writing to ``output`` go: ``OUT.rejects.jsonl`` beside it.

    Returns ``None`` for ``-`` (standard output), which has no file to sit beside.
    """
    if str(output) == "-":
        return None
    path = Path(output)
    name = path.name
    for suffix in (".jsonl.gz", ".jsonl", ".ndjson", ".json"):
        if name.endswith(suffix):
            gz = ".gz" if suffix.endswith(".gz") else ""
            return path.with_name(f"{name[: -len(suffix)]}.rejects.jsonl{gz}")
    return path.with_name(f"{name}.rejects.jsonl")


class JsonlWriter:
    """Write records one JSON object a line; use as a context manager so the file is closed."""

    def __init__(self, target: str | Path | IO[bytes]) -> None:
        self.count = 0
        self._owned = False
        if isinstance(target, str | Path):
            self.name = "<stdout>" if str(target) == "-" else str(target)
            if str(target) == "-":
                self._stream: IO[bytes] = sys.stdout.buffer
            else:
                try:
                    if str(target).endswith(".gz"):
                        self._stream = gzip.open(target, "wb")  # type: ignore[assignment]
                    else:
                        self._stream = open(target, "wb")  # closed in close()
                except OSError as exc:
                    raise CopydeskError(f"cannot write {target}: {exc.strerror or exc}") from exc
                self._owned = True
        else:
            self.name = getattr(target, "name", "<stream>")
            self._stream = target

    def write(self, record: dict[str, Any] | Reject | bytes) -> None:
        """Write one record: a dict, a :class:`Reject`, or an already serialised JSON object."""
        if isinstance(record, Reject):
            record = record.to_dict()
        data = record if isinstance(record, bytes) else orjson.dumps(record)
        self._stream.write(data + b"\n")
        self.count += 1

    def close(self) -> None:
        """Flush, and close the file if this writer opened it."""
        if self._owned:
            self._stream.close()
        else:
            self._stream.flush()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
