"""Tests of copydesk.write.duckdb: typed tables, indexes, and loads that never duplicate."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from copydesk.record import Article, Boilerplate, Entity, Line, Quote, Reject
from copydesk.step import Item
from copydesk.write.duckdb import Store
from copydesk.write.shards import ShardWriter


def shard(tmp_path: Path, name: str, keys: range) -> dict[str, str]:
    writer = ShardWriter(tmp_path / "work", name)
    for i in keys:
        article = Article(
            id=f"a{i}",
            publisher="The Paper",
            published="2025-11-14T08:00:00Z",
            body=["Body."],
            lines=[
                Line(0, "Body.", "body", 0.9),
                Line(1, "", "blank"),  # not stored: the lines table holds the non-blank lines
                Line(2, "Share", "boilerplate", 0.1, "share"),
            ],
            boilerplate=[Boilerplate("Share", "share", 2)],
            quotes=[Quote("Hello", "direct", 0, 5, "Ann Lee"), Quote("Bye", "direct", 6, 9, "Bo")],
            entities=[Entity("Ann Lee", "PERSON", ["Ann Lee"], [0])],
        )
        writer.write(Item(f"fp:{i}", article, "in.jsonl", i, f"in.jsonl:{i}"))
    writer.write(Item("fp:rej", Reject("r", "empty_text", "empty", "in.jsonl:99"), "in.jsonl", 99))
    return writer.commit({"input": "in.jsonl"})


def test_duckdb_store_tables_are_typed(tmp_path: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        store.load_shard("s1", shard(tmp_path, "s1", range(3)), {"input": "in.jsonl"}, "run1")
        types = dict(
            store.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'articles'"
            ).fetchall()
        )
        quotes = store.con.execute("SELECT key, quote, speaker FROM quotes ORDER BY key, quote").fetchall()
    assert (
        types["authors"] == "VARCHAR[]"
        and types["published_date"] == "DATE"
        and types["n_quotes"] == "BIGINT"
    )
    assert quotes[:2] == [("fp:0", 0, "Ann Lee"), ("fp:0", 1, "Bo")]


def test_duckdb_store_loads_each_key_once(tmp_path: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        store.load_shard("s1", shard(tmp_path, "s1", range(3)), {}, "run1")
        store.load_shard("s2", shard(tmp_path, "s2", range(1, 5)), {}, "run2")  # overlaps keys 1 and 2
        counts = store.counts()
        assert set(store.loaded_shards()) == {"s1", "s2"}
    assert (counts["articles"], counts["quotes"], counts["lines"], counts["rejects"]) == (5, 10, 10, 1)


def test_duckdb_store_loads_several_shards_in_one_transaction(tmp_path: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        added = store.load_shards(
            [("s1", shard(tmp_path, "s1", range(3)), {}), ("s2", shard(tmp_path, "s2", range(2, 5)), {})], "r"
        )
        assert (added, set(store.loaded_shards()), store.counts()["articles"]) == (5, {"s1", "s2"}, 5)
        broken = {"articles": str(tmp_path / "missing.parquet")}
        with pytest.raises(duckdb.Error):
            store.load_shards([("s3", shard(tmp_path, "s3", range(5, 7)), {}), ("s4", broken, {})], "r")
        # Nothing of a failed group stays: neither its good shard's rows nor its record.
        assert set(store.loaded_shards()) == {"s1", "s2"} and store.counts()["articles"] == 5


def test_duckdb_store_has_indexes(tmp_path: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        names = {row[0] for row in store.con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}
    assert {"articles_publisher", "quotes_speaker", "entities_name", "articles_published_date"} <= names


def test_duckdb_store_records_runs(tmp_path: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        store.begin_run("r1", ["in.jsonl"], {"workers": 2}, "local", 2)
        store.finish_run("r1", {"read": 4, "written": 3, "rejected": 1, "skipped": 0, "seconds": 1.5})
        row = store.con.execute("SELECT status, read, written, rejected, inputs FROM runs").fetchall()
    assert row == [("completed", 4, 3, 1, ["in.jsonl"])]


def test_duckdb_store_survives_reopening(tmp_path: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        store.load_shard("s1", shard(tmp_path, "s1", range(2)), {"read": 3}, "run1")
    with Store(tmp_path / "c.duckdb") as store:
        assert store.loaded_shards() == {"s1": {"read": 3}} and store.counts()["articles"] == 2


def test_duckdb_store_creates_its_folder(tmp_path: Path) -> None:
    with Store(tmp_path / "new" / "c.duckdb") as store:
        assert store.counts()["articles"] == 0
