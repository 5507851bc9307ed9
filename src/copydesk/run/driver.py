"""``copydesk run``: inputs to a DuckDB store or a folder of Parquet (or JSONL) shards, resumably.

:func:`run_corpus` plans the shards, skips those done by an earlier run, has an executor put the others
through the pipeline, and collects the results as they arrive:

- ``--out corpus.duckdb``: shards are written to ``corpus.duckdb.work/`` and loaded into the store as
  they are done, a few in one transaction (:data:`LOAD_GROUP_SHARDS`; then their files are removed). The
  store remembers the shards it holds, and shards done but not loaded keep their files, so a run killed
  at any moment and started again continues where it stopped, and a second run over the same input adds
  nothing.
- ``--out DIR/``: the shards are the output; their done markers make the run resumable.

The summary counts every document of the inputs, including those done by an earlier run:
``read == written + rejected``, always.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from copydesk.dedup.finder import DedupOptions
from copydesk.errors import CopydeskError
from copydesk.extract import CleanOptions
from copydesk.ingest.shards import ReadOptions, Shard, plan
from copydesk.run.dedup_stage import run_dedup, with_signatures
from copydesk.run.executors import make_executor
from copydesk.run.pipeline import ShardResult, Task, clean_stage, run_task
from copydesk.write.shards import read_marker

STORE_SUFFIXES = (".duckdb", ".db", ".ddb")
#: Shards loaded into a store in one transaction: this many, or fewer when they already hold
#: :data:`LOAD_GROUP_DOCS` documents. A commit costs more than the inserts it ends, and more as the store
#: grows: four 1,000-document shards a commit instead of one cut the store's load CPU by a fifth.
#: Shards done but not loaded yet keep their files and done markers, so a run killed before their
#: commit loads them when started again.
LOAD_GROUP_SHARDS = 4
LOAD_GROUP_DOCS = 4000


@dataclass(slots=True, kw_only=True, frozen=True)
class RunOptions:
    """How to run: reading, cleaning, the executor and its workers, and the output format of a folder."""

    read: ReadOptions = field(default_factory=ReadOptions)
    clean: CleanOptions | None = None
    executor: str = "local"
    address: str | None = None  # a Ray cluster's address (executor "ray")
    workers: int | None = None  # None: one per CPU core
    out_format: str = "parquet"  # for a folder output: parquet or jsonl
    keep_work: bool = False  # keep the Parquet shards beside a DuckDB store after loading them
    dedup: DedupOptions | None = field(default_factory=DedupOptions)  # None: no duplicate detection


@dataclass(slots=True)
class RunSummary:
    """What a run did, over all its inputs (documents done by an earlier run included)."""

    inputs: list[str]
    output: str
    run_id: str = ""
    read: int = 0
    written: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    shards: int = 0
    shards_done: int = 0
    shards_resumed: int = 0
    expected: int = 0  # documents the plan expects (for progress)
    processed: int = 0  # documents read by this run (not resumed)
    seconds: float = 0.0
    executor: str = "local"
    workers: int = 1
    dedup: dict[str, Any] | None = None  # what the dedup stage found (see run.dedup_stage)

    @property
    def total_rejected(self) -> int:
        """Rejects, all reasons together."""
        return sum(self.rejected.values())

    @property
    def docs_per_second(self) -> float:
        """Documents read by this run per second of wall time."""
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def add(self, result: ShardResult) -> None:
        """Count one shard's result."""
        self.shards_done += 1
        self.shards_resumed += result.resumed
        self.read += result.read
        self.processed += 0 if result.resumed else result.read
        self.written += result.written
        for reason, count in result.rejected.items():
            self.rejected[reason] = self.rejected.get(reason, 0) + count
        for reason, count in result.skipped.items():
            self.skipped[reason] = self.skipped.get(reason, 0) + count

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        data = asdict(self)
        data.update(
            rejected=self.total_rejected,
            rejected_by_reason=dict(sorted(self.rejected.items())),
            skipped=sum(self.skipped.values()),
            skipped_by_reason=dict(sorted(self.skipped.items())),
            seconds=round(self.seconds, 3),
            docs_per_second=round(self.docs_per_second, 1),
        )
        return data


def is_store(out: str | Path) -> bool:
    """Tell whether ``out`` names a DuckDB store (rather than an output folder)."""
    return str(out).lower().endswith(STORE_SUFFIXES)


def run_corpus(
    inputs: list[str],
    out: str | Path,
    options: RunOptions | None = None,
    *,
    progress: Callable[[RunSummary], None] | None = None,
) -> RunSummary:
    """Run the pipeline over ``inputs`` into ``out`` (a ``.duckdb`` file or a folder); return the summary."""
    from copydesk.write.duckdb import Store, new_run_id

    options = options or RunOptions()
    start = time.perf_counter()
    store_path = Path(out) if is_store(out) else None
    work = Path(f"{out}.work") if store_path is not None else Path(out)
    shards = plan(inputs, options.read)
    summary = RunSummary(inputs=list(inputs), output=str(out), run_id=new_run_id(), shards=len(shards))
    summary.executor = options.executor
    summary.expected = sum(s.expected for s in shards)
    dedup = options.dedup if store_path is not None or options.out_format == "parquet" else None
    stage = with_signatures(clean_stage(options.read.fields, options.clean), work, dedup)
    loaded: dict[str, dict[str, Any]] = {}
    if store_path is not None:
        with Store(store_path) as existing:
            loaded = existing.loaded_shards()
    todo: list[Shard] = []
    for shard in shards:
        if shard.id in loaded:
            summary.add(ShardResult.from_dict(loaded[shard.id], resumed=True))
        else:
            todo.append(shard)
    executor = make_executor(options.executor, options.workers, address=options.address, warm_up=stage.setup)
    summary.workers = executor.workers
    store = None
    try:
        executor.start()  # worker processes fork before DuckDB starts its threads here
        if store_path is not None:
            store = Store(store_path)
            store.begin_run(
                summary.run_id, summary.inputs, _options_dict(options), executor.name, summary.workers
            )
        with executor:
            tasks = [
                Task(shard, stage, str(work), "parquet" if store else options.out_format) for shard in todo
            ]
            ready = [t for t in tasks if read_marker(work, t.shard.id) is not None]
            rest = [t for t in tasks if read_marker(work, t.shard.id) is None]
            held: list[ShardResult] = []  # done, not loaded yet: their files and markers stay on disk
            for result in _chain(map(run_task, ready), executor.map_unordered(run_task, rest)):
                if store is not None:
                    held.append(result)
                    if len(held) >= LOAD_GROUP_SHARDS or sum(r.read for r in held) >= LOAD_GROUP_DOCS:
                        _load(store, held, summary.run_id, options.keep_work)
                summary.add(result)
                summary.seconds = time.perf_counter() - start
                if progress is not None:
                    progress(summary)
            if store is not None:
                _load(store, held, summary.run_id, options.keep_work)
            executor.release()  # the cleaning workers and their models are not needed any more
            summary.dedup = run_dedup(work, store, executor, dedup)
        summary.seconds = time.perf_counter() - start
        _check(summary)
        if store is not None:
            store.finish_run(summary.run_id, summary.to_dict())
    except BaseException as exc:
        executor.close()
        if store is not None:
            status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
            with contextlib.suppress(Exception):  # the store may be what failed
                store.finish_run(summary.run_id, summary.to_dict(), status)
            store.close()
        raise
    if store is not None:
        store.close()
        if not options.keep_work:
            shutil.rmtree(work, ignore_errors=True)
    else:
        _write_run_summary(work, summary)
    return summary


def _load(store: Any, held: list[ShardResult], run_id: str, keep_work: bool) -> None:
    """Load the shards held into the store in one transaction, then remove their files (unless kept)."""
    if not held:
        return
    store.load_shards([(r.shard_id, r.files, r.to_dict()) for r in held], run_id)
    if not keep_work:
        for result in held:
            for path in result.files.values():
                Path(path).unlink(missing_ok=True)
    held.clear()


def _chain(*iterables: Any) -> Any:
    for iterable in iterables:
        yield from iterable


def _check(summary: RunSummary) -> None:
    if summary.read != summary.written + summary.total_rejected:
        raise AssertionError(
            f"counts do not add up: read {summary.read} != written {summary.written} "
            f"+ rejected {summary.total_rejected}"
        )
    if summary.shards_done != summary.shards:
        raise CopydeskError(f"only {summary.shards_done} of {summary.shards} shards were done")


def _options_dict(options: RunOptions) -> dict[str, Any]:
    """The run's options as JSON-ready data, for the runs table."""

    def plain(value: Any) -> Any:
        if hasattr(value, "__dataclass_fields__"):
            return {k: plain(getattr(value, k)) for k in value.__dataclass_fields__}
        return value if isinstance(value, str | int | float | bool | type(None)) else str(value)

    return plain(options)  # type: ignore[no-any-return]


def _write_run_summary(folder: Path, summary: RunSummary) -> None:
    """Keep the run's summary beside its shards."""
    import orjson

    path = folder / "_copydesk" / "runs" / f"{summary.run_id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(summary.to_dict(), option=orjson.OPT_INDENT_2))
