"""Clean a corpus with a pool of processes: documents in, records and rejects out, in input order.

Every input item gives exactly one output: a cleaned record, or a :class:`~copydesk.record.Reject`
(from the reader, or ``error`` when cleaning one document raised). The counts are checked at the end:
``read == written + rejected``, always.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

import orjson

from copydesk import extract
from copydesk.errors import CopydeskError, MissingExtra, ModelError, RejectedInput
from copydesk.extract import CleanOptions
from copydesk.ingest.jsonl import JsonlOptions, JsonlReader
from copydesk.ingest.text import Document
from copydesk.record import Reject
from copydesk.write.jsonl import JsonlWriter, default_rejects_path

_MAX_DETAIL = 500  # characters of an exception message kept in a reject


@dataclass(slots=True, kw_only=True, frozen=True)
class CorpusOptions:
    """How to run over a corpus: worker processes, documents per task, and cleaning options."""

    workers: int | None = None  # None: one per CPU core; 1 cleans in this process
    chunksize: int = 4  # documents sent to a worker at a time
    clean: CleanOptions | None = None


@dataclass(slots=True)
class CorpusStats:
    """What a corpus run did: documents read, records written, rejects by reason, and timing."""

    read: int = 0
    written: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    workers: int = 1
    output: str | None = None
    rejects: str | None = None
    fraction: float | None = None  # share of the input consumed, when its size is known

    @property
    def total_rejected(self) -> int:
        """Number of rejected documents, all reasons together."""
        return sum(self.rejected.values())

    @property
    def docs_per_second(self) -> float:
        """Documents read per second of wall time."""
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready summary."""
        return {
            "read": self.read,
            "written": self.written,
            "rejected": self.total_rejected,
            "rejected_by_reason": dict(sorted(self.rejected.items())),
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.docs_per_second, 1),
            "workers": self.workers,
            "output": self.output,
            "rejects": self.rejects,
        }


def clean_one(item: Document | Reject, options: CleanOptions | None = None) -> bytes | Reject:
    """Clean one document into a serialised record, or a reject; raise only when the set-up is broken."""
    if isinstance(item, Reject):
        return item
    try:
        # Looked up on the module at call time, so a replaced clean_text is the one used.
        article = extract.clean_text(item.text, item.url, options=options)
        article.id = item.id
        return orjson.dumps(article.to_dict())
    except RejectedInput as exc:
        return Reject(item.id, exc.reason, exc.detail[:_MAX_DETAIL], item.source)
    except (ModelError, MissingExtra) as exc:
        # The set-up is broken, not this document: stop the run. A plain message pickles safely
        # back from a worker process, where MissingExtra's two-argument constructor would not.
        raise (ModelError if isinstance(exc, ModelError) else CopydeskError)(str(exc)) from None
    except Exception as exc:  # one bad document must never stop the run
        detail = f"{type(exc).__name__}: {exc}"[:_MAX_DETAIL]
        return Reject(item.id, "error", detail, item.source)


def _init_worker() -> None:
    """Let the parent alone handle Ctrl-C; copydesk is already imported once per worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def clean_documents(
    items: Iterable[Document | Reject], options: CorpusOptions | None = None
) -> Iterator[bytes | Reject]:
    """Yield one result per item, in input order, cleaning in a process pool when workers > 1."""
    options = options or CorpusOptions()
    work = partial(clean_one, options=options.clean)
    workers = resolve_workers(options.workers)
    if workers == 1:
        yield from map(work, items)
        return
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":
        _warm_up(options.clean)
    # imap feeds the pool from a background thread; its pipe writes block while the workers are
    # busy, so only a few chunks are in flight and a large corpus never sits in memory.
    with context.Pool(workers, initializer=_init_worker) as pool:
        yield from pool.imap(work, items, chunksize=max(1, options.chunksize))


def _warm_up(options: CleanOptions | None) -> None:
    """Load the model here before forking, so the workers share one copy instead of each loading it."""
    try:
        extract.clean_text("copydesk warm-up", options=options)
    except (ModelError, MissingExtra):
        raise  # fail before anything is written
    except Exception:  # a real document will report it as a reject
        pass


def resolve_workers(workers: int | None) -> int:
    """Return the number of worker processes to use: ``None`` or 0 means one per CPU core."""
    return max(1, workers or os.cpu_count() or 1)


def clean_corpus(
    items: Iterable[Document | Reject],
    records: JsonlWriter,
    rejects: JsonlWriter,
    *,
    options: CorpusOptions | None = None,
    progress: Callable[[CorpusStats], None] | None = None,
    fraction: Callable[[], float | None] | None = None,
) -> CorpusStats:
    """Clean ``items`` into ``records`` and ``rejects`` in input order, and return the counts."""
    options = options or CorpusOptions()
    stats = CorpusStats(workers=resolve_workers(options.workers), output=records.name, rejects=rejects.name)
    fed = [0]  # counted where the items are consumed (the pool's feeder thread), not where results land

    def counted() -> Iterator[Document | Reject]:
        for item in items:
            fed[0] += 1
            yield item

    start = time.perf_counter()
    for result in clean_documents(counted(), options):
        if isinstance(result, Reject):
            rejects.write(result)
            stats.rejected[result.reason] = stats.rejected.get(result.reason, 0) + 1
        else:
            records.write(result)
            stats.written += 1
        if progress is not None:
            stats.read = stats.written + stats.total_rejected
            stats.seconds = time.perf_counter() - start
            stats.fraction = fraction() if fraction is not None else None
            progress(stats)
    stats.seconds = time.perf_counter() - start
    stats.read = fed[0]
    if stats.read != stats.written + stats.total_rejected:
        raise AssertionError(
            f"counts do not add up: read {stats.read} != "
            f"written {stats.written} + rejected {stats.total_rejected}"
        )
    return stats


def clean_jsonl(
    source: str | Path | IO[bytes],
    output: str | Path | IO[bytes] = "-",
    *,
    rejects: str | Path | IO[bytes] | None = None,
    read: JsonlOptions | None = None,
    options: CorpusOptions | None = None,
    progress: Callable[[CorpusStats], None] | None = None,
) -> CorpusStats:
    """Clean a JSONL corpus into a JSONL file of records, routing bad lines to a rejects file.

    ``-`` stands for standard input or output. Rejects go to ``rejects``; by default to
    ``OUT.rejects.jsonl`` beside the output, or to standard error when the output is standard output.
    """
    reader = JsonlReader(source, read)
    if rejects is None:
        default = default_rejects_path(output) if isinstance(output, str | Path) else None
        rejects = default if default is not None else sys.stderr.buffer

    def fraction() -> float | None:
        return reader.bytes_read / reader.size if reader.size else None

    with JsonlWriter(output) as records, JsonlWriter(rejects) as rejected:
        return clean_corpus(reader, records, rejected, options=options, progress=progress, fraction=fraction)
