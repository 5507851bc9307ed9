"""Tests of copydesk.ingest.jsonl spans: zstd input, scan_spans and reading one span."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpora import docs, jsonl

from copydesk.ingest.jsonl import MAX_COMPRESSED_SPANS, JsonlReader, LineSpan, scan_spans


@pytest.mark.parametrize("compress", [None, "gz", "zst"])
@pytest.mark.parametrize("per_span", [1, 3, 50])
def test_jsonl_spans_read_every_line_once(tmp_path: Path, compress: str | None, per_span: int) -> None:
    lines: list[dict[str, object] | str] = [*docs(6), "", *docs(4, "e")]
    path = jsonl(tmp_path / "c.jsonl", lines, compress)
    spans = scan_spans(path, per_span)
    sources = [d.source for span in spans for d in JsonlReader(path, span=span)]
    assert sources == [d.source for d in JsonlReader(path)]
    assert sum(s.lines for s in spans) == 11


def test_jsonl_spans_of_a_compressed_file_are_few(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "c.jsonl.gz", docs(100), "gz")
    spans = scan_spans(path, 1)
    assert len(spans) <= MAX_COMPRESSED_SPANS and all(s.offset is None for s in spans)


def test_jsonl_span_reader_seeks_to_its_offset(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "c.jsonl", docs(5))
    span = scan_spans(path, 2)[1]
    reader = JsonlReader(path, span=span)
    assert [d.id for d in reader] == ["d2", "d3"] and reader.lineno == 4
    assert span == LineSpan(3, 5, span.offset, 2) and span.offset


def test_jsonl_file_without_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"id": "a", "text": "A."}\n{"id": "b", "text": "B."}')
    assert [s.lines for s in scan_spans(path, 10)] == [2]
