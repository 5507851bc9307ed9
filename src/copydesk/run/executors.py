"""Executors: where the work of a run happens. They know how to map a function over tasks, nothing more.

- :class:`LocalExecutor`: a pool of processes on this machine (one per core by default); one worker runs
  in this process. With the ``fork`` start method, ``warm_up`` runs here first so that the workers share
  one copy of the loaded models. :meth:`~LocalExecutor.release` ends those workers when the stage that
  needed the models is over: later tasks (the corpus-wide dedup stage) run in new, light workers.
- :class:`RayExecutor`: one Ray task per shard, on a local Ray instance or a cluster (``address``).

Both offer :meth:`map_unordered` (results as tasks finish: the corpus run) and :meth:`map` (results in
input order: the corpus mode of ``copydesk clean``). The function and its tasks are the same whatever the
executor; steps never know which one runs them.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from copydesk.errors import CopydeskError, MissingExtra

T = TypeVar("T")
R = TypeVar("R")
EXECUTORS = ("local", "ray")


def resolve_workers(workers: int | None) -> int:
    """Return the number of worker processes to use: ``None`` or 0 means one per CPU core."""
    return max(1, workers or os.cpu_count() or 1)


class Executor(Protocol):
    """What a run needs from an executor."""

    name: str
    workers: int

    def map(self, fn: Callable[[T], R], items: Iterable[T], chunksize: int = 1) -> Iterator[R]: ...

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def start(self) -> None: ...

    def release(self) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...


def _init_worker() -> None:
    """Let the parent alone handle Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def spawn_is_safe() -> bool:
    """Whether spawned workers may start: each imports this process's main module again, which runs a
    user's script a second time unless its work sits under ``if __name__ == "__main__":``. That is so
    for copydesk's own command line and for interactive sessions; a script of unknown shape keeps the
    platform's default start method (fork on Linux: heavier workers, but no demand on the script)."""
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__file__", None) is None:
        return True  # interactive, python -c, or an embedding: nothing to import again
    spec = getattr(main, "__spec__", None)
    if spec is not None and str(spec.name).startswith("copydesk."):
        return True  # python -m copydesk.cli.main
    entry = getattr(main, "main", None)  # the console script pip writes: guarded, calls cli.main.main
    return getattr(entry, "__module__", "") == "copydesk.cli.main"


class LocalExecutor:
    """A pool of worker processes on this machine."""

    name = "local"

    def __init__(self, workers: int | None = None, *, warm_up: Callable[[], None] | None = None) -> None:
        self.workers = resolve_workers(workers)
        self.warm_up = warm_up
        self._pool: Any = None
        self._method: str | None = None  # None: the platform's default start method

    def release(self) -> None:
        """End the workers and what they hold (the models ``warm_up`` loaded): the tasks still to come
        need none of it. Workers started after this are spawned (not forked from this process, which
        now holds the models and the store's threads), so each holds only what its tasks import."""
        self.close()
        self.warm_up = None
        self._method = "spawn" if spawn_is_safe() else None

    def start(self) -> None:
        """Start the worker processes now (before this process opens files or starts threads)."""
        if self.workers > 1:
            self._get_pool()

    def _get_pool(self) -> Any:
        if self._pool is None:
            context = multiprocessing.get_context(self._method)
            if self.warm_up is not None and context.get_start_method() == "fork":
                self.warm_up()  # load models once, before forking, so the workers share them
            self._pool = context.Pool(self.workers, initializer=_init_worker)
        return self._pool

    def map(self, fn: Callable[[T], R], items: Iterable[T], chunksize: int = 1) -> Iterator[R]:
        """Yield ``fn(item)`` for each item, in input order."""
        if self.workers == 1:
            yield from map(fn, items)
            return
        # imap feeds the pool from a background thread; its pipe writes block while the workers are
        # busy, so only a few chunks are in flight and a large input never sits in memory.
        yield from self._get_pool().imap(fn, items, chunksize=max(1, chunksize))

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Yield ``fn(item)`` for each item, as soon as each is done."""
        if self.workers == 1:
            yield from map(fn, items)
            return
        yield from self._get_pool().imap_unordered(fn, items, chunksize=1)

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class RayExecutor:
    """Ray tasks, one per item, on a local Ray instance or on the cluster at ``address``."""

    name = "ray"

    def __init__(self, workers: int | None = None, *, address: str | None = None, **_: Any) -> None:
        try:
            import ray
        except ImportError:
            raise MissingExtra("ray", "ray") from None
        self._ray = ray
        self._started = False
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if address is None:  # a local instance with the CPUs asked for
                kwargs["num_cpus"] = resolve_workers(workers)
            try:
                ray.init(address=address, **kwargs)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise CopydeskError(
                    f"cannot start or reach Ray at {address or 'a local instance'}: {exc}"
                ) from exc
            self._started = True
        self.workers = max(1, int(ray.cluster_resources().get("CPU", 1)))

    def start(self) -> None:
        """Nothing to do: Ray was started (or reached) when this executor was made."""

    def release(self) -> None:
        """Nothing to do: Ray starts, reuses and ends its worker processes itself."""

    def _submit(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[Any, list[Any]]]:
        """Submit tasks with at most two per CPU in flight; yield (ready refs, still running) as they end."""
        remote = self._ray.remote(num_cpus=1, max_retries=2)(fn)
        pending: list[Any] = []
        for item in items:
            pending.append(remote.remote(item))
            if len(pending) >= 2 * self.workers:
                ready, pending = self._ray.wait(pending, num_returns=1)
                yield ready, pending
        while pending:
            ready, pending = self._ray.wait(pending, num_returns=1)
            yield ready, pending

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Yield ``fn(item)`` for each item, as soon as each is done."""
        for ready, _ in self._submit(fn, items):
            yield from self._get(ready)

    def _get(self, refs: Any) -> Any:
        """Ray's results; copydesk's own errors raised in a task come out as themselves."""
        try:
            return self._ray.get(refs)
        except self._ray.exceptions.RayTaskError as exc:
            cause = getattr(exc, "cause", None)
            if isinstance(cause, CopydeskError):
                raise cause from None
            raise

    def map(self, fn: Callable[[T], R], items: Iterable[T], chunksize: int = 1) -> Iterator[R]:
        """Yield ``fn(item)`` for each item, in input order (a bounded window of tasks in flight)."""
        remote = self._ray.remote(num_cpus=1, max_retries=2)(fn)
        window: list[Any] = []
        for item in items:
            window.append(remote.remote(item))
            if len(window) >= 2 * self.workers:
                yield self._get(window.pop(0))
        for ref in window:
            yield self._get(ref)

    def close(self) -> None:
        """Shut down the Ray instance this executor started."""
        if self._started:
            self._ray.shutdown()
            self._started = False

    def __enter__(self) -> RayExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_executor(name: str, workers: int | None = None, **options: Any) -> Executor:
    """Return the executor called ``name`` (``local`` or ``ray``)."""
    if name == "local":
        return LocalExecutor(workers, warm_up=options.get("warm_up"))
    if name == "ray":
        return RayExecutor(workers, address=options.get("address"))
    raise CopydeskError(f"unknown executor {name!r}: use one of {', '.join(EXECUTORS)}")
