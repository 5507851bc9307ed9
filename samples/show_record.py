"""Print one cleaned record of a JSONL file for a person to read: title, byline, first paragraphs."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections import Counter
from typing import Any


def pick(path: str, wanted: str | None) -> dict[str, Any] | None:
    """Return the record with id ``wanted``, else the first with a title and authors, else the first."""
    best: tuple[int, dict[str, Any]] | None = None
    with open(path, encoding="utf-8") as file:
        for line in file:
            record = json.loads(line)
            if wanted is not None and record.get("id") == wanted:
                return record
            rank = bool(record.get("title")) + bool(record.get("authors"))
            if best is None or rank > best[0]:
                best = (rank, record)
    return None if best is None else best[1]


def show(record: dict[str, Any], paragraphs: int = 3, width: int = 100) -> str:
    """Render ``record`` as a few lines of text."""
    body = record.get("body") or []
    removed = Counter(b["kind"] for b in record.get("boilerplate") or [])
    kinds = ", ".join(f"{kind} {n}" for kind, n in removed.most_common()) or "-"
    out = [
        f"id         {record.get('id')}",
        f"url        {record.get('url')}",
        f"title      {record.get('title') or '-'}",
        f"authors    {', '.join(record.get('authors') or []) or '-'}",
        f"publisher  {record.get('publisher') or '-'}",
        f"published  {record.get('published') or '-'}",
        f"lines      {len(record.get('lines') or [])} in, {len(body)} body paragraphs kept,"
        f" {sum(removed.values())} removed ({kinds})",
        f"body       first {min(paragraphs, len(body))} of {len(body)} paragraphs:",
    ]
    for paragraph in body[:paragraphs]:
        out.append(textwrap.fill(paragraph, width, initial_indent="  ", subsequent_indent="  "))
        out.append("")
    return "\n".join(out)


def main() -> int:
    """Parse the command line and print the chosen record."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", help="a JSONL file written by `copydesk clean`")
    parser.add_argument("--id", help="the record to show (default: the first with a title and authors)")
    parser.add_argument("--paragraphs", type=int, default=3, help="body paragraphs to print")
    args = parser.parse_args()
    record = pick(args.path, args.id)
    if record is None:
        print(f"{args.path} holds no records", file=sys.stderr)
        return 1
    print(show(record, args.paragraphs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
