"""Read what ``copydesk run`` wrote: SQL over a DuckDB store or a folder of shards, and named reports.

:func:`open_corpus` opens a store read-only, or, for a folder of Parquet shards, an in-memory database
whose views (``articles``, ``lines``, ``boilerplate``, ``quotes``, ``entities``, ``rejects``) have the
store's columns, so that the same SQL and reports work on both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copydesk.errors import CopydeskError


@dataclass(slots=True, frozen=True)
class Report:
    """A named question and the SQL that answers it (``$limit`` is the number of rows asked for)."""

    name: str
    title: str
    sql: str


# An article's publisher, or else its url's host (for the duplicate reports).
_PUBLISHER = "coalesce(m.publisher, nullif(regexp_extract(url, '://(?:www\\.)?([^/:]+)', 1), ''), '(none)')"

REPORTS = (
    Report(
        "totals",
        "What the corpus holds",
        "SELECT 'articles' AS what, count(*) AS n FROM articles "
        "UNION ALL SELECT 'rejects', count(*) FROM rejects "
        "UNION ALL SELECT 'quotes', count(*) FROM quotes "
        "UNION ALL SELECT 'entities', count(*) FROM entities",
    ),
    Report(
        "labels",
        "Lines per label",
        "SELECT label, count(*) AS lines, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct "
        "FROM lines GROUP BY label ORDER BY lines DESC",
    ),
    Report(
        "publishers",
        "Articles per publisher",
        "SELECT coalesce(publisher, '(none)') AS publisher, count(*) AS articles, "
        "min(published_date) AS first, max(published_date) AS last FROM articles "
        "GROUP BY 1 ORDER BY articles DESC, publisher LIMIT $limit",
    ),
    Report(
        "speakers",
        "Most quoted speakers",
        "SELECT speaker, count(*) AS quotes, count(DISTINCT key) AS articles FROM quotes "
        "WHERE speaker IS NOT NULL GROUP BY speaker ORDER BY quotes DESC, speaker LIMIT $limit",
    ),
    Report(
        "clusters",
        "Largest clusters of duplicates (by their canonical article)",
        "SELECT coalesce(k.id, k.key) AS canonical, left(any_value(k.title), 60) AS title, "
        f"count(*) AS articles, count(DISTINCT {_PUBLISHER.replace('url', 'm.url')}) AS publishers, "
        "min(m.published_date) AS first, max(m.published_date) AS last "
        "FROM articles m JOIN articles k ON k.key = m.dup_cluster "
        "GROUP BY k.key, k.id ORDER BY articles DESC, canonical LIMIT $limit",
    ),
    Report(
        "duplicates",
        "Share of duplicates per publisher (publisher, else the url's host)",
        f"SELECT {_PUBLISHER} AS publisher, count(*) AS articles, count(m.dup_of) AS duplicates, "
        "round(100.0 * count(m.dup_of) / count(*), 1) AS dup_pct FROM articles m "
        "GROUP BY 1 ORDER BY duplicates DESC, articles DESC, publisher LIMIT $limit",
    ),
    Report(
        "rejects",
        "Rejected inputs by reason",
        "SELECT reason, count(*) AS rejects, any_value(source) AS example FROM rejects "
        "GROUP BY reason ORDER BY rejects DESC, reason",
    ),
)


def open_corpus(path: str | Path) -> Any:
    """A read-only DuckDB connection to a store, or to a folder of shards seen through views."""
    import duckdb

    path = str(path)
    if not os.path.exists(path):
        raise CopydeskError(f"cannot read {path}: No such file or directory")
    if not os.path.isdir(path):
        try:
            return duckdb.connect(path, read_only=True)
        except duckdb.Error as exc:
            raise CopydeskError(f"cannot open {path} as a DuckDB store: {exc}") from exc
    return _folder_views(Path(path))


def _folder_views(folder: Path) -> Any:
    """An in-memory database with the store's tables as views over a folder's shards."""
    import duckdb

    from copydesk.write.duckdb import PROJECTIONS, REJECTS

    con = duckdb.connect()
    sources = {}
    for table in ("articles", "rejects"):
        parquet, jsonl = folder / table / "*.parquet", folder / table / "*.jsonl.gz"
        if any((folder / table).glob("*.parquet")):
            sources[table] = f"read_parquet('{_escape(parquet)}', union_by_name = true)"
        elif any((folder / table).glob("*.jsonl.gz")):
            sources[table] = f"read_json('{_escape(jsonl)}', format = 'newline_delimited')"
    if "articles" not in sources:
        raise CopydeskError(
            f"{folder} holds no articles/*.parquet or articles/*.jsonl.gz: is it a run's output?"
        )
    con.execute(f"CREATE VIEW src AS SELECT * FROM {sources['articles']}")
    for table, projection in PROJECTIONS.items():
        con.execute(f"CREATE VIEW {table} AS {projection.replace('$run', 'NULL')}")
    if "rejects" in sources:
        con.execute(
            f"CREATE VIEW rejects AS {REJECTS.replace('$run', 'NULL').replace('src', sources['rejects'])}"
        )
    else:
        con.execute(
            "CREATE VIEW rejects AS SELECT NULL::VARCHAR AS key, NULL::VARCHAR AS reason, "
            "NULL::VARCHAR AS source, NULL::VARCHAR AS detail WHERE false"
        )
    return con


def _escape(path: Path) -> str:
    return str(path).replace("'", "''")


def query(con: Any, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one SQL statement; return its column names and rows."""
    import duckdb

    try:
        relation = con.sql(sql)
    except duckdb.Error as exc:
        raise CopydeskError(f"the query failed: {exc}") from exc
    if relation is None:  # a statement without a result
        return [], []
    return list(relation.columns), relation.fetchall()


def run_report(con: Any, report: Report, limit: int = 20) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one named report."""
    return query(con, report.sql.replace("$limit", str(int(limit))))


def find_report(name: str) -> Report:
    """The report called ``name``."""
    for report in REPORTS:
        if report.name == name:
            return report
    names = ", ".join(r.name for r in REPORTS)
    raise CopydeskError(f"no report called {name!r}: use one of {names}")
