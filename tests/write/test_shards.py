"""Tests of copydesk.write.shards: atomic commit of a shard's files and its done marker."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from copydesk.record import Article, Line, Reject
from copydesk.step import Item
from copydesk.write.shards import ShardWriter, marker_path, read_marker


def items(n: int) -> list[Item]:
    out = [
        Item(f"fp:{i}", Article(id=f"a{i}", body=["x"], lines=[Line(0, "x", "body")]), "in", i)
        for i in range(n)
    ]
    out.append(Item("fp:99", Reject(None, "invalid_json", "bad", "in:99"), "in", 99, "in:99"))
    return out


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_shards_writer_commit_moves_files_and_marks_done(tmp_path: Path, fmt: str) -> None:
    writer = ShardWriter(tmp_path, "s1", fmt)
    for item in items(300):
        writer.write(item)
    assert read_marker(tmp_path, "s1") is None
    files = writer.commit({"read": 301})
    assert set(files) == {"articles", "rejects"} and all(Path(f).exists() for f in files.values())
    assert read_marker(tmp_path, "s1") == {"read": 301, "files": files}
    assert not list((tmp_path / "_copydesk" / "tmp").iterdir())
    if fmt == "parquet":
        table = pq.read_table(files["articles"])
        assert table.num_rows == 300 and table.column("key")[0].as_py() == "fp:0"


def test_shards_writer_abort_leaves_nothing(tmp_path: Path) -> None:
    writer = ShardWriter(tmp_path, "s1")
    for item in items(200):
        writer.write(item)
    writer.abort()
    assert not marker_path(tmp_path, "s1").exists()
    assert not list(tmp_path.glob("*/*.parquet")) and not list((tmp_path / "_copydesk" / "tmp").iterdir())


def test_shards_writer_redo_removes_files_of_an_earlier_attempt(tmp_path: Path) -> None:
    first = ShardWriter(tmp_path, "s1")
    for item in items(2):
        first.write(item)
    first.commit({})
    marker_path(tmp_path, "s1").unlink()  # as if killed before the marker was written
    again = ShardWriter(tmp_path, "s1")
    again.write(items(1)[0])
    assert set(again.commit({})) == {"articles"}
    assert not (tmp_path / "rejects" / "part-s1.parquet").exists()


def test_shards_writer_refuses_values_that_are_not_records(tmp_path: Path) -> None:
    from copydesk.ingest.text import Document

    with pytest.raises(TypeError, match="Document"):
        ShardWriter(tmp_path, "s1").write(Item("k", Document("a", "text")))
