"""Sharded output that survives a kill: each shard's files appear whole, or not at all.

Layout of an output folder (``copydesk run ... --out DIR/``, or the work folder beside a DuckDB store)::

    DIR/articles/part-<shard>.parquet     one row per article (or .jsonl.gz)
    DIR/rejects/part-<shard>.parquet      one row per reject (only for shards that have some)
    DIR/_copydesk/done/<shard>.json       the shard's summary: written last, it marks the shard done
    DIR/_copydesk/tmp/                    files being written

A :class:`ShardWriter` writes into ``_copydesk/tmp``, and :meth:`ShardWriter.commit` moves the files into
place with atomic renames before writing the marker. A run killed at any moment leaves each shard either
marked done (complete) or unmarked (to be done again, overwriting whatever it had moved into place), so
no record is lost or written twice.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from copydesk.errors import CopydeskError
from copydesk.record import Article, Reject
from copydesk.step import Item
from copydesk.write.jsonl import JsonlWriter
from copydesk.write.parquet import article_row, article_schema, reject_row, reject_schema, rows_table

OUTPUT_FORMATS = ("parquet", "jsonl")
TABLES = ("articles", "rejects")
_BATCH_ROWS = 128  # rows converted to Arrow at a time: bounds memory


def marker_path(out_dir: str | Path, shard_id: str) -> Path:
    """Where the summary that marks a shard done lives."""
    return Path(out_dir) / "_copydesk" / "done" / f"{shard_id}.json"


def read_marker(out_dir: str | Path, shard_id: str) -> dict[str, Any] | None:
    """The summary of a shard done and still on disk (its files as paths under ``out_dir``), or None."""
    try:
        summary: dict[str, Any] = orjson.loads(marker_path(out_dir, shard_id).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    summary["files"] = {t: str(Path(out_dir) / name) for t, name in summary.get("files", {}).items()}
    if not all(os.path.exists(path) for path in summary["files"].values()):
        return None  # its files were removed since: the shard is to be done again
    return summary


def shard_files(out_dir: str | Path, shard_id: str, fmt: str = "parquet") -> dict[str, Path]:
    """The final paths of a shard's files, by table."""
    suffix = ".parquet" if fmt == "parquet" else ".jsonl.gz"
    return {table: Path(out_dir) / table / f"part-{shard_id}{suffix}" for table in TABLES}


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class ShardWriter:
    """Write one shard's articles and rejects, then commit them atomically."""

    def __init__(self, out_dir: str | Path, shard_id: str, fmt: str = "parquet") -> None:
        if fmt not in OUTPUT_FORMATS:
            raise CopydeskError(f"unknown output format {fmt!r}: use one of {', '.join(OUTPUT_FORMATS)}")
        self.out_dir = Path(out_dir)
        self.shard_id = shard_id
        self.fmt = fmt
        self.final = shard_files(out_dir, shard_id, fmt)
        tmp_dir = self.out_dir / "_copydesk" / "tmp"
        try:
            tmp_dir.mkdir(parents=True, exist_ok=True)
            for path in self.final.values():
                path.parent.mkdir(parents=True, exist_ok=True)
            marker_path(out_dir, shard_id).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CopydeskError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
        pid = os.getpid()
        self.tmp = {t: tmp_dir / f"{p.stem}.{pid}{''.join(p.suffixes)}" for t, p in self.final.items()}
        self.counts = dict.fromkeys(TABLES, 0)
        self._rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self._writers: dict[str, Any] = {}

    def write(self, item: Item) -> None:
        """Add one item: an article or a reject (anything else is a bug in the pipeline)."""
        value = item.value
        if isinstance(value, Article):
            arrow = self.fmt == "parquet"
            row = article_row(item.key, item.input, item.source, item.position, value, arrow=arrow)
            table = "articles"
        elif isinstance(value, Reject):
            table, row = "rejects", reject_row(item.key, item.input, item.position, value)
        else:
            raise TypeError(f"item {item.key} left the pipeline as a {type(value).__name__}, not an article")
        self.counts[table] += 1
        rows = self._rows[table]
        rows.append(row)
        if len(rows) >= _BATCH_ROWS:
            self._flush(table)

    def _flush(self, table: str) -> None:
        rows = self._rows[table]
        if not rows:
            return
        writer = self._writers.get(table)
        if self.fmt == "jsonl":
            if writer is None:
                writer = self._writers[table] = JsonlWriter(self.tmp[table])
            for row in rows:
                writer.write(row)
        else:
            import pyarrow.parquet as pq

            schema = article_schema() if table == "articles" else reject_schema()
            if writer is None:
                writer = self._writers[table] = pq.ParquetWriter(self.tmp[table], schema, compression="zstd")
            writer.write_table(rows_table(rows, schema))
        rows.clear()

    def commit(self, summary: dict[str, Any]) -> dict[str, str]:
        """Move the files into place and mark the shard done; return the files written, by table."""
        written = {}
        for table in TABLES:
            self._flush(table)
            writer = self._writers.pop(table, None)
            if writer is not None:
                writer.close()
                os.replace(self.tmp[table], self.final[table])
                written[table] = str(self.final[table])
            elif self.final[table].exists():  # left by an earlier, unfinished attempt
                self.final[table].unlink()
        # Paths relative to the output folder, so that the folder can move.
        relative = {t: os.path.relpath(p, self.out_dir) for t, p in written.items()}
        _atomic_write(marker_path(self.out_dir, self.shard_id), orjson.dumps({**summary, "files": relative}))
        return written

    def abort(self) -> None:
        """Drop what was written (the shard stays not done)."""
        for table, writer in list(self._writers.items()):
            try:
                writer.close()
            finally:
                self.tmp[table].unlink(missing_ok=True)
        self._writers.clear()
