"""Tests of copydesk.ingest.shards: format detection, globs, fingerprints and shard plans."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpora import docs, jsonl, parquet, warc

from copydesk.errors import InputError
from copydesk.ingest.shards import ReadOptions, detect_format, expand_inputs, fingerprint, plan


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("c.jsonl", "jsonl"),
        ("c.JSONL.GZ", "jsonl"),
        ("c.jsonl.zst", "jsonl"),
        ("c.ndjson", "jsonl"),
        ("c.parquet", "parquet"),
        ("CC-NEWS-1.warc.gz", "warc"),
        ("c.warc", "warc"),
        ("p.txt", "text"),
        ("p.htm", "html"),
    ],
)
def test_shards_detect_format_from_the_name(name: str, fmt: str) -> None:
    assert detect_format(name) == fmt


def test_shards_detect_format_of_a_folder_and_an_unknown_name(tmp_path: Path) -> None:
    assert detect_format(str(tmp_path)) == "pages"
    with pytest.raises(InputError, match="--input-format"):
        detect_format("corpus.bin")


def test_shards_expand_inputs_globs_sorted_and_deduplicated(tmp_path: Path) -> None:
    for name in ("b.jsonl", "a.jsonl", "c.txt"):
        (tmp_path / name).write_text("")
    found = expand_inputs([str(tmp_path / "*.jsonl"), str(tmp_path / "a.jsonl")])
    assert found == [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]


@pytest.mark.parametrize("pattern", ["missing.jsonl", "nothing-*.jsonl"])
def test_shards_expand_inputs_missing_path_is_an_error(tmp_path: Path, pattern: str) -> None:
    with pytest.raises(InputError):
        expand_inputs([str(tmp_path / pattern)])


def test_shards_fingerprint_follows_content_not_name(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    a.write_bytes(b"same" * 1000)
    b.write_bytes(b"same" * 1000)
    c.write_bytes(b"other" * 1000)
    assert fingerprint(str(a)) == fingerprint(str(b)) != fingerprint(str(c))


def test_shards_plan_jsonl_spans_cover_every_line_once(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "c.jsonl", docs(10))
    shards = plan([str(path)], ReadOptions(shard_docs=4))
    assert [(s.start, s.stop, s.expected) for s in shards] == [(1, 5, 4), (5, 9, 4), (9, None, 2)]
    assert len({s.id for s in shards}) == 3 and not any(s.whole for s in shards)


def test_shards_plan_is_stable_and_reads_duplicate_inputs_once(tmp_path: Path) -> None:
    a = jsonl(tmp_path / "a.jsonl", docs(5))
    b = jsonl(tmp_path / "b.jsonl", docs(5))
    first = plan([str(a)], ReadOptions(shard_docs=2))
    assert [s.id for s in plan([str(a), str(b)], ReadOptions(shard_docs=2))] == [s.id for s in first]


def test_shards_plan_parquet_groups_row_groups(tmp_path: Path) -> None:
    path = parquet(tmp_path / "c.parquet", docs(9), row_group_size=2)
    shards = plan([str(path)], ReadOptions(shard_docs=4))
    assert [(s.start, s.stop, s.expected) for s in shards] == [(0, 2, 4), (2, 4, 4), (4, 5, 1)]


def test_shards_plan_warc_by_record_offsets(tmp_path: Path) -> None:
    path = warc(tmp_path / "c.warc.gz", pages=5)
    shards = plan([str(path)], ReadOptions(shard_docs=4))
    assert shards[0].start == 0 and all(a.stop == b.start for a, b in zip(shards, shards[1:], strict=False))
    assert sum(s.expected for s in shards) == 6  # five pages and one image


def test_shards_plan_folder_in_chunks_of_files(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"p{i}.txt").write_text(f"page {i}")
    shards = plan([str(tmp_path)], ReadOptions(shard_docs=2))
    assert [len(s.files) for s in shards] == [2, 2, 1]


def test_shards_plan_folder_of_data_files(tmp_path: Path) -> None:
    jsonl(tmp_path / "a.jsonl", docs(3))
    parquet(tmp_path / "sub" / "b.parquet" if (tmp_path / "sub").mkdir() is None else tmp_path, docs(2))
    (tmp_path / "p.txt").write_text("a page")
    shards = plan([str(tmp_path)], ReadOptions(shard_docs=10))
    assert sorted(s.format for s in shards) == ["jsonl", "pages", "parquet"]
    assert [s.format for s in plan([str(tmp_path)], ReadOptions(format="jsonl"))] == ["jsonl"]
