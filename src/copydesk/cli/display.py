"""What the corpus commands show a person: a progress bar with rate and ETA, and plain text tables.

Not a command (it is not in :data:`copydesk.cli.main.COMMANDS`): helpers for ``run``, ``query`` and
``report``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import IO, Any


class ProgressBar:
    """A one-line bar on a terminal: documents done of expected, documents per second, ETA, rejects."""

    def __init__(self, stream: IO[str], every: float = 0.2, width: int = 24) -> None:
        self.stream = stream
        self.every = every
        self.width = width
        self.last = 0.0
        self.started = time.monotonic()
        self.shown = False

    def message(self, text: str) -> None:
        """Show a line of status (such as 'planning')."""
        self.stream.write(f"\r{text}\x1b[K")
        self.stream.flush()
        self.shown = True

    def __call__(self, summary: Any) -> None:
        """Redraw the bar from a run summary (at most every ``every`` seconds)."""
        now = time.monotonic()
        done = summary.shards_done == summary.shards
        if now - self.last < self.every and not done:
            return
        self.last = now
        total = max(summary.expected, summary.read, 1)
        fraction = min(1.0, summary.read / total)
        filled = int(fraction * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        rate = summary.docs_per_second
        line = f"[{bar}] {fraction:4.0%}  {summary.read:,}/{total:,} docs  {rate:,.0f} docs/s"
        remaining = total - summary.read
        if rate > 0 and remaining > 0:
            line += f"  ETA {_duration(remaining / rate)}"
        if summary.total_rejected:
            line += f"  {summary.total_rejected:,} rejected"
        self.message(line)

    def clear(self) -> None:
        """Erase the bar."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 60) -> str:
    """Render rows as an aligned text table (numbers to the right), one line per row."""
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    widths = [len(c) for c in columns]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    numeric = [
        all(isinstance(row[i], int | float) or row[i] is None for row in rows) for i in range(len(columns))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out = [line(list(columns)), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    return "\n".join(out) + "\n"


def _cell(value: Any, max_width: int) -> str:
    if value is None:
        text = ""
    elif isinstance(value, float):
        text = f"{value:,.2f}"
    elif isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:,}"
    else:
        text = str(value).replace("\n", " ")
    return text if len(text) <= max_width else text[: max_width - 1] + "…"


def format_run_summary(summary: dict[str, Any]) -> str:
    """Render a run's summary as a short table."""
    rows: list[tuple[str, str]] = [
        ("read", f"{summary['read']:,}"),
        ("written", f"{summary['written']:,}"),
        ("rejected", f"{summary['rejected']:,}"),
    ]
    rows += [(f"  {reason}", f"{n:,}") for reason, n in summary["rejected_by_reason"].items()]
    if summary["skipped"]:
        rows.append(("skipped (not documents)", f"{summary['skipped']:,}"))
        rows += [(f"  {reason}", f"{n:,}") for reason, n in summary["skipped_by_reason"].items()]
    dedup = summary.get("dedup")
    if dedup:
        rows.append(("duplicates", f"{dedup['duplicates']:,} in {dedup['clusters']:,} clusters (changed)"))
    resumed = f" ({summary['shards_resumed']:,} done before)" if summary["shards_resumed"] else ""
    rows += [
        ("shards", f"{summary['shards']:,}{resumed}"),
        ("seconds", f"{summary['seconds']:.2f}"),
        ("docs/s", f"{summary['docs_per_second']:,.1f}"),
        ("workers", f"{summary['workers']} ({summary['executor']})"),
        ("output", str(summary["output"])),
    ]
    width = max(len(name) for name, _ in rows)
    inputs = summary["inputs"]
    head = inputs[0] if len(inputs) == 1 else f"{len(inputs)} inputs"
    lines = [f"copydesk run: {head}"] + [f"  {name:<{width}}  {value}" for name, value in rows]
    return "\n".join(lines) + "\n"
