"""Where the deduplication stage finds its data: a folder of Parquet shards, or a DuckDB store.

Both sources number the corpus's documents ``0..rows-1`` and offer the same methods to
:func:`~copydesk.run.dedup_stage.dedup_corpus`: ``prepare``, ``band_files`` (Parquet files with
``exact``, the band columns and, for a store, ``pending``), ``fetch`` (keys, ids, dates, lengths and
signatures of given rows), ``bodies`` (bodies and signatures of given rows, for verification: read from
a :class:`~copydesk.run.dedup_bodies.BodyFile` made on first use), ``previous`` (pairs of rows already
clustered), ``pending_rows``, ``write`` and ``close``.

- :class:`FolderSource`: each shard's signature file sits in ``OUT/_copydesk/dedup/``; a shard without
  one (written by a run without ``--dedup``) is sketched by a task. Every run deduplicates the whole
  folder again from the stored signatures (none is recomputed) and rewrites the article shards.
- :class:`StoreSource`: signatures and band keys live in the store's ``dedup_signatures`` table, with a
  ``pending`` flag for the documents not deduplicated yet. A run compares its new documents with each
  other and with the stored ones, never two stored ones again, and updates the clusters they join.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from copydesk.dedup.finder import Assignment, DedupOptions, Sketcher
from copydesk.dedup.step import (
    SIGNATURE_DIR,
    band_column,
    signature_path,
    sketch_articles,
    write_signatures,
)
from copydesk.errors import CopydeskError
from copydesk.record import Article
from copydesk.run.dedup_bodies import BodyFile

_META = ("exact", "signature", "key", "id", "date", "length")
_BODY_BATCH = 2048  # rows a batch when the body file is made from the store


@dataclass(slots=True)
class Fetched:
    """What the stage needs of some documents, in the order of the rows asked for."""

    keys: list[str]
    ids: list[str | None]
    dates: np.ndarray
    lengths: np.ndarray
    exact: np.ndarray
    signatures: np.ndarray


def _fetched(table: Any, permutations: int) -> Fetched:
    """A :class:`Fetched` from an Arrow table with the signature files' columns."""
    return Fetched(
        table.column("key").to_pylist(),
        table.column("id").to_pylist(),
        table.column("date").to_numpy().astype(np.int64),
        table.column("length").to_numpy().astype(np.int64),
        table.column("exact").to_numpy().astype(np.uint64),
        _signature_matrix(table.column("signature"), permutations),
    )


def _signature_matrix(column: Any, permutations: int) -> np.ndarray:
    """The signatures of a binary Arrow column as a ``(rows, permutations)`` uint32 matrix, read from the
    column's data buffer (no Python bytes object per row)."""
    import pyarrow as pa

    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    width = permutations * 4
    if not len(array):
        return np.zeros((0, permutations), dtype=np.uint32)
    if pa.types.is_fixed_size_binary(array.type):
        data = array.buffers()[1]
        start, end = array.offset * width, (array.offset + len(array)) * width
    else:  # a variable-size binary column (DuckDB BLOB): every value has the same width
        array = array.cast(pa.large_binary()) if pa.types.is_binary(array.type) else array
        _, offsets, data = array.buffers()
        bounds = np.frombuffer(offsets, dtype=np.int64)[array.offset : array.offset + len(array) + 1]
        start, end = int(bounds[0]), int(bounds[-1])
        if end - start != width * len(array):
            raise ValueError("signatures of unequal widths")
    raw = np.frombuffer(data, dtype=np.uint8)[start:end]
    return raw.view(np.uint32).reshape(len(array), permutations)


def _fields(keys: list[str], result: Assignment) -> dict[str, tuple[Any, Any, Any]]:
    return {
        k: (c, d, s)
        for k, c, d, s in zip(keys, result.cluster, result.dup_of, result.similarity, strict=True)
    }


@dataclass(slots=True, frozen=True)
class SignFile:
    """Sketch the articles of one Parquet shard into its signature file."""

    articles: str
    out: str
    options: DedupOptions


def sign_file(task: SignFile) -> str:
    """Write the signature file of a shard written without one; return its path."""
    import pyarrow.parquet as pq

    table = pq.read_table(task.articles, columns=["key", "id", "published", "body"])
    rows = table.to_pylist()
    articles = [Article(id=r["id"], published=r["published"], body=r["body"] or []) for r in rows]
    write_signatures(
        Path(task.out), sketch_articles([r["key"] for r in rows], articles, Sketcher(task.options))
    )
    return task.out


@dataclass(slots=True, frozen=True)
class Rewrite:
    """Set the duplicate fields of one Parquet shard's articles (None for those not in a cluster)."""

    articles: str
    fields: dict[str, tuple[Any, Any, Any]]


def rewrite_file(task: Rewrite) -> int:
    """Rewrite one article shard with its duplicate fields, atomically; return the rows in clusters."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(task.articles)
    values = [task.fields.get(k, (None, None, None)) for k in table.column("key").to_pylist()]
    for i, name in enumerate(("dup_cluster", "dup_of", "dup_similarity")):
        kind = pa.float64() if name == "dup_similarity" else pa.string()
        column = pa.array([v[i] for v in values], kind)
        at = table.schema.get_field_index(name)
        table = table.set_column(at, name, column) if at >= 0 else table.append_column(name, column)
    tmp = f"{task.articles}.{os.getpid()}.tmp"
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, task.articles)
    return sum(v[0] is not None for v in values)


class _BodySource:
    """What both sources share: the body file of verification, made on first use and removed by
    :meth:`close`. A source says where it lives (``body_folder``) and writes it (``_fill_bodies``)."""

    rows: int
    options: DedupOptions
    body_folder: Path
    _bodies: BodyFile | None = None

    def _fill_bodies(self, found: BodyFile) -> None:
        raise NotImplementedError

    def bodies(self, rows: np.ndarray) -> tuple[list[str], np.ndarray]:
        """The bodies and signatures of the given rows, from the body file (made on the first call)."""
        return self._body_file().read(rows)

    def signatures(self, rows: np.ndarray) -> np.ndarray:
        """The signatures of the given rows, from the body file (made on the first call)."""
        return self._body_file().signatures(rows)

    def _body_file(self) -> BodyFile:
        if self._bodies is None:
            found = BodyFile(self.body_folder, self.rows, self.options.permutations)
            with found.writing():
                self._fill_bodies(found)
            self._bodies = found
        return self._bodies

    def close(self) -> None:
        """Remove the body file."""
        if self._bodies is not None:
            self._bodies.remove()
            self._bodies = None


class FolderSource(_BodySource):
    """The documents of an output folder of Parquet shards."""

    has_pending = False

    def __init__(self, out_dir: str | Path, options: DedupOptions) -> None:
        self.out = Path(out_dir)
        self.options = options
        self.shards: list[tuple[Path, Path]] = []  # (articles, signatures)
        self.starts = np.zeros(1, dtype=np.int64)
        self.rows = 0
        self._fields: dict[str, tuple[Any, Any, Any]] = {}
        self.body_folder = self.out.joinpath(*SIGNATURE_DIR)

    def prepare(self, executor: Any) -> None:
        """Find the shards, and sketch those without a signature file."""
        if any((self.out / "articles").glob("*.jsonl.gz")):
            raise CopydeskError("--dedup needs Parquet shards: use --out-format parquet, or --no-dedup")
        for path in sorted((self.out / "articles").glob("part-*.parquet")):
            shard_id = path.name[len("part-") : -len(".parquet")]
            self.shards.append((path, signature_path(self.out, shard_id)))
        todo = [SignFile(str(a), str(s), self.options) for a, s in self.shards if not s.exists()]
        for _ in executor.map_unordered(sign_file, todo):
            pass
        import pyarrow.parquet as pq

        counts = [pq.ParquetFile(s).metadata.num_rows for _, s in self.shards]
        self.starts = np.concatenate([[0], np.cumsum(counts, dtype=np.int64)])
        self.rows = int(self.starts[-1])

    def band_files(self) -> list[str]:
        """The signature files, in row order."""
        return [str(s) for _, s in self.shards]

    def pending_rows(self) -> np.ndarray:
        """Every document: a folder is deduplicated whole each time."""
        return np.arange(self.rows, dtype=np.int64)

    def previous(self) -> tuple[np.ndarray, np.ndarray]:
        """No clusters are carried over."""
        return np.zeros(0, np.int64), np.zeros(0, np.int64)

    def fetch(self, rows: np.ndarray) -> Fetched:
        """The signature columns of the given rows (sorted)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        which = np.searchsorted(self.starts, rows, side="right") - 1
        tables = []
        for f in np.unique(which).tolist():
            local = rows[which == f] - self.starts[f]
            tables.append(pq.read_table(self.shards[f][1], columns=list(_META)).take(local))
        return _fetched(pa.concat_tables(tables), self.options.permutations)

    def _fill_bodies(self, found: BodyFile) -> None:
        """Write every document's body and signature into the body file, shard by shard."""
        import pyarrow.parquet as pq

        for f, (articles, signatures) in enumerate(self.shards):
            numbers = np.arange(self.starts[f], self.starts[f + 1], dtype=np.int64)
            column = pq.read_table(signatures, columns=["signature"]).column("signature")
            found.add_signatures(numbers, _signature_matrix(column, self.options.permutations))
            found.add_bodies(numbers, pq.read_table(articles, columns=["body"]).column("body"))

    def write(self, keys: list[str], result: Assignment) -> int:
        """Keep a batch's fields for :meth:`finish` (a shard is rewritten once, with all of them)."""
        self._fields.update(_fields(keys, result))
        return 0

    def finish(self, executor: Any) -> int:
        """Rewrite every article shard with its documents' fields; return the rows in clusters."""
        import pyarrow.parquet as pq

        tasks = []
        for articles, signatures in self.shards:
            shard_keys = pq.read_table(signatures, columns=["key"]).column("key").to_pylist()
            fields = {k: self._fields[k] for k in shard_keys if k in self._fields}
            tasks.append(Rewrite(str(articles), fields))
        return sum(executor.map_unordered(rewrite_file, tasks))


class StoreSource(_BodySource):
    """The documents of a DuckDB store, with their signatures in the ``dedup_signatures`` table."""

    has_pending = True

    def __init__(self, con: Any, work: str | Path, options: DedupOptions) -> None:
        self.con = con
        self.work = Path(work)
        self.options = options
        self.rows = 0
        self.bands_file = self.work.joinpath(*SIGNATURE_DIR, "bands.parquet")
        self.body_folder = self.work.joinpath(*SIGNATURE_DIR)

    def _create(self) -> None:
        bands = ", ".join(f"{band_column(b)} UBIGINT" for b in range(self.options.bands))
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS dedup_signatures (key VARCHAR PRIMARY KEY, id VARCHAR, date INTEGER, "
            f"length BIGINT, exact UBIGINT, signature BLOB, {bands}, pending BOOLEAN)"
        )
        self.con.execute("CREATE TABLE IF NOT EXISTS dedup_meta (name VARCHAR PRIMARY KEY, value VARCHAR)")
        o = self.options
        setting = f"shingle_words={o.shingle_words} permutations={o.permutations} bands={o.bands} "
        setting += f"rows={o.rows} seed={o.seed}"
        found = self.con.execute("SELECT value FROM dedup_meta WHERE name = 'sketch'").fetchall()
        if found and found[0][0] != setting:
            raise CopydeskError(
                f"the store's signatures were made with {found[0][0]}, not {setting}: "
                "run with the same dedup options, or into a new store"
            )
        self.con.execute("INSERT OR REPLACE INTO dedup_meta VALUES ('sketch', ?)", [setting])

    def prepare(self, executor: Any) -> None:
        """Take in the shards' signature files, sketch stored articles without one, export the bands."""
        self._create()
        con = self.con
        # One shard's file at a time: memory does not grow with the corpus.
        for file in sorted(self.work.joinpath(*SIGNATURE_DIR).glob("sig-*.parquet")):
            path = str(file).replace("'", "''")
            con.execute(
                f"INSERT INTO dedup_signatures SELECT DISTINCT ON (key) *, true AS pending "
                f"FROM read_parquet('{path}') WHERE key IN (SELECT key FROM articles) "
                "AND key NOT IN (SELECT key FROM dedup_signatures)"
            )
        self._sketch_missing()
        con.execute(
            "CREATE OR REPLACE TEMP TABLE dedup_rows AS "
            "SELECT key, CAST(row_number() OVER (ORDER BY key) - 1 AS BIGINT) AS row FROM dedup_signatures"
        )
        columns = ", ".join(
            ["s.exact", "s.pending"] + [f"s.{band_column(b)}" for b in range(self.options.bands)]
        )
        self.bands_file.parent.mkdir(parents=True, exist_ok=True)
        path = str(self.bands_file).replace("'", "''")
        con.execute(
            f"COPY (SELECT {columns} FROM dedup_signatures s JOIN dedup_rows r USING (key) ORDER BY r.row) "
            f"TO '{path}' (FORMAT parquet)"
        )
        self.rows = int(con.execute("SELECT count(*) FROM dedup_rows").fetchall()[0][0])

    def _sketch_missing(self) -> None:
        """Sketch the stored articles that have no signature (a store made before or without dedup)."""
        sketcher = Sketcher(self.options)
        con = self.con
        con.execute(
            "CREATE OR REPLACE TEMP TABLE dedup_missing AS SELECT key, id, published, body FROM articles "
            "WHERE key NOT IN (SELECT key FROM dedup_signatures)"
        )
        missing = int(con.execute("SELECT count(*) FROM dedup_missing").fetchall()[0][0])
        for offset in range(0, missing, self.options.batch):
            rows = (
                con.sql(
                    f"SELECT * FROM dedup_missing ORDER BY key LIMIT {self.options.batch} OFFSET {offset}"
                )
                .to_arrow_table()
                .to_pylist()
            )
            articles = [Article(id=r["id"], published=r["published"], body=r["body"] or []) for r in rows]
            table = sketch_articles([r["key"] for r in rows], articles, sketcher)
            con.register("dedup_new", table)
            con.execute("INSERT INTO dedup_signatures SELECT *, true AS pending FROM dedup_new")
            con.unregister("dedup_new")
        con.execute("DROP TABLE dedup_missing")

    def band_files(self) -> list[str]:
        """The exported band keys, in row order."""
        return [str(self.bands_file)]

    def pending_rows(self) -> np.ndarray:
        """The rows not deduplicated yet."""
        rows = self.con.execute(
            "SELECT r.row FROM dedup_rows r JOIN dedup_signatures s USING (key) "
            "WHERE s.pending ORDER BY r.row"
        ).fetchnumpy()["row"]
        return np.asarray(rows, dtype=np.int64)

    def previous(self) -> tuple[np.ndarray, np.ndarray]:
        """Pairs (member, canonical member) of the clusters already in the store."""
        found = self.con.execute(
            "SELECT m.row AS a, c.row AS b FROM articles x JOIN dedup_rows m ON x.key = m.key "
            "JOIN dedup_rows c ON x.dup_cluster = c.key "
            "WHERE x.dup_cluster IS NOT NULL AND x.dup_cluster <> x.key"
        ).fetchnumpy()
        return np.asarray(found["a"], np.int64), np.asarray(found["b"], np.int64)

    def fetch(self, rows: np.ndarray) -> Fetched:
        """The signature columns of the given rows (sorted)."""
        import pyarrow as pa

        self.con.register("dedup_wanted", pa.table({"row": pa.array(rows, pa.int64())}))
        table = self.con.sql(
            "SELECT s.key, s.id, s.date, s.length, s.exact, s.signature FROM dedup_wanted w "
            "JOIN dedup_rows r ON r.row = w.row JOIN dedup_signatures s ON s.key = r.key ORDER BY r.row"
        ).to_arrow_table()
        self.con.unregister("dedup_wanted")
        return _fetched(table, self.options.permutations)

    def _fill_bodies(self, found: BodyFile) -> None:
        """Write every document's body and signature into the body file: one pass over the store's
        signatures and one over its articles."""
        signatures = self.con.sql(
            "SELECT r.row, s.signature FROM dedup_signatures s JOIN dedup_rows r USING (key)"
        ).to_arrow_reader(_BODY_BATCH)
        for batch in signatures:
            found.add_signatures(
                batch.column("row").to_numpy(),
                _signature_matrix(batch.column("signature"), self.options.permutations),
            )
        bodies = self.con.sql(
            "SELECT r.row, a.body FROM articles a JOIN dedup_rows r USING (key)"
        ).to_arrow_reader(_BODY_BATCH)
        for batch in bodies:
            found.add_bodies(batch.column("row").to_numpy(), batch.column("body"))

    def write(self, keys: list[str], result: Assignment) -> int:
        """Update the articles of a batch of changed clusters; return how many."""
        import pyarrow as pa

        if not keys:
            return 0
        update = pa.table(
            {
                "key": pa.array(keys, pa.string()),
                "dup_cluster": pa.array(result.cluster, pa.string()),
                "dup_of": pa.array(result.dup_of, pa.string()),
                "dup_similarity": pa.array(result.similarity, pa.float64()),
            }
        )
        self.con.register("dedup_update", update)
        try:
            self.con.execute(
                "UPDATE articles SET dup_cluster = u.dup_cluster, dup_of = u.dup_of, "
                "dup_similarity = u.dup_similarity FROM dedup_update u WHERE articles.key = u.key"
            )
        finally:
            self.con.unregister("dedup_update")
        return len(keys)

    def finish(self, executor: Any) -> int:
        """Mark every pending document done. Batches written before a kill are written again by the
        next run (the documents are still pending), with the same values."""
        self.con.execute("UPDATE dedup_signatures SET pending = false WHERE pending")
        return 0
