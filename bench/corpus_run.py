"""Speed and memory of ``copydesk run`` on a large synthetic corpus (see corpus_synth.py), in one run.

Prints, for each corpus size: documents per second per core end to end (``copydesk run`` to a DuckDB
store, startup and loading included) without attribution, with attribution, and with the Ray executor;
the clean step alone (``Cleaner.clean_many`` in batches as a run takes them, no I/O), in one process and
in one process per worker at once (the ceiling for a run on all the cores, and how much of it each run
reaches); and the peak RSS of the whole process tree (driver, workers, Ray's processes).
Targets: >= 200 docs/s/core end to end without attribution; peak RSS under 2 GB and within 10% between
sizes.

    .venv/bin/python bench/corpus_run.py --docs 50000 200000 --attribution-docs 5000 --ray-docs 20000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_synth import synth_docs, write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


class TreeSampler:
    """Sample a process and all its descendants (Ray's daemons and workers too): peak summed RSS, CPU time.

    Finding the descendants reads every process of the machine, so the tree is looked up again only
    every ``refresh`` seconds; the processes known are sampled every ``every`` seconds. (Looking the tree
    up at every sample cost about 2.4% of a core, on the cores the run uses.)"""

    def __init__(self, pid: int, every: float = 0.1, refresh: float = 1.0) -> None:
        self.root = psutil.Process(pid)
        self.every = every
        self.refresh = refresh
        self.peak = 0
        self.cpu: dict[int, float] = {}  # pid -> user + system seconds, last seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        procs: list[psutil.Process] = []
        found = 0.0
        while not self._stop.is_set():
            if time.monotonic() - found >= self.refresh:
                try:
                    procs = [self.root, *self.root.children(recursive=True)]
                except psutil.Error:
                    break
                found = time.monotonic()
            total = 0
            for proc in procs:
                try:
                    with proc.oneshot():
                        total += proc.memory_info().rss
                        times = proc.cpu_times()
                        self.cpu[proc.pid] = times.user + times.system
                except psutil.Error:
                    found = 0.0  # a process ended: look the tree up again
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def stop(self) -> tuple[int, float]:
        """Stop sampling; return (peak RSS in bytes, CPU seconds of every process seen)."""
        self._stop.set()
        self._thread.join()
        return self.peak, sum(self.cpu.values())


def run_cli(inputs: list[Path], out: Path, workers: int, extra: list[str]) -> dict[str, float]:
    """Run ``copydesk run`` in a new process; return its documents, wall and CPU seconds, peak RSS."""
    cmd = [sys.executable, "-m", "copydesk.cli.main", "run", *map(str, inputs), "--out", str(out)]
    cmd += ["--workers", str(workers), "-q", "--json", *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    sampler = TreeSampler(proc.pid)
    out_bytes, err = proc.communicate()
    seconds = time.perf_counter() - start
    peak, cpu = sampler.stop()
    if proc.returncode != 0:
        raise SystemExit(f"copydesk run failed ({proc.returncode}): {err.decode()[-2000:]}")
    summary = json.loads(out_bytes)
    return {"docs": summary["read"], "seconds": seconds, "cpu": cpu, "rss": peak}


def clean_alone(count: int, attribute: bool) -> tuple[float, float]:
    """Wall and CPU seconds of the clean step alone on ``count`` documents, in this process, warmed up."""
    from copydesk.extract import Cleaner, CleanOptions
    from copydesk.steps import Clean

    cleaner = Cleaner(CleanOptions(attribute=attribute))
    cleaner.setup()
    docs = list(synth_docs(count, seed=1))
    size = Clean.batch_size  # in batches, as the run's cleaning step takes them
    cleaner.clean_many([(doc["text"], doc["url"]) for doc in docs[:size]])
    start, cpu = time.perf_counter(), time.process_time()
    for at in range(0, len(docs), size):
        cleaner.clean_many([(doc["text"], doc["url"]) for doc in docs[at : at + size]])
    return time.perf_counter() - start, time.process_time() - cpu


def clean_alone_at_once(count: int, processes: int) -> tuple[float, float]:
    """The clean step alone (no attribution) in ``processes`` processes at once, as a run's workers clean:
    the longest wall time and the summed CPU time. What a run could reach if reading, writing, loading
    and deduplicating cost nothing."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    results = context.Queue()
    procs = [context.Process(target=_clean_alone_into, args=(results, count)) for _ in range(processes)]
    for proc in procs:
        proc.start()
    times = [results.get() for _ in procs]
    for proc in procs:
        proc.join()
    return max(wall for wall, _ in times), sum(cpu for _, cpu in times)


def _clean_alone_into(results: Any, count: int) -> None:
    results.put(clean_alone(count, False))


Row = tuple[str, int, int, float, float, int]  # what, docs, cores, wall s, CPU s, peak RSS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[50_000], help="corpus sizes, end to end")
    parser.add_argument("--attribution-docs", type=int, default=5_000, help="corpus size with attribution")
    parser.add_argument("--ray-docs", type=int, default=10_000, help="corpus size for local vs Ray")
    parser.add_argument("--clean-docs", type=int, default=2_000, help="documents for the clean step alone")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "copydesk-bench")
    parser.add_argument("--skip", nargs="*", default=[], choices=["attribution", "ray", "clean"])
    args = parser.parse_args()
    w = args.workers
    rows: list[Row] = []

    def e2e(label: str, count: int, extra: list[str]) -> None:
        inputs = write_corpus(args.work / f"corpus-{count}", count)
        out = args.work / f"out-{count}.duckdb"
        for path in (out, Path(f"{out}.wal")):
            path.unlink(missing_ok=True)
        r = run_cli(inputs, out, w, extra)
        rows.append((label, int(r["docs"]), w, r["seconds"], r["cpu"], int(r["rss"])))
        print(f"  {label} {count:,}: {r['seconds']:,.1f} s, {r['cpu']:,.1f} CPU s", file=sys.stderr)
        out.unlink(missing_ok=True)

    if "clean" not in args.skip:
        for attribute in (False, True):
            wall, cpu = clean_alone(args.clean_docs, attribute)
            label = f"clean step alone, {'with' if attribute else 'no'} attribution"
            rows.append((label, args.clean_docs, 1, wall, cpu, 0))
        wall, cpu = clean_alone_at_once(args.clean_docs, w)
        rows.append(
            (f"clean step alone, no attribution, {w} processes at once", args.clean_docs * w, w, wall, cpu, 0)
        )
    # The largest size last: the other measurements are in even if it is stopped.
    sizes = sorted(args.docs)
    e2e("run, no attribution", sizes[0], ["--no-attribute"])
    if "attribution" not in args.skip:
        e2e("run, with attribution", args.attribution_docs, [])
    if "ray" not in args.skip:
        if args.ray_docs not in args.docs:
            e2e("run, no attribution", args.ray_docs, ["--no-attribute"])
        e2e("run, no attribution, Ray", args.ray_docs, ["--no-attribute", "--executor", "ray"])
    for count in sizes[1:]:
        e2e("run, no attribution", count, ["--no-attribute"])
    print_table(rows, args.docs, args.ray_docs)
    return 0


def print_table(rows: list[Row], sizes: list[int], ray_docs: int) -> None:
    """Print the results as a markdown table, then the Ray overhead and the RSS spread."""
    print(f"\ncopydesk run on a synthetic corpus ({os.cpu_count()} cores, shared with other jobs)\n")
    print("docs/s/core (wall) = docs / wall seconds / cores used; docs per CPU second counts the CPU time")
    print("of every process of the run (driver, workers, Ray): it leaves out the time other jobs hold the")
    print("cores, though not how much they slow ours (shared caches and memory).\n")
    print(
        "| measurement | docs | cores | wall s | CPU s | docs/s/core (wall) | docs per CPU s | peak RSS MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, docs, cores, wall, cpu, rss in rows:
        memory = f"{rss / 2**20:,.0f}" if rss else "-"
        print(
            f"| {label} | {docs:,} | {cores} | {wall:,.1f} | {cpu:,.1f} | {docs / wall / cores:,.1f} "
            f"| {docs / cpu:,.1f} | {memory} |"
        )
    local = [r for r in rows if r[0] == "run, no attribution" and r[1] == ray_docs]
    ray = [r for r in rows if r[0].endswith("Ray")]
    if local and ray:
        print(
            f"\nRay executor vs local at {ray_docs:,} docs: wall time {ray[0][3] / local[0][3] - 1:+.0%}, "
            f"CPU time {ray[0][4] / local[0][4] - 1:+.0%}, peak RSS {ray[0][5] / local[0][5] - 1:+.0%}"
        )
    ceiling = [r for r in rows if r[0].endswith("processes at once")]
    runs = [r for r in rows if r[0] == "run, no attribution" and r[1] in sizes]
    if ceiling and runs:
        top = ceiling[0][1] / ceiling[0][3] / ceiling[0][2]
        shares = ", ".join(f"{r[1]:,}: {r[1] / r[3] / r[2] / top:.0%}" for r in runs)
        print(f"Runs against the clean step alone on every core ({top:,.1f} docs/s/core): {shares}")
    by_size = [r for r in rows if r[0] == "run, no attribution" and r[1] in sizes]
    if len(by_size) > 1:
        low, high = min(r[5] for r in by_size), max(r[5] for r in by_size)
        listed = ", ".join(f"{r[1]:,}: {r[5] / 2**20:,.0f} MB" for r in by_size)
        print(f"Peak RSS by corpus size ({listed}): spread {high / low - 1:+.1%}")


if __name__ == "__main__":
    sys.exit(main())
