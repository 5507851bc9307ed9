"""Tests of copydesk.ingest.jsonl: JSONL lines into documents or rejects with reasons."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from copydesk.errors import InputError
from copydesk.ingest.jsonl import JsonlOptions, JsonlReader
from copydesk.ingest.text import Document
from copydesk.record import Reject


def write_lines(path: Path, lines: list[str | bytes]) -> Path:
    """Write ``lines`` (str or raw bytes) one a line."""
    path.write_bytes(b"".join((ln if isinstance(ln, bytes) else ln.encode()) + b"\n" for ln in lines))
    return path


def read_all(path: Path | str, **options: object) -> list[Document | Reject]:
    return list(JsonlReader(path, JsonlOptions(**options)))  # type: ignore[arg-type]


def test_jsonl_reads_documents_with_id_url_and_source(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.jsonl",
        [
            json.dumps({"id": "a", "text": "First page.", "url": "https://x.org/a"}),
            json.dumps({"id": "b", "text": "Second."}),
        ],
    )
    items = read_all(path)
    assert items == [
        Document("a", "First page.", "https://x.org/a", f"{path}:1"),
        Document("b", "Second.", None, f"{path}:2"),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("not json at all", "invalid_json"),
        ('{"id": "x", "text": "unterminated', "invalid_json"),
        ("[1, 2, 3]", "not_object"),
        ('"just a string"', "not_object"),
        ('{"id": "x"}', "missing_text"),
        ('{"id": "x", "body": "wrong field"}', "missing_text"),
        ('{"id": "x", "text": ""}', "empty_text"),
        ('{"id": "x", "text": "   \\n\\t "}', "empty_text"),
        ('{"id": "x", "text": 42}', "text_not_string"),
        ('{"id": "x", "text": null}', "text_not_string"),
        ('{"id": "x", "text": ["a", "b"]}', "text_not_string"),
        ('{"id": "x", "text": "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005abc"}', "binary"),
        ('{"id": "x", "text": "\\ufffd\\ufffd\\ufffd\\ufffd ok"}', "binary"),
        ('{"id": {"nested": 1}, "text": "fine text"}', "bad_id"),
        ('{"id": true, "text": "fine text"}', "bad_id"),
    ],
)
def test_jsonl_bad_line_becomes_reject_with_reason(tmp_path: Path, line: str, reason: str) -> None:
    path = write_lines(tmp_path / "c.jsonl", [line])
    [item] = read_all(path)
    assert isinstance(item, Reject)
    assert item.reason == reason
    assert item.source == f"{path}:1"
    assert item.detail


def test_jsonl_reject_keeps_the_id_when_it_is_known(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", ['{"id": "doc-7", "text": ""}'])
    [item] = read_all(path)
    assert isinstance(item, Reject) and item.id == "doc-7"


def test_jsonl_raw_binary_line_is_rejected_as_binary(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [bytes(range(0, 10)) * 20 + b"\xff\xfe\xfd" * 20])
    [item] = read_all(path)
    assert isinstance(item, Reject) and item.reason == "binary"


def test_jsonl_blank_lines_are_skipped_and_line_numbers_kept(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.jsonl",
        ["", json.dumps({"id": "a", "text": "A."}), "   ", json.dumps({"id": "b", "text": "B."})],
    )
    assert [item.source for item in read_all(path)] == [f"{path}:2", f"{path}:4"]


def test_jsonl_text_over_max_chars_is_too_large(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [json.dumps({"id": "big", "text": "x" * 200})])
    [item] = read_all(path, max_chars=100)
    assert isinstance(item, Reject) and (item.id, item.reason) == ("big", "too_large")


def test_jsonl_line_over_limit_is_skipped_unparsed_and_reading_goes_on(tmp_path: Path) -> None:
    huge = json.dumps({"id": "huge", "text": "y" * 50_000})
    path = write_lines(tmp_path / "c.jsonl", [huge, json.dumps({"id": "next", "text": "Next page."})])
    items = read_all(path, max_line_bytes=1000)
    assert isinstance(items[0], Reject)
    assert (items[0].id, items[0].reason, items[0].source) == ("huge", "too_large", f"{path}:1")
    assert isinstance(items[1], Document) and (items[1].id, items[1].source) == ("next", f"{path}:2")


def test_jsonl_line_over_limit_without_newline_at_end_of_file(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": "z" * 5000, "id": "late"}))
    [item] = read_all(path, max_line_bytes=100)
    assert isinstance(item, Reject) and (item.id, item.reason) == (None, "too_large")


def test_jsonl_nul_characters_are_stripped(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.jsonl", [json.dumps({"id": "a", "text": "A normal page of text\u0000 here."})]
    )
    [item] = read_all(path)
    assert isinstance(item, Document) and item.text == "A normal page of text here."


def test_jsonl_a_few_invalid_utf8_bytes_are_replaced(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.jsonl", [b'{"id": "a", "text": "A caf\xe9 in a long enough sentence of text."}']
    )
    [item] = read_all(path)
    assert isinstance(item, Document) and "caf\ufffd" in item.text


def test_jsonl_lone_surrogate_escape_is_replaced(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.jsonl", ['{"id": "a", "text": "broken \\ud800 surrogate in a longer text"}']
    )
    [item] = read_all(path)
    assert isinstance(item, Document) and item.text == "broken \ufffd surrogate in a longer text"


def test_jsonl_numeric_id_becomes_string(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", ['{"id": 17, "text": "A page."}', '{"text": "No id."}'])
    assert [item.id for item in read_all(path)] == ["17", None]


def test_jsonl_custom_field_names(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.jsonl", [json.dumps({"doc": "d1", "content": "Body.", "link": "https://x.org"})]
    )
    [item] = read_all(path, text_field="content", id_field="doc", url_field="link")
    assert item == Document("d1", "Body.", "https://x.org", f"{path}:1")


@pytest.mark.parametrize("name", ["c.jsonl.gz", "c.jsonl"])
def test_jsonl_gzip_input_is_recognised_by_its_magic_bytes(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(b'{"id": "a", "text": "A."}\n{"id": "b", "text": "B."}\n'))
    assert [item.id for item in read_all(path)] == ["a", "b"]


def test_jsonl_corrupt_gzip_raises_input_error(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"id": "a", "text": "A."}\n' * 100)[:40])
    with pytest.raises(InputError, match="cannot read"):
        read_all(path)


def test_jsonl_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(b'{"id": "s", "text": "From stdin."}\n')))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert read_all("-") == [Document("s", "From stdin.", None, "<stdin>:1")]


def test_jsonl_missing_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No such file"):
        read_all(tmp_path / "missing.jsonl")


def test_jsonl_tracks_bytes_read_and_size(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [json.dumps({"id": "a", "text": "A."})])
    reader = JsonlReader(path)
    list(reader)
    assert reader.bytes_read == reader.size == path.stat().st_size
