"""The embedded store: a DuckDB file with typed tables, loaded from Parquet shards one transaction each.

Tables (``key`` is the document key, input fingerprint and position, shared by all of them):

- ``articles``: one row per article: the record's scalar and list fields (title, authors, publisher,
  published, body, captions...), ``published_date`` (DATE, when ``published`` starts with one),
  ``n_lines``, ``n_quotes``, ``n_entities``, and provenance (``input``, ``source``, ``position``, ``run_id``)
- ``lines``: one row per non-blank input line: ``key, line, label, kind, score`` (texts are in articles
  and boilerplate; blank lines, a third of a page, say nothing and are left out)
- ``boilerplate``: one row per removed line: ``key, line, kind, text``
- ``quotes``: ``key, quote`` (its number in the article) and the quote's fields (``speaker``, ``text``...)
- ``entities``: ``key, entity`` and the entity's fields (``name``, ``label``, ``mentions``...)
- ``rejects``: one row per rejected input, with ``reason``, ``detail`` and ``source``
- ``runs``: one row per ``copydesk run``: inputs, options, counts, status
- ``shards``: the shards loaded, so that a run started again skips them

Loading a shard inserts only the keys the store does not hold yet, and records the shard, in one
transaction: a kill at any moment leaves the shard loaded or not, and a second run over the same input
adds nothing. Columns are derived from the Parquet rows (and so from :mod:`copydesk.record`); a field
added there is added to the table when first loaded.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import orjson

from copydesk.errors import CopydeskError
from copydesk.write.parquet import article_schema, reject_schema

_NESTED = "lines, boilerplate, quotes, entities"
# Each table's rows, selected from a relation `src` of article rows (or reject rows for rejects).
PROJECTIONS = {
    "articles": (
        f"SELECT * EXCLUDE ({_NESTED}), TRY_CAST(substr(published, 1, 10) AS DATE) AS published_date, "
        "len(lines) AS n_lines, len(quotes) AS n_quotes, len(entities) AS n_entities, "
        "CAST($run AS VARCHAR) AS run_id FROM src"
    ),
    "lines": (
        "SELECT key, l.index AS line, l.label, l.kind, CAST(l.score AS FLOAT) AS score "
        "FROM (SELECT key, unnest(lines) AS l FROM src) WHERE l.label <> 'blank'"
    ),
    "boilerplate": "SELECT key, b.line, b.kind, b.text FROM (SELECT key, unnest(boilerplate) AS b FROM src)",
    "quotes": (
        "SELECT key, CAST(n AS INTEGER) AS quote, q.* "
        "FROM (SELECT key, generate_subscripts(quotes, 1) - 1 AS n, unnest(quotes) AS q FROM src)"
    ),
    "entities": (
        "SELECT key, CAST(n AS INTEGER) AS entity, e.* "
        "FROM (SELECT key, generate_subscripts(entities, 1) - 1 AS n, unnest(entities) AS e FROM src)"
    ),
}
REJECTS = "SELECT *, CAST($run AS VARCHAR) AS run_id FROM src"
INDEXES = (
    ("articles_key", "articles", "key", True),
    ("articles_id", "articles", "id", False),
    ("articles_publisher", "articles", "publisher", False),
    ("articles_published_date", "articles", "published_date", False),
    ("quotes_key", "quotes", "key", False),
    ("quotes_speaker", "quotes", "speaker", False),
    ("entities_key", "entities", "key", False),
    ("entities_name", "entities", "name", False),
    ("rejects_key", "rejects", "key", True),
    ("rejects_reason", "rejects", "reason", False),
)
_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP, status VARCHAR,
    inputs VARCHAR[], options JSON, executor VARCHAR, workers INTEGER,
    read BIGINT, written BIGINT, rejected BIGINT, skipped BIGINT, seconds DOUBLE, version VARCHAR);
CREATE TABLE IF NOT EXISTS shards (
    shard_id VARCHAR PRIMARY KEY, run_id VARCHAR, input VARCHAR, summary JSON, loaded TIMESTAMP);
"""


def _quote(path: str | Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _stage(con: Any, path: str, table: str) -> None:
    """Make src a view of the rows of a Parquet file whose keys ``table`` does not hold yet (in file
    order, which is input order: the store runs on one thread and keeps insertion order).

    The keys already held are looked up once, probing the table with the file's keys (a scan, not a
    hash table of every stored key); each projection then reads only its own columns of the file,
    rather than all of them being copied into a temporary table first."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE src_held AS SELECT key FROM {table} "
        f"WHERE key IN (SELECT key FROM read_parquet({_quote(path)}))"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW src AS SELECT * FROM read_parquet({_quote(path)}) "
        "WHERE key NOT IN (SELECT key FROM src_held)"
    )


class Store:
    """A copydesk DuckDB store: open it, load shards into it, and record runs."""

    def __init__(
        self, path: str | Path, *, read_only: bool = False, memory_limit: str = "128MB", threads: int = 1
    ) -> None:
        import duckdb

        self.path = str(path)
        try:
            if not read_only:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(self.path, read_only=read_only)
        except (OSError, duckdb.Error) as exc:
            raise CopydeskError(f"cannot open {self.path}: {exc}") from exc
        self.con.execute(f"SET memory_limit = '{memory_limit}'")
        # One thread: loading a shard is small work, and the cores are busy cleaning the next ones.
        self.con.execute(f"SET threads = {threads}")
        if not read_only:
            self._create()

    def _create(self) -> None:
        """Create the tables and indexes that do not exist yet, or the columns they lack."""
        import pyarrow as pa

        con = self.con
        con.execute(_BOOKKEEPING)
        sources = {"articles": article_schema(), "rejects": reject_schema()}
        for table, projection in [*PROJECTIONS.items(), ("rejects", REJECTS)]:
            empty = pa.Table.from_pylist([], schema=sources.get(table, article_schema()))
            con.register("src", empty)
            relation = con.sql(projection.replace("$run", "NULL"))
            con.execute(f"CREATE TABLE IF NOT EXISTS {table} AS SELECT * FROM relation LIMIT 0")
            have = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
            for name, dtype in zip(relation.columns, relation.types, strict=True):
                if name not in have:  # a field added to the record since the store was made
                    con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {dtype}')
            con.unregister("src")
        for name, table, column, unique in INDEXES:
            kind = "UNIQUE INDEX" if unique else "INDEX"
            con.execute(f"CREATE {kind} IF NOT EXISTS {name} ON {table} ({column})")

    def loaded_shards(self) -> dict[str, dict[str, Any]]:
        """The shards already in the store, with their summaries."""
        rows = self.con.execute("SELECT shard_id, summary FROM shards").fetchall()
        return {shard_id: orjson.loads(summary) for shard_id, summary in rows}

    def load_shard(self, shard_id: str, files: dict[str, str], summary: dict[str, Any], run_id: str) -> int:
        """Load one shard's Parquet files in one transaction; return the articles added."""
        return self.load_shards([(shard_id, files, summary)], run_id)

    def load_shards(self, shards: list[tuple[str, dict[str, str], dict[str, Any]]], run_id: str) -> int:
        """Load several shards (id, Parquet files by table, summary) in one transaction; return the
        articles added. A commit costs more than the inserts it ends, and more as the store grows, so a
        run loads a few shards at a time (:data:`copydesk.run.driver.LOAD_GROUP_SHARDS`)."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            added = sum(self._insert_shard(*shard, run_id) for shard in shards)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return added

    def _insert_shard(
        self, shard_id: str, files: dict[str, str], summary: dict[str, Any], run_id: str
    ) -> int:
        con = self.con
        added = 0
        if "articles" in files:
            _stage(con, files["articles"], "articles")
            for table, projection in PROJECTIONS.items():
                sql = projection.replace("$run", _quote(run_id))
                inserted = con.execute(f"INSERT INTO {table} BY NAME {sql}").fetchall()[0][0]
                added = inserted if table == "articles" else added
        if "rejects" in files:
            _stage(con, files["rejects"], "rejects")
            con.execute(f"INSERT INTO rejects BY NAME {REJECTS.replace('$run', _quote(run_id))}")
        con.execute("DROP VIEW IF EXISTS src")
        con.execute("DROP TABLE IF EXISTS src_held")
        con.execute(
            "INSERT OR REPLACE INTO shards VALUES (?, ?, ?, ?, now())",
            [shard_id, run_id, summary.get("input"), orjson.dumps(summary).decode()],
        )
        return int(added)

    def begin_run(
        self, run_id: str, inputs: list[str], options: dict[str, Any], executor: str, workers: int
    ) -> None:
        """Record the start of a run. Only one process can write a store, so a run still marked
        ``running`` was killed before it could say so: it is marked ``interrupted``."""
        from copydesk import __version__

        self.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        self.con.execute(
            "INSERT INTO runs (run_id, started, status, inputs, options, executor, workers, version) "
            "VALUES (?, now(), 'running', ?, ?, ?, ?, ?)",
            [run_id, inputs, orjson.dumps(options).decode(), executor, workers, __version__],
        )

    def finish_run(self, run_id: str, summary: dict[str, Any], status: str = "completed") -> None:
        """Record the end of a run and its counts."""
        self.con.execute(
            "UPDATE runs SET finished = now(), status = ?, read = ?, written = ?, rejected = ?, skipped = ?, "
            "seconds = ? WHERE run_id = ?",
            [
                status,
                summary.get("read"),
                summary.get("written"),
                summary.get("rejected"),
                summary.get("skipped"),
                summary.get("seconds"),
                run_id,
            ],
        )

    def counts(self) -> dict[str, int]:
        """Rows in each table."""
        tables = [*PROJECTIONS, "rejects", "runs", "shards"]
        return {t: int(self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in tables}

    def close(self) -> None:
        """Checkpoint and close the file."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def new_run_id() -> str:
    """A run id: the start time, readable and sortable."""
    return time.strftime("%Y%m%dT%H%M%S") + f"-{int(time.time() * 1000) % 1000:03d}"
