"""``copydesk query``: one SQL statement over a store (or a folder of shards), printed as a table."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``query`` command to the ``copydesk`` parser."""
    parser = subparsers.add_parser(
        "query",
        help="run SQL over a corpus store",
        description=(
            "Run one SQL statement over what copydesk run wrote: a DuckDB store, or a folder of shards "
            "(seen through views with the store's tables: articles, lines, boilerplate, quotes, entities, "
            'rejects). Example: copydesk query corpus.duckdb "SELECT speaker, count(*) FROM quotes '
            'GROUP BY 1 ORDER BY 2 DESC LIMIT 10"'
        ),
    )
    parser.add_argument(
        "store", metavar="STORE", help="a .duckdb file written by copydesk run, or its --out DIR"
    )
    parser.add_argument("sql", metavar="SQL", help="the statement to run")
    parser.add_argument(
        "--format", choices=("table", "csv", "jsonl"), default="table", help="output format (default: table)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``copydesk query`` with parsed arguments and return the exit code."""
    from copydesk.serve.reports import open_corpus, query

    con = open_corpus(args.store)
    try:
        columns, rows = query(con, args.sql)
    finally:
        con.close()
    sys.stdout.write(render(columns, rows, args.format))
    return 0


def render(columns: list[str], rows: list[tuple[Any, ...]], fmt: str) -> str:
    """Render a result as a table, CSV or JSON lines."""
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt == "jsonl":
        import orjson

        lines = [orjson.dumps(dict(zip(columns, row, strict=True)), default=str) for row in rows]
        return "".join(line.decode() + "\n" for line in lines)
    from copydesk.cli.display import format_table

    return format_table(columns, rows) if columns else ""
