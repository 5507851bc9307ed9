"""Clean a corpus with a pool of processes: documents in, records and rejects out, in input order.

This is the ordered, single-file corpus mode of ``copydesk clean``: the :class:`~copydesk.steps.Clean` step
mapped over the documents by the :class:`~copydesk.run.executors.LocalExecutor` (``copydesk run`` uses the
same step and executors, shard by shard).

Every input item gives exactly one output: a cleaned record, or a :class:`~copydesk.record.Reject`
(from the reader, or ``error`` when cleaning one document raised). The counts are checked at the end:
``read == written + rejected``, always.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any, TypeVar

import orjson

from copydesk.extract import CleanOptions
from copydesk.ingest.jsonl import JsonlOptions, JsonlReader
from copydesk.ingest.text import Document
from copydesk.record import Article, Reject
from copydesk.run.executors import LocalExecutor, resolve_workers
from copydesk.run.memory import tune_gc
from copydesk.step import Item, StepStats
from copydesk.steps import Clean
from copydesk.write.jsonl import JsonlWriter, default_rejects_path

__all__ = ["CorpusOptions", "CorpusStats", "clean_corpus", "clean_documents", "clean_jsonl", "clean_one"]
__all__ += ["clean_batch", "resolve_workers"]

T = TypeVar("T")


@dataclass(slots=True, kw_only=True, frozen=True)
class CorpusOptions:
    """How to run over a corpus: worker processes, documents per task, and cleaning options."""

    workers: int | None = None  # None: one per CPU core; 1 cleans in this process
    chunksize: int = Clean.batch_size  # documents sent to a worker at a time, cleaned as one batch
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
    return clean_batch([item], options)[0]


def clean_batch(batch: list[Document | Reject], options: CleanOptions | None = None) -> list[bytes | Reject]:
    """Clean documents (in one batch: :class:`~copydesk.steps.Clean`) into serialised records or rejects,
    in order; rejects pass through. Raise only when the set-up is broken."""
    items = (Item("", d, source=d.source) if isinstance(d, Document) else Item("", d) for d in batch)
    out: list[bytes | Reject] = []
    for item in Clean(options=options).run(items, StepStats()):
        value = item.value
        if isinstance(value, Reject):
            out.append(value)
        else:
            assert isinstance(value, Article)
            out.append(orjson.dumps(value.to_dict()))
    tune_gc()  # once the models are loaded (the first batch loads them)
    return out


def clean_documents(
    items: Iterable[Document | Reject], options: CorpusOptions | None = None
) -> Iterator[bytes | Reject]:
    """Yield one result per item, in input order, cleaning in a process pool when workers > 1."""
    options = options or CorpusOptions()
    work = partial(clean_batch, options=options.clean)
    with LocalExecutor(options.workers, warm_up=Clean(options=options.clean).setup) as executor:
        for results in executor.map(work, batched(items, max(1, options.chunksize))):
            yield from results


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` consecutive items (the last may be shorter)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


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
