"""``copydesk report``: named reports over a corpus store (totals, labels, publishers, speakers, rejects)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``report`` command to the ``copydesk`` parser."""
    from copydesk.serve.reports import REPORTS

    names = ", ".join(r.name for r in REPORTS)
    parser = subparsers.add_parser(
        "report",
        help="print named reports about a corpus store",
        description=f"Print reports about what copydesk run wrote ({names}; default: all of them).",
    )
    parser.add_argument(
        "store", metavar="STORE", help="a .duckdb file written by copydesk run, or its --out DIR"
    )
    parser.add_argument("names", metavar="NAME", nargs="*", help=f"reports to print ({names})")
    parser.add_argument("--limit", metavar="N", type=int, default=10, help="rows per report (default: 10)")
    parser.add_argument("--json", action="store_true", help="print the reports as one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``copydesk report`` with parsed arguments and return the exit code."""
    import orjson

    from copydesk.cli.display import format_table
    from copydesk.serve.reports import REPORTS, find_report, open_corpus, run_report

    reports = [find_report(name) for name in args.names] if args.names else list(REPORTS)
    con = open_corpus(args.store)
    try:
        results = [(report, *run_report(con, report, args.limit)) for report in reports]
    finally:
        con.close()
    if args.json:
        data = {r.name: [dict(zip(cols, row, strict=True)) for row in rows] for r, cols, rows in results}
        sys.stdout.buffer.write(orjson.dumps(data, default=str, option=orjson.OPT_INDENT_2) + b"\n")
        return 0
    for report, columns, rows in results:
        sys.stdout.write(f"{report.title}\n\n")
        sys.stdout.write(format_table(columns, rows) if rows else "(none)\n")
        sys.stdout.write("\n")
    return 0
