"""A pipeline and its unit of work: one shard through a list of steps into committed output files.

:func:`run_task` is the one function every executor runs: it skips a shard already marked done, sets the
steps up, streams the shard through them into a :class:`~copydesk.write.shards.ShardWriter`, checks that
``read == written + rejected``, and commits. It is idempotent, so an executor may retry it.

How later stages slot in: a run is a list of :class:`Stage` s. Each stage maps its steps over shards and
writes Parquet shards to disk; the next stage reads those (a corpus-wide stage such as near-duplicate
detection is a per-shard stage computing signatures, a reduction over all signatures, and a per-shard
stage annotating the articles). Intermediates on disk are what let a run restart from where it stopped,
whatever the executor.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from copydesk.extract import CleanOptions
from copydesk.ingest.jsonl import JsonlOptions
from copydesk.ingest.read import Read
from copydesk.ingest.shards import Shard
from copydesk.record import Article, Reject
from copydesk.run.memory import tune_gc
from copydesk.step import Item, Step, StepStats
from copydesk.steps import Clean
from copydesk.write.shards import ShardWriter, read_marker


@dataclass(slots=True, frozen=True)
class Stage:
    """A named list of steps mapped over shards; the first step reads the shard given as context."""

    name: str
    steps: tuple[Step, ...]

    def setup(self) -> None:
        """Set every step up (in this process)."""
        for step in self.steps:
            step.setup()


def clean_stage(fields: JsonlOptions | None = None, clean: CleanOptions | None = None) -> Stage:
    """The stage of ``copydesk run``: read a shard, clean each document."""
    return Stage("clean", (Read(fields=fields or JsonlOptions()), Clean(options=clean)))


@dataclass(slots=True, frozen=True)
class Task:
    """One shard to put through a stage, and where its output goes."""

    shard: Shard
    stage: Stage
    out_dir: str
    out_format: str = "parquet"


@dataclass(slots=True)
class ShardResult:
    """What one shard gave: counts by outcome, the files written, and whether it was done before."""

    shard_id: str
    input: str
    read: int = 0
    written: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    files: dict[str, str] = field(default_factory=dict)
    resumed: bool = False  # done by an earlier run (its marker or the store said so)

    @property
    def total_rejected(self) -> int:
        """Rejects, all reasons together."""
        return sum(self.rejected.values())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (the shard's done marker)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, resumed: bool = False) -> ShardResult:
        """Rebuild a result from :meth:`to_dict`'s output."""
        known = set(cls.__dataclass_fields__)
        result = cls(**{k: v for k, v in data.items() if k in known})
        result.resumed = resumed
        return result


def run_task(task: Task) -> ShardResult:
    """Put one shard through the stage's steps and commit its output (or return it, if done already)."""
    shard = task.shard
    done = read_marker(task.out_dir, shard.id)
    if done is not None:
        return ShardResult.from_dict(done, resumed=True)
    start = time.perf_counter()
    task.stage.setup()
    tune_gc()  # after the models are loaded: the collector leaves them alone
    stats = [StepStats() for _ in task.stage.steps]
    stream: Iterable[Item] = ()
    for step, step_stats in zip(task.stage.steps, stats, strict=True):
        stream = step.run(stream, step_stats, shard)
    result = ShardResult(shard.id, shard.input)
    writer = ShardWriter(task.out_dir, shard.id, task.out_format)
    try:
        for item in stream:
            writer.write(item)
            if isinstance(item.value, Article):
                result.written += 1
            elif isinstance(item.value, Reject):
                result.rejected[item.value.reason] = result.rejected.get(item.value.reason, 0) + 1
    except BaseException:
        writer.abort()
        raise
    result.read = stats[0].seen
    for step_stats in stats:
        for reason, count in step_stats.skipped.items():
            result.skipped[reason] = result.skipped.get(reason, 0) + count
    if result.read != result.written + result.total_rejected:
        writer.abort()
        raise AssertionError(
            f"shard {shard.id} of {shard.input}: read {result.read} != "
            f"written {result.written} + rejected {result.total_rejected}"
        )
    result.seconds = round(time.perf_counter() - start, 3)
    result.files = writer.commit(result.to_dict())
    return result
