"""``copydesk quotes``: who said what, for a JSONL corpus of clean article texts.

Reads ``{"id", "text"}`` lines (``text`` is a clean article, paragraphs separated by blank lines) and
writes ``{"id", "quotes", "entities"}`` lines, with quote offsets into ``text`` exactly as given. Lines
that cannot be read go to a rejects file, as with ``copydesk clean``.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from typing import IO, Any


def register(subparsers: Any) -> None:
    """Add the ``quotes`` command to the ``copydesk`` parser."""
    parser = subparsers.add_parser(
        "quotes",
        help="find quotes, speakers and entities in a JSONL corpus of clean texts",
        description=(
            "Find direct and reported quotes, their speakers, and the people, organisations and places "
            "of each article in a JSONL corpus ({id, text} a line; text is clean, paragraphs separated "
            "by blank lines). Writes {id, quotes, entities} a line."
        ),
    )
    parser.add_argument("input", metavar="CORPUS", help="a .jsonl(.gz) corpus, or - for stdin")
    parser.add_argument("-o", "--output", metavar="OUT", default="-", help="where to write (default: stdout)")
    parser.add_argument("--rejects", metavar="PATH", help="unreadable lines (default: OUT.rejects.jsonl)")
    parser.add_argument(
        "--text-field", metavar="NAME", default="text", help="field with the text (default: text)"
    )
    parser.add_argument("--id-field", metavar="NAME", default="id", help="field with the id (default: id)")
    parser.add_argument("--direct-only", action="store_true", help="report direct quotes only")
    parser.add_argument("--no-parser", action="store_true", help="rules only: never run the spaCy parser")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary on stderr")
    parser.set_defaults(handler=run)


@dataclass(slots=True)
class QuotesStats:
    """What a run did."""

    read: int = 0
    written: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    quotes: int = 0
    seconds: float = 0.0

    @property
    def docs_per_second(self) -> float:
        """Documents per second of wall time."""
        return self.read / self.seconds if self.seconds > 0 else 0.0


def attribute_jsonl(
    source: str,
    output: str,
    rejects: str | None,
    *,
    text_field: str = "text",
    id_field: str = "id",
    options: Any = None,
    progress: Any = None,
) -> QuotesStats:
    """Attribute every document of a JSONL corpus; one output line (or reject) per input line."""
    from copydesk.attribute import Attributor
    from copydesk.ingest.jsonl import JsonlOptions, JsonlReader
    from copydesk.record import Reject
    from copydesk.write.jsonl import JsonlWriter, default_rejects_path

    reader = JsonlReader(source, JsonlOptions(text_field=text_field, id_field=id_field))
    if rejects is None:
        default = default_rejects_path(output) if output != "-" else None
        rejects_target: Any = default if default is not None else sys.stderr.buffer
    else:
        rejects_target = rejects
    attributor = Attributor(options)
    attributor.setup()
    stats = QuotesStats()
    start = time.perf_counter()
    with JsonlWriter(output) as records, JsonlWriter(rejects_target) as rejected:
        for item in reader:
            stats.read += 1
            if isinstance(item, Reject):
                rejected.write(item)
                stats.rejected[item.reason] = stats.rejected.get(item.reason, 0) + 1
            else:
                try:
                    quotes, entities = attributor(item.text)
                except Exception as exc:  # one bad document must never stop the run
                    rejected.write(
                        Reject(item.id, "error", f"{type(exc).__name__}: {exc}"[:500], item.source)
                    )
                    stats.rejected["error"] = stats.rejected.get("error", 0) + 1
                    continue
                records.write(
                    {
                        "id": item.id,
                        "quotes": [q.to_dict() for q in quotes],
                        "entities": [e.to_dict() for e in entities],
                    }
                )
                stats.written += 1
                stats.quotes += len(quotes)
            stats.seconds = time.perf_counter() - start
            if progress is not None:
                progress(stats)
    stats.seconds = time.perf_counter() - start
    return stats


def run(args: argparse.Namespace) -> int:
    """Run ``copydesk quotes`` with parsed arguments and return the exit code."""
    from copydesk.attribute import AttributeOptions

    options = AttributeOptions(indirect=not args.direct_only, use_parser=not args.no_parser)
    progress = None if args.quiet or not sys.stderr.isatty() else _Progress(sys.stderr)
    stats = attribute_jsonl(
        args.input,
        args.output,
        args.rejects,
        text_field=args.text_field,
        id_field=args.id_field,
        options=options,
        progress=progress,
    )
    if progress is not None:
        progress.clear()
    if not args.quiet:
        rows = [
            ("read", f"{stats.read:,}"),
            ("written", f"{stats.written:,}"),
            ("rejected", f"{sum(stats.rejected.values()):,}"),
        ]
        rows += [(f"  {reason}", f"{n:,}") for reason, n in sorted(stats.rejected.items())]
        rows += [
            ("quotes", f"{stats.quotes:,}"),
            ("seconds", f"{stats.seconds:.2f}"),
            ("docs/s", f"{stats.docs_per_second:,.1f}"),
        ]
        width = max(len(name) for name, _ in rows)
        sys.stderr.write(f"copydesk quotes: {args.input}\n")
        sys.stderr.write("".join(f"  {name:<{width}}  {value}\n" for name, value in rows))
    return 0


class _Progress:
    """A one-line progress report on a terminal: documents done, quotes found and rate."""

    def __init__(self, stream: IO[str], every: float = 0.2) -> None:
        self.stream = stream
        self.every = every
        self.last = 0.0

    def __call__(self, stats: QuotesStats) -> None:
        now = time.monotonic()
        if now - self.last < self.every:
            return
        self.last = now
        self.stream.write(
            f"\r  {stats.read:,} docs  {stats.quotes:,} quotes  {stats.docs_per_second:,.0f} docs/s\x1b[K"
        )
        self.stream.flush()

    def clear(self) -> None:
        """Erase the progress line."""
        if self.last:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
