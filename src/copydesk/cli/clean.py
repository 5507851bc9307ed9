"""``copydesk clean``: one page to one JSON record, or a JSONL corpus to a JSONL file of records."""

from __future__ import annotations

import argparse
import sys
import time
from typing import IO, Any

#: Input names read as a JSONL corpus when --format is auto.
CORPUS_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


def register(subparsers: Any) -> None:
    """Add the ``clean`` command to the ``copydesk`` parser."""
    parser = subparsers.add_parser(
        "clean",
        help="clean a page (plain text or HTML) or a JSONL corpus into JSON records",
        description=(
            "Clean a scraped page given as plain text or HTML into one JSON record, or a JSONL corpus "
            "(one {id, text, url} object a line; {id, html, url} with --from html) into one record a line. "
            "Names ending in .jsonl or .jsonl.gz, and '-' (standard input), are read as a corpus, and "
            ".html/.htm files as HTML, unless --format says otherwise."
        ),
    )
    parser.add_argument(
        "input", metavar="INPUT", help="a plain-text or HTML page, a .jsonl(.gz) corpus, or - for stdin"
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", default="-", help="where to write (default: - for stdout)"
    )
    parser.add_argument(
        "--format",
        choices=("auto", "text", "html", "jsonl"),
        default="auto",
        help="input format (default: auto)",
    )
    parser.add_argument("--url", help="the page's URL (single page)")
    parser.add_argument("--compact", action="store_true", help="print the record on one line (single page)")
    parser.add_argument(
        "--max-chars",
        metavar="N",
        type=_positive_int,
        default=10_000_000,
        help="reject documents with more characters than this as too_large (default: 10,000,000)",
    )
    corpus = parser.add_argument_group("corpus mode")
    corpus.add_argument(
        "--rejects",
        metavar="PATH",
        help="where rejected lines go (default: OUT.rejects.jsonl; stderr for -o -)",
    )
    corpus.add_argument(
        "--workers", metavar="N", type=int, default=None, help="worker processes (default: one per CPU core)"
    )
    corpus.add_argument(
        "--from",
        dest="source_kind",
        choices=("text", "html"),
        default="text",
        help="what the records hold: plain text (field text) or HTML (field html) (default: text)",
    )
    corpus.add_argument(
        "--text-field",
        metavar="NAME",
        default=None,
        help="JSON field holding the page (default: text, or html with --from html)",
    )
    corpus.add_argument(
        "--id-field", metavar="NAME", default="id", help="JSON field holding the document id (default: id)"
    )
    corpus.add_argument(
        "--url-field", metavar="NAME", default="url", help="JSON field holding the page URL (default: url)"
    )
    corpus.add_argument("--summary-json", metavar="PATH", help="also write the run's summary as JSON to PATH")
    corpus.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary on stderr")
    parser.set_defaults(handler=run)


def _positive_int(value: str) -> int:
    """Parse a positive integer option (underscores allowed: 10_000_000)."""
    try:
        number = int(value.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be above 0: {value!r}")
    return number


def is_corpus(path: str, fmt: str = "auto") -> bool:
    """Tell whether ``path`` is read as a JSONL corpus (rather than as one plain-text page)."""
    if fmt != "auto":
        return fmt == "jsonl"
    return path == "-" or path.lower().endswith(CORPUS_SUFFIXES)


def is_html_page(path: str, fmt: str = "auto") -> bool:
    """Tell whether a single page is read as HTML (by --format, else by its name)."""
    from copydesk.ingest.files import page_kind

    return fmt == "html" or (fmt == "auto" and page_kind(path) == "html")


def run(args: argparse.Namespace) -> int:
    """Run ``copydesk clean`` with parsed arguments and return the exit code."""
    if is_corpus(args.input, args.format):
        return _run_corpus(args)
    return _run_page(args)


def _run_page(args: argparse.Namespace) -> int:
    """Clean one plain-text page and print its record."""
    import orjson

    from copydesk.errors import CopydeskError
    from copydesk.extract import clean_html, clean_text
    from copydesk.ingest.files import read_page_file
    from copydesk.ingest.text import read_text_file
    from copydesk.record import Reject

    if is_html_page(args.input, args.format):
        doc = read_page_file(args.input, html=True, max_chars=args.max_chars)
        if isinstance(doc, Reject):
            raise CopydeskError(f"cannot clean {args.input}: {doc.reason}: {doc.detail}")
        article = clean_html(doc.text, args.url)
    else:
        doc = read_text_file(args.input, url=args.url, max_chars=args.max_chars)
        article = clean_text(doc.text, doc.url)
    option = 0 if args.compact else orjson.OPT_INDENT_2
    data = orjson.dumps(article.to_dict(), option=option) + b"\n"
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            with open(args.output, "wb") as file:
                file.write(data)
        except OSError as exc:
            raise CopydeskError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    return 0


def _run_corpus(args: argparse.Namespace) -> int:
    """Clean a JSONL corpus, then report what happened."""
    import orjson

    from copydesk.errors import CopydeskError
    from copydesk.ingest.jsonl import JsonlOptions
    from copydesk.run.corpus import CorpusOptions, clean_jsonl

    html = args.source_kind == "html"
    read = JsonlOptions(
        text_field=args.text_field or ("html" if html else "text"),
        id_field=args.id_field,
        url_field=args.url_field,
        html=html,
        max_chars=args.max_chars,
    )
    progress = None if args.quiet or not sys.stderr.isatty() else _Progress(sys.stderr)
    try:
        stats = clean_jsonl(
            args.input,
            args.output,
            rejects=args.rejects,
            read=read,
            options=CorpusOptions(workers=args.workers),
            progress=progress,
        )
    finally:
        if progress is not None:
            progress.clear()
    summary = {"input": "<stdin>" if args.input == "-" else args.input, **stats.to_dict()}
    if args.summary_json:
        try:
            with open(args.summary_json, "wb") as file:
                file.write(orjson.dumps(summary, option=orjson.OPT_INDENT_2) + b"\n")
        except OSError as exc:
            raise CopydeskError(f"cannot write {args.summary_json}: {exc.strerror or exc}") from exc
    if not args.quiet:
        sys.stderr.write(format_summary(summary))
    return 0


def format_summary(summary: dict[str, Any]) -> str:
    """Render a run's summary as a short table."""
    rows = [
        ("read", f"{summary['read']:,}"),
        ("written", f"{summary['written']:,}"),
        ("rejected", f"{summary['rejected']:,}"),
    ]
    rows += [(f"  {reason}", f"{count:,}") for reason, count in summary["rejected_by_reason"].items()]
    rows += [
        ("seconds", f"{summary['seconds']:.2f}"),
        ("docs/s", f"{summary['docs_per_second']:,.1f}"),
        ("workers", str(summary["workers"])),
        ("output", str(summary["output"])),
        ("rejects", str(summary["rejects"])),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"copydesk clean: {summary['input']}"]
    lines += [f"  {name:<{width}}  {value}" for name, value in rows]
    return "\n".join(lines) + "\n"


class _Progress:
    """A one-line progress report on a terminal: documents done, rejects, rate and, when known, ETA."""

    def __init__(self, stream: IO[str], every: float = 0.2) -> None:
        self.stream = stream
        self.every = every
        self.last = 0.0

    def __call__(self, stats: Any) -> None:
        now = time.monotonic()
        if now - self.last < self.every:
            return
        self.last = now
        line = (
            f"  {stats.read:,} docs  {stats.total_rejected:,} rejected  {stats.docs_per_second:,.0f} docs/s"
        )
        if stats.fraction:
            remaining = stats.seconds * (1 - stats.fraction) / stats.fraction
            line += f"  {stats.fraction:.0%}  ETA {remaining:,.0f}s"
        self.stream.write(f"\r{line}\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        """Erase the progress line."""
        if self.last:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
