"""``copydesk run``: a whole corpus, from raw files to a queryable store, resumably."""

from __future__ import annotations

import argparse
import sys
from typing import Any

FORMAT_CHOICES = ("auto", "jsonl", "parquet", "warc", "text", "html")


def register(subparsers: Any) -> None:
    """Add the ``run`` command to the ``copydesk`` parser."""
    parser = subparsers.add_parser(
        "run",
        help="clean a whole corpus (JSONL, Parquet, WARC, folders of pages) into a DuckDB store or shards",
        description=(
            "Clean every document of the inputs (files, folders or glob patterns) into a DuckDB store "
            "(--out corpus.duckdb) or a folder of Parquet or JSONL shards (--out DIR/). A run killed at "
            "any moment continues where it stopped when started again with the same command; running it "
            "twice does not add the same documents twice."
        ),
    )
    parser.add_argument("inputs", metavar="INPUT", nargs="+", help="input files, folders or glob patterns")
    parser.add_argument("--out", required=True, metavar="OUT", help="a .duckdb file, or a folder for shards")
    parser.add_argument(
        "--input-format", choices=FORMAT_CHOICES, default="auto", help="input format (default: from the name)"
    )
    parser.add_argument(
        "--out-format", choices=("parquet", "jsonl"), default="parquet", help="shard format for --out DIR/"
    )
    parser.add_argument("--text-field", metavar="NAME", default="text", help="JSONL/Parquet text field")
    parser.add_argument("--id-field", metavar="NAME", default="id", help="JSONL/Parquet id field")
    parser.add_argument("--url-field", metavar="NAME", default="url", help="JSONL/Parquet url field")
    parser.add_argument(
        "--max-chars", metavar="N", type=int, default=10_000_000, help="reject larger documents (too_large)"
    )
    parser.add_argument("--no-attribute", action="store_true", help="skip quotes and entities (faster)")
    parser.add_argument(
        "--dedup",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="find exact and near-duplicate articles: dup_cluster, dup_of, dup_similarity (default: on)",
    )
    parser.add_argument(
        "--dedup-threshold", metavar="J", type=float, default=0.8, help="near-duplicate Jaccard (default 0.8)"
    )
    parser.add_argument(
        "--workers", metavar="N", type=int, default=None, help="worker processes (default: one per CPU core)"
    )
    parser.add_argument("--executor", choices=("local", "ray"), default="local", help="where to run")
    parser.add_argument("--address", metavar="ADDR", help="Ray cluster address (default: start a local one)")
    parser.add_argument(
        "--shard-docs", metavar="N", type=int, default=1000, help="documents per shard (default: 1000)"
    )
    parser.add_argument("--keep-work", action="store_true", help="keep the Parquet shards beside the store")
    parser.add_argument("--summary-json", metavar="PATH", help="also write the run's summary as JSON to PATH")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary on stderr")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``copydesk run`` with parsed arguments and return the exit code."""
    import orjson

    from copydesk.cli.display import ProgressBar, format_run_summary
    from copydesk.dedup import DedupOptions
    from copydesk.errors import CopydeskError
    from copydesk.extract import CleanOptions
    from copydesk.ingest.jsonl import JsonlOptions
    from copydesk.ingest.shards import ReadOptions
    from copydesk.run.driver import RunOptions, run_corpus

    if args.shard_docs < 1 or args.max_chars < 1:
        raise CopydeskError("--shard-docs and --max-chars must be above 0")
    if not 0.0 < args.dedup_threshold <= 1.0:
        raise CopydeskError("--dedup-threshold must be above 0 and at most 1")
    fields = JsonlOptions(
        text_field=args.text_field, id_field=args.id_field, url_field=args.url_field, max_chars=args.max_chars
    )
    options = RunOptions(
        read=ReadOptions(format=args.input_format, fields=fields, shard_docs=args.shard_docs),
        clean=CleanOptions(attribute=False) if args.no_attribute else None,
        executor=args.executor,
        address=args.address,
        workers=args.workers,
        out_format=args.out_format,
        keep_work=args.keep_work,
        dedup=DedupOptions(threshold=args.dedup_threshold) if args.dedup else None,
    )
    progress = None if args.quiet or not sys.stderr.isatty() else ProgressBar(sys.stderr)
    if progress is not None:
        progress.message("planning shards...")
    try:
        summary = run_corpus(args.inputs, args.out, options, progress=progress).to_dict()
    finally:
        if progress is not None:
            progress.clear()
    data = orjson.dumps(summary, option=orjson.OPT_INDENT_2) + b"\n"
    if args.summary_json:
        try:
            with open(args.summary_json, "wb") as file:
                file.write(data)
        except OSError as exc:
            raise CopydeskError(f"cannot write {args.summary_json}: {exc.strerror or exc}") from exc
    if args.json:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    if not args.quiet:
        sys.stderr.write(format_run_summary(summary))
    return 0
