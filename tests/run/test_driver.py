"""Tests of copydesk.run.driver: a corpus run into a store or a folder, resumable and idempotent."""

from __future__ import annotations

import gzip
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from corpora import docs, fake_clean, jsonl, parquet, patch_cleaner, warc

from copydesk.ingest.shards import ReadOptions
from copydesk.run.driver import RunOptions, is_store, run_corpus


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    patch_cleaner(monkeypatch, fake_clean)


def options(shard_docs: int = 3, workers: int = 1, **kw: object) -> RunOptions:
    return RunOptions(read=ReadOptions(shard_docs=shard_docs), workers=workers, **kw)  # type: ignore[arg-type]


def mixed_inputs(tmp_path: Path) -> list[str]:
    """Every input format, with bad inputs among them."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("Page A\nBody of A.")
    (pages / "latin1.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "corrupt.jsonl.gz").write_bytes(gzip.compress(b"{}\n" * 50)[:12])
    return [
        str(jsonl(tmp_path / "c.jsonl", [*docs(5), "{bad", {"id": "b", "text": "boom"}])),
        str(jsonl(tmp_path / "z.jsonl.zst", docs(2, "z"), "zst")),
        str(parquet(tmp_path / "p.parquet", docs(4, "p"))),
        str(warc(tmp_path / "w.warc.gz", pages=2)),
        str(pages),
        str(tmp_path / "empty.jsonl"),
        str(tmp_path / "corrupt.jsonl.gz"),
    ]


EXPECTED_REJECTS = {"invalid_json": 1, "error": 1, "not_utf8": 1, "empty_input": 1, "corrupt": 1}


def test_driver_every_format_into_a_store(fake: None, tmp_path: Path) -> None:
    summary = run_corpus(mixed_inputs(tmp_path), tmp_path / "c.duckdb", options())
    assert summary.read == summary.written + summary.total_rejected == 19
    assert (summary.written, summary.rejected) == (14, EXPECTED_REJECTS)
    assert summary.skipped == {"warcinfo": 1, "request": 2, "not_html": 1}
    con = duckdb.connect(str(tmp_path / "c.duckdb"), read_only=True)
    assert con.sql("SELECT count(*), count(DISTINCT key) FROM articles").fetchall() == [(14, 14)]
    assert con.sql("SELECT count(*) FROM rejects").fetchall() == [(5,)]
    assert con.sql("SELECT status, read FROM runs").fetchall() == [("completed", 19)]
    assert not (tmp_path / "c.duckdb.work").exists()


def test_driver_second_run_adds_nothing(fake: None, tmp_path: Path) -> None:
    inputs = mixed_inputs(tmp_path)
    run_corpus(inputs, tmp_path / "c.duckdb", options())
    again = run_corpus(inputs, tmp_path / "c.duckdb", options())
    assert again.shards_resumed == again.shards and again.processed == 0 and again.read == 19
    con = duckdb.connect(str(tmp_path / "c.duckdb"), read_only=True)
    assert con.sql("SELECT count(*) FROM articles").fetchall() == [(14,)]
    assert con.sql("SELECT count(*) FROM runs").fetchall() == [(2,)]


def test_driver_resumes_from_shards_done_but_not_loaded(fake: None, tmp_path: Path) -> None:
    inputs = [str(jsonl(tmp_path / "c.jsonl", docs(9)))]
    run_corpus(inputs, tmp_path / "first.duckdb", options(keep_work=True))
    # A second store whose work folder already holds every shard: nothing is cleaned again.
    (tmp_path / "first.duckdb.work").rename(tmp_path / "second.duckdb.work")
    summary = run_corpus(inputs, tmp_path / "second.duckdb", options())
    assert summary.shards_done == 3 and summary.written == 9


def test_driver_folder_output_parquet(fake: None, tmp_path: Path) -> None:
    inputs = [str(jsonl(tmp_path / "c.jsonl", docs(7)))]
    summary = run_corpus(inputs, tmp_path / "out", options())
    table = pq.read_table(tmp_path / "out" / "articles")
    assert summary.written == table.num_rows == 7 and sorted(table.column("id").to_pylist()) == [
        f"d{i}" for i in range(7)
    ]
    again = run_corpus(inputs, tmp_path / "out", options())
    assert again.processed == 0 and pq.read_table(tmp_path / "out" / "articles").num_rows == 7


def test_driver_folder_output_jsonl(fake: None, tmp_path: Path) -> None:
    run_corpus([str(jsonl(tmp_path / "c.jsonl", docs(4)))], tmp_path / "out", options(out_format="jsonl"))
    parts = sorted((tmp_path / "out" / "articles").glob("*.jsonl.gz"))
    assert sum(len(gzip.decompress(p.read_bytes()).splitlines()) for p in parts) == 4


def test_driver_two_workers_give_the_same_store(fake: None, tmp_path: Path) -> None:
    inputs = [str(jsonl(tmp_path / "c.jsonl", docs(20)))]
    run_corpus(inputs, tmp_path / "one.duckdb", options(workers=1))
    run_corpus(inputs, tmp_path / "two.duckdb", options(workers=2))
    rows = [
        duckdb.connect(str(tmp_path / f"{n}.duckdb"), read_only=True)
        .sql("SELECT key, id, title, body FROM articles ORDER BY key")
        .fetchall()
        for n in ("one", "two")
    ]
    assert rows[0] == rows[1] and len(rows[0]) == 20


@pytest.mark.parametrize(
    ("out", "store"), [("c.duckdb", True), ("c.DB", True), ("out/", False), ("out", False)]
)
def test_driver_is_store(out: str, store: bool) -> None:
    assert is_store(out) is store
