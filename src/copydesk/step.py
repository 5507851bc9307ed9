"""The streaming contract of a corpus run: items flow through a pipeline, a plain list of steps.

An :class:`Item` is one document on its way through a run: a stable ``key``, where it came from, and its
current ``value`` (a :class:`~copydesk.ingest.text.Document` after reading, an
:class:`~copydesk.record.Article` after cleaning, or a :class:`~copydesk.record.Reject` at any point).
Every item read leaves the pipeline exactly once, as an article or as a reject: that is what makes
``read == written + rejected`` hold.

A :class:`Step` is a generator over items. Its constructor stores configuration only, so it pickles cheaply
to a worker process or a Ray task; heavy things (models) load in :meth:`Step.setup`, on the worker. Base
classes own the loop, the counters and the error policy:

- :class:`MapStep` turns one value into another; a subclass fills in :meth:`MapStep.process`. Values it
  does not accept (rejects, or articles for a document step) pass through untouched.
- A step that needs to see more than one item at a time (a corpus-wide stage such as near-duplicate
  detection) overrides :meth:`Step.run` and keeps the one-in, one-out rule.

Error policy (:meth:`MapStep.apply`): :class:`~copydesk.errors.RejectedInput` becomes a reject with its
reason; any other exception becomes a reject with reason ``error``; a broken set-up
(:class:`~copydesk.errors.ModelError`, :class:`~copydesk.errors.MissingExtra`) stops the run. Steps never
know which executor runs them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from copydesk.errors import CopydeskError, MissingExtra, ModelError, RejectedInput
from copydesk.ingest.text import Document
from copydesk.record import Article, Reject

MAX_DETAIL = 500  # characters of an exception message kept in a reject

Value = Document | Article | Reject


@dataclass(slots=True)
class Item:
    """One document on its way through a run, with where it came from."""

    key: str  # stable and unique: the input's fingerprint and the position in it
    value: Value
    input: str = ""  # the input file
    position: int = 0  # line, row, byte offset or file number within the input
    source: str | None = None  # human-readable location: "file:line", "file@offset", a path


@dataclass(slots=True)
class StepStats:
    """What one step saw: items in, items out, and the rejects it made, by reason."""

    seen: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)  # input records that are not documents

    def reject(self, reason: str) -> None:
        """Count one reject made by this step."""
        self.rejected[reason] = self.rejected.get(reason, 0) + 1

    def skip(self, reason: str, count: int = 1) -> None:
        """Count input records that are not documents (and so are neither read nor rejected)."""
        self.skipped[reason] = self.skipped.get(reason, 0) + count


class Step:
    """A pipeline step: a generator over items; configuration in the constructor, models in setup()."""

    name: ClassVar[str] = "step"

    def setup(self) -> None:
        """Load heavy things; called on the worker before the first item (it may be called again)."""

    def run(self, items: Iterable[Item], stats: StepStats, context: Any = None) -> Iterator[Item]:
        """Yield the items that leave this step; ``context`` is the task (a shard) being processed."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class MapStep(Step):
    """A step that maps each accepted value to a new one; fill in :meth:`process`, and :meth:`process_batch`
    when values are cheaper to process together (then set :attr:`batch_size`)."""

    accepts: ClassVar[tuple[type, ...]] = (Document,)
    batch_size: ClassVar[int] = 1  # accepted values handed to process_batch at a time

    def process(self, value: Any, item: Item) -> Value:
        """Turn one value into the next (raise RejectedInput to reject it with a reason)."""
        raise NotImplementedError

    def process_batch(self, values: list[Any], items: list[Item]) -> list[Value | Exception]:
        """Turn several values into the next ones: one result per value, or the exception that value
        raised (it is judged by the same policy as :meth:`apply`). If it raises, the batch is done again
        value by value with :meth:`apply`."""
        out: list[Value | Exception] = []
        for value, item in zip(values, items, strict=True):
            try:
                out.append(self.process(value, item))
            except Exception as exc:
                out.append(exc)
        return out

    def apply(self, value: Any, item: Item) -> Value:
        """Run :meth:`process` under the error policy: a bad document becomes a reject, never a crash."""
        try:
            return self.process(value, item)
        except Exception as exc:
            return self.settle(exc, value, item)

    def settle(self, exc: Exception, value: Any, item: Item) -> Value:
        """The error policy: what a value that raised ``exc`` becomes."""
        doc_id = getattr(value, "id", None)
        if isinstance(exc, RejectedInput):
            return Reject(doc_id, exc.reason, exc.detail[:MAX_DETAIL], item.source)
        if isinstance(exc, (ModelError, MissingExtra)):
            # The set-up is broken, not this document: stop the run. A plain message pickles safely
            # back from a worker process, where MissingExtra's two-argument constructor would not.
            raise (ModelError if isinstance(exc, ModelError) else CopydeskError)(str(exc)) from None
        # one bad document must never stop the run
        return Reject(doc_id, "error", f"{type(exc).__name__}: {exc}"[:MAX_DETAIL], item.source)

    def run(self, items: Iterable[Item], stats: StepStats, context: Any = None) -> Iterator[Item]:
        """Apply the step to every accepted value, :attr:`batch_size` at a time, counting what it sees and
        rejects; the items leave in the order they came."""
        pending: list[Item] = []
        for item in items:
            accepted = isinstance(item.value, self.accepts)
            if accepted:
                stats.seen += 1
                pending.append(item)
                if len(pending) < self.batch_size:
                    continue
            yield from self._flush(pending, stats)
            pending = []
            if not accepted:
                yield item
        yield from self._flush(pending, stats)

    def _flush(self, pending: list[Item], stats: StepStats) -> Iterator[Item]:
        if not pending:
            return
        values = [item.value for item in pending]
        results: list[Value | Exception] | None = None
        if len(pending) > 1:
            try:
                results = self.process_batch(values, pending)
            except Exception:  # a batch that fails whole is done again value by value (below)
                results = None
        if results is None:  # one value, or a failed batch: a bad value fails alone
            results = [self.apply(value, item) for value, item in zip(values, pending, strict=True)]
        for item, value, result in zip(pending, values, results, strict=True):
            item.value = self.settle(result, value, item) if isinstance(result, Exception) else result
            if isinstance(item.value, Reject):
                stats.reject(item.value.reason)
            yield item
