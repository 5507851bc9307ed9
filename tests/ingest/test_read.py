"""Tests of copydesk.ingest.read: every input format into items, and bad inputs into rejects."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from corpora import docs, html_page, jsonl, parquet, warc, warc_record

from copydesk.ingest.jsonl import JsonlOptions
from copydesk.ingest.read import Read
from copydesk.ingest.shards import ReadOptions, plan
from copydesk.ingest.text import Document
from copydesk.record import Reject
from copydesk.step import Item, StepStats


def read_all(inputs: list[str], shard_docs: int = 1000, fmt: str = "auto") -> tuple[list[Item], StepStats]:
    """Plan the inputs and read every shard."""
    stats = StepStats()
    items: list[Item] = []
    for shard in plan(inputs, ReadOptions(format=fmt, shard_docs=shard_docs)):
        items.extend(Read(fields=JsonlOptions()).run([], stats, shard))
    return items, stats


def values(items: list[Item]) -> list[tuple[str | None, bool]]:
    return [(i.value.id, isinstance(i.value, Document)) for i in items]


@pytest.mark.parametrize("compress", [None, "gz", "zst"])
def test_read_jsonl_plain_gzip_and_zstd(tmp_path: Path, compress: str | None) -> None:
    suffix = {None: "", "gz": ".gz", "zst": ".zst"}[compress]
    path = jsonl(tmp_path / f"c.jsonl{suffix}", docs(7), compress)
    items, stats = read_all([str(path)], shard_docs=3)
    assert [i.value.id for i in items] == [f"d{i}" for i in range(7)]
    assert [i.source for i in items] == [f"{path}:{n}" for n in range(1, 8)]
    assert len({i.key for i in items}) == 7 and stats.seen == 7


def test_read_keys_do_not_depend_on_the_shard_size(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "c.jsonl", docs(10))
    assert [i.key for i in read_all([str(path)], 3)[0]] == [i.key for i in read_all([str(path)], 100)[0]]


def test_read_parquet_rows_with_bad_ones_rejected(tmp_path: Path) -> None:
    rows = [*docs(4), {"id": "e", "text": "", "url": None}, {"id": "n", "text": None, "url": None}]
    path = parquet(tmp_path / "c.parquet", rows)
    items, _ = read_all([str(path)], shard_docs=2)
    assert [(i.value.id, getattr(i.value, "reason", None)) for i in items] == [
        ("d0", None),
        ("d1", None),
        ("d2", None),
        ("d3", None),
        ("e", "empty_text"),
        ("n", "text_not_string"),
    ]
    assert items[1].value.url == "https://x.org/1"  # type: ignore[union-attr]


@pytest.mark.parametrize("gz", [True, False])
def test_read_warc_html_responses_and_counts_the_rest(tmp_path: Path, gz: bool) -> None:
    path = warc(tmp_path / ("c.warc.gz" if gz else "c.warc"), pages=3, gz=gz)
    items, stats = read_all([str(path)], shard_docs=2)
    assert [i.value.url for i in items] == [f"https://x.org/{i}" for i in range(3)]  # type: ignore[union-attr]
    assert all(isinstance(i.value, Document) and i.value.html for i in items)
    assert stats.skipped == {"warcinfo": 1, "request": 3, "not_html": 1}


@pytest.mark.parametrize("kind", ["text", "html"])
def test_read_folder_of_pages(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    for i in range(3):
        target = folder / ("sub" if i == 2 else "") / f"p{i}.{'txt' if kind == 'text' else 'html'}"
        target.write_bytes(html_page(i) if kind == "html" else f"Story {i}\nBody {i}.".encode())
    (folder / "notes.md").write_text("not a page")
    items, _ = read_all([str(folder)], shard_docs=2)
    assert [i.value.id for i in items] == ["p0", "p1", "p2"]
    assert all(isinstance(i.value, Document) and i.value.html == (kind == "html") for i in items)
    assert len({i.key for i in items}) == 3


def test_read_single_page_files_and_globs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Story A\nBody.")
    (tmp_path / "b.html").write_bytes(html_page(1))
    items, _ = read_all([str(tmp_path / "*.txt"), str(tmp_path / "b.html")])
    assert values(items) == [("a", True), ("b", True)]


def test_read_input_format_overrides_the_name(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "corpus.data", docs(2))
    assert len(read_all([str(path)], fmt="jsonl")[0]) == 2


def reject_of(tmp_path: Path, name: str, data: bytes) -> Reject:
    path = tmp_path / name
    path.write_bytes(data)
    items, _ = read_all([str(path)])
    assert len(items) == 1 and isinstance(items[0].value, Reject)
    return items[0].value


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.jsonl", b"", "empty_input"),
        ("blank.jsonl", b"\n\n", "empty_input"),
        ("empty.txt", b"", "empty_text"),
        ("empty.warc.gz", b"", "empty_input"),
        ("latin1.txt", "Caf\u00e9 cr\u00e8me story".encode("latin-1"), "not_utf8"),
        ("blob.txt", bytes(range(32)) * 40, "binary"),
        ("corrupt.jsonl.gz", gzip.compress(b"{}\n" * 200)[:12], "corrupt"),
        ("garbage.warc", b"this is not a WARC file\n" * 20, "corrupt"),
        ("garbage.parquet", b"PAR1 not really", "unreadable"),
    ],
)
def test_read_bad_input_becomes_one_reject(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    reject = reject_of(tmp_path, name, data)
    assert reject.reason == reason and reject.detail


def test_read_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    whole = warc(tmp_path / "w.warc", pages=3, gz=False).read_bytes()
    cut = whole.index(b"Story 2</h1>")
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[:cut])
    items, _ = read_all([str(path)])
    outcomes = [getattr(i.value, "reason", "doc") for i in items]
    assert outcomes == ["doc", "doc", "truncated"]


def test_read_corrupt_gzip_keeps_the_documents_before_the_damage(tmp_path: Path) -> None:
    data = gzip.compress(
        "".join(f'{{"id": "d{i}", "text": "Text {i} {"x" * (i % 97)}"}}\n' for i in range(3000)).encode()
    )
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items, _ = read_all([str(path)])
    assert isinstance(items[-1].value, Reject) and items[-1].value.reason == "corrupt"
    assert all(isinstance(i.value, Document) for i in items[:-1]) and len(items) > 100


def test_read_unreadable_page_in_a_folder_is_rejected(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "ok.txt").write_text("A story.")
    os.symlink(tmp_path / "gone.txt", folder / "broken.txt")  # unreadable even for root
    items, _ = read_all([str(folder)])
    assert [(i.value.id, getattr(i.value, "reason", None)) for i in items] == [
        ("broken", "unreadable"),
        ("ok", None),
    ]


def test_read_folder_without_pages_is_one_reject(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    items, _ = read_all([str(tmp_path / "empty")])
    assert [getattr(i.value, "reason", None) for i in items] == ["empty_input"]


def test_read_200mb_single_line_is_rejected_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    chunk = b"x" * (1 << 20)
    with open(path, "wb") as file:
        file.write(b'{"id": "huge", "text": "')
        for _ in range(200):
            file.write(chunk)
        file.write(b'"}\n' + b'{"id": "next", "text": "A normal page."}\n')
    items, _ = read_all([str(path)])
    assert [(i.value.id, getattr(i.value, "reason", None)) for i in items] == [
        ("huge", "too_large"),
        ("next", None),
    ]


def test_read_warc_record_over_the_limit_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    path.write_bytes(warc_record("response", "https://x.org/big", b"<p>" + b"x" * 5000 + b"</p>"))
    stats = StepStats()
    from copydesk.ingest.warc import WarcReader

    out = list(WarcReader(path, max_chars=100))
    assert [getattr(v, "reason", None) for _, v in out] == ["too_large"] and not stats.skipped


def test_read_unreadable_input_file_is_one_reject(tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone.jsonl", tmp_path / "broken.jsonl")  # matched by a glob, unreadable
    items, _ = read_all([str(tmp_path / "*.jsonl")])
    assert [getattr(i.value, "reason", None) for i in items] == ["unreadable"]
    assert "broken.jsonl" in items[0].value.detail  # type: ignore[union-attr]
